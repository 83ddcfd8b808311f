//! The dashboard's security overview: what needs attention in the account, each figure with enough detail to link to
//! the place to fix it, and the last 30 days of activity from the audit log.

use serde::{Deserialize, Serialize};

/// How many names (or keys) a figure lists; the count says how many there are in all.
pub const SAMPLE_SIZE: usize = 5;

/// Days in the activity chart, today included.
pub const ACTIVITY_DAYS: usize = 30;

/// A key or a sign-in unused for this long, or a key this old, deserves attention (AWS's rotation guidance).
pub const STALE_DAYS: i64 = 90;

/// A figure and the first few things it counts.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sample {
    pub count: u64,
    /// At most [`SAMPLE_SIZE`], in name order.
    pub examples: Vec<String>,
}

/// An access key that needs attention, as `user/key id` (`root` for the account root's keys).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRef {
    /// `None` for the account root's key.
    pub user_name: Option<String>,
    pub access_key_id: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeySample {
    pub count: u64,
    pub examples: Vec<KeyRef>,
}

/// The users under one top-level path (`/` counts only users directly at the root).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopPath {
    pub path: String,
    pub users: u64,
}

/// One UTC day's audited requests.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayActivity {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// Console sign-ins that opened a session (`signin:ConsoleLogin`, allowed).
    pub sign_ins: u64,
    /// Requests made through the API (`channel` = `api`), whatever their outcome.
    pub api_calls: u64,
    /// Requests refused (`outcome` = `denied`), from the API or the console.
    pub denials: u64,
}

/// The last [`ACTIVITY_DAYS`] days, oldest first. `truncated` when the scan stopped at its bound, so the oldest days
/// may be undercounted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    pub days: Vec<DayActivity>,
    pub truncated: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityOverview {
    pub root_mfa: bool,
    pub users: u64,
    pub users_without_mfa: Sample,
    /// Active keys created more than [`STALE_DAYS`] ago.
    pub old_keys: KeySample,
    /// Active keys older than [`STALE_DAYS`] not used in that time (or never).
    pub unused_keys: KeySample,
    /// Ordered by path; `truncated` when the account has more distinct paths than one grouped query returns.
    pub paths: Vec<TopPath>,
    pub paths_truncated: bool,
    /// `None` when the caller may not read the audit log (`cloudtrail:LookupEvents`).
    pub activity: Option<Activity>,
}
