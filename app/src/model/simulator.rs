//! The console's policy simulator: the form as the address carries it (raw text, as typed), how that text becomes
//! AWS's simulation input, and the answer with the text of every policy whose statements decided a result, so the
//! page can show those statements in place.

use serde::{Deserialize, Serialize};

use super::reports::{ContextEntry, EvaluationResult};

/// Simulate an IAM user's effective policies (`SimulatePrincipalPolicy`).
pub const MODE_USER: &str = "user";
/// Simulate a group's own policies (inline and attached), as every member gets them.
pub const MODE_GROUP: &str = "group";
/// Simulate a pasted policy document alone (`SimulateCustomPolicy`).
pub const MODE_CUSTOM: &str = "custom";

/// The simulator's form, each field the text of its input as typed; empty means "not given". The service reads the
/// lists and context out of it and validates them: nothing here rejects anything.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulatorForm {
    /// [`MODE_USER`] (also when empty), [`MODE_GROUP`] or [`MODE_CUSTOM`].
    pub mode: String,
    /// The user's name, for [`MODE_USER`].
    pub user: String,
    /// The group's name, for [`MODE_GROUP`].
    pub group: String,
    /// Policy documents as typed, blank ones included: the ones simulated in [`MODE_CUSTOM`], extra ones as if
    /// attached in [`MODE_USER`] and [`MODE_GROUP`].
    pub policies: Vec<String>,
    /// [`MODE_CUSTOM`]: the principal the pasted policies are simulated for (`CallerArn`), which gives policy
    /// variables like `${aws:username}` their value. Empty: no principal.
    pub caller_arn: String,
    /// Action names separated by lines, commas or spaces.
    pub actions: String,
    /// Resource ARNs, one per line (an S3 key may hold a comma or a space); none means `*`.
    pub resources: String,
    /// `aws:SourceIp`.
    pub source_ip: String,
    /// `aws:MultiFactorAuthPresent`: `true`, `false`, or empty for "not supplied".
    pub mfa: String,
    /// `aws:CurrentTime`, ISO 8601.
    pub current_time: String,
    /// `aws:username`.
    pub username: String,
}

impl SimulatorForm {
    /// The mode chosen: the user mode unless another is named (the form's first choice).
    pub fn chosen_mode(&self) -> &str {
        match self.mode.as_str() {
            MODE_GROUP => MODE_GROUP,
            MODE_CUSTOM => MODE_CUSTOM,
            _ => MODE_USER,
        }
    }

    /// Nothing asked yet (the mode alone asks nothing): the first visit shows the form only.
    pub fn is_empty(&self) -> bool {
        self.policies.iter().all(|p| p.trim().is_empty())
            && [
                &self.user,
                &self.group,
                &self.caller_arn,
                &self.actions,
                &self.resources,
                &self.source_ip,
                &self.mfa,
                &self.current_time,
                &self.username,
            ]
            .iter()
            .all(|v| v.trim().is_empty())
    }

    /// The action names, in the order typed. An action name holds neither a comma nor a space.
    pub fn action_names(&self) -> Vec<String> {
        self.actions
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|a| !a.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// The resource ARNs, one per non-blank line; none (AWS then simulates `*`).
    pub fn resource_arns(&self) -> Vec<String> {
        self.resources.lines().map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned).collect()
    }

    /// The pasted documents that are not blank, as typed (their line numbers are the ones the results refer to),
    /// in order: the first is `PolicyInputList.1`.
    pub fn policy_documents(&self) -> Vec<String> {
        self.policies.iter().filter(|p| !p.trim().is_empty()).cloned().collect()
    }

    /// The caller ARN, when one is given.
    pub fn caller(&self) -> Option<String> {
        Some(self.caller_arn.trim()).filter(|arn| !arn.is_empty()).map(str::to_owned)
    }

    /// Only the context keys given: a key left empty is one the simulated request does not carry, which the results
    /// then report as missing where a condition needs it.
    pub fn context_entries(&self) -> Vec<ContextEntry> {
        [
            ("aws:SourceIp", "ip", &self.source_ip),
            ("aws:MultiFactorAuthPresent", "boolean", &self.mfa),
            ("aws:CurrentTime", "date", &self.current_time),
            ("aws:username", "string", &self.username),
        ]
        .into_iter()
        .filter(|(_, _, value)| !value.trim().is_empty())
        .map(|(key, type_, value)| ContextEntry {
            key: key.to_owned(),
            values: vec![value.trim().to_owned()],
            type_: type_.to_owned(),
        })
        .collect()
    }
}

/// A policy holding at least one deciding statement, with its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyText {
    /// As in [`super::reports::StatementView::source_policy_id`].
    pub id: String,
    /// As in [`super::reports::StatementView::source_policy_type`].
    pub source_type: String,
    pub document: String,
}

/// The simulator's answer: one result per (action, resource), and the policies their deciding statements are in,
/// in the order the results first mention them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulationReport {
    pub results: Vec<EvaluationResult>,
    pub policies: Vec<PolicyText>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_split_as_typed() {
        let form = SimulatorForm {
            actions: "s3:GetObject, ec2:RunInstances\r\n\r\n iam:CreateUser".into(),
            resources: " arn:aws:s3:::b/a key, with comma \r\n\r\narn:aws:s3:::b/x\n".into(),
            ..SimulatorForm::default()
        };
        assert_eq!(form.action_names(), ["s3:GetObject", "ec2:RunInstances", "iam:CreateUser"]);
        assert_eq!(form.resource_arns(), ["arn:aws:s3:::b/a key, with comma", "arn:aws:s3:::b/x"]);
        assert!(form.policy_documents().is_empty());
        assert_eq!(form.caller(), None);
        let pasted =
            SimulatorForm { policies: vec!["{}".into(), " \n".into(), "[]".into()], ..SimulatorForm::default() };
        assert_eq!(pasted.policy_documents(), ["{}", "[]"], "blank documents are skipped, the others kept in order");
        assert!(!pasted.is_empty());
        assert!(SimulatorForm { policies: vec![" ".into()], ..SimulatorForm::default() }.is_empty());
        assert!(!form.is_empty());
        assert!(SimulatorForm { mode: MODE_CUSTOM.into(), ..SimulatorForm::default() }.is_empty());
    }

    #[test]
    fn only_supplied_context_keys_are_sent() {
        let form = SimulatorForm { mfa: "false".into(), source_ip: " 10.0.0.1 ".into(), ..SimulatorForm::default() };
        let entries = form.context_entries();
        assert_eq!(entries.len(), 2);
        assert_eq!(entries[0].key, "aws:SourceIp");
        assert_eq!(entries[0].values, ["10.0.0.1"]);
        assert_eq!(entries[0].type_, "ip");
        assert_eq!(entries[1].key, "aws:MultiFactorAuthPresent");
        assert_eq!(entries[1].type_, "boolean");
    }
}
