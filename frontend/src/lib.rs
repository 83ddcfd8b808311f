//! The browser entry point. All UI lives in `app`; this crate only hydrates its islands.

// Leptos view types nest deeply; without cargo-leptos' debug-only `--cfg erase_components` (release builds) rustc's
// layout queries need more depth than the default 128.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Islands: only the `#[island]` components on the page come alive; the rest stays the server's HTML.
    app::link_islands();
    leptos::mount::hydrate_islands();
    // Tells tests and the first-load benchmark that the WASM has run (lazy islands still load their chunk after).
    let _ = leptos::prelude::document().document_element().map(|root| root.set_attribute("data-hydrated", ""));
}
