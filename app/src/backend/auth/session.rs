//! What the console session remembers: who signed in, when, and with or without MFA. The session id is cycled at
//! every sign-in so an id planted before sign-in is worthless after it.

use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::model::{IamError, PrincipalKind};

const SIGNED_IN: &str = "signed_in";

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

/// Records a sign-in under a fresh session id.
pub async fn sign_in(session: &Session, who: SignedIn) -> Result<(), String> {
    session.cycle_id().await.map_err(store_failure)?;
    session.insert(SIGNED_IN, who).await.map_err(store_failure)
}

pub async fn sign_out(session: &Session) -> Result<(), String> {
    session.flush().await.map_err(store_failure)
}

pub fn not_signed_in() -> IamError {
    IamError::NotSignedIn("sign in to continue".into())
}
