//! Sign-out everywhere: when what proved who someone is changes (their password, their MFA device) or they stop
//! existing (deleted, renamed), every console session of theirs ends, in the same transaction as the change, so a
//! session opened with a stolen password or before a lost device was removed does not outlive the remedy. Here, in
//! the service, because the console and the Query API both make these changes.
//!
//! The session making the change (a person deactivating their own device, an administrator changing their own
//! password) stays signed in, as on AWS; every other session of that principal, in any browser, ends. So does a sign-in
//! half-way through its steps, which proved the old password.

use sea_orm::ConnectionTrait;

use super::{Call, IamService};
use crate::backend::session_store::delete_principal_sessions;
use crate::model::IamError;

impl IamService {
    /// Ends the console sessions of the account root (`user_name` `None`) or of the IAM user `user_name`, except the
    /// calling session, through `txn`.
    pub(crate) async fn end_console_sessions(
        &self,
        txn: &impl ConnectionTrait,
        call: &Call,
        user_name: Option<&str>,
    ) -> Result<(), IamError> {
        let ended = delete_principal_sessions(txn, call.account_id(), user_name, call.console_session.as_deref())
            .await
            .map_err(|e| call.internal(e))?;
        if ended > 0 {
            tracing::info!(request_id = %call.ctx.request_id, ended, "console sessions ended");
        }
        Ok(())
    }
}
