//! Inline policies embedded in a user or a group: put (create or replace), get, list names, delete. Users and groups
//! share one table and one implementation; the `Owner` says whose policy it is and which IAM actions apply.

use iam_policy::PolicyKind;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

use super::caller::Call;
use super::{documents, ids, is_unique_violation, AccessChange, IamService};
use crate::backend::entities::{iam_group, iam_user, inline_policy, OWNER_GROUP, OWNER_USER};
use crate::model::{GroupName, IamError, InlinePolicyView, PolicyName, UserName};

/// Whose inline policy.
#[derive(Clone, Debug)]
pub enum Owner {
    User(UserName),
    Group(GroupName),
}

/// What storing a policy does when the owner already has one of that name.
#[derive(Clone, Copy)]
enum Existing {
    Replace,
    Refuse,
}

/// The IAM actions for one kind of owner.
struct Actions {
    put: &'static str,
    get: &'static str,
    list: &'static str,
    delete: &'static str,
}

const USER_ACTIONS: Actions = Actions {
    put: "iam:PutUserPolicy",
    get: "iam:GetUserPolicy",
    list: "iam:ListUserPolicies",
    delete: "iam:DeleteUserPolicy",
};

const GROUP_ACTIONS: Actions = Actions {
    put: "iam:PutGroupPolicy",
    get: "iam:GetGroupPolicy",
    list: "iam:ListGroupPolicies",
    delete: "iam:DeleteGroupPolicy",
};

/// An owner resolved to its row: kind, unique id, name and ARN.
struct Resolved {
    kind: &'static str,
    id: String,
    name: String,
}

impl Resolved {
    fn user(user: iam_user::Model) -> Self {
        Resolved { kind: OWNER_USER, id: user.user_id, name: user.name }
    }

    fn group(group: iam_group::Model) -> Self {
        Resolved { kind: OWNER_GROUP, id: group.group_id, name: group.name }
    }

    /// A user's policy reaches that user alone; a group's reaches every member.
    fn access_change(&self) -> AccessChange {
        if self.kind == OWNER_USER {
            AccessChange::User(self.id.clone())
        } else {
            AccessChange::Everyone
        }
    }
}

impl Owner {
    fn actions(&self) -> &'static Actions {
        match self {
            Owner::User(_) => &USER_ACTIONS,
            Owner::Group(_) => &GROUP_ACTIONS,
        }
    }

    fn policy_kind(&self) -> PolicyKind {
        match self {
            Owner::User(_) => PolicyKind::UserInline,
            Owner::Group(_) => PolicyKind::GroupInline,
        }
    }

    fn name(&self) -> &str {
        match self {
            Owner::User(n) => n.as_str(),
            Owner::Group(n) => n.as_str(),
        }
    }

    fn noun(&self) -> &'static str {
        match self {
            Owner::User(_) => "user",
            Owner::Group(_) => "group",
        }
    }
}

fn no_such_policy(owner: &Owner, policy: &str) -> IamError {
    IamError::NoSuchEntity(format!(
        "the {} policy with name `{policy}` cannot be found on `{}`",
        owner.noun(),
        owner.name()
    ))
}

impl IamService {
    async fn owner_arn(&self, call: &Call, owner: &Owner) -> Result<String, IamError> {
        Ok(match owner {
            Owner::User(name) => {
                let path = self.user_path_or_root(call, name).await?;
                ids::user_arn(call.account_id(), &path, name.as_str())
            }
            Owner::Group(name) => {
                let path = self.group_path_or_root(call, name).await?;
                ids::group_arn(call.account_id(), &path, name.as_str())
            }
        })
    }

    async fn resolve_owner(
        &self,
        conn: &impl sea_orm::ConnectionTrait,
        call: &Call,
        owner: &Owner,
    ) -> Result<Resolved, IamError> {
        Ok(match owner {
            Owner::User(name) => Resolved::user(self.user(conn, call, name).await?),
            Owner::Group(name) => Resolved::group(self.group(conn, call, name).await?),
        })
    }

    /// `PutUserPolicy` / `PutGroupPolicy`: creates or replaces; the document is stored exactly as submitted.
    pub async fn put_inline_policy(
        &self,
        call: &Call,
        owner: Owner,
        policy: PolicyName,
        document: String,
    ) -> Result<(), IamError> {
        self.store_inline_policy(call, owner, policy, document, Existing::Replace).await
    }

    /// The console's "new inline policy": as `Put…Policy`, but a policy of that name already on the owner is
    /// `EntityAlreadyExists` instead of being silently replaced by someone who did not know it was there.
    pub async fn create_inline_policy(
        &self,
        call: &Call,
        owner: Owner,
        policy: PolicyName,
        document: String,
    ) -> Result<(), IamError> {
        self.store_inline_policy(call, owner, policy, document, Existing::Refuse).await
    }

