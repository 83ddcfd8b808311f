//! `/who-can`: an action and a resource → every user and group allowed, and the statements that allow it. A GET form,
//! so the question lives in the address: answered with the page (the same without JavaScript), bookmarkable.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use crate::api::groups::group_url;
use crate::api::users::user_url;
use crate::api::who_can::ask_who_can;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::model::who_can::{Grantee, WhoCan, WHO_CAN_LIMIT};

#[component]
pub fn WhoCanPage() -> impl IntoView {
    let query = use_query_map();
    let asked = Memo::new(move |_| {
        query.with(|q| (q.get("action").unwrap_or_default(), q.get("resource").unwrap_or_default()))
    });
    // Nothing is asked on a first visit: no call, so no error about a missing action before anyone typed one.
    let answer = Resource::new(
        move || asked.get(),
        |(action, resource)| async move {
            if action.trim().is_empty() {
                Ok(None)
            } else {
                ask_who_can(action, resource).await.map(Some)
            }
        },
    );
    let (action, resource) = asked.get_untracked();
    view! {
        <Title text="Who can do this?" />
        <h1>"Who can do this?"</h1>
        <p class="muted">
            "Every user and group of the account whose policies allow an action on a resource, evaluated as real requests are, with the statements that allow it."
        </p>
        <section class="card" aria-labelledby="who-can-ask">
            <h2 id="who-can-ask" class="visually-hidden">"Question"</h2>
            <Form method="GET" action="/who-can" attr:class="stack" attr:id="who-can-form">
                <div class="row">
                    <div class="stack grow">
                        <label for="who-can-action">"Action"</label>
                        <input id="who-can-action" name="action" required placeholder="iam:CreateUser" value=action autocomplete="off" />
                    </div>
                    <div class="stack grow">
                        <label for="who-can-resource">"Resource"</label>
                        <input
                            id="who-can-resource"
                            name="resource"
                            placeholder="arn:aws:iam::123456789012:user/app/new (empty: *)"
                            value=resource
                            autocomplete="off"
                        />
                    </div>
                </div>
                <button type="submit" class="primary">"Ask"</button>
            </Form>
        </section>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match answer.await {
                    Ok(Some(answer)) => view! { <Answer answer /> }.into_any(),
                    Ok(None) => ().into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Answer(answer: WhoCan) -> impl IntoView {
    let summary = format!(
        "{} of {} users and {} of {} groups may perform {} on {}.",
        answer.users.len(),
        answer.users_checked,
        answer.groups.len(),
        answer.groups_checked,
        answer.action,
        answer.resource
    );
    let hidden = (answer.hidden > 0).then(|| {
        format!(
            "{} users or groups are left out: you may not look into their permissions \
             (iam:SimulatePrincipalPolicy on a user, iam:GetGroupPolicy on a group).",
            answer.hidden
        )
    });
    let truncated = answer.truncated.then(|| {
        format!("Only the first {WHO_CAN_LIMIT} users and {WHO_CAN_LIMIT} groups (by path, then name) were looked at.")
    });
    view! {
        <section class="card" aria-labelledby="who-can-answer">
            <h2 id="who-can-answer">"Answer"</h2>
            <p role="status" id="who-can-summary">{summary}</p>
            <ul class="notes">
                <li>"The account root may always do it."</li>
                <li>"No request context is assumed: an Allow that needs MFA, a source address or a time does not count here; try the user in the simulator with that context."</li>
                <li>"A group's answer is for its own policies; its members may also be denied by their own."</li>
                {hidden.map(|text| view! { <li class="warning">{text}</li> })}
                {truncated.map(|text| view! { <li class="warning">{text}</li> })}
            </ul>
            <GranteeTable id="who-can-users" caption="Users allowed" grantees=answer.users href=user_url />
            <GranteeTable id="who-can-groups" caption="Groups whose policies allow it" grantees=answer.groups href=group_url />
        </section>
    }
}

#[component]
fn GranteeTable(
    id: &'static str,
    caption: &'static str,
    grantees: Vec<Grantee>,
    href: fn(&str) -> String,
) -> impl IntoView {
    if grantees.is_empty() {
        return view! { <h3>{caption}</h3> <p class="muted" id=id>"None."</p> }.into_any();
    }
    let rows = grantees
        .into_iter()
        .map(|grantee| {
            let reasons = grantee
                .reasons
                .iter()
                .map(|reason| {
                    let sid = reason.sid.clone().map(|sid| format!(" (Sid {sid})")).unwrap_or_default();
                    let lines = format!(", lines {}–{}", reason.start_line, reason.end_line);
                    view! { <li>{reason.policy_label()}{sid}{lines}</li> }
                })
                .collect_view();
            view! {
                <tr>
                    <td><a href=href(&grantee.name)>{grantee.name.clone()}</a></td>
                    <td><code>{grantee.arn.clone()}</code></td>
                    <td><ul class="plain">{reasons}</ul></td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data" id=id>
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">"Name"</th>
                    <th scope="col">"ARN"</th>
                    <th scope="col">"Allowed by"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
