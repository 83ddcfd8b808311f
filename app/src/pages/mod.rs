//! One component per route.

pub mod coming_soon;
pub mod dashboard;
pub mod not_found;
pub mod setup;
pub mod sign_in;
