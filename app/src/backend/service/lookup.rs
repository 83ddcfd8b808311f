//! Finding entities by name within the caller's account, with AWS's `NoSuchEntity` when absent.

use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, Select};

use super::caller::Call;
use super::user_paths::Mark;
use super::{IamService, WriteTxn};
use crate::backend::entities::{iam_group, iam_user};
use crate::model::{GroupName, IamError, UserName};

pub fn no_such_user(name: &str) -> IamError {
    IamError::NoSuchEntity(format!("the user with name `{name}` cannot be found"))
}

pub fn no_such_group(name: &str) -> IamError {
    IamError::NoSuchEntity(format!("the group with name `{name}` cannot be found"))
}

/// How often an action on a user is authorized again when the user moved between the read of its path and the write.
pub(crate) const AUTHORIZATION_ATTEMPTS: usize = 3;

/// A user moved or renamed under every attempt at authorizing an action on it.
pub fn moved_meanwhile(name: &str) -> IamError {
    IamError::ConcurrentModification(format!("user `{name}` was moved or renamed while this request ran; try again"))
}

/// `(SELECT path FROM iam_user WHERE user_id = <user_id>)`, for a write's `RETURNING`: where the user it wrote for is,
/// as it wrote, to hold against the path the action was authorized against ([`IamService::written_where_authorized`]).
pub(crate) fn path_of_user(user_id: Expr) -> Expr {
    let path = Query::select()
        .column((iam_user::Entity, iam_user::Column::Path))
        .from(iam_user::Entity)
        .and_where(Expr::col((iam_user::Entity, iam_user::Column::UserId)).eq(user_id))
        .to_owned();
    Expr::SubQuery(None, Box::new(path.into()))
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
        if let Some(path) = self.user_paths.path(call.account_id(), &name.folded(), self.now_ms()) {
            return Ok(path);
        }
        let mark = self.user_paths_mark();
        let Some(user) = self.find_user(&self.db, call, name).await? else { return Ok("/".into()) };
        self.user_paths.store(mark, call.account_id(), &user.name_lower, &user.path);
        Ok(user.path)
    }

    /// Whether a write for the user named `name`, which found it at `written` (see [`path_of_user`]), is on the ARN
    /// the action was authorized against, built with `authorized`. Not if the user was moved or renamed since that
    /// path was read or cached: the path is then forgotten, and the caller undoes the write and authorizes again.
    pub(crate) fn written_where_authorized(
        &self,
        call: &Call,
        name: &UserName,
        authorized: &str,
        written: &str,
    ) -> bool {
        let same = authorized == written;
        if !same {
            self.user_paths.forget(call.account_id(), &name.folded());
        }
        same
    }

    /// After the commit of a write that found the user at `path` (`mark` taken before it): the path is known for
    /// another lifetime, so the next action on the user (its key, after its policy) need not read it.
    pub(crate) fn user_path_confirmed(&self, mark: Mark, call: &Call, name: &UserName, path: &str) {
        self.user_paths.store(mark, call.account_id(), &name.folded(), path);
    }

    /// Taken before a read or write that finds a user's path, for [`Self::user_path_confirmed`].
    pub(crate) fn user_paths_mark(&self) -> Mark {
        self.user_paths.mark(self.now_ms())
    }

    pub(crate) async fn group_path_or_root(&self, call: &Call, name: &GroupName) -> Result<String, IamError> {
        Ok(self.find_group(&self.db, call, name).await?.map(|g| g.path).unwrap_or_else(|| "/".into()))
    }
}
