//! SCRATCH (to be deleted): serves a real server with a root access key, for a manual check with the aws CLI.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use app::backend::service::{Call, Caller, Channel, Identity, SetUpAccount};
use app::backend::{RequestContext, SystemClock};
use app::model::{Email, Password};

#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn serve_for_manual_cli_check() {
    let _ = tracing_subscriber::fmt().with_env_filter("info").try_init();
    let dir = std::path::PathBuf::from("/tmp/qa_e2e");
    let _ = std::fs::remove_dir_all(&dir);
    let settings = crate::config::Settings {
        host: "127.0.0.1".into(),
        port: 0,
        data_dir: dir.clone(),
        database_url: None,
        secure_cookies: Some(false),
        session_idle_minutes: 60,
        site_root: "target/site".into(),
        log: "info".into(),
        master_key: None,
    };
    let clock: app::backend::SharedClock = Arc::new(SystemClock);
    let iam = crate::startup::open_service(&settings, clock.clone()).await.unwrap();
    let ctx = RequestContext { request_id: "scratch".into(), ..RequestContext::default() };
    let account = iam
        .set_up_account(&ctx, SetUpAccount {
            alias: None,
            root_email: Email::parse("root@example.com").unwrap(),
            root_password: Password::new("Correct-Horse-9"),
        })
        .await
        .unwrap();
    let call = Call::new(ctx, Caller {
        account_id: account.account_id.clone(),
        identity: Identity::Root,
        mfa_at: None,
        channel: Channel::Api,
    });
    let key = iam.create_access_key(&call, None).await.unwrap();
    let app = crate::startup::Application::build(settings, clock).await.unwrap();
    std::fs::write(
        dir.join("creds"),
        format!("{} {} {}\n", app.url(), key.access_key_id, key.secret_access_key),
    )
    .unwrap();
    tokio::select! {
        _ = app.run_until_stopped() => {},
        () = tokio::time::sleep(std::time::Duration::from_secs(1800)) => {},
    }
}
