//! AWS Signature Version 4 *verification* for the IAM Query API (`POST /` with a form body, or `GET /?Action=…`).
//!
//! Two steps, because the secret depends on who is asking:
//! 1. [`parse`] reads the `Authorization` header (or the presigned `X-Amz-*` query parameters) into a [`ParsedAuth`]:
//!    access key id, credential scope, signed headers, signature and request time. The caller looks the key up.
//! 2. [`verify`] checks the request time against `now` and recomputes the signature with that key's secret.
//!
//! The canonical request is built here, exactly as the AWS SigV4 documentation describes it for non-S3 services
//! (path normalised and encoded a second time, query sorted by encoded key then value, canonical headers trimmed and
//! comma-joined). Only the HMAC key derivation and the final HMAC come from `aws-sigv4`, so the crypto is the SDK's own.
//! The AWS signing test suite and requests signed by botocore check the two agree (see the tests at the bottom).
//!
//! Error codes and messages copy what AWS IAM answers, because the `aws` CLI and boto3 show them verbatim.

use std::fmt;
use std::time::{Duration, SystemTime};

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use http::{HeaderMap, HeaderName};
use sha2::{Digest, Sha256};
use subtle::{Choice, ConstantTimeEq};

/// The only signing algorithm IAM accepts (SigV4a's ECDSA variant is for multi-region endpoints IAM doesn't have).
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";
/// The service name a client puts in its credential scope when talking to IAM.
pub const IAM_SERVICE: &str = "iam";
/// How far the request time may be from the server clock, either way (AWS's window for all SigV4 services).
pub const MAX_CLOCK_SKEW: TimeDelta = TimeDelta::minutes(15);
/// The longest `X-Amz-Expires` AWS accepts: a signing key is only valid for seven days.
pub const MAX_PRESIGNED_EXPIRES: u32 = 604_800;

const SCOPE_TERMINATOR: &str = "aws4_request";
const UNSIGNED_PAYLOAD: &str = "UNSIGNED-PAYLOAD";
const SIGNATURE_DOES_NOT_MATCH: &str = "The request signature we calculated does not match the signature you \
     provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

const X_AMZ_ALGORITHM: &str = "X-Amz-Algorithm";
const X_AMZ_CREDENTIAL: &str = "X-Amz-Credential";
const X_AMZ_DATE: &str = "X-Amz-Date";
const X_AMZ_SIGNED_HEADERS: &str = "X-Amz-SignedHeaders";
const X_AMZ_SIGNATURE: &str = "X-Amz-Signature";
const X_AMZ_EXPIRES: &str = "X-Amz-Expires";
const X_AMZ_SECURITY_TOKEN: &str = "X-Amz-Security-Token";

/// An incoming request as it arrived on the wire, borrowed from whatever HTTP framework received it.
///
/// `path` and `query` must be the raw, still percent-encoded strings (`uri.path()`, `uri.query()`): the canonical
/// request re-encodes what the client sent, so decoding first would lose information the signature covers.
#[derive(Clone, Copy)]
pub struct SignedRequest<'a> {
    /// The HTTP method, upper case (`GET`, `POST`).
    pub method: &'a str,
    /// The raw request path, e.g. `/`.
    pub path: &'a str,
    /// The raw query string without the `?`, empty when there is none.
    pub query: &'a str,
    /// All request headers.
    pub headers: &'a HeaderMap,
    /// The complete request body.
    pub body: &'a [u8],
    /// The URI authority, used as the `host` value only when there is no `Host` header: HTTP/2 clients send
    /// `:authority` instead, and AWS accepts either as the signed host.
    pub authority: Option<&'a str>,
}

/// Where the client put its signature.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureLocation {
    /// `Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`.
    Header,
    /// A presigned URL (`X-Amz-Signature` and friends in the query), valid for `expires_in` seconds.
    Query {
        /// The `X-Amz-Expires` value.
        expires_in: u32,
    },
}

/// What [`parse`] read from a request, before anything is known about the key.
#[derive(Clone, PartialEq, Eq)]
pub struct ParsedAuth {
    /// The access key id the client claims (`AKIA…`); the caller looks it up.
    pub access_key_id: String,
    /// The credential scope date, `YYYYMMDD`; always equal to the date of `request_time`.
    pub scope_date: String,
    /// The credential scope region. Any region is accepted: a client configured for `eu-west-1` signs with it.
    pub region: String,
    /// The credential scope service; `iam` after [`parse`].
    pub service: String,
    /// The signed header names, lower case, sorted, without duplicates; always contains `host`.
    pub signed_headers: Vec<String>,
    /// The hex signature the client sent.
    pub signature: String,
    /// When the client signed (`X-Amz-Date`, or the `Date` header).
    pub request_time: DateTime<Utc>,
    /// Header or presigned query.
    pub location: SignatureLocation,
    /// A session token (`X-Amz-Security-Token`), which only temporary credentials carry. This server issues none,
    /// so a caller should answer `InvalidClientTokenId` when one is present.
    pub security_token: Option<String>,
}

impl ParsedAuth {
    /// The credential scope, `YYYYMMDD/region/service/aws4_request`.
    pub fn scope(&self) -> String {
        format!("{}/{}/{}/{SCOPE_TERMINATOR}", self.scope_date, self.region, self.service)
    }

    /// The request time in the SigV4 `YYYYMMDD'T'HHMMSS'Z'` form used in the string to sign.
    pub fn amz_date(&self) -> String {
        format_amz_date(self.request_time)
    }
}

// Hand-written so a session token (a credential) never reaches a log through `{:?}`.
impl fmt::Debug for ParsedAuth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParsedAuth")
            .field("access_key_id", &self.access_key_id)
            .field("scope", &self.scope())
            .field("signed_headers", &self.signed_headers)
            .field("signature", &self.signature)
            .field("request_time", &self.amz_date())
            .field("location", &self.location)
            .field("security_token", &self.security_token.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// Why a request is not authenticated. [`code`](Self::code), [`http_status`](Self::http_status) and
/// [`message`](Self::message) are what AWS IAM answers in the same situation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SigV4Error {
    /// Neither an `Authorization` header nor presigned query parameters.
    MissingAuthenticationToken,
    /// The signature information is malformed or incomplete; the message says what is wrong.
    IncompleteSignature(String),
    /// The access key is unknown or inactive, or a session token was sent. Not produced here: the caller decides
    /// after looking the key up, and uses this variant so every authentication answer renders the same way.
    InvalidClientTokenId,
    /// The recomputed signature differs from the one sent.
    SignatureDoesNotMatch,
    /// The credential scope names the wrong service, date or terminator; AWS reports these as signature mismatches.
    InvalidCredentialScope(String),
    /// `x-amz-content-sha256` does not match the body actually received.
    PayloadHashMismatch,
    /// The request was signed more than [`MAX_CLOCK_SKEW`] before `now`.
    SignatureExpired {
        /// The client's signing time.
        request_time: DateTime<Utc>,
        /// The server time.
        now: DateTime<Utc>,
    },
    /// The request was signed more than [`MAX_CLOCK_SKEW`] after `now` (the client clock runs fast).
    SignatureNotYetCurrent {
        /// The client's signing time.
        request_time: DateTime<Utc>,
        /// The server time.
        now: DateTime<Utc>,
    },
    /// A presigned URL used after its `X-Amz-Expires` lifetime.
    PresignedUrlExpired {
        /// The client's signing time.
        request_time: DateTime<Utc>,
        /// The `X-Amz-Expires` value.
        expires_in: u32,
        /// The server time.
        now: DateTime<Utc>,
    },
}

impl SigV4Error {
    /// The AWS error code. Clock problems are `SignatureDoesNotMatch` because that is what IAM answers (the
    /// `RequestExpired` code belongs to EC2-style services): "An error occurred (SignatureDoesNotMatch) when calling
    /// the ListUsers operation: Signature expired: …".
    pub fn code(&self) -> &'static str {
        match self {
            Self::MissingAuthenticationToken => "MissingAuthenticationToken",
            Self::IncompleteSignature(_) => "IncompleteSignature",
            Self::InvalidClientTokenId => "InvalidClientTokenId",
            Self::SignatureDoesNotMatch
            | Self::InvalidCredentialScope(_)
            | Self::PayloadHashMismatch
            | Self::SignatureExpired { .. }
            | Self::SignatureNotYetCurrent { .. }
            | Self::PresignedUrlExpired { .. } => "SignatureDoesNotMatch",
        }
    }

    /// The HTTP status AWS sends with [`code`](Self::code): 400 for a malformed signature, 403 otherwise.
    pub fn http_status(&self) -> u16 {
        match self {
            Self::IncompleteSignature(_) => 400,
            _ => 403,
        }
    }

    /// The human message, worded as AWS words it so existing runbooks and searches still apply.
    pub fn message(&self) -> String {
        match self {
            Self::MissingAuthenticationToken => "Request is missing Authentication Token".to_owned(),
            Self::IncompleteSignature(message) | Self::InvalidCredentialScope(message) => message.clone(),
            Self::InvalidClientTokenId => "The security token included in the request is invalid.".to_owned(),
            Self::SignatureDoesNotMatch => SIGNATURE_DOES_NOT_MATCH.to_owned(),
            Self::PayloadHashMismatch => {
                "The provided 'x-amz-content-sha256' header does not match what was computed.".to_owned()
            }
            Self::SignatureExpired { request_time, now } => format!(
                "Signature expired: {} is now earlier than {} ({} - 15 min.)",
                format_amz_date(*request_time),
                format_optional(now.checked_sub_signed(MAX_CLOCK_SKEW)),
                format_amz_date(*now),
            ),
            Self::SignatureNotYetCurrent { request_time, now } => format!(
                "Signature not yet current: {} is still later than {} ({} + 15 min.)",
                format_amz_date(*request_time),
                format_optional(now.checked_add_signed(MAX_CLOCK_SKEW)),
                format_amz_date(*now),
            ),
            Self::PresignedUrlExpired { request_time, expires_in, now } => format!(
                "Signature expired: {} is now earlier than {} ({} + {expires_in} sec.)",
                format_optional(request_time.checked_add_signed(TimeDelta::seconds(i64::from(*expires_in)))),
                format_amz_date(*now),
                format_amz_date(*request_time),
            ),
        }
    }
}

