//! "Who can do this?": an action on a resource → the users and groups of the account whose policies allow it, and
//! the statements that do.

use serde::{Deserialize, Serialize};

/// At most this many users and this many groups are looked at per question (in path, then name order).
pub const WHO_CAN_LIMIT: usize = 1000;

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WhoCan {
    pub action: String,
    pub resource: String,
    pub users: Vec<Grantee>,
    pub groups: Vec<Grantee>,
    pub users_checked: usize,
    pub groups_checked: usize,
    /// Users and groups the asker may not look into (no `iam:SimulatePrincipalPolicy` on the user, no
    /// `iam:GetGroupPolicy` on the group): left out, and counted so the answer does not read as complete.
    pub hidden: usize,
    /// The account has more users or groups than [`WHO_CAN_LIMIT`]; the rest were not looked at.
    pub truncated: bool,
}

/// A user or group allowed, with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grantee {
    pub name: String,
    pub arn: String,
    pub reasons: Vec<Reason>,
}

/// An `Allow` statement that grants it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reason {
    /// `user/<policy>` (the user's inline policy), `group/<group>/<policy>` (a group's inline policy) or the managed
    /// policy's ARN.
    pub policy_id: String,
    pub sid: Option<String>,
    pub start_line: u32,
    pub end_line: u32,
}

impl Reason {
    /// The policy in words: "inline policy `p`", "inline policy `p` of group `g`", "managed policy `arn`".
    pub fn policy_label(&self) -> String {
        if let Some(name) = self.policy_id.strip_prefix("user/") {
            format!("inline policy {name}")
        } else if let Some((group, name)) = self.policy_id.strip_prefix("group/").and_then(|r| r.split_once('/')) {
            format!("inline policy {name} of group {group}")
        } else {
            format!("managed policy {}", self.policy_id)
        }
    }
}
