//! A policy's versions: the table (each non-default one can become the default or be deleted) and the form adding a
//! version. AWS keeps at most 5; the service refuses a sixth with `LimitExceeded`, shown under the form.

use leptos::prelude::*;

use super::actions::PolicyActions;
use super::document::{DocumentError, DocumentInput};
use crate::api::policies::policy_url;
use crate::api::users::encode_query_value;
use crate::components::error_view::ErrorView;
use crate::components::form_error::{action_error, FormError};
use crate::components::loading::Loading;
use crate::model::policies::PolicyVersionView;
use crate::model::IamError;

/// AWS's limit, for saying so before the service has to.
const MAX_VERSIONS: usize = 5;

#[component]
pub fn VersionsSection(
    policy_name: String,
    versions: Resource<Result<Vec<PolicyVersionView>, IamError>>,
    actions: PolicyActions,
) -> impl IntoView {
    let create = actions.create_version;
    let create_error = action_error(create);
    let set_default_error = action_error(actions.set_default);
    let delete_error = action_error(actions.delete_version);
    let form_policy = policy_name.clone();
    view! {
        <section class="card" aria-labelledby="versions-heading">
            <h2 id="versions-heading">"Versions"</h2>
            <Suspense fallback=Loading>
                {move || {
                    let policy_name = policy_name.clone();
                    Suspend::new(async move {
                        match versions.await {
                            Ok(versions) => view! { <VersionsTable versions policy_name actions /> }.into_any(),
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })
                }}
            </Suspense>
            <FormError error=set_default_error />
            <FormError error=delete_error />
            <h3>"Create new version"</h3>
            <ActionForm action=create attr:class="stack" attr:id="create-version-form">
                <input type="hidden" name="policy_name" value=form_policy />
                <label for="new-version-document">"Policy document"</label>
                <DocumentInput id="new-version-document" />
                <p class="hint" id="new-version-document-hint">
                    "A policy keeps at most 5 versions; delete an old one to make room."
                </p>
                <label class="check">
                    <input type="checkbox" name="set_as_default" value="on" />
                    " Set as default version"
                </label>
                <DocumentError error=create_error />
                <button type="submit" class="primary">
                    "Create version"
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn VersionsTable(versions: Vec<PolicyVersionView>, policy_name: String, actions: PolicyActions) -> impl IntoView {
    let full = (versions.len() >= MAX_VERSIONS).then(|| {
        view! {
            <p class="notice warning" role="status">
                {format!("{MAX_VERSIONS} of {MAX_VERSIONS} versions: delete one before creating another.")}
            </p>
        }
    });
    let rows = versions
        .into_iter()
        .map(|v| {
            let href = format!("{}?version={}", policy_url(&policy_name), encode_query_value(&v.version_id));
            let buttons = (!v.is_default_version).then(|| {
                view! { <VersionButtons policy_name=policy_name.clone() version_id=v.version_id.clone() actions /> }
            });
            view! {
                <tr>
                    <td><a href=href>{v.version_id.clone()}</a></td>
                    <td><time datetime=v.create_date.clone()>{v.create_date.clone()}</time></td>
                    <td>{v.is_default_version.then(|| view! { <span class="badge default">"default"</span> })}</td>
                    <td class="actions">{buttons}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        {full}
        <table class="data" id="versions-table">
            <caption class="visually-hidden">"Versions"</caption>
            <thead>
                <tr>
                    <th scope="col">"Version"</th>
                    <th scope="col">"Created"</th>
                    <th scope="col">"Default"</th>
                    <th scope="col">"Actions"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// "Set as default" and "Delete" for one version that is not the default.
#[component]
fn VersionButtons(policy_name: String, version_id: String, actions: PolicyActions) -> impl IntoView {
    let set_label = format!("Set {version_id} as the default version");
    let delete_label = format!("Delete version {version_id}");
    let (set_policy, set_version) = (policy_name.clone(), version_id.clone());
    view! {
        <ActionForm action=actions.set_default attr:class="inline">
            <input type="hidden" name="policy_name" value=set_policy />
            <input type="hidden" name="version_id" value=set_version />
            <button type="submit" class="ghost small" aria-label=set_label>"Set as default"</button>
        </ActionForm>
        <ActionForm action=actions.delete_version attr:class="inline">
            <input type="hidden" name="policy_name" value=policy_name />
            <input type="hidden" name="version_id" value=version_id />
            <button type="submit" class="ghost small danger" aria-label=delete_label>"Delete"</button>
        </ActionForm>
    }
}