impl fmt::Display for SigV4Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code(), self.message())
    }
}

impl std::error::Error for SigV4Error {}

/// Step 1: reads the signature information of an IAM request, without any secret.
///
/// Checks the shape only: algorithm, credential `AKID/YYYYMMDD/region/iam/aws4_request`, the scope date against the
/// request date, `host` among the signed headers. Whether the key exists is the caller's question; whether the
/// signature is right is [`verify`]'s.
pub fn parse(req: &SignedRequest<'_>) -> Result<ParsedAuth, SigV4Error> {
    parse_for_service(req, IAM_SERVICE)
}

/// Step 2: checks the request time against `now` and the signature against `secret_access_key`.
///
/// `now` comes from the caller's clock (never read here) so tests and the clock-skew rules stay deterministic.
/// A presigned URL must satisfy both its own `X-Amz-Expires` and the ±15-minute window: AWS STS is reported to cap
/// presigned Query-API URLs at 15 minutes whatever `X-Amz-Expires` says (only S3 honours longer lifetimes).
pub fn verify(
    req: &SignedRequest<'_>,
    auth: &ParsedAuth,
    secret_access_key: &str,
    now: DateTime<Utc>,
) -> Result<(), SigV4Error> {
    check_time(auth, now)?;
    let signing_time = to_system_time(auth.request_time).ok_or(SigV4Error::SignatureDoesNotMatch)?;
    let signing_key =
        aws_sigv4::sign::v4::generate_signing_key(secret_access_key, signing_time, &auth.region, &auth.service);
    // Every candidate is tried, without stopping at the first match, so timing says nothing about which one matched.
    let mut matched = Choice::from(0);
    for payload_hash in payload_hashes(req, auth)? {
        let canonical = canonical_request_with(req, auth, &payload_hash)?;
        let expected =
            aws_sigv4::sign::v4::calculate_signature(signing_key.as_ref(), string_to_sign(auth, &canonical).as_bytes());
        matched |= expected.as_bytes().ct_eq(auth.signature.as_bytes());
    }
    if bool::from(matched) {
        Ok(())
    } else {
        Err(SigV4Error::SignatureDoesNotMatch)
    }
}

/// The canonical request the client should have signed, for diagnostics (a debug log on a mismatch shows a client
/// author what differs). For a presigned URL with an empty body this is the body-hash form; [`verify`] also accepts
/// the `UNSIGNED-PAYLOAD` form.
pub fn canonical_request(req: &SignedRequest<'_>, auth: &ParsedAuth) -> Result<String, SigV4Error> {
    let payload_hash = payload_hashes(req, auth)?.into_iter().next().ok_or(SigV4Error::SignatureDoesNotMatch)?;
    canonical_request_with(req, auth, &payload_hash)
}

/// The string to sign: algorithm, request time, credential scope and the hex SHA-256 of the canonical request.
pub fn string_to_sign(auth: &ParsedAuth, canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{}\n{}\n{}",
        auth.amz_date(),
        auth.scope(),
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    )
}

// ---------------------------------------------------------------------------------------------------------------
// Parsing

/// [`parse`] with the expected service as a parameter, so the AWS test suite (signed for service `service`) runs
/// through exactly the production code.
fn parse_for_service(req: &SignedRequest<'_>, expected_service: &str) -> Result<ParsedAuth, SigV4Error> {
    let header = single_header(req.headers, http::header::AUTHORIZATION.as_str())?;
    let presigned = [X_AMZ_ALGORITHM, X_AMZ_CREDENTIAL, X_AMZ_SIGNATURE]
        .iter()
        .any(|name| query_pairs(req.query).any(|(key, _)| percent_decode(key) == name.as_bytes()));
    match (header, presigned) {
        (None, false) => Err(SigV4Error::MissingAuthenticationToken),
        // Two signatures could disagree about what is signed; AWS refuses the ambiguity too.
        (Some(_), true) => Err(incomplete(
            "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter or the Authorization header \
             should be specified",
        )),
        (Some(value), false) => parse_header_auth(req, value, expected_service),
        (None, true) => parse_query_auth(req, expected_service),
    }
}

fn parse_header_auth(req: &SignedRequest<'_>, value: &str, expected_service: &str) -> Result<ParsedAuth, SigV4Error> {
    let trimmed = value.trim();
    let (algorithm, rest) = trimmed.split_once(' ').unwrap_or((trimmed, ""));
    if algorithm != ALGORITHM {
        return Err(incomplete(format!(
            "Unsupported AWS 'algorithm': '{algorithm}'; only '{ALGORITHM}' is accepted. Authorization={value}"
        )));
    }
    let (mut credential, mut signed_headers, mut signature) = (None, None, None);
    for part in rest.split(',').map(str::trim).filter(|part| !part.is_empty()) {
        let Some((key, item)) = part.split_once('=') else {
            return Err(incomplete(format!(
                "'{part}' not a valid key=value pair (missing equal-sign) in Authorization header: '{value}'."
            )));
        };
        let slot = match key.trim() {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed_headers,
            "Signature" => &mut signature,
            other => {
                return Err(incomplete(format!("'{other}' is not a valid Authorization header parameter: '{value}'.")))
            }
        };
        if slot.is_some() {
            return Err(incomplete(format!("Authorization header has '{}' more than once: '{value}'.", key.trim())));
        }
        *slot = Some(item.trim()).filter(|item| !item.is_empty());
    }
    let date = match single_header(req.headers, "x-amz-date")? {
        Some(date) => Some((date, false)),
        None => single_header(req.headers, "date")?.map(|date| (date, true)),
    };

    // AWS lists everything that is missing at once, then echoes the header.
    let mut missing = Vec::new();
    if credential.is_none() {
        missing.push("Authorization header requires 'Credential' parameter.");
    }
    if signature.is_none() {
        missing.push("Authorization header requires 'Signature' parameter.");
    }
    if signed_headers.is_none() {
        missing.push("Authorization header requires 'SignedHeaders' parameter.");
    }
    if date.is_none() {
        missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    let (Some(credential), Some(signature), Some(signed_headers), Some((date, is_http_date_header))) =
        (credential, signature, signed_headers, date)
    else {
        return Err(incomplete(format!("{} Authorization={value}", missing.join(" "))));
    };

    let security_token = single_header(req.headers, "x-amz-security-token")?.map(str::to_owned);
    finish(
        Fields { credential, signed_headers, signature, date, date_may_be_http_date: is_http_date_header },
        SignatureLocation::Header,
        security_token,
        expected_service,
    )
}

fn parse_query_auth(req: &SignedRequest<'_>, expected_service: &str) -> Result<ParsedAuth, SigV4Error> {
    // An empty value is as good as a missing one, and reported the same way.
    let param = |name| single_query_param(req.query, name).map(|value| value.filter(|value| !value.is_empty()));
    let algorithm = param(X_AMZ_ALGORITHM)?;
    let credential = param(X_AMZ_CREDENTIAL)?;
    let signature = param(X_AMZ_SIGNATURE)?;
    let date = param(X_AMZ_DATE)?;
    let signed_headers = param(X_AMZ_SIGNED_HEADERS)?;
    let expires = param(X_AMZ_EXPIRES)?;
    let security_token = param(X_AMZ_SECURITY_TOKEN)?;

    let required = [
        (X_AMZ_ALGORITHM, algorithm.is_some()),
        (X_AMZ_CREDENTIAL, credential.is_some()),
        (X_AMZ_SIGNATURE, signature.is_some()),
        (X_AMZ_DATE, date.is_some()),
        (X_AMZ_SIGNED_HEADERS, signed_headers.is_some()),
        (X_AMZ_EXPIRES, expires.is_some()),
    ];
    let (Some(algorithm), Some(credential), Some(signature), Some(date), Some(signed_headers), Some(expires)) =
        (algorithm, credential, signature, date, signed_headers, expires)
    else {
        let missing: Vec<String> =
            required.iter().filter(|(_, present)| !present).map(|(name, _)| format!("'{name}'")).collect();
        return Err(incomplete(format!(
            "AWS query-string parameters must include {}. Re-examine the query-string parameters.",
            missing.join(", ")
        )));
    };
    if algorithm != ALGORITHM {
        return Err(incomplete(format!("X-Amz-Algorithm only supports \"{ALGORITHM}\", got \"{algorithm}\"")));
    }
    let expires_in = match expires.parse::<u32>() {
        Ok(seconds) if (1..=MAX_PRESIGNED_EXPIRES).contains(&seconds) => seconds,
        Ok(_) => {
            return Err(incomplete(format!(
                "X-Amz-Expires must be between 1 and {MAX_PRESIGNED_EXPIRES} seconds (a week), got '{expires}'"
            )))
        }
        Err(_) => return Err(incomplete(format!("X-Amz-Expires should be a number, got '{expires}'"))),
    };
    finish(
        Fields {
            credential: &credential,
            signed_headers: &signed_headers,
            signature: &signature,
            date: &date,
            date_may_be_http_date: false,
        },
        SignatureLocation::Query { expires_in },
        security_token,
        expected_service,
    )
}

/// The raw signature fields, wherever they came from.
struct Fields<'a> {
    credential: &'a str,
    signed_headers: &'a str,
    signature: &'a str,
    date: &'a str,
    /// Only the `Date` header may use the HTTP date format; `X-Amz-Date` is always ISO 8601 basic.
    date_may_be_http_date: bool,
}

