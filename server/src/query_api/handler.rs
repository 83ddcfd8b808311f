//! The Query API's HTTP entry. It shares `/` with the console: every `POST /` is a Query API call (the console posts
//! to `/api/…`), and a `GET /` is one only when its query string names an `Action`, otherwise it is the console's home
//! page. A middleware makes that choice before routing, so the console's routes stay exactly as Leptos builds them.

use app::backend::{AppState, RequestContext};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::header::CONTENT_TYPE;
use http::request::Parts;
use http::{Method, StatusCode, Uri};

use super::error::WireError;
use super::params::Params;
use super::{auth, dispatch, xml};

/// Far above any IAM request (the largest, a managed policy, is 6,144 characters before URL-encoding), small enough
/// that a client cannot make the server buffer much.
pub const MAX_BODY: usize = 1024 * 1024;

/// The middleware: Query API requests are answered here, everything else goes on to the router.
pub async fn gate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if is_query_api(request.method(), request.uri()) {
        handle(&state, request).await
    } else {
        next.run(request).await
    }
}

/// `POST /`, or `GET /?…Action=…`.
pub fn is_query_api(method: &Method, uri: &Uri) -> bool {
    if uri.path() != "/" {
        return false;
    }
    *method == Method::POST
        || (*method == Method::GET
            && form_urlencoded::parse(uri.query().unwrap_or_default().as_bytes()).any(|(name, _)| name == "Action"))
}

/// Answers one Query API request: 200 with the response document, or the error's status with the error document.
pub async fn handle(state: &AppState, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let ctx = RequestContext::from_parts(&parts);
    let (status, document) = match answer(state, &ctx, &parts, body).await {
        Ok(document) => (StatusCode::OK, document),
        Err(err) => {
            // Internal failures were logged with their cause where they happened; this line is the request's outcome.
            tracing::info!(request_id = %ctx.request_id, code = err.code, status = err.status, "query api error");
            let status = StatusCode::from_u16(err.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, xml::error_document(&err, &ctx.request_id))
        }
    };
    (status, [(CONTENT_TYPE, "text/xml")], document).into_response()
}

async fn answer(state: &AppState, ctx: &RequestContext, parts: &Parts, body: Body) -> Result<String, WireError> {
    let body = to_bytes(body, MAX_BODY).await.map_err(|_| WireError::too_large(MAX_BODY))?;
    let call = auth::authenticate(state, ctx, parts, &body).await?;
    // A GET's parameters are in its query string only; a body on a GET is signed but means nothing.
    let form: &[u8] = if parts.method == Method::POST { &body } else { &[] };
    let params = Params::decode(parts.uri.query(), form);
    dispatch::dispatch(&state.iam, &call, &params).await
}


#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> Uri {
        s.parse().unwrap()
    }

    #[test]
    fn post_to_root_is_always_the_query_api() {
        assert!(is_query_api(&Method::POST, &uri("/")));
        assert!(!is_query_api(&Method::POST, &uri("/api/sign_in")));
    }

    #[test]
    fn get_to_root_is_the_query_api_only_with_an_action() {
        assert!(is_query_api(&Method::GET, &uri("/?Action=ListUsers&Version=2010-05-08")));
        assert!(is_query_api(&Method::GET, &uri("/?Version=2010-05-08&Action=ListUsers")));
        assert!(!is_query_api(&Method::GET, &uri("/")));
        assert!(!is_query_api(&Method::GET, &uri("/?error=x&NoAction=1")));
        assert!(!is_query_api(&Method::GET, &uri("/users?Action=ListUsers")));
        assert!(!is_query_api(&Method::HEAD, &uri("/?Action=ListUsers")));
    }

}
