//! The IAM Query API's wire level, kept apart from the server so it builds in seconds and can be fuzzed
//! (`server/wire/fuzz`) without compiling Leptos or SeaORM under the fuzzer's instrumentation.
//!
//! - [`sigv4`]: reading a request's SigV4 signature ([`sigv4::parse`]) and checking it ([`sigv4::verify`]).
//! - [`params`]: the form/query parameters, with the AWS Query protocol's list flattening undone.
//!
//! What the values mean (names, ARNs, page sizes) is the service's to judge; the server turns these strings into the
//! model's types (`server/src/query_api/params.rs`) and these errors into its XML error responses.

pub mod params;
pub mod sigv4;

/// The checks the fuzz targets (`server/wire/fuzz`) run on every input, here so the unit tests replay the committed
/// corpus through the same code on the stable toolchain. Compiled only for tests and under `cargo fuzz`
/// (`--cfg fuzzing`), never into the server.
#[cfg(any(test, fuzzing))]
pub mod harness;
