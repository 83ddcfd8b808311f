//! One statement's card: Sid, effect, the service whose actions and resource types are offered, then the action,
//! resource and condition pickers.

use iam_policy::catalogue;
use leptos::prelude::*;

use super::actions::ActionPicker;
use super::conditions::ConditionRows;
use super::resources::ResourcePicker;
use super::Edit;

#[component]
pub fn StatementCard(edit: Edit, key: u32) -> impl IntoView {
    let current = move || edit.statement(key);
    // The service offered first: the one the statement's first action names, else IAM.
    let first_service = current()
        .and_then(|s| s.actions.first().and_then(|a| a.split_once(':').map(|(p, _)| p.to_ascii_lowercase())))
        .filter(|p| catalogue::service(p).is_some())
        .unwrap_or_else(|| "iam".to_owned());
    let service = RwSignal::new(first_service);
    let effect_name = format!("effect-{key}");
    let number = move || {
        edit.visual
            .with(|v| v.as_ref().and_then(|p| p.statements.iter().position(|s| s.key == key)).map_or(0, |i| i + 1))
    };
    view! {
        <fieldset class="card statement-card">
            <legend>{move || format!("Statement {}", number())}</legend>
            <div class="statement-head">
                <label>
                    "Sid (optional) "
                    <input
                        class="sid"
                        prop:value=move || current().map(|s| s.sid).unwrap_or_default()
                        on:change=move |ev| {
                            let sid = event_target_value(&ev);
                            edit.change(key, |s| s.sid = sid);
                        }
                    />
                </label>
                <span class="effect" role="radiogroup" aria-label="Effect">
                    <label>
                        <input
                            type="radio"
                            name=effect_name.clone()
                            prop:checked=move || current().is_some_and(|s| s.allow)
                            on:change=move |_| edit.change(key, |s| s.allow = true)
                        />
                        " Allow"
                    </label>
                    <label>
                        <input
                            type="radio"
                            name=effect_name
                            prop:checked=move || current().is_some_and(|s| !s.allow)
                            on:change=move |_| edit.change(key, |s| s.allow = false)
                        />
                        " Deny"
                    </label>
                </span>
                <button
                    type="button"
                    class="ghost danger"
                    on:click=move |_| {
                        edit.change_policy(|p| p.statements.retain(|s| s.key != key));
                    }
                >
                    "Remove statement"
                </button>
            </div>
            <label>
                "Service "
                <select class="service" on:change=move |ev| service.set(event_target_value(&ev))>
                    {catalogue::services()
                        .iter()
                        .map(|s| {
                            let prefix = s.prefix;
                            view! {
                                <option value=prefix selected=move || service.get() == prefix>
                                    {format!("{} ({})", s.name, s.prefix)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </label>
            <ActionPicker edit key service />
            <ResourcePicker edit key service />
            <ConditionRows edit key service />
        </fieldset>
    }
}
