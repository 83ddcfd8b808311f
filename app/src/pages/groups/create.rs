//! Create a group: name and path (the filtered path by default).

use leptos::prelude::*;

use crate::api::groups::{groups_url, CreateGroup};
use crate::components::follow::navigate_on_success;
use crate::components::form_error::{action_error, FormError};
use crate::components::create_permissions::provide_create_permissions;
use crate::components::path_field::PathField;
use crate::components::permitted::Permitted;

#[component]
pub fn CreateGroupForm(action: ServerAction<CreateGroup>, default_path: Memo<String>) -> impl IntoView {
    let error = action_error(action);
    // Whether the caller may create at the tree's path, then (hydrated) at the path typed. Only the button is
    // guarded, so the fields stay usable: typing another path is how a delegated administrator gets there.
    let typed_path = provide_create_permissions(default_path);
    navigate_on_success(action, |group| groups_url(&group.path, Some(&group.group_name)));
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
                    <PathField id="new-group-path" prefix=default_path typed=typed_path example="/ops/" />
                </div>
                <FormError error />
                <Permitted action="iam:CreateGroup">
                    <button type="submit" class="primary" disabled=move || action.pending().get()>
                        {move || if action.pending().get() { "Creating…" } else { "Create group" }}
                    </button>
                </Permitted>
            </ActionForm>
        </section>
    }
}
