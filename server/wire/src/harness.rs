//! The checks behind the fuzz targets `sigv4_parse` and `query_params_decode` (server/wire/fuzz). Each entry point
//! takes the fuzzer's bytes, runs the production code on them and asserts what must hold for every input; any panic is
//! a finding. The unit test at the bottom replays the committed corpus through the same functions, so CI re-checks it
//! on the stable toolchain without libFuzzer.
//!
//! Both input formats are plain text so the seeds are readable requests:
//! - `sigv4_parse`: an HTTP request — a request line (`METHOD TARGET [HTTP/1.1]`), `name:value` header lines (a
//!   `:authority:value` line sets the URI authority, as HTTP/2 sends it), an empty line, the body.
//! - `query_params_decode`: the query string, a newline, the form body (no newline: a body and no query string).

#![allow(clippy::panic)] // A failed check is a finding: panicking is how the fuzzer learns of it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Utc};
use http::{HeaderMap, HeaderName, HeaderValue};

use crate::params::{ParamError, Params};
use crate::sigv4::{self, ParsedAuth, SigV4Error, SignatureLocation, SignedRequest};

/// The secret every fuzzed request is verified against: the example key botocore signed the seed requests with.
pub const SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

/// The server's clock during fuzzing: the time the seed requests were signed at.
pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_948_200, 0).unwrap_or_default() // 2026-11-29T10:30:00Z
}

// ---------------------------------------------------------------------------------------------------------------
// SigV4

/// An HTTP request read from the fuzzer's bytes, owning what [`SignedRequest`] borrows.
#[derive(Clone, Debug, Default)]
pub struct WireRequest {
    pub method: String,
    pub path: String,
    pub query: String,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
    pub authority: Option<String>,
}

impl WireRequest {
    /// Never fails: what does not read as a header line (a name or value `http` refuses) is skipped, as a server would
    /// never have received it.
    pub fn read(data: &[u8]) -> Self {
        let (head, body) = match find(data, b"\n\n") {
            Some(at) => (&data[..at], &data[at + 2..]),
            None => (data, &[][..]),
        };
        let mut lines = head.split(|&b| b == b'\n').map(|line| line.strip_suffix(b"\r").unwrap_or(line));
        let request_line = String::from_utf8_lossy(lines.next().unwrap_or_default());
        let (method, target) = request_line.split_once(' ').unwrap_or((&request_line, ""));
        let target = target.strip_suffix(" HTTP/1.1").unwrap_or(target);
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let mut request = WireRequest {
            method: method.to_owned(),
            path: path.to_owned(),
            query: query.to_owned(),
            body: body.to_vec(),
            ..WireRequest::default()
        };
        for line in lines {
            if let Some(authority) = line.strip_prefix(b":authority:") {
                request.authority = Some(String::from_utf8_lossy(authority).into_owned());
                continue;
            }
            let Some(colon) = line.iter().position(|&b| b == b':') else { continue };
            if let (Ok(name), Ok(value)) =
                (HeaderName::from_bytes(&line[..colon]), HeaderValue::from_bytes(&line[colon + 1..]))
            {
                request.headers.append(name, value);
            }
        }
        request
    }

