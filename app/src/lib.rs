//! The console and the IAM backend it calls.
//!
//! - `model`: wire types and parsed newtypes shared by browser and server.
//! - `api`: `#[server]` functions, thin shells over the backend's `IamService`.
//! - `pages`, `components`: the Leptos UI.
//! - `backend` (feature `ssr` only): data layer, secrets, sessions, clock, and the service itself.

// Leptos view types nest deeply; without cargo-leptos' debug-only `--cfg erase_components` (release builds) rustc's
// layout queries need more depth than the default 128.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
mod lazy_pages;
pub mod model;
pub mod pages;
mod root;

#[cfg(feature = "ssr")]
pub mod backend;

pub use root::{shell, App};
