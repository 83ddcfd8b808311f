//! The frame of the sign-in steps after the password (MFA code, new password): shows the step's form only while a
//! sign-in is pending at that step, else says it expired and links back to the start.

use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

use crate::api::user_sign_in::load_sign_in_progress;
use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::model::sign_in::{SignInProgress, SignInStage};
use crate::model::IamError;

#[component]
pub fn SignInStep<F>(stage: SignInStage, error: Signal<Option<IamError>>, form: F) -> impl IntoView
where
    F: Fn(SignInProgress) -> AnyView + Clone + Send + Sync + 'static,
{
    let params = use_params_map();
    let account = move || params.with(|p| p.get("account")).unwrap_or_default();
    let progress = Resource::new(|| (), |_| load_sign_in_progress());
    view! {
        <Suspense fallback=Loading>
            {move || {
                let form = form.clone();
                Suspend::new(async move {
                match progress.await {
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                    Ok(Some(p)) if p.stage == stage => form(p),
                    Ok(Some(p)) => view! { <Redirect path=p.stage.path(&account()) /> }.into_any(),
                    Ok(None) => view! {
                        <section class="card narrow">
                            <h1>"Sign in again"</h1>
                            <FormError error />
                            <p>"This sign-in has expired or was never started."</p>
                            <p><a href=format!("/signin/{}", account())>"Start again"</a></p>
                        </section>
                    }
                    .into_any(),
                }
            })
            }}
        </Suspense>
    }
}
