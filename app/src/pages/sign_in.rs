//! Sign-in: root with email and password; or, with an account id or alias given (`?account=`), an IAM user.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use super::sign_in_user::UserSignInForm;
use crate::api::session::SignInRoot;
use crate::components::form_error::{action_error, FormError};
use crate::components::password_field::PasswordField;
use crate::components::public_page::{PublicPage, ShownWhen};

#[component]
pub fn SignInPage() -> impl IntoView {
    let query = use_query_map();
    let account = move || query.with(|q| q.get("account")).map(|a| a.trim().to_owned()).filter(|a| !a.is_empty());
    view! {
        <Title text="Sign in" />
        <PublicPage shown_when=ShownWhen::SignedOut>
            {move || match account() {
                Some(account) => view! { <UserSignInForm account /> }.into_any(),
                None => view! { <SignInForm /> <SwitchToIamUser /> }.into_any(),
            }}
        </PublicPage>
    }
}

#[component]
fn SignInForm() -> impl IntoView {
    let action = ServerAction::<SignInRoot>::new();
    let error = action_error(action);
    view! {
        <section class="card narrow">
            <h1>"Sign in as root"</h1>
            <p class="muted">"The account's root user signs in with its email address."</p>
            <ActionForm action attr:class="stack" attr:id="sign-in-form">
                <label for="email">"Email"</label>
                <input id="email" name="email" type="email" autocomplete="username" required />
                <PasswordField id="password" name="password" label="Password" autocomplete="current-password" required=true />
                <FormError error />
                <button type="submit" class="primary">
                    "Sign in"
                </button>
            </ActionForm>
        </section>
    }
}

/// The switch to IAM user sign-in: a GET form, so it needs no JavaScript (and navigates client-side with it).
#[component]
fn SwitchToIamUser() -> impl IntoView {
    view! {
        <section class="card narrow switch-card" aria-labelledby="switch-heading">
            <h2 id="switch-heading">"IAM user?"</h2>
            <Form method="GET" action="/signin" attr:class="stack" attr:id="switch-form">
                <label for="account">"Account id or alias"</label>
                <input id="account" name="account" autocomplete="organization" required />
                <button type="submit" class="ghost">"Switch to IAM user"</button>
            </Form>
        </section>
    }
}
