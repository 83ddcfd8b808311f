//! `server rotate-master-key`, on SQLite and on PostgreSQL: every sealed secret (access-key secrets, MFA seeds, the
//! one-time secrets console sessions hold) is re-sealed under the new key in one transaction; keys and devices keep
//! working; the old key opens nothing any more; a run that fails changes nothing.

use app::backend::crypto::MasterKey;
use app::backend::entities::{access_key, console_session, mfa_device};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use sea_orm::{ActiveModelTrait, DatabaseConnection, EntityTrait, Set};

use super::fixture::*;

/// A console session holding a stashed access key for a browser without JavaScript, sealed as
/// `auth::session::stash_secret` seals it (the slot's name as associated data), plus an expired session.
async fn sessions_with_a_stashed_secret(db: &DatabaseConnection, key: &MasterKey) -> String {
    let stashed = r#"{"access_key_id":"AKIAEXAMPLE","secret_access_key":"stashed-secret"}"#;
    let sealed = key.seal(stashed.as_bytes(), "new_access_key").unwrap();
    let record = serde_json::json!({
        "id": "live",
        "data": {"new_access_key": {"sealed": sealed, "shown_to_request": null}, "other": {"plain": 1}},
        "expiry_date": "2100-01-01T00:00:00Z",
    });
    for (id, expires_at) in [("live", 4_102_444_800_i64), ("expired", 0)] {
        console_session::ActiveModel {
            id: Set(id.into()),
            data: Set(record.to_string()),
            expires_at: Set(expires_at),
            ..Default::default()
        }
        .insert(db)
        .await
        .unwrap();
    }
    stashed.to_owned()
}

struct Sealed {
    secret: String,
    seed: String,
    session: String,
}

async fn sealed(db: &DatabaseConnection, made: &Made) -> Sealed {
    let key = access_key::Entity::find_by_id(made.key_id.clone()).one(db).await.unwrap().unwrap();
    let device = mfa_device::Entity::find_by_id(made.serial.clone()).one(db).await.unwrap().unwrap();
    let session = console_session::Entity::find_by_id("live".to_owned()).one(db).await.unwrap().unwrap();
    let record: serde_json::Value = serde_json::from_str(&session.data).unwrap();
    Sealed {
        secret: key.secret_ciphertext,
        seed: device.seed_ciphertext,
        session: record["data"]["new_access_key"]["sealed"].as_str().unwrap().to_owned(),
    }
}

/// `key` opens every sealed value to what was sealed.
fn opens(key: &MasterKey, sealed: &Sealed, made: &Made, stashed: &str) -> bool {
    key.open(&sealed.secret, &made.key_id).is_ok_and(|s| s == made.secret.as_bytes())
        && key.open(&sealed.seed, &made.serial).is_ok_and(|s| s == base32_decode(&made.seed_base32))
        && key.open(&sealed.session, "new_access_key").is_ok_and(|s| s == stashed.as_bytes())
}

#[tokio::test]
async fn rotation_reseals_every_secret_and_keys_and_devices_keep_working() {
    let dep = Deployment::new().await;
    let iam = dep.service().await;
    let made = populate(&iam, &dep.clock).await;
    let old_key = dep.file_key();
    let stashed = sessions_with_a_stashed_secret(iam.db(), &old_key).await;
    let before = sealed(iam.db(), &made).await;
    assert!(opens(&old_key, &before, &made, &stashed));
    iam.db().clone().close().await.unwrap();

    let out = json(&dep.run_args(&["rotate-master-key"]).await);
    assert_eq!(out["Resealed"], serde_json::json!({"AccessKeys": 1, "MfaDevices": 1, "SessionSecrets": 1}));
    assert_eq!(out["ExpiredSessionsDeleted"], 1);
    assert!(out["Note"].as_str().unwrap().contains("pagination markers"));
    let key_file = dep.data_dir().join("master.key");
    assert_eq!(out["MasterKey"], key_file.display().to_string());
    let text = out.to_string();
    let new_key_text = std::fs::read_to_string(&key_file).unwrap();
    assert!(!text.contains(new_key_text.trim()), "the new key is never printed");

    // The old key is kept beside the new one (it still opens older backups), both owner-only.
    let old_file = std::path::PathBuf::from(out["OldMasterKey"].as_str().unwrap());
    assert!(old_file.file_name().unwrap().to_str().unwrap().starts_with("master.key.old-"));
    let kept = MasterKey::from_base64(&std::fs::read_to_string(&old_file).unwrap()).unwrap();
    assert!(opens(&kept, &before, &made, &stashed), "the kept file is the old key");
    #[cfg(unix)]
    for file in [&key_file, &old_file] {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(file).unwrap().permissions().mode() & 0o777, 0o600, "{}", file.display());
    }
    assert!(!dep.data_dir().read_dir().unwrap().any(|e| e.unwrap().file_name().to_string_lossy().contains(".new-")));

    let new_key = dep.file_key();
    let db = dep.connect().await;
    let after = sealed(&db, &made).await;
    assert_ne!(after.secret, before.secret, "the sealed bytes changed");
    assert_ne!(after.seed, before.seed);
    assert_ne!(after.session, before.session);
    assert!(opens(&new_key, &after, &made, &stashed), "the new key opens them to the same secrets");
    assert!(old_key.open(&after.secret, &made.key_id).is_err(), "the old key no longer opens them");
    assert!(old_key.open(&after.seed, &made.serial).is_err());
    assert!(old_key.open(&after.session, "new_access_key").is_err());
    let sessions = console_session::Entity::find().all(&db).await.unwrap();
    assert_eq!(sessions.len(), 1, "the expired session was deleted, the live one kept");
    let record: serde_json::Value = serde_json::from_str(&sessions[0].data).unwrap();
    assert_eq!(record["data"]["other"], serde_json::json!({"plain": 1}), "the rest of the record is untouched");

    // The access key signs and the MFA device's codes are accepted, with the rotated key only.
    let iam = dep.service().await;
    mfa_codes_accepted(&iam, &dep.clock, &made).await;
    let app = dep.in_process_server().await;
    let (status, body) = signed_get_user(&app, &made.key_id, &made.secret).await;
    assert_eq!(status, 200, "{body}");

    // Rotating again is an ordinary rotation.
    let again = json(&dep.run_args(&["rotate-master-key"]).await);
    assert_eq!(again["Resealed"]["AccessKeys"], 1);
    let latest = dep.file_key();
    let db = dep.connect().await;
    assert!(opens(&latest, &sealed(&db, &made).await, &made, &stashed));
}

