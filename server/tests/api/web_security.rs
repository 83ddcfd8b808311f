//! The console against other sites, black-box: cross-site writes refused (and changing nothing) while same-origin
//! and non-browser requests pass; the SigV4-authenticated endpoints unaffected; security headers on every console
//! response, with a per-response CSP nonce carried by every inline script; HSTS only behind TLS.

use std::sync::Arc;

use app::backend::FixedClock;
use chrono::{TimeZone, Utc};
use reqwest::header::{ACCEPT, ORIGIN};
use serde_json::Value;
use server::config::Settings;
use server::startup::Application;

use crate::helpers::{browser, settings, spawn_app, TestApp};
use crate::session_security::admin_key;

const EVIL: &str = "https://evil.example";

/// A hydrated server-function call with extra headers.
async fn call_with_headers(
    app: &TestApp,
    server_fn: &str,
    fields: &[(&str, &str)],
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut request =
        app.client.post(format!("{}/api/{server_fn}", app.address)).header(ACCEPT, "application/json").form(fields);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

async fn user_exists(app: &TestApp, name: &str) -> bool {
    app.call("get_user", &[("user_name", name)]).await.status() == 200
}

#[tokio::test]
async fn cross_site_posts_to_server_functions_are_refused_and_change_nothing() {
    let app = spawn_app().await;
    app.set_up("").await;

    for headers in [
        &[("sec-fetch-site", "cross-site"), ("origin", EVIL)][..],
        &[("origin", EVIL)][..],
        &[("sec-fetch-site", "same-site")][..],
    ] {
        let response = call_with_headers(&app, "create_user", &[("user_name", "mallory")], headers).await;
        assert_eq!(response.status(), 403, "{headers:?}");
        assert_eq!(response.text().await.unwrap().trim(), "cross-origin request refused");
    }
    assert!(!user_exists(&app, "mallory").await, "nothing was created");

    // The classic: a forged sign-out (a plain form on another site).
    let forged = app
        .client
        .post(format!("{}/api/sign_out", app.address))
        .header(ACCEPT, "text/html")
        .header("sec-fetch-site", "cross-site")
        .header(ORIGIN, EVIL)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(app.get("/").await.status(), 200, "still signed in");
}

#[tokio::test]
async fn same_origin_and_non_browser_posts_pass() {
    let app = spawn_app().await;
    app.set_up("").await;
    let own = app.address.clone();

    let cases: [(&str, Vec<(&str, &str)>); 4] = [
        ("fetched", vec![("sec-fetch-site", "same-origin"), ("origin", own.as_str())]),
        ("older-browser", vec![("origin", own.as_str())]),
        ("typed", vec![("sec-fetch-site", "none")]),
        ("scripted", vec![]),
    ];
    for (name, headers) in cases {
        let response = call_with_headers(&app, "create_user", &[("user_name", name)], &headers).await;
        assert_eq!(response.status(), 200, "{name}: {}", response.text().await.unwrap());
        assert!(user_exists(&app, name).await, "{name}");
    }
    // A plain form post with JavaScript off, as the browser sends it (Origin: this site).
    let response = app
        .client
        .post(format!("{}/api/create_user", app.address))
        .header(ACCEPT, "text/html")
        .header(ORIGIN, own.as_str())
        .header("referer", format!("{own}/users"))
        .form(&[("user_name", "formed")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    assert!(user_exists(&app, "formed").await);
}

#[tokio::test]
async fn the_signature_authenticated_endpoints_ignore_the_origin() {
    let app = spawn_app().await;
    app.set_up("").await;
    // Signed with an administrator's key and sent with a cross-site Origin and Sec-Fetch-Site (see
    // `session_security::query`).
    let key = admin_key(&app).await;
    let (status, xml) = crate::session_security::query(&app, &key, &[("Action", "ListUsers")]).await;
    assert_eq!(status, 200, "{xml}");
    assert!(xml.contains("<ListUsersResponse"), "{xml}");

    // The Query API's XML gets nosniff, and no CSP.
    let response = reqwest::Client::new()
        .post(format!("{}/", app.address))
        .header(ORIGIN, EVIL)
        .header("sec-fetch-site", "cross-site")
        .form(&[("Action", "ListUsers")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert!(response.headers().get("content-security-policy").is_none());
    assert!(response.text().await.unwrap().contains("<ErrorResponse"), "the API's own refusal (unsigned)");

    // `POST /authorize` answers with its own JSON (here: the missing signature), not the console's refusal.
    let response = reqwest::Client::new()
        .post(format!("{}/authorize", app.address))
        .header(ORIGIN, EVIL)
        .header("sec-fetch-site", "cross-site")
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    let answer: Value = response.json().await.unwrap();
    assert!(answer["Error"]["Code"].is_string(), "{answer}");
}

/// The nonce of a response's CSP header.
fn csp_nonce(response: &reqwest::Response) -> String {
    let policy = response.headers()["content-security-policy"].to_str().unwrap().to_owned();
    let start = policy.find("'nonce-").expect("a nonce in script-src") + "'nonce-".len();
    policy[start..].split('\'').next().unwrap().to_owned()
}

/// Every `<script …>` opening tag of a page.
fn script_tags(html: &str) -> Vec<&str> {
    html.match_indices("<script").map(|(at, _)| &html[at..at + html[at..].find('>').unwrap() + 1]).collect()
}

#[tokio::test]
async fn every_inline_script_carries_the_responses_nonce() {
    let app = spawn_app().await;
    app.set_up("").await;
    let mut nonces = Vec::new();
    // The dashboard (resources resolved on the server: their data comes in scripts too) and a detail page.
    app.call("create_user", &[("user_name", "alice")]).await;
    for path in ["/", "/", "/users/alice", "/users"] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 200, "{path}");
        let headers = response.headers().clone();
        let policy = headers["content-security-policy"].to_str().unwrap();
        for directive in [
            "default-src 'self'",
            "'wasm-unsafe-eval'",
            "style-src 'self';",
            "img-src 'self' data:",
            "connect-src 'self'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "object-src 'none'",
        ] {
            assert!(policy.contains(directive), "{directive} in {policy}");
        }
        assert_eq!(headers["referrer-policy"], "same-origin");
        assert_eq!(headers["x-content-type-options"], "nosniff");
        assert_eq!(headers["x-frame-options"], "DENY");
        assert!(headers.get("strict-transport-security").is_none(), "plain http: no HSTS");
        let nonce = csp_nonce(&response);
        let html = response.text().await.unwrap();
        let scripts = script_tags(&html);
        assert!(scripts.len() >= 2, "the hydration loader and the resources' data: {scripts:?}");
        for tag in &scripts {
            assert!(tag.contains(&format!("nonce=\"{nonce}\"")), "{path}: {tag} lacks {nonce}");
        }
        // Why `style-src` needs no 'unsafe-inline': no page has a style attribute or element.
        assert!(!html.contains(" style=") && !html.contains("<style"), "{path} has inline style");
        nonces.push(nonce);
    }
    let mut distinct = nonces.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), nonces.len(), "a fresh nonce per response: {nonces:?}");
}

#[tokio::test]
async fn hsts_only_when_cookies_are_secure() {
    let app = spawn_app().await;
    assert!(app.get("/setup").await.headers().get("strict-transport-security").is_none());

    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()));
    let secure = Settings { secure_cookies: Some(true), ..settings(dir.path(), None) };
    let server = Application::build(secure, clock).await.unwrap();
    let address = server.url();
    tokio::spawn(server.run_until_stopped());
    let response = browser().get(format!("{address}/setup")).header(ACCEPT, "text/html").send().await.unwrap();
    assert_eq!(response.headers()["strict-transport-security"], "max-age=31536000");

    // Behind TLS the page's origin is https: an http Origin for the same host is another origin.
    let host = address.trim_start_matches("http://");
    for (origin, status) in [(format!("http://{host}"), 403), (format!("https://{host}"), 200)] {
        let response = browser()
            .post(format!("{address}/api/console_state"))
            .header(ACCEPT, "application/json")
            .header(ORIGIN, origin.as_str())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), status, "{origin}");
    }
}
