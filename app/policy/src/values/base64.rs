//! `BinaryEquals` values are base64 text; they are compared as text, so only the shape is checked.

/// Standard base64 with padding: groups of four from `A–Z a–z 0–9 + /`, `=` only at the end.
pub fn is_base64(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.is_empty() || !bytes.len().is_multiple_of(4) {
        return false;
    }
    let padding = bytes.iter().rev().take_while(|&&b| b == b'=').count();
    if padding > 2 {
        return false;
    }
    let body = &bytes[..bytes.len() - padding];
    body.iter()
        .all(|&b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert!(is_base64("QmluYXJ5VmFsdWVJbkJhc2U2NA=="));
        assert!(is_base64("YWJj"));
        assert!(!is_base64("YWJ"));
        assert!(!is_base64("YW=j"));
        assert!(!is_base64("===="));
        assert!(!is_base64(""));
    }
}
