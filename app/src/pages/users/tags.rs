use leptos::prelude::*;

use crate::api::user_tags::{user_tags, TagUser, UntagUser};
use crate::components::error_view::ErrorView;
use crate::components::form_error::{action_error, FormError};
use crate::components::loading::Loading;
use crate::components::permitted::Permitted;
use crate::model::Tag;

/// The user's tags (key = value): add one or change its value, remove one. Policies can test them
/// (`aws:ResourceTag/…` on the user, `aws:PrincipalTag/…` when the user is the caller).
#[component]
pub fn TagsSection(user_name: String) -> impl IntoView {
    let add = ServerAction::<TagUser>::new();
    let remove = ServerAction::<UntagUser>::new();
    let add_error = action_error(add);
    let remove_error = action_error(remove);
    let key = user_name.clone();
    let tags = Resource::new(move || key.clone(), user_tags);
    let form_user = user_name.clone();
    view! {
        <section class="card" aria-labelledby="tags-heading">
            <h2 id="tags-heading">"Tags"</h2>
            <Suspense fallback=Loading>
                {move || {
                    let user_name = user_name.clone();
                    Suspend::new(async move {
                        match tags.await {
                            Ok(list) if list.is_empty() => view! { <p class="muted">"No tags."</p> }.into_any(),
                            Ok(list) => view! { <TagsTable list user_name remove /> }.into_any(),
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
            <FormError error=remove_error />
            <Permitted action="iam:TagUser">
                <ActionForm action=add attr:class="stack" attr:id="tag-user-form">
                    <input type="hidden" name="user_name" value=form_user />
                    <div class="row">
                        <div class="stack grow">
                            <label for="tag-key">"Key"</label>
                            <input id="tag-key" name="key" required maxlength="128" autocomplete="off" />
                        </div>
                        <div class="stack grow">
                            <label for="tag-value">"Value"</label>
                            <input id="tag-value" name="value" maxlength="256" autocomplete="off" aria-describedby="tag-hint" />
                        </div>
                    </div>
                    <p class="hint" id="tag-hint">
                        "Letters, digits, spaces and _.:/=+-@; a key the user already has gets the new value."
                    </p>
                    <FormError error=add_error />
                    <button type="submit" class="primary">"Add tag"</button>
                </ActionForm>
            </Permitted>
        </section>
    }
}

#[component]
fn TagsTable(list: Vec<Tag>, user_name: String, remove: ServerAction<UntagUser>) -> impl IntoView {
    let rows = list
        .into_iter()
        .map(|tag| {
            let label = format!("Remove tag {}", tag.key);
            let user_name = user_name.clone();
            view! {
                <tr>
                    <td><code>{tag.key.clone()}</code></td>
                    <td>{tag.value}</td>
                    <td class="actions">
                        <Permitted action="iam:UntagUser" compact=true>
                            <ActionForm action=remove attr:class="inline">
                                <input type="hidden" name="user_name" value=user_name />
                                <input type="hidden" name="key" value=tag.key />
                                <button type="submit" class="ghost small danger" aria-label=label>"Remove"</button>
                            </ActionForm>
                        </Permitted>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data" id="user-tags">
            <thead>
                <tr>
                    <th scope="col">"Key"</th>
                    <th scope="col">"Value"</th>
                    <th scope="col">"Actions"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
