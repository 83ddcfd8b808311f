//! Facts about the request that every service call needs: its id (the one in the logs and in error messages), where
//! it came from, and whether it arrived over TLS (`aws:SourceIp`, `aws:SecureTransport`).

use std::fmt::Display;
use std::net::IpAddr;

use crate::model::IamError;

#[derive(Clone, Debug, Default)]
pub struct RequestContext {
    pub request_id: String,
    pub source_ip: Option<IpAddr>,
    pub secure_transport: bool,
}

impl RequestContext {
    /// Logs an internal failure once, with the request id, and returns the error the caller sees: only that id.
    pub fn internal(&self, err: impl Display) -> IamError {
        tracing::error!(request_id = %self.request_id, error = %err, "internal failure");
        IamError::ServiceFailure { request_id: self.request_id.clone() }
    }
}
