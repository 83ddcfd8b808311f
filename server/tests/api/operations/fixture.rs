//! A deployment for the operations tests: a data directory (and a fresh PostgreSQL database when `TEST_DATABASE_URL`
//! is set), driven three ways: the real `server` binary (`backup`, `restore`, `rotate-master-key`, `serve` as a child
//! process), `IamService` over the same database with the key the binary would use, and an in-process server for
//! SigV4-signed Query API calls.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use app::backend::auth::totp::{code_at, time_step, TotpSeed};
use app::backend::crypto::MasterKey;
use app::backend::entities::{
    access_key, group_membership, iam_group, iam_user, inline_policy, login_profile, managed_policy, mfa_device,
};
use app::backend::service::{Call, Caller, Channel, CreateUser, Identity, Owner, SetUpAccount};
use app::backend::{Clock, FixedClock, IamService, RequestContext};
use app::model::{Email, GroupName, IamPath, MfaDeviceName, Password, PolicyName, UserName};
use chrono::{TimeZone, Utc};
use sea_orm::{DatabaseConnection, EntityTrait};
use tempfile::TempDir;

use crate::helpers::{browser, fresh_database_url, spawn_on, TestApp};
use crate::signing::signature_headers;
pub use crate::service::harness::base32_decode;

pub const ROOT_EMAIL: &str = "root@example.com";
pub const ROOT_PASSWORD: &str = "Correct-Horse-9";
pub const ALICE_PASSWORD: &str = "Alice-Secret-Passw0rd!";

pub struct Deployment {
    pub dir: Arc<TempDir>,
    /// `None`: SQLite in the data directory.
    pub database_url: Option<String>,
    pub clock: Arc<FixedClock>,
}

/// What `populate` made, with the secrets that were shown once.
#[derive(Clone, Debug)]
pub struct Made {
    pub account_id: String,
    pub key_id: String,
    pub secret: String,
    pub serial: String,
    pub seed_base32: String,
}

impl Made {
    pub fn seed(&self) -> TotpSeed {
        TotpSeed::from_bytes(base32_decode(&self.seed_base32))
    }
}

impl Deployment {
    /// On the suite's database (SQLite, or PostgreSQL with `TEST_DATABASE_URL`).
    pub async fn new() -> Self {
        let dir = Arc::new(tempfile::tempdir().unwrap());
        let clock = Arc::new(FixedClock::new(Utc.with_ymd_and_hms(2026, 11, 29, 12, 0, 0).unwrap()));
        Self { dir, database_url: fresh_database_url().await, clock }
    }

    /// For SQLite-only tests: `None` when the suite runs on PostgreSQL (the test then returns early).
    pub async fn sqlite() -> Option<Self> {
        if std::env::var_os("TEST_DATABASE_URL").is_some() {
            return None;
        }
        Some(Self::new().await)
    }

    pub fn data_dir(&self) -> &Path {
        self.dir.path()
    }

    pub fn sqlite_file(&self) -> PathBuf {
        self.data_dir().join("iam.db")
    }

    fn url(&self) -> String {
        self.database_url.clone().unwrap_or_else(|| format!("sqlite://{}/iam.db", self.data_dir().display()))
    }

    /// The binary with this deployment's environment (and nothing inherited that could point it elsewhere).
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command
            .args(args)
            .env("IAM_DATA_DIR", self.data_dir())
            .env("IAM_LOG", "warn")
            .env("IAM_PORT", "0")
            .env_remove("IAM_DATABASE_URL")
            .env_remove("IAM_MASTER_KEY")
            .env_remove("RUST_LOG");
        match &self.database_url {
            Some(url) => command.env("DATABASE_URL", url),
            None => command.env_remove("DATABASE_URL"),
        };
        command
    }

    /// Runs a command of the binary to its end (off the async runtime, which may be serving meanwhile).
    pub async fn run(&self, mut command: Command) -> Output {
        tokio::task::spawn_blocking(move || command.output().unwrap()).await.unwrap()
    }

    pub async fn run_args(&self, args: &[&str]) -> Output {
        self.run(self.command(args)).await
    }

    /// `IamService` over the database with `<data_dir>/master.key`, as the binary finds (or first makes) it.
    pub async fn service(&self) -> IamService {
        self.service_with(MasterKey::load_or_create(&self.data_dir().join("master.key")).unwrap()).await
    }

    pub async fn service_with(&self, key: MasterKey) -> IamService {
        IamService::new(self.connect().await, self.clock.clone(), key)
    }

    pub async fn connect(&self) -> DatabaseConnection {
        let db = app::backend::db::connect(&self.url()).await.unwrap();
        use migration::MigratorTrait;
        migration::Migrator::up(&db, None).await.unwrap();
        db
    }

    /// The key in `<data_dir>/master.key` now.
    pub fn file_key(&self) -> MasterKey {
        MasterKey::from_base64(&std::fs::read_to_string(self.data_dir().join("master.key")).unwrap()).unwrap()
    }

    /// A server in this process over the deployment's database and key file, for signed Query API calls.
    pub async fn in_process_server(&self) -> TestApp {
        spawn_on(self.dir.clone(), self.database_url.clone(), self.clock.clone(), browser()).await
    }

    /// `server serve` as a child process, once it listens.
    pub fn serve(&self, log: &str) -> Served {
        let mut command = self.command(&["serve"]);
        command.env("IAM_LOG", log).stdout(Stdio::piped()).stderr(Stdio::piped());
        Served::start(command)
    }
}

