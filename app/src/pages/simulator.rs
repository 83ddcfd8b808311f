//! `/simulator`: would a user's or a group's policies, or pasted policies, allow these actions on these resources,
//! and why. The question is a GET form, so it lives in the address: the server renders the answer with the page (the
//! same without JavaScript), and a result can be bookmarked or shared. Read-only: simulating changes nothing.

pub(crate) mod form;
mod policy_text;
mod results;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

use crate::api::simulator::simulate_policies;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::model::simulator::SimulatorForm;
use form::AskForm;
use results::Results;

const PAGE: &str = "/simulator";

/// The form as the address carries it; a parameter that is absent is empty.
fn form_from_query(q: &ParamsMap) -> SimulatorForm {
    let get = |key: &str| q.get(key).unwrap_or_default();
    SimulatorForm {
        mode: get("mode"),
        user: get("user"),
        group: get("group"),
        policies: q.get_all("policy").unwrap_or_default(),
        caller_arn: get("caller_arn"),
        actions: get("actions"),
        resources: get("resources"),
        source_ip: get("source_ip"),
        mfa: get("mfa"),
        current_time: get("current_time"),
        username: get("username"),
    }
}

#[component]
pub fn SimulatorPage() -> impl IntoView {
    let query = use_query_map();
    let asked = Memo::new(move |_| query.with(form_from_query));
    // Nothing is asked on a first visit: no call, so no error about a missing action before anyone typed one.
    let report = Resource::new(
        move || asked.get(),
        |form| async move {
            if form.is_empty() {
                Ok(None)
            } else {
                simulate_policies(form).await.map(Some)
            }
        },
    );

    view! {
        <Title text="Policy simulator" />
        <h1>"Policy simulator"</h1>
        <p class="muted">
            "Would these actions on these resources be allowed? The same engine that authorizes real requests evaluates them, and shows which statements decided."
        </p>
        <AskForm asked />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match report.await {
                    Ok(Some(report)) => view! { <Results report /> }.into_any(),
                    Ok(None) => view! { <Explanation /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// The first visit: what the simulator answers, and how to read the answer.
#[component]
fn Explanation() -> impl IntoView {
    view! {
        <section class="card simulator-help" aria-label="How the simulator works">
            <h2>"How it works"</h2>
            <ul>
                <li>"Choose an IAM user (their inline policies, their groups' policies and the managed policies attached to either), a group (what every member gets from it), or paste policy documents."</li>
                <li>"List the actions, and the resources they act on (none means every resource)."</li>
                <li>"Give only the context keys the request should carry: a condition on a key left out is reported as missing, never guessed."</li>
                <li>"Each action and resource is then " <strong>"allowed"</strong> ", an " <strong>"explicit deny"</strong> " (a Deny statement applies) or an " <strong>"implicit deny"</strong> " (no Allow applies), with the deciding statements highlighted in their policies."</li>
            </ul>
        </section>
    }
}
