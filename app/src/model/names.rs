//! Names and paths of IAM entities, parsed once at the edge with AWS's rules (botocore's `service-2.json` shapes
//! `userNameType`, `groupNameType`, `policyNameType`, `pathType`, `pathPrefixType`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::IamError;

/// AWS's `[\w+=,.@-]` — letters, digits and `_+=,.@-`.
fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_+=,.@-".contains(c)
}

fn parse_name(what: &str, value: &str, max: usize) -> Result<String, IamError> {
    let len = value.chars().count();
    if len == 0 || len > max {
        return Err(IamError::ValidationError(format!(
            "{what} `{value}` must be 1 to {max} characters long"
        )));
    }
    if let Some(bad) = value.chars().find(|c| !is_name_char(*c)) {
        return Err(IamError::ValidationError(format!(
            "{what} `{value}` contains `{bad}`; use letters, digits and `_+=,.@-` only"
        )));
    }
    Ok(value.to_owned())
}

macro_rules! name_type {
    ($(#[$doc:meta])* $ty:ident, $what:literal, $max:literal) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $ty(String);

        impl $ty {
            pub fn parse(value: &str) -> Result<Self, IamError> {
                parse_name($what, value, $max).map(Self)
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The form uniqueness is checked on: AWS names are unique case-insensitively.
            pub fn folded(&self) -> String {
                self.0.to_lowercase()
            }
        }

        impl TryFrom<String> for $ty {
            type Error = IamError;
            fn try_from(value: String) -> Result<Self, IamError> {
                Self::parse(&value)
            }
        }

        impl From<$ty> for String {
            fn from(value: $ty) -> String {
                value.0
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

name_type!(
    /// An IAM user's name: 1–64 of `[\w+=,.@-]`.
    UserName, "user name", 64
);
name_type!(
    /// A group's name: 1–128 of `[\w+=,.@-]`.
    GroupName, "group name", 128
);
name_type!(
    /// A policy's name (inline or managed): 1–128 of `[\w+=,.@-]`.
    PolicyName, "policy name", 128
);
name_type!(
    /// A virtual MFA device's name: 1–226 of `[\w+=,.@-]`.
    MfaDeviceName, "virtual MFA device name", 226
);

/// A path: `/` or `/…/`, 1–512 printable ASCII characters (`\u0021`–`\u007F`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct IamPath(String);

impl IamPath {
    pub fn root() -> Self {
        Self("/".into())
    }

    pub fn parse(value: &str) -> Result<Self, IamError> {
        check_path_text("path", value)?;
        if !value.starts_with('/') || !value.ends_with('/') {
            return Err(IamError::ValidationError(format!("path `{value}` must begin and end with `/`")));
        }
        if value.contains("//") {
            return Err(IamError::ValidationError(format!("path `{value}` has an empty segment (`//`)")));
        }
        Ok(Self(value.to_owned()))
    }

    /// An optional form field: absent or empty means `/`.
    pub fn parse_or_root(value: Option<&str>) -> Result<Self, IamError> {
        match value {
            None | Some("") => Ok(Self::root()),
            Some(v) => Self::parse(v),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn check_path_text(what: &str, value: &str) -> Result<(), IamError> {
    if value.is_empty() || value.len() > 512 {
        return Err(IamError::ValidationError(format!("{what} `{value}` must be 1 to 512 characters long")));
    }
    if let Some(bad) = value.chars().find(|c| !('\u{21}'..='\u{7e}').contains(c)) {
        return Err(IamError::ValidationError(format!(
            "{what} `{value}` contains {bad:?}; use printable ASCII without spaces"
        )));
    }
    Ok(())
}

impl TryFrom<String> for IamPath {
    type Error = IamError;
    fn try_from(value: String) -> Result<Self, IamError> {
        Self::parse(&value)
    }
}

impl From<IamPath> for String {
    fn from(value: IamPath) -> String {
        value.0
    }
}

impl fmt::Display for IamPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A path prefix for listing: starts with `/`; a plain string prefix (`/app` matches `/app/` and `/application/`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PathPrefix(String);

impl PathPrefix {
    pub fn all() -> Self {
        Self("/".into())
    }

    pub fn parse(value: &str) -> Result<Self, IamError> {
        check_path_text("path prefix", value)?;
        if !value.starts_with('/') {
            return Err(IamError::ValidationError(format!("path prefix `{value}` must begin with `/`")));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn parse_or_all(value: Option<&str>) -> Result<Self, IamError> {
        match value {
            None | Some("") => Ok(Self::all()),
            Some(v) => Self::parse(v),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names_follow_aws_rules() {
        assert!(UserName::parse("jeff").is_ok());
        assert!(UserName::parse("a+b=c,d.e@f_g-h").is_ok());
        assert!(UserName::parse(&"x".repeat(64)).is_ok());
        assert!(UserName::parse(&"x".repeat(65)).is_err());
        assert!(UserName::parse("").is_err());
        let err = UserName::parse("bad name").unwrap_err();
        assert_eq!(err.code(), "ValidationError");
        assert!(err.to_string().contains("`bad name`"), "{err}");
        assert_eq!(UserName::parse("Jeff").unwrap().folded(), "jeff");
        assert!(GroupName::parse(&"g".repeat(128)).is_ok());
        assert!(GroupName::parse(&"g".repeat(129)).is_err());
    }

    #[test]
    fn paths_begin_and_end_with_a_slash() {
        assert_eq!(IamPath::parse("/").unwrap().as_str(), "/");
        assert!(IamPath::parse("/family/").is_ok());
        assert!(IamPath::parse("/a/b/c/").is_ok());
        for bad in ["", "family", "/family", "family/", "/a//b/", "/with space/", "/é/"] {
            assert!(IamPath::parse(bad).is_err(), "{bad}");
        }
        assert!(IamPath::parse(&format!("/{}/", "p".repeat(510))).is_ok());
        assert!(IamPath::parse(&format!("/{}/", "p".repeat(511))).is_err());
        assert_eq!(IamPath::parse_or_root(None).unwrap().as_str(), "/");
    }

    #[test]
    fn path_prefixes_are_plain_prefixes() {
        assert!(PathPrefix::parse("/app").is_ok());
        assert!(PathPrefix::parse("app/").is_err());
        assert_eq!(PathPrefix::parse_or_all(Some("")).unwrap().as_str(), "/");
    }
}
