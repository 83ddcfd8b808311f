//! Virtual MFA devices: RFC 6238 TOTP with SHA-1, 6 digits and 30-second steps, the only profile AWS (and every
//! authenticator app) supports. Seeds, the `otpauth://` URI and its QR code are made here; so is verification, which
//! never reads the clock (callers pass `now_unix`) so that tests and the simulator can pin time.
//!
//! Replay protection: every successful verification returns the time step it consumed; the caller stores it as the
//! device's last used step and passes it back next time, and no step at or before it is ever accepted again.

use std::fmt;

use rand::RngCore;
use subtle::ConstantTimeEq;
use totp_rs::{Algorithm, TOTP};

/// Length of a TOTP step in seconds (RFC 6238's default, and what AWS uses).
pub const STEP_SECONDS: i64 = 30;
/// Digits in a code.
pub const DIGITS: usize = 6;
/// Seed length in bytes: 160 bits, the HMAC-SHA-1 output size RFC 4226 recommends and the length AWS generates.
pub const SEED_LEN: usize = 20;
/// How far back enabling or resyncing looks for the pair of codes: 20 steps (10 minutes). Resync exists precisely
/// because a device's clock has drifted, and guessing two consecutive codes is still a 1-in-10^12 chance per step,
/// so a wide window costs nothing in security. Forward, the second code may be one step ahead of the server.
pub const PAIR_LOOKBACK_STEPS: i64 = 20;
/// Steps either side of now accepted at sign-in: one, to absorb small clock skew and the time spent typing.
pub const SIGN_IN_SKEW_STEPS: i64 = 1;

/// A TOTP shared secret. Kept out of `Debug` output so it never reaches logs.
#[derive(Clone)]
pub struct TotpSeed(Vec<u8>);

impl TotpSeed {
    /// A fresh seed of [`SEED_LEN`] bytes from the thread-local CSPRNG (ChaCha, seeded and reseeded from the OS).
    pub fn generate() -> Self {
        let mut bytes = vec![0u8; SEED_LEN];
        rand::rng().fill_bytes(&mut bytes);
        Self(bytes)
    }

    /// Wraps stored seed bytes (after decryption); no length check, since a seed is whatever was issued.
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        Self(bytes)
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// RFC 4648 base32 without padding: what AWS returns as `Base32StringSeed` and what people type into an app.
    pub fn to_base32(&self) -> String {
        totp(self, 1, None, String::new()).get_secret_base32()
    }
}

impl fmt::Debug for TotpSeed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("TotpSeed(<redacted>)")
    }
}

/// Why a code was refused. AWS reports all of these as `InvalidAuthenticationCode`; the messages say which.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TotpError {
    #[error("the authentication code `{code}` must be exactly 6 digits")]
    Malformed { code: String },
    #[error(
        "the authentication code `{code}` is not valid; check that the device's clock is right and try the current code"
    )]
    Wrong { code: String },
    #[error(
        "the authentication codes `{first}` and `{second}` are not two consecutive codes from this device; \
         enter one code, wait for the next to appear, then enter that one"
    )]
    WrongPair { first: String, second: String },
    #[error("the authentication code `{code}` was already used; wait for the next one")]
    Reused { code: String },
}

/// The RFC 6238 time step containing `now_unix`. Floor division, so times before 1970 land in negative steps
/// (which never match) rather than rounding towards step 0.
pub fn time_step(now_unix: i64) -> i64 {
    now_unix.div_euclid(STEP_SECONDS)
}

/// The 6-digit code for a time step, or `None` for a step before the epoch (RFC 6238's counter is unsigned).
pub fn code_at(seed: &TotpSeed, step: i64) -> Option<String> {
    let counter = u64::try_from(step).ok()?;
    // totp-rs takes seconds and divides by its own step; with a one-second step its input is the counter itself, so
    // we never multiply back to seconds (which could overflow for absurd steps).
    Some(totp(seed, 1, None, String::new()).generate(counter))
}

