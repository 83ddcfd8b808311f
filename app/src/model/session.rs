use serde::{Deserialize, Serialize};

use super::AccountView;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PrincipalKind {
    Root,
    User,
}

/// What the console knows about the signed-in person: enough to render the shell, never a secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub kind: PrincipalKind,
    /// The root's email or the IAM user's name.
    pub display_name: String,
    pub arn: String,
    pub account: AccountView,
}
