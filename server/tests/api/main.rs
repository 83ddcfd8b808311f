#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test binary: failing loudly is the point
//! Black-box tests (zero2prod style): the real server on a free port over a fresh temporary database, driven over
//! HTTP like a browser would with JavaScript off.

mod helpers;

mod account_setup;
mod authorize;
mod bootstrap;
mod cli;
mod health;
mod service;
mod sessions;