/// The `otpauth://totp/<issuer>:<label>?secret=…&issuer=…` URI an authenticator app scans. SHA-1, 6 digits and 30 s
/// are the defaults of the Key URI format, so they are left implicit, as AWS does. The key URI format forbids ':'
/// inside the issuer and the label (it separates them), so any is replaced by '-'; totp-rs percent-encodes the rest.
pub fn otpauth_uri(seed: &TotpSeed, issuer: &str, account_label: &str) -> String {
    let issuer = issuer.replace(':', "-");
    let issuer = (!issuer.is_empty()).then_some(issuer);
    totp(seed, STEP_SECONDS.unsigned_abs(), issuer, account_label.replace(':', "-")).get_url()
}

/// An SVG QR code of `uri`, at least 200 px square with the standard quiet zone so phone cameras lock on quickly.
pub fn qr_svg(uri: &str) -> Result<String, String> {
    use qrcode::render::svg;
    let code = qrcode::QrCode::new(uri.as_bytes()).map_err(|e| format!("cannot make a qr code of the uri: {e}"))?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(200, 200)
        .quiet_zone(true)
        .dark_color(svg::Color("#000"))
        .light_color(svg::Color("#fff"))
        .build())
}

/// Pixels per QR module in the PNG, and the quiet zone in modules (the QR specification asks for four).
const PNG_MODULE_PIXELS: usize = 6;
const PNG_QUIET_MODULES: usize = 4;

/// The QR code as a greyscale PNG: what AWS's `CreateVirtualMFADevice` returns as `QRCodePNG`, for clients that
/// show it as an image.
pub fn qr_png(uri: &str) -> Result<Vec<u8>, String> {
    let code = qrcode::QrCode::new(uri.as_bytes()).map_err(|e| format!("cannot make a qr code of the uri: {e}"))?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * PNG_QUIET_MODULES) * PNG_MODULE_PIXELS;
    let mut pixels = vec![255u8; side * side];
    for (i, color) in colors.iter().enumerate() {
        if *color != qrcode::Color::Dark {
            continue;
        }
        let (mx, my) = (i % modules + PNG_QUIET_MODULES, i / modules + PNG_QUIET_MODULES);
        for y in my * PNG_MODULE_PIXELS..(my + 1) * PNG_MODULE_PIXELS {
            let row = y * side;
            pixels[row + mx * PNG_MODULE_PIXELS..row + (mx + 1) * PNG_MODULE_PIXELS].fill(0);
        }
    }
    let side_u32 = u32::try_from(side).map_err(|_| "qr code too large".to_owned())?;
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, side_u32, side_u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(|e| format!("png: {e}"))?;
    writer.write_image_data(&pixels).map_err(|e| format!("png: {e}"))?;
    writer.finish().map_err(|e| format!("png: {e}"))?;
    Ok(out)
}

/// Enabling or resyncing a device: `first` and `second` must be the codes of two consecutive steps `t` and `t + 1`,
/// with `t` no more than [`PAIR_LOOKBACK_STEPS`] before now and `t + 1` at most one step ahead, and `t` after
/// `last_used_step`. Returns `t + 1`, the step to record as last used.
pub fn verify_two_consecutive(
    seed: &TotpSeed,
    first: &str,
    second: &str,
    now_unix: i64,
    last_used_step: Option<i64>,
) -> Result<i64, TotpError> {
    check_format(first)?;
    check_format(second)?;
    let now = time_step(now_unix);
    let mut fresh = None;
    let mut stale = false;
    // Scan the whole window without stopping early; keep the latest fresh match so that recording it burns every
    // step a (vanishingly unlikely) duplicate code could be replayed at.
    for t in now.saturating_sub(PAIR_LOOKBACK_STEPS)..=now {
        if matches(seed, first, t) & matches(seed, second, t.saturating_add(1)) {
            if is_used(t, last_used_step) {
                stale = true;
            } else {
                fresh = Some(t.saturating_add(1));
            }
        }
    }
    match fresh {
        Some(step) => Ok(step),
        None if stale => Err(TotpError::Reused { code: first.to_owned() }),
        None => Err(TotpError::WrongPair { first: first.to_owned(), second: second.to_owned() }),
    }
}

