//! An IAM user's sign-in at the account's own address, `/signin/<account id or alias>`.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::user_sign_in::SignInUser;
use crate::components::form_error::{action_error, FormError};
use crate::components::password_field::PasswordField;
use crate::components::public_page::{PublicPage, ShownWhen};

#[component]
pub fn UserSignInPage() -> impl IntoView {
    let params = use_params_map();
    let account = move || params.with(|p| p.get("account")).unwrap_or_default();
    view! {
        <Title text="Sign in" />
        <PublicPage shown_when=ShownWhen::SignedOut>
            {move || view! { <UserSignInForm account=account() /> }}
        </PublicPage>
    }
}

/// Account, user name and password. Next comes the MFA code or a new password when needed (the server says which).
#[component]
pub fn UserSignInForm(account: String) -> impl IntoView {
    let action = ServerAction::<SignInUser>::new();
    let error = action_error(action);
    view! {
        <section class="card narrow">
            <h1>"Sign in as an IAM user"</h1>
            <ActionForm action attr:class="stack" attr:id="user-sign-in-form">
                <label for="account">"Account id or alias"</label>
                <input id="account" name="account" value=account autocomplete="organization" required />
                <label for="user-name">"User name"</label>
                <input id="user-name" name="user_name" autocomplete="username" autocapitalize="none" required />
                <PasswordField id="password" name="password" label="Password" autocomplete="current-password" required=true />
                <FormError error />
                <button type="submit" class="primary">
                    "Sign in"
                </button>
            </ActionForm>
            <p class="muted">"Account owner? " <a href="/signin">"Sign in as root"</a></p>
        </section>
    }
}
