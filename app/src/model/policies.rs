//! Customer managed policies on the wire: their ARNs, versions, attachments and the entities they are attached to,
//! shaped like botocore's `Policy`, `PolicyVersion`, `AttachedPolicy`, `PolicyUser` and `PolicyGroup`.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::{IamError, IamPath, PolicyName};

/// A managed policy's ARN, `arn:aws:iam::<account>:policy<path><name>`, parsed once at the edge. `account` is a
/// 12-digit account id or `aws` (AWS managed policies, which this server does not have).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PolicyArn {
    account: String,
    path: IamPath,
    name: PolicyName,
}

impl PolicyArn {
    /// AWS answers a malformed policy ARN with `InvalidInput`; so do we.
    pub fn parse(value: &str) -> Result<Self, IamError> {
        let malformed = |why: &str| IamError::InvalidInput(format!("policy ARN `{value}` is invalid: {why}"));
        let parts: Vec<&str> = value.splitn(6, ':').collect();
        let [arn, partition, service, region, account, resource] = parts.as_slice() else {
            return Err(malformed("expected `arn:aws:iam::<account>:policy/<path>/<name>`"));
        };
        if *arn != "arn" || *partition != "aws" || *service != "iam" {
            return Err(malformed("it must begin with `arn:aws:iam::`"));
        }
        if !region.is_empty() {
            return Err(malformed("IAM ARNs have no region"));
        }
        let is_account_id = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
        if !is_account_id && *account != "aws" {
            return Err(malformed("the account must be a 12-digit account id or `aws`"));
        }
        let Some(rest) = resource.strip_prefix("policy/") else {
            return Err(malformed("the resource must begin with `policy/`"));
        };
        // `rest` is `<path without its leading slash><name>`; the name follows the last slash.
        let (path, name) = match rest.rfind('/') {
            Some(i) => (format!("/{}", &rest[..=i]), &rest[i + 1..]),
            None => ("/".to_owned(), rest),
        };
        let name = PolicyName::parse(name).map_err(|e| malformed(&e.to_string()))?;
        let path = IamPath::parse(&path).map_err(|e| malformed(&e.to_string()))?;
        Ok(Self { account: (*account).to_owned(), path, name })
    }

    /// The ARN of policy `name` at `path` in `account`.
    pub fn new(account: &str, path: IamPath, name: PolicyName) -> Self {
        Self { account: account.to_owned(), path, name }
    }

    /// The 12-digit account id, or `aws` for an AWS managed policy.
    pub fn account(&self) -> &str {
        &self.account
    }

    pub fn path(&self) -> &IamPath {
        &self.path
    }

    pub fn name(&self) -> &PolicyName {
        &self.name
    }
}

impl fmt::Display for PolicyArn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "arn:aws:iam::{}:policy{}{}", self.account, self.path, self.name)
    }
}

impl TryFrom<String> for PolicyArn {
    type Error = IamError;
    fn try_from(value: String) -> Result<Self, IamError> {
        Self::parse(&value)
    }
}

impl From<PolicyArn> for String {
    fn from(value: PolicyArn) -> String {
        value.to_string()
    }
}

/// A policy version id: `v1`, `v2`, … (botocore's `policyVersionIdType`, `v[1-9][0-9]*(\.[A-Za-z0-9-]*)?`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PolicyVersionId(String);

impl PolicyVersionId {
    pub fn parse(value: &str) -> Result<Self, IamError> {
        let valid = value.strip_prefix('v').is_some_and(|rest| {
            let (number, suffix) = match rest.split_once('.') {
                Some((n, s)) => (n, Some(s)),
                None => (rest, None),
            };
            !number.is_empty()
                && !number.starts_with('0')
                && number.bytes().all(|b| b.is_ascii_digit())
                && suffix.is_none_or(|s| s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        });
        if valid {
            Ok(Self(value.to_owned()))
        } else {
            Err(IamError::ValidationError(format!("policy version id `{value}` must look like `v1`, `v2`, …")))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PolicyVersionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PolicyVersionId {
    type Error = IamError;
    fn try_from(value: String) -> Result<Self, IamError> {
        Self::parse(&value)
    }
}

impl From<PolicyVersionId> for String {
    fn from(value: PolicyVersionId) -> String {
        value.0
    }
}

/// botocore's `Policy`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagedPolicyView {
    pub policy_name: String,
    pub policy_id: String,
    pub arn: String,
    pub path: String,
    pub default_version_id: String,
    /// Users and groups it is attached to.
    pub attachment_count: u64,
    pub is_attachable: bool,
    pub description: Option<String>,
    pub create_date: String,
    /// When the newest version was created (the creation date while there is only `v1`).
    pub update_date: String,
}

/// botocore's `PolicyVersion`. AWS leaves the document out of `ListPolicyVersions` and `CreatePolicyVersion`
/// responses; the service returns it always and the Query API omits it there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyVersionView {
    /// Exactly as submitted.
    pub document: String,
    pub version_id: String,
    pub is_default_version: bool,
    pub create_date: String,
}

/// botocore's `AttachedPolicy`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachedPolicy {
    pub policy_name: String,
    pub policy_arn: String,
}

/// `ListPolicies`' `Scope`. There are no AWS managed policies here, so `Aws` lists nothing and `All` equals `Local`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum PolicyScope {
    #[default]
    All,
    Aws,
    Local,
}

impl PolicyScope {
    /// The wire values `All`, `AWS` and `Local`.
    pub fn parse(value: &str) -> Result<Self, IamError> {
        match value {
            "All" => Ok(Self::All),
            "AWS" => Ok(Self::Aws),
            "Local" => Ok(Self::Local),
            other => Err(IamError::ValidationError(format!("scope `{other}` must be one of `All`, `AWS`, `Local`"))),
        }
    }
}

/// `ListEntitiesForPolicy`'s `EntityFilter`. There are no roles here, so `Role` lists nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EntityFilter {
    User,
    Group,
    Role,
}

impl EntityFilter {
    /// The wire values `User`, `Group` and `Role`; botocore's enum also has `LocalManagedPolicy` and
    /// `AWSManagedPolicy`, which cannot be attached to a policy and so are refused.
    pub fn parse(value: &str) -> Result<Self, IamError> {
        match value {
            "User" => Ok(Self::User),
            "Group" => Ok(Self::Group),
            "Role" => Ok(Self::Role),
            other => {
                Err(IamError::InvalidInput(format!("entity filter `{other}` must be one of `User`, `Group`, `Role`")))
            }
        }
    }
}

/// botocore's `PolicyUser`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyUser {
    pub user_name: String,
    pub user_id: String,
}

/// botocore's `PolicyGroup`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyGroup {
    pub group_name: String,
    pub group_id: String,
}

/// `ListEntitiesForPolicy`: one page over the policy's users then its groups.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitiesForPolicy {
    pub policy_users: Vec<PolicyUser>,
    pub policy_groups: Vec<PolicyGroup>,
    pub is_truncated: bool,
    pub marker: Option<String>,
}

/// A managed policy's create form as typed, kept after a refused plain-form create (no JavaScript) so the page can
/// give the person their text back with the server's findings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatePolicyDraft {
    pub policy_name: String,
    pub path: String,
    pub description: String,
    pub document: String,
}
