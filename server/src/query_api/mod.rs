//! The AWS-compatible IAM Query API: SigV4 verification, form parameters, dispatch on `Action`, XML out.
//!
//! A thin shell over `IamService` (DESIGN rule 1): `handler` takes the HTTP request, `auth` turns its signature into
//! a `Call`, `params` decodes the form, `dispatch` picks the operation, and one file per resource family maps
//! parameters to the service's inputs and its results to XML (`xml`). No validation or authorization happens here.
//! `authorize` is the JSON decision endpoint for other services (`POST /authorize`), signed the same way.

mod access_keys;
mod auth;
pub mod authorize;
mod dispatch;
pub mod error;
mod groups;
pub mod handler;
mod inline_policies;
mod managed_policies;
mod mfa;
pub mod params;
mod passwords;
mod reports;
mod simulation;
pub use iam_query_wire::sigv4;
mod users;
pub mod xml;
