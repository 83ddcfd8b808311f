//! Arbitrary bytes read as an HTTP request → `sigv4::parse`, and for what parses, `verify` at a fixed clock and with
//! a signature computed from the published canonical request. The checks are `iam_query_wire::harness::sigv4_parse`.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| iam_query_wire::harness::sigv4_parse(data));
