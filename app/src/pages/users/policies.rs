use leptos::prelude::*;

use crate::api::users::load_user_policies;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;

/// The user's own policies: inline by name, managed by name and ARN.
#[component]
pub fn PoliciesSection(user_name: String) -> impl IntoView {
    let policies = Resource::new(move || user_name.clone(), load_user_policies);
    view! {
        <section class="card" aria-labelledby="policies-heading">
            <h2 id="policies-heading">"Policies"</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match policies.await {
                        Ok(p) if p.inline.is_empty() && p.attached.is_empty() => view! {
                            <p class="muted">
                                "No policies of its own: the user may do only what their groups allow (new users may do nothing)."
                            </p>
                        }
                        .into_any(),
                        Ok(p) => view! {
                            <ul class="plain">
                                {p.inline
                                    .into_iter()
                                    .map(|name| view! { <li>{name} " " <span class="badge">"inline"</span></li> })
                                    .collect_view()}
                                {p.attached
                                    .into_iter()
                                    .map(|a| view! {
                                        <li title=a.policy_arn>{a.policy_name} " " <span class="badge">"managed"</span></li>
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
