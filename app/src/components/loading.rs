use leptos::prelude::*;

/// What a section shows while its data loads (only ever seen in the hydrated app: the server sends complete pages).
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" aria-busy="true">"Loading…"</p> }
}
