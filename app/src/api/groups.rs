//! Groups: the path tree, the paginated table, create, detail (members, policies), membership, delete. Each function:
//! the session's call → one or two service methods → `respond`. The service authorizes every one.

use leptos::prelude::*;

use crate::api::users::encode_query_value;
use crate::model::paths::UserPaths;
use crate::model::user_detail::UserPolicies;
use crate::model::{GroupView, GroupWithMembers, IamError, Page};

/// Rows per page of the groups table.
pub const GROUPS_PAGE_SIZE: i64 = 25;

/// Members shown on a group's page (the service's largest page; more members than this are rare in a console).
#[cfg(feature = "ssr")]
const MEMBERS_SHOWN: i64 = 1000;

/// The distinct paths of the groups, with a count of groups per path: of the whole account, or of the filtered
/// `prefix` for a caller who may list only part of it.
#[server(prefix = "/api", endpoint = "group_paths")]
pub async fn load_group_paths(prefix: Option<String>) -> Result<UserPaths, IamError> {
    use super::ssr::{call, respond, tree_or_subtree};

    respond(
        async {
            let (state, call) = call().await?;
            tree_or_subtree(prefix.as_deref(), |prefix| state.iam.list_group_paths(&call, prefix)).await
        }
        .await,
    )
}

/// One page of the groups whose path starts with `prefix`, after `marker` (the previous page's).
#[server(prefix = "/api", endpoint = "list_groups")]
pub async fn list_groups(prefix: Option<String>, marker: Option<String>) -> Result<Page<GroupView>, IamError> {
    use super::ssr::{call, respond};
    use crate::model::{PageRequest, PathPrefix};

    respond(
        async {
            let (state, call) = call().await?;
            let page = PageRequest { marker: marker.filter(|m| !m.is_empty()), max_items: Some(GROUPS_PAGE_SIZE) };
            state.iam.list_groups(&call, PathPrefix::parse_or_all(prefix.as_deref())?, page).await
        }
        .await,
    )
}

/// Creates a group. A plain form post is sent on to the groups of the new group's path.
#[server(prefix = "/api", endpoint = "create_group")]
pub async fn create_group(group_name: String, path: Option<String>) -> Result<GroupView, IamError> {
    use super::ssr::{call, redirect_plain_form, respond};
    use crate::model::{GroupName, IamPath};

    respond(
        async {
            let (state, call) = call().await?;
            let name = GroupName::parse(group_name.trim())?;
            let path = IamPath::parse_or_root(path.as_deref().map(str::trim).filter(|p| !p.is_empty()))?;
            let group = state.iam.create_group(&call, name, path).await?;
            redirect_plain_form(&groups_url(&group.path, Some(&group.group_name)));
            Ok(group)
        }
        .await,
    )
}

/// The group and its members (the first `MEMBERS_SHOWN`, by name).
#[server(prefix = "/api", endpoint = "get_group")]
pub async fn get_group(group_name: String) -> Result<GroupWithMembers, IamError> {
    use super::ssr::{call, respond};
    use crate::model::{GroupName, PageRequest};

    respond(
        async {
            let (state, call) = call().await?;
            let page = PageRequest { marker: None, max_items: Some(MEMBERS_SHOWN) };
            state.iam.get_group(&call, GroupName::parse(&group_name)?, page).await
        }
        .await,
    )
}

/// The group's inline policy names and attached managed policies.
#[server(prefix = "/api", endpoint = "group_policies")]
pub async fn load_group_policies(group_name: String) -> Result<UserPolicies, IamError> {
    use super::ssr::{call, respond};
    use crate::backend::service::Owner;
    use crate::model::{GroupName, PageRequest, PathPrefix};

    respond(
        async {
            let (state, call) = call().await?;
            let name = GroupName::parse(&group_name)?;
            let inline = state.iam.list_inline_policies(&call, Owner::Group(name.clone())).await?;
            let page = PageRequest { marker: None, max_items: Some(1000) };
            let attached = state.iam.list_attached_group_policies(&call, name, PathPrefix::all(), page).await?.items;
            Ok(UserPolicies { inline, attached })
        }
        .await,
    )
}

/// Adds one or more users (names separated by commas, spaces or new lines) to the group, in the order given. A name
/// that is not a valid user name refuses the whole list before anything changes; if adding one user is refused
/// (unknown, not allowed, in ten groups already), the ones before it stay added and the error names them. A plain
/// form post goes back to the group's page.
#[server(prefix = "/api", endpoint = "add_group_members")]
pub async fn add_group_members(group_name: String, user_names: String) -> Result<Vec<String>, IamError> {
    use super::ssr::{call, redirect_plain_form_back, respond};
    use crate::model::{GroupName, UserName};

    respond(
        async {
            let (state, call) = call().await?;
            let group = GroupName::parse(&group_name)?;
            let names = parse_name_list(&user_names, UserName::parse)?;
            if names.is_empty() {
                return Err(IamError::ValidationError("type the name of at least one user to add".into()));
            }
            let added =
                one_by_one(names, "added", |name| state.iam.add_user_to_group(&call, group.clone(), name)).await?;
            redirect_plain_form_back(&[]);
            Ok(added)
        }
        .await,
    )
}

