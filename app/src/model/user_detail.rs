//! What the console's user detail page shows beyond `UserView`.

use serde::{Deserialize, Serialize};

use super::policies::AttachedPolicy;

/// A user's own policies: inline ones by name and attached managed ones. (Permissions via groups show on the groups.)
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPolicies {
    pub inline: Vec<String>,
    pub attached: Vec<AttachedPolicy>,
}