    async fn store_inline_policy(
        &self,
        call: &Call,
        owner: Owner,
        policy: PolicyName,
        document: String,
        existing: Existing,
    ) -> Result<(), IamError> {
        let arn = self.owner_arn(call, &owner).await?;
        self.authorize(call, owner.actions().put, &arn).await?;
        documents::check(&document, owner.policy_kind())?;
        let txn = self.begin(&call.ctx).await?;
        // The owner's row locked, so a concurrent deletion of the owner cannot leave this policy behind.
        let resolved = match &owner {
            Owner::User(name) => Resolved::user(self.lock_user(&txn, call, name).await?),
            Owner::Group(name) => Resolved::group(self.lock_group(&txn, call, name, false).await?),
        };
        let resolved_change = resolved.access_change();
        // One statement whether it creates or replaces: the unique index on (owner, folded name) decides. A
        // replacement keeps the name as first written (AWS does too) and takes the new document.
        let row = inline_policy::ActiveModel {
            id: sea_orm::NotSet,
            account_id: Set(call.account_id().to_owned()),
            owner_kind: Set(resolved.kind.to_owned()),
            owner_id: Set(resolved.id),
            name: Set(policy.as_str().to_owned()),
            name_lower: Set(policy.folded()),
            document: Set(document),
            updated_at: Set(self.clock.now()),
        };
        let upsert = OnConflict::columns([
            inline_policy::Column::OwnerKind,
            inline_policy::Column::OwnerId,
            inline_policy::Column::NameLower,
        ])
        .update_columns([inline_policy::Column::Document, inline_policy::Column::UpdatedAt])
        .to_owned();
        let insert = inline_policy::Entity::insert(row);
        let inserted = match existing {
            Existing::Replace => insert.on_conflict(upsert).exec_without_returning(&txn).await,
            Existing::Refuse => insert.exec_without_returning(&txn).await,
        };
        inserted.map_err(|e| {
            if is_unique_violation(&e) {
                IamError::EntityAlreadyExists(format!(
                    "{} `{}` already has an inline policy named `{}`",
                    owner.noun(),
                    owner.name(),
                    policy.as_str()
                ))
            } else {
                call.internal(e)
            }
        })?;
        self.audit(&txn, call, owner.actions().put, &arn);
        txn.commit().await.map_err(|e| call.internal(e))?;
        self.access_changed(resolved_change);
        Ok(())
    }

    pub async fn get_inline_policy(
        &self,
        call: &Call,
        owner: Owner,
        policy: PolicyName,
    ) -> Result<InlinePolicyView, IamError> {
        let arn = self.owner_arn(call, &owner).await?;
        self.authorize(call, owner.actions().get, &arn).await?;
        let resolved = self.resolve_owner(&self.db, call, &owner).await?;
        let row = inline_policy::Entity::find()
            .filter(inline_policy::Column::OwnerKind.eq(resolved.kind))
            .filter(inline_policy::Column::OwnerId.eq(&resolved.id))
            .filter(inline_policy::Column::NameLower.eq(policy.folded()))
            .one(&self.db)
            .await
            .map_err(|e| call.internal(e))?
            .ok_or_else(|| no_such_policy(&owner, policy.as_str()))?;
        Ok(InlinePolicyView { owner_name: resolved.name, policy_name: row.name, policy_document: row.document })
    }

    /// `ListUserPolicies` / `ListGroupPolicies`: the names, in order. An owner has few enough (size limits bound
    /// them) that one page always holds them all.
    pub async fn list_inline_policies(&self, call: &Call, owner: Owner) -> Result<Vec<String>, IamError> {
        let arn = self.owner_arn(call, &owner).await?;
        self.authorize(call, owner.actions().list, &arn).await?;
        let resolved = self.resolve_owner(&self.db, call, &owner).await?;
        let rows = inline_policy::Entity::find()
            .filter(inline_policy::Column::OwnerKind.eq(resolved.kind))
            .filter(inline_policy::Column::OwnerId.eq(&resolved.id))
            .order_by_asc(inline_policy::Column::Name)
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        Ok(rows.into_iter().map(|r| r.name).collect())
    }

    pub async fn delete_inline_policy(&self, call: &Call, owner: Owner, policy: PolicyName) -> Result<(), IamError> {
        let arn = self.owner_arn(call, &owner).await?;
        self.authorize(call, owner.actions().delete, &arn).await?;
        let txn = self.begin(&call.ctx).await?;
        let resolved = self.resolve_owner(&txn, call, &owner).await?;
        let resolved_change = resolved.access_change();
        let deleted = inline_policy::Entity::delete_many()
            .filter(inline_policy::Column::OwnerKind.eq(resolved.kind))
            .filter(inline_policy::Column::OwnerId.eq(&resolved.id))
            .filter(inline_policy::Column::NameLower.eq(policy.folded()))
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        if deleted.rows_affected == 0 {
            return Err(no_such_policy(&owner, policy.as_str()));
        }
        self.audit(&txn, call, owner.actions().delete, &arn);
        txn.commit().await.map_err(|e| call.internal(e))?;
        self.access_changed(resolved_change);
        Ok(())
    }
}
