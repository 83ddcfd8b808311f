//! Inline policies embedded in a user or a group: put (create or replace), get, list names, delete. Users and groups
//! share one table and one implementation; the `Owner` says whose policy it is and which IAM actions apply.

use iam_policy::PolicyKind;
use sea_orm::sea_query::{Expr, InsertStatement, OnConflict, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::caller::Call;
use super::lookup::{moved_meanwhile, no_such_group, no_such_user, path_of_user, AUTHORIZATION_ATTEMPTS};
use super::{documents, ids, is_unique_violation, AccessChange, IamService, WriteTxn};
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

    fn access_change(&self) -> AccessChange {
        access_change(self.kind, self.id.clone())
    }
}

/// A user's policy reaches that user alone; a group's reaches every member.
fn access_change(owner_kind: &str, owner_id: String) -> AccessChange {
    if owner_kind == OWNER_USER {
        AccessChange::User(owner_id)
    } else {
        AccessChange::Everyone
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

    fn kind(&self) -> &'static str {
        match self {
            Owner::User(_) => OWNER_USER,
            Owner::Group(_) => OWNER_GROUP,
        }
    }

    fn arn(&self, call: &Call, path: &str) -> String {
        match self {
            Owner::User(name) => ids::user_arn(call.account_id(), path, name.as_str()),
            Owner::Group(name) => ids::group_arn(call.account_id(), path, name.as_str()),
        }
    }

    fn not_found(&self) -> IamError {
        match self {
            Owner::User(name) => no_such_user(name.as_str()),
            Owner::Group(name) => no_such_group(name.as_str()),
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

/// What storing a policy returns: the owner's id and, for a user, where it is (`lookup::path_of_user`).
struct Stored {
    owner_id: String,
    user_path: Option<String>,
}

impl Stored {
    fn returning(owner: &Owner) -> Vec<Expr> {
        let owner_id = Expr::col((inline_policy::Entity, inline_policy::Column::OwnerId));
        match owner {
            Owner::User(_) => vec![owner_id.clone(), path_of_user(owner_id)],
            Owner::Group(_) => vec![owner_id],
        }
    }

    fn read(row: &sea_orm::QueryResult, owner: &Owner) -> Result<Self, sea_orm::DbErr> {
        let user_path = match owner {
            Owner::User(_) => Some(row.try_get_by_index::<String>(1)?),
            Owner::Group(_) => None,
        };
        Ok(Stored { owner_id: row.try_get_by_index::<String>(0)?, user_path })
    }
}

impl IamService {
    async fn owner_arn(&self, call: &Call, owner: &Owner) -> Result<String, IamError> {
        let path = self.owner_path(call, owner).await?;
        Ok(owner.arn(call, &path))
    }

    async fn owner_path(&self, call: &Call, owner: &Owner) -> Result<String, IamError> {
        match owner {
            Owner::User(name) => self.user_path_or_root(call, name).await,
            Owner::Group(name) => self.group_path_or_root(call, name).await,
        }
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

    /// Authorized against the path read (or cached) before the write; the write returns the path it found the user at,
    /// and a user moved in between is authorized again (at most [`AUTHORIZATION_ATTEMPTS`] times).
    async fn store_inline_policy(
        &self,
        call: &Call,
        owner: Owner,
        policy: PolicyName,
        document: String,
        existing: Existing,
    ) -> Result<(), IamError> {
        for _ in 0..AUTHORIZATION_ATTEMPTS {
            let path = self.owner_path(call, &owner).await?;
            let arn = owner.arn(call, &path);
            self.authorize(call, owner.actions().put, &arn).await?;
            documents::check(&document, owner.policy_kind())?;
            let paths_mark = self.user_paths_mark();
            let txn = self.begin(&call.ctx).await?;
            let stored = self.write_inline_policy(&txn, call, &owner, &policy, document.clone(), existing).await?;
            // A user moved since its path was read: undone, and authorized again at the path it has now.
            let user_at_path = match (&owner, &stored.user_path) {
                (Owner::User(name), Some(written)) => {
                    if !self.written_where_authorized(call, name, &path, written) {
                        txn.rollback().await.map_err(|e| call.internal(e))?;
                        continue;
                    }
                    Some(name)
                }
                _ => None,
            };
            self.audit(&txn, call, owner.actions().put, &arn);
            txn.commit().await.map_err(|e| call.internal(e))?;
            self.access_changed(access_change(owner.kind(), stored.owner_id));
            if let Some(name) = user_at_path {
                self.user_path_confirmed(paths_mark, call, name, &path);
            }
            return Ok(());
        }
        Err(moved_meanwhile(owner.name()))
    }

    async fn write_inline_policy(
        &self,
        txn: &WriteTxn,
        call: &Call,
        owner: &Owner,
        policy: &PolicyName,
        document: String,
        existing: Existing,
    ) -> Result<Stored, IamError> {
        let insert = self.insert_from_owner(call, owner, policy, document, existing)?;
        let stored = match txn.query_one(&insert).await {
            Ok(Some(row)) => Stored::read(&row, owner),
            Ok(None) => return Err(owner.not_found()),
            Err(e) => Err(e),
        };
        stored.map_err(|e| {
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
        })
    }

    /// Stores the policy from the owner's row in one statement (`INSERT … SELECT … FROM` the owner) that finds the
    /// owner, locks its row until the transaction ends and inserts: one hand-off to SQLite's thread inside the write
    /// lock instead of two (a locking read, then the insert). The lock is the one the owner's deletion takes too
    /// (`FOR UPDATE` on a user; `FOR SHARE` on a group, so that additions to it need not wait for each other): on
    /// PostgreSQL a deletion either waits for this policy and is then refused, or commits first, and then this finds
    /// no owner, inserts nothing and returns no row. A replacement keeps the name as first written (AWS does too) and
    /// takes the new document; the unique index on (owner, folded name) decides, under concurrency too. It returns
    /// the owner's id and, for a user, where the user is ([`Stored`]).
    fn insert_from_owner(
        &self,
        call: &Call,
        owner: &Owner,
        policy: &PolicyName,
        document: String,
        existing: Existing,
    ) -> Result<InsertStatement, IamError> {
        let mut source = match owner {
            Owner::User(name) => Query::select()
                .column(iam_user::Column::UserId)
                .from(iam_user::Entity)
                .and_where(iam_user::Column::AccountId.eq(call.account_id()))
                .and_where(iam_user::Column::NameLower.eq(name.folded()))
                .lock_exclusive()
                .to_owned(),
            Owner::Group(name) => Query::select()
                .column(iam_group::Column::GroupId)
                .from(iam_group::Entity)
                .and_where(iam_group::Column::AccountId.eq(call.account_id()))
                .and_where(iam_group::Column::NameLower.eq(name.folded()))
                .lock_shared()
                .to_owned(),
        };
        source
            .expr(Expr::val(owner.kind()))
            .expr(Expr::val(call.account_id()))
            .expr(Expr::val(policy.as_str()))
            .expr(Expr::val(policy.folded()))
            .expr(Expr::val(document))
            .expr(Expr::val(self.clock.now()));
        use inline_policy::Column;
        let mut insert = Query::insert();
        insert
            .into_table(inline_policy::Entity)
            .columns([
                Column::OwnerId,
                Column::OwnerKind,
                Column::AccountId,
                Column::Name,
                Column::NameLower,
                Column::Document,
                Column::UpdatedAt,
            ])
            .select_from(source)
            .map_err(|e| call.internal(e))? // only if the source selected a value too many or too few
            .returning(Query::returning().exprs(Stored::returning(owner)));
        if let Existing::Replace = existing {
            insert.on_conflict(
                OnConflict::columns([Column::OwnerKind, Column::OwnerId, Column::NameLower])
                    .update_columns([Column::Document, Column::UpdatedAt])
                    .to_owned(),
            );
        }
        Ok(insert)
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
