//! The command line: `serve` (the default), `init-account` (non-interactive first-run set-up for automation) and
//! `migrate`.

use anyhow::Context;
use app::backend::request::RequestContext;
use app::backend::service::SetUpAccount;
use app::backend::{IamService, SharedClock};
use app::model::{AccountAlias, Email, IamError, Password};
use clap::{Parser, Subcommand};
use std::io::Read;
use std::path::PathBuf;

use crate::config::Settings;
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
    /// Apply pending database migrations and exit.
    Migrate,
}

pub async fn run(cli: Cli, settings: Settings, clock: SharedClock) -> anyhow::Result<()> {
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = Application::build(settings, clock).await?;
            println!("IAM console listening on {}", app.url());
            app.run_until_stopped().await?;
        }
        Command::Migrate => {
            open_database(&settings).await?;
            println!("migrations applied");
        }
        Command::InitAccount { email, alias } => {
            let iam = open_service(&settings, clock).await?;
            let account = init_account(&iam, &email, alias.as_deref(), read_root_password()?).await?;
            println!("{account}");
        }
    }
    Ok(())
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
