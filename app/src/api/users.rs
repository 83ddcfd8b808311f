//! Users: the path tree, the paginated table, create, detail, delete. Each function: the session's call → one or two
//! service methods → `respond`. The service authorizes every one.

use leptos::prelude::*;

use crate::model::effective_permissions::EffectivePermissions;
use crate::model::paths::UserPaths;
use crate::model::user_detail::{CreatedUser, UserDeletionPreview, UserPolicies};
use crate::model::{GroupView, IamError, Page, Password, UserView};

/// Rows per page of the users table.
pub const USERS_PAGE_SIZE: i64 = 25;

/// The distinct paths of the users, with a count per path: of the whole account, or of the filtered `prefix` for a
/// caller who may list only part of it.
#[server(prefix = "/api", endpoint = "user_paths")]
pub async fn load_user_paths(prefix: Option<String>) -> Result<UserPaths, IamError> {
    use super::ssr::{call, respond, tree_or_subtree};

    respond(
        async {
            let (state, call) = call().await?;
            tree_or_subtree(prefix.as_deref(), |prefix| state.iam.list_user_paths(&call, prefix)).await
        }
        .await,
    )
}

/// One page of the users whose path starts with `prefix` and whose name starts with `name` (any case), after
/// `marker` (the previous page's).
#[server(prefix = "/api", endpoint = "list_users")]
pub async fn list_users(
    prefix: Option<String>,
    name: Option<String>,
    marker: Option<String>,
) -> Result<Page<UserView>, IamError> {
    use super::ssr::{call, respond};
    use crate::model::{PageRequest, PathPrefix};

    respond(
        async {
            let (state, call) = call().await?;
            let page = PageRequest { marker: marker.filter(|m| !m.is_empty()), max_items: Some(USERS_PAGE_SIZE) };
            let prefix = PathPrefix::parse_or_all(prefix.as_deref())?;
            state.iam.search_users(&call, prefix, name.as_deref().unwrap_or("").trim(), page).await
        }
        .await,
    )
}

/// Names to suggest where a user name is typed (the simulator): the first page of users, or none for a caller who
/// may not list users. A suggestion list is a convenience; its refusal must not turn the whole page into a 403.
#[server(prefix = "/api", endpoint = "user_name_suggestions")]
pub async fn user_name_suggestions() -> Result<Vec<String>, IamError> {
    use super::ssr::{call, respond};
    use crate::model::{PageRequest, PathPrefix};

    let listed = async {
        let (state, call) = call().await?;
        let page = PageRequest { marker: None, max_items: Some(USERS_PAGE_SIZE) };
        state.iam.list_users(&call, PathPrefix::parse_or_all(None)?, page).await
    }
    .await;
    match listed {
        Ok(page) => Ok(page.items.into_iter().map(|user| user.user_name).collect()),
        Err(IamError::AccessDenied(_)) => Ok(Vec::new()),
        Err(other) => respond(Err(other)),
    }
}

/// Creates a user in one go: with a console password when one is typed, in the groups named (commas or spaces),
/// and with an access key when asked. The names are checked before anything is created; a step refused after the
/// user exists says that the user was created. The answer says where to go next, and a plain form post is sent
/// there: the user's page when a key was made (its secret shows there, once, from the session), otherwise the users
/// of the new user's path.
#[server(prefix = "/api", endpoint = "create_user")]
pub async fn create_user(
    user_name: String,
    path: Option<String>,
    console_password: Option<Password>,
    require_reset: Option<String>,
    groups: Option<String>,
    access_key: Option<String>,
) -> Result<CreatedUser, IamError> {
    use super::groups::parse_name_list;
    use super::ssr::{call_and_session, redirect_plain_form, respond};
    use crate::backend::auth::session::{self as signed, SecretSlot};
    use crate::backend::service::login_profiles::check_password_against_policy;
    use crate::backend::service::CreateUser;
    use crate::model::{GroupName, IamPath, UserName};

    respond(
        async {
            let (state, call, session) = call_and_session().await?;
            let name = UserName::parse(user_name.trim())?;
            let path = IamPath::parse_or_root(path.as_deref().map(str::trim).filter(|p| !p.is_empty()))?;
            let groups = parse_name_list(groups.as_deref().unwrap_or(""), GroupName::parse)?;
            let password = console_password.filter(|p| !p.expose().is_empty());
            // The service's own password check, before the user exists, so a refused password leaves no user behind.
            if let Some(password) = &password {
                let rules = state.iam.password_rules(&call.ctx, call.account_id()).await?;
                check_password_against_policy(rules.as_ref(), password, name.as_str())?;
            }
            let user = state.iam.create_user(&call, CreateUser { name: name.clone(), path, tags: Vec::new() }).await?;
            let but = |what: &str| format!("user `{}` was created, but {what}", user.user_name);
            if let Some(password) = password {
                let reset = require_reset.is_some_and(|v| !v.is_empty());
                state
                    .iam
                    .create_login_profile(&call, name.clone(), password, reset)
                    .await
                    .map_err(|err| err.after(&but("its console password was not set")))?;
            }
            for group in groups {
                let shown = group.as_str().to_owned();
                state
                    .iam
                    .add_user_to_group(&call, group, name.clone())
                    .await
                    .map_err(|err| err.after(&but(&format!("was not added to group `{shown}`"))))?;
            }
            let with_key = access_key.is_some_and(|v| !v.is_empty());
            if with_key {
                let key = state
                    .iam
                    .create_access_key(&call, Some(name))
                    .await
                    .map_err(|err| err.after(&but("no access key was created")))?;
                signed::stash_secret(&session, state.iam.master_key(), SecretSlot::NewAccessKey, &key)
                    .await
                    .map_err(|e| call.internal(e))?;
            }
            let next = if with_key { user_url(&user.user_name) } else { users_url(&user.path, Some(&user.user_name)) };
            redirect_plain_form(&next);
            Ok(CreatedUser { user, next })
        }
        .await,
    )
}

