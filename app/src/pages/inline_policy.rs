//! `/users/<name>/inline-policy` and `/groups/<name>/inline-policy` (`?name=<policy>` to edit one; without it, a
//! new one): the policy editor on a form that saves with or without JavaScript, and deleting an existing policy.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api::inline_policies::{load_inline_policy, DeleteInlinePolicy, SaveInlinePolicy};
use crate::components::error_view::ErrorView;
use crate::components::form_error::{action_error, FormError};
use crate::components::loading::Loading;
use crate::components::policy_editor::PolicyEditor;
use crate::components::policy_generator::PolicyGenerator;
use crate::model::policy_editing::{InlineOwner, PolicyForEditing};
use crate::model::policy_templates::TEMPLATES;
use crate::model::ERROR_FROM_PARAM;
use iam_policy::PolicyKind;

/// This module's islands are linked into the front end through this (see [`crate::link_islands`]).
#[cfg(feature = "hydrate")]
pub(crate) fn link() {}

#[component]
pub fn UserInlinePolicyPage() -> impl IntoView {
    view! { <InlinePolicyPage owner=InlineOwner::User /> }
}

#[component]
pub fn GroupInlinePolicyPage() -> impl IntoView {
    view! { <InlinePolicyPage owner=InlineOwner::Group /> }
}

#[component]
fn InlinePolicyPage(owner: InlineOwner) -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let owner_name = Memo::new(move |_| params.with(|p| p.get("name")).unwrap_or_default());
    let policy_name = Memo::new(move |_| query.with(|q| q.get("name")).filter(|n| !n.is_empty()));
    // The address names the save endpoint after a refused plain-form save: then the session holds the draft.
    let after_refusal =
        Memo::new(move |_| query.with(|q| q.get(ERROR_FROM_PARAM).as_deref() == Some(SaveInlinePolicy::PATH)));
    let template = Memo::new(move |_| query.with(|q| q.get("template")));
    let loaded = Resource::new(
        move || (owner_name.get(), policy_name.get(), after_refusal.get(), template.get()),
        move |(name, policy, after_refusal, template)| {
            load_inline_policy(owner.as_str().to_owned(), name, policy, after_refusal, template)
        },
    );
    let heading = move || match policy_name.get() {
        Some(policy) => format!("Inline policy {policy}"),
        None => "New inline policy".to_owned(),
    };
    let owner_label = match owner {
        InlineOwner::User => "Users",
        InlineOwner::Group => "Groups",
    };
    let owner_list = match owner {
        InlineOwner::User => "/users",
        InlineOwner::Group => "/groups",
    };
    view! {
        <Title text=heading />
        <p class="breadcrumb">
            <a href=owner_list>{owner_label}</a>
            " / "
            <a href=move || owner.page_url(&owner_name.get())>{move || owner_name.get()}</a>
            " / "
            {heading}
        </p>
        <h1>{heading}</h1>
        {move || policy_name.get().is_none().then(|| view! { <TemplateLinks owner owner_name=owner_name.get() /> })}
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match loaded.await {
                    Ok(start) => {
                        let editing = policy_name.get_untracked().is_some();
                        view! { <EditorForm owner owner_name=owner_name.get_untracked() start editing /> }.into_any()
                    }
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn EditorForm(owner: InlineOwner, owner_name: String, start: PolicyForEditing, editing: bool) -> impl IntoView {
    let save = ServerAction::<SaveInlinePolicy>::new();
    let error = action_error(save);
    let back_to = owner.page_url(&owner_name);
    // A draft of a new policy brings its typed name back, but the policy is still new.
    let existing = start.policy_name.clone().filter(|_| editing);
    let kind = owner.policy_kind();
    // The form's children are moved into it; the delete section below needs its own copies.
    let (form_owner_name, form_existing) = (owner_name.clone(), existing.clone());
    view! {
        {start.from_draft.then(|| view! {
            <p class="notice warning" role="status">"Your changes were not saved. They are below, with what needs fixing."</p>
        })}
        <ActionForm action=save attr:class="stack editor-form" attr:id="policy-form">
            <input type="hidden" name="owner" value=owner.as_str() />
            <input type="hidden" name="owner_name" value=form_owner_name />
            {match form_existing {
                Some(name) => view! {
                    <input type="hidden" name="policy_name" value=name />
                    <input type="hidden" name="existing" value="true" />
                }
                .into_any(),
                None => view! {
                    <label for="policy-name">"Policy name"</label>
                    <input
                        id="policy-name"
                        name="policy_name"
                        required
                        maxlength="128"
                        autocomplete="off"
                        value=start.policy_name.clone().unwrap_or_default()
                    />
                }
                .into_any(),
            }}
            <label for="policy-document">"Policy document"</label>
            <InlineDocumentInput kind initial=start.document />
            <FormError error />
            <div class="actions">
                <button type="submit">"Save policy"</button>
                <a class="button ghost" href=back_to.clone()>"Cancel"</a>
            </div>
        </ActionForm>
        {existing.map(|name| view! { <DeletePolicy owner owner_name policy_name=name /> })}
    }
}

/// The document field: the visual generator and the JSON editor, both on the same text. A lazy island: its WASM
/// (the validator, the generator, the action catalogue) is fetched only by the pages that show it, after the page.
#[island(lazy)]
fn InlineDocumentInput(kind: PolicyKind, initial: String) -> impl IntoView {
    let document = RwSignal::new(initial);
    view! {
        <PolicyGenerator document />
        <PolicyEditor kind document id="policy-document" />
    }
}

/// Links (not buttons, so they work without JavaScript) that restart the new policy from a template. They load the
/// page afresh (`rel="external"`): a client-side navigation would re-render the editor onto the same textarea, whose
/// value keeps what was typed there.
#[component]
fn TemplateLinks(owner: InlineOwner, owner_name: String) -> impl IntoView {
    let base = owner.editor_url(&owner_name, None);
    view! {
        <nav class="template-links" aria-label="Templates">
            <span class="muted">"Start from: "</span>
            {TEMPLATES
                .iter()
                .map(|t| view! { <a rel="external" href=format!("{base}?template={}", t.id)>{t.label}</a> })
                .collect_view()}
        </nav>
    }
}

#[component]
fn DeletePolicy(owner: InlineOwner, owner_name: String, policy_name: String) -> impl IntoView {
    let delete = ServerAction::<DeleteInlinePolicy>::new();
    let error = action_error(delete);
    view! {
        <section class="card danger-zone" aria-labelledby="delete-policy-heading">
            <h2 id="delete-policy-heading">"Delete policy"</h2>
            <ActionForm action=delete attr:class="stack">
                <input type="hidden" name="owner" value=owner.as_str() />
                <input type="hidden" name="owner_name" value=owner_name />
                <input type="hidden" name="policy_name" value=policy_name.clone() />
                <FormError error />
                <button type="submit" class="danger">
                    {format!("Delete {policy_name}")}
                </button>
            </ActionForm>
        </section>
    }
}
