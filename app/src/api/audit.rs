//! The audit log: one server function over the service's `list_audit_events`, which authorizes it
//! (`cloudtrail:LookupEvents`) and validates every filter.

use leptos::prelude::*;

use crate::model::reports::{AuditEventView, RecentActivity};
use crate::model::{IamError, Page};

/// Rows per page of the audit table.
pub const AUDIT_PAGE_SIZE: i64 = 50;

/// A day (`YYYY-MM-DD`, what a date input sends) as the first or last instant of that UTC day; anything else is
/// passed on as typed, so a full RFC 3339 time works too and a malformed one gets the service's own message.
#[cfg(feature = "ssr")]
fn day_bound(value: Option<String>, end_of_day: bool) -> Option<String> {
    let value = value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())?;
    let bytes = value.as_bytes();
    let is_day = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
    if !is_day {
        return Some(value);
    }
    let time = if end_of_day { "T23:59:59.999Z" } else { "T00:00:00Z" };
    Some(format!("{value}{time}"))
}

/// One page of the account's audit events, newest first, after `marker` (the previous page's). `from` and `to` are
/// days (inclusive, UTC) or RFC 3339 times; `principal` an exact ARN; `action` e.g. `iam:CreateUser`; `outcome`
/// `allowed`, `denied` or `failed`. Empty means "any".
#[server(prefix = "/api", endpoint = "list_audit_events")]
pub async fn list_audit_events(
    principal: Option<String>,
    action: Option<String>,
    outcome: Option<String>,
    from: Option<String>,
    to: Option<String>,
    marker: Option<String>,
) -> Result<Page<AuditEventView>, IamError> {
    use super::ssr::{call, respond};
    use crate::model::reports::AuditQuery;
    use crate::model::PageRequest;

    fn trimmed(value: Option<String>) -> Option<String> {
        value.map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
    }

    respond(
        async {
            let (state, call) = call().await?;
            let query = AuditQuery {
                since: day_bound(from, false),
                until: day_bound(to, true),
                principal_arn: trimmed(principal),
                action: trimmed(action),
                outcome: trimmed(outcome),
            };
            let page = PageRequest { marker: marker.filter(|m| !m.is_empty()), max_items: Some(AUDIT_PAGE_SIZE) };
            state.iam.list_audit_events(&call, query, page).await
        }
        .await,
    )
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::day_bound;

    #[test]
    fn a_day_covers_all_of_it_and_other_text_passes_through() {
        assert_eq!(day_bound(Some("2026-11-29".into()), false).as_deref(), Some("2026-11-29T00:00:00Z"));
        assert_eq!(day_bound(Some(" 2026-11-29 ".into()), true).as_deref(), Some("2026-11-29T23:59:59.999Z"));
        assert_eq!(day_bound(Some("2026-11-29T12:00:00Z".into()), true).as_deref(), Some("2026-11-29T12:00:00Z"));
        assert_eq!(day_bound(Some("yesterday".into()), false).as_deref(), Some("yesterday"));
        assert_eq!(day_bound(Some("  ".into()), false), None);
        assert_eq!(day_bound(None, true), None);
    }
}

/// Events shown on a user's page.
#[cfg(feature = "ssr")]
const RECENT_EVENTS: i64 = 10;

/// What the user did lately: their newest audit events as the principal. Reading the log takes
/// `cloudtrail:LookupEvents`, as on the audit page; the user's ARN comes from `GetUser`.
#[server(prefix = "/api", endpoint = "user_recent_activity")]
pub async fn user_recent_activity(user_name: String) -> Result<RecentActivity, IamError> {
    use super::ssr::{call, respond};
    use crate::model::reports::AuditQuery;
    use crate::model::{PageRequest, UserName};

    respond(
        async {
            let (state, call) = call().await?;
            let user = state.iam.get_user(&call, Some(UserName::parse(&user_name)?)).await?;
            let query = AuditQuery { principal_arn: Some(user.arn.clone()), ..AuditQuery::default() };
            let page = PageRequest { marker: None, max_items: Some(RECENT_EVENTS) };
            let events = state.iam.list_audit_events(&call, query, page).await?;
            Ok(RecentActivity { principal_arn: user.arn, events: events.items, more: events.is_truncated })
        }
        .await,
    )
}
