//! "Who can do this?" (beyond AWS): asks the question of every user and every group of the account, through the same
//! evaluation that authorizes requests, and keeps those allowed with the statements that allow them.
//!
//! Authorized piece by piece, as the asker could do it by hand: `iam:ListUsers` and `iam:ListGroups` for the account,
//! then `iam:SimulatePrincipalPolicy` per user and `iam:GetGroupPolicy` per group; the ones refused are left out and
//! counted. No request context is supplied: statements whose conditions need one (MFA, source IP, time) do not apply.

use iam_policy::{Context, Decision};

use super::caller::Call;
use super::simulation::{pairs, Authorization};
use super::IamService;
use crate::model::who_can::{Grantee, Reason, WhoCan, WHO_CAN_LIMIT};
use crate::model::{GroupName, IamError, PageRequest, PathPrefix};

impl IamService {
    pub async fn who_can(&self, call: &Call, action: &str, resource: &str) -> Result<WhoCan, IamError> {
        let action = action.trim();
        let resource = match resource.trim() {
            "" => "*",
            resource => resource,
        };
        pairs(&[action.to_owned()], &[resource.to_owned()])?;
        let page = PageRequest { marker: None, max_items: Some(WHO_CAN_LIMIT as i64) };
        let users = self.list_users(call, PathPrefix::all(), page.clone()).await?;
        let groups = self.list_groups(call, PathPrefix::all(), page).await?;
        let mut answer = WhoCan {
            action: action.to_owned(),
            resource: resource.to_owned(),
            users_checked: users.items.len(),
            groups_checked: groups.items.len(),
            truncated: users.is_truncated || groups.is_truncated,
            ..WhoCan::default()
        };
        for user in users.items {
            let asked = self.explain_authorization(call, &user.arn, action, resource, Context::new()).await;
            if let Some(grantee) = allowed(asked, &mut answer.hidden, user.user_name, user.arn)? {
                answer.users.push(grantee);
            }
        }
        for group in groups.items {
            // A group deleted since the listing answers NoSuchEntity here, which `allowed` skips.
            let asked = async {
                let model = self.group(&self.db, call, &GroupName::parse(&group.group_name)?).await?;
                self.explain_group(call, &model, action, resource).await
            }
            .await;
            if let Some(grantee) = allowed(asked, &mut answer.hidden, group.group_name, group.arn)? {
                answer.groups.push(grantee);
            }
        }
        Ok(answer)
    }
}

/// The grantee when the answer is an allow; a refusal to look is counted in `hidden`; a user or group deleted since
/// the listing is skipped; other errors stop the question.
fn allowed(
    asked: Result<Authorization, IamError>,
    hidden: &mut usize,
    name: String,
    arn: String,
) -> Result<Option<Grantee>, IamError> {
    let authorization = match asked {
        Ok(authorization) => authorization,
        Err(IamError::AccessDenied(_)) => {
            *hidden += 1;
            return Ok(None);
        }
        Err(IamError::NoSuchEntity(_)) => return Ok(None),
        Err(other) => return Err(other),
    };
    if authorization.decision != Decision::Allowed {
        return Ok(None);
    }
    let reasons = authorization
        .statements
        .into_iter()
        .map(|located| Reason {
            policy_id: located.statement.policy_id,
            sid: located.statement.sid,
            start_line: located.start.line,
            end_line: located.end.line,
        })
        .collect();
    Ok(Some(Grantee { name, arn, reasons }))
}
