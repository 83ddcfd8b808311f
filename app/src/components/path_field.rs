//! The "Path" field of a create form: it starts at, and follows, the prefix chosen in the path tree.

use leptos::prelude::*;

use super::input_follows::input_follows;

/// The path a new entity gets unless another is typed: the filtered prefix when it is a whole path.
pub fn default_path(prefix: &str) -> String {
    if prefix.starts_with('/') && prefix.ends_with('/') {
        prefix.to_owned()
    } else {
        "/".to_owned()
    }
}

/// `id` is the input's id (its hint is `<id>-hint`); `example` a path shown in the hint; `typed`, when given,
/// receives each edit of the field (hydrated).
#[component]
pub fn PathField(
    id: &'static str,
    prefix: Memo<String>,
    example: &'static str,
    #[prop(optional)] typed: Option<RwSignal<String>>,
) -> impl IntoView {
    // Follows the tree once the prefix changes — not at hydration, which would wipe what was typed before the WASM
    // arrived (see `input_follows`).
    let input = NodeRef::<leptos::html::Input>::new();
    let initial = default_path(&prefix.get_untracked());
    input_follows(input, move || prefix.get(), |prefix| default_path(prefix));
    let hint_id = format!("{id}-hint");
    view! {
        <div class="stack grow">
            <label for=id>"Path"</label>
            <input
                id=id
                name="path"
                node_ref=input
                value=initial
                autocomplete="off"
                aria-describedby=hint_id.clone()
                on:input=move |event| {
                    if let Some(typed) = typed {
                        typed.set(event_target_value(&event));
                    }
                }
            />
            <p class="hint" id=hint_id>{format!("/ or /one/or/more/segments/, e.g. {example}")}</p>
        </div>
    }
}