    pub fn request(&self) -> SignedRequest<'_> {
        SignedRequest {
            method: &self.method,
            path: &self.path,
            query: &self.query,
            headers: &self.headers,
            body: &self.body,
            authority: self.authority.as_deref(),
        }
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

/// The `sigv4_parse` target: [`sigv4::parse`], and for what parses, [`sigv4::verify`] at the fixed clock and, with a
/// signature computed from the canonical request [`sigv4::canonical_request`] publishes, at the request's own time.
pub fn sigv4_parse(data: &[u8]) {
    let wire = WireRequest::read(data);
    let req = wire.request();
    let parsed = sigv4::parse(&req);
    assert_eq!(parsed, sigv4::parse(&req), "parse is deterministic");
    let auth = match parsed {
        Ok(auth) => auth,
        Err(err) => {
            check_error(&err);
            assert!(
                !matches!(err, SigV4Error::InvalidClientTokenId | SigV4Error::SignatureDoesNotMatch),
                "parse never judges keys or signatures: {err:?}"
            );
            return;
        }
    };
    check_parsed(&auth);
    check_round_trip(&auth);

    match sigv4::verify(&req, &auth, SECRET, now()) {
        Ok(()) => {
            // Signed with SECRET (the seeds are): any other signature must fail.
            let mut forged = auth.clone();
            forged.signature = flip_last_char(&forged.signature);
            assert_eq!(sigv4::verify(&req, &forged, SECRET, now()), Err(SigV4Error::SignatureDoesNotMatch));
        }
        Err(err) => check_verify_error(&err),
    }
    check_self_signed(&req, &auth);
}

/// What every parsed signature satisfies.
fn check_parsed(auth: &ParsedAuth) {
    assert_eq!(auth.service, sigv4::IAM_SERVICE);
    assert!(!auth.region.is_empty());
    assert!(!auth.signature.is_empty());
    // The credential scope round-trips: the five slash-separated fields come back as they were.
    let scope = auth.scope();
    let fields: Vec<&str> = scope.split('/').collect();
    assert_eq!(fields, [auth.scope_date.as_str(), &auth.region, &auth.service, "aws4_request"], "scope `{scope}`");
    assert!(!auth.access_key_id.contains('/'));
    assert_eq!(auth.scope_date, auth.request_time.format("%Y%m%d").to_string());
    let amz_date = auth.amz_date();
    let reparsed = DateTime::parse_from_str(&format!("{amz_date}+0000"), "%Y%m%dT%H%M%SZ%z");
    assert_eq!(reparsed.map(|time| time.with_timezone(&Utc)), Ok(auth.request_time), "amz date `{amz_date}`");
    // Signed headers: lower case, valid names, sorted without duplicates, `host` among them.
    assert!(auth.signed_headers.windows(2).all(|pair| pair[0] < pair[1]), "{:?}", auth.signed_headers);
    assert!(auth.signed_headers.iter().any(|name| name == "host"));
    for name in &auth.signed_headers {
        assert_eq!(*name, name.to_ascii_lowercase());
        assert!(HeaderName::from_bytes(name.as_bytes()).is_ok(), "{name:?}");
    }
    if let SignatureLocation::Query { expires_in } = auth.location {
        assert!((1..=sigv4::MAX_PRESIGNED_EXPIRES).contains(&expires_in));
    }
    // A session token (a credential) never reaches `{:?}`.
    if let Some(token) = &auth.security_token {
        let without = format!("{:?}", ParsedAuth { security_token: None, ..auth.clone() });
        if !token.is_empty() && !without.contains(token.as_str()) && !"<redacted>".contains(token.as_str()) {
            assert!(!format!("{auth:?}").contains(token.as_str()), "token in {auth:?}");
        }
    }
}

/// Written back as an `Authorization` header (when its fields can be), the parsed signature reads the same.
fn check_round_trip(auth: &ParsedAuth) {
    let credential = format!("{}/{}", auth.access_key_id, auth.scope());
    let header_safe =
        |s: &str| !s.is_empty() && s.bytes().all(|b| (0x21..0x7f).contains(&b) && b != b',') && !s.starts_with('=');
    if !header_safe(&credential) || !header_safe(&auth.signature) {
        return;
    }
    let authorization = format!(
        "{} Credential={credential}, SignedHeaders={}, Signature={}",
        sigv4::ALGORITHM,
        auth.signed_headers.join(";"),
        auth.signature
    );
    let mut headers = HeaderMap::new();
    let (Ok(authorization), Ok(date)) =
        (HeaderValue::from_str(&authorization), HeaderValue::from_str(&auth.amz_date()))
    else {
        return;
    };
    headers.insert(http::header::AUTHORIZATION, authorization);
    headers.insert("x-amz-date", date);
    let req = SignedRequest { method: "POST", path: "/", query: "", headers: &headers, body: b"", authority: None };
    let expected = ParsedAuth { location: SignatureLocation::Header, security_token: None, ..auth.clone() };
    assert_eq!(sigv4::parse(&req), Ok(expected));
}

/// Signs the request as a client would, from the canonical request and string to sign this crate publishes, with
/// [`SECRET`] at the request's own time: [`sigv4::verify`] must accept it, and refuse it under another secret.
///
/// Only for times a server clock can hold (1970–9999): in production `verify` signs nothing more than 15 minutes
/// away from the server's clock.
fn check_self_signed(req: &SignedRequest<'_>, auth: &ParsedAuth) {
    let at = auth.request_time;
    if at.timestamp() < 0 || at.year() > 9999 {
        return;
    }
    let Some(signing_time) = sigv4::to_system_time(at) else { return };
    let canonical = match sigv4::canonical_request(req, auth) {
        Ok(canonical) => canonical,
        Err(err) => {
            check_verify_error(&err);
            assert!(sigv4::verify(req, auth, SECRET, at).is_err(), "no canonical request, yet verified");
            return;
        }
    };
    let key = aws_sigv4::sign::v4::generate_signing_key(SECRET, signing_time, &auth.region, &auth.service);
    let signature =
        aws_sigv4::sign::v4::calculate_signature(key.as_ref(), sigv4::string_to_sign(auth, &canonical).as_bytes());
    let signed = ParsedAuth { signature, ..auth.clone() };
    assert_eq!(sigv4::verify(req, &signed, SECRET, at), Ok(()), "canonical request:\n{canonical}");
    assert_eq!(sigv4::verify(req, &signed, "another secret", at), Err(SigV4Error::SignatureDoesNotMatch));
}

/// `verify` answers only about time, payload and signature.
fn check_verify_error(err: &SigV4Error) {
    check_error(err);
    match err {
        SigV4Error::SignatureDoesNotMatch
        | SigV4Error::PayloadHashMismatch
        | SigV4Error::SignatureExpired { .. }
        | SigV4Error::SignatureNotYetCurrent { .. }
        | SigV4Error::PresignedUrlExpired { .. } => {}
        // A repeated or non-ASCII `x-amz-content-sha256` header.
        SigV4Error::IncompleteSignature(message) => assert!(message.contains("x-amz-content-sha256"), "{message}"),
        other => panic!("verify answered {other:?}"),
    }
}

/// Every error renders as AWS would answer it.
fn check_error(err: &SigV4Error) {
    let code = err.code();
    assert!(
        ["MissingAuthenticationToken", "IncompleteSignature", "InvalidClientTokenId", "SignatureDoesNotMatch"]
            .contains(&code),
        "{code}"
    );
    assert!(matches!(err.http_status(), 400 | 403));
    assert_eq!(err.to_string(), format!("{code}: {}", err.message()));
}

fn flip_last_char(text: &str) -> String {
    let mut out = text.to_owned();
    let last = out.pop();
    out.push(if last == Some('0') { '1' } else { '0' });
    out
}

// ---------------------------------------------------------------------------------------------------------------
// Query parameters

/// How many names, and how deep into structure lists, one input is explored (keeps every execution fast).
const MAX_NAMES: usize = 24;
const MAX_DEPTH: usize = 1;
const MAX_MEMBERS_CHECKED: usize = 4;

/// The `query_params_decode` target: [`Params::decode`], then every accessor with names taken from the input.
pub fn query_params_decode(data: &[u8]) {
    let (query, body) = match data.iter().position(|&b| b == b'\n') {
        Some(at) => (Some(String::from_utf8_lossy(&data[..at])), &data[at + 1..]),
        None => (None, data),
    };
    let params = Params::decode(query.as_deref(), body);
    assert_eq!(params, Params::decode(query.as_deref(), body), "decode is deterministic");
    // The body wins: every name in the body has the body's last value.
    let from_body: BTreeMap<String, String> = form_urlencoded::parse(body).into_owned().collect();
    for (name, value) in &from_body {
        assert_eq!(params.optional(name), Some(value.as_str()));
    }
    check_params(&params, 0);
}

/// The names an input might use: each parameter's name and every dot-separated prefix of it (`A`, `A.member`,
/// `A.member.1`, …), plus the list/structure names the server asks for.
fn names(params: &Params) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = ["Tags", "TagKeys", "ContextEntries", "ResourceArns", "PolicyInputList"]
        .into_iter()
        .map(str::to_owned)
        .collect();
    for (name, _) in params.iter() {
        for (at, _) in name.match_indices('.').take(8) {
            names.insert(name[..at].to_owned());
        }
        names.insert(name.to_owned());
        if names.len() >= MAX_NAMES {
            break;
        }
    }
    names
}

