use leptos::prelude::*;

use crate::api::users::{users_url, DeleteUser};
use crate::components::follow::navigate_on_success;
use crate::components::form_error::action_error;
use crate::components::permitted::Permitted;
use crate::components::typed_delete::{DangerZone, TypedDeleteFields};

/// Deleting a user: typed confirmation. The service refuses while keys, a password, policies, groups or MFA devices
/// remain, and names them; the sections above remove each.
#[component]
pub fn DeleteSection(user_name: String, path: String) -> impl IntoView {
    let action = ServerAction::<DeleteUser>::new();
    let error = action_error(action);
    let back_to = users_url(&path, None);
    navigate_on_success(action, move |_| back_to.clone());
    view! {
        <DangerZone
            title="Delete user"
            explanation=concat!(
                "Deleting is permanent. Remove the user's access keys, console password, policies, groups ",
                "and MFA devices first; the deletion is refused while any remain."
            )
        >
            <Permitted action="iam:DeleteUser">
                <ActionForm action attr:class="stack" attr:id="delete-user-form">
                    <TypedDeleteFields
                        name_field="user_name"
                        name=user_name
                        path
                        button="Delete user"
                        error
                        pending=action.pending().into()
                    />
                </ActionForm>
            </Permitted>
        </DangerZone>
    }
}
