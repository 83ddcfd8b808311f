//! Server functions: each a few lines — who is asking (session), the `IamService` call, the error mapped for the
//! console. No validation or authorization lives here (DESIGN rule 1): these are public POST endpoints.

pub mod account;
pub mod audit;
pub mod credentials;
pub mod groups;
pub mod inline_policies;
pub mod mfa;
#[cfg(feature = "ssr")]
mod mfa_support;
pub mod permissions;
pub mod policies;
pub mod session;
pub mod simulator;
pub mod user_sign_in;
pub mod user_tags;
pub mod users;
pub mod who_can;

#[cfg(feature = "ssr")]
pub(crate) mod ssr;
