//! Sections not built yet say what they will hold, rather than showing a blank page.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
fn ComingSoon(title: &'static str, summary: &'static str, planned: &'static [&'static str]) -> impl IntoView {
    view! {
        <Title text=title />
        <h1>{title}</h1>
        <section class="card coming-soon">
            <p>{summary}</p>
            <h2>"Coming here"</h2>
            <ul>{planned.iter().map(|item| view! { <li>{*item}</li> }).collect_view()}</ul>
        </section>
    }
}

#[component]
pub fn Policies() -> impl IntoView {
    view! {
        <ComingSoon
            title="Policies"
            summary="Managed policies with versions, and the policy editor."
            planned=&[
                "an editor that underlines every finding as you type, validated in the browser by the same engine that authorizes on the server",
                "a visual generator that round-trips with the JSON",
                "versions, the default version, and where each policy is attached",
            ]
        />
    }
}

#[component]
pub fn AccessKeys() -> impl IntoView {
    view! {
        <ComingSoon
            title="Access keys"
            summary="Keys for the AWS CLI and SDKs: an id and a secret shown exactly once."
            planned=&["issue a key with copy buttons and a CSV download", "age, last use and rotation guidance", "activate, deactivate, delete"]
        />
    }
}

#[component]
pub fn Simulator() -> impl IntoView {
    view! {
        <ComingSoon
            title="Policy simulator"
            summary="Ask whether a user, a group or a pasted policy allows an action on a resource, and why."
            planned=&["results per action and resource", "the deciding statements highlighted", "missing context keys"]
        />
    }
}
