//! A group's members: the list with a remove button each and checkboxes to remove several at once, and a form adding
//! one or more users by name.

use leptos::prelude::*;

use crate::api::groups::{get_group, AddGroupMembers, RemoveGroupMember, RemoveGroupMembers};
use crate::api::users::user_url;
use crate::components::error_view::ErrorView;
use crate::components::form_error::{action_error, FormError};
use crate::components::loading::Loading;
use crate::components::permitted::Permitted;
use crate::model::UserView;

#[component]
pub fn MembersSection(group_name: String) -> impl IntoView {
    let add = ServerAction::<AddGroupMembers>::new();
    let remove = ServerAction::<RemoveGroupMember>::new();
    let remove_many = ServerAction::<RemoveGroupMembers>::new();
    let add_error = action_error(add);
    let remove_error = action_error(remove);
    let remove_many_error = action_error(remove_many);
    let key = group_name.clone();
    // Its own load of the group (not the summary's): the section is given only the group's name.
    let group = Resource::new(move || key.clone(), get_group);
    let form_group = group_name.clone();
    view! {
        <section class="card" aria-labelledby="members-heading">
            <h2 id="members-heading">"Members"</h2>
            <Suspense fallback=Loading>
                {move || {
                    let group_name = group_name.clone();
                    Suspend::new(async move {
                        match group.await {
                            Ok(g) if g.members.items.is_empty() => view! {
                                <p class="muted">"No members yet. Add a user below: they get the group's policies."</p>
                            }
                            .into_any(),
                            Ok(g) => view! { <MembersTable members=g.members.items group_name remove remove_many /> }
                                .into_any(),
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
            <FormError error=remove_error />
            <FormError error=remove_many_error />
            <Permitted action="iam:AddUserToGroup">
                <ActionForm action=add attr:class="filter" attr:id="add-member-form">
                    <input type="hidden" name="group_name" value=form_group />
                    <label for="add-member-name">"Add users"</label>
                    <input
                        id="add-member-name"
                        name="user_names"
                        required
                        autocomplete="off"
                        autocapitalize="none"
                        placeholder="jeff, carol"
                        aria-describedby="add-member-hint"
                    />
                    <button type="submit" class="primary">
                        "Add to group"
                    </button>
                </ActionForm>
            </Permitted>
            <p class="hint" id="add-member-hint">"One or more user names, separated by commas or spaces."</p>
            <FormError error=add_error />
        </section>
    }
}

#[component]
fn MembersTable(
    members: Vec<UserView>,
    group_name: String,
    remove: ServerAction<RemoveGroupMember>,
    remove_many: ServerAction<RemoveGroupMembers>,
) -> impl IntoView {
    let bulk_group = group_name.clone();
    let rows = members
        .into_iter()
        .map(|user| {
            let href = user_url(&user.user_name);
            let label = format!("Remove {} from the group", user.user_name);
            let select = format!("Select {}", user.user_name);
            let group = group_name.clone();
            view! {
                <tr>
                    // Outside the form it belongs to (`form=`): a form cannot hold the rows' own remove forms.
                    <td class="select">
                        <input
                            type="checkbox"
                            name="user_names[]"
                            value=user.user_name.clone()
                            form="remove-members-form"
                            aria-label=select
                        />
                    </td>
                    <td><a href=href>{user.user_name.clone()}</a></td>
                    <td><code>{user.path.clone()}</code></td>
                    <td class="actions">
                        <Permitted action="iam:RemoveUserFromGroup" compact=true>
                            <ActionForm action=remove attr:class="inline">
                                <input type="hidden" name="group_name" value=group />
                                <input type="hidden" name="user_name" value=user.user_name.clone() />
                                <button type="submit" class="ghost small danger" aria-label=label>"Remove"</button>
                            </ActionForm>
                        </Permitted>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data" id="members-table">
            <caption class="visually-hidden">"Members"</caption>
            <thead>
                <tr>
                    <th scope="col"><span class="visually-hidden">"Selected"</span></th>
                    <th scope="col">"User name"</th>
                    <th scope="col">"Path"</th>
                    <th scope="col">"Actions"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <Permitted action="iam:RemoveUserFromGroup">
            <ActionForm action=remove_many attr:class="inline" attr:id="remove-members-form">
                <input type="hidden" name="group_name" value=bulk_group />
                <button type="submit" class="ghost danger">
                    "Remove selected"
                </button>
            </ActionForm>
        </Permitted>
    }
}
