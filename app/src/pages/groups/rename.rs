use leptos::prelude::*;

use crate::api::groups::UpdateGroup;
use crate::components::form_error::action_error;
use crate::components::permitted::Permitted;
use crate::components::rename_fields::{RenameFields, RenameSection as Section};

/// Renaming a group or moving it to another path (UpdateGroup). The caller needs `iam:UpdateGroup` on the group where
/// it is and where it goes. Members and policies follow; the ARN changes, so policies naming the old ARN no longer
/// match the group.
#[component]
pub fn RenameSection(group_name: String, path: String) -> impl IntoView {
    let action = ServerAction::<UpdateGroup>::new();
    let error = action_error(action);
    // A full load: the members and policies sections were made for the old name (see `GroupDetailPage`).
    view! {
        <Section>
            <Permitted action="iam:UpdateGroup">
                <ActionForm action attr:class="stack" attr:id="rename-group-form">
                    <RenameFields
                        kind="group"
                        name_field="group_name"
                        max_name_length=128
                        name=group_name
                        path
                        error
                    />
                </ActionForm>
            </Permitted>
        </Section>
    }
}
