//! Choosing actions: all of a service's (`svc:*`), or by name — searchable and grouped by access level as the
//! Service Authorization Reference groups them. The chosen actions (of any service) are listed and removable.

use iam_policy::catalogue::{self, AccessLevel};
use leptos::prelude::*;

use super::Edit;

const LEVELS: [AccessLevel; 5] = [
    AccessLevel::List,
    AccessLevel::Read,
    AccessLevel::Write,
    AccessLevel::PermissionsManagement,
    AccessLevel::Tagging,
];

#[component]
pub fn ActionPicker(edit: Edit, key: u32, service: RwSignal<String>) -> impl IntoView {
    let search = RwSignal::new(String::new());
    let chosen = move || edit.statement(key).map(|s| s.actions).unwrap_or_default();
    let has = move |action: &str| chosen().iter().any(|a| a.eq_ignore_ascii_case(action));
    let toggle = move |action: String, on: bool| {
        edit.change(key, |s| {
            s.actions.retain(|a| !a.eq_ignore_ascii_case(&action));
            if on {
                s.actions.push(action);
            }
        })
    };
    let all = move || format!("{}:*", service.get());
    let levels = move || {
        let Some(svc) = catalogue::service(&service.get()) else { return Vec::new() };
        let needle = search.get().to_ascii_lowercase();
        LEVELS
            .iter()
            .map(|level| {
                let names: Vec<String> = svc
                    .actions
                    .iter()
                    .filter(|a| a.access_level == *level && a.name.to_ascii_lowercase().contains(&needle))
                    .map(|a| format!("{}:{}", svc.prefix, a.name))
                    .collect();
                (*level, names)
            })
            .filter(|(_, names)| !names.is_empty())
            .collect()
    };
    view! {
        <div class="picker actions-picker">
            <h4>"Actions"</h4>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || has(&all())
                    on:change=move |ev| toggle(all(), event_target_checked(&ev))
                />
                {move || format!(" All {} actions ({})", service.get(), all())}
            </label>
            <input
                type="search"
                class="action-search"
                placeholder="Filter actions, e.g. user"
                aria-label="Filter actions"
                on:input=move |ev| search.set(event_target_value(&ev))
            />
            <div class="action-levels">
                {move || {
                    let searching = !search.with(String::is_empty);
                    levels()
                        .into_iter()
                        .map(|(level, names)| {
                            view! {
                                <details open=searching>
                                    <summary>{format!("{} ({})", level.as_str(), names.len())}</summary>
                                    <div class="action-grid">
                                        {names
                                            .into_iter()
                                            .map(|name| {
                                                let label = name.split_once(':').map_or(name.clone(), |(_, n)| n.to_owned());
                                                let checked_name = name.clone();
                                                view! {
                                                    <label class="check">
                                                        <input
                                                            type="checkbox"
                                                            prop:checked=move || has(&checked_name)
                                                            on:change=move |ev| toggle(name.clone(), event_target_checked(&ev))
                                                        />
                                                        " "
                                                        {label}
                                                    </label>
                                                }
                                            })
                                            .collect_view()}
                                    </div>
                                </details>
                            }
                        })
                        .collect_view()
                }}
            </div>
            <Chips items=Signal::derive(chosen) empty="No actions yet." remove=move |a: String| toggle(a, false) />
        </div>
    }
}

/// The chosen values as removable chips.
#[component]
pub fn Chips(
    items: Signal<Vec<String>>,
    empty: &'static str,
    remove: impl Fn(String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <ul class="chips">
            {move || {
                let items = items.get();
                if items.is_empty() {
                    return view! { <li class="muted">{empty}</li> }.into_any();
                }
                items
                    .into_iter()
                    .map(|item| {
                        let label = format!("Remove {item}");
                        let value = item.clone();
                        view! {
                            <li class="chip">
                                <code>{item}</code>
                                <button type="button" class="ghost" aria-label=label on:click=move |_| remove(value.clone())>
                                    "×"
                                </button>
                            </li>
                        }
                    })
                    .collect_view()
                    .into_any()
            }}
        </ul>
    }
}
