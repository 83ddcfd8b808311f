use serde::{Deserialize, Serialize};

use super::{AccountView, SessionView};

/// The first thing every page needs: is the account set up, and who (if anyone) is signed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsoleState {
    pub account: Option<AccountView>,
    pub session: Option<SessionView>,
}

/// The dashboard's facts about the account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub account: AccountView,
    /// Where IAM users of this account sign in.
    pub sign_in_url: String,
}

/// Query parameters that carry a failed plain-form submission (JavaScript off) back to the page it came from.
pub const ERROR_PARAM: &str = "error";
pub const ERROR_FROM_PARAM: &str = "error_from";
