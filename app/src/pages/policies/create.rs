//! Create a managed policy: name, path (the filtered path by default), description and document. It opens on the new
//! policy's page. Refused, the page comes back with what was typed (kept in the session by `create_policy`) and the
//! server's findings.

use leptos::prelude::*;

use super::document::{DocumentError, DocumentInput};
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::api::policies::{load_create_policy_draft, CreatePolicy};
use crate::components::form_error::action_error;
use crate::components::loading::Loading;
use crate::components::path_field::PathField;
use crate::model::policies::CreatePolicyDraft;
use crate::model::{IamError, ERROR_FROM_PARAM};

#[component]
pub fn CreatePolicyForm(action: ServerAction<CreatePolicy>, default_path: Memo<String>) -> impl IntoView {
    let error = action_error(action);
    let after_refusal =
        use_query_map().with_untracked(|q| q.get(ERROR_FROM_PARAM).as_deref() == Some(CreatePolicy::PATH));
    let draft = Resource::new(
        move || after_refusal,
        |after_refusal| async move {
            if after_refusal {
                load_create_policy_draft().await.ok().flatten().unwrap_or_default()
            } else {
                CreatePolicyDraft::default()
            }
        },
    );
    view! {
        <section class="card" aria-labelledby="create-policy-heading">
            <h2 id="create-policy-heading">"Create policy"</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let draft = draft.await;
                    view! { <CreatePolicyFields action error default_path draft /> }
                })}
            </Suspense>
        </section>
    }
}

/// The form, filled with `draft` (empty unless a plain-form create was just refused).
#[component]
fn CreatePolicyFields(
    action: ServerAction<CreatePolicy>,
    error: Signal<Option<IamError>>,
    default_path: Memo<String>,
    draft: CreatePolicyDraft,
) -> impl IntoView {
    let typed_path = draft.path.trim().to_owned();
    let path = if typed_path.is_empty() { default_path } else { Memo::new(move |_| typed_path.clone()) };
    view! {
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
                        value=draft.policy_name
                    />
                    <p class="hint" id="new-policy-name-hint">"1–128 letters, digits and _+=,.@-"</p>
                </div>
                <PathField id="new-policy-path" prefix=path example="/app/" />
            </div>
            <label for="new-policy-description">"Description (optional)"</label>
            <input
                id="new-policy-description"
                name="description"
                maxlength="1000"
                autocomplete="off"
                value=draft.description
            />
            <label for="new-policy-document">"Policy document"</label>
            <DocumentInput id="new-policy-document" initial=draft.document />
            <p class="hint" id="new-policy-document-hint">
                "JSON, at most 6,144 characters. It becomes version v1, the default."
            </p>
            <DocumentError error />
            <button type="submit" class="primary">
                "Create policy"
            </button>
        </ActionForm>
    }
}
