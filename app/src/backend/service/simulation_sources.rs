//! The console's policy simulator: the form's text turned into a `SimulatePrincipalPolicy` (by user name) or
//! `SimulateCustomPolicy` call, answered with the text of every policy holding a deciding statement, so the page can
//! show each statement in place. The policies are the ones the simulation itself loaded (`simulation.rs`), never
//! read a second time.

use super::caller::Call;
use super::simulation::Simulated;
use super::IamService;
use crate::model::reports::{EvaluationResult, SimulateCustom, SimulatePrincipal};
use crate::model::simulator::{PolicyText, SimulationReport, SimulatorForm, MODE_CUSTOM, MODE_GROUP, MODE_USER};
use crate::model::{GroupName, IamError, UserName};

impl IamService {
    /// Simulates what the form asks. The user mode names the user; their ARN (which carries the path) comes from
    /// `GetUser`, so a caller who may not read the user learns nothing about it, and the simulation itself is then
    /// authorized as `SimulatePrincipalPolicy` on that ARN. The group mode simulates the group's own policies
    /// (`simulate_group`). The custom mode is `SimulateCustomPolicy`.
    pub async fn simulate_console_form(&self, call: &Call, form: &SimulatorForm) -> Result<SimulationReport, IamError> {
        let (simulated, results) = match form.mode.as_str() {
            "" | MODE_USER => {
                let name = form.user.trim();
                if name.is_empty() {
                    return Err(IamError::ValidationError("choose the user whose policies to simulate".into()));
                }
                let user = self.get_user(call, Some(UserName::parse(name)?)).await?;
                let input = SimulatePrincipal {
                    policy_source_arn: user.arn,
                    action_names: form.action_names(),
                    resource_arns: form.resource_arns(),
                    context_entries: form.context_entries(),
                    policy_input_list: form.policy_documents(),
                };
                self.simulate_principal(call, input).await?
            }
            MODE_GROUP => {
                let name = form.group.trim();
                if name.is_empty() {
                    return Err(IamError::ValidationError("choose the group whose policies to simulate".into()));
                }
                let input = SimulateCustom {
                    policy_input_list: form.policy_documents(),
                    action_names: form.action_names(),
                    resource_arns: form.resource_arns(),
                    context_entries: form.context_entries(),
                    caller_arn: None,
                };
                self.simulate_group(call, &GroupName::parse(name)?, input).await?
            }
            MODE_CUSTOM => {
                let input = SimulateCustom {
                    policy_input_list: form.policy_documents(),
                    action_names: form.action_names(),
                    resource_arns: form.resource_arns(),
                    context_entries: form.context_entries(),
                    caller_arn: form.caller(),
                };
                self.simulate_custom(call, input).await?
            }
            other => {
                return Err(IamError::InvalidInput(format!(
                    "simulator mode `{other}` must be `{MODE_USER}`, `{MODE_GROUP}` or `{MODE_CUSTOM}`"
                )))
            }
        };
        let policies = deciding_policies(&simulated, &results);
        Ok(SimulationReport { results, policies })
    }
}

/// The policies the results' deciding statements are in, each once, in the order the results first mention them.
fn deciding_policies(simulated: &Simulated, results: &[EvaluationResult]) -> Vec<PolicyText> {
    let mut policies: Vec<PolicyText> = Vec::new();
    for statement in results.iter().flat_map(|r| &r.matched_statements) {
        if policies.iter().any(|p| p.id == statement.source_policy_id) {
            continue;
        }
        if let Some((kind, document)) = simulated.source(&statement.source_policy_id) {
            policies.push(PolicyText {
                id: statement.source_policy_id.clone(),
                source_type: kind.to_owned(),
                document: document.to_owned(),
            });
        }
    }
    policies
}
