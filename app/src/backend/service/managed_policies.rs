//! Customer managed policies: create, get, list, delete; versions (at most 5, one of them the default, the default
//! never deleted on its own); attaching to users and groups (at most 10 per user or group); and the entities a policy
//! is attached to. Documents are validated as managed policies (6,144 characters) and stored exactly as submitted.

use std::collections::HashMap;

use iam_policy::{Context, PolicyKind};
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::path_prefix::path_starts_with;
use super::caller::Call;
use super::ids::{self, listing_resource};
use super::pagination::{after_pair, Window};
use super::{documents, is_unique_violation, iso, AccessChange, IamService};
use crate::backend::entities::{
    iam_group, iam_user, managed_policy, policy_attachment, policy_version, OWNER_GROUP, OWNER_USER,
};
use crate::model::policies::{
    AttachedPolicy, EntitiesForPolicy, EntityFilter, ManagedPolicyView, PolicyArn, PolicyGroup, PolicyScope,
    PolicyUser, PolicyVersionId, PolicyVersionView,
};
use crate::model::{GroupName, IamError, IamPath, Page, PageRequest, PathPrefix, PolicyName, UserName};

/// AWS: a managed policy keeps at most 5 versions.
pub const MAX_POLICY_VERSIONS: u64 = 5;
/// AWS's default quota of managed policies attached to one user or one group.
pub const MAX_ATTACHED_POLICIES: u64 = 10;
/// botocore's `policyDescriptionType`.
pub const MAX_DESCRIPTION_CHARS: usize = 1000;

fn view(account_id: &str, row: managed_policy::Model, attachment_count: u64) -> ManagedPolicyView {
    ManagedPolicyView {
        arn: ids::policy_arn(account_id, &row.path, &row.name),
        policy_name: row.name,
        policy_id: row.policy_id,
        path: row.path,
        default_version_id: row.default_version,
        attachment_count,
        is_attachable: true,
        description: row.description,
        create_date: iso(row.created_at),
        update_date: iso(row.updated_at),
    }
}

fn version_view(row: policy_version::Model, default_version: &str) -> PolicyVersionView {
    PolicyVersionView {
        is_default_version: row.version_id == default_version,
        document: row.document,
        version_id: row.version_id,
        create_date: iso(row.created_at),
    }
}

/// The number in `v12` or `v12.suffix`, for ordering versions (as strings, `v10` would sort before `v2`).
fn version_number(version_id: &str) -> u64 {
    let digits = version_id.trim_start_matches('v');
    digits.split('.').next().and_then(|n| n.parse().ok()).unwrap_or(0)
}

fn no_such_policy(arn: &PolicyArn) -> IamError {
    IamError::NoSuchEntity(format!("policy `{arn}` does not exist or is not attachable"))
}

fn policy_exists(name: &str) -> IamError {
    IamError::EntityAlreadyExists(format!(
        "a policy called `{name}` already exists; duplicate names are not allowed"
    ))
}

/// botocore's `policyPathType` is stricter than other paths: segments of `[A-Za-z0-9.,+@=_-]` only.
fn check_policy_path(path: &IamPath) -> Result<(), IamError> {
    let allowed = |c: char| c == '/' || c.is_ascii_alphanumeric() || ".,+@=_-".contains(c);
    match path.as_str().chars().find(|c| !allowed(*c)) {
        None => Ok(()),
        Some(bad) => Err(IamError::ValidationError(format!(
            "policy path `{path}` contains `{bad}`; use letters, digits and `.,+@=_-` between slashes"
        ))),
    }
}

/// A user or a group, as the target of an attachment.
enum Target {
    User(UserName),
    Group(GroupName),
}

impl Target {
    fn kind(&self) -> &'static str {
        match self {
            Target::User(_) => OWNER_USER,
            Target::Group(_) => OWNER_GROUP,
        }
    }

    fn describe(&self) -> String {
        match self {
            Target::User(name) => format!("user `{name}`"),
            Target::Group(name) => format!("group `{name}`"),
        }
    }
}

