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
pub fn AccessKeys() -> impl IntoView {
    view! {
        <ComingSoon
            title="Access keys"
            summary="Keys for the AWS CLI and SDKs: an id and a secret shown exactly once."
            planned=&["issue a key with copy buttons and a CSV download", "age, last use and rotation guidance", "activate, deactivate, delete"]
        />
    }
}
