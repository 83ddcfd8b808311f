//! User operations: parameters → `IamService` → botocore's `User` shape.

use app::backend::service::{Call, CreateUser, UpdateUser};
use app::backend::IamService;
use app::model::{IamPath, PathPrefix, Tag, UserName, UserView};

use super::dispatch::Outcome;
use super::params::Params;
use super::xml::Xml;

/// botocore's `User`, members in its order. `Tags` only when there are some (AWS's `GetUser`; lists carry none).
/// The account root (`GetUser` without a name, signed by a root key) has no user name, so AWS sends none.
pub fn user(x: &mut Xml, u: &UserView) {
    x.text("Path", &u.path)
        .non_empty("UserName", &u.user_name)
        .text("UserId", &u.user_id)
        .text("Arn", &u.arn)
        .text("CreateDate", &u.create_date)
        .optional("PasswordLastUsed", u.password_last_used.as_deref());
    if !u.tags.is_empty() {
        tag_list(x, &u.tags);
    }
}

/// botocore's `tagListType`.
pub fn tag_list(x: &mut Xml, tags: &[Tag]) {
    x.list("Tags", tags, |m, t| {
        m.text("Key", &t.key).text("Value", &t.value);
    });
}

pub async fn create_user(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    p.unsupported("PermissionsBoundary", "permissions boundaries")?;
    let input = CreateUser {
        name: p.required_as("UserName", UserName::parse)?,
        path: IamPath::parse_or_root(p.optional("Path"))?,
        tags: p.tags("Tags")?,
    };
    let created = iam.create_user(call, input).await?;
    Ok(Some(Xml::build(|x| {
        x.element("User", |u| user(u, &created));
    })))
}

/// Without `UserName`, the caller itself (AWS's rule for `GetUser`).
pub async fn get_user(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let found = iam.get_user(call, p.optional_as("UserName", UserName::parse)?).await?;
    Ok(Some(Xml::build(|x| {
        x.element("User", |u| user(u, &found));
    })))
}

pub async fn list_users(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let prefix = PathPrefix::parse_or_all(p.optional("PathPrefix"))?;
    let page = iam.list_users(call, prefix, p.page()?).await?;
    Ok(Some(Xml::build(|x| {
        x.list("Users", &page.items, user).page_end(page.is_truncated, page.marker.as_deref());
    })))
}

pub async fn update_user(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let input = UpdateUser {
        name: p.required_as("UserName", UserName::parse)?,
        new_name: p.optional_as("NewUserName", UserName::parse)?,
        new_path: p.optional_as("NewPath", IamPath::parse)?,
    };
    iam.update_user(call, input).await?;
    Ok(None)
}

pub async fn delete_user(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    iam.delete_user(call, p.required_as("UserName", UserName::parse)?).await?;
    Ok(None)
}

pub async fn tag_user(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let name = p.required_as("UserName", UserName::parse)?;
    if !p.has_list("Tags") {
        return Err(super::error::WireError::missing_parameter("Tags"));
    }
    iam.tag_user(call, name, p.tags("Tags")?).await?;
    Ok(None)
}

pub async fn untag_user(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let name = p.required_as("UserName", UserName::parse)?;
    iam.untag_user(call, name, p.required_list("TagKeys")?).await?;
    Ok(None)
}

/// A user has at most 50 tags, so one page always holds them all: never truncated, `MaxItems` has nothing to cut.
pub async fn list_user_tags(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let tags = iam.list_user_tags(call, p.required_as("UserName", UserName::parse)?).await?;
    Ok(Some(Xml::build(|x| {
        tag_list(x, &tags);
        x.page_end(false, None);
    })))
}
