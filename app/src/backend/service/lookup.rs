//! Finding entities by name within the caller's account, with AWS's `NoSuchEntity` when absent.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Select};

use super::caller::Call;
use super::{IamService, WriteTxn};
use crate::backend::entities::{iam_group, iam_user};
use crate::model::{GroupName, IamError, UserName};

pub fn no_such_user(name: &str) -> IamError {
    IamError::NoSuchEntity(format!("the user with name `{name}` cannot be found"))
}

pub fn no_such_group(name: &str) -> IamError {
    IamError::NoSuchEntity(format!("the group with name `{name}` cannot be found"))
}

/// The user of that name in the caller's account (names are unique case-insensitively).
pub(crate) fn user_named(call: &Call, name: &UserName) -> Select<iam_user::Entity> {
    iam_user::Entity::find()
        .filter(iam_user::Column::AccountId.eq(call.account_id()))
        .filter(iam_user::Column::NameLower.eq(name.folded()))
}

impl IamService {
    pub(crate) async fn find_user(
        &self,
        conn: &impl ConnectionTrait,
        call: &Call,
        name: &UserName,
    ) -> Result<Option<iam_user::Model>, IamError> {
        user_named(call, name).one(conn).await.map_err(|e| call.internal(e))
    }

    pub(crate) async fn user(
        &self,
        conn: &impl ConnectionTrait,
        call: &Call,
        name: &UserName,
    ) -> Result<iam_user::Model, IamError> {
        self.find_user(conn, call, name).await?.ok_or_else(|| no_such_user(name.as_str()))
    }

    pub(crate) async fn find_group(
        &self,
        conn: &impl ConnectionTrait,
        call: &Call,
        name: &GroupName,
    ) -> Result<Option<iam_group::Model>, IamError> {
        iam_group::Entity::find()
            .filter(iam_group::Column::AccountId.eq(call.account_id()))
            .filter(iam_group::Column::NameLower.eq(name.folded()))
            .one(conn)
            .await
            .map_err(|e| call.internal(e))
    }

    pub(crate) async fn group(
        &self,
        conn: &impl ConnectionTrait,
        call: &Call,
        name: &GroupName,
    ) -> Result<iam_group::Model, IamError> {
        self.find_group(conn, call, name).await?.ok_or_else(|| no_such_group(name.as_str()))
    }

    /// The user, its row locked until the transaction ends (`SELECT … FOR UPDATE`). For every change that checks
    /// something about the user and then writes: a limit (10 groups, 50 tags), or that nothing hangs off it before
    /// deleting it. PostgreSQL runs such transactions concurrently at READ COMMITTED, where two of them would each
    /// count 9 groups and each add a 10th, or a deletion would count no keys while a key is being added (an orphan
    /// key, a 500 from a foreign key); on the lock they queue, and each reads what the one before committed (a
    /// user deleted meanwhile reads as absent: `NoSuchEntity`). SQLite has no row locks (the clause is not written)
    /// and needs none: its write transactions run one at a time (`BEGIN IMMEDIATE` on the one writing connection).
    pub(crate) async fn lock_user(
        &self,
        txn: &WriteTxn,
        call: &Call,
        name: &UserName,
    ) -> Result<iam_user::Model, IamError> {
        user_named(call, name)
            .lock_exclusive()
            .one(txn)
            .await
            .map_err(|e| call.internal(e))?
            .ok_or_else(|| no_such_user(name.as_str()))
    }

    /// The group, its row locked until the transaction ends: `exclusive` (`FOR UPDATE`) to delete it, shared
    /// (`FOR SHARE`) to add a member or a policy to it, so a deletion never counts "empty" while one is being added
    /// (see [`Self::lock_user`]), while additions to the same group do not wait for each other.
    pub(crate) async fn lock_group(
        &self,
        txn: &WriteTxn,
        call: &Call,
        name: &GroupName,
        exclusive: bool,
    ) -> Result<iam_group::Model, IamError> {
        let query = iam_group::Entity::find()
            .filter(iam_group::Column::AccountId.eq(call.account_id()))
            .filter(iam_group::Column::NameLower.eq(name.folded()));
        let query = if exclusive { query.lock_exclusive() } else { query.lock_shared() };
        query.one(txn).await.map_err(|e| call.internal(e))?.ok_or_else(|| no_such_group(name.as_str()))
    }

    /// The ARN of a user that may not exist yet: authorization happens before existence checks, as in AWS, so a
    /// refused caller learns nothing about which names exist.
    pub(crate) fn user_arn_for(&self, call: &Call, path: &str, name: &str) -> String {
        super::ids::user_arn(call.account_id(), path, name)
    }

    /// The path of an existing user, or `/` when absent: only for building the ARN to authorize against, as it may
    /// come from memory ([`super::user_paths`]).
    pub(crate) async fn user_path_or_root(&self, call: &Call, name: &UserName) -> Result<String, IamError> {
        let now_ms = self.now_ms();
        if let Some(path) = self.user_paths.path(call.account_id(), &name.folded(), now_ms) {
            return Ok(path);
        }
        let epoch = self.user_paths.epoch();
        let Some(user) = self.find_user(&self.db, call, name).await? else { return Ok("/".into()) };
        self.user_paths.store(epoch, call.account_id(), &user.name_lower, now_ms, &user.path);
        Ok(user.path)
    }

    pub(crate) async fn group_path_or_root(&self, call: &Call, name: &GroupName) -> Result<String, IamError> {
        Ok(self.find_group(&self.db, call, name).await?.map(|g| g.path).unwrap_or_else(|| "/".into()))
    }
}
