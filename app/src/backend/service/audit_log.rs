//! Reading the audit log: newest first, filtered by time, principal, action and outcome, in keyset pages on
//! (time, id) so a deep page costs what the first one does.

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::caller::Call;
use super::pagination::Window;
use super::{iso, IamService};
use crate::backend::entities::audit_event;
use crate::model::reports::{AuditEventView, AuditQuery};
use crate::model::{IamError, Page, PageRequest};

/// IAM has no action for reading our audit log. Its closest AWS counterpart is CloudTrail's event history, read with
/// `cloudtrail:LookupEvents`, which has no resource type (hence `*`); a policy written for AWS that lets someone read
/// the trail therefore lets them read this log too, and `iam:*` alone does not.
pub const LOOKUP_EVENTS: &str = "cloudtrail:LookupEvents";

const OUTCOMES: [&str; 3] = ["allowed", "denied", "failed"];

fn view(row: audit_event::Model) -> AuditEventView {
    AuditEventView {
        at: iso(row.at),
        principal_arn: row.principal_arn,
        action: row.action,
        resource: row.resource,
        outcome: row.outcome,
        error_code: row.error_code,
        source_ip: row.source_ip,
        request_id: row.request_id,
        channel: row.channel,
    }
}

fn parse_time(field: &str, value: &str) -> Result<DateTime<Utc>, IamError> {
    DateTime::parse_from_rfc3339(value.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            IamError::ValidationError(format!(
                "{field} `{value}` is not an RFC 3339 time like `2026-11-29T12:00:00Z`"
            ))
        })
}

/// The marker's position: the row's time at full precision (so equal-second rows are told apart by id) and its id.
fn position(row: &audit_event::Model) -> (String, String) {
    (row.at.to_rfc3339_opts(SecondsFormat::AutoSi, true), row.id.to_string())
}

impl IamService {
    /// The account's audit events, newest first. Root sees everything; an IAM user needs `cloudtrail:LookupEvents`.
    pub async fn list_audit_events(
        &self,
        call: &Call,
        query: AuditQuery,
        page: PageRequest,
    ) -> Result<Page<AuditEventView>, IamError> {
        self.authorize(call, LOOKUP_EVENTS, "*").await?;
        let window = Window::parse(&self.keys, &page)?;
        let since = query
            .since
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(|s| parse_time("since", s))
            .transpose()?;
        let until = query
            .until
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(|s| parse_time("until", s))
            .transpose()?;
        if let (Some(since), Some(until)) = (since, until) {
            if since > until {
                return Err(IamError::ValidationError(format!(
                    "since `{}` is after until `{}`",
                    iso(since),
                    iso(until)
                )));
            }
        }
        let outcome = query.outcome.as_deref().filter(|s| !s.is_empty());
        if let Some(outcome) = outcome {
            if !OUTCOMES.contains(&outcome) {
                return Err(IamError::ValidationError(format!(
                    "outcome `{outcome}` must be one of `allowed`, `denied` or `failed`"
                )));
            }
        }

        let mut select = audit_event::Entity::find().filter(audit_event::Column::AccountId.eq(call.account_id()));
        if let Some(since) = since {
            select = select.filter(audit_event::Column::At.gte(since));
        }
        if let Some(until) = until {
            select = select.filter(audit_event::Column::At.lte(until));
        }
        if let Some(principal) = query.principal_arn.as_deref().filter(|s| !s.is_empty()) {
            select = select.filter(audit_event::Column::PrincipalArn.eq(principal));
        }
        if let Some(action) = query.action.as_deref().filter(|s| !s.is_empty()) {
            // IAM compares action names case-insensitively; the log keeps them as the service spelled them.
            select = select
                .filter(Expr::expr(Func::lower(Expr::col(audit_event::Column::Action))).eq(action.to_lowercase()));
        }
        if let Some(outcome) = outcome {
            select = select.filter(audit_event::Column::Outcome.eq(outcome));
        }
        if let Some((at, id)) = &window.after {
            let at = parse_time("marker", at)
                .map_err(|_| IamError::ValidationError("the marker is not one this server issued".into()))?;
            let id: i64 = id
                .parse()
                .map_err(|_| IamError::ValidationError("the marker is not one this server issued".into()))?;
            select = select.filter(
                Condition::any().add(audit_event::Column::At.lt(at)).add(
                    Condition::all()
                        .add(audit_event::Column::At.eq(at))
                        .add(audit_event::Column::Id.lt(id)),
                ),
            );
        }
        let rows = select
            .order_by_desc(audit_event::Column::At)
            .order_by_desc(audit_event::Column::Id)
            .limit(window.fetch())
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        Ok(window.page(&self.keys, rows, position, view))
    }
}
