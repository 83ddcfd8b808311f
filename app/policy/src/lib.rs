//! The IAM policy language.
