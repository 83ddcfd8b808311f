//! The server side of the console's MFA forms that is not a service call: who a form is about, the default device
//! name, replacing an abandoned enrollment, the one-time secret in the session, and the proof a principal gives
//! before removing their own device.

use crate::backend::auth::session::{self as signed, SecretSlot};
use crate::backend::service::{ids, Call, Identity};
use crate::backend::AppState;
use crate::model::mfa::{MfaEnrollment, VirtualMfaCreated};
use crate::model::{IamError, IamPath, MfaDeviceName, UserName};

use super::mfa::{DONE_PARAM, ENROLLING_PARAM};
use super::ssr::redirect_plain_form_back;
use tower_sessions::Session;

/// AWS's console name for the root's virtual device.
const ROOT_DEVICE_NAME: &str = "root-account-mfa-device";

/// A form's `user_name`: a user, or (empty) the signed-in principal, which the service takes as `None`.
pub fn whose(user_name: &str) -> Result<Option<UserName>, IamError> {
    let user_name = user_name.trim();
    if user_name.is_empty() {
        Ok(None)
    } else {
        UserName::parse(user_name).map(Some)
    }
}

/// The name typed, or else the name of whoever the device is for.
pub fn device_name_or_default(call: &Call, user: Option<&UserName>, typed: &str) -> Result<MfaDeviceName, IamError> {
    let typed = typed.trim();
    if !typed.is_empty() {
        return MfaDeviceName::parse(typed);
    }
    match (user, &call.caller.identity) {
        (Some(user), _) => MfaDeviceName::parse(user.as_str()),
        (None, Identity::User { name, .. }) => MfaDeviceName::parse(name),
        (None, Identity::Root) => MfaDeviceName::parse(ROOT_DEVICE_NAME),
    }
}

/// Creates the device; if the name is taken by a device that was created but never enabled (an abandoned
/// enrollment: its seed was shown once and can never be shown again, so it cannot be resumed), deletes that device
/// and creates it afresh. A name taken by an enabled device stays an error.
pub async fn create_replacing_abandoned(
    state: &AppState,
    call: &Call,
    name: MfaDeviceName,
) -> Result<VirtualMfaCreated, IamError> {
    let first = state
        .iam
        .create_virtual_mfa_device(call, name.clone(), IamPath::root())
        .await;
    let Err(IamError::EntityAlreadyExists(taken)) = first else {
        return first;
    };
    // The console always creates devices at path `/`, so this is the serial of the device it created before.
    let serial = ids::mfa_arn(call.account_id(), "/", name.as_str());
    match state.iam.delete_virtual_mfa_device(call, &serial).await {
        Ok(()) => state.iam.create_virtual_mfa_device(call, name, IamPath::root()).await,
        Err(IamError::DeleteConflict(_)) => Err(IamError::EntityAlreadyExists(format!(
            "an enabled MFA device is already named `{}`; choose another device name",
            name.as_str()
        ))),
        // Another path or another case of the name: not one of ours to replace.
        Err(IamError::NoSuchEntity(_)) => Err(IamError::EntityAlreadyExists(taken)),
        Err(other) => Err(other),
    }
}

pub async fn stash_enrollment(
    state: &AppState,
    call: &Call,
    session: &Session,
    enrollment: &MfaEnrollment,
) -> Result<(), IamError> {
    signed::stash_secret(session, state.iam.master_key(), SecretSlot::NewMfaDevice, enrollment)
        .await
        .map_err(|e| call.internal(e))
}

/// The stashed enrollment for `user_name` whose serial number the page's address names. It is read, not taken: a
/// page may be rendered more than once on the server, and a discarded render must not consume the only copy. It
/// stays until the enrollment ends ([`forget_enrollment`]) or the next one replaces it, so a person without
/// JavaScript who mistypes a code still sees the QR code; it never outlives the device being unassigned.
pub async fn peek_enrollment(
    state: &AppState,
    call: &Call,
    session: &Session,
    user_name: &str,
    serial: Option<&str>,
) -> Result<Option<MfaEnrollment>, IamError> {
    let Some(serial) = serial.filter(|s| !s.is_empty()) else {
        return Ok(None);
    };
    let stashed: Option<MfaEnrollment> = signed::peek_secret(session, state.iam.master_key(), SecretSlot::NewMfaDevice)
        .await
        .map_err(|e| call.internal(e))?;
    Ok(stashed.filter(|e| e.user_name.eq_ignore_ascii_case(user_name.trim()) && e.serial_number == serial))
}

/// Drops the stashed enrollment of `serial` once it is enabled or cancelled: the secret is not needed any more.
pub async fn forget_enrollment(state: &AppState, call: &Call, session: &Session, serial: &str) -> Result<(), IamError> {
    let stashed: Option<MfaEnrollment> = signed::peek_secret(session, state.iam.master_key(), SecretSlot::NewMfaDevice)
        .await
        .map_err(|e| call.internal(e))?;
    if stashed.is_some_and(|e| e.serial_number == serial) {
        signed::drop_secret(session, SecretSlot::NewMfaDevice).await.map_err(|e| call.internal(e))?;
    }
    Ok(())
}

/// A plain form post that completed `what` goes back to its page with the enrollment step closed.
pub fn done(what: &str) {
    redirect_plain_form_back(&[(ENROLLING_PARAM, None), (DONE_PARAM, Some(what))]);
}

/// When the caller acts on their own devices, `code` must be a current code of one of them (accepted once, like a
/// sign-in code). An administrator acting on someone else's devices needs only the permission.
pub async fn prove_own_device(
    state: &AppState,
    call: &Call,
    user: Option<&UserName>,
    code: Option<&str>,
) -> Result<(), IamError> {
    let own_id = match (&call.caller.identity, user) {
        (Identity::Root, None) => None,
        (Identity::User { user_id, .. }, None) => Some(user_id.as_str()),
        (Identity::User { user_id, name, .. }, Some(user)) if name.eq_ignore_ascii_case(user.as_str()) => {
            Some(user_id.as_str())
        }
        _ => return Ok(()),
    };
    let code = code.map(str::trim).filter(|c| !c.is_empty()).ok_or_else(|| {
        IamError::ValidationError("enter a current code from your MFA device to prove you still hold it".into())
    })?;
    state
        .iam
        .verify_mfa_sign_in(&call.ctx, call.account_id(), own_id, code)
        .await
}
