//! Finding a customer managed policy's ARN from its name alone, for the console's `/policies/<name>` pages: names are
//! unique per account (case-insensitively), but every policy action takes the ARN, which also holds the path.

use super::caller::Call;
use super::IamService;
use crate::model::policies::PolicyArn;
use crate::model::{IamError, IamPath, PolicyName};

impl IamService {
    /// The ARN of the caller's account's policy called `name`, or (none having it) its ARN at `/`. Not authorized and
    /// answering no question by itself, like `user_path_or_root`: the action then called with the ARN authorizes
    /// before it checks existence, so a refused caller learns nothing about which names exist.
    pub async fn policy_arn_by_name(&self, call: &Call, name: &PolicyName) -> Result<PolicyArn, IamError> {
        Ok(match self.policy_named(&self.db, call, name).await? {
            // The stored spelling, so the ARN matches exactly as the actions require.
            Some(row) => PolicyArn::new(call.account_id(), IamPath::parse(&row.path)?, PolicyName::parse(&row.name)?),
            None => PolicyArn::new(call.account_id(), IamPath::root(), name.clone()),
        })
    }
}
