//! Finding entities by name within the caller's account, with AWS's `NoSuchEntity` when absent.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::caller::Call;
use super::IamService;
use crate::backend::entities::{iam_group, iam_user};
use crate::model::{GroupName, IamError, UserName};

pub fn no_such_user(name: &str) -> IamError {
    IamError::NoSuchEntity(format!("the user with name `{name}` cannot be found"))
}

pub fn no_such_group(name: &str) -> IamError {
    IamError::NoSuchEntity(format!("the group with name `{name}` cannot be found"))
}

impl IamService {
    pub(crate) async fn find_user(
        &self,
        conn: &impl ConnectionTrait,
        call: &Call,
        name: &UserName,
    ) -> Result<Option<iam_user::Model>, IamError> {
        iam_user::Entity::find()
            .filter(iam_user::Column::AccountId.eq(call.account_id()))
            .filter(iam_user::Column::NameLower.eq(name.folded()))
            .one(conn)
            .await
            .map_err(|e| call.internal(e))
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

    /// The ARN of a user that may not exist yet: authorization happens before existence checks, as in AWS, so a
    /// refused caller learns nothing about which names exist.
    pub(crate) fn user_arn_for(&self, call: &Call, path: &str, name: &str) -> String {
        super::ids::user_arn(call.account_id(), path, name)
    }

    /// The path of an existing user, or `/` when absent (only for building the ARN to authorize against).
    pub(crate) async fn user_path_or_root(&self, call: &Call, name: &UserName) -> Result<String, IamError> {
        Ok(self.find_user(&self.db, call, name).await?.map(|u| u.path).unwrap_or_else(|| "/".into()))
    }

    pub(crate) async fn group_path_or_root(&self, call: &Call, name: &GroupName) -> Result<String, IamError> {
        Ok(self.find_group(&self.db, call, name).await?.map(|g| g.path).unwrap_or_else(|| "/".into()))
    }
}
