//! The IAM policy language: read, check and evaluate AWS IAM identity policies.
//!
//! Pure code (serde only; no I/O, no clock), so the same functions run in the browser, where the policy editor shows
//! findings as you type, and on the server, where they authorize every request. Both places decide alike because
//! they run this code.
//!
//! # Pipeline
//!
//! ```text
//!  text ──json::parse──▶ JsonValue ──parse──▶ draft ──checks──▶ Validation { policy, diagnostics }
//!   (spans on every       (every value,        (grammar:        (catalogue, ARNs, operator
//!    byte)                 key and string       elements,        value types, variables, size,
//!                          keeps its span)      types)           security warnings)
//!
//!  Policy ──CompiledPolicy::compile──▶ CompiledPolicy ──evaluate(policies, request)──▶ Evaluation
//!           (once per stored policy)                     (per request)
//! ```
//!
//! 1. [`validate`] reads the text with a span-keeping JSON reader, checks the policy grammar and semantics, and returns
//!    every finding as a [`Diagnostic`] (stable `code`, message, [`Span`], help), never stopping at the first. The
//!    [`Policy`] comes back only when there is no error. [`LineIndex`] turns spans into lines, columns and the
//!    UTF-16 offsets a browser uses.
//! 2. [`CompiledPolicy::compile`] turns a policy into fast matchers, once.
//! 3. [`evaluate`] decides a [`Request`] against a principal's compiled policies: explicit deny beats allow beats the
//!    default implicit deny, with the deciding statements and the context keys the request lacked.
//!
//! ```
//! use iam_policy::{evaluate, validate, CompiledPolicy, Decision, PolicyKind, Request};
//!
//! let text = r#"{
//!   "Version": "2012-10-17",
//!   "Statement": [{
//!     "Effect": "Allow",
//!     "Action": "iam:*",
//!     "Resource": "arn:aws:iam::123456789012:user/app/*"
//!   }]
//! }"#;
//! let validation = validate(text, PolicyKind::Managed);
//! assert!(!validation.has_errors());
//! let policy = CompiledPolicy::compile(validation.policy.as_ref().unwrap(), "app-admins");
//!
//! let request = Request {
//!     action: "iam:CreateUser".into(),
//!     resource: "arn:aws:iam::123456789012:user/app/worker".into(),
//!     ..Request::default()
//! };
//! assert_eq!(evaluate(&[policy], &request).decision, Decision::Allowed);
//! ```

pub mod ast;
pub mod catalogue;
pub mod diagnostic;
pub mod evaluate;
pub mod json;
pub mod operator;
mod parse;
pub mod span;
mod suggest;
pub mod validate;
pub mod values;

pub use ast::Policy;
pub use diagnostic::{codes, Diagnostic, Severity};
pub use evaluate::{
    evaluate, CompiledPolicy, Context, ContextValue, Decision, Evaluation, MatchedStatement, Principal, Request,
};
pub use span::{LineCol, LineIndex, Span, Spanned};
pub use validate::{policy_size, validate, PolicyKind, Validation};
