//! What the console session remembers: who signed in, when, and with or without MFA. The session id is cycled at
//! every sign-in so an id planted before sign-in is worthless after it.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

use crate::backend::crypto::MasterKey;
use crate::model::{IamError, PrincipalKind};

const SIGNED_IN: &str = "signed_in";
const PENDING: &str = "pending_sign_in";
const NEW_ACCESS_KEY: &str = "new_access_key";
const NEW_MFA_DEVICE: &str = "new_mfa_device";

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

/// Whose console session a record is, as the store's indexed `principal` column holds it, so that every session of one
/// principal can be ended at once (a password change, a removed MFA device, a deleted user). Names are unique per
/// account case-insensitively, so the key folds case. Sessions name the user rather than its id because that is what
/// they record; a rename ends the old name's sessions, so a later user of the name never inherits them.
pub fn principal_key(account_id: &str, user_name: Option<&str>) -> String {
    match user_name {
        None => format!("{account_id}:root"),
        Some(name) => format!("{account_id}:user/{}", name.to_lowercase()),
    }
}

/// What the store needs from a session record: the principal it belongs to (signed in, or half-way through a sign-in
/// that already proved the password, which must not finish once that password is gone), and when a signed-in
/// session began (Unix seconds) for its absolute lifetime.
pub fn record_owner(data: &std::collections::HashMap<String, serde_json::Value>) -> (Option<String>, Option<i64>) {
    let signed_in = data.get(SIGNED_IN).and_then(|value| serde_json::from_value::<SignedIn>(value.clone()).ok());
    if let Some(who) = signed_in {
        return (Some(principal_key(&who.account_id, who.user_name.as_deref())), Some(who.signed_in_at));
    }
    let pending = data.get(PENDING).and_then(|value| serde_json::from_value::<PendingSignIn>(value.clone()).ok());
    let principal = pending.map(|p| principal_key(&p.account_id, (!p.root).then_some(p.user_name.as_str())));
    (principal, None)
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
    /// The IAM user's name; for the root, its email (shown on the step pages only).
    pub user_name: String,
    /// Empty for the root.
    pub user_id: String,
    /// The account root, whose MFA devices are its own (not a user's) and whose session is a root session.
    #[serde(default)]
    pub root: bool,
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

/// A one-time secret waiting in the session for a browser without JavaScript, which cannot read a server
/// function's answer and sees it on the page after the form post instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretSlot {
    /// A just-created access key, taken (and so removed) by the first page that shows it.
    NewAccessKey,
    /// A just-created virtual MFA device's seed, shown until the enrollment ends.
    NewMfaDevice,
}

impl SecretSlot {
    fn name(self) -> &'static str {
        match self {
            SecretSlot::NewAccessKey => NEW_ACCESS_KEY,
            SecretSlot::NewMfaDevice => NEW_MFA_DEVICE,
        }
    }
}

/// What a slot holds: the sealed secret, and which request first showed it.
#[derive(Serialize, Deserialize)]
struct StashedSecret {
    sealed: String,
    shown_to_request: Option<String>,
}

/// Sessions are rows in the database, where access-key secrets and TOTP seeds are only ever stored sealed (DESIGN
/// rule 4): the value is serialized, then sealed under the master key with the slot's name as associated data.
pub async fn stash_secret<T: Serialize>(
    session: &Session,
    keys: &MasterKey,
    slot: SecretSlot,
    value: &T,
) -> Result<(), String> {
    let json = serde_json::to_vec(value).map_err(|e| format!("serializing a session secret: {e}"))?;
    let sealed = keys.seal(&json, slot.name()).map_err(|e| format!("sealing a session secret: {e}"))?;
    let stashed = StashedSecret { sealed, shown_to_request: None };
    session.insert(slot.name(), stashed).await.map_err(store_failure)
}

/// The secret in `slot`, left in place.
pub async fn peek_secret<T: DeserializeOwned>(
    session: &Session,
    keys: &MasterKey,
    slot: SecretSlot,
) -> Result<Option<T>, String> {
    let stashed: Option<StashedSecret> = session.get(slot.name()).await.map_err(store_failure)?;
    stashed.map(|stashed| open_secret(keys, slot, &stashed.sealed)).transpose()
}

/// The secret in `slot` for the one request that shows it. Server-side rendering may run a page's resource more
/// than once for one request, so "taking" it cannot mean removing it on the first read: the first read marks it as
/// shown to this request (`request_id`), every read of that request gets it, and the first read by any later
/// request (a reload, the next page) removes it and gets nothing.
pub async fn take_secret<T: DeserializeOwned>(
    session: &Session,
    keys: &MasterKey,
    slot: SecretSlot,
    request_id: &str,
) -> Result<Option<T>, String> {
    let Some(mut stashed) = session.get::<StashedSecret>(slot.name()).await.map_err(store_failure)? else {
        return Ok(None);
    };
    match stashed.shown_to_request.as_deref() {
        Some(shown_to) if shown_to == request_id => {}
        Some(_) => {
            drop_secret(session, slot).await?;
            return Ok(None);
        }
        None => {
            stashed.shown_to_request = Some(request_id.to_owned());
            session.insert(slot.name(), &stashed).await.map_err(store_failure)?;
        }
    }
    open_secret(keys, slot, &stashed.sealed).map(Some)
}

pub async fn drop_secret(session: &Session, slot: SecretSlot) -> Result<(), String> {
    session.remove_value(slot.name()).await.map(|_| ()).map_err(store_failure)
}

fn open_secret<T: DeserializeOwned>(keys: &MasterKey, slot: SecretSlot, sealed: &str) -> Result<T, String> {
    let json = keys.open(sealed, slot.name()).map_err(|e| format!("opening a session secret: {e}"))?;
    serde_json::from_slice(&json).map_err(|e| format!("reading a session secret: {e}"))
}

pub async fn sign_out(session: &Session) -> Result<(), String> {
    session.flush().await.map_err(store_failure)
}

pub fn not_signed_in() -> IamError {
    IamError::NotSignedIn("sign in to continue".into())
}
