//! `server backup` and `server restore` on SQLite, driven as an operator would: the real binary, with a real server
//! running (or stopped) on the same data directory. On PostgreSQL both commands refuse and point at pg_dump /
//! pg_restore; the SQLite tests return early there.

use std::path::Path;

use app::backend::crypto::MasterKey;
use app::backend::service::CreateUser;
use app::model::credentials::AccessKeyId;
use app::model::{GroupName, IamPath, UserName};
use base64::Engine;

use super::fixture::*;

#[tokio::test]
async fn a_backup_taken_while_serving_restores_every_identity_key_and_device() {
    let Some(dep) = Deployment::sqlite().await else { return };
    let iam = dep.service().await;
    let made = populate(&iam, &dep.clock).await;
    let at_backup = snapshot(iam.db()).await;

    let server = dep.serve("warn");
    let backup = dep.data_dir().join("backups").join("it's a backup.db");
    std::fs::create_dir_all(backup.parent().unwrap()).unwrap();
    let summary = json(&dep.run_args(&["backup", "--to", backup.to_str().unwrap()]).await);
    assert_eq!(summary["Backup"], backup.display().to_string());
    assert_eq!(summary["Bytes"].as_u64().unwrap(), std::fs::metadata(&backup).unwrap().len());
    assert_eq!(
        (&summary["Users"], &summary["Groups"], &summary["AccessKeys"], &summary["Policies"], &summary["MfaDevices"]),
        (&2.into(), &1.into(), &1.into(), &1.into(), &1.into())
    );
    let note = summary["MasterKey"].as_str().unwrap();
    assert!(note.contains("not in the backup") && note.contains("master.key"), "{note}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777, 0o600, "owner-only copy");
    }

    // Life goes on after the backup: a new user and group, and the key is deleted.
    let root = root_call(&made.account_id);
    let carol = CreateUser { name: UserName::parse("carol").unwrap(), path: IamPath::root(), tags: vec![] };
    iam.create_user(&root, carol).await.unwrap();
    iam.create_group(&root, GroupName::parse("later").unwrap(), IamPath::root()).await.unwrap();
    let key_id = AccessKeyId::parse(&made.key_id).unwrap();
    iam.delete_access_key(&root, Some(UserName::parse("build").unwrap()), key_id).await.unwrap();
    assert_ne!(snapshot(iam.db()).await, at_backup);
    close(iam).await;

    server.stop().await;
    let restored = json(&dep.run_args(&["restore", "--from", backup.to_str().unwrap()]).await);
    assert_eq!(restored["Users"], 2);
    let previous = restored["PreviousDatabase"].as_str().unwrap();
    assert!(Path::new(previous).exists(), "the replaced database is kept: {previous}");
    assert!(
        !dep.data_dir().join("iam.db-wal").exists()
            || std::fs::metadata(dep.data_dir().join("iam.db-wal")).unwrap().len() == 0
    );

    let iam = dep.service().await;
    assert_eq!(snapshot(iam.db()).await, at_backup, "the database is the backup's, row for row");
    let signing = iam.access_key_for_signature(&ctx(), &made.key_id).await.unwrap().expect("the key is back");
    assert_eq!(signing.secret.expose(), made.secret, "the secret unseals with the data directory's key");
    mfa_codes_accepted(&iam, &dep.clock, &made).await;
    let app = dep.in_process_server().await;
    let (status, body) = signed_get_user(&app, &made.key_id, &made.secret).await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("<UserName>build</UserName>"), "{body}");
}

#[tokio::test]
async fn restore_is_refused_while_a_server_runs_and_works_once_it_stopped() {
    let Some(dep) = Deployment::sqlite().await else { return };
    let iam = dep.service().await;
    let made = populate(&iam, &dep.clock).await;
    let before = snapshot(iam.db()).await;
    let backup = dep.data_dir().join("b.db");
    json(&dep.run_args(&["backup", "--to", backup.to_str().unwrap()]).await);

    let server = dep.serve("warn");
    let message = failure(&dep.run_args(&["restore", "--from", backup.to_str().unwrap()]).await);
    assert!(message.contains("a server is running") && message.contains("nothing was changed"), "{message}");
    let message = failure(&dep.run_args(&["rotate-master-key"]).await);
    assert!(message.contains("a server is running"), "{message}");
    assert_eq!(snapshot(iam.db()).await, before);
    assert!(!listing(dep.data_dir()).iter().any(|name| name.contains("pre-restore") || name.contains(".new-")));

    close(iam).await;
    server.stop().await;
    json(&dep.run_args(&["restore", "--from", backup.to_str().unwrap()]).await);
    let iam = dep.service().await;
    assert_eq!(snapshot(iam.db()).await, before);
    assert!(iam.access_key_for_signature(&ctx(), &made.key_id).await.unwrap().is_some());
}

