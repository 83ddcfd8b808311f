//! The console's path trees: the distinct paths of an account's users (or groups) under a prefix, with a count per
//! path. One grouped scan of the (account, path, name) index; no IAM action of its own, so it is authorized exactly
//! like `ListUsers` (`ListGroups`) over the same prefix (a caller who may list them under a prefix may count them).

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::path_prefix::path_starts_with;
use super::caller::Call;
use super::ids::listing_resource;
use super::IamService;
use crate::backend::entities::{iam_group, iam_user};
use crate::model::paths::{PathCount, UserPaths};
use crate::model::{IamError, PathPrefix};

/// The most paths returned at once: a tree wider than this is not readable anyway, and the table still pages.
pub const MAX_PATHS: u64 = 1000;

impl IamService {
    /// The distinct paths of the account's users starting with `prefix`, ordered by path, each with its number of
    /// users. Authorized as `iam:ListUsers` on `…:user<prefix>*`.
    pub async fn list_user_paths(&self, call: &Call, prefix: PathPrefix) -> Result<UserPaths, IamError> {
        self.authorize(call, "iam:ListUsers", &listing_resource(call.account_id(), "user", prefix.as_str())).await?;
        let rows = self.user_path_rows(call.account_id(), prefix.as_str()).await.map_err(|e| call.internal(e))?;
        Ok(path_counts(&prefix, rows))
    }

    /// Users per full path under `prefix`, ordered by path, at most `MAX_PATHS + 1` rows (one more means there were
    /// more). Not authorized: for callers that did (the tree above, the dashboard).
    pub(super) async fn user_path_rows(&self, account_id: &str, prefix: &str) -> Result<Vec<(String, i64)>, DbErr> {
        iam_user::Entity::find()
            .select_only()
            .column(iam_user::Column::Path)
            .column_as(Expr::col(iam_user::Column::UserId).count(), "users")
            .filter(iam_user::Column::AccountId.eq(account_id))
            .filter(path_starts_with(iam_user::Column::Path, prefix))
            .group_by(iam_user::Column::Path)
            .order_by_asc(iam_user::Column::Path)
            .limit(MAX_PATHS + 1)
            .into_tuple()
            .all(&self.db)
            .await
    }

    /// The distinct paths of the account's groups starting with `prefix`, ordered by path, each with its number of
    /// groups. Authorized as `iam:ListGroups` on `…:group<prefix>*`.
    pub async fn list_group_paths(&self, call: &Call, prefix: PathPrefix) -> Result<UserPaths, IamError> {
        self.authorize(call, "iam:ListGroups", &listing_resource(call.account_id(), "group", prefix.as_str())).await?;
        let rows: Vec<(String, i64)> = iam_group::Entity::find()
            .select_only()
            .column(iam_group::Column::Path)
            .column_as(Expr::col(iam_group::Column::GroupId).count(), "groups")
            .filter(iam_group::Column::AccountId.eq(call.account_id()))
            .filter(path_starts_with(iam_group::Column::Path, prefix.as_str()))
            .group_by(iam_group::Column::Path)
            .order_by_asc(iam_group::Column::Path)
            .limit(MAX_PATHS + 1)
            .into_tuple()
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        Ok(path_counts(&prefix, rows))
    }
}

/// The answer from the grouped rows (at most `MAX_PATHS + 1`; one more than that means there were more).
fn path_counts(prefix: &PathPrefix, mut rows: Vec<(String, i64)>) -> UserPaths {
    let truncated = rows.len() as u64 > MAX_PATHS;
    rows.truncate(MAX_PATHS as usize);
    UserPaths {
        prefix: prefix.as_str().to_owned(),
        paths: rows
            .into_iter()
            .map(|(path, users)| PathCount { path, users: u64::try_from(users).unwrap_or(0) })
            .collect(),
        truncated,
    }
}
