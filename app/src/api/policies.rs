//! Customer managed policies: the paginated list, create, a policy's page (summary, versions, where it is attached),
//! versions, attach and detach, delete. The console names a policy by its name (unique per account); each function
//! finds its ARN (`IamService::policy_arn_by_name`), then calls the service, which authorizes every action.

use leptos::prelude::*;

use crate::api::users::encode_query_value;
use crate::model::policies::{CreatePolicyDraft, EntitiesForPolicy, ManagedPolicyView, PolicyVersionView};
use crate::model::{IamError, Page};

/// Rows per page of the policies table.
pub const POLICIES_PAGE_SIZE: i64 = 25;

/// Users and groups shown under "Used by" (the service's largest page).
#[cfg(feature = "ssr")]
const ENTITIES_SHOWN: i64 = 1000;

/// The ARN of the account's policy called `policy_name`.
#[cfg(feature = "ssr")]
async fn policy_arn(
    state: &crate::backend::AppState,
    call: &crate::backend::service::Call,
    policy_name: &str,
) -> Result<crate::model::policies::PolicyArn, IamError> {
    let name = crate::model::PolicyName::parse(policy_name.trim())?;
    state.iam.policy_arn_by_name(call, &name).await
}

/// One page of the account's customer managed policies whose path starts with `prefix`, after `marker`.
#[server(prefix = "/api", endpoint = "list_policies")]
pub async fn list_policies(
    prefix: Option<String>,
    marker: Option<String>,
) -> Result<Page<ManagedPolicyView>, IamError> {
    use super::ssr::{call, respond};
    use crate::model::policies::PolicyScope;
    use crate::model::{PageRequest, PathPrefix};

    respond(
        async {
            let (state, call) = call().await?;
            let page = PageRequest { marker: marker.filter(|m| !m.is_empty()), max_items: Some(POLICIES_PAGE_SIZE) };
            let prefix = PathPrefix::parse_or_all(prefix.as_deref())?;
            state.iam.list_policies(&call, PolicyScope::Local, false, prefix, page).await
        }
        .await,
    )
}

/// Creates a policy with its first version. A plain form post is sent on to the new policy's page.
#[server(prefix = "/api", endpoint = "create_policy")]
pub async fn create_policy(
    policy_name: String,
    path: Option<String>,
    description: Option<String>,
    document: String,
) -> Result<ManagedPolicyView, IamError> {
    use super::ssr::{call_and_session, plain_form_post, redirect_plain_form, respond};
    use crate::model::{IamPath, PolicyName};

    respond(
        async {
            let (state, call, session) = call_and_session().await?;
            // A plain form post never sees a refusal's answer: what was typed is kept for the form page to load.
            let draft = plain_form_post().then(|| CreatePolicyDraft {
                policy_name: policy_name.clone(),
                path: path.clone().unwrap_or_default(),
                description: description.clone().unwrap_or_default(),
                document: document.clone(),
            });
            let created = async {
                let name = PolicyName::parse(policy_name.trim())?;
                let path = IamPath::parse_or_root(path.as_deref().map(str::trim).filter(|p| !p.is_empty()))?;
                let description = description.map(|d| d.trim().to_owned());
                state.iam.create_policy(&call, name, path, description, document).await
            }
            .await;
            match (created, draft) {
                (Ok(policy), _) => {
                    redirect_plain_form(&policy_url(&policy.policy_name));
                    Ok(policy)
                }
                (Err(err), Some(draft)) => {
                    // Losing the draft only costs retyping; it never changes the answer.
                    let _ = session.insert(CREATE_DRAFT, draft).await;
                    Err(err)
                }
                (Err(err), None) => Err(err),
            }
        }
        .await,
    )
}

/// The session key of the last refused create's [`CreatePolicyDraft`].
#[cfg(feature = "ssr")]
const CREATE_DRAFT: &str = "create_policy_draft";

