use leptos::prelude::*;

use crate::components::mfa_panel::MfaPanel;

/// The user's MFA devices: the shared panel, about this user.
#[component]
pub fn MfaSection(user_name: String) -> impl IntoView {
    view! { <MfaPanel user_name=Some(user_name) /> }
}
