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
    /// The facts of an HTTP request, the same for the console's server functions and the Query API: the id the
    /// request-id layer set (never the client's), the peer address, and TLS as the scheme or a proxy's
    /// `x-forwarded-proto`.
    pub fn from_parts(parts: &http::request::Parts) -> Self {
        let request_id =
            parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("unknown").to_owned();
        let source_ip =
            parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|info| info.0.ip());
        let secure_transport = parts.uri.scheme_str() == Some("https")
            || parts.headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https");
        Self { request_id, source_ip, secure_transport }
    }

    /// Logs an internal failure once, with the request id, and returns the error the caller sees: only that id.
    pub fn internal(&self, err: impl Display) -> IamError {
        tracing::error!(request_id = %self.request_id, error = %err, "internal failure");
        IamError::ServiceFailure { request_id: self.request_id.clone() }
    }
}
