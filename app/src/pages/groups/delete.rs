use leptos::prelude::*;

use crate::api::groups::{groups_url, DeleteGroup};
use crate::components::follow::navigate_on_success;
use crate::components::form_error::{action_error, FormError};

/// Deleting a group: typed confirmation. The service refuses while the group has members or policies, and says so.
#[component]
pub fn DeleteSection(group_name: String, path: String) -> impl IntoView {
    let action = ServerAction::<DeleteGroup>::new();
    let error = action_error(action);
    let back_to = groups_url(&path, None);
    navigate_on_success(action, move |_| back_to.clone());
    view! {
        <section class="card danger-zone" aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete group"</h2>
            <p class="muted">
                "Deleting is permanent. Remove the group's members and policies first; the deletion is refused while "
                "any remain."
            </p>
            <ActionForm action attr:class="stack" attr:id="delete-group-form">
                <input type="hidden" name="group_name" value=group_name.clone() />
                <input type="hidden" name="path" value=path />
                <label for="confirm-delete">"Type " <code>{group_name.clone()}</code> " to confirm"</label>
                <input id="confirm-delete" name="confirm" autocomplete="off" required />
                <FormError error />
                <button type="submit" class="danger" disabled=move || action.pending().get()>"Delete group"</button>
            </ActionForm>
        </section>
    }
}
