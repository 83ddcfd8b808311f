//! One component per route.

pub mod audit;
pub mod coming_soon;
pub mod dashboard;
pub mod groups;
pub mod inline_policy;
pub mod my_credentials;
pub mod not_found;
pub mod policies;
pub mod setup;
pub mod sign_in;
pub mod sign_in_mfa;
pub mod sign_in_password;
mod sign_in_step;
pub mod sign_in_user;
pub mod simulator;
pub mod users;
pub mod who_can;