fn finish(
    fields: Fields<'_>,
    location: SignatureLocation,
    security_token: Option<String>,
    expected_service: &str,
) -> Result<ParsedAuth, SigV4Error> {
    let parts: Vec<&str> = fields.credential.split('/').collect();
    let [access_key_id, scope_date, region, service, terminator] = parts.as_slice() else {
        return Err(incomplete(format!(
            "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '{}'",
            fields.credential
        )));
    };
    let request_time = parse_request_time(fields.date, fields.date_may_be_http_date)?;
    if *terminator != SCOPE_TERMINATOR {
        return Err(SigV4Error::InvalidCredentialScope(format!(
            "Credential should be scoped with a valid terminator: '{SCOPE_TERMINATOR}', not '{terminator}'."
        )));
    }
    if *service != expected_service {
        return Err(SigV4Error::InvalidCredentialScope(format!(
            "Credential should be scoped to correct service: '{expected_service}'. "
        )));
    }
    if region.is_empty() {
        return Err(SigV4Error::InvalidCredentialScope(
            "Credential should be scoped to a valid region, not ''. ".to_owned(),
        ));
    }
    // The signing key is derived from the scope date while the string to sign carries the request time; a client
    // whose two dates disagree computed something AWS would never accept.
    let request_date = request_time.format("%Y%m%d").to_string();
    if *scope_date != request_date {
        return Err(SigV4Error::InvalidCredentialScope(format!(
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: \
             '{scope_date}' != '{request_date}', from '{}'.",
            format_amz_date(request_time)
        )));
    }
    Ok(ParsedAuth {
        access_key_id: (*access_key_id).to_owned(),
        scope_date: (*scope_date).to_owned(),
        region: (*region).to_owned(),
        service: (*service).to_owned(),
        signed_headers: parse_signed_headers(fields.signed_headers)?,
        signature: fields.signature.to_owned(),
        request_time,
        location,
        security_token,
    })
}

/// Lower-cased, sorted and de-duplicated, because that is the form every signer writes into the canonical request;
/// requires `host` so a signature can't be replayed against another endpoint.
fn parse_signed_headers(list: &str) -> Result<Vec<String>, SigV4Error> {
    let mut names = Vec::new();
    for name in list.split(';') {
        let name = name.trim().to_ascii_lowercase();
        if HeaderName::from_bytes(name.as_bytes()).is_err() {
            return Err(incomplete(format!(
                "SignedHeaders must be a ';'-separated list of header names, got '{list}'"
            )));
        }
        names.push(name);
    }
    names.sort();
    names.dedup();
    if !names.iter().any(|name| name == "host") {
        return Err(incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."));
    }
    Ok(names)
}

/// Parses `YYYYMMDD'T'HHMMSS'Z'` strictly (the string to sign repeats it, so only one spelling may be valid), or,
/// for the `Date` header, an HTTP date.
fn parse_request_time(value: &str, may_be_http_date: bool) -> Result<DateTime<Utc>, SigV4Error> {
    if let Some(time) = parse_amz_date(value) {
        return Ok(time);
    }
    if may_be_http_date {
        if let Ok(time) = DateTime::parse_from_rfc2822(value) {
            let time = time.with_timezone(&Utc);
            // Only a time the string to sign can spell: an HTTP date may say `10:30:60` (a leap second), which would
            // be signed as `…T103060Z`, a request time no `X-Amz-Date` can carry (found by fuzzing, `sigv4_parse`).
            if parse_amz_date(&format_amz_date(time)) == Some(time) {
                return Ok(time);
            }
        }
    }
    Err(incomplete(format!(
        "Date must be in ISO-8601 'basic format'. Got '{value}'. See http://en.wikipedia.org/wiki/ISO_8601"
    )))
}

fn parse_amz_date(value: &str) -> Option<DateTime<Utc>> {
    let bytes = value.as_bytes();
    let shape_ok = bytes.len() == 16
        && bytes[8] == b'T'
        && bytes[15] == b'Z'
        && bytes.iter().enumerate().all(|(i, b)| matches!(i, 8 | 15) || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let number = |range: std::ops::Range<usize>| value.get(range)?.parse::<u32>().ok();
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(4..6)?, number(6..8)?)?
        .and_hms_opt(number(9..11)?, number(11..13)?, number(13..15)?)
        .map(|time| time.and_utc())
}

// ---------------------------------------------------------------------------------------------------------------
// Time

fn check_time(auth: &ParsedAuth, now: DateTime<Utc>) -> Result<(), SigV4Error> {
    let request_time = auth.request_time;
    // An overflowing bound (a `now` near the end of time) fails closed.
    let latest = now.checked_add_signed(MAX_CLOCK_SKEW);
    if latest.is_none_or(|latest| request_time > latest) {
        return Err(SigV4Error::SignatureNotYetCurrent { request_time, now });
    }
    let earliest = now.checked_sub_signed(MAX_CLOCK_SKEW);
    if earliest.is_none_or(|earliest| request_time < earliest) {
        return Err(SigV4Error::SignatureExpired { request_time, now });
    }
    if let SignatureLocation::Query { expires_in } = auth.location {
        let expiry = request_time.checked_add_signed(TimeDelta::seconds(i64::from(expires_in)));
        if expiry.is_none_or(|expiry| now > expiry) {
            return Err(SigV4Error::PresignedUrlExpired { request_time, expires_in, now });
        }
    }
    Ok(())
}

/// `aws-sigv4` takes the signing date as a `SystemTime`; this is a conversion of the parsed request time, not a
/// clock read.
pub(crate) fn to_system_time(time: DateTime<Utc>) -> Option<SystemTime> {
    let seconds = time.timestamp();
    match u64::try_from(seconds) {
        Ok(after) => SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(after)),
        Err(_) => SystemTime::UNIX_EPOCH.checked_sub(Duration::from_secs(seconds.unsigned_abs())),
    }
}

fn format_amz_date(time: DateTime<Utc>) -> String {
    time.format("%Y%m%dT%H%M%SZ").to_string()
}

fn format_optional(time: Option<DateTime<Utc>>) -> String {
    time.map_or_else(|| "?".to_owned(), format_amz_date)
}

// ---------------------------------------------------------------------------------------------------------------
// Canonical request

fn canonical_request_with(
    req: &SignedRequest<'_>,
    auth: &ParsedAuth,
    payload_hash: &str,
) -> Result<String, SigV4Error> {
    let mut out = String::with_capacity(256 + req.query.len());
    out.push_str(req.method);
    out.push('\n');
    out.push_str(&canonical_uri(req.path));
    out.push('\n');
    out.push_str(&canonical_query(req.query, auth.location));
    out.push('\n');
    for name in &auth.signed_headers {
        out.push_str(name);
        out.push(':');
        out.push_str(&canonical_header_value(req, name)?);
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&auth.signed_headers.join(";"));
    out.push('\n');
    out.push_str(payload_hash);
    Ok(out)
}

/// Non-S3 services normalise the path (dot segments and empty segments removed) and URI-encode the raw, already
/// encoded path once more, so `%3D` on the wire is `%253D` here — what botocore and the Rust SDK sign.
fn canonical_uri(raw_path: &str) -> String {
    uri_encode(normalize_path(raw_path).as_bytes(), true)
}

