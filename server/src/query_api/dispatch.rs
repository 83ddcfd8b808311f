//! `Action` → the handler for that IAM operation, and the handler's result → the response envelope. Operation names
//! are case-sensitive, as in AWS.

use app::backend::service::Call;
use app::backend::IamService;

use super::error::WireError;
use super::params::Params;
use super::xml::{self, Xml};
use super::{access_keys, groups, inline_policies, users};

/// IAM's only API version.
pub const VERSION: &str = "2010-05-08";

/// What a handler returns: the result element's content, or `None` for operations botocore defines without output.
pub type Outcome = Result<Option<Xml>, WireError>;

/// Runs the request's action and renders the whole response document.
pub async fn dispatch(iam: &IamService, call: &Call, p: &Params) -> Result<String, WireError> {
    let action = p
        .optional("Action")
        .ok_or_else(|| WireError::invalid_action("the request has no `Action` parameter".into()))?;
    if let Some(version) = p.optional("Version").filter(|v| *v != VERSION) {
        return Err(WireError::invalid_action(format!(
            "could not find operation `{action}` for version `{version}`; IAM's only version is `{VERSION}`"
        )));
    }
    tracing::debug!(request_id = %call.ctx.request_id, action, "query api action");
    let result = match action {
        "CreateUser" => users::create_user(iam, call, p).await,
        "GetUser" => users::get_user(iam, call, p).await,
        "ListUsers" => users::list_users(iam, call, p).await,
        "UpdateUser" => users::update_user(iam, call, p).await,
        "DeleteUser" => users::delete_user(iam, call, p).await,
        "TagUser" => users::tag_user(iam, call, p).await,
        "UntagUser" => users::untag_user(iam, call, p).await,
        "ListUserTags" => users::list_user_tags(iam, call, p).await,

        "CreateGroup" => groups::create_group(iam, call, p).await,
        "GetGroup" => groups::get_group(iam, call, p).await,
        "ListGroups" => groups::list_groups(iam, call, p).await,
        "ListGroupsForUser" => groups::list_groups_for_user(iam, call, p).await,
        "UpdateGroup" => groups::update_group(iam, call, p).await,
        "DeleteGroup" => groups::delete_group(iam, call, p).await,
        "AddUserToGroup" => groups::add_user_to_group(iam, call, p).await,
        "RemoveUserFromGroup" => groups::remove_user_from_group(iam, call, p).await,

        "PutUserPolicy" => inline_policies::put(iam, call, p, inline_policies::Kind::User).await,
        "GetUserPolicy" => inline_policies::get(iam, call, p, inline_policies::Kind::User).await,
        "ListUserPolicies" => inline_policies::list(iam, call, p, inline_policies::Kind::User).await,
        "DeleteUserPolicy" => inline_policies::delete(iam, call, p, inline_policies::Kind::User).await,
        "PutGroupPolicy" => inline_policies::put(iam, call, p, inline_policies::Kind::Group).await,
        "GetGroupPolicy" => inline_policies::get(iam, call, p, inline_policies::Kind::Group).await,
        "ListGroupPolicies" => inline_policies::list(iam, call, p, inline_policies::Kind::Group).await,
        "DeleteGroupPolicy" => inline_policies::delete(iam, call, p, inline_policies::Kind::Group).await,

        "CreateAccessKey" => access_keys::create_access_key(iam, call, p).await,
        "ListAccessKeys" => access_keys::list_access_keys(iam, call, p).await,
        "UpdateAccessKey" => access_keys::update_access_key(iam, call, p).await,
        "DeleteAccessKey" => access_keys::delete_access_key(iam, call, p).await,
        "GetAccessKeyLastUsed" => access_keys::get_access_key_last_used(iam, call, p).await,

        other => Err(WireError::invalid_action(format!("the action `{other}` is not valid for this web service"))),
    }?;
    Ok(xml::response(action, &call.ctx.request_id, result.as_ref()))
}
