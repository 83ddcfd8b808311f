//! What the console session remembers: who signed in, when, and with or without MFA. The session id is cycled at
//! every sign-in so an id planted before sign-in is worthless after it.

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::model::{IamError, PrincipalKind};

const SIGNED_IN: &str = "signed_in";
const PENDING: &str = "pending_sign_in";
const NEW_ACCESS_KEY: &str = "new_access_key";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub kind: PrincipalKind,
    pub account_id: String,
    /// The IAM user's name; `None` for root.
    pub user_name: Option<String>,
    /// Unix seconds, from the injected clock.
    pub signed_in_at: i64,
    /// Unix seconds of the last MFA proof, if any (for `aws:MultiFactorAuthAge`).
    pub mfa_at: Option<i64>,
}

impl SignedIn {
    /// Root, signed in at `now` (Unix seconds) with a password only.
    pub fn root(account_id: String, now: i64) -> Self {
        Self { kind: PrincipalKind::Root, account_id, user_name: None, signed_in_at: now, mfa_at: None }
    }
}

fn store_failure(err: impl std::fmt::Display) -> String {
    format!("session store: {err}")
}

pub async fn current(session: &Session) -> Result<Option<SignedIn>, String> {
    session.get::<SignedIn>(SIGNED_IN).await.map_err(store_failure)
}

/// Records a sign-in under a fresh session id. A half-finished IAM user sign-in ends here too.
pub async fn sign_in(session: &Session, who: SignedIn) -> Result<(), String> {
    session.cycle_id().await.map_err(store_failure)?;
    session.remove_value(PENDING).await.map_err(store_failure)?;
    session.insert(SIGNED_IN, who).await.map_err(store_failure)
}

/// An IAM user's sign-in between its steps: the password was proved, but a TOTP code and/or a new password are still
/// owed. It is not a signed-in session: `current` never reads it, and nothing but the next sign-in step uses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSignIn {
    pub account_id: String,
    pub user_name: String,
    pub user_id: String,
    pub needs_mfa: bool,
    pub needs_password_change: bool,
    /// Unix seconds when the MFA code was accepted.
    pub mfa_at: Option<i64>,
    /// Unix seconds when the password was proved: the pending state expires some minutes later.
    pub started_at: i64,
    /// Wrong codes or old passwords so far: after a few the sign-in starts over, so codes cannot be guessed at leisure.
    pub failures: u32,
}

pub async fn pending(session: &Session) -> Result<Option<PendingSignIn>, String> {
    session.get::<PendingSignIn>(PENDING).await.map_err(store_failure)
}

/// Starts (`start`: under a fresh session id, ending whoever was signed in before) or updates a pending sign-in.
pub async fn set_pending(session: &Session, state: PendingSignIn, start: bool) -> Result<(), String> {
    if start {
        session.cycle_id().await.map_err(store_failure)?;
        session.remove_value(SIGNED_IN).await.map_err(store_failure)?;
    }
    session.insert(PENDING, state).await.map_err(store_failure)
}

pub async fn clear_pending(session: &Session) -> Result<(), String> {
    session.remove_value(PENDING).await.map(|_| ()).map_err(store_failure)
}

/// A just-created access key, kept for the one page load that shows it to a browser without JavaScript (which
/// cannot read the server function's answer). Taken, and so removed, by the first page that shows it.
pub async fn stash_new_access_key<T: Serialize>(session: &Session, key: &T) -> Result<(), String> {
    session.insert(NEW_ACCESS_KEY, key).await.map_err(store_failure)
}

pub async fn take_new_access_key<T: serde::de::DeserializeOwned>(session: &Session) -> Result<Option<T>, String> {
    session.remove::<T>(NEW_ACCESS_KEY).await.map_err(store_failure)
}

pub async fn sign_out(session: &Session) -> Result<(), String> {
    session.flush().await.map_err(store_failure)
}

pub fn not_signed_in() -> IamError {
    IamError::NotSignedIn("sign in to continue".into())
}