/// What the last refused create held, for the create form after a plain-form refusal; `None` when there is none.
#[server(prefix = "/api", endpoint = "create_policy_draft")]
pub async fn load_create_policy_draft() -> Result<Option<CreatePolicyDraft>, IamError> {
    use super::ssr::{call_and_session, respond};

    respond(
        async {
            let (_, _, session) = call_and_session().await?;
            Ok(session.get::<CreatePolicyDraft>(CREATE_DRAFT).await.ok().flatten())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "get_policy")]
pub async fn get_policy(policy_name: String) -> Result<ManagedPolicyView, IamError> {
    use super::ssr::{call, respond};

    respond(
        async {
            let (state, call) = call().await?;
            let arn = policy_arn(&state, &call, &policy_name).await?;
            state.iam.get_policy(&call, arn).await
        }
        .await,
    )
}

/// Every version of the policy (at most 5), newest first, with their documents.
#[server(prefix = "/api", endpoint = "policy_versions")]
pub async fn load_policy_versions(policy_name: String) -> Result<Vec<PolicyVersionView>, IamError> {
    use super::ssr::{call, respond};

    respond(
        async {
            let (state, call) = call().await?;
            let arn = policy_arn(&state, &call, &policy_name).await?;
            state.iam.list_policy_versions(&call, arn).await
        }
        .await,
    )
}

/// Adds a version (`set_as_default` is a checkbox: present when ticked). A plain form post goes back to the page.
#[server(prefix = "/api", endpoint = "create_policy_version")]
pub async fn create_policy_version(
    policy_name: String,
    document: String,
    set_as_default: Option<String>,
) -> Result<PolicyVersionView, IamError> {
    use super::ssr::{call, redirect_plain_form_back, respond};

    respond(
        async {
            let (state, call) = call().await?;
            let arn = policy_arn(&state, &call, &policy_name).await?;
            let default = set_as_default.is_some_and(|v| !v.is_empty());
            let version = state.iam.create_policy_version(&call, arn, document, default).await?;
            // The page shows the default version's document unless it was asked for another.
            redirect_plain_form_back(&[("version", None)]);
            Ok(version)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "set_default_policy_version")]
pub async fn set_default_policy_version(policy_name: String, version_id: String) -> Result<(), IamError> {
    use super::ssr::{call, redirect_plain_form_back, respond};
    use crate::model::policies::PolicyVersionId;

    respond(
        async {
            let (state, call) = call().await?;
            let arn = policy_arn(&state, &call, &policy_name).await?;
            state.iam.set_default_policy_version(&call, arn, PolicyVersionId::parse(&version_id)?).await?;
            redirect_plain_form_back(&[("version", None)]);
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "delete_policy_version")]
pub async fn delete_policy_version(policy_name: String, version_id: String) -> Result<(), IamError> {
    use super::ssr::{call, redirect_plain_form_back, respond};
    use crate::model::policies::PolicyVersionId;

    respond(
        async {
            let (state, call) = call().await?;
            let arn = policy_arn(&state, &call, &policy_name).await?;
            state.iam.delete_policy_version(&call, arn, PolicyVersionId::parse(&version_id)?).await?;
            redirect_plain_form_back(&[("version", None)]);
            Ok(())
        }
        .await,
    )
}

/// The users and groups the policy is attached to (the first `ENTITIES_SHOWN`).
#[server(prefix = "/api", endpoint = "policy_entities")]
pub async fn load_policy_entities(policy_name: String) -> Result<EntitiesForPolicy, IamError> {
    use super::ssr::{call, respond};
    use crate::model::{PageRequest, PathPrefix};

    respond(
        async {
            let (state, call) = call().await?;
            let arn = policy_arn(&state, &call, &policy_name).await?;
            let page = PageRequest { marker: None, max_items: Some(ENTITIES_SHOWN) };
            state.iam.list_entities_for_policy(&call, arn, None, PathPrefix::all(), page).await
        }
        .await,
    )
}

/// Attaches the policy to the user or group (`entity_type` `user` or `group`) called `entity_name`.
#[server(prefix = "/api", endpoint = "attach_policy")]
pub async fn attach_policy(policy_name: String, entity_type: String, entity_name: String) -> Result<(), IamError> {
    use super::ssr::{call, redirect_plain_form_back, respond};
    use crate::model::{GroupName, UserName};

    respond(
        async {
            let (state, call) = call().await?;
            let arn = policy_arn(&state, &call, &policy_name).await?;
            let entity_name = entity_name.trim();
            match entity_type.as_str() {
                "user" => state.iam.attach_user_policy(&call, UserName::parse(entity_name)?, arn).await?,
                "group" => state.iam.attach_group_policy(&call, GroupName::parse(entity_name)?, arn).await?,
                other => return Err(unknown_entity_type(other)),
            }
            redirect_plain_form_back(&[]);
            Ok(())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "detach_policy")]
pub async fn detach_policy(policy_name: String, entity_type: String, entity_name: String) -> Result<(), IamError> {
    use super::ssr::{call, redirect_plain_form_back, respond};
    use crate::model::{GroupName, UserName};

    respond(
        async {
            let (state, call) = call().await?;
            let arn = policy_arn(&state, &call, &policy_name).await?;
            match entity_type.as_str() {
                "user" => state.iam.detach_user_policy(&call, UserName::parse(&entity_name)?, arn).await?,
                "group" => state.iam.detach_group_policy(&call, GroupName::parse(&entity_name)?, arn).await?,
                other => return Err(unknown_entity_type(other)),
            }
            redirect_plain_form_back(&[]);
            Ok(())
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
fn unknown_entity_type(value: &str) -> IamError {
    IamError::InvalidInput(format!("attach to a `user` or a `group`, not `{value}`"))
}

/// Deletes the policy once `confirm` repeats its name (the service refuses while it is attached or has versions
/// besides the default, and says so). A plain form post goes on to the policies of the path it was in.
#[server(prefix = "/api", endpoint = "delete_policy")]
pub async fn delete_policy(policy_name: String, confirm: String, path: String) -> Result<(), IamError> {
    use super::ssr::{call, redirect_plain_form, respond};

    respond(
        async {
            let (state, call) = call().await?;
            let arn = policy_arn(&state, &call, &policy_name).await?;
            if confirm.trim() != arn.name().as_str() {
                return Err(IamError::InvalidInput(format!("type `{}` to confirm the deletion", arn.name())));
            }
            state.iam.delete_policy(&call, arn).await?;
            redirect_plain_form(&policies_url(&path));
            Ok(())
        }
        .await,
    )
}

/// The policies of `path`.
pub fn policies_url(path: &str) -> String {
    format!("/policies?prefix={}", encode_query_value(path))
}

/// A policy's page, where a form post that created or changed it is redirected.
pub fn policy_url(name: &str) -> String {
    format!("/policies/{}", encode_query_value(name))
}
