//! Pretty-printing that keeps the document as written.
//!
//! The editor's "Format" button must not change what a policy means or how its author spelled it: strings and numbers
//! are copied from the source text byte for byte (escapes, `1.50`, `\u00e9` stay), keys keep their order and
//! duplicates stay (validation reports them). Only whitespace between tokens changes.

use super::{parse, JsonError, JsonKind, JsonValue};

/// Two spaces per level, as AWS's console and the IAM User Guide print policies.
const INDENT: &str = "  ";

/// The document re-indented, or the syntax error that prevents it.
pub fn pretty(text: &str) -> Result<String, JsonError> {
    let value = parse(text)?;
    let mut out = String::with_capacity(text.len() + text.len() / 4);
    write_value(text, &value, 0, &mut out);
    out.push('\n');
    Ok(out)
}

fn write_value(text: &str, value: &JsonValue, depth: usize, out: &mut String) {
    match &value.kind {
        JsonKind::Array(items) if items.is_empty() => out.push_str("[]"),
        JsonKind::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                separator(i, depth + 1, out);
                write_value(text, item, depth + 1, out);
            }
            newline(depth, out);
            out.push(']');
        }
        JsonKind::Object(members) if members.is_empty() => out.push_str("{}"),
        JsonKind::Object(members) => {
            out.push('{');
            for (i, member) in members.iter().enumerate() {
                separator(i, depth + 1, out);
                out.push_str(member.key_span.slice(text).unwrap_or("\"\""));
                out.push_str(": ");
                write_value(text, &member.value, depth + 1, out);
            }
            newline(depth, out);
            out.push('}');
        }
        // Scalars as written: the span covers a string's quotes and escapes, a number's digits.
        _ => out.push_str(value.span.slice(text).unwrap_or_default()),
    }
}

fn separator(index: usize, depth: usize, out: &mut String) {
    if index > 0 {
        out.push(',');
    }
    newline(depth, out);
}

fn newline(depth: usize, out: &mut String) {
    out.push('\n');
    for _ in 0..depth {
        out.push_str(INDENT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reindents_without_changing_tokens() {
        let text = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:Get*"],"Resource":"*","Condition":{"NumericLessThan":{"s3:max-keys":1.50}}}],"Empty":[],"None":{}}"#;
        let expected = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": [
        "s3:Get*"
      ],
      "Resource": "*",
      "Condition": {
        "NumericLessThan": {
          "s3:max-keys": 1.50
        }
      }
    }
  ],
  "Empty": [],
  "None": {}
}
"#;
        assert_eq!(pretty(text).unwrap(), expected);
        // Formatting twice changes nothing more.
        assert_eq!(pretty(expected).unwrap(), expected);
    }

    #[test]
    fn keeps_escapes_non_ascii_and_duplicate_keys() {
        let text = "{\"Sid\":\"caf\\u00e9 é \\\"q\\\"\",\"Sid\":true,\"N\":null}";
        assert_eq!(
            pretty(text).unwrap(),
            "{\n  \"Sid\": \"caf\\u00e9 é \\\"q\\\"\",\n  \"Sid\": true,\n  \"N\": null\n}\n"
        );
    }

    #[test]
    fn a_syntax_error_is_returned_not_formatted() {
        assert!(pretty(r#"{"Version": "2012-10-17",}"#).is_err());
        assert!(pretty("").is_err());
    }
}
