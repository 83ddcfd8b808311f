//! First run: create the account and its root. Once an account exists this page only points to sign-in.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::account::SetUpAccount;
use crate::components::form_error::{action_error, FormError};
use crate::components::password_field::PasswordField;
use crate::components::public_page::{PublicPage, ShownWhen};

#[component]
pub fn SetupPage() -> impl IntoView {
    view! {
        <Title text="Set up" />
        <PublicPage shown_when=ShownWhen::NoAccount>
            <SetupForm />
        </PublicPage>
    }
}

#[component]
fn SetupForm() -> impl IntoView {
    let action = ServerAction::<SetUpAccount>::new();
    let error = action_error(action);
    view! {
        <section class="card narrow">
            <h1>"Set up your account"</h1>
            <p class="muted">
                "This creates the account and its root user, the one identity that may do everything. "
                "Keep the root for account administration and create IAM users for daily work."
            </p>
            <ActionForm action attr:class="stack" attr:id="setup-form">
                <label for="alias">"Account alias " <span class="muted">"(optional)"</span></label>
                <input id="alias" name="alias" autocomplete="off" placeholder="my-company" aria-describedby="alias-hint" />
                <p class="hint" id="alias-hint">
                    "3–63 lowercase letters, digits and single hyphens. IAM users sign in with it instead of the account id."
                </p>
                <label for="email">"Root email"</label>
                <input id="email" name="email" type="email" autocomplete="username" required />
                <PasswordField
                    id="password"
                    name="password"
                    label="Root password"
                    autocomplete="new-password"
                    hint="8–128 characters mixing at least three of: upper case, lower case, digits, symbols." required=true />
                <FormError error />
                <button type="submit" class="primary">
                    "Create account"
                </button>
            </ActionForm>
        </section>
    }
}
