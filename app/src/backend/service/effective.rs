//! A user's effective policies: inline user policies, inline policies of each of its groups, and the default versions
//! of managed policies attached to it or to its groups. Authorization, the simulator and the console's permissions
//! tab all read them from here.

use iam_policy::{CompiledPolicy, PolicyKind};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter};

use crate::backend::entities::{
    group_membership, iam_group, inline_policy, managed_policy, policy_attachment, policy_version, OWNER_GROUP,
    OWNER_USER,
};

/// Where a policy reaches the user from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PolicySource {
    UserInline,
    GroupInline { group: String },
    AttachedToUser,
    AttachedToGroup { group: String },
}

#[derive(Clone, Debug)]
pub struct EffectivePolicy {
    /// Stable id used in evaluation results: `user/<policy>`, `group/<group>/<policy>` or the managed policy's ARN.
    pub id: String,
    pub name: String,
    pub source: PolicySource,
    pub document: String,
}

#[derive(Debug, Default)]
pub struct EffectivePolicies {
    pub policies: Vec<EffectivePolicy>,
    pub compiled: Vec<CompiledPolicy>,
}

impl EffectivePolicies {
    pub fn from_policies(policies: Vec<EffectivePolicy>) -> Self {
        let compiled = policies.iter().filter_map(|p| compile(&p.id, &p.document, kind_of(&p.source))).collect();
        Self { policies, compiled }
    }
}

pub(super) fn kind_of(source: &PolicySource) -> PolicyKind {
    match source {
        PolicySource::UserInline => PolicyKind::UserInline,
        PolicySource::GroupInline { .. } => PolicyKind::GroupInline,
        PolicySource::AttachedToUser | PolicySource::AttachedToGroup { .. } => PolicyKind::Managed,
    }
}

/// Stored documents were validated when written; one that no longer parses (e.g. after a stricter validator) grants
/// nothing rather than failing every call of its owner.
pub fn compile(id: &str, document: &str, kind: PolicyKind) -> Option<CompiledPolicy> {
    let validation = iam_policy::validate(document, kind);
    match validation.policy {
        Some(policy) => Some(CompiledPolicy::compile(&policy, id)),
        None => {
            tracing::warn!(policy = id, "stored policy no longer validates; it grants nothing");
            None
        }
    }
}

pub fn managed_policy_arn(account_id: &str, path: &str, name: &str) -> String {
    format!("arn:aws:iam::{account_id}:policy{path}{name}")
}

pub async fn load(
    db: &impl ConnectionTrait,
    account_id: &str,
    user_id: &str,
) -> Result<EffectivePolicies, sea_orm::DbErr> {
    let memberships =
        group_membership::Entity::find().filter(group_membership::Column::UserId.eq(user_id)).all(db).await?;
    let group_ids: Vec<String> = memberships.into_iter().map(|m| m.group_id).collect();
    let groups = if group_ids.is_empty() {
        Vec::new()
    } else {
        iam_group::Entity::find().filter(iam_group::Column::GroupId.is_in(group_ids)).all(db).await?
    };
    load_for(db, account_id, Some(user_id), &groups).await
}

/// A group's own policies (inline and attached), as its members get them: what "who can do this?" asks of a group.
pub async fn load_group(
    db: &impl ConnectionTrait,
    account_id: &str,
    group: &iam_group::Model,
) -> Result<EffectivePolicies, sea_orm::DbErr> {
    load_for(db, account_id, None, std::slice::from_ref(group)).await
}

/// Rows (inline policies, attachments) owned by the user, when there is one, or by one of the groups.
fn owned_by<C: ColumnTrait>(kind: C, owner: C, user_id: Option<&str>, group_ids: &[String]) -> Condition {
    let mut owners = Condition::any().add(kind.eq(OWNER_GROUP).and(owner.is_in(group_ids.iter().cloned())));
    if let Some(user_id) = user_id {
        owners = owners.add(kind.eq(OWNER_USER).and(owner.eq(user_id)));
    }
    owners
}

/// The policies of `user_id` (when given) and of `groups`.
async fn load_for(
    db: &impl ConnectionTrait,
    account_id: &str,
    user_id: Option<&str>,
    groups: &[iam_group::Model],
) -> Result<EffectivePolicies, sea_orm::DbErr> {
    let group_ids: Vec<String> = groups.iter().map(|g| g.group_id.clone()).collect();
    let group_name = |id: &str| groups.iter().find(|g| g.group_id == id).map(|g| g.name.clone()).unwrap_or_default();
    let mut policies = Vec::new();
    let inline = inline_policy::Entity::find()
        .filter(owned_by(inline_policy::Column::OwnerKind, inline_policy::Column::OwnerId, user_id, &group_ids))
        .all(db)
        .await?;
    for row in inline {
        let (id, source) = if row.owner_kind == OWNER_USER {
            (format!("user/{}", row.name), PolicySource::UserInline)
        } else {
            let group = group_name(&row.owner_id);
            (format!("group/{group}/{}", row.name), PolicySource::GroupInline { group })
        };
        policies.push(EffectivePolicy { id, name: row.name, source, document: row.document });
    }

    let attachments = policy_attachment::Entity::find()
        .filter(owned_by(policy_attachment::Column::OwnerKind, policy_attachment::Column::OwnerId, user_id, &group_ids))
        .all(db)
        .await?;
    if !attachments.is_empty() {
        let policy_ids: Vec<String> = attachments.iter().map(|a| a.policy_id.clone()).collect();
        let managed = managed_policy::Entity::find()
            .filter(managed_policy::Column::AccountId.eq(account_id))
            .filter(managed_policy::Column::PolicyId.is_in(policy_ids.clone()))
            .all(db)
            .await?;
        let versions =
            policy_version::Entity::find().filter(policy_version::Column::PolicyId.is_in(policy_ids)).all(db).await?;
        for attachment in &attachments {
            let Some(policy) = managed.iter().find(|p| p.policy_id == attachment.policy_id) else { continue };
            let Some(version) =
                versions.iter().find(|v| v.policy_id == policy.policy_id && v.version_id == policy.default_version)
            else {
                continue;
            };
            let source = if attachment.owner_kind == OWNER_USER {
                PolicySource::AttachedToUser
            } else {
                PolicySource::AttachedToGroup { group: group_name(&attachment.owner_id) }
            };
            policies.push(EffectivePolicy {
                id: managed_policy_arn(account_id, &policy.path, &policy.name),
                name: policy.name.clone(),
                source,
                document: version.document.clone(),
            });
        }
    }
    Ok(EffectivePolicies::from_policies(policies))
}
