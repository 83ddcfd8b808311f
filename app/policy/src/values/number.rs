//! Numbers in `Numeric*` conditions: integers and decimals, compared as `f64`.

/// Parses `-12`, `3.5`, `+7`, `1e3`. Rejects what `f64::from_str` would also take but no policy means: `inf`, `NaN`,
/// hex, empty strings, surrounding spaces.
pub fn parse_number(text: &str) -> Option<f64> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let starts_with_digit = unsigned.bytes().next().is_some_and(|b| b.is_ascii_digit());
    let plain = unsigned
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'));
    if !starts_with_digit || !plain {
        return None;
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(parse_number("10"), Some(10.0));
        assert_eq!(parse_number("-2.5"), Some(-2.5));
        assert_eq!(parse_number("+7"), Some(7.0));
        assert_eq!(parse_number("1e3"), Some(1000.0));
        for bad in ["", "inf", "NaN", " 1", "0x10", "1,5", ".5", "1e999", "ten"] {
            assert_eq!(parse_number(bad), None, "{bad}");
        }
    }
}