/// RFC 3986 §5.2.4 dot-segment removal plus the collapsing of empty segments AWS requires, keeping a trailing slash.
fn normalize_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let mut normalized = format!("/{}", segments.join("/"));
    let trailing_slash = ["/", "/.", "/./", "/..", "/../"].iter().any(|end| path.ends_with(end));
    if trailing_slash && !normalized.ends_with('/') {
        normalized.push('/');
    }
    normalized
}

/// Each parameter is decoded and re-encoded strictly (so `%7e`, `~` and `%7E` agree), then sorted by encoded key and
/// value. `+` is a literal plus (RFC 3986), as botocore encodes it; AWS signers never send `+` for a space.
fn canonical_query(raw_query: &str, location: SignatureLocation) -> String {
    let presigned = matches!(location, SignatureLocation::Query { .. });
    let mut pairs: Vec<(String, String)> = query_pairs(raw_query)
        .map(|(key, value)| (percent_decode(key), percent_decode(value)))
        // The signature can't sign itself.
        .filter(|(key, _)| !(presigned && key.as_slice() == X_AMZ_SIGNATURE.as_bytes()))
        .map(|(key, value)| (uri_encode(&key, false), uri_encode(&value, false)))
        .collect();
    pairs.sort();
    pairs.iter().map(|(key, value)| format!("{key}={value}")).collect::<Vec<_>>().join("&")
}

/// All values of a header, trimmed with inner runs of spaces collapsed, joined with commas in arrival order.
fn canonical_header_value(req: &SignedRequest<'_>, name: &str) -> Result<String, SigV4Error> {
    let mut values = Vec::new();
    for value in req.headers.get_all(name) {
        // Standard signers only sign UTF-8 header values; anything else can't have been signed by one.
        let value = std::str::from_utf8(value.as_bytes()).map_err(|_| SigV4Error::SignatureDoesNotMatch)?;
        values.push(trim_all(value));
    }
    if values.is_empty() && name == "host" {
        if let Some(authority) = req.authority {
            values.push(trim_all(authority));
        }
    }
    Ok(values.join(","))
}

/// Spaces only, as the SigV4 specification and the SDK signers do; other whitespace is part of the value.
fn trim_all(value: &str) -> String {
    value.split(' ').filter(|part| !part.is_empty()).collect::<Vec<_>>().join(" ")
}

/// The payload hashes a legitimate client may have signed, usually exactly one.
///
/// A declared `x-amz-content-sha256` is what the client put in its canonical request, so it is used as written, but
/// only after checking it against the body, or the body would go unauthenticated. `UNSIGNED-PAYLOAD` is likewise
/// accepted only for an empty body: the presigned URLs of some SDKs use it, botocore hashes the empty body instead.
fn payload_hashes(req: &SignedRequest<'_>, auth: &ParsedAuth) -> Result<Vec<String>, SigV4Error> {
    let body_hash = hex::encode(Sha256::digest(req.body));
    if let Some(declared) = single_header(req.headers, "x-amz-content-sha256")? {
        let matches_body =
            declared.eq_ignore_ascii_case(&body_hash) || (declared == UNSIGNED_PAYLOAD && req.body.is_empty());
        return if matches_body { Ok(vec![declared.to_owned()]) } else { Err(SigV4Error::PayloadHashMismatch) };
    }
    let mut hashes = vec![body_hash];
    if matches!(auth.location, SignatureLocation::Query { .. }) && req.body.is_empty() {
        hashes.push(UNSIGNED_PAYLOAD.to_owned());
    }
    Ok(hashes)
}

// ---------------------------------------------------------------------------------------------------------------
// Encoding helpers

/// The raw `key=value` pairs of a query string; a pair without `=` has an empty value, empty pairs are skipped.
fn query_pairs(query: &str) -> impl Iterator<Item = (&str, &str)> {
    query.split('&').filter(|pair| !pair.is_empty()).map(|pair| pair.split_once('=').unwrap_or((pair, "")))
}

