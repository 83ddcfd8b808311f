//! The IAM server: configuration, telemetry, start-up and routes. `main.rs` is only the command line.

pub mod commands;
pub mod config;
pub mod query_api;
pub mod routes;
pub mod startup;
pub mod telemetry;
