//! The dashboard's security overview: root MFA, users without MFA, old and unused access keys, users per top-level
//! path, and 30 days of sign-ins, API calls and denials from the audit log. A handful of bounded queries; no SQL date
//! functions (they differ between SQLite and PostgreSQL), so the days are bucketed here.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{DateTime, Duration, NaiveTime, Utc};
use iam_policy::{Context, Decision};
use sea_orm::{ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use super::audit_log::LOOKUP_EVENTS;
use super::caller::Call;
use super::path_tree::MAX_PATHS;
use super::console_sign_in::CONSOLE_LOGIN;
use super::IamService;
use crate::backend::entities::{access_key, audit_event, iam_user, mfa_device};
use crate::model::dashboard::{
    Activity, DayActivity, KeyRef, KeySample, Sample, SecurityOverview, TopPath, ACTIVITY_DAYS, SAMPLE_SIZE, STALE_DAYS,
};
use crate::model::IamError;

/// An active key's id, owner (`None`: the root) and last use.
type ActiveKey = (String, Option<String>, Option<DateTime<Utc>>);

/// The most audit events the chart reads: beyond this the oldest days are undercounted (and the chart says so)
/// rather than the page slowing down without bound.
pub const MAX_ACTIVITY_EVENTS: u64 = 200_000;

/// `/app/backup/` → `/app/`; `/` stays `/`.
fn top_level(path: &str) -> String {
    match path[1..].find('/') {
        Some(end) => path[..end + 2].to_owned(),
        None => "/".to_owned(),
    }
}

/// The first of the chart's days, at midnight UTC: today and the 29 days before it.
fn first_day(now: DateTime<Utc>) -> DateTime<Utc> {
    (now.date_naive() - Duration::days(ACTIVITY_DAYS as i64 - 1)).and_time(NaiveTime::MIN).and_utc()
}

impl IamService {
    /// The overview. Root always; an IAM user needs `iam:GetAccountSummary` on `*` (it reveals account-wide counts),
    /// and the activity chart additionally `cloudtrail:LookupEvents` (it is read from the audit log) — without that
    /// the chart is left out rather than the page refused, and the check is not audited as a denial.
    pub async fn security_overview(&self, call: &Call) -> Result<SecurityOverview, IamError> {
        self.authorize(call, "iam:GetAccountSummary", "*").await?;
        let account_id = call.account_id();
        let err = |e: sea_orm::DbErr| call.internal(e);
        let now = self.clock.now();
        let stale = now - Duration::days(STALE_DAYS);

        let devices: Vec<(Option<String>, bool)> = mfa_device::Entity::find()
            .select_only()
            .column(mfa_device::Column::UserId)
            .column(mfa_device::Column::AssignedToRoot)
            .filter(mfa_device::Column::AccountId.eq(account_id))
            .filter(mfa_device::Column::EnabledAt.is_not_null())
            .into_tuple()
            .all(&self.db)
            .await
            .map_err(err)?;
        let root_mfa = devices.iter().any(|(_, root)| *root);
        let with_mfa: HashSet<String> = devices.into_iter().filter_map(|(user, _)| user).collect();

        let users = iam_user::Entity::find()
            .filter(iam_user::Column::AccountId.eq(account_id))
            .count(&self.db)
            .await
            .map_err(err)?;
        // The first names without MFA: at most SAMPLE_SIZE + |with MFA| rows in name order contain them.
        let first: Vec<(String, String)> = iam_user::Entity::find()
            .select_only()
            .column(iam_user::Column::UserId)
            .column(iam_user::Column::Name)
            .filter(iam_user::Column::AccountId.eq(account_id))
            .order_by_asc(iam_user::Column::NameLower)
            .limit((SAMPLE_SIZE + with_mfa.len()) as u64)
            .into_tuple()
            .all(&self.db)
            .await
            .map_err(err)?;
        let users_without_mfa = Sample {
            count: users.saturating_sub(with_mfa.len() as u64),
            examples: first
                .into_iter()
                .filter(|(id, _)| !with_mfa.contains(id))
                .map(|(_, name)| name)
                .take(SAMPLE_SIZE)
                .collect(),
        };

        // Only an active key created before the cut-off can be either old or unused that long.
        let keys: Vec<ActiveKey> = access_key::Entity::find()
            .select_only()
            .column(access_key::Column::AccessKeyId)
            .column(access_key::Column::UserId)
            .column(access_key::Column::LastUsedAt)
            .filter(access_key::Column::AccountId.eq(account_id))
            .filter(access_key::Column::Status.eq("Active"))
            .filter(access_key::Column::CreatedAt.lt(stale))
            .order_by_asc(access_key::Column::CreatedAt)
            .order_by_asc(access_key::Column::AccessKeyId)
            .into_tuple()
            .all(&self.db)
            .await
            .map_err(err)?;
        let unused: Vec<&ActiveKey> =
            keys.iter().filter(|(_, _, used)| used.is_none_or(|at| at < stale)).collect();
        let sampled_users: Vec<String> = keys
            .iter()
            .take(SAMPLE_SIZE)
            .chain(unused.iter().copied().take(SAMPLE_SIZE))
            .filter_map(|(_, user, _)| user.clone())
            .collect();
        let names: HashMap<String, String> = if sampled_users.is_empty() {
            HashMap::new()
        } else {
            iam_user::Entity::find()
                .select_only()
                .column(iam_user::Column::UserId)
                .column(iam_user::Column::Name)
                .filter(iam_user::Column::UserId.is_in(sampled_users))
                .into_tuple::<(String, String)>()
                .all(&self.db)
                .await
                .map_err(err)?
                .into_iter()
                .collect()
        };
        let key_ref = |(id, user, _): &(String, Option<String>, Option<DateTime<Utc>>)| KeyRef {
            user_name: user.as_ref().map(|u| names.get(u).cloned().unwrap_or_else(|| u.clone())),
            access_key_id: id.clone(),
        };
        let old_keys =
            KeySample { count: keys.len() as u64, examples: keys.iter().take(SAMPLE_SIZE).map(key_ref).collect() };
        let unused_keys = KeySample {
            count: unused.len() as u64,
            examples: unused.iter().take(SAMPLE_SIZE).map(|k| key_ref(k)).collect(),
        };

        // The users tree's grouped query by full path, folded into top-level paths here.
        let by_path = self.user_path_rows(account_id, "/").await.map_err(err)?;
        let paths_truncated = by_path.len() as u64 > MAX_PATHS;
        let mut top: BTreeMap<String, u64> = BTreeMap::new();
        for (path, count) in by_path.into_iter().take(MAX_PATHS as usize) {
            *top.entry(top_level(&path)).or_default() += u64::try_from(count).unwrap_or(0);
        }
        let paths = top.into_iter().map(|(path, users)| TopPath { path, users }).collect();

        let activity = match self.decide(call, LOOKUP_EVENTS, "*", Context::new()).await? {
            Decision::Allowed => Some(self.activity(call, now).await?),
            _ => None,
        };
        Ok(SecurityOverview {
            root_mfa,
            users,
            users_without_mfa,
            old_keys,
            unused_keys,
            paths,
            paths_truncated,
            activity,
        })
    }

    /// Daily counts over one bounded scan of the last 30 days' relevant events, newest first so that a cut-off drops
    /// the oldest.
    async fn activity(&self, call: &Call, now: DateTime<Utc>) -> Result<Activity, IamError> {
        let start = first_day(now);
        let rows: Vec<(DateTime<Utc>, String, String, String)> = audit_event::Entity::find()
            .select_only()
            .column(audit_event::Column::At)
            .column(audit_event::Column::Action)
            .column(audit_event::Column::Outcome)
            .column(audit_event::Column::Channel)
            .filter(audit_event::Column::AccountId.eq(call.account_id()))
            .filter(audit_event::Column::At.gte(start))
            .filter(
                Condition::any()
                    .add(audit_event::Column::Channel.eq("api"))
                    .add(audit_event::Column::Outcome.eq("denied"))
                    .add(audit_event::Column::Action.eq(CONSOLE_LOGIN)),
            )
            .order_by_desc(audit_event::Column::At)
            .limit(MAX_ACTIVITY_EVENTS)
            .into_tuple()
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        let truncated = rows.len() as u64 >= MAX_ACTIVITY_EVENTS;
        let mut days: Vec<DayActivity> = (0..ACTIVITY_DAYS as i64)
            .map(|n| DayActivity {
                day: (start + Duration::days(n)).format("%Y-%m-%d").to_string(),
                sign_ins: 0,
                api_calls: 0,
                denials: 0,
            })
            .collect();
        for (at, action, outcome, channel) in rows {
            let Some(day) = usize::try_from((at - start).num_days()).ok().and_then(|n| days.get_mut(n)) else {
                continue; // After "now" (a clock moved back in a test): not one of the chart's days.
            };
            if action == CONSOLE_LOGIN && outcome == "allowed" {
                day.sign_ins += 1;
            }
            if channel == "api" {
                day.api_calls += 1;
            }
            if outcome == "denied" {
                day.denials += 1;
            }
        }
        Ok(Activity { days, truncated })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn top_level_paths() {
        assert_eq!(top_level("/"), "/");
        assert_eq!(top_level("/app/"), "/app/");
        assert_eq!(top_level("/app/backup/"), "/app/");
    }

    #[test]
    fn the_chart_starts_29_days_before_today_at_midnight() {
        let now = Utc.with_ymd_and_hms(2026, 11, 29, 12, 30, 0).unwrap();
        assert_eq!(first_day(now), Utc.with_ymd_and_hms(2026, 10, 31, 0, 0, 0).unwrap());
    }
}
