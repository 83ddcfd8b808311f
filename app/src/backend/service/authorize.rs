//! "IAM integrates with itself": every action is decided by the caller's own IAM policies, evaluated by `iam-policy`
//! — the same code the browser runs in the policy editor. Root bypasses policies, as in AWS.

use std::sync::Arc;

use iam_policy::{evaluate, Context, ContextValue, Decision, Principal, Request};

use super::audit::Outcome;
use super::caller::{Call, Identity};
use super::effective::{self, EffectivePolicies};
use super::IamService;
use crate::model::IamError;

impl IamService {
    /// Allows or refuses `action` on `resource` for the caller. A refusal is audited and returned as `AccessDenied`
    /// in AWS's words, naming the action and the resource.
    pub async fn authorize(&self, call: &Call, action: &str, resource: &str) -> Result<(), IamError> {
        self.authorize_with(call, action, resource, Context::new()).await
    }

    /// [`Self::authorize`] with request-specific context keys (e.g. `aws:TagKeys` for tagging).
    pub async fn authorize_with(
        &self,
        call: &Call,
        action: &str,
        resource: &str,
        extra: Context,
    ) -> Result<(), IamError> {
        let decision = self.decide(call, action, resource, extra).await?;
        if decision == Decision::Allowed {
            return Ok(());
        }
        let why = match decision {
            Decision::ExplicitDeny => "with an explicit deny in an identity-based policy".to_owned(),
            _ => format!("because no identity-based policy allows the {action} action"),
        };
        self.audit_outcome(call, action, resource, Outcome::Denied, Some("AccessDenied")).await;
        Err(IamError::AccessDenied(format!(
            "User: {} is not authorized to perform: {action} on resource: {resource} {why}",
            call.caller.arn()
        )))
    }

    /// The decision alone, without auditing or an error: for the console to show which buttons the caller may use.
    pub async fn decide(
        &self,
        call: &Call,
        action: &str,
        resource: &str,
        extra: Context,
    ) -> Result<Decision, IamError> {
        let Identity::User { user_id, name, path } = &call.caller.identity else {
            return Ok(Decision::Allowed);
        };
        let policies = self.caller_policies(call).await?;
        let request = Request {
            principal: Principal {
                account_id: call.caller.account_id.clone(),
                user_name: name.clone(),
                user_id: user_id.clone(),
                path: path.clone(),
                arn: call.caller.arn(),
            },
            action: action.to_owned(),
            resource: resource.to_owned(),
            context: self.request_context(call, extra),
            now_epoch_seconds: self.clock.now().timestamp(),
        };
        Ok(evaluate(&policies.compiled, &request).decision)
    }

    /// The global condition keys AWS sets on every request, from the request and the session.
    fn request_context(&self, call: &Call, mut context: Context) -> Context {
        if let Some(ip) = call.ctx.source_ip {
            context.insert("aws:SourceIp", ContextValue::Ip(ip));
        }
        context.insert("aws:SecureTransport", call.ctx.secure_transport);
        match call.caller.mfa_at {
            Some(at) => {
                context.insert("aws:MultiFactorAuthPresent", true);
                let age = (self.clock.now().timestamp() - at).max(0);
                context.insert("aws:MultiFactorAuthAge", age as f64);
            }
            // AWS omits the key for long-term access keys and sets it false for console sessions without MFA.
            None if call.caller.channel == super::Channel::Console => {
                context.insert("aws:MultiFactorAuthPresent", false);
            }
            None => {}
        }
        context
    }

    async fn caller_policies(&self, call: &Call) -> Result<Arc<EffectivePolicies>, IamError> {
        let Some(user_id) = call.caller.user_id() else {
            return Ok(Arc::default());
        };
        call.policies
            .get_or_try_init(|| self.cached_policies(&call.caller.account_id, user_id))
            .await
            .cloned()
            .map_err(|e| call.internal(e))
    }

    /// The user's compiled policies from the cache, or loaded and compiled (see `auth_cache` for consistency).
    async fn cached_policies(&self, account_id: &str, user_id: &str) -> Result<Arc<EffectivePolicies>, sea_orm::DbErr> {
        let now_ms = self.now_ms();
        if let Some(policies) = self.auth.policies(user_id, now_ms) {
            return Ok(policies);
        }
        let epoch = self.auth.epoch();
        let policies = Arc::new(effective::load(&self.db, account_id, user_id).await?);
        self.auth.store_policies(epoch, user_id, now_ms, policies.clone());
        Ok(policies)
    }
}
