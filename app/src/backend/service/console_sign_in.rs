//! Console sign-ins in the audit log, as CloudTrail records them (`signin:ConsoleLogin`): every sign-in that opens
//! a console session, and every wrong MFA code given for a known principal. A wrong password is not recorded: the
//! name typed may not exist, and recording it would tell existing names apart in the log.

use super::audit::Outcome;
use super::caller::{Call, Caller, Channel, Identity};
use super::IamService;
use crate::backend::request::RequestContext;
use crate::model::IamError;

pub const CONSOLE_LOGIN: &str = "signin:ConsoleLogin";

impl IamService {
    /// Records a console sign-in of the root (`user_name` `None`) or an IAM user: `refused` is the error of a
    /// refused step, `None` when the session opened. Best effort, like every audit record outside a transaction.
    pub async fn audit_console_sign_in(
        &self,
        ctx: &RequestContext,
        account_id: &str,
        user_name: Option<&str>,
        mfa_at: Option<i64>,
        refused: Option<&IamError>,
    ) {
        let caller = match user_name {
            None => Ok(Caller {
                account_id: account_id.to_owned(),
                identity: Identity::Root,
                mfa_at,
                channel: Channel::Console,
            }),
            Some(name) => self.user_caller(ctx, account_id, name, Channel::Console, mfa_at).await,
        };
        let Ok(caller) = caller else {
            return; // The user was deleted in the meantime: there is no one to record.
        };
        let call = Call::new(ctx.clone(), caller);
        let arn = call.caller.arn();
        let (outcome, code) = match refused {
            None => (Outcome::Allowed, None),
            Some(error) => (Outcome::Failed, Some(error.code())),
        };
        self.audit_outcome(&call, CONSOLE_LOGIN, &arn, outcome, code).await;
    }
}
