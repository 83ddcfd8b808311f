use leptos::prelude::*;

use crate::api::credentials::{user_access_keys, CreateAccessKey, DeleteAccessKey, UpdateAccessKey};
use crate::components::error_view::ErrorView;
use crate::components::form_error::{action_error, FormError};
use crate::components::loading::Loading;
use crate::components::new_access_key::NewAccessKey;
use crate::components::permitted::Permitted;
use crate::model::credentials::{AccessKeyMetadata, AccessKeyStatus, AccessKeysView};

/// The user's access keys: create (the secret shown once), activate/deactivate, delete.
#[component]
pub fn AccessKeysSection(user_name: String) -> impl IntoView {
    let create = ServerAction::<CreateAccessKey>::new();
    let update = ServerAction::<UpdateAccessKey>::new();
    let remove = ServerAction::<DeleteAccessKey>::new();
    let create_error = action_error(create);
    let update_error = action_error(update);
    let remove_error = action_error(remove);
    let key = user_name.clone();
    // The list, and the key the create form just made: the form is a plain post, redirected back here, and the new
    // key comes back once through the session. One call for both: the stashed key renders in the same pass as the list
    // it belongs to.
    let keys = Resource::new(move || key.clone(), user_access_keys);
    let form_user = user_name.clone();

    view! {
        <section class="card" aria-labelledby="keys-heading">
            <h2 id="keys-heading">"Access keys"</h2>
            <p class="muted">"For the AWS CLI and SDKs. At most two per user, inactive ones included."</p>
            <Suspense fallback=Loading>
                {move || {
                    let user_name = user_name.clone();
                    Suspend::new(async move {
                        let (list, fresh) = match keys.await {
                            Ok(AccessKeysView { keys, new_key }) => (Ok(keys), new_key),
                            Err(error) => (Err(error), None),
                        };
                        let fresh = fresh.map(|key| view! { <NewAccessKey key /> });
                        let body = match list {
                            Ok(list) if list.is_empty() => view! { <p class="muted">"No access keys."</p> }.into_any(),
                            Ok(list) => view! { <KeysTable list user_name update remove /> }.into_any(),
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        };
                        view! { {fresh} {body} }
                    })
                }}
            </Suspense>
            <FormError error=update_error />
            <FormError error=remove_error />
            <Permitted action="iam:CreateAccessKey">
                <ActionForm action=create attr:class="inline" attr:id="create-key-form">
                    <input type="hidden" name="user_name" value=form_user />
                    <button type="submit" class="primary">
                        "Create access key"
                    </button>
                </ActionForm>
            </Permitted>
            <FormError error=create_error />
        </section>
    }
}

#[component]
fn KeysTable(
    list: Vec<AccessKeyMetadata>,
    user_name: String,
    update: ServerAction<UpdateAccessKey>,
    remove: ServerAction<DeleteAccessKey>,
) -> impl IntoView {
    let rows = list
        .into_iter()
        .map(|key| {
            let (toggle_to, toggle_label) = match key.status {
                AccessKeyStatus::Active => (AccessKeyStatus::Inactive, "Deactivate"),
                AccessKeyStatus::Inactive => (AccessKeyStatus::Active, "Activate"),
            };
            let (user_a, user_b) = (user_name.clone(), user_name.clone());
            let (id_a, id_b) = (key.access_key_id.clone(), key.access_key_id.clone());
            view! {
                <tr>
                    <td><code>{key.access_key_id.clone()}</code></td>
                    <td>{key.status.as_str()}</td>
                    <td><time datetime=key.create_date.clone()>{key.create_date.clone()}</time></td>
                    <td class="actions">
                        <Permitted action="iam:UpdateAccessKey" compact=true>
                            <ActionForm action=update attr:class="inline">
                                <input type="hidden" name="user_name" value=user_a />
                                <input type="hidden" name="access_key_id" value=id_a />
                                <input type="hidden" name="status" value=toggle_to.as_str() />
                                <button type="submit" class="ghost small">{toggle_label}</button>
                            </ActionForm>
                        </Permitted>
                        <Permitted action="iam:DeleteAccessKey" compact=true>
                            <ActionForm action=remove attr:class="inline">
                                <input type="hidden" name="user_name" value=user_b />
                                <input type="hidden" name="access_key_id" value=id_b />
                                <button type="submit" class="ghost small danger">"Delete"</button>
                            </ActionForm>
                        </Permitted>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data">
            <thead>
                <tr>
                    <th scope="col">"Access key id"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Created"</th>
                    <th scope="col">"Actions"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
