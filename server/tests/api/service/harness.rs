//! The IAM service driven directly (black box through its public API) over a real database: a SQLite file in a
//! temporary directory, or a fresh PostgreSQL database when `TEST_DATABASE_URL` is set. One account, set up by root.

use std::sync::Arc;

use app::backend::crypto::MasterKey;
use app::backend::service::{Call, Caller, Channel, CreateUser, Identity, Owner, SetUpAccount};
use app::backend::{FixedClock, IamService, RequestContext};
use app::model::{Email, GroupName, IamError, IamPath, Password, PolicyName, UserName};
use chrono::{TimeZone, Utc};
use tempfile::TempDir;

use crate::helpers::fresh_database_url;

pub struct Iam {
    pub service: IamService,
    pub clock: Arc<FixedClock>,
    pub account_id: String,
    /// The database file, when the database is SQLite.
    pub sqlite_file: Option<std::path::PathBuf>,
    _dir: TempDir,
}

pub fn ctx() -> RequestContext {
    RequestContext {
        request_id: uuid::Uuid::new_v4().to_string(),
        source_ip: Some("203.0.113.7".parse().unwrap()),
        secure_transport: true,
    }
}

pub fn user_name(name: &str) -> UserName {
    UserName::parse(name).unwrap()
}

pub fn group_name(name: &str) -> GroupName {
    GroupName::parse(name).unwrap()
}

pub fn policy_name(name: &str) -> PolicyName {
    PolicyName::parse(name).unwrap()
}

pub fn path(p: &str) -> IamPath {
    IamPath::parse(p).unwrap()
}

/// A one-statement identity policy.
pub fn allow(action: &str, resource: &str) -> String {
    format!(r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"{action}","Resource":"{resource}"}}]}}"#)
}

pub fn deny(action: &str, resource: &str) -> String {
    format!(r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Deny","Action":"{action}","Resource":"{resource}"}}]}}"#)
}

impl Iam {
    pub async fn new() -> Self {
        // Internal failures are logged with their cause; show them in a failing test's output.
        let _ = tracing_subscriber::fmt().with_test_writer().with_env_filter("error").try_init();
        let dir = tempfile::tempdir().unwrap();
        let postgres = fresh_database_url().await;
        let sqlite_file = postgres.is_none().then(|| dir.path().join("iam.db"));
        let url = postgres.unwrap_or_else(|| format!("sqlite://{}/iam.db?mode=rwc", dir.path().display()));
        let db = app::backend::db::connect(&url).await.unwrap();
        use migration::MigratorTrait;
        migration::Migrator::up(&db, None).await.unwrap();
        let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()));
        let service = IamService::new(db, clock.clone(), MasterKey::generate());
        let account = service
            .set_up_account(
                &ctx(),
                SetUpAccount {
                    alias: None,
                    root_email: Email::parse("root@example.com").unwrap(),
                    root_password: Password::new("Correct-Horse-9"),
                },
            )
            .await
            .unwrap();
        Self { service, clock, account_id: account.account_id, sqlite_file, _dir: dir }
    }

    pub fn root(&self) -> Call {
        Call::new(
            ctx(),
            Caller { account_id: self.account_id.clone(), identity: Identity::Root, mfa_at: None, channel: Channel::Api },
        )
    }

    /// A call made by an existing IAM user through the API (long-term keys: no MFA).
    pub async fn as_user(&self, name: &str) -> Call {
        let caller = self.service.user_caller(&ctx(), &self.account_id, name, Channel::Api, None).await.unwrap();
        Call::new(ctx(), caller)
    }

    /// Root creates a user.
    pub async fn create_user(&self, p: &str, name: &str) {
        self.service
            .create_user(&self.root(), CreateUser { name: user_name(name), path: path(p), tags: vec![] })
            .await
            .unwrap();
    }

    pub async fn create_group(&self, p: &str, name: &str) {
        self.service.create_group(&self.root(), group_name(name), path(p)).await.unwrap();
    }

    pub async fn put_user_policy(&self, user: &str, policy: &str, document: &str) {
        self.service
            .put_inline_policy(&self.root(), Owner::User(user_name(user)), policy_name(policy), document.into())
            .await
            .unwrap();
    }

    pub async fn put_group_policy(&self, group: &str, policy: &str, document: &str) {
        self.service
            .put_inline_policy(&self.root(), Owner::Group(group_name(group)), policy_name(policy), document.into())
            .await
            .unwrap();
    }

    pub async fn add_to_group(&self, group: &str, user: &str) {
        self.service.add_user_to_group(&self.root(), group_name(group), user_name(user)).await.unwrap();
    }

    pub fn user_arn(&self, p: &str, name: &str) -> String {
        format!("arn:aws:iam::{}:user{p}{name}", self.account_id)
    }
}

/// Asserts an error's AWS code.
#[track_caller]
pub fn assert_code<T: std::fmt::Debug>(result: Result<T, IamError>, code: &str) -> IamError {
    match result {
        Err(e) => {
            assert_eq!(e.code(), code, "{e}");
            e
        }
        Ok(v) => panic!("expected {code}, got Ok({v:?})"),
    }
}

/// RFC 4648 Base32 (upper case, padding optional) to bytes. The test crate has no Base32 dependency, and the seed
/// must be decoded the way an authenticator app would, from the text the service returned.
pub fn base32_decode(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.trim_end_matches('=').bytes() {
        let value = ALPHABET.iter().position(|&a| a == c).unwrap_or_else(|| panic!("not base32: {c}")) as u32;
        buffer = (buffer << 5) | value;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    out
}
