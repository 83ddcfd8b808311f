//! Console session lifetimes and "sign out everywhere", black-box: an absolute lifetime that activity does not
//! extend (on the test's clock), a fresh session id after the MFA step of a sign-in, and every session of a
//! principal ended when their password changes (by the administrator or themselves, through the console or the
//! SigV4-signed Query API), their login profile is removed or their MFA device deactivated. The session making the
//! change stays signed in.


use app::backend::auth::totp::{code_at, time_step, TotpSeed};
use app::backend::Clock;
use chrono::Duration;
use reqwest::header::{ACCEPT, COOKIE};
use serde_json::Value;

use crate::helpers::{browser, location, spawn_app, TestApp, ROOT_EMAIL, ROOT_PASSWORD};
use crate::service::harness::base32_decode;
use crate::signing::signature_headers;

pub const ALICE_PASSWORD: &str = "Alice-Horse-9";

/// Another browser (its own cookie jar) on the same server.
pub struct Browser {
    pub address: String,
    pub client: reqwest::Client,
}

impl Browser {
    pub fn new(app: &TestApp) -> Self {
        Self { address: app.address.clone(), client: browser() }
    }

    /// A hydrated server-function call (JSON back).
    pub async fn call(&self, server_fn: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        call_with(&self.client, &self.address, server_fn, fields).await
    }

    pub async fn signed_in(&self) -> bool {
        signed_in_with(&self.client, &self.address).await
    }
}

async fn call_with(
    client: &reqwest::Client,
    address: &str,
    server_fn: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    client
        .post(format!("{address}/api/{server_fn}"))
        .header(ACCEPT, "application/json")
        .form(fields)
        .send()
        .await
        .unwrap()
}

/// Whether the console state names someone signed in.
async fn signed_in_with(client: &reqwest::Client, address: &str) -> bool {
    let state: Value = call_with(client, address, "console_state", &[]).await.json().await.unwrap();
    state["session"].is_object()
}

async fn app_signed_in(app: &TestApp) -> bool {
    signed_in_with(&app.client, &app.address).await
}

/// The `iam_session=…` pair a response set, if any.
pub fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("iam_session="))
        .and_then(|c| c.split(';').next().map(str::to_owned))
}

