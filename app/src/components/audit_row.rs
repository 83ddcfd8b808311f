//! One audit event as a table row, for the audit log and a user's recent activity alike.

use leptos::prelude::*;

use crate::api::users::encode_query_value;
use crate::model::reports::AuditEventView;

/// The columns of [`AuditRow`], in order.
pub const AUDIT_HEADERS: &[&str] =
    &["Time (UTC)", "Principal", "Action", "Resource", "Outcome", "Error", "Source IP", "Channel", "Request id"];

/// The audit log filtered to one principal.
pub fn principal_events_href(arn: &str) -> String {
    format!("/audit?principal={}", encode_query_value(arn))
}

fn outcome_label(outcome: &str) -> &'static str {
    match outcome {
        "allowed" => "Allowed",
        "denied" => "Denied",
        "failed" => "Failed",
        _ => "Unknown",
    }
}

#[component]
pub fn AuditRow(event: AuditEventView) -> impl IntoView {
    let outcome = event.outcome.clone();
    let principal_href = principal_events_href(&event.principal_arn);
    view! {
        <tr class=format!("outcome-{outcome}")>
            <td class="nowrap"><time datetime=event.at.clone()>{event.at.clone()}</time></td>
            <td>
                <a class="arn" href=principal_href title="Only this principal's events">
                    {event.principal_arn}
                </a>
            </td>
            <td><code>{event.action}</code></td>
            <td><code class="arn">{event.resource}</code></td>
            <td><span class=format!("badge outcome outcome-{outcome}")>{outcome_label(&outcome)}</span></td>
            <td>{event.error_code.map(|code| view! { <span class="error-code">{code}</span> })}</td>
            <td>{event.source_ip.map(|ip| view! { <code>{ip}</code> })}</td>
            <td>{event.channel}</td>
            <td><code class="request-id">{event.request_id}</code></td>
        </tr>
    }
}
