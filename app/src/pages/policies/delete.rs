//! Deleting a policy: typed confirmation. The service refuses (`DeleteConflict`) while the policy is attached or has
//! versions besides the default, and says which.

use leptos::prelude::*;

use crate::api::policies::{policies_url, DeletePolicy};
use crate::components::follow::navigate_on_success;
use crate::components::form_error::{action_error, FormError};

#[component]
pub fn DeleteSection(policy_name: String, path: String) -> impl IntoView {
    let action = ServerAction::<DeletePolicy>::new();
    let error = action_error(action);
    let back_to = policies_url(&path);
    navigate_on_success(action, move |_| back_to.clone());
    view! {
        <section class="card danger-zone" aria-labelledby="delete-heading">
            <h2 id="delete-heading">"Delete policy"</h2>
            <p class="muted">
                "Deleting is permanent. Detach the policy from every user and group and delete its versions other "
                "than the default first; the deletion is refused while any remain."
            </p>
            <ActionForm action attr:class="stack" attr:id="delete-policy-form">
                <input type="hidden" name="policy_name" value=policy_name.clone() />
                <input type="hidden" name="path" value=path />
                <label for="confirm-delete">"Type " <code>{policy_name.clone()}</code> " to confirm"</label>
                <input id="confirm-delete" name="confirm" autocomplete="off" required />
                <FormError error />
                <button type="submit" class="danger" disabled=move || action.pending().get()>"Delete policy"</button>
            </ActionForm>
        </section>
    }
}
