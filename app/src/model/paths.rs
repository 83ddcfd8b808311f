//! The path trees of the console: every distinct path of an account's users (or groups), with how many sit directly
//! at it. The groups tree uses the same types: `users` then counts groups.

use serde::{Deserialize, Serialize};

/// One path and the number of users whose path is exactly it (not counting deeper paths).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathCount {
    pub path: String,
    pub users: u64,
}

/// The distinct paths under a prefix, ordered by path. `truncated` when there were more than the service returns at
/// once (the tree then shows the first ones and says so).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserPaths {
    pub prefix: String,
    pub paths: Vec<PathCount>,
    pub truncated: bool,
}
