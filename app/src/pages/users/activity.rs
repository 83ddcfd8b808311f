use leptos::prelude::*;

use crate::api::audit::user_recent_activity;
use crate::components::audit_row::{principal_events_href, AuditRow, AUDIT_HEADERS};
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::model::reports::RecentActivity;

/// The user's latest audit events as the principal (sign-ins, changes, refusals), newest first, with a link to all
/// of them in the audit log.
#[component]
pub fn ActivitySection(user_name: String) -> impl IntoView {
    let activity = Resource::new(move || user_name.clone(), user_recent_activity);
    view! {
        <section class="card" aria-labelledby="activity-heading">
            <h2 id="activity-heading">"Recent activity"</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match activity.await {
                        Ok(activity) => view! { <ActivityTable activity /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn ActivityTable(activity: RecentActivity) -> impl IntoView {
    let all = principal_events_href(&activity.principal_arn);
    if activity.events.is_empty() {
        return view! { <p class="muted">"Nothing recorded yet: the user has not signed in or made a request."</p> }
            .into_any();
    }
    let headers = AUDIT_HEADERS.iter().map(|h| view! { <th scope="col">{*h}</th> }).collect_view();
    let rows = activity.events.into_iter().map(|event| view! { <AuditRow event /> }).collect_view();
    let more = if activity.more { "All of this user's events" } else { "In the audit log" };
    view! {
        <div class="table-scroll">
            <table class="data" id="user-activity">
                <caption class="visually-hidden">"Recent activity, newest first"</caption>
                <thead>
                    <tr>{headers}</tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p><a href=all>{more}</a></p>
    }
    .into_any()
}