/// Signing in: `code` must be the code of the current step or one either side, and that step must be after
/// `last_used_step`. Returns the matched step, to record as last used.
pub fn verify_sign_in(
    seed: &TotpSeed,
    code: &str,
    now_unix: i64,
    last_used_step: Option<i64>,
) -> Result<i64, TotpError> {
    check_format(code)?;
    let now = time_step(now_unix);
    let mut fresh = None;
    let mut stale = false;
    // Latest fresh match wins, as in `verify_two_consecutive`: recording an earlier step would leave a later step
    // with the same code open to a replay within the same minute.
    for step in now.saturating_sub(SIGN_IN_SKEW_STEPS)..=now.saturating_add(SIGN_IN_SKEW_STEPS) {
        if matches(seed, code, step) {
            if is_used(step, last_used_step) {
                stale = true;
            } else {
                fresh = Some(step);
            }
        }
    }
    match fresh {
        Some(step) => Ok(step),
        None if stale => Err(TotpError::Reused { code: code.to_owned() }),
        None => Err(TotpError::Wrong { code: code.to_owned() }),
    }
}

fn totp(seed: &TotpSeed, step_seconds: u64, issuer: Option<String>, account_name: String) -> TOTP {
    // `new_unchecked`: the checked constructor refuses seeds shorter than 128 bits, and a stored seed must keep
    // working whatever its length. Skew 0 because the callers choose the window themselves.
    TOTP::new_unchecked(Algorithm::SHA1, DIGITS, 0, step_seconds, seed.0.clone(), issuer, account_name)
}

fn check_format(code: &str) -> Result<(), TotpError> {
    if code.len() == DIGITS && code.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(());
    }
    // The input is echoed back (rule 6), but cut short so a pasted essay does not become the error message.
    let shown: String = code.chars().take(16).collect();
    let shown = if shown.len() < code.len() { format!("{shown}…") } else { shown };
    Err(TotpError::Malformed { code: shown })
}

/// Constant-time comparison, so response timing says nothing about how many leading digits were right.
fn matches(seed: &TotpSeed, code: &str, step: i64) -> bool {
    code_at(seed, step).is_some_and(|expected| bool::from(expected.as_bytes().ct_eq(code.as_bytes())))
}

