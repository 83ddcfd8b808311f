//! Account-wide reports and settings: `GetAccountSummary`, the credential report (`GenerateCredentialReport`,
//! `GetCredentialReport`) and the account alias (`CreateAccountAlias`, `DeleteAccountAlias`, `ListAccountAliases`).
//! None of these has a resource type in AWS's Service Authorization Reference, so each is authorized on `*`.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};

use super::caller::Call;
use super::groups::MAX_GROUPS_PER_USER;
use super::{ids, is_unique_violation, iso, IamService};
use crate::backend::entities::{
    access_key, account, credential_report, iam_group, iam_user, login_profile, managed_policy, mfa_device,
    password_policy, policy_version,
};
use crate::model::reports::{AccountSummary, CredentialReport, ReportGeneration};
use crate::model::{AccountAlias, IamError};

/// AWS's default quotas, as `GetAccountSummary` reports them. Those we enforce match what the service enforces.
const QUOTAS: [(&str, i64); 14] = [
    ("UsersQuota", 5000),
    ("GroupsQuota", 300),
    ("PoliciesQuota", 1500),
    ("GroupsPerUserQuota", MAX_GROUPS_PER_USER as i64),
    ("AttachedPoliciesPerUserQuota", 10),
    ("AttachedPoliciesPerGroupQuota", 10),
    ("AccessKeysPerUserQuota", 2),
    ("SigningCertificatesPerUserQuota", 2),
    ("PolicyVersionsInUseQuota", 10000),
    ("VersionsPerPolicyQuota", 5),
    ("UserPolicySizeQuota", 2048),
    ("GroupPolicySizeQuota", 5120),
    ("PolicySizeQuota", 6144),
    ("ServerCertificatesQuota", 20),
];

/// The credential report's columns, exactly as AWS names and orders them.
pub const CREDENTIAL_REPORT_COLUMNS: [&str; 22] = [
    "user",
    "arn",
    "user_creation_time",
    "password_enabled",
    "password_last_used",
    "password_last_changed",
    "password_next_rotation",
    "mfa_active",
    "access_key_1_active",
    "access_key_1_last_rotated",
    "access_key_1_last_used_date",
    "access_key_1_last_used_region",
    "access_key_1_last_used_service",
    "access_key_2_active",
    "access_key_2_last_rotated",
    "access_key_2_last_used_date",
    "access_key_2_last_used_region",
    "access_key_2_last_used_service",
    "cert_1_active",
    "cert_1_last_rotated",
    "cert_2_active",
    "cert_2_last_rotated",
];

const NA: &str = "N/A";
const NOT_SUPPORTED: &str = "not_supported";
const NO_INFORMATION: &str = "no_information";

/// The report's timestamps, in the form AWS writes them: `2026-11-29T12:00:00+00:00`.
fn report_time(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn flag(value: bool) -> String {
    if value { "true" } else { "false" }.to_owned()
}

/// One CSV field (RFC 4180): user names may contain commas, paths almost anything printable.
fn csv_field(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_owned()
    }
}

fn csv_line(fields: &[String]) -> String {
    let mut line = fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",");
    line.push('\n');
    line
}

/// The eleven access key and certificate columns for up to two keys, oldest first. We have no signing certificates.
fn key_columns(keys: &[&access_key::Model]) -> Vec<String> {
    let mut fields = Vec::with_capacity(14);
    for n in 0..2 {
        match keys.get(n) {
            Some(key) => {
                fields.push(flag(key.status == "Active"));
                fields.push(report_time(key.created_at));
                fields.push(key.last_used_at.map(report_time).unwrap_or_else(|| NA.into()));
                fields.push(key.last_used_region.clone().unwrap_or_else(|| NA.into()));
                fields.push(key.last_used_service.clone().unwrap_or_else(|| NA.into()));
            }
            None => {
                fields.push(flag(false));
                fields.extend([NA, NA, NA, NA].map(String::from));
            }
        }
    }
    fields.extend(["false", NA, "false", NA].map(String::from));
    fields
}

