//! The audit log: every mutating action and every denial, with who, what, where from and the request id. Never a
//! secret: callers pass ARNs and action names only.

use sea_orm::{EntityTrait, Set};

use super::caller::Call;
use super::{IamService, WriteTxn};
use crate::backend::entities::audit_event;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Allowed,
    Denied,
    Failed,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Allowed => "allowed",
            Outcome::Denied => "denied",
            Outcome::Failed => "failed",
        }
    }
}

impl IamService {
    /// Records a successful mutation with its change: the record commits exactly when the change does.
    pub(crate) fn audit(&self, txn: &WriteTxn, call: &Call, action: &str, resource: &str) {
        txn.record(self.audit_row(call, action, resource, Outcome::Allowed, None));
    }

    /// Records a denial or failure. Best effort: a failure to write the record is logged, and the caller still gets
    /// the original error rather than an internal one.
    pub(crate) async fn audit_outcome(
        &self,
        call: &Call,
        action: &str,
        resource: &str,
        outcome: Outcome,
        error_code: Option<&str>,
    ) {
        let row = self.audit_row(call, action, resource, outcome, error_code);
        if let Err(e) = audit_event::Entity::insert(row).exec_without_returning(self.writes()).await {
            tracing::error!(request_id = %call.ctx.request_id, error = %e, "audit record not written");
        }
    }

    fn audit_row(
        &self,
        call: &Call,
        action: &str,
        resource: &str,
        outcome: Outcome,
        error_code: Option<&str>,
    ) -> audit_event::ActiveModel {
        audit_event::ActiveModel {
            id: sea_orm::NotSet,
            account_id: Set(call.caller.account_id.clone()),
            at: Set(self.clock.now()),
            principal_arn: Set(call.caller.arn()),
            action: Set(action.to_owned()),
            resource: Set(resource.to_owned()),
            outcome: Set(outcome.as_str().to_owned()),
            error_code: Set(error_code.map(str::to_owned)),
            source_ip: Set(call.ctx.source_ip.map(|ip| ip.to_string())),
            request_id: Set(call.ctx.request_id.clone()),
            channel: Set(call.caller.channel.as_str().to_owned()),
        }
    }
}
