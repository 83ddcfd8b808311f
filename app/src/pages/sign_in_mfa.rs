//! The second step for IAM users with MFA: a code from their device.

use leptos::prelude::*;
use leptos_meta::Title;

use super::sign_in_step::SignInStep;
use crate::api::user_sign_in::SignInMfa;
use crate::components::form_error::{action_error, FormError};
use crate::components::public_page::{PublicPage, ShownWhen};
use crate::model::sign_in::{SignInProgress, SignInStage};

#[component]
pub fn SignInMfaPage() -> impl IntoView {
    let action = ServerAction::<SignInMfa>::new();
    let error = action_error(action);
    view! {
        <Title text="MFA code" />
        <PublicPage shown_when=ShownWhen::SignedOut>
            <SignInStep stage=SignInStage::Mfa error form=move |p| view! { <MfaForm progress=p action error /> }.into_any() />
        </PublicPage>
    }
}

#[component]
fn MfaForm(
    progress: SignInProgress,
    action: ServerAction<SignInMfa>,
    error: Signal<Option<crate::model::IamError>>,
) -> impl IntoView {
    view! {
        <section class="card narrow">
            <h1>"Enter your MFA code"</h1>
            <p class="muted">
                "Signing in as " <strong>{progress.user_name}</strong> " in account " {progress.account_id} ". "
                "Open your authenticator app and enter the 6-digit code it shows."
            </p>
            <ActionForm action attr:class="stack" attr:id="mfa-form">
                <label for="code">"MFA code"</label>
                <input
                    id="code"
                    name="code"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    pattern="[0-9]{6}"
                    maxlength="6"
                    required
                    autofocus
                />
                <FormError error />
                <button type="submit" class="primary">
                    "Verify"
                </button>
            </ActionForm>
        </section>
    }
}