/// One row of `ListEntitiesForPolicy`, before it is split into users and groups.
enum Entity {
    User(iam_user::Model),
    Group(iam_group::Model),
}

const ENTITY_USER: &str = "user";
const ENTITY_GROUP: &str = "group";

impl IamService {
    /// A policy of the caller's account by ARN. Another account's ARN, or an AWS managed one (`aws` account, which
    /// this server has none of), names no policy here. The ARN must match exactly, path and name, as in AWS.
    async fn policy(
        &self,
        conn: &impl ConnectionTrait,
        call: &Call,
        arn: &PolicyArn,
    ) -> Result<managed_policy::Model, IamError> {
        if arn.account() != call.account_id() {
            return Err(no_such_policy(arn));
        }
        self.policy_named(conn, call, arn.name())
            .await?
            .filter(|p| p.name == arn.name().as_str() && p.path == arn.path().as_str())
            .ok_or_else(|| no_such_policy(arn))
    }

    /// The caller's account's policy called `name` (names are unique per account, case-insensitively), any path.
    pub(super) async fn policy_named(
        &self,
        conn: &impl ConnectionTrait,
        call: &Call,
        name: &PolicyName,
    ) -> Result<Option<managed_policy::Model>, IamError> {
        managed_policy::Entity::find()
            .filter(managed_policy::Column::AccountId.eq(call.account_id()))
            .filter(managed_policy::Column::NameLower.eq(name.folded()))
            .one(conn)
            .await
            .map_err(|e| call.internal(e))
    }

    async fn attachment_count(
        &self,
        conn: &impl ConnectionTrait,
        call: &Call,
        policy_id: &str,
    ) -> Result<u64, IamError> {
        policy_attachment::Entity::find()
            .filter(policy_attachment::Column::PolicyId.eq(policy_id))
            .count(conn)
            .await
            .map_err(|e| call.internal(e))
    }

