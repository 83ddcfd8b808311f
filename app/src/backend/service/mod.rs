//! `IamService`: every IAM action is one method here — authorize, validate, one transaction, result or `IamError`
//! (DESIGN rule 1). The console's server functions and the Query API are thin shells over it.

mod account;
pub mod access_keys;
mod audit;
pub mod audit_log;
mod authorize;
mod caller;
pub mod documents;
pub mod effective;
pub mod groups;
pub mod ids;
pub mod inline_policies;
pub mod login_profiles;
mod lookup;
pub mod managed_policies;
pub mod mfa;
pub mod pagination;
pub mod path_tree;
pub mod reports;
pub mod simulation;
pub mod users;

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{DatabaseConnection, DatabaseTransaction, SqliteTransactionMode, TransactionOptions, TransactionTrait};

use super::clock::SharedClock;
use super::crypto::MasterKey;
use super::request::RequestContext;
use crate::model::IamError;

pub use account::SetUpAccount;
pub use audit::Outcome;
pub use caller::{Call, Caller, Channel, Identity};
pub use inline_policies::Owner;
pub use users::{CreateUser, UpdateUser};

#[derive(Clone, Debug)]
pub struct IamService {
    db: DatabaseConnection,
    clock: SharedClock,
    keys: MasterKey,
}

impl IamService {
    pub fn new(db: DatabaseConnection, clock: SharedClock, keys: MasterKey) -> Self {
        Self { db, clock, keys }
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// Every write transaction starts as a writer (`BEGIN IMMEDIATE` on SQLite). A deferred one that reads first and
    /// writes later fails at once with "database is locked" if another connection committed in between (SQLite
    /// cannot upgrade a stale read snapshot); taking the write lock up front makes concurrent writers queue on the
    /// busy timeout instead. PostgreSQL ignores the option.
    pub(crate) async fn begin(&self, ctx: &RequestContext) -> Result<DatabaseTransaction, IamError> {
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        self.db.begin_with_options(options).await.map_err(|e| ctx.internal(e))
    }
}

/// AWS's timestamp format on the wire: ISO 8601, UTC, whole seconds.
pub fn iso(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A unique-index violation means a concurrent request created the same name first.
fn is_unique_violation(err: &sea_orm::DbErr) -> bool {
    matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
}
