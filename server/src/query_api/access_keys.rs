//! Access-key operations: parameters → `IamService` → botocore's `AccessKey`, `AccessKeyMetadata` and
//! `AccessKeyLastUsed` shapes. Without `UserName`, each acts on the caller's own keys (the root's for the root).

use app::backend::service::Call;
use app::backend::IamService;
use app::model::credentials::{AccessKeyId, AccessKeyMetadata, AccessKeyStatus};
use app::model::UserName;

use super::dispatch::Outcome;
use super::params::Params;
use super::xml::Xml;

/// The only response that ever carries a secret: the one creating it.
pub async fn create_access_key(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let key = iam.create_access_key(call, p.optional_as("UserName", UserName::parse)?).await?;
    Ok(Some(Xml::build(|x| {
        x.element("AccessKey", |k| {
            k.non_empty("UserName", &key.user_name)
                .text("AccessKeyId", &key.access_key_id)
                .text("Status", key.status.as_str())
                .text("SecretAccessKey", &key.secret_access_key)
                .text("CreateDate", &key.create_date);
        });
    })))
}

fn metadata(x: &mut Xml, key: &AccessKeyMetadata) {
    x.non_empty("UserName", &key.user_name)
        .text("AccessKeyId", &key.access_key_id)
        .text("Status", key.status.as_str())
        .text("CreateDate", &key.create_date);
}

/// At most two keys per owner: one page, never truncated.
pub async fn list_access_keys(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let keys = iam.list_access_keys(call, p.optional_as("UserName", UserName::parse)?).await?;
    Ok(Some(Xml::build(|x| {
        x.list("AccessKeyMetadata", &keys, metadata).page_end(false, None);
    })))
}

pub async fn update_access_key(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let user = p.optional_as("UserName", UserName::parse)?;
    let id = p.required_as("AccessKeyId", AccessKeyId::parse)?;
    iam.update_access_key(call, user, id, p.required_as("Status", AccessKeyStatus::parse)?).await?;
    Ok(None)
}

pub async fn delete_access_key(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let user = p.optional_as("UserName", UserName::parse)?;
    iam.delete_access_key(call, user, p.required_as("AccessKeyId", AccessKeyId::parse)?).await?;
    Ok(None)
}

pub async fn get_access_key_last_used(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let used = iam.get_access_key_last_used(call, p.required_as("AccessKeyId", AccessKeyId::parse)?).await?;
    Ok(Some(Xml::build(|x| {
        x.non_empty("UserName", &used.user_name).element("AccessKeyLastUsed", |u| {
            u.optional("LastUsedDate", used.last_used_date.as_deref())
                .text("ServiceName", &used.service_name)
                .text("Region", &used.region);
        });
    })))
}