async fn ok_json(response: reqwest::Response) -> Value {
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "{status}: {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

/// Root sets the account up (alias `acme`) in `app`'s browser and creates `alice` with a console password.
pub async fn account_with_alice(app: &TestApp, require_reset: bool) {
    app.set_up("acme").await;
    let mut fields = vec![("user_name", "alice"), ("console_password", ALICE_PASSWORD)];
    if require_reset {
        fields.push(("require_reset", "on"));
    }
    ok_json(app.call("create_user", &fields).await).await;
}

pub async fn alice_signs_in(app: &TestApp, password: &str) -> Browser {
    let alice = Browser::new(app);
    let next = ok_json(
        alice.call("sign_in_user", &[("account", "acme"), ("user_name", "alice"), ("password", password)]).await,
    )
    .await;
    assert_eq!(next["done"], true, "{next}");
    assert!(alice.signed_in().await);
    alice
}


/// A code for the next time step nobody has used yet: the clock moves on one step first.
fn fresh_code(app: &TestApp, seed: &TotpSeed) -> String {
    app.clock.advance(Duration::seconds(30));
    code_at(seed, time_step(app.clock.now().timestamp())).unwrap()
}

/// Root (in `app`'s browser) gives `user_name` (empty: root itself) an enabled virtual MFA device; its seed and serial.
async fn enable_mfa(app: &TestApp, user_name: &str) -> (TotpSeed, String) {
    let created = ok_json(app.call("create_mfa_device", &[("user_name", user_name), ("device_name", "")]).await).await;
    let seed = TotpSeed::from_bytes(base32_decode(created["base32_string_seed"].as_str().unwrap()));
    let serial = created["serial_number"].as_str().unwrap().to_owned();
    app.clock.advance(Duration::seconds(30));
    let step = time_step(app.clock.now().timestamp());
    let (code1, code2) = (code_at(&seed, step - 1).unwrap(), code_at(&seed, step).unwrap());
    ok_json(
        app.call(
            "enable_mfa_device",
            &[("user_name", user_name), ("serial_number", &serial), ("code1", &code1), ("code2", &code2)],
        )
        .await,
    )
    .await;
    (seed, serial)
}

#[tokio::test]
async fn a_busy_session_still_ends_at_its_absolute_lifetime() {
    let app = spawn_app().await;
    app.set_up("").await;
    // Active every 50 minutes (under the 60-minute idle limit) for 11 h 40 min: still signed in.
    let mut cookie = None;
    for _ in 0..14 {
        app.clock.advance(Duration::minutes(50));
        let response = app.get("/").await;
        assert_eq!(response.status(), 200, "an active session within its lifetime");
        cookie = session_cookie(&response).or(cookie);
    }
    let cookie = cookie.expect("the session cookie, renewed with each request");
    // 12 h after sign-in: signed out, however active.
    app.clock.advance(Duration::minutes(21));
    let response = app.get("/").await;
    assert_eq!(location(&response), "/signin", "past the absolute lifetime");
    // And deleted, not merely hidden: with the clock turned back, the same cookie opens nothing.
    app.clock.advance(Duration::hours(-1));
    let again = reqwest::Client::new()
        .post(format!("{}/api/console_state", app.address))
        .header(ACCEPT, "application/json")
        .header(COOKIE, cookie)
        .send()
        .await
        .unwrap();
    assert!(ok_json(again).await["session"].is_null(), "the expired session's row is gone");
}

#[tokio::test]
async fn activity_moves_the_idle_expiry_on() {
    let app = spawn_app().await;
    app.set_up("").await;
    for _ in 0..3 {
        app.clock.advance(Duration::minutes(45));
        assert!(app_signed_in(&app).await, "a request every 45 minutes keeps a 60-minute idle session");
    }
}

#[tokio::test]
async fn the_session_id_changes_after_the_mfa_step() {
    let app = spawn_app().await;
    // A password change is still owed after the code, so the MFA step is not the end of the sign-in.
    account_with_alice(&app, true).await;
    let (seed, _) = enable_mfa(&app, "alice").await;

    let alice = Browser::new(&app);
    let password_step =
        alice.call("sign_in_user", &[("account", "acme"), ("user_name", "alice"), ("password", ALICE_PASSWORD)]).await;
    let before = session_cookie(&password_step).expect("a session for the pending sign-in");
    assert_eq!(ok_json(password_step).await["path"].as_str().unwrap().rsplit('/').next(), Some("mfa"));

    let mfa_step = alice.call("sign_in_mfa", &[("code", &fresh_code(&app, &seed))]).await;
    let after = session_cookie(&mfa_step).expect("a new session id after the code");
    let next = ok_json(mfa_step).await;
    assert!(next["path"].as_str().unwrap().ends_with("/new-password"), "{next}");
    assert_ne!(before, after);

    let progress = |cookie: String| {
        let address = app.address.clone();
        async move {
            let response = reqwest::Client::new()
                .post(format!("{address}/api/sign_in_progress"))
                .header(ACCEPT, "application/json")
                .header(COOKIE, cookie)
                .send()
                .await
                .unwrap();
            ok_json(response).await
        }
    };
    assert_eq!(progress(before).await, Value::Null, "the id from before the code is worthless");
    assert_eq!(progress(after).await["stage"], "NewPassword");
}

#[tokio::test]
async fn removing_a_users_console_password_signs_them_out_everywhere() {
    let app = spawn_app().await;
    account_with_alice(&app, false).await;
    let (laptop, phone) = (alice_signs_in(&app, ALICE_PASSWORD).await, alice_signs_in(&app, ALICE_PASSWORD).await);

    ok_json(app.call("delete_login_profile", &[("user_name", "alice")]).await).await;
    assert!(!laptop.signed_in().await, "signed out on the laptop");
    assert!(!phone.signed_in().await, "and on the phone");
    assert!(app_signed_in(&app).await, "the administrator's session is untouched");
}

#[tokio::test]
async fn deactivating_a_users_mfa_device_signs_them_out_everywhere() {
    let app = spawn_app().await;
    account_with_alice(&app, false).await;
    let (seed, serial) = enable_mfa(&app, "alice").await;

    let alice = Browser::new(&app);
    ok_json(
        alice.call("sign_in_user", &[("account", "acme"), ("user_name", "alice"), ("password", ALICE_PASSWORD)]).await,
    )
    .await;
    ok_json(alice.call("sign_in_mfa", &[("code", &fresh_code(&app, &seed))]).await).await;
    assert!(alice.signed_in().await);

    ok_json(
        app.call("deactivate_mfa_device", &[("user_name", "alice"), ("serial_number", &serial), ("confirm", "on")])
            .await,
    )
    .await;
    assert!(!alice.signed_in().await, "the MFA session is gone with the device");
    assert!(app_signed_in(&app).await);
}

#[tokio::test]
async fn root_removing_its_own_mfa_ends_its_other_sessions_but_not_this_one() {
    let app = spawn_app().await;
    app.set_up("").await;
    let (seed, serial) = enable_mfa(&app, "").await;

    let other = Browser::new(&app);
    ok_json(other.call("sign_in_root", &[("email", ROOT_EMAIL), ("password", ROOT_PASSWORD)]).await).await;
    ok_json(other.call("sign_in_mfa", &[("code", &fresh_code(&app, &seed))]).await).await;
    assert!(other.signed_in().await);

    let code = fresh_code(&app, &seed);
    ok_json(
        app.call(
            "deactivate_mfa_device",
            &[("user_name", ""), ("serial_number", &serial), ("confirm", "on"), ("code", &code)],
        )
        .await,
    )
    .await;
    assert!(!other.signed_in().await, "root's other browser is signed out");
    assert!(app_signed_in(&app).await, "the session that removed the device goes on");
}

/// A Query API call signed with `key` (id, secret) at the server's clock; the status and the XML.
pub async fn query(app: &TestApp, key: &(String, String), params: &[(&str, &str)]) -> (u16, String) {
    let mut form = form_urlencoded::Serializer::new(String::new());
    form.append_pair("Version", "2010-05-08");
    form.extend_pairs(params);
    let body = form.finish();
    let url = format!("{}/", app.address);
    let host = app.address.trim_start_matches("http://").to_owned();
    let content_type = "application/x-www-form-urlencoded; charset=utf-8";
    // Sent as a browser on another site would: the Query API answers by signature alone.
    let mut request = reqwest::Client::new()
        .post(&url)
        .header("content-type", content_type)
        .header("host", host.as_str())
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site");
    for (name, value) in signature_headers(&url, content_type, &body, &key.0, &key.1, app.clock.now()) {
        request = request.header(name, value);
    }
    let response = request.body(body).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Gives `user_name` an inline policy allowing `action` on everything, in the console as root.
async fn allow(app: &TestApp, user_name: &str, action: &str) {
    let document =
        format!(r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"{action}","Resource":"*"}}]}}"#);
    let fields = [("owner", "user"), ("owner_name", user_name), ("policy_name", "allow"), ("document", &document)];
    ok_json(app.call("save_inline_policy", &fields).await).await;
}

