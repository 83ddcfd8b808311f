//! Cross-site request forgery protection for the console: a state-changing request (POST, PUT, PATCH, DELETE) must come
//! from a page of this site. Server functions are public POST endpoints authenticated by the session cookie alone,
//! and a plain HTML form on any other site can post to them; `SameSite=Strict` keeps the cookie off such a post in
//! today's browsers, and this check refuses the post itself, whatever the cookie settings.
//!
//! The browser's word is taken, in this order:
//! 1. `Sec-Fetch-Site` (every current browser sends it): only `same-origin`, or `none` (typed into the address bar,
//!    a bookmark), passes; `same-site` (a sibling subdomain) and `cross-site` are refused.
//! 2. Else `Origin` (older browsers): it must be this server's own origin, the scheme, host and port it is reached
//!    at: the `Host` header, and the scheme a TLS-terminating proxy reports in `X-Forwarded-Proto` (already trusted
//!    for `aws:SecureTransport`), else https when cookies are `Secure` (they are sent over TLS only), else http.
//!    `X-Forwarded-Host` is not trusted anywhere in this server, so not here either.
//! 3. Neither header: the request did not come from a browser (curl, scripts, the black-box tests), so it carries no
//!    cookie a browser attached on its own, which is what forgery abuses; it passes.
//!
//! Only the console's routes pass through this layer: the Query API (`POST /`, taken by its gate before the console
//! router) and `POST /authorize` are authenticated by SigV4 signatures, never by a cookie, so a cross-site `Origin`
//! means nothing to them.

use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, HOST, ORIGIN};
use axum::http::{HeaderMap, HeaderName, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");
const X_FORWARDED_PROTO: HeaderName = HeaderName::from_static("x-forwarded-proto");

/// What the check needs to know about the server: the scheme browsers reach it with when no proxy says.
#[derive(Clone, Copy, Debug)]
pub struct SameOrigin {
    pub https: bool,
}

/// The middleware (`axum::middleware::from_fn_with_state`).
pub async fn check(State(config): State<SameOrigin>, request: Request, next: Next) -> Response {
    if is_safe(request.method()) || allowed(config, request.headers()) {
        return next.run(request).await;
    }
    tracing::info!(
        method = %request.method(),
        path = request.uri().path(),
        origin = header(request.headers(), &ORIGIN).unwrap_or(""),
        sec_fetch_site = header(request.headers(), &SEC_FETCH_SITE).unwrap_or(""),
        "cross-origin request refused"
    );
    (StatusCode::FORBIDDEN, [(CONTENT_TYPE, "text/plain; charset=utf-8")], "cross-origin request refused\n")
        .into_response()
}

/// GET, HEAD, OPTIONS, TRACE change nothing here (pages and their GET forms only read).
fn is_safe(method: &Method) -> bool {
    !matches!(*method, Method::POST | Method::PUT | Method::PATCH | Method::DELETE)
}

fn header<'a>(headers: &'a HeaderMap, name: &HeaderName) -> Option<&'a str> {
    headers.get(name).map(|value| value.to_str().unwrap_or("\u{0}"))
}

pub fn allowed(config: SameOrigin, headers: &HeaderMap) -> bool {
    if let Some(site) = header(headers, &SEC_FETCH_SITE) {
        return matches!(site.trim().to_ascii_lowercase().as_str(), "same-origin" | "none");
    }
    match header(headers, &ORIGIN) {
        None => true,
        Some(origin) => own_origin(config, headers).is_some_and(|own| normalize(origin).as_deref() == Some(&own)),
    }
}

/// This request's own origin, `scheme://host[:port]`, normalized.
fn own_origin(config: SameOrigin, headers: &HeaderMap) -> Option<String> {
    let host = header(headers, &HOST)?;
    let scheme = match header(headers, &X_FORWARDED_PROTO) {
        // A chain of proxies lists one scheme each; the first is the client's.
        Some(proto) => proto.split(',').next().unwrap_or("").trim().to_ascii_lowercase(),
        None if config.https => "https".into(),
        None => "http".into(),
    };
    normalize(&format!("{scheme}://{host}"))
}

/// `scheme://host[:port]` lower-cased, without the scheme's default port; `None` for anything else (an opaque
/// `null` origin from a sandboxed frame or a `data:` page, a path, userinfo).
fn normalize(origin: &str) -> Option<String> {
    let (scheme, authority) = origin.trim().split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let authority = authority.to_ascii_lowercase();
    if authority.is_empty() || authority.contains(['/', '@', '?', '#']) {
        return None;
    }
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => return None,
    };
    let authority = authority.strip_suffix(default_port).unwrap_or(&authority);
    Some(format!("{scheme}://{authority}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    const HTTP: SameOrigin = SameOrigin { https: false };
    const HTTPS: SameOrigin = SameOrigin { https: true };

    #[test]
    fn sec_fetch_site_decides_when_present() {
        assert!(allowed(HTTP, &headers(&[("sec-fetch-site", "same-origin"), ("origin", "https://evil.example")])));
        assert!(allowed(HTTP, &headers(&[("sec-fetch-site", "none")])));
        assert!(!allowed(HTTP, &headers(&[("sec-fetch-site", "same-site"), ("host", "iam.example")])));
        assert!(!allowed(
            HTTP,
            &headers(&[("sec-fetch-site", "cross-site"), ("host", "iam.example"), ("origin", "http://iam.example")])
        ));
    }

    #[test]
    fn origin_must_be_the_servers_own() {
        let own = headers(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3000")]);
        assert!(allowed(HTTP, &own));
        assert!(!allowed(HTTPS, &own), "cookies are Secure: the page was https");
        assert!(!allowed(HTTP, &headers(&[("host", "127.0.0.1:3000"), ("origin", "https://evil.example")])));
        assert!(!allowed(HTTP, &headers(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3001")])));
        assert!(!allowed(HTTP, &headers(&[("host", "127.0.0.1:3000"), ("origin", "null")])));
        assert!(!allowed(HTTP, &headers(&[("origin", "http://127.0.0.1:3000")])), "no Host: nothing to match");
    }

    #[test]
    fn default_ports_case_and_proxies() {
        assert!(allowed(HTTPS, &headers(&[("host", "IAM.example:443"), ("origin", "https://iam.example")])));
        assert!(allowed(HTTP, &headers(&[("host", "iam.example"), ("origin", "http://iam.example:80")])));
        let proxied =
            headers(&[("host", "iam.example"), ("origin", "https://iam.example"), ("x-forwarded-proto", "https")]);
        assert!(allowed(HTTP, &proxied));
        let downgraded =
            headers(&[("host", "iam.example"), ("origin", "http://iam.example"), ("x-forwarded-proto", "https")]);
        assert!(!allowed(HTTP, &downgraded));
    }

    #[test]
    fn without_browser_headers_it_passes() {
        assert!(allowed(HTTPS, &headers(&[("host", "iam.example")])));
    }

    #[test]
    fn only_unsafe_methods_are_checked() {
        assert!(is_safe(&Method::GET) && is_safe(&Method::HEAD) && is_safe(&Method::OPTIONS));
        assert!(!is_safe(&Method::POST) && !is_safe(&Method::PUT) && !is_safe(&Method::PATCH));
        assert!(!is_safe(&Method::DELETE));
    }
}
