//! The users section: the list (path tree, table, filter, create) and a user's detail page, one component per file.

mod access_keys;
mod activity;
mod create;
mod delete;
mod effective;
pub mod detail;
mod groups;
pub mod list;
mod mfa;
mod password;
mod policies;
mod rename;
mod table;
mod tags;