/// A new access key for `user_name`, made in the console by root.
pub async fn access_key(app: &TestApp, user_name: &str) -> (String, String) {
    let key = ok_json(app.call("create_access_key", &[("user_name", user_name)]).await).await;
    (key["access_key_id"].as_str().unwrap().to_owned(), key["secret_access_key"].as_str().unwrap().to_owned())
}

/// An administrator (`iam:*`) with an access key, for the Query API; the console's root cannot make root keys.
pub async fn admin_key(app: &TestApp) -> (String, String) {
    ok_json(app.call("create_user", &[("user_name", "admin")]).await).await;
    allow(app, "admin", "iam:*").await;
    access_key(app, "admin").await
}

#[tokio::test]
async fn a_password_changed_through_the_query_api_signs_the_user_out_everywhere() {
    let app = spawn_app().await;
    account_with_alice(&app, false).await;
    let admin = admin_key(&app).await;
    allow(&app, "alice", "iam:ChangePassword").await;
    let alice_key = access_key(&app, "alice").await;

    // The administrator sets a new password (UpdateLoginProfile).
    let (laptop, phone) = (alice_signs_in(&app, ALICE_PASSWORD).await, alice_signs_in(&app, ALICE_PASSWORD).await);
    let (status, xml) =
        query(&app, &admin, &[("Action", "UpdateLoginProfile"), ("UserName", "alice"), ("Password", "Second-Horse-9")])
            .await;
    assert_eq!(status, 200, "{xml}");
    assert!(!laptop.signed_in().await && !phone.signed_in().await, "both of alice's sessions ended");
    assert!(app_signed_in(&app).await, "root's console session is untouched");

    // Alice changes her own (ChangePassword, with her key): her console sessions end too.
    let tablet = alice_signs_in(&app, "Second-Horse-9").await;
    let (status, xml) = query(
        &app,
        &alice_key,
        &[("Action", "ChangePassword"), ("OldPassword", "Second-Horse-9"), ("NewPassword", "Third-Horse-9")],
    )
    .await;
    assert_eq!(status, 200, "{xml}");
    assert!(!tablet.signed_in().await);
    alice_signs_in(&app, "Third-Horse-9").await;
}

#[tokio::test]
async fn a_flag_only_login_profile_update_signs_nobody_out() {
    let app = spawn_app().await;
    account_with_alice(&app, false).await;
    let admin = admin_key(&app).await;
    let laptop = alice_signs_in(&app, ALICE_PASSWORD).await;
    let (status, xml) = query(
        &app,
        &admin,
        &[("Action", "UpdateLoginProfile"), ("UserName", "alice"), ("PasswordResetRequired", "true")],
    )
    .await;
    assert_eq!(status, 200, "{xml}");
    assert!(laptop.signed_in().await, "no new password, no sign-out");
}

#[tokio::test]
async fn a_renamed_users_sessions_end_so_a_new_user_of_the_name_inherits_none() {
    let app = spawn_app().await;
    account_with_alice(&app, false).await;
    let admin = admin_key(&app).await;
    let laptop = alice_signs_in(&app, ALICE_PASSWORD).await;

    let (status, xml) =
        query(&app, &admin, &[("Action", "UpdateUser"), ("UserName", "alice"), ("NewUserName", "alicia")]).await;
    assert_eq!(status, 200, "{xml}");
    ok_json(app.call("create_user", &[("user_name", "alice")]).await).await;
    assert!(!laptop.signed_in().await, "the old session is not the new alice's");
}
