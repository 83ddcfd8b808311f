//! Whether the caller may create a user or group at the path its create form would use: the tree's path when the
//! page is rendered, then, once the island is hydrated, whatever whole path is typed into the form's Path field.

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys::HtmlInputElement;

use super::path_field::default_path;
use crate::api::permissions::create_permissions;
use crate::model::IamPath;

/// This module's islands are linked into the front end through this (see [`crate::link_islands`]).
#[cfg(feature = "hydrate")]
pub(crate) fn link() {}

/// The create form's submit button, guarded by the server's answer for the tree's path (awaited before the page is
/// sent, so it holds without JavaScript). Only the button is guarded, so the fields stay usable: typing another path
/// is how a delegated administrator gets there.
#[component]
pub fn GuardedCreateButton(
    /// `iam:CreateUser` or `iam:CreateGroup`.
    action: &'static str,
    label: &'static str,
    /// The id of the form's Path input, whose typed value the hydrated button follows.
    path_input: &'static str,
    tree_prefix: Memo<String>,
) -> impl IntoView {
    let answer = Resource::new(move || default_path(&tree_prefix.get()), create_permissions);
    view! {
        <Suspense>
            {move || Suspend::new(async move {
                // Unknown (the question failed): the button stays usable and the server decides.
                let missing = answer.await.ok().and_then(|permissions| permissions.missing(action));
                view! {
                    <CreateButton
                        action=action.to_owned()
                        label=label.to_owned()
                        path_input=path_input.to_owned()
                        missing
                    />
                }
            })}
        </Suspense>
    }
}

/// The button as an island: `missing` is the server's reason for the page's path; each whole path typed into
/// `path_input` asks again (a partly typed one, `/ap`, is not asked about: the last answer stands). A courtesy only:
/// the server authorizes the creation regardless.
#[island]
fn CreateButton(action: String, label: String, path_input: String, missing: Option<String>) -> impl IntoView {
    let missing = RwSignal::new(missing);
    let buttons = NodeRef::<leptos::html::Fieldset>::new();
    // Answers can arrive out of order (two paths typed quickly): only the newest question's answer is applied.
    let newest_question = StoredValue::new(0_u64);
    let listener = StoredValue::new(None::<WindowListenerHandle>);
    let handle = window_event_listener(leptos::ev::input, move |event| {
        let Some(own) = buttons.get_untracked() else { return };
        if !own.is_connected() {
            // page-swap.js replaced the page this island was on; its listener outlives it unless removed here.
            if let Some(handle) = listener.try_update_value(Option::take).flatten() {
                handle.remove();
            }
            return;
        }
        let Some(input) = event_target::<leptos::web_sys::Element>(&event).dyn_into::<HtmlInputElement>().ok() else {
            return;
        };
        if input.id() != path_input || input.form() != own.form() {
            return;
        }
        let path = input.value();
        if IamPath::parse(&path).is_err() {
            return;
        }
        let question = newest_question.with_value(|n| n + 1);
        newest_question.set_value(question);
        let action = action.clone();
        leptos::task::spawn_local(async move {
            // Only a definite answer to the newest question changes the button; a failed one leaves it as it was.
            if let Ok(permissions) = create_permissions(path).await {
                if newest_question.get_value() == question {
                    missing.set(permissions.missing(&action));
                }
            }
        });
    });
    listener.set_value(Some(handle));
    view! {
        <fieldset class="permitted" node_ref=buttons disabled=move || missing.with(Option::is_some)>
            <button type="submit" class="primary">{label}</button>
        </fieldset>
        {move || missing.get().map(|reason| view! { <p class="missing-permission">{reason}</p> })}
    }
}
