use leptos::prelude::*;

use crate::api::credentials::user_mfa_devices;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;

/// The user's enabled MFA devices.
#[component]
pub fn MfaSection(user_name: String) -> impl IntoView {
    let devices = Resource::new(move || user_name.clone(), user_mfa_devices);
    view! {
        <section class="card" aria-labelledby="mfa-heading">
            <h2 id="mfa-heading">"MFA devices"</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match devices.await {
                        Ok(devices) if devices.is_empty() => view! {
                            <p class="muted">"No MFA device: the user signs in with a password alone."</p>
                        }
                        .into_any(),
                        Ok(devices) => view! {
                            <ul class="plain">
                                {devices
                                    .into_iter()
                                    .map(|d| view! {
                                        <li><code>{d.serial_number}</code> " " <span class="muted">"enabled " {d.enable_date}</span></li>
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
