use leptos::prelude::*;

/// Copies `text` to the clipboard. Disabled until the page hydrates, since it needs JavaScript.
#[component]
pub fn CopyButton(text: String, #[prop(optional)] label: Option<&'static str>) -> impl IntoView {
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
