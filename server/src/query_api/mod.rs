//! The AWS-compatible IAM Query API: SigV4 verification, form parameters, dispatch on `Action`, XML out.

pub mod sigv4;
