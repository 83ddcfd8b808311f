//! Issue 4's suite: the IAM service through its public API over a real database (SQLite, and PostgreSQL when
//! `TEST_DATABASE_URL` is set), every action's success path, AWS error codes and limits, and authorization.

pub(crate) mod harness;

mod access_keys;
mod auth_cache;
mod dashboard;
mod effective_permissions;
mod authorization;
mod groups;
mod inline_policies;
mod managed_policies;
mod mfa;
mod page_permissions;
mod passwords;
mod reports;
mod simulator_form;
mod sqlite_build;
mod throttling;
mod users;
mod user_deletion;
mod who_can;
mod write_batches;
