//! The little languages inside policy strings: wildcards, variables, ARNs, dates, numbers, IP ranges, base64.
//!
//! Shared by validation (is this value well formed?) and evaluation (does it match?), so both agree by construction.

pub mod arn;
pub mod base64;
pub mod date;
pub(crate) mod glob;
pub mod ip;
pub mod number;
pub mod variable;
