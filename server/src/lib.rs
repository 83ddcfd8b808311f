//! The IAM server: configuration, telemetry, start-up and routes. `main.rs` is only the command line.

// Leptos view types nest deeply; without cargo-leptos' debug-only `--cfg erase_components` (release builds) rustc's
// layout queries need more depth than the default 128.
#![recursion_limit = "256"]

pub mod commands;
pub mod config;
pub mod query_api;
pub mod routes;
pub mod startup;
pub mod telemetry;
