//! One enrollment in progress: the QR code and the Base32 secret (only while they can still be shown: right after
//! the device was created), then the two consecutive codes that enable the device, or cancelling it.

use leptos::prelude::*;

use super::copy_button::CopyButton;
use super::form_error::FormError;
use crate::api::mfa::{CancelMfaEnrollment, EnableMfaDevice};
use crate::model::mfa::MfaEnrollment;
use crate::model::IamError;

/// The SVG element alone: the renderer's XML declaration means nothing inside an HTML document.
fn svg_element(document: &str) -> String {
    document.find("<svg").map_or_else(String::new, |start| document[start..].to_owned())
}

#[component]
pub fn MfaEnrollmentView(
    /// Whose device, as the forms send it (empty: the signed-in principal).
    user_name: String,
    serial_number: String,
    /// The secret, when this page load may still show it; `None` once it has been shown.
    secret: Option<MfaEnrollment>,
    enable: ServerAction<EnableMfaDevice>,
    enable_error: Signal<Option<IamError>>,
    cancel: ServerAction<CancelMfaEnrollment>,
) -> impl IntoView {
    let setup = match secret {
        Some(secret) => {
            let svg = svg_element(&secret.qr_code_svg);
            view! {
                <p class="warning">
                    <strong>"This is the only time the secret key is shown."</strong>
                    " Add it to an authenticator app now; it cannot be retrieved later."
                </p>
                <ol class="enroll-steps">
                    <li>
                        "Scan this QR code with your authenticator app:"
                        <div
                            class="qr"
                            role="img"
                            aria-label="QR code of the MFA device's secret key, for an authenticator app to scan"
                            inner_html=svg
                        ></div>
                    </li>
                    <li>
                        "Or type this secret key into the app:"
                        <div class="secret-line">
                            <code id="mfa-secret">{secret.base32_string_seed.clone()}</code>
                            " "
                            <CopyButton text=secret.base32_string_seed label="Copy secret key" />
                        </div>
                    </li>
                </ol>
            }
            .into_any()
        }
        None => view! {
            <p class="muted">
                "The secret key was shown once, when the device was created. If it is not in your authenticator app, "
                "cancel and assign a device again."
            </p>
        }
        .into_any(),
    };
    let cancel_serial = serial_number.clone();
    view! {
        <section class="secret-once enrollment" aria-labelledby="enroll-heading">
            <h3 id="enroll-heading">"Set up the virtual MFA device"</h3>
            <p>"Device " <code id="mfa-enrolling-serial">{serial_number.clone()}</code></p>
            {setup}
            <ActionForm action=enable attr:class="stack" attr:aria-label="Enable the MFA device">
                <input type="hidden" name="user_name" value=user_name />
                <input type="hidden" name="serial_number" value=serial_number />
                <p class="muted">"Enter a code from the app, wait for the next one (30 seconds), then enter that too."</p>
                <div class="row codes">
                    <label class="grow">
                        "First code"
                        <CodeInput name="code1" />
                    </label>
                    <label class="grow">
                        "Second code"
                        <CodeInput name="code2" />
                    </label>
                </div>
                <FormError error=enable_error />
                <button type="submit" class="primary">
                    "Enable MFA device"
                </button>
            </ActionForm>
            <ActionForm action=cancel attr:class="inline">
                <input type="hidden" name="serial_number" value=cancel_serial />
                <button type="submit" class="ghost small">"Cancel enrollment"</button>
            </ActionForm>
        </section>
    }
}

/// A six-digit code field: numeric keyboard on phones, and the browser may fill it from an authenticator.
#[component]
pub fn CodeInput(name: &'static str, #[prop(optional)] required: Option<bool>) -> impl IntoView {
    view! {
        <input
            name=name
            inputmode="numeric"
            autocomplete="one-time-code"
            pattern="[0-9]{6}"
            minlength="6"
            maxlength="6"
            required=required.unwrap_or(true)
            title="6 digits"
        />
    }
}
