//! `Put/Get/List/Delete{User,Group}Policy`: the user and group variants differ only in the owner's parameter name,
//! as in the service, so one handler each serves both.

use app::backend::service::{Call, Owner};
use app::backend::IamService;
use app::model::{GroupName, PolicyName, UserName};

use super::dispatch::Outcome;
use super::error::WireError;
use super::params::Params;
use super::xml::Xml;

#[derive(Clone, Copy, Debug)]
pub enum Kind {
    User,
    Group,
}

impl Kind {
    /// The owner's parameter (and response member) name.
    fn owner_param(self) -> &'static str {
        match self {
            Kind::User => "UserName",
            Kind::Group => "GroupName",
        }
    }

    fn owner(self, p: &Params) -> Result<Owner, WireError> {
        Ok(match self {
            Kind::User => Owner::User(p.required_as(self.owner_param(), UserName::parse)?),
            Kind::Group => Owner::Group(p.required_as(self.owner_param(), GroupName::parse)?),
        })
    }
}

pub async fn put(iam: &IamService, call: &Call, p: &Params, kind: Kind) -> Outcome {
    let owner = kind.owner(p)?;
    let name = p.required_as("PolicyName", PolicyName::parse)?;
    iam.put_inline_policy(call, owner, name, p.required("PolicyDocument")?.to_owned()).await?;
    Ok(None)
}

/// The document exactly as stored, URL-encoded as IAM sends documents.
pub async fn get(iam: &IamService, call: &Call, p: &Params, kind: Kind) -> Outcome {
    let owner = kind.owner(p)?;
    let policy = iam.get_inline_policy(call, owner, p.required_as("PolicyName", PolicyName::parse)?).await?;
    Ok(Some(Xml::build(|x| {
        x.text(kind.owner_param(), &policy.owner_name)
            .text("PolicyName", &policy.policy_name)
            .policy_document("PolicyDocument", &policy.policy_document);
    })))
}

/// An owner's inline policies are bounded by its size limit, so the service answers in one page: never truncated.
pub async fn list(iam: &IamService, call: &Call, p: &Params, kind: Kind) -> Outcome {
    let names = iam.list_inline_policies(call, kind.owner(p)?).await?;
    Ok(Some(Xml::build(|x| {
        x.string_list("PolicyNames", names.iter().map(String::as_str)).page_end(false, None);
    })))
}

pub async fn delete(iam: &IamService, call: &Call, p: &Params, kind: Kind) -> Outcome {
    let owner = kind.owner(p)?;
    iam.delete_inline_policy(call, owner, p.required_as("PolicyName", PolicyName::parse)?).await?;
    Ok(None)
}
