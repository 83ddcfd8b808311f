//! Layered configuration (zero2prod style): built-in defaults, then a TOML file, then the environment.
//!
//! | key | environment | default |
//! |---|---|---|
//! | `host` | `IAM_HOST` | `127.0.0.1` |
//! | `port` | `IAM_PORT` | `3000` (0 picks a free port) |
//! | `data_dir` | `IAM_DATA_DIR` | `./data` |
//! | `database_url` | `DATABASE_URL` or `IAM_DATABASE_URL` | `sqlite://<data_dir>/iam.db` |
//! | `secure_cookies` | `IAM_SECURE_COOKIES` | on, except when listening on loopback (plain-http development) |
//! | `session_idle_minutes` | `IAM_SESSION_IDLE_MINUTES` | `60` |
//! | `session_absolute_hours` | `IAM_SESSION_ABSOLUTE_HOURS` | `12` (a signed-in session ends this long after sign-in, however active) |
//! | `site_root` | `IAM_SITE_ROOT` or `LEPTOS_SITE_ROOT` | `target/site` |
//! | `log` | `IAM_LOG` or `RUST_LOG` | `info` |
//! | `master_key` | `IAM_MASTER_KEY` | read from (or generated into) `<data_dir>/master.key`, mode 0600 |
//! | `[throttle]` `free_failures` | `IAM_THROTTLE__FREE_FAILURES` | `5` failed sign-ins, MFA codes or signatures per subject before lockouts start |
//! | `[throttle]` `ip_free_failures` | `IAM_THROTTLE__IP_FREE_FAILURES` | `50` failures per source address before lockouts start |
//! | `[throttle]` `base_lockout_seconds` | `IAM_THROTTLE__BASE_LOCKOUT_SECONDS` | `2`, doubled by every further failure |
//! | `[throttle]` `max_lockout_seconds` | `IAM_THROTTLE__MAX_LOCKOUT_SECONDS` | `900` |
//! | `[throttle]` `forget_after_seconds` | `IAM_THROTTLE__FORGET_AFTER_SECONDS` | `3600` without a failure and the count starts over |
//!
//! The file is `--config <path>`, else `IAM_CONFIG`, else `iam.toml` in the working directory when present.

use serde::Deserialize;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Deserialize)]
pub struct Settings {
    pub host: String,
    pub port: u16,
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub secure_cookies: Option<bool>,
    pub session_idle_minutes: i64,
    pub session_absolute_hours: i64,
    pub site_root: String,
    pub log: String,
    /// Base64 of 32 bytes; seals access-key secrets and TOTP seeds. Every process sharing a database needs the same.
    pub master_key: Option<String>,
    /// Brute-force throttling of passwords, MFA codes and signatures (`[throttle]` in the file).
    #[serde(default)]
    pub throttle: app::backend::service::ThrottlePolicy,
}

impl Settings {
    pub fn load(file: Option<&Path>) -> Result<Self, config::ConfigError> {
        let file = file
            .map(Path::to_path_buf)
            .or_else(|| std::env::var_os("IAM_CONFIG").map(PathBuf::from))
            .unwrap_or_else(|| PathBuf::from("iam.toml"));
        let first_set = |names: &[&str]| names.iter().find_map(|name| std::env::var(name).ok());
        config::Config::builder()
            .set_default("host", "127.0.0.1")?
            .set_default("port", 3000)?
            .set_default("data_dir", "./data")?
            .set_default("session_idle_minutes", 60)?
            .set_default("session_absolute_hours", 12)?
            .set_default("site_root", "target/site")?
            .set_default("log", "info")?
            .add_source(config::File::from(file).required(false))
            // `__` separates nested keys (`IAM_THROTTLE__FREE_FAILURES`); single underscores stay part of a name.
            .add_source(
                config::Environment::with_prefix("IAM").prefix_separator("_").separator("__").try_parsing(true),
            )
            // Conventional names win over the file too, as operators expect.
            .set_override_option("database_url", std::env::var("DATABASE_URL").ok())?
            .set_override_option("site_root", std::env::var("LEPTOS_SITE_ROOT").ok())?
            .set_override_option("log", first_set(&["IAM_LOG", "RUST_LOG"]))?
            .build()?
            .try_deserialize()
    }

    /// The configured master key, else the one in the data directory (generated there on first start).
    pub fn master_key(&self) -> anyhow::Result<app::backend::crypto::MasterKey> {
        use app::backend::crypto::MasterKey;
        match &self.master_key {
            Some(text) if !text.trim().is_empty() => Ok(MasterKey::from_base64(text)?),
            _ => {
                std::fs::create_dir_all(&self.data_dir)?;
                Ok(MasterKey::load_or_create(&self.data_dir.join("master.key"))?)
            }
        }
    }

    /// SQLite in the data directory unless a URL is given.
    pub fn database_url(&self) -> String {
        match &self.database_url {
            Some(url) if !url.trim().is_empty() => url.clone(),
            _ => format!("sqlite://{}/iam.db", self.data_dir.display()),
        }
    }

    /// Cookies are `Secure` unless switched off, and switched off by default only on loopback, where browsers
    /// accept plain http for development.
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies.unwrap_or_else(|| !self.is_loopback())
    }

    fn is_loopback(&self) -> bool {
        self.host == "localhost" || self.host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
    }

    /// The database URL with any password masked, for logs.
    pub fn database_url_for_logs(&self) -> String {
        let url = self.database_url();
        match (url.find("://"), url.rfind('@')) {
            (Some(scheme_end), Some(at)) if at > scheme_end => {
                let credentials = &url[scheme_end + 3..at];
                let user = credentials.split(':').next().unwrap_or("");
                format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..])
            }
            _ => url,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings(host: &str) -> Settings {
        Settings {
            host: host.into(),
            port: 0,
            data_dir: "/var/lib/iam".into(),
            database_url: None,
            secure_cookies: None,
            session_idle_minutes: 60,
            session_absolute_hours: 12,
            master_key: None,
            site_root: "target/site".into(),
            log: "info".into(),
            throttle: Default::default(),
        }
    }

    #[test]
    fn throttling_is_configured_in_its_own_table() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let file = dir.path().join("iam.toml");
        std::fs::write(&file, "[throttle]\nfree_failures = 3\nmax_lockout_seconds = 60\n").expect("write");
        let loaded = Settings::load(Some(&file)).expect("valid configuration");
        assert_eq!(loaded.throttle.free_failures, 3);
        assert_eq!(loaded.throttle.max_lockout_seconds, 60);
        // What the file leaves out keeps its default.
        assert_eq!(loaded.throttle.ip_free_failures, 50);
    }

    #[test]
    fn sqlite_in_the_data_dir_by_default() {
        assert_eq!(settings("127.0.0.1").database_url(), "sqlite:///var/lib/iam/iam.db");
    }

    #[test]
    fn cookies_are_secure_except_on_loopback() {
        assert!(!settings("127.0.0.1").secure_cookies());
        assert!(!settings("localhost").secure_cookies());
        assert!(settings("0.0.0.0").secure_cookies());
        let mut forced = settings("127.0.0.1");
        forced.secure_cookies = Some(true);
        assert!(forced.secure_cookies());
    }

    #[test]
    fn database_passwords_never_reach_logs() {
        let mut s = settings("127.0.0.1");
        s.database_url = Some("postgres://iam:s3cret@db:5432/iam".into());
        assert_eq!(s.database_url_for_logs(), "postgres://iam:***@db:5432/iam");
    }
}
