use leptos::prelude::*;

use crate::api::credentials::{user_login_profile, CreateLoginProfile, DeleteLoginProfile};
use crate::components::error_view::ErrorView;
use crate::components::form_error::{action_error, FormError};
use crate::components::loading::Loading;
use crate::components::password_field::PasswordField;
use crate::components::permitted::Permitted;

/// The console password: when it was set and whether a reset is required; set one, or remove it.
#[component]
pub fn PasswordSection(user_name: String) -> impl IntoView {
    let create = ServerAction::<CreateLoginProfile>::new();
    let remove = ServerAction::<DeleteLoginProfile>::new();
    let create_error = action_error(create);
    let remove_error = action_error(remove);
    let key = user_name.clone();
    let profile = Resource::new(move || key.clone(), user_login_profile);
    view! {
        <section class="card" aria-labelledby="password-heading">
            <h2 id="password-heading">"Console password"</h2>
            <Suspense fallback=Loading>
                {move || {
                    let user_name = user_name.clone();
                    Suspend::new(async move {
                        match profile.await {
                            Ok(Some(p)) => view! {
                                <p>
                                    "Set " <time datetime=p.create_date.clone()>{p.create_date.clone()}</time>
                                    {p.password_reset_required.then_some("; a new password is required at the next sign-in")}
                                    "."
                                </p>
                                <Permitted action="iam:DeleteLoginProfile">
                                    <ActionForm action=remove attr:class="inline">
                                        <input type="hidden" name="user_name" value=user_name />
                                        <button type="submit" class="ghost danger">"Remove console password"</button>
                                    </ActionForm>
                                </Permitted>
                                <FormError error=remove_error />
                            }
                            .into_any(),
                            Ok(None) => view! {
                                <p class="muted">"No console password: the user cannot sign in to the console."</p>
                                <Permitted action="iam:CreateLoginProfile">
                                    <ActionForm action=create attr:class="stack">
                                        <input type="hidden" name="user_name" value=user_name />
                                        <PasswordField
                                            id="set-password"
                                            name="password"
                                            label="New console password"
                                            autocomplete="new-password"
                                            required=true
                                        />
                                        <label class="check">
                                            <input type="checkbox" name="require_reset" value="on" />
                                            " Require a new password at first sign-in"
                                        </label>
                                        <FormError error=create_error />
                                        <button type="submit" class="primary">"Set console password"</button>
                                    </ActionForm>
                                </Permitted>
                            }
                            .into_any(),
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </section>
    }
}
