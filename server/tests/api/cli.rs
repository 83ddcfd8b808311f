use std::process::Command;

fn server() -> Command {
    Command::new(env!("CARGO_BIN_EXE_server"))
}

#[test]
fn init_account_sets_up_once_and_is_idempotent_for_the_same_email() {
    let dir = tempfile::tempdir().unwrap();
    let run = |email: &str| {
        server()
            .args(["init-account", "--email", email, "--alias", "ops-team"])
            .env("IAM_DATA_DIR", dir.path())
            .env("IAM_ROOT_PASSWORD", "Correct-Horse-9")
            .env_remove("DATABASE_URL")
            .output()
            .unwrap()
    };
    let first = run("root@example.com");
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let account: serde_json::Value = serde_json::from_slice(&first.stdout).unwrap();
    assert_eq!(account["AccountAlias"], "ops-team");
    assert_eq!(account["AccountId"].as_str().unwrap().len(), 12);

    let again = run("root@example.com");
    assert!(again.status.success());
    let same: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(same["AccountId"], account["AccountId"]);

    let other = run("someone-else@example.com");
    assert!(!other.status.success());
    assert!(String::from_utf8_lossy(&other.stderr).contains("already set up"));
    assert!(dir.path().join("iam.db").exists(), "SQLite file in the data directory");
}
