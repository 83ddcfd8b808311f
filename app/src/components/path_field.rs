//! The "Path" field of a create form: it starts at the prefix chosen in the path tree.

use leptos::prelude::*;

/// The path a new entity gets unless another is typed: the filtered prefix when it is a whole path.
pub fn default_path(prefix: &str) -> String {
    if prefix.starts_with('/') && prefix.ends_with('/') {
        prefix.to_owned()
    } else {
        "/".to_owned()
    }
}

/// `id` is the input's id (its hint is `<id>-hint`); `example` a path shown in the hint.
#[component]
pub fn PathField(id: &'static str, prefix: Memo<String>, example: &'static str) -> impl IntoView {
    let initial = default_path(&prefix.get_untracked());
    let hint_id = format!("{id}-hint");
    view! {
        <div class="stack grow">
            <label for=id>"Path"</label>
            <input
                id=id
                name="path"
                value=initial
                autocomplete="off"
                aria-describedby=hint_id.clone()
            />
            <p class="hint" id=hint_id>{format!("/ or /one/or/more/segments/, e.g. {example}")}</p>
        </div>
    }
}