fn is_used(step: i64, last_used_step: Option<i64>) -> bool {
    last_used_step.is_some_and(|used| step <= used)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B's SHA-1 seed.
    fn rfc_seed() -> TotpSeed {
        TotpSeed::from_bytes(b"12345678901234567890".to_vec())
    }

    const NOW: i64 = 1_700_000_000;

    fn code(seed: &TotpSeed, step: i64) -> String {
        code_at(seed, step).expect("non-negative step")
    }

    #[test]
    fn rfc_6238_sha1_vectors() {
        let seed = rfc_seed();
        // The RFC's codes are 8 digits; a 6-digit code is the same truncation mod 10^6, i.e. the last six.
        for (time, expected) in [
            (59, "287082"),
            (1_111_111_109, "081804"),
            (1_111_111_111, "050471"),
            (1_234_567_890, "005924"),
            (2_000_000_000, "279037"),
            (20_000_000_000, "353130"),
        ] {
            assert_eq!(code(&seed, time_step(time)), expected, "time {time}");
        }
    }

    #[test]
    fn time_steps_floor() {
        assert_eq!(time_step(0), 0);
        assert_eq!(time_step(29), 0);
        assert_eq!(time_step(30), 1);
        assert_eq!(time_step(59), 1);
        assert_eq!(time_step(-1), -1);
        assert_eq!(code_at(&rfc_seed(), -1), None);
    }

    #[test]
    fn seeds_are_random_base32_and_redacted() {
        let a = TotpSeed::generate();
        let b = TotpSeed::generate();
        assert_eq!(a.as_bytes().len(), SEED_LEN);
        assert_ne!(a.as_bytes(), b.as_bytes());
        assert_eq!(format!("{a:?}"), "TotpSeed(<redacted>)");
        assert_eq!(rfc_seed().to_base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        // No padding even when the length is not a multiple of 5 bytes.
        assert_eq!(TotpSeed::from_bytes(b"a".to_vec()).to_base32(), "ME");
        assert_eq!(a.to_base32().len(), 32);
    }

    #[test]
    fn two_consecutive_codes_enable() {
        let seed = TotpSeed::generate();
        let t = time_step(NOW);
        assert_eq!(verify_two_consecutive(&seed, &code(&seed, t - 1), &code(&seed, t), NOW, None), Ok(t));
        assert_eq!(verify_two_consecutive(&seed, &code(&seed, t), &code(&seed, t + 1), NOW, None), Ok(t + 1));
        // Drifted clock: the oldest pair in the window still resyncs.
        let old = t - PAIR_LOOKBACK_STEPS;
        assert_eq!(verify_two_consecutive(&seed, &code(&seed, old), &code(&seed, old + 1), NOW, None), Ok(old + 1));
    }

    #[test]
    fn two_codes_out_of_order_or_too_old_or_ahead_are_wrong() {
        let seed = rfc_seed();
        let t = time_step(NOW);
        let wrong = |first: String, second: String| {
            let expected = TotpError::WrongPair { first: first.clone(), second: second.clone() };
            assert_eq!(verify_two_consecutive(&seed, &first, &second, NOW, None), Err(expected));
        };
        wrong(code(&seed, t), code(&seed, t - 1));
        wrong(code(&seed, t - 1), code(&seed, t - 1));
        wrong(code(&seed, t - 2), code(&seed, t));
        let too_old = t - PAIR_LOOKBACK_STEPS - 1;
        wrong(code(&seed, too_old), code(&seed, too_old + 1));
        wrong(code(&seed, t + 1), code(&seed, t + 2));
    }

    #[test]
    fn two_consecutive_codes_are_not_reused() {
        let seed = rfc_seed();
        let t = time_step(NOW);
        let (first, second) = (code(&seed, t - 1), code(&seed, t));
        let used = verify_two_consecutive(&seed, &first, &second, NOW, None).expect("accepted");
        assert_eq!(
            verify_two_consecutive(&seed, &first, &second, NOW, Some(used)),
            Err(TotpError::Reused { code: first.clone() })
        );
        // A sign-in with the pair's second code is a reuse too.
        assert_eq!(verify_sign_in(&seed, &second, NOW, Some(used)), Err(TotpError::Reused { code: second }));
    }

    #[test]
    fn sign_in_accepts_one_step_either_side() {
        let seed = rfc_seed();
        let t = time_step(NOW);
        for step in [t - 1, t, t + 1] {
            assert_eq!(verify_sign_in(&seed, &code(&seed, step), NOW, Some(t - 2)), Ok(step));
        }
        for step in [t - 2, t + 2, t - 100] {
            let c = code(&seed, step);
            assert_eq!(verify_sign_in(&seed, &c, NOW, None), Err(TotpError::Wrong { code: c.clone() }));
        }
    }

    #[test]
    fn sign_in_never_accepts_a_code_twice() {
        let seed = rfc_seed();
        let t = time_step(NOW);
        let c = code(&seed, t);
        let used = verify_sign_in(&seed, &c, NOW, None).expect("accepted");
        assert_eq!(used, t);
        assert_eq!(verify_sign_in(&seed, &c, NOW + 10, Some(used)), Err(TotpError::Reused { code: c }));
        // An older code that is still inside the skew window is refused once a later step was used.
        let previous = code(&seed, t - 1);
        assert_eq!(verify_sign_in(&seed, &previous, NOW, Some(used)), Err(TotpError::Reused { code: previous }));
        // The next step's code still works.
        assert_eq!(verify_sign_in(&seed, &code(&seed, t + 1), NOW + 30, Some(used)), Ok(t + 1));
    }

    #[test]
    fn malformed_codes() {
        let seed = rfc_seed();
        for bad in ["", "12345", "1234567", "12345a", " 123456", "12 345", "١٢٣٤٥٦"] {
            assert_eq!(
                verify_sign_in(&seed, bad, NOW, None),
                Err(TotpError::Malformed { code: bad.to_owned() }),
                "{bad:?}"
            );
        }
        let good = code(&seed, time_step(NOW));
        assert!(matches!(
            verify_two_consecutive(&seed, &good, "abcdef", NOW, None),
            Err(TotpError::Malformed { code }) if code == "abcdef"
        ));
        let long = "9".repeat(40);
        assert_eq!(
            verify_sign_in(&seed, &long, NOW, None),
            Err(TotpError::Malformed { code: format!("{}…", "9".repeat(16)) })
        );
    }

    #[test]
    fn messages_follow_the_house_style() {
        assert_eq!(
            TotpError::Reused { code: "123456".into() }.to_string(),
            "the authentication code `123456` was already used; wait for the next one"
        );
        assert_eq!(
            TotpError::Malformed { code: "12a".into() }.to_string(),
            "the authentication code `12a` must be exactly 6 digits"
        );
        for e in [
            TotpError::Wrong { code: "123456".into() },
            TotpError::WrongPair { first: "123456".into(), second: "654321".into() },
        ] {
            let text = e.to_string();
            assert!(text.starts_with("the authentication code"), "{text}");
            assert!(!text.ends_with('.'), "{text}");
        }
    }

    #[test]
    fn otpauth_uri_round_trips() {
        let seed = TotpSeed::generate();
        let uri = otpauth_uri(&seed, "IAM Clone", "alice@123456789012");
        assert!(uri.starts_with("otpauth://totp/IAM%20Clone:alice%40123456789012?secret="), "{uri}");
        let parsed = TOTP::from_url(&uri).expect("parses");
        assert_eq!(parsed.secret, seed.as_bytes());
        assert_eq!(parsed.issuer.as_deref(), Some("IAM Clone"));
        assert_eq!(parsed.account_name, "alice@123456789012");
        assert_eq!(parsed.algorithm, Algorithm::SHA1);
        assert_eq!(parsed.digits, 6);
        assert_eq!(parsed.step, 30);
        assert_eq!(parsed.generate(NOW.unsigned_abs()), code(&seed, time_step(NOW)));
    }

    #[test]
    fn otpauth_uri_sanitizes_colons_and_empty_issuer() {
        let seed = TotpSeed::generate();
        let parsed = TOTP::from_url(otpauth_uri(&seed, "Corp: IAM", "root:acct")).expect("parses");
        assert_eq!(parsed.issuer.as_deref(), Some("Corp- IAM"));
        assert_eq!(parsed.account_name, "root-acct");
        let bare = otpauth_uri(&seed, "", "bob");
        assert!(!bare.contains("issuer="), "{bare}");
        assert_eq!(TOTP::from_url(&bare).expect("parses").account_name, "bob");
    }

    #[test]
    fn qr_png_is_a_png_of_the_right_size() {
        let png = qr_png("otpauth://totp/IAM:dev?secret=JBSWY3DPEHPK3PXP&issuer=IAM").expect("renders");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let info = decoder.read_info().expect("decodes").info().clone();
        assert_eq!(info.width, info.height);
        assert_eq!(info.width as usize % PNG_MODULE_PIXELS, 0);
    }

    #[test]
    fn qr_svg_renders() {
        let uri = otpauth_uri(&TotpSeed::generate(), "IAM Clone", "alice@123456789012");
        let svg = qr_svg(&uri).expect("renders");
        assert!(svg.starts_with("<?xml") || svg.starts_with("<svg"), "{}", &svg[..40]);
        assert!(svg.contains("<path") || svg.contains("<rect"));
        assert!(svg.contains("#000") && svg.contains("#fff"));
        assert!(qr_svg(&"x".repeat(10_000)).is_err());
    }
}
