//! Who sent a Query API request: SigV4 parse → the key's secret and owner from the service → verify against the
//! injected clock → the `Call` every service method takes. Authentication only; authorization is the service's.

use app::backend::service::{Attempt, Call};
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
    // Locked out after too many bad signatures for this key (or from this address): refused before any lookup.
    let gate = state.iam.throttle_gate(ctx, Attempt::Signature { access_key_id: &auth.access_key_id }).await?;
    // Session tokens belong to temporary credentials, which this server never issues: no token can be valid.
    if auth.security_token.is_some() {
        state.iam.throttle_failed(ctx, gate).await;
        return Err(SigV4Error::InvalidClientTokenId.into());
    }
    let Some(key) = state.iam.access_key_for_signature(ctx, &auth.access_key_id).await? else {
        state.iam.throttle_failed(ctx, gate).await;
        return Err(SigV4Error::InvalidClientTokenId.into());
    };
    if let Err(err) = sigv4::verify(&request, &auth, key.secret.expose(), state.clock.now()) {
        // Only a wrong signature is a guess; a stale clock or an expired presigned URL is an honest client's
        // mistake, and locking it out would hide the clear error it needs behind `Throttling`.
        if matches!(err, SigV4Error::SignatureDoesNotMatch | SigV4Error::PayloadHashMismatch) {
            state.iam.throttle_failed(ctx, gate).await;
        }
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
    state.iam.throttle_passed(ctx, gate).await;
    state.iam.record_access_key_use(ctx, &auth.access_key_id, sigv4::IAM_SERVICE, &auth.region).await;
    Ok(Call::new(ctx.clone(), key.caller))
}
