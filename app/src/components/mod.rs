//! Pieces shared by the pages.

pub mod audit_row;
pub mod copy_button;
pub mod create_permissions;
pub mod error_view;
pub mod form_error;
pub mod html_text;
pub mod layout;
pub mod loading;
pub mod mfa_devices;
pub mod mfa_enrollment;
pub mod mfa_panel;
pub mod new_access_key;
pub mod own_policies;
pub mod paged_table;
pub mod pager;
pub mod policy_editor;
pub mod policy_generator;
pub mod password_field;
pub mod permitted;
pub mod path_field;
pub mod path_listing;
pub mod path_tree;
pub mod public_page;
pub mod rename_fields;
pub mod state;
pub mod typed_delete;
