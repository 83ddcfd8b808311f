//! What the console's user detail page shows beyond `UserView`.

use serde::{Deserialize, Serialize};

use super::policies::AttachedPolicy;
use super::UserView;

/// A user's own policies: inline ones by name and attached managed ones. (Permissions via groups show on the groups.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPolicies {
    pub inline: Vec<String>,
    pub attached: Vec<AttachedPolicy>,
}

/// A user created from the console, and the page to go to next (where the form post is redirected).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedUser {
    pub user: UserView,
    pub next: String,
}

/// What deleting a user from the console removes first, each as the service will remove it (AWS's console does the
/// same; the API's `DeleteUser` refuses while any of it remains).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDeletionPreview {
    pub access_keys: Vec<String>,
    pub console_password: bool,
    /// Serial numbers of the enabled virtual MFA devices: deactivated, then deleted.
    pub mfa_devices: Vec<String>,
    pub inline_policies: Vec<String>,
    pub attached_policies: Vec<AttachedPolicy>,
    pub groups: Vec<String>,
}

impl UserDeletionPreview {
    /// One line per kind of thing, in the order they are removed; empty when the user has nothing but itself.
    pub fn lines(&self) -> Vec<String> {
        let named = |what: &str, names: &[String]| {
            (!names.is_empty()).then(|| format!("{what} ({}): {}", names.len(), names.join(", ")))
        };
        let attached: Vec<String> = self.attached_policies.iter().map(|p| p.policy_name.clone()).collect();
        [
            named("access keys", &self.access_keys),
            self.console_password.then(|| "the console password".to_owned()),
            named("MFA devices, deactivated and deleted", &self.mfa_devices),
            named("inline policies", &self.inline_policies),
            named("managed policies, detached", &attached),
            named("group memberships", &self.groups),
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_names_everything_in_removal_order() {
        let preview = UserDeletionPreview {
            access_keys: vec!["AKIA1".into(), "AKIA2".into()],
            console_password: true,
            groups: vec!["admins".into()],
            ..UserDeletionPreview::default()
        };
        assert_eq!(
            preview.lines(),
            ["access keys (2): AKIA1, AKIA2", "the console password", "group memberships (1): admins"]
        );
        assert!(UserDeletionPreview::default().lines().is_empty());
    }
}