/// The users page for `path`, announcing `created` when given: where a form post is redirected.
pub fn users_url(path: &str, created: Option<&str>) -> String {
    let mut url = format!("/users?prefix={}", encode_query_value(path));
    if let Some(name) = created {
        url.push_str("&created=");
        url.push_str(&encode_query_value(name));
    }
    url
}

/// A user's page.
pub fn user_url(name: &str) -> String {
    format!("/users/{}", encode_query_value(name))
}

/// Percent-encodes a query value (paths and names are ASCII; everything but unreserved characters is escaped).
pub fn encode_query_value(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[server(prefix = "/api", endpoint = "get_user")]
pub async fn get_user(user_name: String) -> Result<UserView, IamError> {
    use super::ssr::{call, respond};
    use crate::model::UserName;

    respond(
        async {
            let (state, call) = call().await?;
            state.iam.get_user(&call, Some(UserName::parse(&user_name)?)).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "user_groups")]
pub async fn user_groups(user_name: String) -> Result<Vec<GroupView>, IamError> {
    use super::ssr::{call, respond};
    use crate::model::UserName;

    respond(
        async {
            let (state, call) = call().await?;
            state.iam.list_groups_for_user(&call, UserName::parse(&user_name)?).await
        }
        .await,
    )
}

/// The user's inline policy names and attached managed policies.
#[server(prefix = "/api", endpoint = "user_policies")]
pub async fn load_user_policies(user_name: String) -> Result<UserPolicies, IamError> {
    use super::ssr::{call, respond};
    use crate::backend::service::Owner;
    use crate::model::{PageRequest, PathPrefix, UserName};

    respond(
        async {
            let (state, call) = call().await?;
            let name = UserName::parse(&user_name)?;
            let inline = state.iam.list_inline_policies(&call, Owner::User(name.clone())).await?;
            let page = PageRequest { marker: None, max_items: Some(1000) };
            let attached = state.iam.list_attached_user_policies(&call, name, PathPrefix::all(), page).await?.items;
            Ok(UserPolicies { inline, attached })
        }
        .await,
    )
}

/// Every statement that reaches the user, by service, with where it comes from.
#[server(prefix = "/api", endpoint = "effective_permissions")]
pub async fn load_effective_permissions(user_name: String) -> Result<EffectivePermissions, IamError> {
    use super::ssr::{call, respond};
    use crate::model::UserName;

    respond(
        async {
            let (state, call) = call().await?;
            state.iam.effective_permissions(&call, &UserName::parse(&user_name)?).await
        }
        .await,
    )
}

/// Renames a user and/or moves them to another path. A plain form post goes on to the user's page under the new name.
#[server(prefix = "/api", endpoint = "update_user")]
pub async fn update_user(user_name: String, new_user_name: String, new_path: String) -> Result<UserView, IamError> {
    use super::ssr::{call, redirect_plain_form, respond};
    use crate::backend::service::UpdateUser;
    use crate::model::{IamPath, UserName};

    respond(
        async {
            let (state, call) = call().await?;
            let input = UpdateUser {
                name: UserName::parse(&user_name)?,
                new_name: Some(UserName::parse(new_user_name.trim())?),
                new_path: Some(IamPath::parse(new_path.trim())?),
            };
            let user = state.iam.update_user(&call, input).await?;
            redirect_plain_form(&user_url(&user.user_name));
            Ok(user)
        }
        .await,
    )
}

/// What deleting the user removes first (keys, password, MFA devices, policies, group memberships); `None` when the
/// caller may not delete the user.
#[server(prefix = "/api", endpoint = "user_deletion_preview")]
pub async fn load_user_deletion_preview(user_name: String) -> Result<Option<UserDeletionPreview>, IamError> {
    use super::ssr::{call, respond};
    use crate::model::UserName;

    respond(
        async {
            let (state, call) = call().await?;
            state.iam.user_deletion_preview_for_page(&call, &UserName::parse(&user_name)?).await
        }
        .await,
    )
}

/// Deletes a user once `confirm` repeats the name, removing first what the preview lists (each step authorized on
/// its own; one refused midway stops there and says what was removed). A plain form post goes on to the users of
/// the path the user was in.
#[server(prefix = "/api", endpoint = "delete_user")]
pub async fn delete_user(user_name: String, confirm: String, path: String) -> Result<(), IamError> {
    use super::ssr::{call, redirect_plain_form, respond};
    use crate::model::UserName;

    respond(
        async {
            let (state, call) = call().await?;
            let name = UserName::parse(&user_name)?;
            if confirm.trim() != name.as_str() {
                return Err(IamError::InvalidInput(format!("type `{name}` to confirm the deletion")));
            }
            state.iam.delete_user_and_dependents(&call, name).await?;
            redirect_plain_form(&users_url(&path, None));
            Ok(())
        }
        .await,
    )
}
