//! What the IAM service returns, shaped like AWS's response elements so the console and the Query API render the same
//! data. Timestamps are RFC 3339 strings (the WASM side has no clock crate).

use serde::{Deserialize, Serialize};

/// One page of a listing. `marker` is opaque and tamper-proof; pass it back to get the next page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub is_truncated: bool,
    pub marker: Option<String>,
}

/// Which page to fetch: AWS's `Marker` and `MaxItems` (1–1000, default 100).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRequest {
    pub marker: Option<String>,
    pub max_items: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub key: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserView {
    pub user_name: String,
    pub user_id: String,
    pub arn: String,
    pub path: String,
    pub create_date: String,
    pub password_last_used: Option<String>,
    pub tags: Vec<Tag>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupView {
    pub group_name: String,
    pub group_id: String,
    pub arn: String,
    pub path: String,
    pub create_date: String,
}

/// `GetGroup`: the group and one page of its members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupWithMembers {
    pub group: GroupView,
    pub members: Page<UserView>,
}

/// An inline policy document, exactly as submitted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InlinePolicyView {
    /// The user's or group's name.
    pub owner_name: String,
    pub policy_name: String,
    pub policy_document: String,
}