impl IamService {
    /// `GetAccountSummary`: entity counts and quotas under AWS's `SummaryMap` keys.
    pub async fn get_account_summary(&self, call: &Call) -> Result<AccountSummary, IamError> {
        self.authorize(call, "iam:GetAccountSummary", "*").await?;
        let account_id = call.account_id();
        let err = |e: sea_orm::DbErr| call.internal(e);
        let users = iam_user::Entity::find()
            .filter(iam_user::Column::AccountId.eq(account_id))
            .count(&self.db)
            .await
            .map_err(err)?;
        let groups = iam_group::Entity::find()
            .filter(iam_group::Column::AccountId.eq(account_id))
            .count(&self.db)
            .await
            .map_err(err)?;
        let policy_ids: Vec<String> = managed_policy::Entity::find()
            .filter(managed_policy::Column::AccountId.eq(account_id))
            .all(&self.db)
            .await
            .map_err(err)?
            .into_iter()
            .map(|p| p.policy_id)
            .collect();
        let mut versions = 0;
        for chunk in policy_ids.chunks(500) {
            versions += policy_version::Entity::find()
                .filter(policy_version::Column::PolicyId.is_in(chunk.to_vec()))
                .count(&self.db)
                .await
                .map_err(err)?;
        }
        let devices = mfa_device::Entity::find()
            .filter(mfa_device::Column::AccountId.eq(account_id))
            .all(&self.db)
            .await
            .map_err(err)?;
        let root_keys = access_key::Entity::find()
            .filter(access_key::Column::AccountId.eq(account_id))
            .filter(access_key::Column::UserId.is_null())
            .count(&self.db)
            .await
            .map_err(err)?;

        let in_use = devices.iter().filter(|d| d.enabled_at.is_some()).count();
        let root_mfa = devices.iter().any(|d| d.assigned_to_root && d.enabled_at.is_some());
        let count = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        let mut summary: AccountSummary = QUOTAS.iter().map(|(k, v)| ((*k).to_owned(), *v)).collect();
        for (key, value) in [
            ("Users", count(users)),
            ("Groups", count(groups)),
            ("Policies", count(policy_ids.len() as u64)),
            ("PolicyVersionsInUse", count(versions)),
            ("MFADevices", count(devices.len() as u64)),
            ("MFADevicesInUse", count(in_use as u64)),
            ("AccountMFAEnabled", i64::from(root_mfa)),
            ("AccountAccessKeysPresent", i64::from(root_keys > 0)),
            ("AccountSigningCertificatesPresent", 0),
            ("ServerCertificates", 0),
        ] {
            summary.insert(key.to_owned(), value);
        }
        Ok(summary)
    }

