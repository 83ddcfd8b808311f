//! Server functions: each a few lines — who is asking (session), the `IamService` call, the error mapped for the
//! console. No validation or authorization lives here (DESIGN rule 1): these are public POST endpoints.

pub mod account;
pub mod session;

#[cfg(feature = "ssr")]
pub(crate) mod ssr;
