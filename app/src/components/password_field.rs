use leptos::prelude::*;

/// A password input with a show/hide toggle. The toggle is disabled in the server-rendered page and comes alive
/// when the WASM hydrates, so the form works without JavaScript and is nicer with it.
#[component]
pub fn PasswordField(
    id: &'static str,
    name: &'static str,
    label: &'static str,
    autocomplete: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    /// `false` for an optional password (e.g. a new user's console password).
    #[prop(default = true)]
    required: bool,
) -> impl IntoView {
    let visible = RwSignal::new(false);
    let hydrated = RwSignal::new(false);
    // Effects run only in the browser, after hydration.
    Effect::new(move |_| hydrated.set(true));
    let hint_id = hint.map(|_| format!("{id}-hint"));

    view! {
        <label for=id>{label}</label>
        <div class="password-field">
            <input
                id=id
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
