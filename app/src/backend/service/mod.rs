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
pub mod reports;
pub mod simulation;
pub mod users;

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::DatabaseConnection;

use super::clock::SharedClock;
use super::crypto::MasterKey;

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
}

/// AWS's timestamp format on the wire: ISO 8601, UTC, whole seconds.
pub fn iso(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// A unique-index violation means a concurrent request created the same name first.
fn is_unique_violation(err: &sea_orm::DbErr) -> bool {
    matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
}
