//! Pieces shared by the pages.

pub mod error_view;
pub mod form_error;
pub mod layout;
pub mod navigation;
pub mod password_field;
pub mod public_page;
pub mod state;
