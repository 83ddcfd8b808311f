use crate::helpers::{browser, location, redirected_error, spawn_app, spawn_on, ROOT_EMAIL, ROOT_PASSWORD};
use chrono::Duration;

#[tokio::test]
async fn root_signs_out_and_in_again() {
    let app = spawn_app().await;
    app.set_up("").await;

    let out = app.sign_out().await;
    assert_eq!(location(&out), "/signin");
    assert_eq!(app.get("/").await.status(), 302, "signed out");

    let response = app.sign_in(ROOT_EMAIL, ROOT_PASSWORD).await;
    assert_eq!(location(&response), "/");
    assert_eq!(app.get("/").await.status(), 200);
}

#[tokio::test]
async fn email_is_case_insensitive() {
    let app = spawn_app().await;
    app.set_up("").await;
    app.sign_out().await;
    let response = app.sign_in("ROOT@Example.com", ROOT_PASSWORD).await;
    assert_eq!(location(&response), "/");
}

#[tokio::test]
async fn wrong_password_and_unknown_email_fail_alike() {
    let app = spawn_app().await;
    app.set_up("").await;
    app.sign_out().await;

    let wrong_password = app.sign_in(ROOT_EMAIL, "Wrong-Horse-9").await;
    let unknown_email = app.sign_in("nobody@example.com", ROOT_PASSWORD).await;
    let a = redirected_error(&wrong_password).expect("error shown");
    let b = redirected_error(&unknown_email).expect("error shown");
    assert_eq!(a, b, "same code and message");
    assert_eq!(a["code"], "SignInFailed");
    assert_eq!(app.get("/").await.status(), 302, "still signed out");
}

#[tokio::test]
async fn session_cookie_is_http_only_and_same_site_strict() {
    let app = spawn_app().await;
    let response = app.set_up("").await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("iam_session="))
        .expect("session cookie set at sign-in");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Strict"), "{cookie}");
}

fn session_cookie(response: &reqwest::Response) -> String {
    crate::session_security::session_cookie(response).expect("a session cookie")
}

#[tokio::test]
async fn the_session_id_changes_at_sign_in_and_the_old_one_dies() {
    let app = spawn_app().await;
    let old = session_cookie(&app.set_up("").await);
    let new = session_cookie(&app.sign_in(ROOT_EMAIL, ROOT_PASSWORD).await);
    assert_ne!(old, new);

    let with_old = browser().get(format!("{}/", app.address)).header("accept", "text/html").header("cookie", &old).send().await.unwrap();
    assert_eq!(location(&with_old), "/signin", "the pre-sign-in id is worthless");
    let with_new = browser().get(format!("{}/", app.address)).header("accept", "text/html").header("cookie", &new).send().await.unwrap();
    assert_eq!(with_new.status(), 200);
}

#[tokio::test]
async fn sessions_survive_a_restart() {
    let app = spawn_app().await;
    app.set_up("").await;
    assert_eq!(app.get("/").await.status(), 200);

    let restarted = spawn_on(app.dir(), app.database_url.clone(), app.clock.clone(), app.client.clone()).await;
    assert_eq!(restarted.get("/").await.status(), 200, "the same cookie works on a new process");
}

#[tokio::test]
async fn idle_sessions_expire() {
    let app = spawn_app().await;
    app.set_up("").await;
    app.clock.advance(Duration::minutes(61));
    assert_eq!(app.get("/").await.status(), 302, "idle for longer than the limit");
}

#[tokio::test]
async fn another_browser_is_not_signed_in() {
    let app = spawn_app().await;
    app.set_up("").await;
    let response = browser().get(format!("{}/", app.address)).header("accept", "text/html").send().await.unwrap();
    assert_eq!(location(&response), "/signin");
}

#[tokio::test]
async fn signed_out_server_functions_refuse() {
    let app = spawn_app().await;
    app.set_up("").await;
    app.sign_out().await;
    let response = app.call("dashboard", &[]).await;
    assert_eq!(response.status(), 403);
    let error: serde_json::Value = response.json().await.unwrap();
    assert_eq!(error["code"], "NotSignedIn");
}