fn check_params(params: &Params, depth: usize) {
    let all: Vec<(&str, &str)> = params.iter().collect();
    assert!(all.windows(2).all(|pair| pair[0].0 < pair[1].0), "iter is sorted by name, without duplicates");
    for name in names(params).iter().take(MAX_NAMES) {
        check_scalars(params, name);
        check_member_list(params, &all, name);
        check_tags(params, &all, name);
        check_members(params, &all, name, depth);
        // `required_list` is `has_list` then `member_list` of `name.member`.
        let expected =
            if params.has_list(name) { params.member_list(&format!("{name}.member")) } else { Err(missing(name)) };
        assert_eq!(params.required_list(name), expected);
        assert_eq!(params.has_list(name), params.optional(name).is_some() || !under(&all, name).is_empty());
    }
    assert_eq!(params.max_items(), params.integer("MaxItems"));
    assert_eq!(params.marker().as_deref(), params.optional("Marker"));
}

fn check_scalars(params: &Params, name: &str) {
    let value = params.optional(name);
    assert_eq!(params.required(name), value.ok_or_else(|| missing(name)));
    assert_eq!(params.unsupported(name, "these").is_err(), value.is_some());
    match params.integer(name) {
        Ok(Some(n)) => assert_eq!(value.map(|v| v.trim().parse::<i64>()), Some(Ok(n))),
        Ok(None) => assert!(value.is_none()),
        Err(err) => assert!(matches!(err, ParamError::InvalidValue(_)) && value.is_some()),
    }
    match params.bool(name) {
        Ok(Some(b)) => assert!(value.is_some_and(|v| v.eq_ignore_ascii_case(&b.to_string()))),
        Ok(None) => assert!(value.is_none()),
        Err(err) => assert!(matches!(err, ParamError::InvalidValue(_)) && value.is_some()),
    }
}

