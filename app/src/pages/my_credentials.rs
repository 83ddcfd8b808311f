//! `/mfa`, "My security credentials": the signed-in principal's own MFA devices (the root's included), with the
//! same panel the user detail page uses for a named user.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::mfa_panel::MfaPanel;

#[component]
pub fn MyCredentialsPage() -> impl IntoView {
    view! {
        <Title text="My security credentials" />
        <h1>"My security credentials"</h1>
        <p class="muted">"The second factor you give at sign-in. Only you can see and change these here."</p>
        <MfaPanel user_name=None />
    }
}
