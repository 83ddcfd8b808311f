use leptos::prelude::*;

/// What a section shows while its data loads: the `Suspense` fallback, which the server never sends (every route
/// renders with `SsrMode::Async`, so pages arrive complete).
#[component]
pub fn Loading() -> impl IntoView {
    view! { <p class="loading" aria-busy="true">"Loading…"</p> }
}
