use leptos::prelude::*;

use crate::api::users::{users_url, DeleteUser};
use crate::components::follow::navigate_on_success;
use crate::components::form_error::{action_error, FormError};

/// Deleting a user: typed confirmation. The service refuses while keys, a password, policies, groups or MFA devices
/// remain, and names them; the sections above remove each.
#[component]
pub fn DeleteSection(user_name: String, path: String) -> impl IntoView {
    let action = ServerAction::<DeleteUser>::new();
    let error = action_error(action);
    let back_to = users_url(&path, None);
    navigate_on_success(action, move |_| back_to.clone());
    view! {
        <section class="card danger-zone" aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete user"</h2>
            <p class="muted">
                "Deleting is permanent. Remove the user's access keys, console password, policies, groups and MFA "
                "devices first; the deletion is refused while any remain."
            </p>
            <ActionForm action attr:class="stack" attr:id="delete-user-form">
                <input type="hidden" name="user_name" value=user_name.clone() />
                <input type="hidden" name="path" value=path />
                <label for="confirm-delete">"Type " <code>{user_name.clone()}</code> " to confirm"</label>
                <input id="confirm-delete" name="confirm" autocomplete="off" required />
                <FormError error />
                <button type="submit" class="danger" disabled=move || action.pending().get()>"Delete user"</button>
            </ActionForm>
        </section>
    }
}