/// The running binary, its combined output collected as it comes.
pub struct Served {
    child: Child,
    pub url: String,
    output: Arc<Mutex<Vec<u8>>>,
    readers: Vec<std::thread::JoinHandle<()>>,
}

impl Served {
    fn start(mut command: Command) -> Self {
        let mut child = command.spawn().unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut readers = Vec::new();
        let stdout: Box<dyn Read + Send> = Box::new(child.stdout.take().unwrap());
        let stderr: Box<dyn Read + Send> = Box::new(child.stderr.take().unwrap());
        for mut stream in [stdout, stderr] {
            let output = output.clone();
            readers.push(std::thread::spawn(move || {
                let mut buffer = [0u8; 4096];
                while let Ok(n) = stream.read(&mut buffer) {
                    if n == 0 {
                        break;
                    }
                    output.lock().unwrap().extend_from_slice(&buffer[..n]);
                }
            }));
        }
        let started = std::time::Instant::now();
        let url = loop {
            let text = String::from_utf8_lossy(&output.lock().unwrap()).into_owned();
            if let Some(rest) = text.split("IAM console listening on ").nth(1) {
                break rest.lines().next().unwrap().trim().to_owned();
            }
            if let Some(status) = child.try_wait().unwrap() {
                panic!("server exited with {status} before listening: {text}");
            }
            assert!(started.elapsed() < Duration::from_secs(60), "server did not start: {text}");
            std::thread::sleep(Duration::from_millis(50));
        };
        Self { child, url, output, readers }
    }

    /// SIGTERM (a graceful stop, as an operator's `systemctl stop`), then everything it printed.
    pub async fn stop(mut self) -> String {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let child = tokio::task::spawn_blocking(move || {
            let _ = self.child.wait();
            for reader in self.readers {
                let _ = reader.join();
            }
        });
        child.await.unwrap();
        let output = self.output.lock().unwrap().clone();
        String::from_utf8_lossy(&output).into_owned()
    }
}

pub fn ctx() -> RequestContext {
    RequestContext { request_id: uuid::Uuid::new_v4().to_string(), ..RequestContext::default() }
}

pub fn root_call(account_id: &str) -> Call {
    Call::new(
        ctx(),
        Caller { account_id: account_id.to_owned(), identity: Identity::Root, mfa_at: None, channel: Channel::Api },
    )
}

/// The account, two users in two paths, a group with a member, an inline and a managed policy, an access key for
/// `build` (allowed `iam:GetUser`), a console password and an enabled virtual MFA device for `alice`.
pub async fn populate(iam: &IamService, clock: &FixedClock) -> Made {
    let account = iam
        .set_up_account(
            &ctx(),
            SetUpAccount {
                alias: None,
                root_email: Email::parse(ROOT_EMAIL).unwrap(),
                root_password: Password::new(ROOT_PASSWORD),
            },
        )
        .await
        .unwrap();
    let root = || root_call(&account.account_id);
    let user = |name: &str| UserName::parse(name).unwrap();
    for (path, name) in [("/family/", "alice"), ("/app/", "build")] {
        let input = CreateUser { name: user(name), path: IamPath::parse(path).unwrap(), tags: vec![] };
        iam.create_user(&root(), input).await.unwrap();
    }
    let group = GroupName::parse("admins").unwrap();
    iam.create_group(&root(), group.clone(), IamPath::root()).await.unwrap();
    iam.add_user_to_group(&root(), group, user("alice")).await.unwrap();
    let get_user = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:GetUser","Resource":"*"}]}"#;
    iam.put_inline_policy(&root(), Owner::User(user("build")), PolicyName::parse("get-self").unwrap(), get_user.into())
        .await
        .unwrap();
    iam.create_policy(&root(), PolicyName::parse("ReadOnly").unwrap(), IamPath::root(), None, get_user.into())
        .await
        .unwrap();
    let key = iam.create_access_key(&root(), Some(user("build"))).await.unwrap();
    iam.create_login_profile(&root(), user("alice"), Password::new(ALICE_PASSWORD), false).await.unwrap();
    let device = iam
        .create_virtual_mfa_device(&root(), MfaDeviceName::parse("alice-phone").unwrap(), IamPath::root())
        .await
        .unwrap();
    let made = Made {
        account_id: account.account_id.clone(),
        key_id: key.access_key_id,
        secret: key.secret_access_key,
        serial: device.serial_number,
        seed_base32: device.base32_string_seed,
    };
    let (first, second) = pair(&made.seed(), clock);
    iam.enable_mfa_device(&root(), Some(user("alice")), &made.serial, &first, &second).await.unwrap();
    made
}

