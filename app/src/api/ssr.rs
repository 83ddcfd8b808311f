//! What every server function needs from the request: the shared state, the request's context, the session, and
//! the way a failure reaches a person whose browser runs no JavaScript.

use axum::extract::ConnectInfo;
use http::header::{ACCEPT, REFERER};
use http::request::Parts;
use leptos::prelude::use_context;
use std::net::SocketAddr;
use tower_sessions::Session;

use crate::backend::{AppState, RequestContext};
use crate::model::{IamError, ERROR_FROM_PARAM, ERROR_PARAM};

pub fn state() -> Result<AppState, IamError> {
    use_context::<AppState>().ok_or_else(|| IamError::ServiceFailure { request_id: "no-state".into() })
}

pub fn request_context() -> RequestContext {
    let Some(parts) = use_context::<Parts>() else {
        return RequestContext::default();
    };
    let request_id =
        parts.headers.get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("unknown").to_owned();
    let source_ip = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|info| info.0.ip());
    let secure_transport = parts.uri.scheme_str() == Some("https")
        || parts.headers.get("x-forwarded-proto").and_then(|v| v.to_str().ok()) == Some("https");
    RequestContext { request_id, source_ip, secure_transport }
}

pub async fn session() -> Result<Session, IamError> {
    leptos_axum::extract::<Session>().await.map_err(|e| request_context().internal(format!("no session layer: {e}")))
}

/// Passes a result through; on failure of a plain form post (no JavaScript), also redirects back to the form's page
/// with the error in the query string, where the page shows it exactly as it would after a hydrated submission.
pub fn respond<T>(result: Result<T, IamError>) -> Result<T, IamError> {
    if let Err(err) = &result {
        redirect_back_with(err);
    }
    result
}

/// A browser posting a form with JavaScript off asks for HTML; the hydrated app's server-function client does not.
fn is_plain_form_post(parts: &Parts) -> bool {
    parts.headers.get(ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// After an action that changes who is signed in, a plain form post is sent on to `path`. The hydrated app does a
/// full page load itself (`components::navigation::reload_on_success`): its loaded console state is stale.
pub fn redirect_plain_form(path: &str) {
    if use_context::<Parts>().is_some_and(|parts| is_plain_form_post(&parts)) {
        leptos_axum::redirect(path);
    }
}

fn redirect_back_with(err: &IamError) {
    let Some(parts) = use_context::<Parts>() else { return };
    let plain_form_post = is_plain_form_post(&parts);
    let referer = parts.headers.get(REFERER).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<http::Uri>().ok());
    let (true, Some(referer)) = (plain_form_post, referer) else { return };
    // Only the path and query of the referer are used: the redirect can never leave this site.
    let path = referer.path();
    let kept = form_urlencoded::parse(referer.query().unwrap_or("").as_bytes())
        .filter(|(key, _)| key != ERROR_PARAM && key != ERROR_FROM_PARAM)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect::<Vec<_>>();
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(kept);
    query.append_pair(ERROR_PARAM, &serde_json::to_string(err).unwrap_or_default());
    query.append_pair(ERROR_FROM_PARAM, parts.uri.path());
    leptos_axum::redirect(&format!("{path}?{}", query.finish()));
}
