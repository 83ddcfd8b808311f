//! `server bootstrap`: the account, an administrator IAM user and a fresh access key, from the command line, for
//! automation. Driven as a black box, the way CI scripts run it.

use std::path::Path;
use std::process::{Command, Output};

fn bootstrap(dir: &Path, args: &[&str], envs: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
    command
        .arg("bootstrap")
        .args(args)
        .env("IAM_DATA_DIR", dir)
        .env("IAM_LOG", "warn")
        .env_remove("DATABASE_URL")
        .env_remove("IAM_DATABASE_URL")
        .env_remove("IAM_ROOT_EMAIL")
        .env_remove("IAM_ROOT_PASSWORD");
    for (key, value) in envs {
        command.env(key, value);
    }
    command.output().unwrap()
}

fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "bootstrap failed: {}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout.clone()).unwrap();
    assert_eq!(text.trim().lines().count(), 1, "exactly one JSON line on stdout: {text}");
    serde_json::from_str(&text).unwrap()
}

#[test]
fn bootstrap_creates_the_account_an_admin_and_one_key_then_adds_a_second_key_and_stops() {
    let dir = tempfile::tempdir().unwrap();
    let env = [("IAM_ROOT_PASSWORD", "Correct-Horse-9")];
    let first = json(&bootstrap(dir.path(), &["--email", "root@example.com", "--alias", "ops"], &env));
    let account_id = first["AccountId"].as_str().unwrap();
    assert_eq!(account_id.len(), 12);
    assert!(account_id.chars().all(|c| c.is_ascii_digit()));
    assert_eq!(first["UserName"], "admin");
    let key_id = first["AccessKeyId"].as_str().unwrap();
    assert!(key_id.starts_with("AKIA") && key_id.len() == 20, "{key_id}");
    assert_eq!(first["SecretAccessKey"].as_str().unwrap().len(), 40);
    assert!(first.get("RootPassword").is_none(), "the root password was given, so none is printed");

    // Re-run: same account, same user (no duplicate), a second key — the first secret is never shown again.
    let second = json(&bootstrap(dir.path(), &[], &[]));
    assert_eq!(second["AccountId"], first["AccountId"]);
    assert_eq!(second["UserName"], "admin");
    assert_ne!(second["AccessKeyId"], first["AccessKeyId"]);
    assert_ne!(second["SecretAccessKey"], first["SecretAccessKey"]);

    // Third run: the user has AWS's maximum of two keys; it fails with a message saying what to do.
    let third = bootstrap(dir.path(), &[], &[]);
    assert!(!third.status.success());
    assert!(third.stdout.is_empty(), "nothing on stdout when it fails");
    let message = String::from_utf8_lossy(&third.stderr);
    assert!(message.contains("already has 2 access keys"), "{message}");
    assert!(message.contains("delete-access-key"), "{message}");

    // A different root email for an existing account is refused, as with init-account.
    let other = bootstrap(dir.path(), &["--email", "someone@example.com", "--user-name", "ops"], &[]);
    assert!(!other.status.success());
    assert!(String::from_utf8_lossy(&other.stderr).contains("different root email"));
}

#[test]
fn bootstrap_generates_the_root_password_when_none_is_given_and_honours_the_user_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = json(&bootstrap(dir.path(), &["--user-name", "ci-admin"], &[("IAM_ROOT_EMAIL", "ci@example.com")]));
    assert_eq!(out["UserName"], "ci-admin");
    let password = out["RootPassword"].as_str().unwrap();
    assert_eq!(password.len(), 32);
    assert!(password.chars().any(|c| c.is_ascii_uppercase()) && password.chars().any(|c| c.is_ascii_digit()));

    // Re-run: the account exists, so nothing is generated and nothing about the root is printed.
    let again = json(&bootstrap(dir.path(), &["--user-name", "ci-admin"], &[]));
    assert!(again.get("RootPassword").is_none(), "a password is printed only on the run that generated it");
    assert_eq!(again["AccountId"], out["AccountId"]);
}

#[test]
fn bootstrap_without_an_account_needs_an_email_and_rejects_bad_names() {
    let dir = tempfile::tempdir().unwrap();
    let no_email = bootstrap(dir.path(), &[], &[("IAM_ROOT_PASSWORD", "Correct-Horse-9")]);
    assert!(!no_email.status.success());
    assert!(String::from_utf8_lossy(&no_email.stderr).contains("--email"));

    let bad_name = bootstrap(dir.path(), &["--email", "root@example.com", "--user-name", "no spaces"], &[]);
    assert!(!bad_name.status.success());
    assert!(String::from_utf8_lossy(&bad_name.stderr).contains("no spaces"));
}
