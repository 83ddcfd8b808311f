//! Whether the caller may create a user or group at the path its create form would use: the tree's path when the
//! page is rendered, then, once the island is hydrated, whatever whole path is typed into the form's Path field.

use leptos::prelude::*;

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
    let asked = action.clone();
    let _listener = window_event_listener(leptos::ev::input, move |event| {
        if event_target::<leptos::web_sys::Element>(&event).id() != path_input {
            return;
        }
        let path = event_target_value(&event);
        if IamPath::parse(&path).is_err() {
            return;
        }
        let action = asked.clone();
        leptos::task::spawn_local(async move {
            // Only a definite answer changes the button; a failed question leaves it as it was.
            if let Ok(permissions) = create_permissions(path).await {
                missing.set(permissions.missing(&action));
            }
        });
    });
    view! {
        <fieldset class="permitted" disabled=move || missing.with(Option::is_some)>
            <button type="submit" class="primary">{label}</button>
        </fieldset>
        {move || missing.get().map(|reason| view! { <p class="missing-permission">{reason}</p> })}
    }
}
