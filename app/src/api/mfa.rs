//! MFA devices in the console, for a named user or, with an empty `user_name`, for the signed-in principal (the
//! root included): list, enroll (create, then enable with two consecutive codes), resync, deactivate, and cancel
//! an enrollment. With JavaScript off, the step a page is on travels in the query string ([`ENROLLING_PARAM`],
//! [`DONE_PARAM`]) and the new device's secret through the session, until the enrollment ends.

use leptos::prelude::*;

use crate::model::mfa::{MfaDeviceView, MfaEnrollment};
use crate::model::IamError;

/// Query parameter naming the device being enrolled after a plain form post created it.
pub const ENROLLING_PARAM: &str = "mfa_enrolling";
/// Query parameter saying which MFA action a plain form post just completed (`enabled`, `resynced`, `deactivated`).
pub const DONE_PARAM: &str = "mfa_done";

/// The enabled devices of `user_name` (empty: the caller), and the enrollment of device `enrolling` (the page's
/// [`ENROLLING_PARAM`]) that a plain form post created for them, if it is still in progress. One call, so that the
/// page loads both in the same pass.
#[server(prefix = "/api", endpoint = "mfa_devices")]
pub async fn mfa_devices(
    user_name: String,
    enrolling: Option<String>,
) -> Result<(Vec<MfaDeviceView>, Option<MfaEnrollment>), IamError> {
    use super::mfa_support::{peek_enrollment, whose};
    use super::ssr::{call_and_session, respond};

    respond(
        async {
            let (state, call, session) = call_and_session().await?;
            let stashed = peek_enrollment(&state, &call, &session, &user_name, enrolling.as_deref()).await?;
            let devices = state.iam.list_mfa_devices(&call, whose(&user_name)?).await?;
            Ok((devices, stashed))
        }
        .await,
    )
}

/// Creates a virtual device named `device_name` (blank: the user's name, or the root's usual device name). A device
/// of that name left unassigned by an abandoned enrollment is deleted and the name reused. For a form post the answer
/// waits in the session, for the page named by the redirect.
#[server(prefix = "/api", endpoint = "create_mfa_device")]
pub async fn create_mfa_device(user_name: String, device_name: String) -> Result<MfaEnrollment, IamError> {
    use super::mfa_support::{create_replacing_abandoned, device_name_or_default, stash_enrollment, whose};
    use super::ssr::{call_and_session, plain_form_post, redirect_plain_form_back, respond};

    respond(
        async {
            let (state, call, session) = call_and_session().await?;
            let user = whose(&user_name)?;
            let name = device_name_or_default(&call, user.as_ref(), &device_name)?;
            let created = create_replacing_abandoned(&state, &call, name).await?;
            let enrollment = MfaEnrollment {
                user_name,
                serial_number: created.serial_number,
                base32_string_seed: created.base32_string_seed,
                qr_code_svg: created.qr_code_svg,
            };
            if plain_form_post() {
                stash_enrollment(&state, &call, &session, &enrollment).await?;
                redirect_plain_form_back(&[(ENROLLING_PARAM, Some(&enrollment.serial_number)), (DONE_PARAM, None)]);
            }
            Ok(enrollment)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "enable_mfa_device")]
pub async fn enable_mfa_device(
    user_name: String,
    serial_number: String,
    code1: String,
    code2: String,
) -> Result<(), IamError> {
    use super::mfa_support::{done, forget_enrollment, whose};
    use super::ssr::{call_and_session, respond};

    respond(
        async {
            let (state, call, session) = call_and_session().await?;
            state.iam.enable_mfa_device(&call, whose(&user_name)?, &serial_number, code1.trim(), code2.trim()).await?;
            forget_enrollment(&state, &call, &session, &serial_number).await?;
            done("enabled");
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "resync_mfa_device")]
pub async fn resync_mfa_device(
    user_name: String,
    serial_number: String,
    code1: String,
    code2: String,
) -> Result<(), IamError> {
    use super::mfa_support::{done, whose};
    use super::ssr::{call, respond};

    respond(
        async {
            let (state, call) = call().await?;
            state.iam.resync_mfa_device(&call, whose(&user_name)?, &serial_number, code1.trim(), code2.trim()).await?;
            done("resynced");
            Ok(())
        }
        .await,
    )
}

/// Deactivates a device after an explicit confirmation. A principal deactivating their own device must also give
/// a current code from one of their devices: a stolen session alone cannot strip MFA off an account.
#[server(prefix = "/api", endpoint = "deactivate_mfa_device")]
pub async fn deactivate_mfa_device(
    user_name: String,
    serial_number: String,
    confirm: Option<String>,
    code: Option<String>,
) -> Result<(), IamError> {
    use super::mfa_support::{done, prove_own_device, whose};
    use super::ssr::{call, respond};

    respond(
        async {
            let (state, call) = call().await?;
            if confirm.as_deref().is_none_or(str::is_empty) {
                return Err(IamError::ValidationError(format!(
                    "tick the box to confirm deactivating the MFA device `{serial_number}`"
                )));
            }
            let user = whose(&user_name)?;
            prove_own_device(&state, &call, user.as_ref(), code.as_deref()).await?;
            state.iam.deactivate_mfa_device(&call, user, &serial_number).await?;
            done("deactivated");
            Ok(())
        }
        .await,
    )
}

/// Abandons an enrollment: deletes the device that was created but never enabled.
#[server(prefix = "/api", endpoint = "cancel_mfa_enrollment")]
pub async fn cancel_mfa_enrollment(serial_number: String) -> Result<(), IamError> {
    use super::mfa_support::forget_enrollment;
    use super::ssr::{call_and_session, redirect_plain_form_back, respond};

    respond(
        async {
            let (state, call, session) = call_and_session().await?;
            state.iam.delete_virtual_mfa_device(&call, &serial_number).await?;
            forget_enrollment(&state, &call, &session, &serial_number).await?;
            redirect_plain_form_back(&[(ENROLLING_PARAM, None), (DONE_PARAM, None)]);
            Ok(())
        }
        .await,
    )
}
