//! Create a managed policy: name, path (the filtered path by default), description and document. It opens on the new
//! policy's page.

use leptos::prelude::*;

use super::document::{DocumentError, DocumentInput};
use crate::api::policies::{policy_url, CreatePolicy};
use crate::components::follow::navigate_on_success;
use crate::components::form_error::action_error;
use crate::components::path_field::PathField;

#[component]
pub fn CreatePolicyForm(action: ServerAction<CreatePolicy>, default_path: Memo<String>) -> impl IntoView {
    let error = action_error(action);
    navigate_on_success(action, |policy| policy_url(&policy.policy_name));
    view! {
        <section class="card" aria-labelledby="create-policy-heading">
            <h2 id="create-policy-heading">"Create policy"</h2>
            <ActionForm action attr:class="stack" attr:id="create-policy-form">
                <div class="row">
                    <div class="stack grow">
                        <label for="new-policy-name">"Policy name"</label>
                        <input
                            id="new-policy-name"
                            name="policy_name"
                            required
                            maxlength="128"
                            autocomplete="off"
                            autocapitalize="none"
                            aria-describedby="new-policy-name-hint"
                        />
                        <p class="hint" id="new-policy-name-hint">"1–128 letters, digits and _+=,.@-"</p>
                    </div>
                    <PathField id="new-policy-path" prefix=default_path example="/app/" />
                </div>
                <label for="new-policy-description">"Description (optional)"</label>
                <input id="new-policy-description" name="description" maxlength="1000" autocomplete="off" />
                <label for="new-policy-document">"Policy document"</label>
                <DocumentInput id="new-policy-document" />
                <p class="hint" id="new-policy-document-hint">
                    "JSON, at most 6,144 characters. It becomes version v1, the default."
                </p>
                <DocumentError error />
                <button type="submit" class="primary" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { "Creating…" } else { "Create policy" }}
                </button>
            </ActionForm>
        </section>
    }
}
