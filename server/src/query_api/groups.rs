//! Group operations and memberships: parameters → `IamService` → botocore's `Group` shape.

use app::backend::service::Call;
use app::backend::IamService;
use app::model::{GroupName, GroupView, IamPath, PathPrefix, UserName};

use super::dispatch::Outcome;
use super::params::Params;
use super::users::user;
use super::xml::Xml;

/// botocore's `Group`, members in its order.
pub fn group(x: &mut Xml, g: &GroupView) {
    x.text("Path", &g.path)
        .text("GroupName", &g.group_name)
        .text("GroupId", &g.group_id)
        .text("Arn", &g.arn)
        .text("CreateDate", &g.create_date);
}

pub async fn create_group(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let name = p.required_as("GroupName", GroupName::parse)?;
    let created = iam.create_group(call, name, IamPath::parse_or_root(p.optional("Path"))?).await?;
    Ok(Some(Xml::build(|x| {
        x.element("Group", |g| group(g, &created));
    })))
}

/// The group and one page of its members.
pub async fn get_group(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let name = p.required_as("GroupName", GroupName::parse)?;
    let found = iam.get_group(call, name, p.page()?).await?;
    let members = &found.members;
    Ok(Some(Xml::build(|x| {
        x.element("Group", |g| group(g, &found.group))
            .list("Users", &members.items, user)
            .page_end(members.is_truncated, members.marker.as_deref());
    })))
}

pub async fn list_groups(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let prefix = PathPrefix::parse_or_all(p.optional("PathPrefix"))?;
    let page = iam.list_groups(call, prefix, p.page()?).await?;
    Ok(Some(Xml::build(|x| {
        x.list("Groups", &page.items, group).page_end(page.is_truncated, page.marker.as_deref());
    })))
}

/// A user is in at most 10 groups, so the service answers in one page: never truncated.
pub async fn list_groups_for_user(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let groups = iam.list_groups_for_user(call, p.required_as("UserName", UserName::parse)?).await?;
    Ok(Some(Xml::build(|x| {
        x.list("Groups", &groups, group).page_end(false, None);
    })))
}

/// botocore's `UpdateGroup` has no output, so the updated group the service returns is not sent.
pub async fn update_group(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let name = p.required_as("GroupName", GroupName::parse)?;
    let new_name = p.optional_as("NewGroupName", GroupName::parse)?;
    let new_path = p.optional_as("NewPath", IamPath::parse)?;
    iam.update_group(call, name, new_name, new_path).await?;
    Ok(None)
}

pub async fn delete_group(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    iam.delete_group(call, p.required_as("GroupName", GroupName::parse)?).await?;
    Ok(None)
}

pub async fn add_user_to_group(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let group = p.required_as("GroupName", GroupName::parse)?;
    iam.add_user_to_group(call, group, p.required_as("UserName", UserName::parse)?).await?;
    Ok(None)
}

pub async fn remove_user_from_group(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let group = p.required_as("GroupName", GroupName::parse)?;
    iam.remove_user_from_group(call, group, p.required_as("UserName", UserName::parse)?).await?;
    Ok(None)
}
