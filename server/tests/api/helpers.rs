#![allow(dead_code)]

use app::backend::FixedClock;
use chrono::{TimeZone, Utc};
use reqwest::header::{ACCEPT, REFERER};
use reqwest::redirect::Policy;
use server::config::Settings;
use server::startup::Application;
use std::path::PathBuf;
use std::sync::Arc;
use tempfile::TempDir;

pub const ROOT_EMAIL: &str = "root@example.com";
pub const ROOT_PASSWORD: &str = "Correct-Horse-9";

pub struct TestApp {
    pub address: String,
    pub clock: Arc<FixedClock>,
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub client: reqwest::Client,
    // Dropped last: the database lives here.
    _dir: Arc<TempDir>,
}

pub fn settings(data_dir: &std::path::Path, database_url: Option<String>) -> Settings {
    Settings {
        host: "127.0.0.1".into(),
        port: 0,
        data_dir: data_dir.to_path_buf(),
        database_url,
        secure_cookies: Some(false),
        session_idle_minutes: 60,
        session_absolute_hours: 12,
        site_root: "target/site".into(),
        log: "warn".into(),
        master_key: None,
        throttle: Default::default(),
    }
}

/// A browser-like client: keeps cookies, does not follow redirects (so tests can assert them).
pub fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(Policy::none())
        // A page that never finishes must fail its test, not hold the whole suite until CI gives up.
        .timeout(std::time::Duration::from_secs(60))
        .build()
        .unwrap()
}

/// With `TEST_DATABASE_URL` (a PostgreSQL admin URL) every test gets a database of its own on that server;
/// without it, a SQLite file in the test's temporary data directory.
pub async fn fresh_database_url() -> Option<String> {
    let admin_url = std::env::var("TEST_DATABASE_URL").ok()?;
    let name = format!("iam_test_{}", uuid::Uuid::new_v4().simple());
    let admin = sea_orm::Database::connect(&admin_url).await.expect("PostgreSQL reachable");
    sea_orm::ConnectionTrait::execute_unprepared(&admin, &format!("CREATE DATABASE {name}")).await.unwrap();
    admin.close().await.unwrap();
    let (server, _) = admin_url.rsplit_once('/').unwrap();
    Some(format!("{server}/{name}"))
}

pub async fn spawn_app() -> TestApp {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()));
    let database_url = fresh_database_url().await;
    spawn_on(dir, database_url, clock, browser()).await
}

/// [`spawn_app`] serving the built front end from `site_root` (the default `target/site` is relative to the crate
/// being tested, where nothing is built).
pub async fn spawn_app_serving(site_root: &std::path::Path) -> TestApp {
    let dir = Arc::new(tempfile::tempdir().unwrap());
    let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()));
    let database_url = fresh_database_url().await;
    let settings =
        Settings { site_root: site_root.display().to_string(), ..settings(dir.path(), database_url.clone()) };
    let app = Application::build(settings, clock.clone()).await.expect("server builds");
    let address = app.url();
    tokio::spawn(app.run_until_stopped());
    TestApp { address, clock, data_dir: dir.path().to_path_buf(), database_url, client: browser(), _dir: dir }
}

/// Starts a server over an existing database (for restart tests), sharing the clock and the browser.
pub async fn spawn_on(
    dir: Arc<TempDir>,
    database_url: Option<String>,
    clock: Arc<FixedClock>,
    client: reqwest::Client,
) -> TestApp {
    let app =
        Application::build(settings(dir.path(), database_url.clone()), clock.clone()).await.expect("server builds");
    let address = app.url();
    tokio::spawn(app.run_until_stopped());
    TestApp { address, clock, data_dir: dir.path().to_path_buf(), database_url, client, _dir: dir }
}

impl TestApp {
    pub fn dir(&self) -> Arc<TempDir> {
        self._dir.clone()
    }

    /// Loads a page the way a browser navigates (it asks for HTML, which is what makes redirects real 302s).
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.address)).header(ACCEPT, "text/html").send().await.unwrap()
    }

    /// Submits a server function the way a plain HTML form does with JavaScript off.
    pub async fn submit_form(&self, page: &str, server_fn: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{server_fn}", self.address))
            .header(ACCEPT, "text/html,application/xhtml+xml")
            .header(REFERER, format!("{}{page}", self.address))
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    /// Calls a server function the way the hydrated app does (JSON back).
    pub async fn call(&self, server_fn: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{server_fn}", self.address))
            .header(ACCEPT, "application/json")
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    pub async fn set_up(&self, alias: &str) -> reqwest::Response {
        self.submit_form(
            "/setup",
            "set_up_account",
            &[("alias", alias), ("email", ROOT_EMAIL), ("password", ROOT_PASSWORD)],
        )
        .await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.submit_form("/signin", "sign_in_root", &[("email", email), ("password", password)]).await
    }

    pub async fn sign_out(&self) -> reqwest::Response {
        self.submit_form("/", "sign_out", &[]).await
    }
}

pub fn location(response: &reqwest::Response) -> String {
    response.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// The error a plain form post carried back to its page, decoded from the redirect's query string.
pub fn redirected_error(response: &reqwest::Response) -> Option<serde_json::Value> {
    let location = location(response);
    let query = location.split_once('?')?.1;
    let error = form_urlencoded::parse(query.as_bytes()).find(|(key, _)| key == "error")?.1;
    serde_json::from_str(&error).ok()
}
