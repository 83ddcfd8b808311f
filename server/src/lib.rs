//! The IAM server: configuration, telemetry, start-up and routes. `main.rs` is only the command line.

// Leptos view types nest deeply; without cargo-leptos' debug-only `--cfg erase_components` (release builds) rustc's
// layout queries need more depth than the default 128.
#![recursion_limit = "256"]

pub mod backup;
pub mod commands;
pub mod config;
pub mod data_lock;
pub mod master_key_file;
pub mod query_api;
pub mod restore;
pub mod rotate_key;
pub mod routes;
pub mod sqlite_file;
pub mod startup;
pub mod telemetry;
