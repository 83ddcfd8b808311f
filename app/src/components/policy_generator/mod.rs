//! The visual policy generator: statements as forms (effect, actions by service and access level, resources through
//! an ARN builder, conditions), writing the JSON into the same `document` the policy editor shows, live.
//!
//! Switching to the visual editor reads the JSON (`model::from_json`); when a part would not survive (`NotAction`,
//! `Principal`, …) it says which and stays on JSON. Switching back changes nothing: the text is only rewritten when
//! something is changed in the visual editor. Typing in the JSON while the visual editor is open re-reads it.

mod actions;
mod conditions;
pub mod model;
mod resources;
mod statement;

use leptos::prelude::*;

use model::{from_json, to_json, VisualPolicy, VisualStatement};
use statement::StatementCard;

/// A handle the statement cards share: every change goes through it, so the JSON follows each one.
#[derive(Clone, Copy)]
pub struct Edit {
    visual: RwSignal<Option<VisualPolicy>>,
    document: RwSignal<String>,
    written: StoredValue<String>,
}

impl Edit {
    /// The statement `key` as it is now (a copy; the model lives in the signal).
    pub fn statement(&self, key: u32) -> Option<VisualStatement> {
        self.visual.with(|v| v.as_ref().and_then(|p| p.statement(key)).cloned())
    }

    pub fn change(&self, key: u32, change: impl FnOnce(&mut VisualStatement)) {
        self.change_policy(|policy| {
            if let Some(statement) = policy.statement_mut(key) {
                change(statement);
            }
        });
    }

    fn change_policy(&self, change: impl FnOnce(&mut VisualPolicy)) {
        self.visual.update(|v| {
            if let Some(policy) = v {
                change(policy);
            }
        });
        let text = self.visual.with_untracked(|v| v.as_ref().map(to_json));
        if let Some(text) = text {
            self.written.set_value(text.clone());
            self.document.set(text);
        }
    }
}

#[component]
pub fn PolicyGenerator(document: RwSignal<String>) -> impl IntoView {
    let visual = RwSignal::new(None::<VisualPolicy>);
    let reasons = RwSignal::new(Vec::<String>::new());
    let edit = Edit { visual, document, written: StoredValue::new(String::new()) };
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));

    let open_visual = move |_| match document.with_untracked(|text| from_json(text)) {
        Ok(policy) => {
            reasons.set(Vec::new());
            edit.written.set_value(document.get_untracked());
            visual.set(Some(policy));
        }
        Err(why) => reasons.set(why),
    };
    // JSON typed while the visual editor is open: read it again, or leave the visual editor saying why.
    Effect::watch(
        move || document.get(),
        move |text, _, _| {
            if visual.with_untracked(Option::is_none) || edit.written.with_value(|w| w == text) {
                return;
            }
            match from_json(text) {
                Ok(policy) => visual.set(Some(policy)),
                Err(why) => {
                    visual.set(None);
                    reasons.set(why);
                }
            }
        },
        false,
    );

    view! {
        <div class="generator">
            <div class="generator-tabs" role="group" aria-label="Editing mode">
                <button
                    type="button"
                    class="ghost"
                    aria-pressed=move || visual.with(Option::is_some).to_string()
                    disabled=move || !hydrated.get()
                    title=move || if hydrated.get() { "" } else { "The visual editor needs JavaScript; the JSON editor works without it." }
                    on:click=open_visual
                >
                    "Visual editor"
                </button>
                <button
                    type="button"
                    class="ghost"
                    aria-pressed=move || visual.with(Option::is_none).to_string()
                    disabled=move || !hydrated.get()
                    on:click=move |_| visual.set(None)
                >
                    "JSON"
                </button>
            </div>
            {move || {
                let why = reasons.get();
                (!why.is_empty() && visual.with(Option::is_none)).then(|| view! {
                    <div class="form-error" role="alert">
                        <p>"The visual editor cannot show this policy without losing part of it, so the JSON stays as written:"</p>
                        <ul>{why.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    </div>
                })
            }}
            <Show when=move || visual.with(Option::is_some)>
                <Suspense fallback=|| view! { <p class="loading" aria-busy="true">"Loading the visual editor…"</p> }>
                    {move || Suspend::new(statement_cards(edit))}
                </Suspense>
            </Show>
        </div>
    }
}

/// The statements as forms, and "Add statement". Lazy: their code (the forms by service, access level, resource type
/// and condition) is a WASM chunk of its own, fetched the first time the visual editor opens, so the policy pages'
/// editor does not wait for it.
#[lazy]
fn statement_cards(edit: Edit) -> AnyView {
    let add_statement = move |_| {
        edit.change_policy(|policy| {
            let key = policy.next_key();
            policy.statements.push(VisualStatement::new(key));
        })
    };
    let keys = move || edit.visual.with(|v| v.as_ref().map(|p| p.statements.iter().map(|s| s.key).collect::<Vec<_>>()));
    view! {
        <div class="generator-statements">
            <For each=move || keys().unwrap_or_default() key=|k| *k let:key>
                <StatementCard edit key />
            </For>
            <button type="button" class="ghost" on:click=add_statement>"Add statement"</button>
        </div>
    }
    .into_any()
}
