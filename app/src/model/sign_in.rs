//! The steps of an IAM user's console sign-in: password, then a TOTP code when the user has MFA, then a new password
//! when one is required. Between steps the server keeps the half-finished sign-in in the session (not a session one
//! can use): these types only tell the browser where to go next.

use serde::{Deserialize, Serialize};

/// Where the browser goes after a sign-in step: `done` means a console session now exists (load `/` afresh).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInNext {
    pub path: String,
    pub done: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SignInStage {
    /// The password was right; a code from the user's MFA device is needed.
    Mfa,
    /// The password (and MFA, if any) were right; the password must be changed before the console opens.
    NewPassword,
}

/// A sign-in in progress, as the step pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInProgress {
    pub account_id: String,
    pub user_name: String,
    pub stage: SignInStage,
}

impl SignInStage {
    /// The page of this stage for `account` (an id or alias).
    pub fn path(self, account: &str) -> String {
        match self {
            Self::Mfa => format!("/signin/{account}/mfa"),
            Self::NewPassword => format!("/signin/{account}/new-password"),
        }
    }
}
