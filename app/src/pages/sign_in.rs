//! Root sign-in with email and password.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::session::SignInRoot;
use crate::components::form_error::{action_error, FormError};
use crate::components::navigation::reload_on_success;
use crate::components::password_field::PasswordField;
use crate::components::public_page::{PublicPage, ShownWhen};

#[component]
pub fn SignInPage() -> impl IntoView {
    view! {
        <Title text="Sign in" />
        <PublicPage shown_when=ShownWhen::SignedOut>
            <SignInForm />
        </PublicPage>
    }
}

#[component]
fn SignInForm() -> impl IntoView {
    let action = ServerAction::<SignInRoot>::new();
    let error = action_error(action);
    reload_on_success(action, "/");
    view! {
        <section class="card narrow">
            <h1>"Sign in as root"</h1>
            <p class="muted">"The account's root user signs in with its email address."</p>
            <ActionForm action attr:class="stack" attr:id="sign-in-form">
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="username" required />
                <PasswordField id="password" name="password" label="Password" autocomplete="current-password" />
                <FormError error />
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Signing in…" } else { "Sign in" }}
                </button>
            </ActionForm>
        </section>
    }
}
