//! Request ids: a UUID per request, generated here and never taken from the client (a client-chosen id could
//! forge or collide with log lines). It is in the logs' span, in the `x-request-id` response header, and in every
//! internal-error message, so a person can quote it and an operator can find the log lines.

use axum::http::{HeaderName, HeaderValue, Request};
use tracing::Span;

pub static HEADER: HeaderName = HeaderName::from_static("x-request-id");

pub fn fresh<B>(_: &Request<B>) -> Option<HeaderValue> {
    HeaderValue::from_str(&uuid::Uuid::new_v4().to_string()).ok()
}

/// The span for one request: method, path (never the query string, which may carry signatures) and request id.
pub fn span<B>(request: &Request<B>) -> Span {
    let id = request.headers().get(&HEADER).and_then(|v| v.to_str().ok()).unwrap_or("-");
    tracing::info_span!("request", request_id = %id, method = %request.method(), path = %request.uri().path())
}