    /// `CreatePolicy`: the policy and its version `v1` (the default), the document stored exactly as submitted.
    pub async fn create_policy(
        &self,
        call: &Call,
        name: PolicyName,
        path: IamPath,
        description: Option<String>,
        document: String,
    ) -> Result<ManagedPolicyView, IamError> {
        let arn = ids::policy_arn(call.account_id(), path.as_str(), name.as_str());
        self.authorize(call, "iam:CreatePolicy", &arn).await?;
        check_policy_path(&path)?;
        // A form's empty field means no description.
        let description = description.filter(|d| !d.is_empty());
        if let Some(d) = &description {
            if d.chars().count() > MAX_DESCRIPTION_CHARS {
                return Err(IamError::ValidationError(format!(
                    "the description must be at most {MAX_DESCRIPTION_CHARS} characters long"
                )));
            }
        }
        documents::check(&document, PolicyKind::Managed)?;

        let txn = self.begin(&call.ctx).await?;
        if self.policy_named(&txn, call, &name).await?.is_some() {
            return Err(policy_exists(name.as_str()));
        }
        let now = self.clock.now();
        let policy_id = ids::policy_id();
        let row = managed_policy::ActiveModel {
            policy_id: Set(policy_id.clone()),
            account_id: Set(call.account_id().to_owned()),
            name: Set(name.as_str().to_owned()),
            name_lower: Set(name.folded()),
            path: Set(path.as_str().to_owned()),
            description: Set(description),
            default_version: Set("v1".into()),
            next_version: Set(2),
            created_at: Set(now),
            updated_at: Set(now),
        };
        let policy = managed_policy::Entity::insert(row)
            .exec_with_returning(&txn)
            .await
            .map_err(|e| {
                if is_unique_violation(&e) {
                    policy_exists(name.as_str())
                } else {
                    call.internal(e)
                }
            })?;
        let version = policy_version::ActiveModel {
            policy_id: Set(policy_id),
            version_id: Set("v1".into()),
            document: Set(document),
            created_at: Set(now),
        };
        policy_version::Entity::insert(version)
            .exec_without_returning(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        self.audit(&txn, call, "iam:CreatePolicy", &arn);
        txn.commit().await.map_err(|e| call.internal(e))?;
        Ok(view(call.account_id(), policy, 0))
    }

    pub async fn get_policy(&self, call: &Call, arn: PolicyArn) -> Result<ManagedPolicyView, IamError> {
        self.authorize(call, "iam:GetPolicy", &arn.to_string()).await?;
        let policy = self.policy(&self.db, call, &arn).await?;
        let count = self.attachment_count(&self.db, call, &policy.policy_id).await?;
        Ok(view(call.account_id(), policy, count))
    }

    /// `ListPolicies`, ordered by path then name. Authorized, like the other listings, against the prefix:
    /// `…:policy<prefix>*` (AWS's `*` matches it). There are no AWS managed policies, so scope `AWS` lists nothing.
    pub async fn list_policies(
        &self,
        call: &Call,
        scope: PolicyScope,
        only_attached: bool,
        prefix: PathPrefix,
        page: PageRequest,
    ) -> Result<Page<ManagedPolicyView>, IamError> {
        let resource = listing_resource(call.account_id(), "policy", prefix.as_str());
        self.authorize(call, "iam:ListPolicies", &resource).await?;
        let window = Window::parse(&self.keys, &page)?;
        if scope == PolicyScope::Aws {
            return Ok(Page {
                items: Vec::new(),
                is_truncated: false,
                marker: None,
            });
        }
        let mut query = managed_policy::Entity::find()
            .filter(managed_policy::Column::AccountId.eq(call.account_id()))
            .filter(path_starts_with(managed_policy::Column::Path, prefix.as_str()));
        if only_attached {
            let attached = Query::select()
                .column(policy_attachment::Column::PolicyId)
                .from(policy_attachment::Entity)
                .to_owned();
            query = query.filter(managed_policy::Column::PolicyId.in_subquery(attached));
        }
        let rows = window
            .apply(query, managed_policy::Column::Path, managed_policy::Column::Name)
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        let counts = self
            .attachment_counts(call, rows.iter().map(|p| p.policy_id.clone()).collect())
            .await?;
        let account_id = call.account_id().to_owned();
        Ok(window.page(
            &self.keys,
            rows,
            |p| (p.path.clone(), p.name.clone()),
            |p| {
                let count = counts.get(&p.policy_id).copied().unwrap_or(0);
                view(&account_id, p, count)
            },
        ))
    }

    /// Attachment counts of a page of policies, in one grouped query.
    async fn attachment_counts(&self, call: &Call, policy_ids: Vec<String>) -> Result<HashMap<String, u64>, IamError> {
        if policy_ids.is_empty() {
            return Ok(HashMap::new());
        }
        let counts: Vec<(String, i64)> = policy_attachment::Entity::find()
            .select_only()
            .column(policy_attachment::Column::PolicyId)
            .column_as(Expr::col(policy_attachment::Column::OwnerId).count(), "attachments")
            .filter(policy_attachment::Column::PolicyId.is_in(policy_ids))
            .group_by(policy_attachment::Column::PolicyId)
            .into_tuple()
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        Ok(counts
            .into_iter()
            .map(|(id, n)| (id, u64::try_from(n).unwrap_or(0)))
            .collect())
    }

    /// `DeletePolicy`: only once it is attached to nothing and only its default version is left (AWS makes the
    /// caller delete the other versions first); the default version goes with the policy.
    pub async fn delete_policy(&self, call: &Call, arn: PolicyArn) -> Result<(), IamError> {
        let resource = arn.to_string();
        self.authorize(call, "iam:DeletePolicy", &resource).await?;
        let txn = self.begin(&call.ctx).await?;
        let policy = self.policy(&txn, call, &arn).await?;
        let attachments = self.attachment_count(&txn, call, &policy.policy_id).await?;
        if attachments > 0 {
            return Err(IamError::DeleteConflict(format!(
                "cannot delete policy `{arn}`: it is attached to {attachments} user(s) or group(s); detach it first"
            )));
        }
        let others = policy_version::Entity::find()
            .filter(policy_version::Column::PolicyId.eq(&policy.policy_id))
            .filter(policy_version::Column::VersionId.ne(&policy.default_version))
            .count(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        if others > 0 {
            return Err(IamError::DeleteConflict(format!(
                "cannot delete policy `{arn}`: it has {others} version(s) besides the default `{}`; delete them first",
                policy.default_version
            )));
        }
        policy_version::Entity::delete_many()
            .filter(policy_version::Column::PolicyId.eq(&policy.policy_id))
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        managed_policy::Entity::delete_by_id(policy.policy_id)
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        self.audit(&txn, call, "iam:DeletePolicy", &resource);
        txn.commit().await.map_err(|e| call.internal(e))?;
        self.access_changed(AccessChange::Everyone);
        Ok(())
    }

    /// `CreatePolicyVersion`: the next `vN` (ids are never reused), optionally made the default.
    pub async fn create_policy_version(
        &self,
        call: &Call,
        arn: PolicyArn,
        document: String,
        set_as_default: bool,
    ) -> Result<PolicyVersionView, IamError> {
        let resource = arn.to_string();
        self.authorize(call, "iam:CreatePolicyVersion", &resource).await?;
        documents::check(&document, PolicyKind::Managed)?;
        let txn = self.begin(&call.ctx).await?;
        let policy = self.policy(&txn, call, &arn).await?;
        let versions = policy_version::Entity::find()
            .filter(policy_version::Column::PolicyId.eq(&policy.policy_id))
            .count(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        if versions >= MAX_POLICY_VERSIONS {
            return Err(IamError::LimitExceeded(format!(
                "policy `{arn}` already has {MAX_POLICY_VERSIONS} versions, the most a policy can have; delete one \
                 first"
            )));
        }
        let now = self.clock.now();
        let version_id = format!("v{}", policy.next_version);
        let row = policy_version::ActiveModel {
            policy_id: Set(policy.policy_id.clone()),
            version_id: Set(version_id.clone()),
            document: Set(document),
            created_at: Set(now),
        };
        // Two versions created at once both read the same `next_version`; the loser hits the primary key.
        let version = policy_version::Entity::insert(row).exec_with_returning(&txn).await.map_err(|e| {
            if is_unique_violation(&e) {
                IamError::ConcurrentModification(format!("policy `{arn}` was changed by another request; retry"))
            } else {
                call.internal(e)
            }
        })?;
        let next_version = policy.next_version + 1;
        let mut update: managed_policy::ActiveModel = policy.into();
        update.next_version = Set(next_version);
        update.updated_at = Set(now);
        if set_as_default {
            update.default_version = Set(version_id.clone());
        }
        let policy = managed_policy::Entity::update(update)
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        self.audit(&txn, call, "iam:CreatePolicyVersion", &resource);
        txn.commit().await.map_err(|e| call.internal(e))?;
        // The new version may have become the default.
        self.access_changed(AccessChange::Everyone);
        Ok(version_view(version, &policy.default_version))
    }

    pub async fn get_policy_version(
        &self,
        call: &Call,
        arn: PolicyArn,
        version_id: PolicyVersionId,
    ) -> Result<PolicyVersionView, IamError> {
        self.authorize(call, "iam:GetPolicyVersion", &arn.to_string()).await?;
        let policy = self.policy(&self.db, call, &arn).await?;
        let version = self.policy_version(&self.db, call, &arn, &policy, &version_id).await?;
        Ok(version_view(version, &policy.default_version))
    }

    async fn policy_version(
        &self,
        conn: &impl ConnectionTrait,
        call: &Call,
        arn: &PolicyArn,
        policy: &managed_policy::Model,
        version_id: &PolicyVersionId,
    ) -> Result<policy_version::Model, IamError> {
        policy_version::Entity::find_by_id((policy.policy_id.clone(), version_id.as_str().to_owned()))
            .one(conn)
            .await
            .map_err(|e| call.internal(e))?
            .ok_or_else(|| IamError::NoSuchEntity(format!("policy `{arn}` has no version `{version_id}`")))
    }

    /// `ListPolicyVersions`: all of them (at most 5), newest first.
    pub async fn list_policy_versions(&self, call: &Call, arn: PolicyArn) -> Result<Vec<PolicyVersionView>, IamError> {
        self.authorize(call, "iam:ListPolicyVersions", &arn.to_string()).await?;
        let policy = self.policy(&self.db, call, &arn).await?;
        let mut rows = policy_version::Entity::find()
            .filter(policy_version::Column::PolicyId.eq(&policy.policy_id))
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        rows.sort_by_key(|v| std::cmp::Reverse(version_number(&v.version_id)));
        Ok(rows
            .into_iter()
            .map(|v| version_view(v, &policy.default_version))
            .collect())
    }

    /// `DeletePolicyVersion`: any version but the default (that one goes only with the policy).
    pub async fn delete_policy_version(
        &self,
        call: &Call,
        arn: PolicyArn,
        version_id: PolicyVersionId,
    ) -> Result<(), IamError> {
        let resource = arn.to_string();
        self.authorize(call, "iam:DeletePolicyVersion", &resource).await?;
        let txn = self.begin(&call.ctx).await?;
        let policy = self.policy(&txn, call, &arn).await?;
        if policy.default_version == version_id.as_str() {
            return Err(IamError::DeleteConflict(format!(
                "cannot delete version `{version_id}` of policy `{arn}`: it is the default version; make another \
                 version the default first, or delete the policy"
            )));
        }
        self.policy_version(&txn, call, &arn, &policy, &version_id).await?;
        policy_version::Entity::delete_by_id((policy.policy_id.clone(), version_id.as_str().to_owned()))
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        // AWS's UpdateDate is when the newest remaining version was created.
        let newest = policy_version::Entity::find()
            .filter(policy_version::Column::PolicyId.eq(&policy.policy_id))
            .all(&txn)
            .await
            .map_err(|e| call.internal(e))?
            .into_iter()
            .map(|v| v.created_at)
            .max();
        if let Some(newest) = newest.filter(|at| *at != policy.updated_at) {
            let mut update: managed_policy::ActiveModel = policy.into();
            update.updated_at = Set(newest);
            managed_policy::Entity::update(update)
                .exec(&txn)
                .await
                .map_err(|e| call.internal(e))?;
        }
        self.audit(&txn, call, "iam:DeletePolicyVersion", &resource);
        txn.commit().await.map_err(|e| call.internal(e))?;
        self.access_changed(AccessChange::Everyone);
        Ok(())
    }

    /// `SetDefaultPolicyVersion`: from now on every user and group the policy is attached to gets this version.
    pub async fn set_default_policy_version(
        &self,
        call: &Call,
        arn: PolicyArn,
        version_id: PolicyVersionId,
    ) -> Result<(), IamError> {
        let resource = arn.to_string();
        self.authorize(call, "iam:SetDefaultPolicyVersion", &resource).await?;
        let txn = self.begin(&call.ctx).await?;
        let policy = self.policy(&txn, call, &arn).await?;
        self.policy_version(&txn, call, &arn, &policy, &version_id).await?;
        if policy.default_version != version_id.as_str() {
            let mut update: managed_policy::ActiveModel = policy.into();
            update.default_version = Set(version_id.as_str().to_owned());
            managed_policy::Entity::update(update)
                .exec(&txn)
                .await
                .map_err(|e| call.internal(e))?;
        }
        self.audit(&txn, call, "iam:SetDefaultPolicyVersion", &resource);
        txn.commit().await.map_err(|e| call.internal(e))?;
        self.access_changed(AccessChange::Everyone);
        Ok(())
    }

    /// `AttachUserPolicy`: authorized on the user, with `iam:PolicyARN` in the context.
    pub async fn attach_user_policy(&self, call: &Call, user: UserName, arn: PolicyArn) -> Result<(), IamError> {
        self.attach(call, Target::User(user), "iam:AttachUserPolicy", arn).await
    }

    pub async fn detach_user_policy(&self, call: &Call, user: UserName, arn: PolicyArn) -> Result<(), IamError> {
        self.detach(call, Target::User(user), "iam:DetachUserPolicy", arn).await
    }

    /// `AttachGroupPolicy`: authorized on the group, with `iam:PolicyARN` in the context.
    pub async fn attach_group_policy(&self, call: &Call, group: GroupName, arn: PolicyArn) -> Result<(), IamError> {
        self.attach(call, Target::Group(group), "iam:AttachGroupPolicy", arn)
            .await
    }

    pub async fn detach_group_policy(&self, call: &Call, group: GroupName, arn: PolicyArn) -> Result<(), IamError> {
        self.detach(call, Target::Group(group), "iam:DetachGroupPolicy", arn)
            .await
    }

    /// `ListAttachedUserPolicies`, ordered by the policies' path then name.
    pub async fn list_attached_user_policies(
        &self,
        call: &Call,
        user: UserName,
        prefix: PathPrefix,
        page: PageRequest,
    ) -> Result<Page<AttachedPolicy>, IamError> {
        self.list_attached(call, Target::User(user), "iam:ListAttachedUserPolicies", prefix, page)
            .await
    }

    /// `ListAttachedGroupPolicies`, ordered by the policies' path then name.
    pub async fn list_attached_group_policies(
        &self,
        call: &Call,
        group: GroupName,
        prefix: PathPrefix,
        page: PageRequest,
    ) -> Result<Page<AttachedPolicy>, IamError> {
        self.list_attached(
            call,
            Target::Group(group),
            "iam:ListAttachedGroupPolicies",
            prefix,
            page,
        )
        .await
    }

    /// The ARN an attachment action is authorized against: the user's or the group's.
    async fn target_arn(&self, call: &Call, target: &Target) -> Result<String, IamError> {
        Ok(match target {
            Target::User(name) => {
                let path = self.user_path_or_root(call, name).await?;
                ids::user_arn(call.account_id(), &path, name.as_str())
            }
            Target::Group(name) => {
                let path = self.group_path_or_root(call, name).await?;
                ids::group_arn(call.account_id(), &path, name.as_str())
            }
        })
    }

    /// The target's unique id.
    async fn target_id(&self, conn: &impl ConnectionTrait, call: &Call, target: &Target) -> Result<String, IamError> {
        Ok(match target {
            Target::User(name) => self.user(conn, call, name).await?.user_id,
            Target::Group(name) => self.group(conn, call, name).await?.group_id,
        })
    }

    /// Attaching an attached policy again changes nothing and is no error, as in AWS.
    async fn attach(&self, call: &Call, target: Target, action: &str, arn: PolicyArn) -> Result<(), IamError> {
        let resource = self.target_arn(call, &target).await?;
        self.authorize_with(call, action, &resource, policy_arn_context(&arn))
            .await?;
        let txn = self.begin(&call.ctx).await?;
        // The target's row locked: the attachment count holds under concurrent attaches, and a concurrent deletion
        // of the user or group cannot leave this attachment behind.
        match &target {
            Target::User(name) => self.lock_user(&txn, call, name).await.map(drop)?,
            Target::Group(name) => self.lock_group(&txn, call, name, false).await.map(drop)?,
        }
        let owner_id = self.target_id(&txn, call, &target).await?;
        let policy = self.policy(&txn, call, &arn).await?;
        let err = |e: sea_orm::DbErr| call.internal(e);
        let key = (policy.policy_id.clone(), target.kind().to_owned(), owner_id.clone());
        let already = policy_attachment::Entity::find_by_id(key)
            .one(&txn)
            .await
            .map_err(err)?;
        if already.is_none() {
            let attached = policy_attachment::Entity::find()
                .filter(policy_attachment::Column::OwnerKind.eq(target.kind()))
                .filter(policy_attachment::Column::OwnerId.eq(&owner_id))
                .count(&txn)
                .await
                .map_err(err)?;
            if attached >= MAX_ATTACHED_POLICIES {
                return Err(IamError::LimitExceeded(format!(
                    "{} already has {MAX_ATTACHED_POLICIES} managed policies attached, the most it can have",
                    target.describe()
                )));
            }
            let row = policy_attachment::ActiveModel {
                policy_id: Set(policy.policy_id),
                owner_kind: Set(target.kind().to_owned()),
                owner_id: Set(owner_id),
                attached_at: Set(self.clock.now()),
            };
            // A concurrent identical attach wins the race harmlessly: the policy is attached either way.
            match policy_attachment::Entity::insert(row)
                .exec_without_returning(&txn)
                .await
            {
                Ok(_) => {}
                Err(e) if is_unique_violation(&e) => {}
                Err(e) => return Err(call.internal(e)),
            }
        }
        self.audit(&txn, call, action, &resource);
        txn.commit().await.map_err(|e| call.internal(e))?;
        self.access_changed(AccessChange::Everyone);
        Ok(())
    }

    async fn detach(&self, call: &Call, target: Target, action: &str, arn: PolicyArn) -> Result<(), IamError> {
        let resource = self.target_arn(call, &target).await?;
        self.authorize_with(call, action, &resource, policy_arn_context(&arn))
            .await?;
        let txn = self.begin(&call.ctx).await?;
        let owner_id = self.target_id(&txn, call, &target).await?;
        let policy = self.policy(&txn, call, &arn).await?;
        let removed = policy_attachment::Entity::delete_by_id((policy.policy_id, target.kind().to_owned(), owner_id))
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        if removed.rows_affected == 0 {
            return Err(IamError::NoSuchEntity(format!(
                "policy `{arn}` is not attached to {}",
                target.describe()
            )));
        }
        self.audit(&txn, call, action, &resource);
        txn.commit().await.map_err(|e| call.internal(e))?;
        self.access_changed(AccessChange::Everyone);
        Ok(())
    }

    async fn list_attached(
        &self,
        call: &Call,
        target: Target,
        action: &str,
        prefix: PathPrefix,
        page: PageRequest,
    ) -> Result<Page<AttachedPolicy>, IamError> {
        let resource = self.target_arn(call, &target).await?;
        self.authorize(call, action, &resource).await?;
        let window = Window::parse(&self.keys, &page)?;
        let owner_id = self.target_id(&self.db, call, &target).await?;
        let attached = Query::select()
            .column(policy_attachment::Column::PolicyId)
            .from(policy_attachment::Entity)
            .and_where(policy_attachment::Column::OwnerKind.eq(target.kind()))
            .and_where(policy_attachment::Column::OwnerId.eq(owner_id))
            .to_owned();
        let query = managed_policy::Entity::find()
            .filter(managed_policy::Column::AccountId.eq(call.account_id()))
            .filter(managed_policy::Column::PolicyId.in_subquery(attached))
            .filter(path_starts_with(managed_policy::Column::Path, prefix.as_str()));
        let rows = window
            .apply(query, managed_policy::Column::Path, managed_policy::Column::Name)
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        let account_id = call.account_id().to_owned();
        Ok(window.page(
            &self.keys,
            rows,
            |p| (p.path.clone(), p.name.clone()),
            |p| AttachedPolicy {
                policy_arn: ids::policy_arn(&account_id, &p.path, &p.name),
                policy_name: p.name,
            },
        ))
    }

    /// `ListEntitiesForPolicy`: the users (by path, name) then the groups (by path, name) the policy is attached to,
    /// paged as one sequence. The marker records which of the two the last row was. There are no roles here.
    pub async fn list_entities_for_policy(
        &self,
        call: &Call,
        arn: PolicyArn,
        filter: Option<EntityFilter>,
        prefix: PathPrefix,
        page: PageRequest,
    ) -> Result<EntitiesForPolicy, IamError> {
        self.authorize(call, "iam:ListEntitiesForPolicy", &arn.to_string())
            .await?;
        let window = Window::parse(&self.keys, &page)?;
        let policy = self.policy(&self.db, call, &arn).await?;
        let bad_marker = || IamError::ValidationError("the marker is not one this server issued".into());
        // Where the previous page stopped: (entity kind, path, name).
        let after = match &window.after {
            None => None,
            Some((position, name)) => {
                let (kind, path) = position.split_once(':').ok_or_else(bad_marker)?;
                if kind != ENTITY_USER && kind != ENTITY_GROUP {
                    return Err(bad_marker());
                }
                Some((kind, path, name.as_str()))
            }
        };
        let want_users = matches!(filter, None | Some(EntityFilter::User));
        let want_groups = matches!(filter, None | Some(EntityFilter::Group));
        let attached_as = |kind: &str| {
            Query::select()
                .column(policy_attachment::Column::OwnerId)
                .from(policy_attachment::Entity)
                .and_where(policy_attachment::Column::PolicyId.eq(policy.policy_id.clone()))
                .and_where(policy_attachment::Column::OwnerKind.eq(kind))
                .to_owned()
        };

        let mut rows: Vec<Entity> = Vec::new();
        let users_done = matches!(after, Some((ENTITY_GROUP, _, _)));
        if want_users && !users_done {
            let mut query = iam_user::Entity::find()
                .filter(iam_user::Column::UserId.in_subquery(attached_as(OWNER_USER)))
                .filter(path_starts_with(iam_user::Column::Path, prefix.as_str()));
            if let Some((_, path, name)) = after {
                query = query.filter(after_pair(iam_user::Column::Path, iam_user::Column::Name, (path, name)));
            }
            let users = query
                .order_by_asc(iam_user::Column::Path)
                .order_by_asc(iam_user::Column::Name)
                .limit(window.fetch())
                .all(&self.db)
                .await
                .map_err(|e| call.internal(e))?;
            rows.extend(users.into_iter().map(Entity::User));
        }
        let room = window.fetch().saturating_sub(rows.len() as u64);
        if want_groups && room > 0 {
            let mut query = iam_group::Entity::find()
                .filter(iam_group::Column::GroupId.in_subquery(attached_as(OWNER_GROUP)))
                .filter(path_starts_with(iam_group::Column::Path, prefix.as_str()));
            if let Some((ENTITY_GROUP, path, name)) = after {
                query = query.filter(after_pair(iam_group::Column::Path, iam_group::Column::Name, (path, name)));
            }
            let groups = query
                .order_by_asc(iam_group::Column::Path)
                .order_by_asc(iam_group::Column::Name)
                .limit(room)
                .all(&self.db)
                .await
                .map_err(|e| call.internal(e))?;
            rows.extend(groups.into_iter().map(Entity::Group));
        }

        let page = window.page(
            &self.keys,
            rows,
            |e| match e {
                Entity::User(u) => (format!("{ENTITY_USER}:{}", u.path), u.name.clone()),
                Entity::Group(g) => (format!("{ENTITY_GROUP}:{}", g.path), g.name.clone()),
            },
            |e| e,
        );
        let mut result = EntitiesForPolicy {
            policy_users: Vec::new(),
            policy_groups: Vec::new(),
            is_truncated: page.is_truncated,
            marker: page.marker,
        };
        for entity in page.items {
            match entity {
                Entity::User(u) => result.policy_users.push(PolicyUser {
                    user_name: u.name,
                    user_id: u.user_id,
                }),
                Entity::Group(g) => result.policy_groups.push(PolicyGroup {
                    group_name: g.name,
                    group_id: g.group_id,
                }),
            }
        }
        Ok(result)
    }
}


/// AWS's `iam:PolicyARN` condition key for the attach and detach actions.
fn policy_arn_context(arn: &PolicyArn) -> Context {
    let mut context = Context::new();
    context.insert("iam:PolicyARN", arn.to_string());
    context
}
