//! The enabled MFA devices of one principal, each with its serial number and enable date, and the two things one
//! does to an enabled device: resync it (two consecutive codes) and deactivate it (confirmed; with a current code
//! when the device is the caller's own).

use leptos::prelude::*;

use super::mfa_enrollment::CodeInput;
use super::permitted::Permitted;
use crate::api::mfa::{DeactivateMfaDevice, ResyncMfaDevice};
use crate::model::mfa::MfaDeviceView;

#[component]
pub fn MfaDeviceList(
    devices: Vec<MfaDeviceView>,
    /// Whose devices, as the forms send it (empty: the signed-in principal).
    user_name: String,
    /// Whether the devices are the caller's own, so deactivating asks for a code.
    own: bool,
    resync: ServerAction<ResyncMfaDevice>,
    deactivate: ServerAction<DeactivateMfaDevice>,
) -> impl IntoView {
    let rows = devices
        .into_iter()
        .map(|device| {
            let (user_a, user_b) = (user_name.clone(), user_name.clone());
            let (serial_a, serial_b) = (device.serial_number.clone(), device.serial_number.clone());
            view! {
                <li class="mfa-device">
                    <div>
                        <code class="serial">{device.serial_number.clone()}</code>
                        <span class="muted">
                            " enabled " <time datetime=device.enable_date.clone()>{device.enable_date.clone()}</time>
                        </span>
                    </div>
                    <details>
                        <summary>"Resync"</summary>
                        <Permitted action="iam:ResyncMFADevice">
                            <ActionForm action=resync attr:class="stack" attr:aria-label="Resync the MFA device">
                                <input type="hidden" name="user_name" value=user_a />
                                <input type="hidden" name="serial_number" value=serial_a />
                                <p class="muted">
                                    "When codes stop working because the device's clock drifted: enter two consecutive codes."
                                </p>
                                <div class="row codes">
                                    <label class="grow">"First resync code" <CodeInput name="code1" /></label>
                                    <label class="grow">"Second resync code" <CodeInput name="code2" /></label>
                                </div>
                                <button type="submit" class="ghost">"Resync"</button>
                            </ActionForm>
                        </Permitted>
                    </details>
                    <details>
                        <summary>"Deactivate"</summary>
                        <Permitted action="iam:DeactivateMFADevice">
                            <ActionForm action=deactivate attr:class="stack" attr:aria-label="Deactivate the MFA device">
                                <input type="hidden" name="user_name" value=user_b />
                                <input type="hidden" name="serial_number" value=serial_b />
                                <label class="check">
                                    <input type="checkbox" name="confirm" value="on" required=true />
                                    " Sign-in will no longer ask for a code from this device"
                                </label>
                                {own.then(|| view! {
                                    <label>
                                        "Current code from your MFA device"
                                        <CodeInput name="code" />
                                    </label>
                                })}
                                <button type="submit" class="danger">"Deactivate MFA device"</button>
                            </ActionForm>
                        </Permitted>
                    </details>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="plain mfa-devices" aria-label="Enabled MFA devices">{rows}</ul> }
}
