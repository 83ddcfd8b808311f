//! Issue 8's operations: `server backup` / `restore` (SQLite), `server rotate-master-key` (SQLite and PostgreSQL),
//! and secrets at rest checked in the database files and in debug logs.

mod fixture;

mod backup_restore;
mod key_rotation;
mod secrets_at_rest;