/// Closes a service's connections before the database file is replaced under it: SQLite finds a database's
/// `-wal` by name, so a connection left open to the replaced file could later touch the restored one's.
pub async fn close(iam: IamService) {
    iam.db().clone().close().await.unwrap();
    drop(iam); // and with it the writing connection's pool
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// Two consecutive codes ending at the clock's current step.
pub fn pair(seed: &TotpSeed, clock: &FixedClock) -> (String, String) {
    let step = time_step(clock.now().timestamp());
    (code_at(seed, step - 1).unwrap(), code_at(seed, step).unwrap())
}

/// The device's seed still works: a minute later, two fresh consecutive codes resync it.
pub async fn mfa_codes_accepted(iam: &IamService, clock: &FixedClock, made: &Made) {
    clock.advance(chrono::Duration::seconds(90));
    let (first, second) = pair(&made.seed(), clock);
    iam.resync_mfa_device(
        &root_call(&made.account_id),
        Some(UserName::parse("alice").unwrap()),
        &made.serial,
        &first,
        &second,
    )
    .await
    .unwrap();
}

/// `GetUser` over the Query API, SigV4-signed with the key at the server's clock; the HTTP status and body.
pub async fn signed_get_user(app: &TestApp, key_id: &str, secret: &str) -> (u16, String) {
    let url = format!("{}/", app.address);
    let host = app.address.trim_start_matches("http://").to_owned();
    let body = "Action=GetUser&Version=2010-05-08".to_owned();
    let content_type = "application/x-www-form-urlencoded; charset=utf-8";
    let mut request = app.client.post(&url).header("content-type", content_type).header("host", host.as_str());
    for (name, value) in signature_headers(&url, content_type, &body, key_id, secret, app.clock.now()) {
        request = request.header(name, value);
    }
    let response = request.body(body).send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Everything a restore must bring back, row by row (sessions and audit records excluded: they move on their own).
pub async fn snapshot(db: &DatabaseConnection) -> Vec<String> {
    async fn rows<E: EntityTrait>(db: &DatabaseConnection, table: &str) -> Vec<String>
    where
        E::Model: std::fmt::Debug,
    {
        E::find().all(db).await.unwrap().iter().map(|row| format!("{table}: {row:?}")).collect()
    }
    let mut all = Vec::new();
    all.extend(rows::<iam_user::Entity>(db, "user").await);
    all.extend(rows::<iam_group::Entity>(db, "group").await);
    all.extend(rows::<group_membership::Entity>(db, "membership").await);
    all.extend(rows::<inline_policy::Entity>(db, "inline").await);
    all.extend(rows::<managed_policy::Entity>(db, "managed").await);
    all.extend(rows::<access_key::Entity>(db, "key").await);
    all.extend(rows::<login_profile::Entity>(db, "login").await);
    all.extend(rows::<mfa_device::Entity>(db, "mfa").await);
    all.sort();
    all
}

/// The binary's output as JSON, after asserting it succeeded and printed exactly one line.
pub fn json(output: &Output) -> serde_json::Value {
    assert!(output.status.success(), "command failed: {}", String::from_utf8_lossy(&output.stderr));
    let text = String::from_utf8(output.stdout.clone()).unwrap();
    assert_eq!(text.trim().lines().count(), 1, "one JSON line on stdout: {text}");
    serde_json::from_str(&text).unwrap()
}

/// The binary's error message, after asserting it failed and printed nothing on stdout.
pub fn failure(output: &Output) -> String {
    assert!(!output.status.success(), "expected a failure: {}", String::from_utf8_lossy(&output.stdout));
    assert!(output.stdout.is_empty(), "nothing on stdout when it fails");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The files in a directory, by name, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