/// The entries `prefix.<rest>` as (rest, value), found in `all` (every parameter, sorted by name) by binary search.
fn under<'a>(all: &[(&'a str, &'a str)], prefix: &str) -> Vec<(&'a str, &'a str)> {
    let dotted = format!("{prefix}.");
    let start = all.partition_point(|(name, _)| *name < dotted.as_str());
    all[start..].iter().map_while(|(name, value)| Some((name.strip_prefix(dotted.as_str())?, *value))).collect()
}

/// A list position as AWS writes it: a decimal number from 1, without sign or leading zeros.
fn position(text: &str) -> Option<u32> {
    text.parse::<u32>().ok().filter(|&n| n >= 1 && n.to_string() == text)
}

fn missing(name: &str) -> ParamError {
    ParamError::Missing(name.to_owned())
}

/// A list is every `prefix.N` entry in position order, one value per position; anything else under `prefix.` is an
/// `InvalidParameterValue`.
fn check_member_list(params: &Params, all: &[(&str, &str)], prefix: &str) {
    let entries = under(all, prefix);
    let positions: Option<BTreeMap<u32, &str>> =
        entries.iter().map(|(rest, value)| Some((position(rest)?, *value))).collect();
    match params.member_list(prefix) {
        Ok(list) => {
            let positions = positions.unwrap_or_else(|| panic!("`{prefix}` listed {list:?} from {entries:?}"));
            assert_eq!(positions.len(), entries.len(), "two entries at one position: {entries:?}");
            assert_eq!(list, positions.into_values().collect::<Vec<_>>());
        }
        Err(err) => {
            assert!(matches!(err, ParamError::InvalidValue(_)), "{err:?}");
            assert!(positions.is_none(), "`{prefix}` refused although {entries:?} are all positions: {err:?}");
        }
    }
}

