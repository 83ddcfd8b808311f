#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test binary: failing loudly is the point
//! Black-box tests (zero2prod style): the real server on a free port over a fresh temporary database, driven over
//! HTTP like a browser would with JavaScript off.

mod helpers;
mod signing;

mod account_setup;
mod authorize;
mod bootstrap;
mod cli;
mod concurrency;
mod console_create_user;
mod health;
mod hostile_input;
mod operations;
mod page_rendering;
mod service;
mod session_security;
mod scale_out;
mod sessions;
mod web_security;
mod throttling;