    /// `GenerateCredentialReport`: builds the report now (it is cheap) and keeps it, replacing the previous one. AWS
    /// answers `STARTED` and builds it in the background; ours is done before we answer, hence `COMPLETE`.
    pub async fn generate_credential_report(&self, call: &Call) -> Result<ReportGeneration, IamError> {
        self.authorize(call, "iam:GenerateCredentialReport", "*").await?;
        let csv = self.credential_report_csv(call).await?;
        let txn = self.begin(&call.ctx).await?;
        credential_report::Entity::delete_by_id(call.account_id().to_owned())
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        let row = credential_report::ActiveModel {
            account_id: Set(call.account_id().to_owned()),
            generated_at: Set(self.clock.now()),
            csv: Set(csv),
        };
        credential_report::Entity::insert(row)
            .exec_without_returning(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        self.audit(&txn, call, "iam:GenerateCredentialReport", "*");
        txn.commit().await.map_err(|e| call.internal(e))?;
        Ok(ReportGeneration {
            state: "COMPLETE".into(),
            description: "the credential report is ready; get it with GetCredentialReport".into(),
        })
    }

    /// `GetCredentialReport`: the last generated report, or `ReportNotPresent` before the first generation.
    pub async fn get_credential_report(&self, call: &Call) -> Result<CredentialReport, IamError> {
        self.authorize(call, "iam:GetCredentialReport", "*").await?;
        let row = credential_report::Entity::find_by_id(call.account_id().to_owned())
            .one(&self.db)
            .await
            .map_err(|e| call.internal(e))?
            .ok_or_else(|| {
                IamError::ReportNotPresent(
                    "no credential report exists; generate one with GenerateCredentialReport first".into(),
                )
            })?;
        Ok(CredentialReport {
            content: row.csv,
            report_format: "text/csv".into(),
            generated_time: iso(row.generated_at),
        })
    }

    /// The CSV: a header, the root's row (`<root_account>`), then one row per user by name.
    async fn credential_report_csv(&self, call: &Call) -> Result<String, IamError> {
        let account_id = call.account_id();
        let err = |e: sea_orm::DbErr| call.internal(e);
        let account = account::Entity::find_by_id(account_id.to_owned())
            .one(&self.db)
            .await
            .map_err(err)?
            .ok_or_else(|| IamError::NoSuchEntity(format!("account `{account_id}` does not exist")))?;
        let users = iam_user::Entity::find()
            .filter(iam_user::Column::AccountId.eq(account_id))
            .order_by_asc(iam_user::Column::NameLower)
            .all(&self.db)
            .await
            .map_err(err)?;
        let keys = access_key::Entity::find()
            .filter(access_key::Column::AccountId.eq(account_id))
            .order_by_asc(access_key::Column::CreatedAt)
            .order_by_asc(access_key::Column::AccessKeyId)
            .all(&self.db)
            .await
            .map_err(err)?;
        let devices = mfa_device::Entity::find()
            .filter(mfa_device::Column::AccountId.eq(account_id))
            .filter(mfa_device::Column::EnabledAt.is_not_null())
            .all(&self.db)
            .await
            .map_err(err)?;
        let user_ids: Vec<String> = users.iter().map(|u| u.user_id.clone()).collect();
        let mut profiles = HashMap::new();
        // Chunked so the bound parameters stay far below SQLite's and PostgreSQL's limits at any account size.
        for chunk in user_ids.chunks(500) {
            let rows = login_profile::Entity::find()
                .filter(login_profile::Column::UserId.is_in(chunk.to_vec()))
                .all(&self.db)
                .await
                .map_err(err)?;
            profiles.extend(rows.into_iter().map(|p| (p.user_id.clone(), p)));
        }
        let max_age = password_policy::Entity::find_by_id(account_id.to_owned())
            .one(&self.db)
            .await
            .map_err(err)?
            .and_then(|p| p.max_password_age)
            .filter(|days| *days > 0);

        let mfa_users: HashSet<&str> = devices.iter().filter_map(|d| d.user_id.as_deref()).collect();
        let root_mfa = devices.iter().any(|d| d.assigned_to_root);
        let keys_of = |user_id: Option<&str>| {
            keys.iter()
                .filter(|k| k.user_id.as_deref() == user_id)
                .collect::<Vec<_>>()
        };

        let mut csv = CREDENTIAL_REPORT_COLUMNS.join(",");
        csv.push('\n');
        let mut root = vec![
            "<root_account>".to_owned(),
            ids::root_arn(account_id),
            report_time(account.created_at),
            NOT_SUPPORTED.into(),
            // The root's sign-ins are not recorded yet.
            NO_INFORMATION.into(),
            NOT_SUPPORTED.into(),
            NOT_SUPPORTED.into(),
            flag(root_mfa),
        ];
        root.extend(key_columns(&keys_of(None)));
        csv.push_str(&csv_line(&root));

        for user in &users {
            let profile = profiles.get(&user.user_id);
            let (last_used, last_changed, next_rotation) = match profile {
                None => (NA.to_owned(), NA.to_owned(), NA.to_owned()),
                Some(p) => (
                    user.password_last_used
                        .map(report_time)
                        .unwrap_or_else(|| NO_INFORMATION.into()),
                    report_time(p.password_changed_at),
                    max_age
                        .map(|days| report_time(p.password_changed_at + Duration::days(i64::from(days))))
                        .unwrap_or_else(|| NA.into()),
                ),
            };
            let mut row = vec![
                user.name.clone(),
                ids::user_arn(account_id, &user.path, &user.name),
                report_time(user.created_at),
                flag(profile.is_some()),
                last_used,
                last_changed,
                next_rotation,
                flag(mfa_users.contains(user.user_id.as_str())),
            ];
            row.extend(key_columns(&keys_of(Some(&user.user_id))));
            csv.push_str(&csv_line(&row));
        }
        Ok(csv)
    }

    /// `CreateAccountAlias`. An account has at most one alias and, as in AWS, a new one replaces the old; an alias
    /// another account uses is `EntityAlreadyExists`. Setting the current alias again changes nothing.
    pub async fn create_account_alias(&self, call: &Call, alias: AccountAlias) -> Result<(), IamError> {
        self.authorize(call, "iam:CreateAccountAlias", "*").await?;
        let taken =
            || IamError::EntityAlreadyExists(format!("the account alias `{}` is already in use", alias.as_str()));
        let txn = self.begin(&call.ctx).await?;
        let row = self.alias_account_row(&txn, call).await?;
        if row.alias.as_deref() == Some(alias.as_str()) {
            return Ok(());
        }
        let elsewhere = account::Entity::find()
            .filter(account::Column::Alias.eq(alias.as_str()))
            .filter(account::Column::AccountId.ne(call.account_id()))
            .count(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        if elsewhere > 0 {
            return Err(taken());
        }
        let mut active: account::ActiveModel = row.into();
        active.alias = Set(Some(alias.as_str().to_owned()));
        account::Entity::update(active).exec(&txn).await.map_err(|e| {
            if is_unique_violation(&e) {
                taken()
            } else {
                call.internal(e)
            }
        })?;
        self.audit(&txn, call, "iam:CreateAccountAlias", "*");
        txn.commit().await.map_err(|e| call.internal(e))
    }

    /// `DeleteAccountAlias`: `NoSuchEntity` unless `alias` is the account's current alias.
    pub async fn delete_account_alias(&self, call: &Call, alias: AccountAlias) -> Result<(), IamError> {
        self.authorize(call, "iam:DeleteAccountAlias", "*").await?;
        let txn = self.begin(&call.ctx).await?;
        let row = self.alias_account_row(&txn, call).await?;
        if row.alias.as_deref() != Some(alias.as_str()) {
            return Err(IamError::NoSuchEntity(format!(
                "the account alias `{}` cannot be found",
                alias.as_str()
            )));
        }
        let mut active: account::ActiveModel = row.into();
        active.alias = Set(None);
        account::Entity::update(active)
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        self.audit(&txn, call, "iam:DeleteAccountAlias", "*");
        txn.commit().await.map_err(|e| call.internal(e))
    }

    /// `ListAccountAliases`: the alias, if any (AWS's list never holds more than one).
    pub async fn list_account_aliases(&self, call: &Call) -> Result<Vec<String>, IamError> {
        self.authorize(call, "iam:ListAccountAliases", "*").await?;
        let row = self.alias_account_row(&self.db, call).await?;
        Ok(row.alias.into_iter().collect())
    }

    async fn alias_account_row(
        &self,
        conn: &impl sea_orm::ConnectionTrait,
        call: &Call,
    ) -> Result<account::Model, IamError> {
        account::Entity::find_by_id(call.account_id().to_owned())
            .one(conn)
            .await
            .map_err(|e| call.internal(e))?
            .ok_or_else(|| IamError::NoSuchEntity(format!("account `{}` does not exist", call.account_id())))
    }
}
