//! The server side of the console and of the Query API (feature `ssr` only): data layer, secrets, sessions, the
//! injected clock, and `IamService`, the one place every IAM action is implemented.

pub mod auth;
pub mod clock;
pub mod crypto;
pub mod csp_nonce;
pub mod db;
pub mod entities;
pub mod request;
pub mod service;
pub mod session_store;
mod state;

pub use clock::{Clock, FixedClock, SharedClock, SystemClock};
pub use request::RequestContext;
pub use service::IamService;
pub use state::AppState;
