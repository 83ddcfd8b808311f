//! DESIGN rule 4, checked where an attacker would look: the raw bytes of the SQLite database (and its write-ahead
//! log) and the server's logs at debug level. Neither may hold an access-key secret, a password, or an MFA seed (as
//! the Base32 text shown to the user, or as its raw bytes). SQLite only: these read the database file itself.

use std::time::{SystemTime, UNIX_EPOCH};

use app::backend::auth::totp::{code_at, time_step, TotpSeed};
use reqwest::header::{ACCEPT, REFERER};
use reqwest::redirect::Policy;
use sea_orm::ConnectionTrait;
use serde_json::Value;

use super::fixture::*;

/// The database file and its write-ahead log, as bytes on disk.
fn database_bytes(dep: &Deployment) -> Vec<u8> {
    let mut bytes = std::fs::read(dep.sqlite_file()).unwrap();
    if let Ok(wal) = std::fs::read(dep.data_dir().join("iam.db-wal")) {
        bytes.extend(wal);
    }
    bytes
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|window| window == needle)
}

/// Every secret, as text and (for the seed) as raw bytes; named for the failure message only.
fn secrets(texts: &[(&str, &str)], seed: &TotpSeed) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> =
        texts.iter().map(|(name, text)| (name.to_string(), text.as_bytes().to_vec())).collect();
    all.push(("raw MFA seed".into(), seed.as_bytes().to_vec()));
    all
}

fn assert_absent(place: &str, haystack: &[u8], secrets: &[(String, Vec<u8>)]) {
    for (name, secret) in secrets {
        assert!(!contains(haystack, secret), "{name} found in {place}");
    }
}

#[tokio::test]
async fn the_database_files_hold_no_secret_in_the_clear() {
    let Some(dep) = Deployment::sqlite().await else { return };
    let iam = dep.service().await;
    let made = populate(&iam, &dep.clock).await;
    // Fold the log into the file, then read both anyway: whatever is on disk counts.
    iam.db().execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)").await.unwrap();
    let bytes = database_bytes(&dep);
    assert!(contains(&bytes, made.key_id.as_bytes()), "sanity: the key's id is stored in the clear");
    assert!(contains(&bytes, b"alice"), "sanity: user names are readable in the file");
    let secrets = secrets(
        &[
            ("secret access key", &made.secret),
            ("console password", ALICE_PASSWORD),
            ("root password", ROOT_PASSWORD),
            ("Base32 MFA seed", &made.seed_base32),
        ],
        &made.seed(),
    );
    assert_absent("the database files", &bytes, &secrets);
}

/// A server function called as the hydrated app calls it; the status and the JSON answer.
async fn call(client: &reqwest::Client, base: &str, function: &str, fields: &[(&str, &str)]) -> Value {
    let response = client
        .post(format!("{base}/api/{function}"))
        .header(ACCEPT, "application/json")
        .form(fields)
        .send()
        .await
        .unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    assert!(status.is_success(), "{function}: {status} {text}");
    serde_json::from_str(&text).unwrap_or(Value::Null)
}

fn now_step() -> i64 {
    time_step(SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs() as i64)
}

#[tokio::test]
async fn a_debug_log_of_sign_in_key_creation_and_mfa_enrolment_holds_no_secret() {
    let Some(dep) = Deployment::sqlite().await else { return };
    let server = dep.serve("debug");
    let base = server.url.clone();
    let client = reqwest::Client::builder().cookie_store(true).redirect(Policy::none()).build().unwrap();

    call(
        &client,
        &base,
        "set_up_account",
        &[("alias", "ops-logs"), ("email", ROOT_EMAIL), ("password", ROOT_PASSWORD)],
    )
    .await;
    call(&client, &base, "sign_out", &[]).await;
    call(&client, &base, "sign_in_root", &[("email", ROOT_EMAIL), ("password", ROOT_PASSWORD)]).await;
    call(&client, &base, "create_user", &[("user_name", "alice"), ("path", "/"), ("console_password", ALICE_PASSWORD)])
        .await;
    let first = call(&client, &base, "create_access_key", &[("user_name", "alice")]).await;
    let first_secret = first["secret_access_key"].as_str().unwrap().to_owned();
    // The second key as a browser without JavaScript gets it: stashed (sealed) in the session, shown by the page.
    let posted = client
        .post(format!("{base}/api/create_access_key"))
        .header(ACCEPT, "text/html,application/xhtml+xml")
        .header(REFERER, format!("{base}/users/alice"))
        .form(&[("user_name", "alice")])
        .send()
        .await
        .unwrap();
    assert!(posted.status().is_redirection(), "{}", posted.status());
    let shown = call(&client, &base, "user_access_keys", &[("user_name", "alice")]).await;
    let second_secret = shown["new_key"]["secret_access_key"].as_str().unwrap().to_owned();
    assert_ne!(first_secret, second_secret);

    let device =
        call(&client, &base, "create_mfa_device", &[("user_name", "alice"), ("device_name", "alice-phone")]).await;
    let serial = device["serial_number"].as_str().unwrap().to_owned();
    let seed_base32 = device["base32_string_seed"].as_str().unwrap().to_owned();
    let seed = TotpSeed::from_bytes(base32_decode(&seed_base32));
    // Two consecutive codes just behind the clock, so a step boundary while this runs cannot matter.
    let step = now_step();
    let (code1, code2) = (code_at(&seed, step - 2).unwrap(), code_at(&seed, step - 1).unwrap());
    call(
        &client,
        &base,
        "enable_mfa_device",
        &[("user_name", "alice"), ("serial_number", &serial), ("code1", &code1), ("code2", &code2)],
    )
    .await;

    // Alice signs in with her password and a code from the device.
    call(&client, &base, "sign_out", &[]).await;
    call(
        &client,
        &base,
        "sign_in_user",
        &[("account", "ops-logs"), ("user_name", "alice"), ("password", ALICE_PASSWORD)],
    )
    .await;
    let code = code_at(&seed, now_step()).unwrap();
    call(&client, &base, "sign_in_mfa", &[("code", &code)]).await;
    let state = call(&client, &base, "console_state", &[]).await;
    assert!(state.to_string().contains("alice"), "alice is signed in: {state}");

    let logs = server.stop().await;
    assert!(logs.contains("DEBUG"), "the server logged at debug level: {logs}");
    let secrets = secrets(
        &[
            ("first secret access key", &first_secret),
            ("second secret access key", &second_secret),
            ("console password", ALICE_PASSWORD),
            ("root password", ROOT_PASSWORD),
            ("Base32 MFA seed", &seed_base32),
        ],
        &seed,
    );
    assert_absent("the server's debug log", logs.as_bytes(), &secrets);
    // Sessions are rows too: the stashed key and the enrolment's seed went through them.
    assert_absent("the database files", &database_bytes(&dep), &secrets);
}
