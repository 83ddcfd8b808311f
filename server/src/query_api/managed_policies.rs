//! Customer managed policies, their versions and attachments: parameters → `IamService` → botocore's `Policy`,
//! `PolicyVersion`, `AttachedPolicy`, `PolicyUser` and `PolicyGroup` shapes.

use app::backend::service::Call;
use app::backend::IamService;
use app::model::policies::{
    AttachedPolicy, EntityFilter, ManagedPolicyView, PolicyArn, PolicyScope, PolicyVersionId, PolicyVersionView,
};
use app::model::{GroupName, IamPath, PathPrefix, PolicyName, UserName};

use super::dispatch::Outcome;
use super::error::WireError;
use super::params::Params;
use super::xml::Xml;

/// botocore's `Policy`, members in its order. There are no permissions boundaries here, so that count is always 0.
fn policy(x: &mut Xml, p: &ManagedPolicyView) {
    x.text("PolicyName", &p.policy_name)
        .text("PolicyId", &p.policy_id)
        .text("Arn", &p.arn)
        .text("Path", &p.path)
        .text("DefaultVersionId", &p.default_version_id)
        .number("AttachmentCount", i64::try_from(p.attachment_count).unwrap_or(i64::MAX))
        .number("PermissionsBoundaryUsageCount", 0)
        .bool("IsAttachable", p.is_attachable)
        .optional("Description", p.description.as_deref())
        .text("CreateDate", &p.create_date)
        .text("UpdateDate", &p.update_date);
}

/// botocore's `PolicyVersion`. AWS sends the document only from `GetPolicyVersion`, URL-encoded.
fn version(x: &mut Xml, v: &PolicyVersionView, with_document: bool) {
    if with_document {
        x.policy_document("Document", &v.document);
    }
    x.text("VersionId", &v.version_id)
        .bool("IsDefaultVersion", v.is_default_version)
        .text("CreateDate", &v.create_date);
}

fn attached(x: &mut Xml, a: &AttachedPolicy) {
    x.text("PolicyName", &a.policy_name).text("PolicyArn", &a.policy_arn);
}

fn arn(p: &Params) -> Result<PolicyArn, WireError> {
    p.required_as("PolicyArn", PolicyArn::parse)
}

fn version_id(p: &Params) -> Result<PolicyVersionId, WireError> {
    p.required_as("VersionId", PolicyVersionId::parse)
}

pub async fn create_policy(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    // Refused rather than dropped: a client that tags expects to find the tags (and to match conditions on them).
    if p.has_list("Tags") {
        return Err(WireError::invalid_parameter_value("`Tags`: tags on managed policies are not supported".into()));
    }
    let name = p.required_as("PolicyName", PolicyName::parse)?;
    let path = IamPath::parse_or_root(p.optional("Path"))?;
    let description = p.optional("Description").map(str::to_owned);
    let created = iam.create_policy(call, name, path, description, p.required("PolicyDocument")?.to_owned()).await?;
    Ok(Some(Xml::build(|x| {
        x.element("Policy", |e| policy(e, &created));
    })))
}

pub async fn get_policy(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let found = iam.get_policy(call, arn(p)?).await?;
    Ok(Some(Xml::build(|x| {
        x.element("Policy", |e| policy(e, &found));
    })))
}

/// `PolicyUsageFilter` is not read: with no permissions boundaries here, every policy is a permissions policy.
pub async fn list_policies(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let scope = p.optional_as("Scope", PolicyScope::parse)?.unwrap_or_default();
    let only_attached = p.bool("OnlyAttached")?.unwrap_or(false);
    let prefix = PathPrefix::parse_or_all(p.optional("PathPrefix"))?;
    let page = iam.list_policies(call, scope, only_attached, prefix, p.page()?).await?;
    Ok(Some(Xml::build(|x| {
        x.list("Policies", &page.items, policy).page_end(page.is_truncated, page.marker.as_deref());
    })))
}

