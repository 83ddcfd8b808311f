//! Create a user in one flow: name, path (the filtered path by default), and optionally a console password, groups
//! and an access key (whose secret then shows once on the new user's page).

use leptos::prelude::*;

use crate::api::users::CreateUser;
use crate::components::create_permissions::GuardedCreateButton;
use crate::components::form_error::{action_error, FormError};
use crate::components::password_field::PasswordField;
use crate::components::path_field::PathField;

#[component]
pub fn CreateUserForm(action: ServerAction<CreateUser>, default_path: Memo<String>) -> impl IntoView {
    let error = action_error(action);
    view! {
        <section class="card" aria-labelledby="create-user-heading">
            <h2 id="create-user-heading">"Create user"</h2>
            <ActionForm action attr:class="stack" attr:id="create-user-form">
                <div class="row">
                    <div class="stack grow">
                        <label for="new-user-name">"User name"</label>
                        <input
                            id="new-user-name"
                            name="user_name"
                            required
                            maxlength="64"
                            autocomplete="off"
                            autocapitalize="none"
                            aria-describedby="new-user-name-hint"
                        />
                        <p class="hint" id="new-user-name-hint">"1–64 letters, digits and _+=,.@-"</p>
                    </div>
                    <PathField id="new-user-path" prefix=default_path example="/family/" />
                </div>
                <PasswordField
                    id="new-user-password"
                    name="console_password"
                    label="Console password (optional)"
                    autocomplete="new-password"
                    hint="Leave empty for a user without console access (e.g. an application with access keys)."
                    required=false
                />
                <label class="check">
                    <input type="checkbox" name="require_reset" value="on" />
                    " Require a new password at first sign-in"
                </label>
                <label for="new-user-groups">"Groups (optional)"</label>
                <input
                    id="new-user-groups"
                    name="groups"
                    autocomplete="off"
                    autocapitalize="none"
                    placeholder="admins, developers"
                    aria-describedby="new-user-groups-hint"
                />
                <p class="hint" id="new-user-groups-hint">"Group names, separated by commas or spaces (at most 10)."</p>
                <label class="check">
                    <input type="checkbox" name="access_key" value="on" />
                    " Create an access key (for the CLI and SDKs; its secret is shown once, on the user's page)"
                </label>
                <FormError error />
                <GuardedCreateButton action="iam:CreateUser" label="Create user" path_input="new-user-path" tree_prefix=default_path />
            </ActionForm>
        </section>
    }
}