/// Tags are `name.member.N.Key` and `name.member.N.Value`, both present for every position.
fn check_tags(params: &Params, all: &[(&str, &str)], name: &str) {
    let prefix = format!("{name}.member");
    let entries = under(all, &prefix);
    match params.tags(name) {
        Ok(tags) => {
            let mut expected: BTreeMap<u32, (Option<&str>, Option<&str>)> = BTreeMap::new();
            for (rest, value) in &entries {
                let (n, field) = rest.split_once('.').unwrap_or((rest, ""));
                let n = position(n).unwrap_or_else(|| panic!("`{prefix}.{rest}` accepted as a tag"));
                let slot = expected.entry(n).or_default();
                match field {
                    "Key" => slot.0 = Some(value),
                    "Value" => slot.1 = Some(value),
                    other => panic!("`{prefix}.{n}.{other}` accepted as a tag field"),
                }
            }
            let expected: Vec<(String, String)> = expected
                .into_values()
                .map(|pair| match pair {
                    (Some(key), Some(value)) => (key.to_owned(), value.to_owned()),
                    _ => panic!("a tag without its key or value accepted: {entries:?}"),
                })
                .collect();
            assert_eq!(tags, expected, "two entries at one position? {entries:?}");
            assert_eq!(entries.len(), 2 * tags.len(), "two entries at one position: {entries:?}");
        }
        Err(ParamError::Missing(field)) => {
            assert!(field.starts_with(&format!("{prefix}.")), "{field}");
            assert!(field.ends_with(".Key") || field.ends_with(".Value"), "{field}");
            assert_eq!(params.optional(&field), None, "`{field}` reported missing but sent");
        }
        Err(ParamError::InvalidValue(_)) => {
            let well_formed = entries.iter().all(|(rest, _)| {
                rest.split_once('.')
                    .is_some_and(|(n, field)| position(n).is_some() && ["Key", "Value"].contains(&field))
            });
            assert!(!well_formed, "well-formed tags refused: {entries:?}");
        }
    }
}

/// A structure list splits into one `Params` per position, holding exactly the entries of that position.
fn check_members(params: &Params, all: &[(&str, &str)], name: &str, depth: usize) {
    let prefix = format!("{name}.member");
    let entries = under(all, &prefix);
    match params.members(name) {
        Ok(members) => {
            let mut positions = BTreeSet::new();
            for (rest, _) in &entries {
                let n = rest.split_once('.').map_or(*rest, |(n, _)| n);
                positions.insert(position(n).unwrap_or_else(|| panic!("`{prefix}.{rest}` accepted as a member")));
            }
            assert_eq!(members.len(), positions.len());
            let mut fields = 0;
            for (member, n) in members.iter().zip(&positions) {
                for (field, value) in member.iter() {
                    fields += 1;
                    assert!(!field.is_empty(), "a nameless member field accepted: {entries:?}");
                    let key = format!("{prefix}.{n}.{field}");
                    assert_eq!(params.optional(&key), Some(value), "member field `{key}`");
                }
            }
            for member in members.iter().take(MAX_MEMBERS_CHECKED) {
                if depth < MAX_DEPTH {
                    check_params(member, depth + 1);
                }
            }
            assert_eq!(fields, entries.len(), "two entries in one member field: {entries:?}");
        }
        Err(err) => {
            assert!(matches!(err, ParamError::InvalidValue(_)), "{err:?}");
            let well_formed = entries.iter().all(|(rest, _)| {
                rest.split_once('.').is_some_and(|(n, field)| position(n).is_some() && !field.is_empty())
            });
            assert!(!well_formed, "well-formed members refused: {entries:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Replays every committed corpus file of both fuzz targets (server/wire/fuzz/corpus), so CI re-checks them on
    /// every run without nightly or libFuzzer.
    fn replay(target: &str, run: fn(&[u8])) -> usize {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
        let mut count = 0;
        for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(outcome.is_ok(), "{target}: {} fails", path.display());
            count += 1;
        }
        count
    }

    #[test]
    fn sigv4_parse_corpus_replays() {
        assert!(replay("sigv4_parse", sigv4_parse) > 0);
    }

    #[test]
    fn query_params_decode_corpus_replays() {
        assert!(replay("query_params_decode", query_params_decode) > 0);
    }

    #[test]
    fn seed_requests_parse_and_verify() {
        // A botocore-signed ListUsers: verifies at the fixed clock.
        let seed = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/corpus/sigv4_parse/boto-list-users"));
        let wire = WireRequest::read(&seed.unwrap());
        let auth = sigv4::parse(&wire.request()).unwrap();
        assert_eq!(sigv4::verify(&wire.request(), &auth, SECRET, now()), Ok(()));
        assert_eq!(now().to_rfc3339(), "2026-11-29T10:30:00+00:00");
    }
}
