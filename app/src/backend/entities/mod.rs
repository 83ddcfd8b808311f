//! SeaORM entities, one file per table. The schema itself is owned by the `migration` crate.

pub mod account;
pub mod console_session;
