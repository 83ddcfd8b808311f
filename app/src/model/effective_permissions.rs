//! A user's effective permissions, beyond AWS: every statement of every policy that reaches the user (their own,
//! attached, and through each group), sorted by the service whose actions it grants or denies, with where it
//! comes from. What the engine would combine; the simulator answers for one request.

use serde::{Deserialize, Serialize};

/// The service bucket of statements that name every service (`"*"`, or a `NotAction`).
pub const ALL_SERVICES: &str = "*";

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EffectivePermissions {
    pub user_arn: String,
    /// `*` first (statements for every service), then by service prefix.
    pub services: Vec<ServicePermissions>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicePermissions {
    /// The action prefix (`iam`, `s3`), or [`ALL_SERVICES`].
    pub service: String,
    /// Denies first (they win), then allows, each in policy order.
    pub statements: Vec<StatementGrant>,
}

/// One statement as it bears on one service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementGrant {
    /// `Allow` or `Deny`.
    pub effect: String,
    /// The statement's actions of this service as written; for a `NotAction`, the actions it leaves out.
    pub actions: Vec<String>,
    pub not_action: bool,
    pub resources: Vec<String>,
    pub not_resource: bool,
    /// `Operator key: value, value` per condition; the statement applies only when all hold.
    pub conditions: Vec<String>,
    pub sid: Option<String>,
    /// Where it reaches the user from, in words: "inline policy `p`", "managed policy `p` attached to group `g`".
    pub source: String,
    /// The console page of the policy.
    pub policy_href: String,
    pub start_line: u32,
    pub end_line: u32,
}

impl StatementGrant {
    pub fn is_deny(&self) -> bool {
        self.effect == "Deny"
    }
}

/// The service prefix of an action pattern (`"s3:Get*"` → `s3`, lower case, as IAM compares it); `*` for a pattern
/// that spans services (`"*"`, `"*:Get*"`).
pub fn service_of(action: &str) -> String {
    match action.split_once(':') {
        Some((service, _)) if !service.contains(['*', '?']) && !service.is_empty() => service.to_ascii_lowercase(),
        _ => ALL_SERVICES.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_sort_by_their_service_prefix_and_wildcards_span_every_service() {
        assert_eq!(service_of("s3:GetObject"), "s3");
        assert_eq!(service_of("IAM:CreateUser"), "iam");
        assert_eq!(service_of("iam:*"), "iam");
        assert_eq!(service_of("*"), ALL_SERVICES);
        assert_eq!(service_of("*:Get*"), ALL_SERVICES);
        assert_eq!(service_of("s?:Get*"), ALL_SERVICES);
    }
}
