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

/// A user created from the console, and the page to go to next (the same for the hydrated form and a plain post).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedUser {
    pub user: UserView,
    pub next: String,
}
