//! `Action` → the handler for that IAM operation, and the handler's result → the response envelope. Operation names
//! are case-sensitive, as in AWS.

use app::backend::service::Call;
use app::backend::IamService;

use super::error::WireError;
use super::params::Params;
use super::xml::{self, Xml};
use super::{access_keys, groups, inline_policies, managed_policies, mfa, passwords, reports, simulation, users};

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

        "CreatePolicy" => managed_policies::create_policy(iam, call, p).await,
        "GetPolicy" => managed_policies::get_policy(iam, call, p).await,
        "ListPolicies" => managed_policies::list_policies(iam, call, p).await,
        "DeletePolicy" => managed_policies::delete_policy(iam, call, p).await,
        "CreatePolicyVersion" => managed_policies::create_policy_version(iam, call, p).await,
        "GetPolicyVersion" => managed_policies::get_policy_version(iam, call, p).await,
        "ListPolicyVersions" => managed_policies::list_policy_versions(iam, call, p).await,
        "DeletePolicyVersion" => managed_policies::delete_policy_version(iam, call, p).await,
        "SetDefaultPolicyVersion" => managed_policies::set_default_policy_version(iam, call, p).await,
        "AttachUserPolicy" => managed_policies::attach_user_policy(iam, call, p).await,
        "DetachUserPolicy" => managed_policies::detach_user_policy(iam, call, p).await,
        "AttachGroupPolicy" => managed_policies::attach_group_policy(iam, call, p).await,
        "DetachGroupPolicy" => managed_policies::detach_group_policy(iam, call, p).await,
        "ListAttachedUserPolicies" => managed_policies::list_attached_user_policies(iam, call, p).await,
        "ListAttachedGroupPolicies" => managed_policies::list_attached_group_policies(iam, call, p).await,
        "ListEntitiesForPolicy" => managed_policies::list_entities_for_policy(iam, call, p).await,

        "CreateLoginProfile" => passwords::create_login_profile(iam, call, p).await,
        "GetLoginProfile" => passwords::get_login_profile(iam, call, p).await,
        "UpdateLoginProfile" => passwords::update_login_profile(iam, call, p).await,
        "DeleteLoginProfile" => passwords::delete_login_profile(iam, call, p).await,
        "ChangePassword" => passwords::change_password(iam, call, p).await,
        "GetAccountPasswordPolicy" => passwords::get_account_password_policy(iam, call, p).await,
        "UpdateAccountPasswordPolicy" => passwords::update_account_password_policy(iam, call, p).await,
        "DeleteAccountPasswordPolicy" => passwords::delete_account_password_policy(iam, call, p).await,

        "CreateVirtualMFADevice" => mfa::create_virtual_mfa_device(iam, call, p).await,
        "EnableMFADevice" => mfa::enable_mfa_device(iam, call, p).await,
        "ResyncMFADevice" => mfa::resync_mfa_device(iam, call, p).await,
        "DeactivateMFADevice" => mfa::deactivate_mfa_device(iam, call, p).await,
        "DeleteVirtualMFADevice" => mfa::delete_virtual_mfa_device(iam, call, p).await,
        "ListMFADevices" => mfa::list_mfa_devices(iam, call, p).await,
        "ListVirtualMFADevices" => mfa::list_virtual_mfa_devices(iam, call, p).await,

        "SimulatePrincipalPolicy" => simulation::simulate_principal_policy(iam, call, p).await,
        "SimulateCustomPolicy" => simulation::simulate_custom_policy(iam, call, p).await,

        "GetAccountSummary" => reports::get_account_summary(iam, call, p).await,
        "GenerateCredentialReport" => reports::generate_credential_report(iam, call, p).await,
        "GetCredentialReport" => reports::get_credential_report(iam, call, p).await,
        "CreateAccountAlias" => reports::create_account_alias(iam, call, p).await,
        "DeleteAccountAlias" => reports::delete_account_alias(iam, call, p).await,
        "ListAccountAliases" => reports::list_account_aliases(iam, call, p).await,

        other => Err(WireError::invalid_action(format!("the action `{other}` is not valid for this web service"))),
    }?;
    Ok(xml::response(action, &call.ctx.request_id, result.as_ref()))
}
