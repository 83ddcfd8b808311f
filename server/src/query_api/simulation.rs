//! The policy simulator over the API: `SimulatePrincipalPolicy` and `SimulateCustomPolicy` → botocore's
//! `EvaluationResult` shapes.

use app::backend::service::Call;
use app::backend::IamService;
use app::model::reports::{ContextEntry, EvaluationResult, Position, SimulateCustom, SimulatePrincipal};

use super::dispatch::Outcome;
use super::error::WireError;
use super::params::Params;
use super::xml::Xml;

/// Inputs that would change a decision if honoured (resource-based policies, boundaries): refused, not ignored, so
/// a simulation never answers a different question from the one asked.
fn refuse_unsupported(p: &Params) -> Result<(), WireError> {
    if p.has_list("PermissionsBoundaryPolicyInputList") {
        return Err(WireError::invalid_parameter_value(
            "`PermissionsBoundaryPolicyInputList`: permissions boundaries are not supported".into(),
        ));
    }
    p.unsupported("ResourcePolicy", "resource-based policies")?;
    p.unsupported("ResourceOwner", "resource owners (resource-based policies)")?;
    p.unsupported("ResourceHandlingOption", "resource handling options (EC2 scenarios)")
}

/// `ContextEntries.member.N`: name, type and values, all strings, read by the service according to the type.
fn context_entries(p: &Params) -> Result<Vec<ContextEntry>, WireError> {
    p.members("ContextEntries")?
        .iter()
        .map(|entry| {
            Ok(ContextEntry {
                key: entry.required("ContextKeyName")?.to_owned(),
                values: entry.member_list("ContextKeyValues.member")?,
                type_: entry.required("ContextKeyType")?.to_owned(),
            })
        })
        .collect()
}

/// `ResourceArns` is optional: empty means `*`, which the service applies.
fn resource_arns(p: &Params) -> Result<Vec<String>, WireError> {
    p.member_list("ResourceArns.member")
}

pub async fn simulate_principal_policy(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    refuse_unsupported(p)?;
    p.unsupported("CallerArn", "a caller other than the simulated principal")?;
    let input = SimulatePrincipal {
        policy_source_arn: p.required("PolicySourceArn")?.to_owned(),
        action_names: p.required_list("ActionNames")?,
        resource_arns: resource_arns(p)?,
        context_entries: context_entries(p)?,
        policy_input_list: p.member_list("PolicyInputList.member")?,
    };
    render(iam.simulate_principal_policy(call, input).await?)
}

pub async fn simulate_custom_policy(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    refuse_unsupported(p)?;
    let input = SimulateCustom {
        policy_input_list: p.required_list("PolicyInputList")?,
        action_names: p.required_list("ActionNames")?,
        resource_arns: resource_arns(p)?,
        context_entries: context_entries(p)?,
        caller_arn: p.optional("CallerArn").map(str::to_owned),
    };
    render(iam.simulate_custom_policy(call, input).await?)
}

fn position(x: &mut Xml, tag: &str, at: Position) {
    x.element(tag, |e| {
        e.number("Line", i64::from(at.line)).number("Column", i64::from(at.column));
    });
}

/// Every (action, resource) result in one page: the service answers them all at once, so nothing is truncated.
fn render(results: Vec<EvaluationResult>) -> Outcome {
    Ok(Some(Xml::build(|x| {
        x.list("EvaluationResults", &results, |e, r| {
            e.text("EvalActionName", &r.eval_action_name)
                .text("EvalResourceName", &r.eval_resource_name)
                .text("EvalDecision", &r.eval_decision)
                .list("MatchedStatements", &r.matched_statements, |s, st| {
                    s.text("SourcePolicyId", &st.source_policy_id).text("SourcePolicyType", &st.source_policy_type);
                    position(s, "StartPosition", st.start);
                    position(s, "EndPosition", st.end);
                })
                .string_list("MissingContextValues", r.missing_context_values.iter().map(String::as_str));
        })
        .page_end(false, None);
    })))
}
