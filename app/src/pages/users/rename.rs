use leptos::prelude::*;

use crate::api::users::{user_url, UpdateUser};
use crate::components::form_error::{action_error, FormError};
use crate::components::navigation::load_on_success;

/// Renaming a user or moving them to another path (UpdateUser). The caller needs `iam:UpdateUser` on the user where
/// they are and where they go, so a delegated admin cannot move a user out of (or into) a path they do not manage.
/// Keys, passwords, MFA devices, groups and policies follow; the ARN changes, so policies naming the old ARN no longer
/// match the user.
#[component]
pub fn RenameSection(user_name: String, path: String) -> impl IntoView {
    let action = ServerAction::<UpdateUser>::new();
    let error = action_error(action);
    // A full load: every section of this page was made for the old name (see `UserDetailPage`).
    load_on_success(action, |user| user_url(&user.user_name));
    view! {
        <section class="card" aria-labelledby="rename-heading">
            <h2 id="rename-heading">"Rename or move"</h2>
            <ActionForm action attr:class="stack" attr:id="rename-user-form">
                <input type="hidden" name="user_name" value=user_name.clone() />
                <div class="row">
                    <div class="stack grow">
                        <label for="rename-user-name">"User name"</label>
                        <input
                            id="rename-user-name"
                            name="new_user_name"
                            required
                            maxlength="64"
                            autocomplete="off"
                            autocapitalize="none"
                            value=user_name
                        />
                    </div>
                    <div class="stack grow">
                        <label for="rename-user-path">"Path"</label>
                        <input
                            id="rename-user-path"
                            name="new_path"
                            required
                            maxlength="512"
                            autocomplete="off"
                            value=path
                            aria-describedby="rename-hint"
                        />
                    </div>
                </div>
                <p class="hint" id="rename-hint">
                    "The user's ARN changes with the name or path: policies that name the old ARN stop matching."
                </p>
                <FormError error />
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Saving…" } else { "Save name and path" }}
                </button>
            </ActionForm>
        </section>
    }
}
