//! What the inline-policy editor page loads: whose policy, its name (none for a new one) and the text to start from.

use serde::{Deserialize, Serialize};

/// Whose inline policy: it sets the size limit and the owner's page to return to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InlineOwner {
    User,
    Group,
}

impl InlineOwner {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "user" => Some(Self::User),
            "group" => Some(Self::Group),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Group => "group",
        }
    }

    pub fn policy_kind(self) -> iam_policy::PolicyKind {
        match self {
            Self::User => iam_policy::PolicyKind::UserInline,
            Self::Group => iam_policy::PolicyKind::GroupInline,
        }
    }

    /// The owner's own console page.
    pub fn page_url(self, owner_name: &str) -> String {
        match self {
            Self::User => crate::api::users::user_url(owner_name),
            Self::Group => crate::api::groups::group_url(owner_name),
        }
    }

    /// The editor page for `policy` (a new policy when `None`).
    pub fn editor_url(self, owner_name: &str, policy: Option<&str>) -> String {
        let base = format!("{}/inline-policy", self.page_url(owner_name));
        match policy {
            Some(name) => format!("{base}?name={}", crate::api::users::encode_query_value(name)),
            None => base,
        }
    }
}

/// The editor's starting point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyForEditing {
    /// `None` while creating; the form then asks for a name.
    pub policy_name: Option<String>,
    pub document: String,
    /// True when the text is a refused save brought back (no JavaScript), not what is stored.
    pub from_draft: bool,
}

/// A new policy starts from one statement to fill in; its empty action is the first finding the editor shows.
pub const NEW_POLICY_TEMPLATE: &str = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [],
      "Resource": "*"
    }
  ]
}
"#;
