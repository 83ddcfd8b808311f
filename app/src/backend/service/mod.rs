//! `IamService`: every IAM action is one method here — authorize, validate, one transaction, result or `IamError`
//! (DESIGN rule 1). The console's server functions and the Query API are thin shells over it.

mod account;

use sea_orm::DatabaseConnection;

use super::clock::SharedClock;

pub use account::SetUpAccount;

#[derive(Clone, Debug)]
pub struct IamService {
    db: DatabaseConnection,
    clock: SharedClock,
}

impl IamService {
    pub fn new(db: DatabaseConnection, clock: SharedClock) -> Self {
        Self { db, clock }
    }

    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }
}
