//! SeaORM entities, one file per table. The schema itself is owned by the `migration` crate.

pub mod access_key;
pub mod account;
pub mod audit_event;
pub mod auth_throttle;
pub mod console_session;
pub mod credential_report;
pub mod group_membership;
pub mod iam_group;
pub mod iam_user;
pub mod inline_policy;
pub mod login_profile;
pub mod managed_policy;
pub mod mfa_device;
pub mod password_history;
pub mod password_policy;
pub mod policy_attachment;
pub mod policy_version;
pub mod user_tag;

/// `owner_kind` of inline policies and attachments.
pub const OWNER_USER: &str = "user";
pub const OWNER_GROUP: &str = "group";
