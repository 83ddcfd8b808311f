//! `IamService`: every IAM action is one method here — authorize, validate, one transaction, result or `IamError`
//! (DESIGN rule 1). The console's server functions and the Query API are thin shells over it.

pub mod access_keys;
mod account;
mod audit;
pub mod audit_log;
pub mod dashboard;
mod auth_cache;
mod authorize;
mod caller;
mod console_sessions;
pub mod console_sign_in;
pub mod documents;
pub mod effective;
mod effective_permissions;
pub mod groups;
pub mod ids;
pub mod inline_policies;
pub mod login_profiles;
mod lookup;
pub mod managed_policies;
pub mod mfa;
pub mod pagination;
mod permissions;
pub mod path_tree;
mod path_prefix;
mod policy_lookup;
pub mod reports;
pub mod simulation;
mod simulation_sources;
pub mod throttle;
pub mod users;
mod user_deletion;
mod user_paths;
mod who_can;
mod wal_checkpoint;
mod write_batch;

use std::sync::Arc;

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::DatabaseConnection;

use super::clock::SharedClock;
use super::crypto::MasterKey;
use super::request::RequestContext;
use crate::model::IamError;

pub use account::SetUpAccount;
pub use audit::Outcome;
pub use auth_cache::AccessChange;
pub use caller::{Call, Caller, Channel, Identity};
pub use inline_policies::Owner;
pub use throttle::{Attempt, ThrottlePolicy};
pub use users::{CreateUser, UpdateUser};
pub(crate) use write_batch::WriteTxn;

#[derive(Clone, Debug)]
pub struct IamService {
    db: DatabaseConnection,
    clock: SharedClock,
    keys: MasterKey,
    /// Keys and compiled policies between requests; shared by every clone of the service.
    auth: Arc<auth_cache::AuthCache>,
    /// Users' paths by name, for the ARNs actions on users are authorized against; shared like `auth`.
    user_paths: Arc<user_paths::UserPaths>,
    throttle: ThrottlePolicy,
    /// Where writes go: SQLite's single writing connection, batched (group commit), or PostgreSQL's pool.
    writer: write_batch::Writer,
}

impl IamService {
    pub fn new(db: DatabaseConnection, clock: SharedClock, keys: MasterKey) -> Self {
        let writer = write_batch::Writer::new(&db);
        let throttle = ThrottlePolicy::default();
        Self { db, clock, keys, auth: Arc::default(), user_paths: Arc::default(), throttle, writer }
    }

    /// The same service with another brute-force policy than the default.
    pub fn with_throttle(mut self, throttle: ThrottlePolicy) -> Self {
        self.throttle = throttle;
        self
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }

    /// For sealing the one-time secrets a console session holds for a page without JavaScript.
    pub(crate) fn master_key(&self) -> &MasterKey {
        &self.keys
    }

    /// Called after the commit of every change to what authentication or authorization reads (keys, a user's name,
    /// path or existence, memberships, policies), so the next request sees it.
    pub fn access_changed(&self, change: AccessChange) {
        self.auth.invalidate(&change);
    }

    fn now_ms(&self) -> i64 {
        self.clock.now().timestamp_millis()
    }

    /// A change's transaction ([`write_batch`]): on SQLite a savepoint in the writing connection's shared transaction,
    /// committed with the others that ran meanwhile; on PostgreSQL a transaction of its own.
    pub(crate) async fn begin(&self, ctx: &RequestContext) -> Result<WriteTxn, IamError> {
        self.writer.begin().await.map_err(|e| ctx.internal(e))
    }

    /// For a single write statement outside [`Self::begin`].
    pub(crate) fn writes(&self) -> &DatabaseConnection {
        self.writer.connection()
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
