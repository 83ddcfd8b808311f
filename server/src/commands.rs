//! The command line: `serve` (the default), `init-account` (non-interactive first-run set-up for automation),
//! `bootstrap` (an administrator IAM user with an access key, for scripts and CI), `migrate`, and the operations
//! commands `backup --to FILE` / `restore --from FILE` (SQLite; backup.rs, restore.rs) and `rotate-master-key`
//! (rotate_key.rs). `restore` and `rotate-master-key` are refused while a server runs on the data directory
//! (data_lock.rs). This file only parses and dispatches.

use anyhow::Context;
use app::backend::request::RequestContext;
use app::backend::service::{Call, Caller, Channel, CreateUser, Identity, Owner, SetUpAccount};
use app::backend::{IamService, SharedClock};
use app::model::{AccountAlias, Email, IamError, IamPath, Password, PolicyName, UserName};
use clap::{Parser, Subcommand};
use std::io::Read;
use std::path::PathBuf;

use crate::backup::backup;
use crate::config::Settings;
use crate::data_lock::DataDirLock;
use crate::restore::restore;
use crate::rotate_key::rotate;
use crate::startup::{open_database, open_service, Application};

#[derive(Debug, Parser)]
#[command(name = "server", about = "A self-hosted AWS IAM: console and IAM Query API")]
pub struct Cli {
    /// Configuration file (TOML). Defaults to $IAM_CONFIG, then ./iam.toml when present.
    #[arg(long, global = true)]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the console and the API (the default).
    Serve,
    /// Create the account and its root without the browser. The password is read from $IAM_ROOT_PASSWORD, or
    /// else from standard input. Re-running with the same email reports the existing account.
    InitAccount {
        #[arg(long)]
        email: String,
        #[arg(long)]
        alias: Option<String>,
    },
    /// Non-interactive set-up for automation: the account (when absent), an administrator IAM user with the
    /// inline policy `AdministratorAccess` (Action `*` on Resource `*`), and a new access key for it. Prints one JSON
    /// object: AccountId, UserName, AccessKeyId, SecretAccessKey (plus RootPassword when one was generated).
    ///
    /// Creating the account needs the root email (`--email` or $IAM_ROOT_EMAIL) and takes the root password from
    /// $IAM_ROOT_PASSWORD; without it a random 32-character password is generated and printed once, in the JSON.
    /// Re-running creates no second account or user: it makes the user an administrator again and creates one more
    /// key (an existing secret is never shown again), which fails when the user already has two keys, AWS's limit.
    Bootstrap {
        /// The root email, used only when the account does not exist yet (else $IAM_ROOT_EMAIL).
        #[arg(long)]
        email: Option<String>,
        /// The account alias, used only when the account does not exist yet.
        #[arg(long)]
        alias: Option<String>,
        /// The administrator's IAM user name.
        #[arg(long, default_value = "admin")]
        user_name: String,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Copy the SQLite database to FILE, consistently, while the server may be running (`VACUUM INTO`), check the
    /// copy and print a one-line JSON summary. Refuses an existing FILE. The master key is NOT in the backup: keep
    /// `<data_dir>/master.key` (or $IAM_MASTER_KEY) with it. On PostgreSQL: use `pg_dump --format=custom`.
    Backup {
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Replace the SQLite database with a backup made by `backup`, with every server on this data directory stopped.
    /// The backup is checked first (SQLite, integrity, migrations, its secrets open with the current master key);
    /// the previous database is kept beside it as `<db>.pre-restore-<time>`. On PostgreSQL: use `pg_restore --clean`.
    Restore {
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// Re-seal every access-key secret, MFA seed and session secret under a new master key in one transaction, with
    /// every server on this data directory stopped. The new key is read from FILE (base64 of 32 bytes) or
    /// generated; `<data_dir>/master.key` is replaced (the old one kept as `master.key.old-<time>`), while a key from
    /// the configuration must be updated there by the operator (the new key is written to a file, never printed).
    RotateMasterKey {
        #[arg(long, value_name = "FILE")]
        new_key_file: Option<PathBuf>,
    },
}

pub async fn run(cli: Cli, settings: Settings, clock: SharedClock) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            // Held while serving: `restore` and `rotate-master-key` refuse to run under a live server.
            let _serving = DataDirLock::serving(&settings)?;
            let app = Application::build(settings, clock).await?;
            println!("IAM console listening on {}", app.url());
            app.run_until_stopped().await?;
        }
        Command::Migrate => {
            open_database(&settings).await?;
            println!("migrations applied");
        }
        Command::Backup { to } => println!("{}", backup(&settings, &to).await?),
        Command::Restore { from } => println!("{}", restore(&settings, &from, &clock).await?),
        Command::RotateMasterKey { new_key_file } => {
            println!("{}", rotate(&settings, new_key_file.as_deref(), &clock).await?);
        }
        Command::InitAccount { email, alias } => {
            let iam = open_service(&settings, clock).await?;
            let account = init_account(&iam, &email, alias.as_deref(), read_root_password()?).await?;
            println!("{account}");
        }
        Command::Bootstrap { email, alias, user_name } => {
            let iam = open_service(&settings, clock).await?;
            let email = email.or_else(|| std::env::var("IAM_ROOT_EMAIL").ok().filter(|e| !e.trim().is_empty()));
            let password = std::env::var("IAM_ROOT_PASSWORD").ok().filter(|p| !p.is_empty()).map(Password::new);
            let out = bootstrap(&iam, email.as_deref(), alias.as_deref(), password, &user_name).await?;
            println!("{out}");
        }
    }
    Ok(())
}

