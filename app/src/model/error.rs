//! One error type for every IAM action (DESIGN rule 2). Variants are IAM's error codes; the Query API renders them
//! as AWS XML with AWS's HTTP status, the console as a readable message.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", content = "detail")]
pub enum IamError {
    #[error("{0}")]
    NoSuchEntity(String),
    #[error("{0}")]
    EntityAlreadyExists(String),
    #[error("{0}")]
    DeleteConflict(String),
    #[error("{0}")]
    LimitExceeded(String),
    #[error("{0}")]
    ValidationError(String),
    #[error("{0}")]
    InvalidInput(String),
    #[error("{0}")]
    AccessDenied(String),
    /// A policy document that does not validate. Carries every finding, with spans, for the console's editor.
    #[error("{message}")]
    MalformedPolicyDocument { message: String, diagnostics: Vec<iam_policy::Diagnostic> },
    /// The action does not apply to this kind of principal (e.g. `ChangePassword` for root).
    #[error("{0}")]
    InvalidUserType(String),
    /// Two requests changed the same entity at once; retrying is safe.
    #[error("{0}")]
    ConcurrentModification(String),
    /// `GetCredentialReport` before `GenerateCredentialReport`.
    #[error("{0}")]
    ReportNotPresent(String),
    #[error("{0}")]
    PasswordPolicyViolation(String),
    #[error("{0}")]
    InvalidAuthenticationCode(String),
    /// Sign-in failed. One message for every cause, so it reveals nothing about which part was wrong.
    #[error("{0}")]
    SignInFailed(String),
    /// The console needs a signed-in person for this.
    #[error("{0}")]
    NotSignedIn(String),
    #[error("{0}")]
    Throttling(String),
    /// An internal failure. Logged once with the request id; the caller sees only the id.
    #[error("something went wrong on our side; quote request id `{request_id}` when reporting it")]
    ServiceFailure { request_id: String },
}

impl IamError {
    /// The AWS error code, as the Query API puts it in `<Code>`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoSuchEntity(_) => "NoSuchEntity",
            Self::EntityAlreadyExists(_) => "EntityAlreadyExists",
            Self::DeleteConflict(_) => "DeleteConflict",
            Self::LimitExceeded(_) => "LimitExceeded",
            Self::ValidationError(_) => "ValidationError",
            Self::InvalidInput(_) => "InvalidInput",
            Self::AccessDenied(_) => "AccessDenied",
            Self::MalformedPolicyDocument { .. } => "MalformedPolicyDocument",
            Self::ReportNotPresent(_) => "ReportNotPresent",
            Self::InvalidUserType(_) => "InvalidUserType",
            Self::ConcurrentModification(_) => "ConcurrentModification",
            Self::PasswordPolicyViolation(_) => "PasswordPolicyViolation",
            Self::InvalidAuthenticationCode(_) => "InvalidAuthenticationCode",
            Self::SignInFailed(_) => "SignInFailed",
            Self::NotSignedIn(_) => "NotSignedIn",
            Self::Throttling(_) => "Throttling",
            Self::ServiceFailure { .. } => "ServiceFailure",
        }
    }

    /// The HTTP status AWS uses for this code.
    pub fn http_status(&self) -> u16 {
        match self {
            Self::NoSuchEntity(_) => 404,
            Self::EntityAlreadyExists(_) | Self::DeleteConflict(_) | Self::LimitExceeded(_) => 409,
            Self::AccessDenied(_) | Self::InvalidAuthenticationCode(_) | Self::NotSignedIn(_) => 403,
            Self::SignInFailed(_) => 401,
            Self::Throttling(_) => 400,
            Self::ServiceFailure { .. } => 500,
            Self::ReportNotPresent(_) => 410,
            Self::MalformedPolicyDocument { .. } | Self::InvalidUserType(_) => 400,
            Self::ConcurrentModification(_) => 409,
            Self::ValidationError(_) | Self::InvalidInput(_) | Self::PasswordPolicyViolation(_) => 400,
        }
    }

    /// The same error, its message prefixed with what was done before it happened (the first steps of a form that
    /// does several): "user `x` was created, but …: <why>". Failures of ours keep their request id untouched.
    pub fn after(self, done: &str) -> Self {
        let prefix = |message: String| format!("{done}: {message}");
        match self {
            Self::NoSuchEntity(m) => Self::NoSuchEntity(prefix(m)),
            Self::EntityAlreadyExists(m) => Self::EntityAlreadyExists(prefix(m)),
            Self::DeleteConflict(m) => Self::DeleteConflict(prefix(m)),
            Self::LimitExceeded(m) => Self::LimitExceeded(prefix(m)),
            Self::ValidationError(m) => Self::ValidationError(prefix(m)),
            Self::InvalidInput(m) => Self::InvalidInput(prefix(m)),
            Self::AccessDenied(m) => Self::AccessDenied(prefix(m)),
            Self::MalformedPolicyDocument { message, diagnostics } => {
                Self::MalformedPolicyDocument { message: prefix(message), diagnostics }
            }
            Self::InvalidUserType(m) => Self::InvalidUserType(prefix(m)),
            Self::ConcurrentModification(m) => Self::ConcurrentModification(prefix(m)),
            Self::ReportNotPresent(m) => Self::ReportNotPresent(prefix(m)),
            Self::PasswordPolicyViolation(m) => Self::PasswordPolicyViolation(prefix(m)),
            Self::InvalidAuthenticationCode(m) => Self::InvalidAuthenticationCode(prefix(m)),
            Self::SignInFailed(m) => Self::SignInFailed(prefix(m)),
            Self::NotSignedIn(m) => Self::NotSignedIn(prefix(m)),
            Self::Throttling(m) => Self::Throttling(prefix(m)),
            failure @ Self::ServiceFailure { .. } => failure,
        }
    }

    /// `Sender` for the caller's mistakes, `Receiver` for ours.
    pub fn fault(&self) -> &'static str {
        match self {
            Self::ServiceFailure { .. } => "Receiver",
            _ => "Sender",
        }
    }
}

// Server functions carry `IamError` itself, so the console shows the same message the Query API would send.
impl leptos::server_fn::error::FromServerFnError for IamError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        use leptos::server_fn::error::ServerFnErrorErr as E;
        match value {
            // Form fields that do not decode are the caller's input problem.
            E::Args(detail) | E::Deserialization(detail) | E::MissingArg(detail) => {
                Self::InvalidInput(format!("the form could not be read: {detail}"))
            }
            E::Request(_) | E::Response(_) => {
                Self::ServiceFailure { request_id: "unavailable: the server could not be reached".into() }
            }
            other => Self::ServiceFailure { request_id: format!("unknown ({other})") },
        }
    }
}
