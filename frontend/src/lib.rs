//! The browser entry point. All UI lives in `app`; this crate only hydrates it.

// Leptos view types nest deeply; without cargo-leptos' debug-only `--cfg erase_components` (release builds) rustc's
// layout queries need more depth than the default 128.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazy routes: the shown page's WASM chunk is fetched before hydration starts.
    leptos::mount::hydrate_lazy(app::App);
}