/// Percent-decoding to bytes; a `%` not followed by two hex digits stays a literal `%`, as lenient servers treat it.
fn percent_decode(input: &str) -> Vec<u8> {
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let (Some(high), Some(low)) =
                (bytes.get(i + 1).and_then(hex_value), bytes.get(i + 2).and_then(hex_value))
            {
                out.push(high << 4 | low);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

fn hex_value(byte: &u8) -> Option<u8> {
    char::from(*byte).to_digit(16).and_then(|digit| u8::try_from(digit).ok())
}

/// SigV4's URI encoding: everything but the RFC 3986 unreserved characters (and `/` in paths) as upper-case `%XX`.
fn uri_encode(bytes: &[u8], keep_slash: bool) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for &byte in bytes {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') || (keep_slash && byte == b'/') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn single_header<'h>(headers: &'h HeaderMap, name: &str) -> Result<Option<&'h str>, SigV4Error> {
    let mut values = headers.get_all(name).iter();
    let Some(first) = values.next() else {
        return Ok(None);
    };
    if values.next().is_some() {
        return Err(incomplete(format!("The '{name}' header may appear only once.")));
    }
    first.to_str().map(Some).map_err(|_| incomplete(format!("The '{name}' header must be printable ASCII.")))
}

fn single_query_param(query: &str, name: &str) -> Result<Option<String>, SigV4Error> {
    let mut found = None;
    for (key, value) in query_pairs(query) {
        if percent_decode(key) != name.as_bytes() {
            continue;
        }
        if found.is_some() {
            return Err(incomplete(format!("The '{name}' query parameter may appear only once.")));
        }
        let value = String::from_utf8(percent_decode(value))
            .map_err(|_| incomplete(format!("The '{name}' query parameter must be UTF-8.")))?;
        found = Some(value);
    }
    Ok(found)
}

fn incomplete(message: impl Into<String>) -> SigV4Error {
    SigV4Error::IncompleteSignature(message.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    const EXAMPLE_SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    /// A request as it arrives on the wire, owning what [`SignedRequest`] borrows (the fuzz harness's type; the
    /// constructors below read the AWS test suite's files and botocore's printouts).
    use crate::harness::WireRequest as Wire;

    impl Wire {
        /// Reads the test suite's `*-signed-request.txt`: request line, `Name:value` headers, blank line, body.
        fn parse(text: &str) -> Wire {
            let (head, body) = text.split_once("\n\n").unwrap_or((text, ""));
            let mut lines = head.lines();
            let request_line = lines.next().unwrap();
            let (method, rest) = request_line.split_once(' ').unwrap();
            // `double-url-encode` omits the protocol version.
            let target = rest.strip_suffix(" HTTP/1.1").unwrap_or(rest);
            let (path, query) = target.split_once('?').unwrap_or((target, ""));
            let mut headers = HeaderMap::new();
            for line in lines {
                let (name, value) = line.split_once(':').unwrap();
                // Kept untrimmed: trimming is the canonicaliser's job and the trim vectors test it.
                headers.append(HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(value).unwrap());
            }
            Wire {
                method: method.to_owned(),
                path: path.to_owned(),
                query: query.to_owned(),
                headers,
                body: body.as_bytes().to_vec(),
                authority: None,
            }
        }

        /// A request from a URL (`http://host:port/path?query`) as botocore printed it.
        fn from_url(method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> Wire {
            let rest = url.split_once("://").unwrap().1;
            let (host, target) = rest.split_at(rest.find('/').unwrap());
            let (path, query) = target.split_once('?').unwrap_or((target, ""));
            let mut map = HeaderMap::new();
            map.append("host", HeaderValue::from_str(host).unwrap());
            // Sent but never signed by botocore; present so the verifier must ignore them.
            map.append("user-agent", HeaderValue::from_static("Botocore/1.43.11 ua/2.1"));
            map.append("content-length", HeaderValue::from(body.len()));
            for (name, value) in headers {
                map.append(HeaderName::from_bytes(name.as_bytes()).unwrap(), HeaderValue::from_str(value).unwrap());
            }
            Wire {
                method: method.to_owned(),
                path: path.to_owned(),
                query: query.to_owned(),
                headers: map,
                body: body.as_bytes().to_vec(),
                authority: None,
            }
        }

        fn set_header(&mut self, name: &'static str, value: &str) {
            self.headers.insert(name, HeaderValue::from_str(value).unwrap());
        }
    }

    fn time(amz_date: &str) -> DateTime<Utc> {
        parse_amz_date(amz_date).unwrap()
    }

    fn flip_last_char(text: &str) -> String {
        let mut out = text.to_owned();
        let last = out.pop().unwrap();
        out.push(if last == '0' { '1' } else { '0' });
        out
    }

    // -----------------------------------------------------------------------------------------------------------
    // AWS's SigV4 test suite

    struct Variant {
        canonical_request: &'static str,
        string_to_sign: &'static str,
        signed_request: &'static str,
    }

    struct Vector {
        name: &'static str,
        context: &'static str,
        header: Variant,
        /// `None` where the presigned form exercises a feature IAM clients don't use (see the list below).
        query: Option<Variant>,
    }

    macro_rules! variant {
        ($name:literal, $kind:literal) => {
            Variant {
                canonical_request: include_str!(concat!(
                    "../tests/sigv4_vectors/",
                    $name,
                    "/",
                    $kind,
                    "-canonical-request.txt"
                )),
                string_to_sign: include_str!(concat!(
                    "../tests/sigv4_vectors/",
                    $name,
                    "/",
                    $kind,
                    "-string-to-sign.txt"
                )),
                signed_request: include_str!(concat!(
                    "../tests/sigv4_vectors/",
                    $name,
                    "/",
                    $kind,
                    "-signed-request.txt"
                )),
            }
        };
    }

    macro_rules! vector {
        ($name:literal) => {
            Vector {
                name: $name,
                context: include_str!(concat!("../tests/sigv4_vectors/", $name, "/context.json")),
                header: variant!($name, "header"),
                query: Some(variant!($name, "query")),
            }
        };
        ($name:literal, header_only) => {
            Vector {
                name: $name,
                context: include_str!(concat!("../tests/sigv4_vectors/", $name, "/context.json")),
                header: variant!($name, "header"),
                query: None,
            }
        };
    }

    /// Every `normalize: true` case of the suite. Left out, because IAM never receives them:
    /// - the seven `*-unnormalized` cases (`normalize: false`): S3's un-normalised paths; IAM paths are normalised;
    /// - `get-header-value-multiline`: obsolete header line folding, which HTTP/1.1 forbids and hyper rejects, so
    ///   such a request never reaches the verifier (and `HeaderValue` can't hold a newline);
    /// - the query form of `post-sts-header-after`: a session token appended *after* presigning (an IoT-style mode);
    ///   botocore and the SDKs sign the token, which `post-sts-header-before` covers;
    /// - everything under `v4a/`: SigV4a (ECDSA, multi-region) is not something IAM accepts.
    fn vectors() -> Vec<Vector> {
        vec![
            vector!("get-header-key-duplicate"),
            vector!("get-header-value-order"),
            vector!("get-header-value-trim"),
            vector!("get-relative-normalized"),
            vector!("get-relative-relative-normalized"),
            vector!("get-slash-dot-slash-normalized"),
            vector!("get-slash-normalized"),
            vector!("get-slash-pointless-dot-normalized"),
            vector!("get-slashes-normalized"),
            vector!("get-space-normalized"),
            vector!("get-unreserved"),
            vector!("get-utf8"),
            vector!("get-vanilla"),
            vector!("get-vanilla-empty-query-key"),
            vector!("get-vanilla-query"),
            vector!("get-vanilla-query-order-encoded"),
            vector!("get-vanilla-query-order-key-case"),
            vector!("get-vanilla-query-unreserved"),
            vector!("get-vanilla-utf8-query"),
            vector!("get-vanilla-with-session-token"),
            vector!("post-header-key-case"),
            vector!("post-header-key-sort"),
            vector!("post-header-value-case"),
            vector!("post-sts-header-after", header_only),
            vector!("post-sts-header-before"),
            vector!("post-vanilla"),
            vector!("post-vanilla-empty-query-value"),
            vector!("post-vanilla-query"),
            vector!("post-x-www-form-urlencoded"),
            vector!("post-x-www-form-urlencoded-parameters"),
        ]
    }

    struct Context {
        secret: String,
        access_key_id: String,
        region: String,
        service: String,
        now: DateTime<Utc>,
    }

    fn context(json: &str) -> Context {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(value["normalize"], serde_json::Value::Bool(true), "only normalised cases are expected");
        Context {
            secret: value["credentials"]["secret_access_key"].as_str().unwrap().to_owned(),
            access_key_id: value["credentials"]["access_key_id"].as_str().unwrap().to_owned(),
            region: value["region"].as_str().unwrap().to_owned(),
            service: value["service"].as_str().unwrap().to_owned(),
            now: DateTime::parse_from_rfc3339(value["timestamp"].as_str().unwrap()).unwrap().with_timezone(&Utc),
        }
    }

    /// Checks one signed request of the suite, then that every kind of tampering is caught.
    fn check_variant(name: &str, kind: &str, ctx: &Context, variant: &Variant) {
        let label = format!("{name} ({kind})");
        let wire = Wire::parse(variant.signed_request);
        let auth = parse_for_service(&wire.request(), &ctx.service).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert_eq!(auth.access_key_id, ctx.access_key_id, "{label}");
        assert_eq!(auth.region, ctx.region, "{label}");
        assert_eq!(auth.request_time, ctx.now, "{label}");

        let canonical = canonical_request(&wire.request(), &auth).unwrap();
        assert_eq!(canonical, variant.canonical_request, "{label}: canonical request");
        assert_eq!(string_to_sign(&auth, &canonical), variant.string_to_sign, "{label}: string to sign");
        verify(&wire.request(), &auth, &ctx.secret, ctx.now).unwrap_or_else(|e| panic!("{label}: {e}"));

        // A flipped signature character.
        let mut forged = auth.clone();
        forged.signature = flip_last_char(&auth.signature);
        assert_eq!(verify(&wire.request(), &forged, &ctx.secret, ctx.now), Err(SigV4Error::SignatureDoesNotMatch));
        // The wrong secret.
        let wrong_secret = flip_last_char(&ctx.secret);
        assert_eq!(verify(&wire.request(), &auth, &wrong_secret, ctx.now), Err(SigV4Error::SignatureDoesNotMatch));
        // Another value for every signed header (the date header aside: it also moves the request time).
        for header in auth.signed_headers.iter().filter(|name| *name != "x-amz-date") {
            let mut tampered = wire.clone();
            let old = tampered.headers.get(header.as_str()).unwrap().to_str().unwrap().to_owned();
            tampered.headers.insert(
                HeaderName::from_bytes(header.as_bytes()).unwrap(),
                HeaderValue::from_str(&format!("{old}x")).unwrap(),
            );
            let err = verify(&tampered.request(), &auth, &ctx.secret, ctx.now).unwrap_err();
            assert_eq!(err.code(), "SignatureDoesNotMatch", "{label}: tampered {header}");
        }
        // A changed body (or one added to a bodiless request).
        let mut tampered = wire.clone();
        tampered.body.push(b'x');
        let err = verify(&tampered.request(), &auth, &ctx.secret, ctx.now).unwrap_err();
        assert_eq!(err.code(), "SignatureDoesNotMatch", "{label}: tampered body");
        // A changed path.
        let mut tampered = wire.clone();
        tampered.path.push('x');
        assert_eq!(verify(&tampered.request(), &auth, &ctx.secret, ctx.now), Err(SigV4Error::SignatureDoesNotMatch));
        // An added query parameter.
        let mut tampered = wire.clone();
        tampered.query = if wire.query.is_empty() { "a=b".to_owned() } else { format!("{}&a=b", wire.query) };
        assert_eq!(verify(&tampered.request(), &auth, &ctx.secret, ctx.now), Err(SigV4Error::SignatureDoesNotMatch));
    }

    #[test]
    fn aws_test_suite_vectors_canonicalise_and_verify() {
        let mut checked = 0;
        for vector in vectors() {
            let ctx = context(vector.context);
            check_variant(vector.name, "header", &ctx, &vector.header);
            checked += 1;
            if let Some(query) = &vector.query {
                check_variant(vector.name, "query", &ctx, query);
                checked += 1;
            }
        }
        assert_eq!(checked, 59);
    }

    #[test]
    fn aws_test_suite_session_token_is_reported() {
        let wire = Wire::parse(include_str!(
            "../tests/sigv4_vectors/get-vanilla-with-session-token/header-signed-request.txt"
        ));
        let auth = parse_for_service(&wire.request(), "service").unwrap();
        assert_eq!(
            auth.security_token.as_deref(),
            Some("6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267")
        );
        assert!(!format!("{auth:?}").contains("6e86291e"), "the token must not reach Debug output");
        let wire = Wire::parse(include_str!("../tests/sigv4_vectors/post-sts-header-before/query-signed-request.txt"));
        let auth = parse_for_service(&wire.request(), "service").unwrap();
        assert!(auth.security_token.unwrap().starts_with("AQoDYXdzEPT//////////wEXAMPLE"));
    }

    #[test]
    fn aws_test_suite_vectors_are_not_iam_requests() {
        // Signed for service `service`: the production entry point refuses them before any crypto.
        let wire = Wire::parse(include_str!("../tests/sigv4_vectors/get-vanilla/header-signed-request.txt"));
        let err = parse(&wire.request()).unwrap_err();
        assert_eq!(
            err,
            SigV4Error::InvalidCredentialScope("Credential should be scoped to correct service: 'iam'. ".into())
        );
        assert_eq!((err.code(), err.http_status()), ("SignatureDoesNotMatch", 403));
    }

    #[test]
    fn double_encoded_path_vector_verifies() {
        // No context.json in the suite: aws-sigv4's own test signs it with `Credentials::for_tests()` at this time.
        // Its canonical-request file was recorded at another date, so only the path line is compared.
        let wire = Wire::parse(include_str!("../tests/sigv4_vectors/double-encode-path/header-signed-request.txt"));
        let auth = parse_for_service(&wire.request(), "service").unwrap();
        let canonical = canonical_request(&wire.request(), &auth).unwrap();
        let expected = include_str!("../tests/sigv4_vectors/double-encode-path/header-canonical-request.txt");
        assert_eq!(canonical.lines().nth(1), expected.lines().nth(1));
        assert_eq!(canonical.lines().nth(1), Some("/test/%40connections/JBDvjfGEIAMCERw%253D"));
        verify(&wire.request(), &auth, "notrealrnrELgWzOk3IfjzDKtFBhDby", time("20150830T123600Z")).unwrap();
    }

    #[test]
    fn double_url_encode_vector_canonicalises() {
        // A Lambda request whose path holds `%3A`: the canonical path encodes the `%` again.
        let wire = Wire::parse(include_str!("../tests/sigv4_vectors/double-url-encode/header-signed-request.txt"));
        let auth = parse_for_service(&wire.request(), "lambda").unwrap();
        assert_eq!(auth.region, "us-east-2");
        let canonical = canonical_request(&wire.request(), &auth).unwrap();
        assert_eq!(canonical, include_str!("../tests/sigv4_vectors/double-url-encode/header-canonical-request.txt"));
        assert_eq!(
            string_to_sign(&auth, &canonical),
            include_str!("../tests/sigv4_vectors/double-url-encode/header-string-to-sign.txt").trim_end()
        );
        verify(&wire.request(), &auth, EXAMPLE_SECRET, time("20210511T154045Z")).unwrap();
    }

    // -----------------------------------------------------------------------------------------------------------
    // Requests signed by botocore 1.43.11 (what `aws iam …` and boto3 send), from tests/sigv4_vectors/botocore_gen.py

    const BOTO_KEY: &str = "AKIAIOSFODNN7EXAMPLE";
    const BOTO_SECRET: &str = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    const BOTO_TIME: &str = "20261129T103000Z";
    const FORM: &str = "application/x-www-form-urlencoded; charset=utf-8";
    const LIST_USERS: &str = "Action=ListUsers&Version=2010-05-08";
    const CREATE_USER: &str = "Action=CreateUser&Version=2010-05-08&Path=%2Fapp%2F&UserName=alice%2Bbob%3D%C3%BC";

    fn boto_post(url: &str, region: &str, body: &str, signature: &str) -> Wire {
        let authorization = format!(
            "AWS4-HMAC-SHA256 Credential={BOTO_KEY}/20261129/{region}/iam/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, Signature={signature}"
        );
        Wire::from_url(
            "POST",
            url,
            &[("content-type", FORM), ("x-amz-date", BOTO_TIME), ("authorization", &authorization)],
            body,
        )
    }

    fn boto_requests() -> Vec<(&'static str, Wire)> {
        vec![
            (
                "us-east-1",
                boto_post(
                    "http://localhost:8080/",
                    "us-east-1",
                    LIST_USERS,
                    "6323b57f9285d6b8c4c2b5875f2a7b9dd1cef9e5cd234472abeac98fa42a37c0",
                ),
            ),
            (
                "us-east-1",
                boto_post(
                    "http://localhost:8080/",
                    "us-east-1",
                    CREATE_USER,
                    "f06f08454cb8438a6c69b5aa4c0b6af13b6b8b671ec31e5b969cb98f32489461",
                ),
            ),
            (
                "us-east-1",
                // botocore presigns with the operation's method, POST, and an empty body.
                Wire::from_url(
                    "POST",
                    "http://localhost:8080/?Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fapp%2F%20x\
                     &X-Amz-Algorithm=AWS4-HMAC-SHA256\
                     &X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261129%2Fus-east-1%2Fiam%2Faws4_request\
                     &X-Amz-Date=20261129T103000Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host\
                     &X-Amz-Signature=ec727bf95543c7e2e50f508e8a067face22291703b8dc830bdc2f55d4de8a4e1",
                    &[],
                    "",
                ),
            ),
            (
                "eu-west-1",
                boto_post(
                    "https://iam.example.test:8443/",
                    "eu-west-1",
                    LIST_USERS,
                    "ddfe1c5afd477d41739aaea61bddef06a6f58bfdbf8196a7875fbc041b61bf9d",
                ),
            ),
            (
                "eu-west-1",
                boto_post(
                    "https://iam.example.test:8443/",
                    "eu-west-1",
                    CREATE_USER,
                    "1f4e73d9e04381caf49adbd7c03903b3d8b5510889c6dca82c879c89e132b357",
                ),
            ),
            (
                "eu-west-1",
                // botocore presigns with the operation's method, POST, and an empty body.
                Wire::from_url(
                    "POST",
                    "https://iam.example.test:8443/?Action=ListUsers&Version=2010-05-08&PathPrefix=%2Fapp%2F%20x\
                     &X-Amz-Algorithm=AWS4-HMAC-SHA256\
                     &X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261129%2Feu-west-1%2Fiam%2Faws4_request\
                     &X-Amz-Date=20261129T103000Z&X-Amz-Expires=3600&X-Amz-SignedHeaders=host\
                     &X-Amz-Signature=128b2d3bf4fa093f8b1fc2c6490b4f13d87f104f662715d94693d33d708351e5",
                    &[],
                    "",
                ),
            ),
        ]
    }

    #[test]
    fn botocore_signed_requests_verify() {
        let now = time(BOTO_TIME);
        for (region, wire) in boto_requests() {
            let auth = parse(&wire.request()).unwrap();
            assert_eq!(auth.access_key_id, BOTO_KEY);
            assert_eq!(auth.region, region);
            assert_eq!(auth.service, "iam");
            assert_eq!(auth.security_token, None);
            verify(&wire.request(), &auth, BOTO_SECRET, now)
                .unwrap_or_else(|e| panic!("{}?{}: {e}", wire.path, wire.query));
            // Any instant inside the window works too.
            verify(&wire.request(), &auth, BOTO_SECRET, now + TimeDelta::seconds(59)).unwrap();
            verify(&wire.request(), &auth, BOTO_SECRET, now - MAX_CLOCK_SKEW).unwrap();
            assert_eq!(
                verify(&wire.request(), &auth, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEz", now),
                Err(SigV4Error::SignatureDoesNotMatch)
            );
        }
    }

    #[test]
    fn botocore_request_with_a_changed_parameter_fails() {
        let (_, mut wire) = boto_requests().swap_remove(1);
        wire.body = CREATE_USER.replace("alice", "mallory").into_bytes();
        let auth = parse(&wire.request()).unwrap();
        assert_eq!(
            verify(&wire.request(), &auth, BOTO_SECRET, time(BOTO_TIME)),
            Err(SigV4Error::SignatureDoesNotMatch)
        );

        let (_, mut wire) = boto_requests().swap_remove(2);
        wire.query = wire.query.replace("ListUsers", "ListGroups");
        let auth = parse(&wire.request()).unwrap();
        assert_eq!(
            verify(&wire.request(), &auth, BOTO_SECRET, time(BOTO_TIME)),
            Err(SigV4Error::SignatureDoesNotMatch)
        );
    }

    #[test]
    fn http2_authority_stands_in_for_a_missing_host_header() {
        let (_, mut wire) = boto_requests().swap_remove(0);
        wire.headers.remove("host");
        let auth = parse(&wire.request()).unwrap();
        assert_eq!(
            verify(&wire.request(), &auth, BOTO_SECRET, time(BOTO_TIME)),
            Err(SigV4Error::SignatureDoesNotMatch)
        );
        wire.authority = Some("localhost:8080".to_owned());
        verify(&wire.request(), &auth, BOTO_SECRET, time(BOTO_TIME)).unwrap();
    }

    // -----------------------------------------------------------------------------------------------------------
    // Time

    #[test]
    fn expired_and_future_requests_get_aws_messages() {
        let (_, wire) = boto_requests().swap_remove(0);
        let auth = parse(&wire.request()).unwrap();
        let late = time("20261129T104500Z") + TimeDelta::seconds(1);
        let err = verify(&wire.request(), &auth, BOTO_SECRET, late).unwrap_err();
        assert_eq!(err, SigV4Error::SignatureExpired { request_time: time(BOTO_TIME), now: late });
        assert_eq!(
            err.message(),
            "Signature expired: 20261129T103000Z is now earlier than 20261129T103001Z (20261129T104501Z - 15 min.)"
        );
        assert_eq!((err.code(), err.http_status()), ("SignatureDoesNotMatch", 403));

        let early = time("20261129T101500Z") - TimeDelta::seconds(1);
        let err = verify(&wire.request(), &auth, BOTO_SECRET, early).unwrap_err();
        assert_eq!(
            err.message(),
            "Signature not yet current: 20261129T103000Z is still later than 20261129T102959Z (20261129T101459Z + 15 min.)"
        );
        assert_eq!(err.code(), "SignatureDoesNotMatch");
    }

    #[test]
    fn expired_message_matches_the_aws_example() {
        let err =
            SigV4Error::SignatureExpired { request_time: time("20261129T100000Z"), now: time("20261129T103000Z") };
        assert_eq!(
            err.to_string(),
            "SignatureDoesNotMatch: Signature expired: 20261129T100000Z is now earlier than 20261129T101500Z \
             (20261129T103000Z - 15 min.)"
        );
    }

    #[test]
    fn presigned_urls_honour_x_amz_expires_and_the_15_minute_cap() {
        let now = time(BOTO_TIME);
        // X-Amz-Expires=60.
        let (_, short) = boto_requests().swap_remove(2);
        let auth = parse(&short.request()).unwrap();
        assert_eq!(auth.location, SignatureLocation::Query { expires_in: 60 });
        verify(&short.request(), &auth, BOTO_SECRET, now + TimeDelta::seconds(60)).unwrap();
        let err = verify(&short.request(), &auth, BOTO_SECRET, now + TimeDelta::seconds(61)).unwrap_err();
        assert_eq!(
            err,
            SigV4Error::PresignedUrlExpired { request_time: now, expires_in: 60, now: now + TimeDelta::seconds(61) }
        );
        assert_eq!(
            err.message(),
            "Signature expired: 20261129T103100Z is now earlier than 20261129T103101Z (20261129T103000Z + 60 sec.)"
        );
        // X-Amz-Expires=3600 still ends after 15 minutes, as with AWS IAM and STS.
        let (_, long) = boto_requests().swap_remove(5);
        let auth = parse(&long.request()).unwrap();
        verify(&long.request(), &auth, BOTO_SECRET, now + MAX_CLOCK_SKEW).unwrap();
        let err =
            verify(&long.request(), &auth, BOTO_SECRET, now + MAX_CLOCK_SKEW + TimeDelta::seconds(1)).unwrap_err();
        assert!(matches!(err, SigV4Error::SignatureExpired { .. }), "{err:?}");
    }

    // -----------------------------------------------------------------------------------------------------------
    // Parsing errors

    /// A minimal IAM request with the given Authorization header and date.
    fn with_authorization(authorization: &str) -> Wire {
        Wire::from_url(
            "POST",
            "http://localhost:8080/",
            &[("content-type", FORM), ("x-amz-date", BOTO_TIME), ("authorization", authorization)],
            LIST_USERS,
        )
    }

    fn parse_err(wire: &Wire) -> SigV4Error {
        parse(&wire.request()).unwrap_err()
    }

    #[test]
    fn no_signature_at_all_is_missing_authentication_token() {
        let wire = Wire::from_url("POST", "http://localhost:8080/", &[("content-type", FORM)], LIST_USERS);
        let err = parse_err(&wire);
        assert_eq!(err, SigV4Error::MissingAuthenticationToken);
        assert_eq!((err.code(), err.http_status()), ("MissingAuthenticationToken", 403));
        assert_eq!(err.message(), "Request is missing Authentication Token");
    }

    #[test]
    fn incomplete_authorization_headers_list_what_is_missing() {
        let header = "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20261129/us-east-1/iam/aws4_request";
        let mut wire = with_authorization(header);
        wire.headers.remove("x-amz-date");
        let err = parse_err(&wire);
        assert_eq!((err.code(), err.http_status()), ("IncompleteSignature", 400));
        assert_eq!(
            err.message(),
            format!(
                "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' \
                 parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. \
                 Authorization={header}"
            )
        );
    }

    #[test]
    fn malformed_authorization_headers_are_incomplete_signatures() {
        let cases = [
            "AWS4-HMAC-SHA256",
            "AWS AKIAIOSFODNN7EXAMPLE:c2lnbmF0dXJl",
            "AWS4-ECDSA-P256-SHA256 Credential=AKID/20261129/iam/aws4_request, SignedHeaders=host, Signature=00",
            "AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/iam, SignedHeaders=host, Signature=00",
            "AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/iam/aws4_request, SignedHeaders=x-amz-date, Signature=00",
            "AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/iam/aws4_request, SignedHeaders=host;;x, Signature=00",
            "AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/iam/aws4_request, SignedHeaders, Signature=00",
            "AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00, Signature=01",
            "AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00, Extra=1",
        ];
        for header in cases {
            let err = parse_err(&with_authorization(header));
            assert_eq!(err.code(), "IncompleteSignature", "{header}: {err:?}");
            assert_eq!(err.http_status(), 400);
        }
        let err = parse_err(&with_authorization(cases[3]));
        assert_eq!(
            err.message(),
            "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got \
             'AKID/20261129/us-east-1/iam'"
        );
        let err = parse_err(&with_authorization(cases[4]));
        assert_eq!(err.message(), "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
    }

    #[test]
    fn wrong_credential_scope_is_a_signature_mismatch() {
        let scope = |credential: &str| {
            format!(
                "AWS4-HMAC-SHA256 Credential={credential}, SignedHeaders=content-type;host;x-amz-date, Signature=00"
            )
        };
        let err = parse_err(&with_authorization(&scope("AKID/20261129/us-east-1/sts/aws4_request")));
        assert_eq!(err.message(), "Credential should be scoped to correct service: 'iam'. ");
        assert_eq!((err.code(), err.http_status()), ("SignatureDoesNotMatch", 403));

        let err = parse_err(&with_authorization(&scope("AKID/20261128/us-east-1/iam/aws4_request")));
        assert_eq!(
            err.message(),
            "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20261128' != \
             '20261129', from '20261129T103000Z'."
        );
        assert_eq!(err.code(), "SignatureDoesNotMatch");

        let err = parse_err(&with_authorization(&scope("AKID/20261129/us-east-1/iam/aws5_request")));
        assert_eq!(err.code(), "SignatureDoesNotMatch");

        // Any region is fine: the region only feeds the key derivation.
        let wire = with_authorization(&scope("AKID/20261129/ap-southeast-2/iam/aws4_request"));
        let auth = parse(&wire.request()).unwrap();
        assert_eq!(auth.region, "ap-southeast-2");
        assert_eq!(auth.scope(), "20261129/ap-southeast-2/iam/aws4_request");
    }

    #[test]
    fn signed_headers_are_normalised() {
        let header = "AWS4-HMAC-SHA256  Credential=AKID/20261129/us-east-1/iam/aws4_request ,SignedHeaders=X-Amz-Date;Host;host,Signature=ab";
        let auth = parse(&with_authorization(header).request()).unwrap();
        assert_eq!(auth.signed_headers, ["host", "x-amz-date"]);
        assert_eq!(auth.signature, "ab");
        assert_eq!(auth.location, SignatureLocation::Header);
    }

    #[test]
    fn request_time_comes_from_x_amz_date_or_the_date_header() {
        let header = "AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/iam/aws4_request, SignedHeaders=host;date, Signature=00";
        let mut wire = with_authorization(header);
        wire.headers.remove("x-amz-date");
        wire.set_header("date", "20261129T101112Z");
        assert_eq!(parse(&wire.request()).unwrap().request_time, time("20261129T101112Z"));
        wire.set_header("date", "Sun, 29 Nov 2026 10:11:12 GMT");
        assert_eq!(parse(&wire.request()).unwrap().request_time, time("20261129T101112Z"));
        // A leap second is a valid HTTP date but no valid request time: its `X-Amz-Date` spelling, `…T103060Z`, is
        // refused (found by fuzzing: the parsed time did not round-trip through the string to sign's format).
        wire.set_header("date", "Sun, 29 Nov 2026 10:30:60 GMT");
        let err = parse_err(&wire);
        assert_eq!(err.code(), "IncompleteSignature");
        assert!(err.message().starts_with("Date must be in ISO-8601 'basic format'."), "{err}");
        wire.set_header("date", "Sun, 29 Nov 2026 10:11:12 GMT");
        // X-Amz-Date wins when both are present.
        wire.set_header("x-amz-date", "20261129T090000Z");
        let auth = parse(&wire.request()).unwrap();
        assert_eq!(auth.amz_date(), "20261129T090000Z");

        for bad in
            ["2026-11-29T10:30:00Z", "20261129T103000", "20261329T103000Z", "20261129T250000Z", "+0261129T103000Z"]
        {
            wire.set_header("x-amz-date", bad);
            let err = parse_err(&wire);
            assert_eq!(err.code(), "IncompleteSignature", "{bad}");
            assert!(err.message().starts_with("Date must be in ISO-8601 'basic format'."), "{bad}");
        }
    }

    #[test]
    fn both_header_and_query_signatures_are_refused() {
        let (_, mut wire) = boto_requests().swap_remove(2);
        wire.set_header(
            "authorization",
            "AWS4-HMAC-SHA256 Credential=AKID/20261129/us-east-1/iam/aws4_request, SignedHeaders=host, Signature=00",
        );
        assert_eq!(parse_err(&wire).code(), "IncompleteSignature");
    }

    #[test]
    fn presigned_parameters_are_checked() {
        let (_, wire) = boto_requests().swap_remove(2);
        let without = |name: &str| {
            let mut wire = wire.clone();
            wire.query = wire.query.split('&').filter(|pair| !pair.starts_with(name)).collect::<Vec<_>>().join("&");
            parse_err(&wire)
        };
        assert_eq!(
            without("X-Amz-Date=").message(),
            "AWS query-string parameters must include 'X-Amz-Date'. Re-examine the query-string parameters."
        );
        assert_eq!(without("X-Amz-Expires=").code(), "IncompleteSignature");
        assert_eq!(without("X-Amz-SignedHeaders=").code(), "IncompleteSignature");
        let replaced = |from: &str, to: &str| {
            let mut wire = wire.clone();
            wire.query = wire.query.replace(from, to);
            parse_err(&wire)
        };
        assert_eq!(replaced("X-Amz-Expires=60", "X-Amz-Expires=604801").code(), "IncompleteSignature");
        assert_eq!(replaced("X-Amz-Expires=60", "X-Amz-Expires=0").code(), "IncompleteSignature");
        assert_eq!(replaced("X-Amz-Expires=60", "X-Amz-Expires=soon").code(), "IncompleteSignature");
        assert_eq!(
            replaced("X-Amz-Algorithm=AWS4-HMAC-SHA256", "X-Amz-Algorithm=AWS4-HMAC-SHA512").code(),
            "IncompleteSignature"
        );
        assert_eq!(
            replaced("X-Amz-SignedHeaders=host", "X-Amz-SignedHeaders=x-amz-date").code(),
            "IncompleteSignature"
        );
        assert_eq!(replaced("Action=ListUsers", "X-Amz-Date=20261129T103000Z").code(), "IncompleteSignature");
        // Only the signature's own parameter names count: `Signature=` alone (SigV2) is no SigV4 presigned URL.
        let mut v2 = wire.clone();
        v2.query = "Action=ListUsers&AWSAccessKeyId=AKID&SignatureVersion=2&Signature=abc".to_owned();
        assert_eq!(parse_err(&v2), SigV4Error::MissingAuthenticationToken);
    }

    /// Presigns `wire` (which must not carry auth parameters yet) with the given payload hash, using this module's
    /// canonicalisation and the SDK's crypto: for shapes of request no vector covers.
    fn presign(wire: &mut Wire, payload_hash: &str) {
        let auth_query = "X-Amz-Algorithm=AWS4-HMAC-SHA256\
                          &X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261129%2Fus-east-1%2Fiam%2Faws4_request\
                          &X-Amz-Date=20261129T103000Z&X-Amz-Expires=300&X-Amz-SignedHeaders=host";
        wire.query = if wire.query.is_empty() { auth_query.to_owned() } else { format!("{}&{auth_query}", wire.query) };
        let mut auth = parse(
            &{
                let mut probe = wire.clone();
                probe.query.push_str("&X-Amz-Signature=00");
                probe
            }
            .request(),
        )
        .unwrap();
        auth.signature.clear();
        let canonical = canonical_request_with(&wire.request(), &auth, payload_hash).unwrap();
        let key = aws_sigv4::sign::v4::generate_signing_key(
            BOTO_SECRET,
            to_system_time(auth.request_time).unwrap(),
            &auth.region,
            &auth.service,
        );
        let signature =
            aws_sigv4::sign::v4::calculate_signature(key.as_ref(), string_to_sign(&auth, &canonical).as_bytes());
        wire.query.push_str(&format!("&X-Amz-Signature={signature}"));
    }

    #[test]
    fn presigned_unsigned_payload_is_accepted_only_without_a_body() {
        let mut wire = Wire::from_url("GET", "http://localhost:8080/?Action=ListUsers&Version=2010-05-08", &[], "");
        presign(&mut wire, UNSIGNED_PAYLOAD);
        let auth = parse(&wire.request()).unwrap();
        verify(&wire.request(), &auth, BOTO_SECRET, time(BOTO_TIME)).unwrap();
        // With a body the body must be signed, so `UNSIGNED-PAYLOAD` no longer fits.
        wire.body = b"Action=DeleteUser&UserName=alice".to_vec();
        assert_eq!(
            verify(&wire.request(), &auth, BOTO_SECRET, time(BOTO_TIME)),
            Err(SigV4Error::SignatureDoesNotMatch)
        );
    }

    #[test]
    fn declared_payload_hash_must_match_the_body() {
        let wire =
            Wire::parse(include_str!("../tests/sigv4_vectors/post-x-www-form-urlencoded/header-signed-request.txt"));
        let auth = parse_for_service(&wire.request(), "service").unwrap();
        let now = time("20150830T123600Z");
        verify(&wire.request(), &auth, EXAMPLE_SECRET, now).unwrap();
        let mut tampered = wire.clone();
        tampered.body = b"Param1=value2".to_vec();
        let err = verify(&tampered.request(), &auth, EXAMPLE_SECRET, now).unwrap_err();
        assert_eq!(err, SigV4Error::PayloadHashMismatch);
        assert_eq!((err.code(), err.http_status()), ("SignatureDoesNotMatch", 403));
        let mut unsigned = wire.clone();
        unsigned.set_header("x-amz-content-sha256", UNSIGNED_PAYLOAD);
        assert_eq!(verify(&unsigned.request(), &auth, EXAMPLE_SECRET, now), Err(SigV4Error::PayloadHashMismatch));
    }

    // -----------------------------------------------------------------------------------------------------------
    // Pieces

    #[test]
    fn error_codes_and_statuses_follow_aws() {
        let now = time(BOTO_TIME);
        let table = [
            (SigV4Error::MissingAuthenticationToken, "MissingAuthenticationToken", 403),
            (SigV4Error::IncompleteSignature("x".into()), "IncompleteSignature", 400),
            (SigV4Error::InvalidClientTokenId, "InvalidClientTokenId", 403),
            (SigV4Error::SignatureDoesNotMatch, "SignatureDoesNotMatch", 403),
            (SigV4Error::InvalidCredentialScope("x".into()), "SignatureDoesNotMatch", 403),
            (SigV4Error::PayloadHashMismatch, "SignatureDoesNotMatch", 403),
            (SigV4Error::SignatureExpired { request_time: now, now }, "SignatureDoesNotMatch", 403),
            (SigV4Error::SignatureNotYetCurrent { request_time: now, now }, "SignatureDoesNotMatch", 403),
            (SigV4Error::PresignedUrlExpired { request_time: now, expires_in: 1, now }, "SignatureDoesNotMatch", 403),
        ];
        for (err, code, status) in table {
            assert_eq!((err.code(), err.http_status()), (code, status), "{err:?}");
        }
        assert_eq!(
            SigV4Error::SignatureDoesNotMatch.message(),
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret \
             Access Key and signing method. Consult the service documentation for details."
        );
        assert_eq!(
            SigV4Error::InvalidClientTokenId.message(),
            "The security token included in the request is invalid."
        );
    }

    #[test]
    fn path_normalisation_follows_rfc_3986() {
        for (raw, expected) in [
            ("", "/"),
            ("/", "/"),
            ("//", "/"),
            ("/a/./b/../c", "/a/c"),
            ("/a/b/.", "/a/b/"),
            ("/a/b/..", "/a/"),
            ("/../a", "/a"),
            ("a/b", "/a/b"),
            ("/a%20b/%3D", "/a%2520b/%253D"),
        ] {
            assert_eq!(canonical_uri(raw), expected, "{raw:?}");
        }
    }

    #[test]
    fn query_canonicalisation_sorts_encoded_pairs() {
        let header = SignatureLocation::Header;
        assert_eq!(canonical_query("", header), "");
        assert_eq!(canonical_query("b=2&a=1&a=0", header), "a=0&a=1&b=2");
        assert_eq!(canonical_query("flag&x=", header), "flag=&x=");
        assert_eq!(canonical_query("k=%7e~%7E&sp=a%20b&plus=a+b", header), "k=~~~&plus=a%2Bb&sp=a%20b");
        assert_eq!(canonical_query("bad=%zz%4", header), "bad=%25zz%254");
        assert_eq!(canonical_query("X-Amz-Signature=1&a=b", SignatureLocation::Query { expires_in: 1 }), "a=b");
        assert_eq!(canonical_query("X-Amz-Signature=1&a=b", header), "X-Amz-Signature=1&a=b");
    }

    #[test]
    fn header_values_are_trimmed_and_collapsed() {
        assert_eq!(trim_all("  a   b  c "), "a b c");
        assert_eq!(trim_all("a\tb"), "a\tb");
        assert_eq!(trim_all(""), "");
    }
}
