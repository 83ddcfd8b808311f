use leptos::prelude::*;

/// This module's islands are linked into the front end through this (see [`crate::link_islands`]).
#[cfg(feature = "hydrate")]
pub(crate) fn link() {}

/// A password input with a show/hide toggle. An island: the toggle is disabled in the server-rendered page and comes
/// alive when the island hydrates, so the form works without JavaScript and is nicer with it.
#[island]
pub fn PasswordField(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] label: String,
    #[prop(into)] autocomplete: String,
    #[prop(optional, into)] hint: Option<String>,
    /// `false` for an optional password (e.g. a new user's console password).
    required: bool,
) -> impl IntoView {
    let visible = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    // Effects run only in the browser, after hydration.
    Effect::new(move |_| hydrated.set(true));
    let hint_id = hint.as_ref().map(|_| format!("{id}-hint"));

    view! {
        <label for=id.clone()>{label}</label>
        <div class="password-field">
            <input
                id=id.clone()
                name=name
                type=move || if visible.get() { "text" } else { "password" }
                autocomplete=autocomplete
                aria-describedby=hint_id.clone()
                required=required
            />
            <button
                type="button"
                class="ghost toggle-visibility"
                aria-controls=id
                aria-pressed=move || visible.get().to_string()
                disabled=move || !hydrated.get()
                on:click=move |_| visible.update(|shown| *shown = !*shown)
            >
                {move || if visible.get() { "Hide" } else { "Show" }}
            </button>
        </div>
        {hint.map(|text| view! { <p class="hint" id=hint_id>{text}</p> })}
    }
}
