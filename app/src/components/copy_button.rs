use leptos::prelude::*;

/// This module's islands are linked into the front end through this (see [`crate::link_islands`]).
#[cfg(feature = "hydrate")]
pub(crate) fn link() {}

/// Copies `text` to the clipboard. An island, disabled until it hydrates, since it needs JavaScript.
#[island]
pub fn CopyButton(text: String, #[prop(optional, into)] label: Option<String>) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    let copied = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let copy = move |_| {
        #[cfg(feature = "hydrate")]
        let _ = window().navigator().clipboard().write_text(&text);
        #[cfg(not(feature = "hydrate"))]
        let _ = &text;
        copied.set(true);
    };
    view! {
        <button
            type="button"
            class="ghost small"
            aria-label=label
            disabled=move || !hydrated.get()
            on:click=copy
        >
            {move || if copied.get() { "Copied" } else { "Copy" }}
        </button>
    }
}
