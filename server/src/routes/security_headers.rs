//! Response headers that tell the browser what the console's pages may do, set on every console response (pages,
//! server functions, static files); the Query API's XML answers get only `nosniff` (`nosniff_layer`).
//!
//! The Content-Security-Policy allows scripts from this origin and inline scripts carrying the response's nonce (a
//! fresh random one per response, which the document shell hands to Leptos, so its hydration loader and resource
//! scripts carry it; `app::backend::csp_nonce`), plus `'wasm-unsafe-eval'` for compiling the WebAssembly front end.
//! An injected inline script or event-handler attribute does not run. `style-src 'self'` without `'unsafe-inline'`:
//! the pages use no `style` attributes or `<style>` elements (the stylesheet is `/pkg/iam-console.css`; the QR code
//! and chart SVGs colour with presentation attributes and classes), which the end-to-end suite checks by failing on
//! any CSP violation. Images are ours or `data:` URIs; fetches (server functions, the WASM) go to this origin only;
//! no page may frame the console (clickjacking), set a `<base>`, post a form elsewhere, or embed plugins.
//!
//! `Referrer-Policy: same-origin`, not `no-referrer`: a form posted without JavaScript that fails is redirected back
//! to the page it came from, which the server learns from the `Referer` header (`app::api::ssr::respond`, and the
//! multi-step forms' `redirect_plain_form_back`). `same-origin` still sends our own pages' addresses to us and
//! nothing to any other site, so user names and paths in console URLs never leak through links.
//!
//! `Strict-Transport-Security` only when cookies are `Secure`, i.e. the server is reached over TLS: over plain http
//! browsers ignore it, and on a loopback development server it would pin `localhost` to https for a year.

use app::backend::csp_nonce::CspNonce;
use axum::extract::{Request, State};
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tower_http::set_header::SetResponseHeaderLayer;

#[derive(Clone, Copy, Debug)]
pub struct SecurityHeaders {
    /// Whether to send HSTS: the server runs behind TLS (`Settings::secure_cookies`).
    pub hsts: bool,
}

/// `nosniff` on every response, the Query API's included: a response is only ever what its `Content-Type` says.
pub fn nosniff_layer() -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"))
}

pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; \
         object-src 'none'"
    )
}

/// The middleware (`axum::middleware::from_fn_with_state`): draws the nonce, leaves it on the request for the shell,
/// and sets the headers on the response.
pub async fn apply(State(config): State<SecurityHeaders>, mut request: Request, next: Next) -> Response {
    let nonce = CspNonce::random();
    let policy = HeaderValue::from_str(&content_security_policy(nonce.as_str()));
    request.extensions_mut().insert(nonce);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // A base64 nonce always makes a valid header value; should it not, no policy at all would be the wrong failure,
    // so the page is sent with scripts refused altogether.
    let policy = policy.unwrap_or_else(|_| HeaderValue::from_static("script-src 'none'"));
    headers.insert(CONTENT_SECURITY_POLICY, policy);
    headers.insert(REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    if config.hsts {
        headers.insert(STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_the_nonce_and_allows_no_inline_style() {
        let policy = content_security_policy("abc123==");
        assert!(policy.contains("script-src 'self' 'nonce-abc123==' 'wasm-unsafe-eval';"), "{policy}");
        assert!(policy.contains("style-src 'self';"), "{policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert!(!policy.contains("unsafe-inline"), "{policy}");
    }
}
