//! Wire types of the audit log, the policy simulator, the account summary and the credential report. Timestamps are
//! RFC 3339 strings, as everywhere in the model (the WASM side has no clock crate).

use serde::{Deserialize, Serialize};

/// Filters of an audit log query; every one optional, all of them ANDed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditQuery {
    /// RFC 3339; events at or after this time.
    pub since: Option<String>,
    /// RFC 3339; events at or before this time.
    pub until: Option<String>,
    /// Exactly this principal, e.g. `arn:aws:iam::123456789012:user/app/backup`.
    pub principal_arn: Option<String>,
    /// Exactly this action, e.g. `iam:CreateUser` (compared case-insensitively, as IAM compares actions).
    pub action: Option<String>,
    /// `allowed`, `denied` or `failed`.
    pub outcome: Option<String>,
}

/// A user's latest audit events as the principal, for their page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentActivity {
    pub principal_arn: String,
    pub events: Vec<AuditEventView>,
    /// More events exist than `events` shows.
    pub more: bool,
}

/// One audit record. Never holds a secret: the service records only ARNs, action names and request facts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEventView {
    /// RFC 3339.
    pub at: String,
    pub principal_arn: String,
    pub action: String,
    pub resource: String,
    /// `allowed`, `denied` or `failed`.
    pub outcome: String,
    pub error_code: Option<String>,
    pub source_ip: Option<String>,
    pub request_id: String,
    /// `console` or `api`.
    pub channel: String,
}

/// A simulator context entry, as AWS's `ContextEntry`: values always as strings, with the type telling how to read
/// them (`string`, `stringList`, `numeric`, `numericList`, `boolean`, `booleanList`, `ip`, `ipList`, `date`,
/// `dateList`, `binary`, `binaryList`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContextEntry {
    pub key: String,
    pub values: Vec<String>,
    #[serde(rename = "type")]
    pub type_: String,
}

/// `SimulatePrincipalPolicy`: a user's effective policies, plus optional extra documents, over actions × resources.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulatePrincipal {
    /// The user's ARN, e.g. `arn:aws:iam::123456789012:user/app/backup`.
    pub policy_source_arn: String,
    pub action_names: Vec<String>,
    /// Empty means `["*"]`, as in AWS.
    pub resource_arns: Vec<String>,
    pub context_entries: Vec<ContextEntry>,
    /// Extra identity policy documents evaluated as if attached to the user.
    pub policy_input_list: Vec<String>,
}

/// `SimulateCustomPolicy`: only the given documents, over actions × resources.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulateCustom {
    pub policy_input_list: Vec<String>,
    pub action_names: Vec<String>,
    /// Empty means `["*"]`, as in AWS.
    pub resource_arns: Vec<String>,
    pub context_entries: Vec<ContextEntry>,
    /// The simulated caller (an IAM user's ARN), for `aws:username` and other principal keys.
    pub caller_arn: Option<String>,
}

/// A 1-based line and column (counted in characters), as an editor shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// A statement that decided a simulation result, located in its policy's text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementView {
    /// `user/<policy>`, `group/<group>/<policy>`, a managed policy's ARN, or `PolicyInputList.<n>` (1-based).
    pub source_policy_id: String,
    /// AWS's `PolicySourceType`: `user`, `group`, `user-managed` or `IAM Policy` (a document from the input list).
    pub source_policy_type: String,
    pub start: Position,
    pub end: Position,
}

/// One (action, resource) pair's outcome, as AWS's `EvaluationResult`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvaluationResult {
    pub eval_action_name: String,
    pub eval_resource_name: String,
    /// `allowed`, `explicitDeny` or `implicitDeny`.
    pub eval_decision: String,
    pub matched_statements: Vec<StatementView>,
    /// Context keys the deciding candidates refer to but the simulation did not supply.
    pub missing_context_values: Vec<String>,
}

/// `GenerateCredentialReport`'s answer. We build the report synchronously, so the state is always `COMPLETE`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportGeneration {
    pub state: String,
    pub description: String,
}

/// `GetCredentialReport`: the CSV itself (the Query API base64-encodes it, as AWS sends a blob).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CredentialReport {
    pub content: String,
    /// Always `text/csv`.
    pub report_format: String,
    /// RFC 3339.
    pub generated_time: String,
}

/// `GetAccountSummary`'s `SummaryMap`, keyed by AWS's names (`Users`, `UsersQuota`, …), sorted by key.
pub type AccountSummary = std::collections::BTreeMap<String, i64>;