#[tokio::test]
async fn a_configured_key_is_rotated_to_the_given_file_and_a_failed_run_changes_nothing() {
    let dep = Deployment::new().await;
    let (current, next) = ([1u8; 32], [2u8; 32]);
    let iam = dep.service_with(MasterKey::from_bytes(current)).await;
    let made = populate(&iam, &dep.clock).await;
    let stashed = sessions_with_a_stashed_secret(iam.db(), &MasterKey::from_bytes(current)).await;
    let before = sealed(iam.db(), &made).await;
    let key_files =
        || -> Vec<String> { listing(dep.data_dir()).into_iter().filter(|name| name.contains("master.key")).collect() };
    let with_key = |key: &[u8; 32], args: &[&str]| {
        let mut command = dep.command(args);
        command.env("IAM_MASTER_KEY", STANDARD.encode(key));
        command
    };

    // The configured key is not the one the secrets were sealed with: refused, all or nothing.
    let message = failure(&dep.run(with_key(&[3u8; 32], &["rotate-master-key"])).await);
    assert!(message.contains("does not open with the current master key"), "{message}");
    assert!(message.contains("nothing was changed"), "{message}");
    assert_eq!(key_files(), Vec::<String>::new(), "no key file left behind");
    let db = dep.connect().await;
    let unchanged = sealed(&db, &made).await;
    assert_eq!(
        (&unchanged.secret, &unchanged.seed, &unchanged.session),
        (&before.secret, &before.seed, &before.session)
    );

    // Bad new key files are refused without echoing them.
    let scratch = tempfile::tempdir().unwrap();
    let bad = scratch.path().join("bad.key");
    std::fs::write(&bad, STANDARD.encode([5u8; 16])).unwrap();
    let message =
        failure(&dep.run(with_key(&current, &["rotate-master-key", "--new-key-file", bad.to_str().unwrap()])).await);
    assert!(message.contains("32 bytes") && !message.contains(&STANDARD.encode([5u8; 16])), "{message}");
    let same = scratch.path().join("same.key");
    std::fs::write(&same, STANDARD.encode(current)).unwrap();
    let message =
        failure(&dep.run(with_key(&current, &["rotate-master-key", "--new-key-file", same.to_str().unwrap()])).await);
    assert!(message.contains("is the current one"), "{message}");

    // The right key: re-sealed under the given file's key; the operator is told to update the configuration.
    let next_file = scratch.path().join("next.key");
    std::fs::write(&next_file, format!("{}\n", STANDARD.encode(next))).unwrap();
    let output =
        dep.run(with_key(&current, &["rotate-master-key", "--new-key-file", next_file.to_str().unwrap()])).await;
    let out = json(&output);
    assert_eq!(out["NewMasterKeyFile"], next_file.display().to_string());
    let advice = String::from_utf8_lossy(&output.stderr);
    assert!(advice.contains("IAM_MASTER_KEY"), "{advice}");
    assert!(!advice.contains(&STANDARD.encode(next)) && !out.to_string().contains(&STANDARD.encode(next)));
    assert_eq!(key_files(), Vec::<String>::new(), "a configured key is never written into the data directory");
    let after = sealed(&db, &made).await;
    assert!(opens(&MasterKey::from_bytes(next), &after, &made, &stashed));
    assert!(!opens(&MasterKey::from_bytes(current), &after, &made, &stashed));
    let iam = dep.service_with(MasterKey::from_bytes(next)).await;
    let signing = iam.access_key_for_signature(&ctx(), &made.key_id).await.unwrap().unwrap();
    assert_eq!(signing.secret.expose(), made.secret);
    mfa_codes_accepted(&iam, &dep.clock, &made).await;
}
