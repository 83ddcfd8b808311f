#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;
use crate::span::Span;

fn err(text: &str) -> JsonError {
    parse(text).expect_err("should not parse")
}

fn at(text: &str, error: &JsonError) -> String {
    error.span.slice(text).unwrap().to_owned()
}

#[test]
fn reads_every_kind_of_value_with_spans() {
    let text = r#"{"a": [1, -2.5e3, true, false, null, "x\"y"], "b": {}}"#;
    let value = parse(text).unwrap();
    let members = value.as_object().unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(members[0].key, "a");
    assert_eq!(members[0].key_span.slice(text), Some("\"a\""));
    let JsonKind::Array(items) = &members[0].value.kind else {
        panic!()
    };
    assert_eq!(items[0].kind, JsonKind::Number("1".into()));
    assert_eq!(items[1].kind, JsonKind::Number("-2.5e3".into()));
    assert_eq!(items[1].span.slice(text), Some("-2.5e3"));
    assert_eq!(items[2].kind, JsonKind::Bool(true));
    assert_eq!(items[4].kind, JsonKind::Null);
    assert_eq!(items[5].kind, JsonKind::String("x\"y".into()));
    assert_eq!(items[5].span.slice(text), Some(r#""x\"y""#));
    assert_eq!(value.span, Span::new(0, text.len() as u32));
}

#[test]
fn decodes_escapes_and_surrogate_pairs() {
    let value = parse(r#""\u00e9\uD83E\uDD80\n\t\/\\""#).unwrap();
    assert_eq!(value.as_str(), Some("é🦀\n\t/\\"));
}

#[test]
fn keeps_duplicate_keys_in_order() {
    let value = parse(r#"{"Effect": "Allow", "Effect": "Deny"}"#).unwrap();
    let members = value.as_object().unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(members[1].value.as_str(), Some("Deny"));
}

#[test]
fn reports_a_trailing_comma_at_the_closing_brace() {
    let text = "{\"a\": 1,\n}";
    let e = err(text);
    assert_eq!(at(text, &e), "}");
    assert!(e.help.unwrap().contains("trailing comma"));
}

#[test]
fn reports_a_missing_comma_between_members() {
    let text = r#"{"a": 1 "b": 2}"#;
    let e = err(text);
    assert_eq!(
        e.message,
        "unexpected `\"` after an object member, expected `,` or `}`"
    );
    assert_eq!(e.span, Span::new(8, 9));
    assert_eq!(e.help.as_deref(), Some("add a `,` between the members"));
}

#[test]
fn reports_unterminated_string_from_its_opening_quote() {
    let text = r#"{"a": "abc"#;
    let e = err(text);
    assert_eq!(e.message, "unterminated string");
    assert_eq!(at(text, &e), "\"abc");
}

#[test]
fn reports_single_quotes_and_bare_words() {
    let e = err("{'a': 1}");
    assert!(e.help.unwrap().contains("double quotes"));
    let text = r#"{"a": True}"#;
    let e = err(text);
    assert_eq!(e.message, "expected a value, found `True`");
    assert_eq!(at(text, &e), "True");
    assert_eq!(
        e.help.as_deref(),
        Some("json literals are lowercase: `true`")
    );
    let e = err(r#"{"a": Allow}"#);
    assert_eq!(
        e.help.as_deref(),
        Some("strings must be in double quotes: `\"Allow\"`")
    );
}

#[test]
fn reports_bad_escapes_and_lone_surrogates() {
    let text = r#""a\x""#;
    let e = err(text);
    assert_eq!(e.message, "invalid escape `\\x` in a string");
    assert_eq!(at(text, &e), "\\x");
    let e = err(r#""\uD83E""#);
    assert!(e.message.starts_with("unpaired surrogate `\\uD83E`"));
    let e = err(r#""\uDD80""#);
    assert!(e.message.starts_with("unpaired surrogate"));
    let e = err(r#""\u12G4""#);
    assert_eq!(e.message, "invalid unicode escape `\\u12G4`");
    let e = err(r#""\u12"#);
    assert!(e.message.starts_with("invalid unicode escape"));
}

#[test]
fn rejects_raw_control_characters_in_strings() {
    let e = err("\"a\nb\"");
    assert_eq!(
        e.message,
        "control character `\\n` is not allowed in a string"
    );
    assert_eq!(e.span, Span::new(2, 3));
}

#[test]
fn rejects_malformed_numbers() {
    assert!(err("01").message.contains("leading zeros"));
    assert!(err("1.").message.contains("expected a digit"));
    assert!(err("1e").message.contains("exponent"));
    assert!(err("-").message.contains("expected a digit"));
    assert!(err("+1").message.contains("expected a value"));
}

#[test]
fn rejects_trailing_content_and_comments() {
    let text = "{} {}";
    let e = err(text);
    assert_eq!(e.span, Span::new(3, 4));
    assert!(err("{} // x").message.contains("comments"));
}

#[test]
fn reports_end_of_input_with_an_empty_span_at_the_end() {
    let text = "{\"a\": [1, 2";
    let e = err(text);
    assert_eq!(
        e.message,
        "unexpected end of input after an array element, expected `,` or `]`"
    );
    assert_eq!(e.span, Span::new(text.len() as u32, text.len() as u32));
    assert_eq!(err("").message, "expected a value, found end of input");
    assert_eq!(err("   ").message, "expected a value, found end of input");
}

#[test]
fn positions_after_non_ascii_text_are_exact_bytes() {
    let text = "{\"Sid\": \"café🦀\" x}";
    let e = err(text);
    assert_eq!(at(text, &e), "x");
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
    assert!(parse(&ok).is_ok());
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = err(&deep);
    assert!(e.message.contains("deeper than 64"));
    assert_eq!(e.span, Span::new(MAX_DEPTH as u32, MAX_DEPTH as u32 + 1));
    let objects = "{\"a\":".repeat(1000);
    assert!(err(&objects).message.contains("deeper"));
}

#[test]
fn ignores_a_leading_byte_order_mark() {
    let value = parse("\u{feff}{}").unwrap();
    assert_eq!(value.span, Span::new(3, 5));
}

#[test]
fn mismatched_brackets_get_a_hint() {
    let e = err(r#"{"a": 1]"#);
    assert!(e.help.unwrap().contains("close it with `}`"));
    let e = err("[1}");
    assert!(e.help.unwrap().contains("close it with `]`"));
}
