//! Choosing resources: all (`*`), an ARN built from the service's resource types (one field per `${Segment}` of the
//! type's ARN format; an empty field means any), or an ARN typed in full.

use iam_policy::catalogue;
use leptos::prelude::*;

use super::actions::Chips;
use super::model::{build_arn, placeholders};
use super::Edit;

#[component]
pub fn ResourcePicker(edit: Edit, key: u32, service: RwSignal<String>) -> impl IntoView {
    let chosen = move || edit.statement(key).map(|s| s.resources).unwrap_or_default();
    let everything = move || chosen() == ["*"];
    let resource_type = RwSignal::new(String::new());
    let segments = RwSignal::new(Vec::<(String, String)>::new());
    let typed = RwSignal::new(String::new());
    let add = move |arn: String| {
        edit.change(key, |s| {
            s.resources.retain(|r| r != "*");
            if !arn.is_empty() && !s.resources.contains(&arn) {
                s.resources.push(arn);
            }
        })
    };
    let format = move || {
        catalogue::service(&service.get())
            .and_then(|svc| {
                let name = resource_type.get();
                svc.resource_types.iter().find(|r| r.name == name).or(svc.resource_types.first())
            })
            .map(|r| r.arn_format)
    };
    view! {
        <div class="picker resources-picker">
            <h4>"Resources"</h4>
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=everything
                    on:change=move |ev| {
                        let all = event_target_checked(&ev);
                        edit.change(key, |s| s.resources = if all { vec!["*".to_owned()] } else { Vec::new() });
                    }
                />
                " All resources (*)"
            </label>
            <div class="arn-builder" hidden=everything>
                <label>
                    "Resource type "
                    <select
                        class="resource-type"
                        on:change=move |ev| {
                            resource_type.set(event_target_value(&ev));
                            segments.set(Vec::new());
                        }
                    >
                        {move || {
                            catalogue::service(&service.get())
                                .map(|svc| {
                                    svc.resource_types
                                        .iter()
                                        .map(|r| view! { <option value=r.name>{r.name}</option> })
                                        .collect_view()
                                })
                        }}
                    </select>
                </label>
                <code class="arn-format">{format}</code>
                <div class="arn-segments">
                    {move || {
                        format()
                            .map(|f| {
                                placeholders(f)
                                    .into_iter()
                                    .filter(|name| *name != "Partition")
                                    .map(|name| {
                                        let name = name.to_owned();
                                        let field = name.clone();
                                        view! {
                                            <label>
                                                {name.clone()}
                                                <input
                                                    placeholder="*"
                                                    on:input=move |ev| {
                                                        let value = event_target_value(&ev);
                                                        segments.update(|all| {
                                                            all.retain(|(n, _)| *n != field);
                                                            all.push((field.clone(), value));
                                                        });
                                                    }
                                                />
                                            </label>
                                        }
                                    })
                                    .collect_view()
                            })
                    }}
                </div>
                <button
                    type="button"
                    class="ghost"
                    on:click=move |_| {
                        if let Some(f) = format() {
                            add(segments.with_untracked(|values| build_arn(f, values)));
                        }
                    }
                >
                    "Add ARN"
                </button>
                <label>
                    "Or type an ARN "
                    <input
                        class="typed-arn"
                        placeholder="arn:aws:s3:::my-bucket/*"
                        prop:value=move || typed.get()
                        on:input=move |ev| typed.set(event_target_value(&ev))
                    />
                </label>
                <button
                    type="button"
                    class="ghost"
                    on:click=move |_| {
                        add(typed.get_untracked().trim().to_owned());
                        typed.set(String::new());
                    }
                >
                    "Add"
                </button>
            </div>
            <Chips
                items=Signal::derive(chosen)
                empty="No resources yet: choose all, or add an ARN."
                remove=move |r: String| edit.change(key, |s| s.resources.retain(|x| *x != r))
            />
        </div>
    }
}
