//! Conditions: operator, key (offered from the global and the service's keys) and values, with an input that suits
//! the operator's value type (true/false for Bool and Null, a date, an IP range, a number).

use iam_policy::catalogue;
use iam_policy::operator::{BaseOperator, ValueType};
use leptos::prelude::*;

use super::model::VisualCondition;
use super::Edit;

#[component]
pub fn ConditionRows(edit: Edit, key: u32, service: RwSignal<String>) -> impl IntoView {
    let conditions = move || edit.statement(key).map(|s| s.conditions).unwrap_or_default();
    let operator = RwSignal::new("StringEquals".to_owned());
    let condition_key = RwSignal::new(String::new());
    let values = RwSignal::new(String::new());
    let value_type =
        move || BaseOperator::from_name(operator.get().trim_end_matches("IfExists")).map(BaseOperator::value_type);
    let keys_id = format!("condition-keys-{key}");
    let add = move |_| {
        let new = VisualCondition {
            operator: operator.get_untracked(),
            key: condition_key.get_untracked().trim().to_owned(),
            values: values.get_untracked().split(',').map(|v| v.trim().to_owned()).filter(|v| !v.is_empty()).collect(),
        };
        if new.key.is_empty() || new.values.is_empty() {
            return;
        }
        edit.change(key, |s| s.conditions.push(new));
        condition_key.set(String::new());
        values.set(String::new());
    };
    view! {
        <div class="picker conditions-picker">
            <h4>"Conditions (optional)"</h4>
            <ul class="plain">
                {move || {
                    conditions()
                        .into_iter()
                        .enumerate()
                        .map(|(index, c)| {
                            view! {
                                <li class="condition-row">
                                    <code>{format!("{} {} = {}", c.operator, c.key, c.values.join(", "))}</code>
                                    <button
                                        type="button"
                                        class="ghost"
                                        aria-label=format!("Remove condition on {}", c.key)
                                        on:click=move |_| edit.change(key, |s| {
                                            if index < s.conditions.len() {
                                                s.conditions.remove(index);
                                            }
                                        })
                                    >
                                        "×"
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
            <div class="condition-new">
                <label>
                    "Operator "
                    <select class="condition-operator" on:change=move |ev| operator.set(event_target_value(&ev))>
                        {BaseOperator::all()
                            .map(|op| {
                                let name = op.name();
                                view! { <option value=name selected=name == "StringEquals">{name}</option> }
                            })
                            .collect_view()}
                    </select>
                </label>
                <label>
                    "Key "
                    <input
                        class="condition-key"
                        list=keys_id.clone()
                        placeholder="aws:SourceIp"
                        prop:value=move || condition_key.get()
                        on:input=move |ev| condition_key.set(event_target_value(&ev))
                    />
                </label>
                <datalist id=keys_id>
                    {move || {
                        let service_keys = catalogue::service(&service.get()).map(|s| s.condition_keys).unwrap_or_default();
                        catalogue::global_condition_keys()
                            .iter()
                            .chain(service_keys)
                            .map(|k| view! { <option value=*k></option> })
                            .collect_view()
                    }}
                </datalist>
                <label>
                    "Values "
                    {move || match value_type() {
                        Some(ValueType::Bool | ValueType::Null) => view! {
                            <select class="condition-values" on:change=move |ev| values.set(event_target_value(&ev))>
                                <option value="">"choose"</option>
                                <option value="true">"true"</option>
                                <option value="false">"false"</option>
                            </select>
                        }
                        .into_any(),
                        other => {
                            let hint = match other {
                                Some(ValueType::Date) => "2026-12-31T00:00:00Z",
                                Some(ValueType::Ip) => "203.0.113.0/24, 2001:db8::/32",
                                Some(ValueType::Numeric) => "10",
                                Some(ValueType::Arn) => "arn:aws:iam::*:user/app/*",
                                _ => "one or more, comma separated",
                            };
                            view! {
                                <input
                                    class="condition-values"
                                    placeholder=hint
                                    prop:value=move || values.get()
                                    on:input=move |ev| values.set(event_target_value(&ev))
                                />
                            }
                            .into_any()
                        }
                    }}
                </label>
                <button type="button" class="ghost" on:click=add>"Add condition"</button>
            </div>
        </div>
    }
}
