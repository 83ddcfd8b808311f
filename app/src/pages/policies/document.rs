//! A policy document as the forms take it (the field) and the page shows it (numbered lines, the default version
//! or the one the address asks for), and the findings that come back with a refused one.

use leptos::prelude::*;

use crate::components::error_view::ErrorView;
use crate::components::form_error::FormError;
use crate::components::loading::Loading;
use crate::components::policy_editor::PolicyEditor;
use crate::model::policies::PolicyVersionView;
use crate::model::policy_editing::NEW_POLICY_TEMPLATE;
use crate::model::IamError;
use iam_policy::PolicyKind;

/// This module's islands are linked into the front end through this (see [`crate::link_islands`]).
#[cfg(feature = "hydrate")]
pub(crate) fn link() {}

/// The `document` field of a policy form: the policy editor (live findings, autocomplete, Format, size against the
/// managed-policy limit), starting from `initial` (text given back after a refusal) or, when that is empty, the
/// new-policy template. A lazy island: the editor's WASM (the validator, the action catalogue) is fetched only by
/// the pages that show it, after the page itself.
#[island(lazy)]
pub fn DocumentInput(#[prop(into)] id: String, #[prop(optional)] initial: Option<String>) -> impl IntoView {
    let initial = initial.filter(|text| !text.is_empty()).unwrap_or_else(|| NEW_POLICY_TEMPLATE.to_owned());
    let document = RwSignal::new(initial);
    view! { <PolicyEditor kind=PolicyKind::Managed document id /> }
}

/// The document exactly as stored, one numbered line each (the numbers come from CSS, so copying takes the JSON only).
#[component]
pub fn DocumentView(document: String, id: &'static str) -> impl IntoView {
    let lines = document.lines().map(|line| view! { <span class="line">{line.to_owned()}</span> }).collect_view();
    view! { <pre class="policy-document numbered" id=id><code>{lines}</code></pre> }
}

/// A policy form's failure: the error, and for a malformed document every finding the validator made.
#[component]
pub fn DocumentError(error: Signal<Option<IamError>>) -> impl IntoView {
    let findings = move || match error.get() {
        Some(IamError::MalformedPolicyDocument { diagnostics, .. }) if !diagnostics.is_empty() => Some(diagnostics),
        _ => None,
    };
    view! {
        <FormError error />
        {move || {
            findings().map(|diagnostics| {
                view! {
                    <ul class="diagnostics" aria-label="Findings">
                        {diagnostics
                            .into_iter()
                            .map(|d| {
                                view! {
                                    <li>
                                        <span class="badge">{d.severity.as_str()}</span>
                                        " "
                                        {d.message}
                                        {d.help.map(|help| view! { <span class="muted">" — " {help}</span> })}
                                    </li>
                                }
                            })
                            .collect_view()}
                    </ul>
                }
            })
        }}
    }
}

/// The document of the version asked for in the address, or of the default version.
#[component]
pub fn DocumentSection(
    versions: Resource<Result<Vec<PolicyVersionView>, IamError>>,
    shown: Memo<Option<String>>,
) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="document-heading">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    let wanted = shown.get();
                    let versions = match versions.await {
                        Ok(versions) => versions,
                        Err(error) => return view! { <h2 id="document-heading">"Document"</h2> <ErrorView error /> }.into_any(),
                    };
                    // A version asked for that is gone (deleted since) gives way to the default, saying so.
                    let asked = wanted.as_ref().and_then(|id| versions.iter().position(|v| &v.version_id == id));
                    let missing = wanted.filter(|_| asked.is_none());
                    let version = match asked {
                        Some(i) => versions.into_iter().nth(i),
                        None => versions.into_iter().find(|v| v.is_default_version),
                    };
                    let Some(v) = version else {
                        return view! { <h2 id="document-heading">"Document"</h2> }.into_any();
                    };
                    let label = if v.is_default_version { " (default)" } else { "" };
                    view! {
                        <h2 id="document-heading">"Document: " {v.version_id.clone()} {label}</h2>
                        {missing.map(|id| view! { <p class="muted">{format!("There is no version {id}; this is the default.")}</p> })}
                        <DocumentView document=v.document id="policy-document" />
                    }
                    .into_any()
                })}
            </Suspense>
        </section>
    }
}
