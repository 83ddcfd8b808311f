//! Who is calling, as every service method sees it: the account root or an IAM user, through the console or the API,
//! with or without MFA. Built once per request from a console session or a verified access key.

use std::sync::Arc;

use tokio::sync::OnceCell;

use super::effective::EffectivePolicies;
use crate::backend::request::RequestContext;
use crate::model::IamError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Console,
    Api,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Console => "console",
            Channel::Api => "api",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Identity {
    Root,
    User { user_id: String, name: String, path: String },
}

#[derive(Clone, Debug)]
pub struct Caller {
    pub account_id: String,
    pub identity: Identity,
    /// Unix seconds of the MFA proof behind this call (console sign-in with a code); `None` without MFA.
    pub mfa_at: Option<i64>,
    pub channel: Channel,
}

impl Caller {
    pub fn arn(&self) -> String {
        match &self.identity {
            Identity::Root => format!("arn:aws:iam::{}:root", self.account_id),
            Identity::User { name, path, .. } => format!("arn:aws:iam::{}:user{path}{name}", self.account_id),
        }
    }

    pub fn is_root(&self) -> bool {
        self.identity == Identity::Root
    }

    pub fn user_id(&self) -> Option<&str> {
        match &self.identity {
            Identity::Root => None,
            Identity::User { user_id, .. } => Some(user_id),
        }
    }

    pub fn user_name(&self) -> Option<&str> {
        match &self.identity {
            Identity::Root => None,
            Identity::User { name, .. } => Some(name),
        }
    }
}

impl super::IamService {
    /// The caller for an IAM user of `account_id` (a console session or a verified access key). A user deleted since
    /// signing in is no caller at all.
    pub async fn user_caller(
        &self,
        ctx: &RequestContext,
        account_id: &str,
        user_name: &str,
        channel: Channel,
        mfa_at: Option<i64>,
    ) -> Result<Caller, IamError> {
        use crate::backend::entities::iam_user;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        let user = iam_user::Entity::find()
            .filter(iam_user::Column::AccountId.eq(account_id))
            .filter(iam_user::Column::NameLower.eq(user_name.to_lowercase()))
            .one(&self.db)
            .await
            .map_err(|e| ctx.internal(e))?
            .ok_or_else(|| IamError::NotSignedIn(format!("user `{user_name}` no longer exists; sign in again")))?;
        Ok(Caller {
            account_id: account_id.to_owned(),
            identity: Identity::User { user_id: user.user_id, name: user.name, path: user.path },
            mfa_at,
            channel,
        })
    }
}

/// One service call: the request's facts, the caller, and (loaded at most once per call) the caller's policies.
#[derive(Debug)]
pub struct Call {
    pub ctx: RequestContext,
    pub caller: Caller,
    pub(super) policies: OnceCell<Arc<EffectivePolicies>>,
    /// The console session this call comes from (its id), which survives the "sign out everywhere" its own change
    /// may cause (`console_sessions.rs`); `None` for the Query API.
    pub(super) console_session: Option<String>,
}

impl Call {
    pub fn new(ctx: RequestContext, caller: Caller) -> Self {
        Self { ctx, caller, policies: OnceCell::new(), console_session: None }
    }

    /// The call, made from the console session with id `session_id`.
    pub fn in_console_session(mut self, session_id: Option<String>) -> Self {
        self.console_session = session_id;
        self
    }

    pub fn account_id(&self) -> &str {
        &self.caller.account_id
    }

    /// See [`RequestContext::internal`].
    pub fn internal(&self, err: impl std::fmt::Display) -> IamError {
        self.ctx.internal(err)
    }
}
