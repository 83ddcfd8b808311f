//! Deleting a policy: typed confirmation. The service refuses (`DeleteConflict`) while the policy is attached or has
//! versions besides the default, and says which.

use leptos::prelude::*;

use crate::api::policies::DeletePolicy;
use crate::components::form_error::action_error;
use crate::components::typed_delete::{DangerZone, TypedDeleteFields};

#[component]
pub fn DeleteSection(policy_name: String, path: String) -> impl IntoView {
    let action = ServerAction::<DeletePolicy>::new();
    let error = action_error(action);
    view! {
        <DangerZone
            title="Delete policy"
            explanation=concat!(
                "Deleting is permanent. Detach the policy from every user and group and delete its ",
                "versions other than the default first; the deletion is refused while any remain."
            )
        >
            <ActionForm action attr:class="stack" attr:id="delete-policy-form">
                <TypedDeleteFields
                    name_field="policy_name"
                    name=policy_name
                    path
                    button="Delete policy"
                    error
                />
            </ActionForm>
        </DangerZone>
    }
}
