use leptos::prelude::*;

use crate::api::users::UpdateUser;
use crate::components::form_error::action_error;
use crate::components::permitted::Permitted;
use crate::components::rename_fields::{RenameFields, RenameSection as Section};

/// Renaming a user or moving them to another path (UpdateUser). The caller needs `iam:UpdateUser` on the user where
/// they are and where they go, so a delegated admin cannot move a user out of (or into) a path they do not manage.
/// Keys, passwords, MFA devices, groups and policies follow; the ARN changes, so policies naming the old ARN no longer
/// match the user.
#[component]
pub fn RenameSection(user_name: String, path: String) -> impl IntoView {
    let action = ServerAction::<UpdateUser>::new();
    let error = action_error(action);
    // A full load: every section of this page was made for the old name (see `UserDetailPage`).
    view! {
        <Section>
            <Permitted action="iam:UpdateUser">
                <ActionForm action attr:class="stack" attr:id="rename-user-form">
                    <RenameFields
                        kind="user"
                        name_field="user_name"
                        max_name_length=64
                        name=user_name
                        path
                        error
                    />
                </ActionForm>
            </Permitted>
        </Section>
    }
}
