//! What the signed-in principal may do on a page, asked of the same engine that authorizes every call. The console
//! disables what is refused and says which permission is missing; the server still enforces everything.

use serde::{Deserialize, Serialize};

/// The actions the user page offers, each asked on the user's ARN.
pub const USER_PAGE_ACTIONS: &[&str] = &[
    "iam:UpdateUser",
    "iam:DeleteUser",
    "iam:TagUser",
    "iam:UntagUser",
    "iam:CreateAccessKey",
    "iam:UpdateAccessKey",
    "iam:DeleteAccessKey",
    "iam:CreateLoginProfile",
    "iam:DeleteLoginProfile",
    "iam:EnableMFADevice",
    "iam:ResyncMFADevice",
    "iam:DeactivateMFADevice",
];

/// The actions the group page offers, each asked on the group's ARN.
pub const GROUP_PAGE_ACTIONS: &[&str] =
    &["iam:UpdateGroup", "iam:DeleteGroup", "iam:AddUserToGroup", "iam:RemoveUserFromGroup"];

/// The answers for one page: only the refusals travel; anything not listed is allowed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Permissions {
    pub refused: Vec<Refusal>,
}

/// An action the caller may not perform on `resource`, and whether a statement denies it outright (adding an Allow
/// would not help) or nothing allows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub action: String,
    pub resource: String,
    pub explicit_deny: bool,
}

impl Permissions {
    /// Why `action` is refused, in words for the page, or `None` when it is allowed.
    pub fn missing(&self, action: &str) -> Option<String> {
        self.refused.iter().find(|r| r.action == action).map(|r| {
            if r.explicit_deny {
                format!("A policy denies you {} on {}.", r.action, r.resource)
            } else {
                format!("You need {} on {}.", r.action, r.resource)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_refused_actions_are_missing_and_the_reason_names_action_and_resource() {
        let permissions = Permissions {
            refused: vec![
                Refusal {
                    action: "iam:DeleteUser".into(),
                    resource: "arn:aws:iam::1:user/a".into(),
                    explicit_deny: false,
                },
                Refusal { action: "iam:TagUser".into(), resource: "arn:aws:iam::1:user/a".into(), explicit_deny: true },
            ],
        };
        assert_eq!(permissions.missing("iam:UpdateUser"), None);
        assert_eq!(
            permissions.missing("iam:DeleteUser").as_deref(),
            Some("You need iam:DeleteUser on arn:aws:iam::1:user/a.")
        );
        assert_eq!(
            permissions.missing("iam:TagUser").as_deref(),
            Some("A policy denies you iam:TagUser on arn:aws:iam::1:user/a.")
        );
    }
}
