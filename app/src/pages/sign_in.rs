//! Root sign-in with email and password.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

use crate::api::session::SignInRoot;
use crate::components::error_view::ErrorView;
use crate::components::form_error::{action_error, FormError};
use crate::components::navigation::reload_on_success;
use crate::components::password_field::PasswordField;
use crate::components::state::use_console_state;

#[component]
pub fn SignInPage() -> impl IntoView {
    let state = use_console_state();
    view! {
        <Title text="Sign in" />
        <main class="centered" id="main">
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match state.await {
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                        Ok(s) if s.account.is_none() => view! { <Redirect path="/setup" /> }.into_any(),
                        Ok(s) if s.session.is_some() => view! { <Redirect path="/" /> }.into_any(),
                        Ok(_) => view! { <SignInForm /> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
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