#[tokio::test]
async fn backup_never_overwrites_a_file() {
    let Some(dep) = Deployment::sqlite().await else { return };
    populate(&dep.service().await, &dep.clock).await;
    let existing = dep.data_dir().join("precious.txt");
    std::fs::write(&existing, "keep me").unwrap();
    let message = failure(&dep.run_args(&["backup", "--to", existing.to_str().unwrap()]).await);
    assert!(message.contains("already exists"), "{message}");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");
    // An empty file is refused too (SQLite itself would write into one).
    let empty = dep.data_dir().join("empty.db");
    std::fs::write(&empty, "").unwrap();
    assert!(failure(&dep.run_args(&["backup", "--to", empty.to_str().unwrap()]).await).contains("already exists"));
    // A directory that does not exist: a clear error, and nothing left behind.
    let nowhere = dep.data_dir().join("missing-dir").join("b.db");
    failure(&dep.run_args(&["backup", "--to", nowhere.to_str().unwrap()]).await);
    assert!(!nowhere.exists());
}

#[tokio::test]
async fn restore_refuses_what_is_not_a_sound_backup_of_ours_and_changes_nothing() {
    let Some(dep) = Deployment::sqlite().await else { return };
    let iam = dep.service().await;
    let made = populate(&iam, &dep.clock).await;
    let before = snapshot(iam.db()).await;
    let files_before = listing(dep.data_dir());
    let good = dep.data_dir().join("good.db");
    json(&dep.run_args(&["backup", "--to", good.to_str().unwrap()]).await);
    let bytes = std::fs::read(&good).unwrap();
    let scratch = tempfile::tempdir().unwrap();
    let file = |name: &str, content: &[u8]| {
        let path = scratch.path().join(name);
        std::fs::write(&path, content).unwrap();
        path
    };

    let mut damaged = bytes.clone();
    // Pages 3 onwards hold the tables' b-trees: scribbling over them must be caught by the integrity check.
    for byte in &mut damaged[8192..bytes.len() - 4096] {
        *byte = 0x5a;
    }
    let cases = [
        (file("text.db", b"this is not a database, just text that is long enough"), "not a SQLite database"),
        (file("short.db", b"SQLite"), "not a SQLite database"),
        (file("half.db", &bytes[..bytes.len() / 2]), "damaged"),
        (file("scribbled.db", &damaged), "damaged"),
        (scratch.path().join("missing.db"), "no backup file"),
    ];
    for (path, expected) in &cases {
        let message = failure(&dep.run_args(&["restore", "--from", path.to_str().unwrap()]).await);
        assert!(message.contains(expected), "{}: {message}", path.display());
        assert!(message.contains("nothing was changed") || *expected == "no backup file", "{message}");
    }

    // A sound SQLite database that is not ours.
    let foreign = scratch.path().join("foreign.db");
    let db = sea_orm::Database::connect(format!("sqlite://{}?mode=rwc", foreign.display())).await.unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(&db, "CREATE TABLE notes (body TEXT)").await.unwrap();
    db.close().await.unwrap();
    let message = failure(&dep.run_args(&["restore", "--from", foreign.to_str().unwrap()]).await);
    assert!(message.contains("not one of this server's"), "{message}");

    // Our backup, but the configured master key is not the one its secrets were sealed with.
    let other_key = base64::engine::general_purpose::STANDARD.encode([9u8; 32]);
    let mut command = dep.command(&["restore", "--from", good.to_str().unwrap()]);
    command.env("IAM_MASTER_KEY", &other_key);
    let message = failure(&dep.run(command).await);
    assert!(message.contains("do not open with the current master key"), "{message}");
    assert!(MasterKey::from_base64(&other_key).is_ok());

    assert_eq!(snapshot(iam.db()).await, before, "the database is untouched");
    let mut files_now = listing(dep.data_dir());
    files_now.retain(|name| name != "good.db" && name != "server.lock");
    let mut expected = files_before.clone();
    expected.retain(|name| name != "server.lock");
    files_now.retain(|name| !name.ends_with("-wal") && !name.ends_with("-shm"));
    expected.retain(|name| !name.ends_with("-wal") && !name.ends_with("-shm"));
    assert_eq!(files_now, expected, "no staged copy or set-aside database left behind");
    assert!(iam.access_key_for_signature(&ctx(), &made.key_id).await.unwrap().is_some());
}

#[tokio::test]
async fn on_postgresql_backup_and_restore_point_at_pg_dump_and_pg_restore() {
    if std::env::var_os("TEST_DATABASE_URL").is_none() {
        // The same refusal, shown with a PostgreSQL URL that is never connected to.
        let dir = tempfile::tempdir().unwrap();
        for args in [["backup", "--to", "x.db"], ["restore", "--from", "x.db"]] {
            let output = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
                .args(args)
                .env("IAM_DATA_DIR", dir.path())
                .env("DATABASE_URL", "postgres://iam@127.0.0.1:1/iam")
                .env("IAM_LOG", "warn")
                .output()
                .unwrap();
            let message = failure(&output);
            assert!(message.contains("pg_dump --format=custom") && message.contains("pg_restore --clean"), "{message}");
            assert!(message.contains("master key"), "{message}");
        }
        return;
    }
    let dep = Deployment::new().await;
    for args in [["backup", "--to", "x.db"], ["restore", "--from", "x.db"]] {
        let message = failure(&dep.run_args(&args).await);
        assert!(message.contains("pg_dump --format=custom") && message.contains("pg_restore --clean"), "{message}");
    }
}
