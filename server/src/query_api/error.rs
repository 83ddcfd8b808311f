//! What a Query API request can fail with, flattened to what the wire needs: HTTP status, `Sender`/`Receiver`, AWS
//! error code and message. Service errors (`IamError`) and authentication errors (`SigV4Error`) keep their own codes
//! and statuses; the few errors only the protocol shell can detect (a missing parameter, an unknown action) use the
//! AWS Query API's common error codes.

use app::model::IamError;
use iam_query_wire::params::ParamError;

use super::sigv4::SigV4Error;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError {
    pub status: u16,
    /// `Sender` (the caller's mistake) or `Receiver` (ours).
    pub fault: &'static str,
    pub code: &'static str,
    pub message: String,
}

impl WireError {
    fn sender(status: u16, code: &'static str, message: String) -> Self {
        Self { status, fault: "Sender", code, message }
    }

    /// A required parameter is absent (AWS common error `MissingParameter`, 400).
    pub fn missing_parameter(name: &str) -> Self {
        ParamError::Missing(name.to_owned()).into()
    }

    /// A parameter that does not decode as its wire type (an integer, a boolean, a list entry) — the caller's
    /// encoding is wrong, not the value's meaning (AWS common error `InvalidParameterValue`, 400).
    pub fn invalid_parameter_value(message: String) -> Self {
        ParamError::InvalidValue(message).into()
    }

    /// An `Action` we do not implement, or a `Version` other than IAM's only one (AWS common error `InvalidAction`).
    pub fn invalid_action(message: String) -> Self {
        Self::sender(400, "InvalidAction", message)
    }

    /// A body larger than any IAM request can legitimately be.
    pub fn too_large(limit: usize) -> Self {
        Self::sender(413, "RequestEntityTooLarge", format!("the request body is larger than {limit} bytes"))
    }
}

impl From<IamError> for WireError {
    fn from(err: IamError) -> Self {
        Self { status: err.http_status(), fault: err.fault(), code: err.code(), message: err.to_string() }
    }
}

impl From<ParamError> for WireError {
    fn from(err: ParamError) -> Self {
        Self::sender(err.http_status(), err.code(), err.message())
    }
}

impl From<SigV4Error> for WireError {
    fn from(err: SigV4Error) -> Self {
        // Every authentication failure is the caller's: a missing, malformed, stale or wrong signature.
        Self::sender(err.http_status(), err.code(), err.message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_errors_keep_their_code_status_and_fault() {
        let err = WireError::from(IamError::NoSuchEntity("user `jeff` does not exist".into()));
        assert_eq!((err.status, err.fault, err.code), (404, "Sender", "NoSuchEntity"));
        assert_eq!(err.message, "user `jeff` does not exist");
        let err = WireError::from(IamError::ServiceFailure { request_id: "r-1".into() });
        assert_eq!((err.status, err.fault, err.code), (500, "Receiver", "ServiceFailure"));
        assert!(err.message.contains("r-1"));
    }

    #[test]
    fn authentication_errors_are_the_senders() {
        let err = WireError::from(SigV4Error::InvalidClientTokenId);
        assert_eq!((err.status, err.fault, err.code), (403, "Sender", "InvalidClientTokenId"));
        let err = WireError::from(SigV4Error::IncompleteSignature("no".into()));
        assert_eq!((err.status, err.code), (400, "IncompleteSignature"));
    }
}
