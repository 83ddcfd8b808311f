//! Sign-in timing: does a failed console sign-in take as long for a name that does not exist as for a real user
//! with a wrong password? If not, response times enumerate users. Run (release, as deployed):
//!
//!     RUSTFLAGS="--cfg erase_components" cargo bench -p server --bench signin_timing [-- <rounds>]
//!
//! The real server on a free loopback port over a fresh SQLite file, one account with user `jeff` (a console
//! password). Each round sends, in a random order, one failed sign-in of each kind, so drift on the machine touches
//! every kind alike; brute-force throttling is configured out of the way (it would answer all of them early).

use std::time::{Duration, Instant};

use anyhow::Context;
use app::backend::service::{Call, Caller, Channel, CreateUser, Identity, SetUpAccount, ThrottlePolicy};
use app::backend::{RequestContext, SharedClock, SystemClock};
use app::model::{Email, IamPath, Password, UserName};
use rand::seq::SliceRandom;
use server::config::Settings;
use server::startup::{open_service, Application};

const ROOT_EMAIL: &str = "root@example.com";
const ROOT_PASSWORD: &str = "Correct-Horse-9";
const JEFF_PASSWORD: &str = "Correct-Horse-1";

#[derive(Clone, Copy, Debug)]
enum Case {
    UserWrongPassword,
    UnknownUser,
    UnknownAccount,
    RootWrongPassword,
    UnknownEmail,
}

impl Case {
    const ALL: [Case; 5] =
        [Case::UserWrongPassword, Case::UnknownUser, Case::UnknownAccount, Case::RootWrongPassword, Case::UnknownEmail];

    fn label(self) -> &'static str {
        match self {
            Case::UserWrongPassword => "IAM user, wrong password",
            Case::UnknownUser => "unknown user name",
            Case::UnknownAccount => "unknown account",
            Case::RootWrongPassword => "root, wrong password",
            Case::UnknownEmail => "unknown root email",
        }
    }

    /// The case each is compared with: the one that exists.
    fn baseline(self) -> Case {
        match self {
            Case::UserWrongPassword | Case::UnknownUser | Case::UnknownAccount => Case::UserWrongPassword,
            Case::RootWrongPassword | Case::UnknownEmail => Case::RootWrongPassword,
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let rounds: usize = std::env::args().skip(1).find(|a| !a.starts_with('-')).map_or(Ok(200), |a| a.parse())?;
    let dir = tempfile::tempdir()?;
    let mut settings = Settings::load(None).context("settings")?;
    settings.data_dir = dir.path().to_path_buf();
    settings.database_url = None;
    settings.port = 0;
    settings.host = "127.0.0.1".into();
    settings.log = "warn".into();
    settings.master_key = None;
    settings.throttle =
        ThrottlePolicy { free_failures: u32::MAX, ip_free_failures: u32::MAX, ..ThrottlePolicy::default() };
    let clock: SharedClock = std::sync::Arc::new(SystemClock);

    let account_id = set_up(&settings, clock.clone()).await?;
    let app = Application::build(settings, clock).await?;
    let base = app.url();
    tokio::spawn(app.run_until_stopped());
    let client = reqwest::Client::new();

    let attempt = |case: Case, n: usize| {
        let (client, base, account_id) = (client.clone(), base.clone(), account_id.clone());
        async move {
            let (function, fields): (&str, Vec<(&str, String)>) = match case {
                Case::UserWrongPassword => ("sign_in_user", user_fields(&account_id, "jeff")),
                Case::UnknownUser => ("sign_in_user", user_fields(&account_id, &format!("ghost-{n}"))),
                Case::UnknownAccount => ("sign_in_user", user_fields("999999999999", "jeff")),
                Case::RootWrongPassword => ("sign_in_root", root_fields(ROOT_EMAIL)),
                Case::UnknownEmail => ("sign_in_root", root_fields(&format!("nobody-{n}@example.com"))),
            };
            let started = Instant::now();
            let response = client
                .post(format!("{base}/api/{function}"))
                .header("accept", "application/json")
                .form(&fields)
                .send()
                .await?;
            let status = response.status();
            let body = response.text().await?;
            let took = started.elapsed();
            anyhow::ensure!(body.contains("SignInFailed"), "{case:?} answered {status}: {body}");
            Ok::<_, anyhow::Error>(took)
        }
    };

    // Warm-up: connections, caches, the first argon2 runs.
    for n in 0..10 {
        for case in Case::ALL {
            attempt(case, n).await?;
        }
    }
    let mut samples: Vec<Vec<Duration>> = vec![Vec::with_capacity(rounds); Case::ALL.len()];
    let mut order: Vec<usize> = (0..Case::ALL.len()).collect();
    for n in 0..rounds {
        order.shuffle(&mut rand::rng());
        for &i in &order {
            samples[i].push(attempt(Case::ALL[i], 1000 + n).await?);
        }
    }

    println!("failed console sign-ins, {rounds} rounds, each kind once per round in random order (ms)");
    println!("{:<26} {:>8} {:>8} {:>8}   {:>18}", "case", "median", "mean", "p95", "median vs existing");
    let stats: Vec<(f64, f64, f64)> = samples.iter_mut().map(|s| summary(s)).collect();
    for (i, case) in Case::ALL.iter().enumerate() {
        let (median, mean, p95) = stats[i];
        let baseline = stats[Case::ALL.iter().position(|c| c.label() == case.baseline().label()).unwrap_or(i)].0;
        let diff = (median - baseline) / baseline * 100.0;
        println!("{:<26} {median:>8.2} {mean:>8.2} {p95:>8.2}   {diff:>+17.1}%", case.label());
    }
    Ok(())
}

fn user_fields(account: &str, user: &str) -> Vec<(&'static str, String)> {
    vec![("account", account.into()), ("user_name", user.into()), ("password", "Wrong-Horse-1".into())]
}

fn root_fields(email: &str) -> Vec<(&'static str, String)> {
    vec![("email", email.into()), ("password", "Wrong-Horse-9".into())]
}

/// Median, mean and 95th percentile in milliseconds.
fn summary(samples: &mut [Duration]) -> (f64, f64, f64) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let at = |q: f64| ms(samples[((samples.len() - 1) as f64 * q).round() as usize]);
    let mean = samples.iter().map(|d| ms(*d)).sum::<f64>() / samples.len() as f64;
    (at(0.5), mean, at(0.95))
}

/// The account, and `jeff` with a console password, made through the service as root.
async fn set_up(settings: &Settings, clock: SharedClock) -> anyhow::Result<String> {
    let iam = open_service(settings, clock).await?;
    let ctx = RequestContext { request_id: "bench-setup".into(), ..RequestContext::default() };
    let account = iam
        .set_up_account(
            &ctx,
            SetUpAccount {
                alias: None,
                root_email: Email::parse(ROOT_EMAIL)?,
                root_password: Password::new(ROOT_PASSWORD),
            },
        )
        .await?;
    let root = Call::new(
        ctx,
        Caller {
            account_id: account.account_id.clone(),
            identity: Identity::Root,
            mfa_at: None,
            channel: Channel::Console,
        },
    );
    let jeff = UserName::parse("jeff")?;
    iam.create_user(&root, CreateUser { name: jeff.clone(), path: IamPath::parse("/")?, tags: vec![] }).await?;
    iam.create_login_profile(&root, jeff, Password::new(JEFF_PASSWORD), false).await?;
    Ok(account.account_id)
}
