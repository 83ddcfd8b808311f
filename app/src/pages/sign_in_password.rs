//! The forced password change at sign-in: an administrator required it, or the password expired.

use leptos::prelude::*;
use leptos_meta::Title;

use super::sign_in_step::SignInStep;
use crate::api::user_sign_in::SignInNewPassword;
use crate::components::form_error::{action_error, FormError};
use crate::components::password_field::PasswordField;
use crate::components::public_page::{PublicPage, ShownWhen};
use crate::model::sign_in::{SignInProgress, SignInStage};
use crate::model::IamError;

#[component]
pub fn SignInNewPasswordPage() -> impl IntoView {
    let action = ServerAction::<SignInNewPassword>::new();
    let error = action_error(action);
    view! {
        <Title text="New password" />
        <PublicPage shown_when=ShownWhen::SignedOut>
            <SignInStep
                stage=SignInStage::NewPassword
                error
                form=move |p| view! { <NewPasswordForm progress=p action error /> }.into_any()
            />
        </PublicPage>
    }
}

#[component]
fn NewPasswordForm(
    progress: SignInProgress,
    action: ServerAction<SignInNewPassword>,
    error: Signal<Option<IamError>>,
) -> impl IntoView {
    view! {
        <section class="card narrow">
            <h1>"Choose a new password"</h1>
            <p class="muted">
                "The password of " <strong>{progress.user_name}</strong>
                " must be changed before the console opens: an administrator asked for it, or it has expired."
            </p>
            <ActionForm action attr:class="stack" attr:id="new-password-form">
                <PasswordField
                    id="old-password"
                    name="old_password"
                    label="Current password"
                    autocomplete="current-password" required=true />
                <PasswordField id="new-password" name="new_password" label="New password" autocomplete="new-password" required=true />
                <PasswordField
                    id="repeat-password"
                    name="repeat_password"
                    label="Repeat the new password"
                    autocomplete="new-password" required=true />
                <FormError error />
                <button type="submit" class="primary">
                    "Change password and sign in"
                </button>
            </ActionForm>
        </section>
    }
}
