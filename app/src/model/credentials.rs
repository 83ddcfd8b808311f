//! Credentials of IAM users and of the account root, as the console and the Query API show them. Secrets appear in
//! exactly one response (the one that creates them) and never in `Debug` output.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::IamError;

// Access keys

/// An access key id as a client sends it: botocore's `accessKeyIdType`, 16–128 word characters. Ours are `AKIA…`
/// (20), but any well-formed id is accepted here so that an unknown one is answered with `NoSuchEntity`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct AccessKeyId(String);

impl AccessKeyId {
    pub fn parse(value: &str) -> Result<Self, IamError> {
        let len = value.chars().count();
        if !(16..=128).contains(&len) {
            return Err(IamError::ValidationError(format!(
                "access key id `{value}` must be 16 to 128 characters long"
            )));
        }
        if let Some(bad) = value.chars().find(|c| !(c.is_ascii_alphanumeric() || *c == '_')) {
            return Err(IamError::ValidationError(format!(
                "access key id `{value}` contains `{bad}`; use letters, digits and `_` only"
            )));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for AccessKeyId {
    type Error = IamError;
    fn try_from(value: String) -> Result<Self, IamError> {
        Self::parse(&value)
    }
}

impl From<AccessKeyId> for String {
    fn from(value: AccessKeyId) -> String {
        value.0
    }
}

impl fmt::Display for AccessKeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// botocore's `statusType`: an inactive key cannot sign requests but still counts towards the limit of two.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccessKeyStatus {
    Active,
    Inactive,
}

impl AccessKeyStatus {
    /// AWS's values are exact: `Active` or `Inactive`.
    pub fn parse(value: &str) -> Result<Self, IamError> {
        match value {
            "Active" => Ok(Self::Active),
            "Inactive" => Ok(Self::Inactive),
            other => {
                Err(IamError::ValidationError(format!("access key status `{other}` must be `Active` or `Inactive`")))
            }
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "Active",
            Self::Inactive => "Inactive",
        }
    }
}

impl fmt::Display for AccessKeyStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `CreateAccessKey`'s answer: the only time the secret is ever shown. `Debug` leaves the secret out.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessKeyCreated {
    /// Empty for the account root's own keys.
    pub user_name: String,
    pub access_key_id: String,
    pub secret_access_key: String,
    pub status: AccessKeyStatus,
    pub create_date: String,
}

impl fmt::Debug for AccessKeyCreated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AccessKeyCreated")
            .field("user_name", &self.user_name)
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"<redacted>")
            .field("status", &self.status)
            .field("create_date", &self.create_date)
            .finish()
    }
}

/// `ListAccessKeys`' element: everything about a key but its secret.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessKeyMetadata {
    /// Empty for the account root's own keys.
    pub user_name: String,
    pub access_key_id: String,
    pub status: AccessKeyStatus,
    pub create_date: String,
}

/// A user's access keys for the console, with the key just created by a plain form post (shown once).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessKeysView {
    pub keys: Vec<AccessKeyMetadata>,
    pub new_key: Option<AccessKeyCreated>,
}

/// `GetAccessKeyLastUsed`: when, for which service and in which region the key last signed a request. A key never
/// used has no date and `N/A` as service and region, as in AWS.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessKeyLastUsed {
    /// Empty for the account root's own keys.
    pub user_name: String,
    pub last_used_date: Option<String>,
    pub service_name: String,
    pub region: String,
}

#[cfg(test)]
mod access_key_tests {
    use super::*;

    #[test]
    fn access_key_ids_follow_botocore() {
        assert!(AccessKeyId::parse("AKIAIOSFODNN7EXAMPLE").is_ok());
        assert_eq!(AccessKeyId::parse("AKIA").unwrap_err().code(), "ValidationError");
        assert_eq!(AccessKeyId::parse("AKIAIOSFODNN7EXAMPL/").unwrap_err().code(), "ValidationError");
        assert_eq!(AccessKeyStatus::parse("Inactive").unwrap(), AccessKeyStatus::Inactive);
        assert!(AccessKeyStatus::parse("active").is_err());
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let created = AccessKeyCreated {
            user_name: "backup".into(),
            access_key_id: "AKIAIOSFODNN7EXAMPLE".into(),
            secret_access_key: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into(),
            status: AccessKeyStatus::Active,
            create_date: "2026-11-29T12:00:00Z".into(),
        };
        let shown = format!("{created:?}");
        assert!(!shown.contains("wJalr"), "{shown}");
        assert!(shown.contains("AKIAIOSFODNN7EXAMPLE"), "{shown}");
    }
}
