//! "Used by": the users and groups the policy is attached to, each with a detach button, and the form attaching it
//! to a user or group by name.

use leptos::prelude::*;

use super::actions::PolicyActions;
use crate::api::groups::group_url;
use crate::api::policies::load_policy_entities;
use crate::api::users::user_url;
use crate::components::error_view::ErrorView;
use crate::components::form_error::{action_error, FormError};
use crate::components::loading::Loading;
use crate::model::policies::EntitiesForPolicy;

#[component]
pub fn UsedBySection(policy_name: String, actions: PolicyActions) -> impl IntoView {
    let attach = actions.attach;
    let attach_error = action_error(attach);
    let detach_error = action_error(actions.detach);
    let key = policy_name.clone();
    let entities = Resource::new(move || key.clone(), load_policy_entities);
    let form_policy = policy_name.clone();
    view! {
        <section class="card" aria-labelledby="used-by-heading">
            <h2 id="used-by-heading">"Used by"</h2>
            <Suspense fallback=Loading>
                {move || {
                    let policy_name = policy_name.clone();
                    Suspend::new(async move {
                        match entities.await {
                            Ok(e) if e.policy_users.is_empty() && e.policy_groups.is_empty() => view! {
                                <p class="muted">"Attached to nothing: the policy gives no one anything yet."</p>
                            }
                            .into_any(),
                            Ok(entities) => view! { <EntitiesTable entities policy_name actions /> }.into_any(),
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
            <FormError error=detach_error />
            <ActionForm action=attach attr:class="filter" attr:id="attach-policy-form">
                <input type="hidden" name="policy_name" value=form_policy />
                <label for="attach-entity-type">"Attach to"</label>
                <select id="attach-entity-type" name="entity_type">
                    <option value="user">"user"</option>
                    <option value="group">"group"</option>
                </select>
                <label for="attach-entity-name" class="visually-hidden">"User or group name"</label>
                <input
                    id="attach-entity-name"
                    name="entity_name"
                    required
                    maxlength="128"
                    autocomplete="off"
                    autocapitalize="none"
                    placeholder="name"
                />
                <button type="submit" class="primary">
                    "Attach policy"
                </button>
            </ActionForm>
            <FormError error=attach_error />
        </section>
    }
}

/// One row: the kind (`user` or `group`, also the form's `entity_type`), the name, and its page.
struct Entity {
    kind: &'static str,
    name: String,
    href: String,
}

#[component]
fn EntitiesTable(entities: EntitiesForPolicy, policy_name: String, actions: PolicyActions) -> impl IntoView {
    let truncated = entities.is_truncated.then(|| view! { <p class="muted">"Showing the first 1000 only."</p> });
    let users = entities.policy_users.into_iter().map(|u| Entity {
        kind: "user",
        href: user_url(&u.user_name),
        name: u.user_name,
    });
    let groups = entities.policy_groups.into_iter().map(|g| Entity {
        kind: "group",
        href: group_url(&g.group_name),
        name: g.group_name,
    });
    let rows = users
        .chain(groups)
        .map(|entity| {
            let label = format!("Detach from {} {}", entity.kind, entity.name);
            let policy_name = policy_name.clone();
            view! {
                <tr>
                    <td>{entity.kind}</td>
                    <td><a href=entity.href>{entity.name.clone()}</a></td>
                    <td class="actions">
                        <ActionForm action=actions.detach attr:class="inline">
                            <input type="hidden" name="policy_name" value=policy_name />
                            <input type="hidden" name="entity_type" value=entity.kind />
                            <input type="hidden" name="entity_name" value=entity.name />
                            <button type="submit" class="ghost small danger" aria-label=label>"Detach"</button>
                        </ActionForm>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data" id="policy-entities">
            <caption class="visually-hidden">"Users and groups the policy is attached to"</caption>
            <thead>
                <tr>
                    <th scope="col">"Type"</th>
                    <th scope="col">"Name"</th>
                    <th scope="col">"Actions"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        {truncated}
    }
}
