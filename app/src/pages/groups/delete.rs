use leptos::prelude::*;

use crate::api::groups::DeleteGroup;
use crate::components::form_error::action_error;
use crate::components::permitted::Permitted;
use crate::components::typed_delete::{DangerZone, TypedDeleteFields};

/// Deleting a group: typed confirmation. The service refuses while the group has members or policies, and says so.
#[component]
pub fn DeleteSection(group_name: String, path: String) -> impl IntoView {
    let action = ServerAction::<DeleteGroup>::new();
    let error = action_error(action);
    view! {
        <DangerZone
            title="Delete group"
            explanation=concat!(
                "Deleting is permanent. Remove the group's members and policies first; the deletion is ",
                "refused while any remain."
            )
        >
            <Permitted action="iam:DeleteGroup">
                <ActionForm action attr:class="stack" attr:id="delete-group-form">
                    <TypedDeleteFields
                        name_field="group_name"
                        name=group_name
                        path
                        button="Delete group"
                        error
                    />
                </ActionForm>
            </Permitted>
        </DangerZone>
    }
}
