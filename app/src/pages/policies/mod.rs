//! The managed policies section: the list (filter, table, create) and a policy's page (summary, document, versions,
//! where it is attached, deletion), one component per file.

mod actions;
mod attachments;
mod create;
mod delete;
pub mod detail;
pub(crate) mod document;
pub mod list;
mod table;
mod versions;
