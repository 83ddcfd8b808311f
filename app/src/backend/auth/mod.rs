//! Credentials: password hashing and the console session's record of who is signed in.

pub mod password;
pub mod session;
pub mod totp;