/// The administrator's inline policy, as AWS's managed `AdministratorAccess`: everything on everything.
const ADMINISTRATOR_ACCESS: &str =
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;

/// A root password nobody typed: 32 characters from letters, digits and symbols, with each class present so it
/// passes the root password rules whatever the draw.
fn generated_root_password() -> Password {
    use rand::seq::IndexedRandom;
    const CLASSES: [&[u8]; 4] =
        [b"ABCDEFGHJKLMNPQRSTUVWXYZ", b"abcdefghijkmnopqrstuvwxyz", b"23456789", b"!#%+-.:=?@^_~"];
    let mut rng = rand::rng();
    let all: Vec<u8> = CLASSES.concat();
    let mut chars: Vec<u8> = CLASSES.iter().filter_map(|class| class.choose(&mut rng).copied()).collect();
    while chars.len() < 32 {
        if let Some(c) = all.choose(&mut rng) {
            chars.push(*c);
        }
    }
    rand::seq::SliceRandom::shuffle(chars.as_mut_slice(), &mut rng);
    Password::new(String::from_utf8_lossy(&chars).into_owned())
}

/// See [`Command::Bootstrap`]. Every IAM step goes through the service as the account root, so it is validated and
/// audited like any other call.
async fn bootstrap(
    iam: &IamService,
    email: Option<&str>,
    alias: Option<&str>,
    password: Option<Password>,
    user_name: &str,
) -> anyhow::Result<serde_json::Value> {
    let ctx = RequestContext { request_id: "cli-bootstrap".into(), ..RequestContext::default() };
    let user_name = UserName::parse(user_name)?;
    let mut generated_password = None;
    let account = match iam.account(&ctx).await? {
        Some(existing) => {
            if let Some(email) = email {
                if Email::parse(email)?.as_str() != existing.root_email {
                    anyhow::bail!(IamError::EntityAlreadyExists(format!(
                        "the account is already set up with a different root email than `{email}`"
                    )));
                }
            }
            existing
        }
        None => {
            let email = email
                .context("the account does not exist yet: give the root email with `--email` or $IAM_ROOT_EMAIL")?;
            let root_email = Email::parse(email)?;
            let root_password = match password {
                Some(password) => password,
                None => {
                    let password = generated_root_password();
                    generated_password = Some(password.expose().to_owned());
                    password
                }
            };
            let alias = alias.map(AccountAlias::parse).transpose()?;
            iam.set_up_account(&ctx, SetUpAccount { alias, root_email, root_password }).await?
        }
    };

    let root = Caller {
        account_id: account.account_id.clone(),
        identity: Identity::Root,
        mfa_at: None,
        channel: Channel::Api,
    };
    let call = Call::new(ctx, root);
    let user = match iam.get_user(&call, Some(user_name.clone())).await {
        Ok(user) => user,
        Err(IamError::NoSuchEntity(_)) => {
            let input = CreateUser { name: user_name.clone(), path: IamPath::root(), tags: Vec::new() };
            match iam.create_user(&call, input).await {
                Ok(user) => user,
                // A concurrent bootstrap created it first: use that one.
                Err(IamError::EntityAlreadyExists(_)) => iam.get_user(&call, Some(user_name.clone())).await?,
                Err(e) => return Err(e.into()),
            }
        }
        Err(e) => return Err(e.into()),
    };
    // Put on every run: a re-run restores the administrator's rights if someone narrowed them.
    let policy = PolicyName::parse("AdministratorAccess")?;
    iam.put_inline_policy(&call, Owner::User(user_name.clone()), policy, ADMINISTRATOR_ACCESS.to_owned()).await?;

    let keys = iam.list_access_keys(&call, Some(user_name.clone())).await?;
    if keys.len() >= 2 {
        anyhow::bail!(
            "user `{}` already has {} access keys, the most allowed, and a secret access key is shown only when it \
             is created; delete one (`aws iam delete-access-key --user-name {} --access-key-id …`) and run \
             bootstrap again",
            user.user_name,
            keys.len(),
            user.user_name
        );
    }
    let key = iam.create_access_key(&call, Some(user_name)).await?;
    let mut out = serde_json::json!({
        "AccountId": account.account_id,
        "UserName": user.user_name,
        "AccessKeyId": key.access_key_id,
        "SecretAccessKey": key.secret_access_key,
    });
    if let Some(password) = generated_password {
        out["RootPassword"] = serde_json::Value::String(password);
    }
    Ok(out)
}

fn read_root_password() -> anyhow::Result<Password> {
    if let Ok(password) = std::env::var("IAM_ROOT_PASSWORD") {
        return Ok(Password::new(password));
    }
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).context("reading the root password from standard input")?;
    Ok(Password::new(input.trim_end_matches(['\r', '\n'])))
}

/// Sets the account up, or reports it when it already exists with this root email. Prints one JSON object.
async fn init_account(
    iam: &IamService,
    email: &str,
    alias: Option<&str>,
    password: Password,
) -> anyhow::Result<serde_json::Value> {
    let ctx = RequestContext { request_id: "cli-init-account".into(), ..RequestContext::default() };
    let root_email = Email::parse(email)?;
    let account = match iam.account(&ctx).await? {
        Some(existing) if existing.root_email == root_email.as_str() => existing,
        Some(_) => anyhow::bail!(IamError::EntityAlreadyExists(
            "the account is already set up with a different root email".into()
        )),
        None => {
            let alias = alias.map(AccountAlias::parse).transpose()?;
            iam.set_up_account(&ctx, SetUpAccount { alias, root_email, root_password: password }).await?
        }
    };
    Ok(serde_json::json!({
        "AccountId": account.account_id,
        "AccountAlias": account.alias,
        "RootEmail": account.root_email,
    }))
}
