//! Schema migrations. They run at server start (and from `server migrate`), in order, on SQLite or PostgreSQL alike:
//! only sea-query's portable schema builder is used, never backend-specific SQL.

pub use sea_orm_migration::prelude::*;

mod m0001_account;
mod m0002_console_session;
mod m0003_identities;
mod m0004_credentials;
mod m0005_audit;
mod m0006_auth_throttle;
mod m0007_console_session_principal;
mod m0008_audit_principal_time;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_account::Migration),
            Box::new(m0002_console_session::Migration),
            Box::new(m0003_identities::Migration),
            Box::new(m0004_credentials::Migration),
            Box::new(m0005_audit::Migration),
            Box::new(m0006_auth_throttle::Migration),
            Box::new(m0007_console_session_principal::Migration),
            Box::new(m0008_audit_principal_time::Migration),
        ]
    }
}