pub async fn delete_policy(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    iam.delete_policy(call, arn(p)?).await?;
    Ok(None)
}

pub async fn create_policy_version(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let arn = arn(p)?;
    let document = p.required("PolicyDocument")?.to_owned();
    let created = iam.create_policy_version(call, arn, document, p.bool("SetAsDefault")?.unwrap_or(false)).await?;
    Ok(Some(Xml::build(|x| {
        x.element("PolicyVersion", |e| version(e, &created, false));
    })))
}

pub async fn get_policy_version(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let found = iam.get_policy_version(call, arn(p)?, version_id(p)?).await?;
    Ok(Some(Xml::build(|x| {
        x.element("PolicyVersion", |e| version(e, &found, true));
    })))
}

/// At most five versions: one page, never truncated.
pub async fn list_policy_versions(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let versions = iam.list_policy_versions(call, arn(p)?).await?;
    Ok(Some(Xml::build(|x| {
        x.list("Versions", &versions, |e, v| version(e, v, false)).page_end(false, None);
    })))
}

pub async fn delete_policy_version(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    iam.delete_policy_version(call, arn(p)?, version_id(p)?).await?;
    Ok(None)
}

pub async fn set_default_policy_version(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    iam.set_default_policy_version(call, arn(p)?, version_id(p)?).await?;
    Ok(None)
}

pub async fn attach_user_policy(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    iam.attach_user_policy(call, p.required_as("UserName", UserName::parse)?, arn(p)?).await?;
    Ok(None)
}

pub async fn detach_user_policy(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    iam.detach_user_policy(call, p.required_as("UserName", UserName::parse)?, arn(p)?).await?;
    Ok(None)
}

pub async fn attach_group_policy(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    iam.attach_group_policy(call, p.required_as("GroupName", GroupName::parse)?, arn(p)?).await?;
    Ok(None)
}

pub async fn detach_group_policy(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    iam.detach_group_policy(call, p.required_as("GroupName", GroupName::parse)?, arn(p)?).await?;
    Ok(None)
}

pub async fn list_attached_user_policies(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let user = p.required_as("UserName", UserName::parse)?;
    let prefix = PathPrefix::parse_or_all(p.optional("PathPrefix"))?;
    let page = iam.list_attached_user_policies(call, user, prefix, p.page()?).await?;
    Ok(Some(Xml::build(|x| {
        x.list("AttachedPolicies", &page.items, attached).page_end(page.is_truncated, page.marker.as_deref());
    })))
}

pub async fn list_attached_group_policies(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let group = p.required_as("GroupName", GroupName::parse)?;
    let prefix = PathPrefix::parse_or_all(p.optional("PathPrefix"))?;
    let page = iam.list_attached_group_policies(call, group, prefix, p.page()?).await?;
    Ok(Some(Xml::build(|x| {
        x.list("AttachedPolicies", &page.items, attached).page_end(page.is_truncated, page.marker.as_deref());
    })))
}

/// `PolicyRoles` is always empty: there are no roles here.
pub async fn list_entities_for_policy(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let arn = arn(p)?;
    let filter = p.optional_as("EntityFilter", EntityFilter::parse)?;
    let prefix = PathPrefix::parse_or_all(p.optional("PathPrefix"))?;
    let found = iam.list_entities_for_policy(call, arn, filter, prefix, p.page()?).await?;
    Ok(Some(Xml::build(|x| {
        x.list("PolicyGroups", &found.policy_groups, |e, g| {
            e.text("GroupName", &g.group_name).text("GroupId", &g.group_id);
        })
        .list("PolicyUsers", &found.policy_users, |e, u| {
            e.text("UserName", &u.user_name).text("UserId", &u.user_id);
        })
        .list("PolicyRoles", Vec::<()>::new(), |_, ()| {})
        .page_end(found.is_truncated, found.marker.as_deref());
    })))
}
