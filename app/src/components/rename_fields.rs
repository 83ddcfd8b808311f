//! The "Rename or move" section users and groups end their page with. The form itself stays with each page (its
//! server function differs); these are the parts they share.

use leptos::prelude::*;

use super::form_error::FormError;
use crate::model::IamError;

/// The section, headed "Rename or move", around the page's form.
#[component]
pub fn RenameSection(children: Children) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="rename-heading">
            <h2 id="rename-heading">"Rename or move"</h2>
            {children()}
        </section>
    }
}

/// The form's fields: the current name (hidden, under `name_field`), the new name (`new_<name_field>`) and the new
/// path as the server function takes them (names up to `max_name_length`), a warning that the ARN changes, the error, and the button. `kind` names
/// the thing ("user", "group") in labels.
#[component]
pub fn RenameFields(
    kind: &'static str,
    name_field: &'static str,
    max_name_length: u32,
    name: String,
    path: String,
    error: Signal<Option<IamError>>,
) -> impl IntoView {
    let capitalised = format!("{}{}", kind[..1].to_uppercase(), &kind[1..]);
    view! {
        <input type="hidden" name=name_field value=name.clone() />
        <div class="row">
            <div class="stack grow">
                <label for="rename-name">{format!("{capitalised} name")}</label>
                <input
                    id="rename-name"
                    name=format!("new_{name_field}")
                    required
                    maxlength=max_name_length.to_string()
                    autocomplete="off"
                    autocapitalize="none"
                    value=name
                />
            </div>
            <div class="stack grow">
                <label for="rename-path">"Path"</label>
                <input
                    id="rename-path"
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
            {format!("The {kind}'s ARN changes with the name or path: policies that name the old ARN stop matching.")}
        </p>
        <FormError error />
        <button type="submit" class="primary">
            "Save name and path"
        </button>
    }
}
