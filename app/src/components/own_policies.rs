//! The policies a user or group holds itself: inline by name (each opening the policy editor), managed by name (ARN
//! on hover), and a link to write a new inline policy.

use leptos::prelude::*;

use super::error_view::ErrorView;
use super::loading::Loading;
use crate::model::policy_editing::InlineOwner;
use crate::model::user_detail::UserPolicies;
use crate::model::IamError;

/// `empty` says what having none means for this owner; `list_id` names the list for tests and links.
#[component]
pub fn OwnPolicies(
    policies: Resource<Result<UserPolicies, IamError>>,
    empty: &'static str,
    list_id: &'static str,
    owner: InlineOwner,
    owner_name: String,
) -> impl IntoView {
    let new_policy = owner.editor_url(&owner_name, None);
    view! {
        <section class="card" aria-labelledby="policies-heading">
            <h2 id="policies-heading">"Policies"</h2>
            <Suspense fallback=Loading>
                {move || {
                    let owner_name = owner_name.clone();
                    Suspend::new(async move {
                    match policies.await {
                        Ok(p) if p.inline.is_empty() && p.attached.is_empty() => {
                            view! { <p class="muted">{empty}</p> }.into_any()
                        }
                        Ok(p) => view! {
                            <ul class="plain" id=list_id>
                                {p.inline
                                    .into_iter()
                                    .map(|name| {
                                        let href = owner.editor_url(&owner_name, Some(&name));
                                        view! { <li><a href=href>{name}</a> " " <span class="badge">"inline"</span></li> }
                                    })
                                    .collect_view()}
                                {p.attached
                                    .into_iter()
                                    .map(|a| view! {
                                        <li title=a.policy_arn><a href=crate::api::policies::policy_url(&a.policy_name)>{a.policy_name.clone()}</a> " " <span class="badge">"managed"</span></li>
                                    })
                                    .collect_view()}
                            </ul>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                    })
                }}
            </Suspense>
            <p><a class="button ghost" href=new_policy>"Add inline policy"</a></p>
        </section>
    }
}
