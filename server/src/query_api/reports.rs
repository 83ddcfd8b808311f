//! Account-wide reports and settings: `GetAccountSummary`, the credential report, and the account alias.

use app::backend::service::Call;
use app::backend::IamService;
use app::model::AccountAlias;
use base64::Engine as _;

use super::dispatch::Outcome;
use super::params::Params;
use super::xml::Xml;

/// `SummaryMap` is a map, which the Query protocol writes as `<entry><key/><value/></entry>` elements.
pub async fn get_account_summary(iam: &IamService, call: &Call, _p: &Params) -> Outcome {
    let summary = iam.get_account_summary(call).await?;
    Ok(Some(Xml::build(|x| {
        x.element("SummaryMap", |m| {
            for (key, value) in &summary {
                m.element("entry", |e| {
                    e.text("key", key).number("value", *value);
                });
            }
        });
    })))
}

pub async fn generate_credential_report(iam: &IamService, call: &Call, _p: &Params) -> Outcome {
    let generation = iam.generate_credential_report(call).await?;
    Ok(Some(Xml::build(|x| {
        x.text("State", &generation.state).text("Description", &generation.description);
    })))
}

/// `Content` is a blob, which the Query protocol sends base64-encoded; clients decode it back to the CSV.
pub async fn get_credential_report(iam: &IamService, call: &Call, _p: &Params) -> Outcome {
    let report = iam.get_credential_report(call).await?;
    let content = base64::engine::general_purpose::STANDARD.encode(report.content.as_bytes());
    Ok(Some(Xml::build(|x| {
        x.text("Content", &content)
            .text("ReportFormat", &report.report_format)
            .text("GeneratedTime", &report.generated_time);
    })))
}

pub async fn create_account_alias(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    iam.create_account_alias(call, p.required_as("AccountAlias", AccountAlias::parse)?).await?;
    Ok(None)
}

pub async fn delete_account_alias(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    iam.delete_account_alias(call, p.required_as("AccountAlias", AccountAlias::parse)?).await?;
    Ok(None)
}

/// An account has at most one alias: one page, never truncated.
pub async fn list_account_aliases(iam: &IamService, call: &Call, _p: &Params) -> Outcome {
    let aliases = iam.list_account_aliases(call).await?;
    Ok(Some(Xml::build(|x| {
        x.string_list("AccountAliases", aliases.iter().map(String::as_str)).page_end(false, None);
    })))
}
