//! Who sent a Query API request: SigV4 parse → the key's secret and owner from the service → verify against the
//! injected clock → the `Call` every service method takes. Authentication only; authorization is the service's.

use app::backend::service::Call;
use app::backend::{AppState, RequestContext};
use http::request::Parts;

use super::error::WireError;
use super::sigv4::{self, SigV4Error, SignedRequest};

/// Authenticates the request and records the key's use (for `GetAccessKeyLastUsed`).
pub async fn authenticate(
    state: &AppState,
    ctx: &RequestContext,
    parts: &Parts,
    body: &[u8],
) -> Result<Call, WireError> {
    let request = SignedRequest {
        method: parts.method.as_str(),
        path: parts.uri.path(),
        query: parts.uri.query().unwrap_or_default(),
        headers: &parts.headers,
        body,
        authority: parts.uri.authority().map(|a| a.as_str()),
    };
    let auth = sigv4::parse(&request)?;
    // Session tokens belong to temporary credentials, which this server never issues: no token can be valid.
    if auth.security_token.is_some() {
        return Err(SigV4Error::InvalidClientTokenId.into());
    }
    let key =
        state.iam.access_key_for_signature(ctx, &auth.access_key_id).await?.ok_or(SigV4Error::InvalidClientTokenId)?;
    if let Err(err) = sigv4::verify(&request, &auth, key.secret.expose(), state.clock.now()) {
        // What we expected to be signed tells a client author what differs; it holds no secret (only a body hash).
        tracing::debug!(
            request_id = %ctx.request_id,
            access_key_id = %auth.access_key_id,
            canonical_request = ?sigv4::canonical_request(&request, &auth).ok(),
            error = %err,
            "signature rejected"
        );
        return Err(err.into());
    }
    state.iam.record_access_key_use(ctx, &auth.access_key_id, sigv4::IAM_SERVICE, &auth.region).await;
    Ok(Call::new(ctx.clone(), key.caller))
}
