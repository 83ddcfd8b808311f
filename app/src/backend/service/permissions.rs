//! The console's courtesy: which of a page's actions the caller would be refused, decided by the caller's own
//! policies exactly as the calls themselves will be, without auditing (nothing was attempted).

use iam_policy::{Context, Decision};

use super::caller::Call;
use super::{ids, IamService};
use crate::model::permissions::{Permissions, Refusal, GROUP_PAGE_ACTIONS, USER_PAGE_ACTIONS};
use crate::model::{GroupName, IamError, IamPath, UserName};

impl IamService {
    /// The user page's actions the caller may not perform on `name`.
    pub async fn user_page_permissions(&self, call: &Call, name: &UserName) -> Result<Permissions, IamError> {
        let path = self.user_path_or_root(call, name).await?;
        let arn = self.user_arn_for(call, &path, name.as_str());
        self.refusals(call, USER_PAGE_ACTIONS.iter().map(|action| (*action, arn.clone())).collect()).await
    }

    /// The group page's actions the caller may not perform on `name`.
    pub async fn group_page_permissions(&self, call: &Call, name: &GroupName) -> Result<Permissions, IamError> {
        let path = self.group_path_or_root(call, name).await?;
        let arn = ids::group_arn(call.account_id(), &path, name.as_str());
        self.refusals(call, GROUP_PAGE_ACTIONS.iter().map(|action| (*action, arn.clone())).collect()).await
    }

    /// Whether the caller may create users and groups in `path` — asked of `…:user<path>*` and `…:group<path>*`, so
    /// `iam:CreateUser` on `…:user/app/*` allows `/app/` and not `/family/`.
    pub async fn create_permissions(&self, call: &Call, path: &IamPath) -> Result<Permissions, IamError> {
        let asks = vec![
            ("iam:CreateUser", ids::listing_resource(call.account_id(), "user", path.as_str())),
            ("iam:CreateGroup", ids::listing_resource(call.account_id(), "group", path.as_str())),
        ];
        self.refusals(call, asks).await
    }

    async fn refusals(&self, call: &Call, asks: Vec<(&'static str, String)>) -> Result<Permissions, IamError> {
        let mut refused = Vec::new();
        for (action, resource) in asks {
            let decision = self.decide(call, action, &resource, Context::new()).await?;
            if decision != Decision::Allowed {
                let explicit_deny = decision == Decision::ExplicitDeny;
                refused.push(Refusal { action: action.to_owned(), resource, explicit_deny });
            }
        }
        Ok(Permissions { refused })
    }
}
