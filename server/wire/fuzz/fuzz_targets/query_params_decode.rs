//! Arbitrary bytes as a query string and a form body → `Params::decode` → every accessor with names from the input.
//! The checks are `iam_query_wire::harness::query_params_decode`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| iam_query_wire::harness::query_params_decode(data));
