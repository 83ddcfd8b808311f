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
pub mod model;
pub mod pages;
mod root;

#[cfg(feature = "ssr")]
pub mod backend;

pub use root::{shell, App};

/// Refers to every module that defines an island, for the front end to call once. Each island's hydrate function is
/// exported to JavaScript from this crate, but the WASM linker takes an object file from an rlib only when something
/// refers to it: without this the front end's WASM had none of them and no island came alive. A marker function per
/// module, not the island itself, so a lazy island's code stays in its own chunk.
#[cfg(feature = "hydrate")]
pub fn link_islands() {
    use std::hint::black_box;
    black_box(components::copy_button::link as fn());
    black_box(components::password_field::link as fn());
    black_box(components::create_permissions::link as fn());
    black_box(pages::simulator::form::link as fn());
    black_box(pages::inline_policy::link as fn());
    black_box(pages::policies::document::link as fn());
}
