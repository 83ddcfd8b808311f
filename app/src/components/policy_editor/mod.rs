//! The policy editor: a textarea with line numbers, every `iam-policy` finding underlined at its span and listed
//! (severity, code, message, help, line:column; a click selects the span), autocomplete from the catalogue, a
//! Format button and a size meter.
//!
//! Findings are computed from the text by the validator the server authorizes with: on the server for the page as
//! sent (so a person without JavaScript sees the findings of what they submitted), and in the browser on every
//! keystroke once the WASM has hydrated — no request. The textarea is an ordinary form field named `document`; the
//! server re-validates on save and stays the authority.

mod analysis;
mod completion;
mod findings;

pub use analysis::{analyse, Analysis, Finding};

use iam_policy::PolicyKind;
use leptos::ev;
use leptos::html::{Pre, Textarea};
use leptos::prelude::*;

use crate::components::html_text::textarea_text;

use completion::{complete, Completion};
use findings::{FindingsList, SizeMeter};

/// `document` holds the text; the caller sets its first value (the stored policy or a draft) and reads it back.
#[component]
pub fn PolicyEditor(
    kind: PolicyKind,
    document: RwSignal<String>,
    /// The textarea's id, for the label the caller renders.
    #[prop(into)]
    id: String,
) -> impl IntoView {
    let textarea = NodeRef::<Textarea>::new();
    let underlay = NodeRef::<Pre>::new();
    let gutter = NodeRef::<Pre>::new();
    let analysis = Memo::new(move |_| document.with(|text| analyse(text, kind)));
    let completion = RwSignal::new(None::<Completion>);
    let active = RwSignal::new(0usize);
    let format_error = RwSignal::new(None::<String>);
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| {
        // Text typed before the WASM arrived is what the textarea holds now; the signal still has the page's.
        if let Some(element) = textarea.get_untracked() {
            let typed = element.value();
            if document.with_untracked(|text| *text != typed) {
                document.set(typed);
            }
        }
        hydrated.set(true);
    });

    // Text written into `document` by someone else (the visual generator) shows in the textarea; text typed here is
    // already there. Not at hydration (see `input_follows`): that would wipe text typed before the WASM arrived.
    Effect::watch(
        move || document.get(),
        move |text, _, _| {
            if let Some(element) = textarea.get_untracked() {
                if element.value() != *text {
                    element.set_value(text);
                }
            }
        },
        false,
    );
    // Replaces the whole text (Format, accepting a suggestion) and puts the cursor at `cursor` (UTF-16).
    let replace_text = move |text: String, cursor: Option<u32>| {
        if let Some(element) = textarea.get_untracked() {
            element.set_value(&text);
            if let Some(at) = cursor {
                let _ = element.set_selection_range(at, at);
            }
            let _ = element.focus();
        }
        document.set(text);
    };
    let refresh_completion = move || {
        let suggestion = textarea.get_untracked().and_then(|element| {
            let cursor = element.selection_start().ok().flatten()?;
            document.with_untracked(|text| complete(text, cursor))
        });
        active.set(0);
        completion.set(suggestion);
    };
    let accept = move |index: usize| {
        let Some(open) = completion.get_untracked() else { return };
        let Some(item) = open.items.get(index) else { return };
        let (text, cursor) = document.with_untracked(|text| open.apply(text, item));
        completion.set(None);
        replace_text(text, Some(cursor));
    };
    let on_keydown = move |event: ev::KeyboardEvent| {
        let Some(open) = completion.get_untracked() else { return };
        let count = open.items.len();
        match event.key().as_str() {
            "ArrowDown" => active.update(|i| *i = (*i + 1) % count),
            "ArrowUp" => active.update(|i| *i = (*i + count - 1) % count),
            "Enter" | "Tab" => accept(active.get_untracked()),
            "Escape" => completion.set(None),
            _ => return,
        }
        event.prevent_default();
    };
    // The underlay and the gutter scroll with the textarea, so underlines stay under their text.
    let on_scroll = move |_| {
        if let (Some(area), Some(marks), Some(numbers)) = (textarea.get(), underlay.get(), gutter.get()) {
            marks.set_scroll_top(area.scroll_top());
            marks.set_scroll_left(area.scroll_left());
            numbers.set_scroll_top(area.scroll_top());
        }
    };
    let select = move |(start, end): (u32, u32)| {
        if let Some(element) = textarea.get_untracked() {
            let _ = element.focus();
            let _ = element.set_selection_range(start, end);
        }
    };
    let format = move |_| match document.with_untracked(|text| iam_policy::json::pretty(text)) {
        Ok(text) => {
            format_error.set(None);
            replace_text(text, Some(0));
        }
        Err(error) => format_error.set(Some(format!("Cannot format: {}. Fix the JSON first.", error.message))),
    };
    let line_numbers = move || (1..=analysis.with(|a| a.line_count)).map(|n| n.to_string()).collect::<Vec<_>>().join("\n");
    let suggestions_id = format!("{id}-suggestions");
    let findings_id = format!("{id}-findings");

    view! {
        <div class="policy-editor">
            <div class="editor-toolbar">
                <button type="button" class="ghost" on:click=format disabled=move || !hydrated.get()>"Format"</button>
                <SizeMeter analysis />
            </div>
            {move || format_error.get().map(|message| view! { <p class="form-error" role="alert">{message}</p> })}
            <div class="editor-frame">
                <pre class="editor-gutter" aria-hidden="true" node_ref=gutter>{line_numbers}</pre>
                <div class="editor-code">
                    <pre
                        class="editor-underlay"
                        aria-hidden="true"
                        node_ref=underlay
                        inner_html=move || analysis.with(|a| a.underlay_html.clone())
                    ></pre>
                    <textarea
                        id=id.clone()
                        name="document"
                        class="editor-input"
                        wrap="off"
                        spellcheck="false"
                        autocomplete="off"
                        autocapitalize="off"
                        aria-describedby=findings_id.clone()
                        aria-autocomplete="list"
                        aria-controls=suggestions_id.clone()
                        node_ref=textarea
                        on:input=move |_| {
                            if let Some(element) = textarea.get_untracked() {
                                document.set(element.value());
                            }
                            format_error.set(None);
                            refresh_completion();
                        }
                        on:keydown=on_keydown
                        on:scroll=on_scroll
                        on:blur=move |_| completion.set(None)
                    >
                        {textarea_text(document.get_untracked())}
                    </textarea>
                </div>
            </div>
            <ul class="editor-suggestions" id=suggestions_id role="listbox" hidden=move || completion.with(Option::is_none)>
                {move || {
                    completion
                        .get()
                        .map(|open| {
                            open.items
                                .into_iter()
                                .enumerate()
                                .map(|(index, item)| {
                                    view! {
                                        <li
                                            role="option"
                                            aria-selected=move || (active.get() == index).to_string()
                                            // mousedown, not click: the textarea must keep focus (its blur closes the list).
                                            on:mousedown=move |event| {
                                                event.prevent_default();
                                                accept(index);
                                            }
                                        >
                                            {item}
                                        </li>
                                    }
                                })
                                .collect_view()
                        })
                }}
            </ul>
            <FindingsList id=findings_id analysis select />
        </div>
    }
}
