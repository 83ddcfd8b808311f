//! Building and running the application: data directory, database, migrations, routes, listener.
//! `Application::build` can bind port 0, so tests run the real server on a free port.

use anyhow::Context;
use app::backend::auth::password;
use app::backend::session_store::DbSessionStore;
use app::backend::{db, AppState, IamService, SharedClock};
use migration::{Migrator, MigratorTrait};
use sea_orm::DatabaseConnection;
use std::net::SocketAddr;
use tokio::net::TcpListener;
use tower_sessions::session_store::ExpiredDeletion;

use crate::config::Settings;
use crate::routes;

pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    address: SocketAddr,
    sessions: DbSessionStore,
    iam: IamService,
}

/// Opens the database named by the settings (creating the data directory for SQLite) and applies migrations.
pub async fn open_database(settings: &Settings) -> anyhow::Result<DatabaseConnection> {
    let url = settings.database_url();
    if url.starts_with("sqlite:") {
        std::fs::create_dir_all(&settings.data_dir)
            .with_context(|| format!("creating data directory {}", settings.data_dir.display()))?;
    }
    let db = db::connect(&url).await.with_context(|| format!("connecting to {}", settings.database_url_for_logs()))?;
    Migrator::up(&db, None).await.context("applying migrations")?;
    Ok(db)
}

/// The IAM service over the configured database, with the configured master key.
pub async fn open_service(settings: &Settings, clock: SharedClock) -> anyhow::Result<IamService> {
    let db = open_database(settings).await?;
    Ok(IamService::new(db, clock, settings.master_key().context("loading the master key")?)
        .with_throttle(settings.throttle))
}

impl Application {
    pub async fn build(settings: Settings, clock: SharedClock) -> anyhow::Result<Self> {
        let iam = open_service(&settings, clock.clone()).await?;
        let db = iam.db().clone();
        // The dummy hash that makes unknown-email sign-ins cost a real hash: made now, not on the first attempt.
        tokio::task::spawn_blocking(password::prepare).await?;

        let state = AppState { iam: iam.clone(), clock: clock.clone() };
        let idle = chrono::Duration::minutes(settings.session_idle_minutes);
        let sessions = DbSessionStore::new(db, clock, idle)
            .with_absolute_lifetime(chrono::Duration::hours(settings.session_absolute_hours));
        let listener = TcpListener::bind((settings.host.as_str(), settings.port))
            .await
            .with_context(|| format!("binding {}:{}", settings.host, settings.port))?;
        let address = listener.local_addr()?;
        let router = routes::router(&settings, address, state, sessions.clone());
        tracing::info!(%address, database = %settings.database_url_for_logs(), "ready");
        Ok(Self { listener, router, address, sessions, iam })
    }

    pub fn port(&self) -> u16 {
        self.address.port()
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.address)
    }

    /// Serves until SIGINT or SIGTERM, then finishes the requests in flight.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let sweeper = tokio::spawn(sweep_expired(self.sessions.clone(), self.iam.clone()));
        let served = axum::serve(self.listener, self.router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(shutdown_signal())
            .await;
        sweeper.abort();
        tracing::info!("stopped");
        served
    }
}

/// Every five minutes, deletes expired console sessions (loading one already ignores it once expired) and
/// brute-force counts too old to matter (so failures under random names cannot grow that table without bound).
async fn sweep_expired(sessions: DbSessionStore, iam: IamService) {
    let mut every = tokio::time::interval(std::time::Duration::from_secs(300));
    loop {
        every.tick().await;
        if let Err(err) = sessions.delete_expired().await {
            tracing::warn!(error = %err, "deleting expired sessions failed");
        }
        if let Err(err) = iam.prune_throttle().await {
            tracing::warn!(error = %err, "deleting old authentication failure counts failed");
        }
    }
}

async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
