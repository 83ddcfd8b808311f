//! The groups section: the list (path tree, table, filter, create) and a group's detail page, one component per file.

mod create;
mod delete;
pub mod detail;
pub mod list;
mod members;
mod policies;
mod rename;
mod table;
