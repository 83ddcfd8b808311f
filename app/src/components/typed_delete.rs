//! The danger zone every deletable thing ends its page with: what deleting needs first, then a typed confirmation.
//! The form itself stays with each page (its server function differs); these are the parts they share.

use leptos::prelude::*;

use super::form_error::FormError;
use crate::model::IamError;

/// The section: `title` as its heading and `explanation` of what must go first, around the page's form.
#[component]
pub fn DangerZone(title: &'static str, explanation: &'static str, children: Children) -> impl IntoView {
    view! {
        <section class="card danger-zone" aria-labelledby="delete-heading">
            <h2 id="delete-heading">{title}</h2>
            <p class="muted">{explanation}</p>
            {children()}
        </section>
    }
}

/// The form's fields: the thing's name (under `name_field`) and path as the server function takes them, the typed
/// confirmation (`confirm`, checked by the service), the error, and the button.
#[component]
pub fn TypedDeleteFields(
    name_field: &'static str,
    name: String,
    path: String,
    button: &'static str,
    error: Signal<Option<IamError>>,
) -> impl IntoView {
    view! {
        <input type="hidden" name=name_field value=name.clone() />
        <input type="hidden" name="path" value=path />
        <label for="confirm-delete">"Type " <code>{name}</code> " to confirm"</label>
        <input id="confirm-delete" name="confirm" autocomplete="off" required />
        <FormError error />
        <button type="submit" class="danger">{button}</button>
    }
}
