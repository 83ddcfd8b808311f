//! MFA for one principal: a named user (the user detail page) or the signed-in principal, root included (`/mfa`).
//! Lists the enabled devices, assigns a new virtual device and walks through enabling it, resyncs, deactivates.
//! One component for both pages, parameterised by whose devices they are.
//!
//! Every form is a plain form post the server redirects back to the page, so the enrollment in progress comes from
//! two places: the device's serial travels in the query string (which keeps the step open when a code is refused)
//! and its secret waits in the session until the device is enabled or the enrollment cancelled.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::error_view::ErrorView;
use super::form_error::{action_error, FormError};
use super::loading::Loading;
use super::mfa_devices::MfaDeviceList;
use super::mfa_enrollment::MfaEnrollmentView;
use super::permitted::Permitted;
use super::state::use_console_state;
use crate::api::mfa::{
    mfa_devices, CancelMfaEnrollment, CreateMfaDevice, DeactivateMfaDevice, EnableMfaDevice, ResyncMfaDevice,
    DONE_PARAM, ENROLLING_PARAM,
};
use crate::model::{PrincipalKind, ERROR_PARAM};

/// What the notice says after each completed action.
fn done_message(what: &str) -> Option<&'static str> {
    match what {
        "enabled" => Some("The MFA device is enabled: sign-in now asks for a code from it."),
        "resynced" => Some("The MFA device is resynchronised."),
        "deactivated" => Some("The MFA device is deactivated."),
        _ => None,
    }
}

#[component]
pub fn MfaPanel(
    /// Whose devices: a user's name, or `None` for the signed-in principal.
    user_name: Option<String>,
) -> impl IntoView {
    let create = ServerAction::<CreateMfaDevice>::new();
    let enable = ServerAction::<EnableMfaDevice>::new();
    let resync = ServerAction::<ResyncMfaDevice>::new();
    let deactivate = ServerAction::<DeactivateMfaDevice>::new();
    let cancel = ServerAction::<CancelMfaEnrollment>::new();
    let create_error = action_error(create);
    let enable_error = action_error(enable);
    let resync_error = action_error(resync);
    let deactivate_error = action_error(deactivate);
    let cancel_error = action_error(cancel);

    // The forms send an empty user name for "the signed-in principal".
    let form_user = user_name.clone().unwrap_or_default();
    let key = form_user.clone();
    let query = use_query_map();
    let query_serial = move || query.with(|q| q.get(ENROLLING_PARAM)).filter(|s| !s.is_empty());
    let devices =
        Resource::new(move || (key.clone(), query_serial()), |(name, enrolling)| mfa_devices(name, enrolling));
    let console = use_console_state();

    // A refusal that came back in the address supersedes the earlier success still named there.
    let notice = move || {
        query
            .with(|q| if q.get(ERROR_PARAM).is_some() { None } else { q.get(DONE_PARAM) })
            .and_then(|d| done_message(&d))
    };
    let whose_label = user_name.clone();

    view! {
        <section class="card mfa-panel" aria-labelledby="mfa-heading">
            <h2 id="mfa-heading">"MFA devices"</h2>
            <p class="muted">
                {match whose_label {
                    Some(name) => format!("A virtual MFA device makes {name} give a code from an authenticator app at sign-in, after the password."),
                    None => "A virtual MFA device makes you give a code from an authenticator app at sign-in, after your password.".to_owned(),
                }}
            </p>
            {move || notice().map(|text| view! { <p class="notice" role="status">{text}</p> })}
            <Suspense fallback=Loading>
                {move || {
                    let form_user = form_user.clone();
                    let named = user_name.clone();
                    Suspend::new(async move {
                        let (list, stashed) = match devices.await {
                            Ok((list, stashed)) => (Ok(list), stashed),
                            Err(error) => (Err(error), None),
                        };
                        let session = console.await.ok().and_then(|state| state.session);
                        // The caller's own devices: `/mfa`, or the caller's own user page.
                        let own = match (&named, &session) {
                            (None, _) => true,
                            (Some(name), Some(s)) => s.kind == PrincipalKind::User && s.display_name.eq_ignore_ascii_case(name),
                            (Some(_), None) => false,
                        };
                        let default_name = match (&named, &session) {
                            (Some(name), _) => name.clone(),
                            (None, Some(s)) if s.kind == PrincipalKind::User => s.display_name.clone(),
                            (None, _) => "root-account-mfa-device".to_owned(),
                        };
                        let pending = stashed
                            .map(|secret| (secret.serial_number.clone(), Some(secret)))
                            .or_else(|| query_serial().map(|serial| (serial, None)));
                        let list_view = match list {
                            Ok(devices) if devices.is_empty() => view! {
                                <p class="muted" id="mfa-none">"No MFA device is enabled: sign-in asks for a password alone."</p>
                            }
                            .into_any(),
                            Ok(devices) => view! {
                                <MfaDeviceList devices user_name=form_user.clone() own resync deactivate />
                            }
                            .into_any(),
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        };
                        let step = match pending {
                            Some((serial_number, secret)) => view! {
                                <MfaEnrollmentView user_name=form_user serial_number secret enable enable_error cancel />
                            }
                            .into_any(),
                            None => view! { <AssignForm user_name=form_user default_name create /> }.into_any(),
                        };
                        view! { {list_view} {step} }
                    })
                }}
            </Suspense>
            <FormError error=create_error />
            <FormError error=resync_error />
            <FormError error=deactivate_error />
            <FormError error=cancel_error />
        </section>
    }
}

#[component]
fn AssignForm(user_name: String, default_name: String, create: ServerAction<CreateMfaDevice>) -> impl IntoView {
    view! {
        <Permitted action="iam:EnableMFADevice">
            <ActionForm action=create attr:class="stack assign-mfa" attr:aria-label="Assign a virtual MFA device">
                <input type="hidden" name="user_name" value=user_name />
                <label>
                    "Device name"
                    <input name="device_name" value=default_name maxlength="226" autocomplete="off" />
                </label>
                <button type="submit" class="primary">
                    "Assign virtual MFA device"
                </button>
            </ActionForm>
        </Permitted>
    }
}