/// Names typed in one field, separated by commas, spaces or new lines, each parsed; the first invalid one refuses
/// the whole list.
#[cfg(feature = "ssr")]
pub(crate) fn parse_name_list<N>(text: &str, parse: fn(&str) -> Result<N, IamError>) -> Result<Vec<N>, IamError> {
    text.split(|c: char| c == ',' || c.is_whitespace()).filter(|name| !name.is_empty()).map(parse).collect()
}

/// Runs `step` for each user in order; on the first refusal, the error says which users it had already `done`.
#[cfg(feature = "ssr")]
async fn one_by_one<Step, Done>(
    names: Vec<crate::model::UserName>,
    done: &str,
    mut step: Step,
) -> Result<Vec<String>, IamError>
where
    Step: FnMut(crate::model::UserName) -> Done,
    Done: std::future::Future<Output = Result<(), IamError>>,
{
    let mut finished: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        let shown = name.as_str().to_owned();
        if let Err(err) = step(name).await {
            if finished.is_empty() {
                return Err(err);
            }
            let list = finished.iter().map(|name| format!("`{name}`")).collect::<Vec<_>>().join(", ");
            return Err(err.after(&format!("{done} {list}, then `{shown}` was refused")));
        }
        finished.push(shown);
    }
    Ok(finished)
}

/// Removes the user from the group. A plain form post goes back to the group's page.
#[server(prefix = "/api", endpoint = "remove_group_member")]
pub async fn remove_group_member(group_name: String, user_name: String) -> Result<(), IamError> {
    use super::ssr::{call, redirect_plain_form_back, respond};
    use crate::model::{GroupName, UserName};

    respond(
        async {
            let (state, call) = call().await?;
            state
                .iam
                .remove_user_from_group(&call, GroupName::parse(&group_name)?, UserName::parse(&user_name)?)
                .await?;
            redirect_plain_form_back(&[]);
            Ok(())
        }
        .await,
    )
}

/// Removes the selected members (checkboxes `user_names[]`), in order, with the same partial-failure report as adding.
#[server(prefix = "/api", endpoint = "remove_group_members")]
pub async fn remove_group_members(
    group_name: String,
    #[server(default)] user_names: Vec<String>,
) -> Result<Vec<String>, IamError> {
    use super::ssr::{call, redirect_plain_form_back, respond};
    use crate::model::{GroupName, UserName};

    respond(
        async {
            let (state, call) = call().await?;
            let group = GroupName::parse(&group_name)?;
            let names = user_names.iter().map(|name| UserName::parse(name)).collect::<Result<Vec<_>, _>>()?;
            if names.is_empty() {
                return Err(IamError::ValidationError("select at least one member to remove".into()));
            }
            let removed =
                one_by_one(names, "removed", |name| state.iam.remove_user_from_group(&call, group.clone(), name))
                    .await?;
            redirect_plain_form_back(&[]);
            Ok(removed)
        }
        .await,
    )
}

/// Renames a group and/or moves it to another path. A plain form post goes on to the group's page under the new name.
#[server(prefix = "/api", endpoint = "update_group")]
pub async fn update_group(group_name: String, new_group_name: String, new_path: String) -> Result<GroupView, IamError> {
    use super::ssr::{call, redirect_plain_form, respond};
    use crate::model::{GroupName, IamPath};

    respond(
        async {
            let (state, call) = call().await?;
            let name = GroupName::parse(&group_name)?;
            let new_name = GroupName::parse(new_group_name.trim())?;
            let new_path = IamPath::parse(new_path.trim())?;
            let group = state.iam.update_group(&call, name, Some(new_name), Some(new_path)).await?;
            redirect_plain_form(&group_url(&group.group_name));
            Ok(group)
        }
        .await,
    )
}

/// Deletes a group once `confirm` repeats the name (the service refuses while it has members or policies, and says
/// so). A plain form post goes on to the groups of the path the group was in.
#[server(prefix = "/api", endpoint = "delete_group")]
pub async fn delete_group(group_name: String, confirm: String, path: String) -> Result<(), IamError> {
    use super::ssr::{call, redirect_plain_form, respond};
    use crate::model::GroupName;

    respond(
        async {
            let (state, call) = call().await?;
            let name = GroupName::parse(&group_name)?;
            if confirm.trim() != name.as_str() {
                return Err(IamError::InvalidInput(format!("type `{name}` to confirm the deletion")));
            }
            state.iam.delete_group(&call, name).await?;
            redirect_plain_form(&groups_url(&path, None));
            Ok(())
        }
        .await,
    )
}

/// The groups page for `path`, announcing `created` when given: where a form post is redirected.
pub fn groups_url(path: &str, created: Option<&str>) -> String {
    let mut url = format!("/groups?prefix={}", encode_query_value(path));
    if let Some(name) = created {
        url.push_str("&created=");
        url.push_str(&encode_query_value(name));
    }
    url
}

/// A group's page.
pub fn group_url(name: &str) -> String {
    format!("/groups/{}", encode_query_value(name))
}
