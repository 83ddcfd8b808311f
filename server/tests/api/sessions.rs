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

    let with_old = browser()
        .get(format!("{}/", app.address))
        .header("accept", "text/html")
        .header("cookie", &old)
        .send()
        .await
        .unwrap();
    assert_eq!(location(&with_old), "/signin", "the pre-sign-in id is worthless");
    let with_new = browser()
        .get(format!("{}/", app.address))
        .header("accept", "text/html")
        .header("cookie", &new)
        .send()
        .await
        .unwrap();
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

/// Every request saves its session (the save moves the idle expiry on). Two requests of one browser at once — a page
/// and its favicon, a form post and a WASM chunk — each save the record they loaded: the one that changed nothing
/// must not write its old data over what the other stored (here: the secret a new access key keeps for the next page).
#[tokio::test]
async fn a_request_that_changed_nothing_never_undoes_what_a_concurrent_one_stored() {
    use app::backend::clock::FixedClock;
    use app::backend::session_store::DbSessionStore;
    use chrono::{TimeZone, Utc};
    use std::sync::Arc;
    use tower_sessions::session::{Id, Record};
    use tower_sessions::SessionStore;

    let dir = tempfile::tempdir().unwrap();
    let url = crate::helpers::fresh_database_url()
        .await
        .unwrap_or_else(|| format!("sqlite://{}/iam.db?mode=rwc", dir.path().display()));
    let db = app::backend::db::connect(&url).await.unwrap();
    <migration::Migrator as migration::MigratorTrait>::up(&db, None).await.unwrap();
    let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()));
    let store = DbSessionStore::new(db, clock.clone(), Duration::minutes(60));

    let mut record = Record {
        id: Id::default(),
        data: [("step".to_owned(), serde_json::json!("one"))].into(),
        expiry_date: time::OffsetDateTime::now_utc() + time::Duration::hours(1),
    };
    store.create(&mut record).await.unwrap();
    let idle_reader = store.load(&record.id).await.unwrap().unwrap(); // e.g. the favicon's request
    let mut writer = store.load(&record.id).await.unwrap().unwrap(); // the form post
    writer.data.insert("secret".to_owned(), serde_json::json!("kept"));
    store.save(&writer).await.unwrap();
    clock.advance(Duration::minutes(50));
    store.save(&idle_reader).await.unwrap(); // finishes last, unchanged

    let now = store.load(&record.id).await.unwrap().expect("alive: the late save moved the idle expiry");
    assert_eq!(now.data.get("secret"), Some(&serde_json::json!("kept")));
    assert_eq!(now.data.get("step"), Some(&serde_json::json!("one")));
    // The late save counted as activity: 50 + 50 minutes after the last change, the session is still there.
    clock.advance(Duration::minutes(50));
    assert!(store.load(&record.id).await.unwrap().is_some());

    // A request that did change something writes it, as before.
    let mut changer = store.load(&record.id).await.unwrap().unwrap();
    changer.data.remove("secret");
    store.save(&changer).await.unwrap();
    assert_eq!(store.load(&record.id).await.unwrap().unwrap().data.get("secret"), None);
}

/// The built front end (a page fetches dozens of split WASM chunks) is served without loading or saving the session:
/// no cookie is set, and the session's stored row is not written.
#[tokio::test]
async fn static_files_leave_the_session_alone() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("pkg")).unwrap();
    std::fs::write(site.path().join("pkg/chunk_1.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let app = crate::helpers::spawn_app_serving(site.path()).await;
    app.set_up("").await;
    assert_eq!(app.get("/").await.status(), 200, "signed in");

    // A minute later the page would move the idle expiry on (and answer with the cookie); a chunk does neither.
    app.clock.advance(Duration::minutes(1));
    let chunk = app.client.get(format!("{}/pkg/chunk_1.wasm", app.address)).send().await.unwrap();
    assert_eq!(chunk.status(), 200);
    assert_eq!(chunk.headers()["content-type"], "application/wasm");
    assert!(chunk.headers().get("set-cookie").is_none(), "the session is not saved for a static file");
    assert_eq!(chunk.bytes().await.unwrap().as_ref(), b"\0asm\x01\0\0\0");
    let page = app.get("/").await;
    assert!(page.headers().get("set-cookie").is_some(), "a page still saves the session (moving the expiry on)");
    let missing = app.client.get(format!("{}/pkg/nothing.wasm", app.address)).send().await.unwrap();
    assert_eq!(missing.status(), 404);
}
