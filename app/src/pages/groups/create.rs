//! Create a group: name and path (the filtered path by default).

use leptos::prelude::*;

use crate::api::groups::CreateGroup;
use crate::components::create_permissions::GuardedCreateButton;
use crate::components::form_error::{action_error, FormError};
use crate::components::path_field::PathField;

#[component]
pub fn CreateGroupForm(action: ServerAction<CreateGroup>, default_path: Memo<String>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <section class="card" aria-labelledby="create-group-heading">
            <h2 id="create-group-heading">"Create group"</h2>
            <ActionForm action attr:class="stack" attr:id="create-group-form">
                <div class="row">
                    <div class="stack grow">
                        <label for="new-group-name">"Group name"</label>
                        <input
                            id="new-group-name"
                            name="group_name"
                            required
                            maxlength="128"
                            autocomplete="off"
                            autocapitalize="none"
                            aria-describedby="new-group-name-hint"
                        />
                        <p class="hint" id="new-group-name-hint">"1–128 letters, digits and _+=,.@-"</p>
                    </div>
                    <PathField id="new-group-path" prefix=default_path example="/ops/" />
                </div>
                <FormError error />
                <GuardedCreateButton action="iam:CreateGroup" label="Create group" path_input="new-group-path" tree_prefix=default_path />
            </ActionForm>
        </section>
    }
}
