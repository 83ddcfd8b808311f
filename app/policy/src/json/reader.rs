//! A recursive-descent JSON reader (RFC 8259) that keeps spans.
//!
//! Hand-written rather than serde_json because policies need the position of every key and value for diagnostics, and
//! duplicate keys must survive to be reported. Nesting is limited so a hostile document gets an error, not a stack
//! overflow; nothing here indexes past the input or panics.

use super::error::JsonError;
use super::value::{JsonKind, JsonMember, JsonValue};
use crate::span::Span;

/// Deeper documents are rejected; a policy needs five levels at most.
pub const MAX_DEPTH: usize = 64;

/// Reads one JSON document. A leading byte-order mark is ignored (editors on Windows add one).
pub fn parse(text: &str) -> Result<JsonValue, JsonError> {
    if u32::try_from(text.len()).is_err() {
        return Err(JsonError::new(
            "the document is too large to read",
            Span::default(),
        ));
    }
    let mut reader = Reader {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    if text.starts_with('\u{feff}') {
        reader.pos = '\u{feff}'.len_utf8();
    }
    reader.skip_whitespace()?;
    let value = reader.value(0)?;
    reader.skip_whitespace()?;
    if reader.pos < reader.bytes.len() {
        return Err(reader
            .unexpected("after the end of the document")
            .with_help("a policy is a single json object; remove what follows its closing `}`"));
    }
    Ok(value)
}

struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn value(&mut self, depth: usize) -> Result<JsonValue, JsonError> {
        match self.peek() {
            None => Err(JsonError::new(
                "expected a value, found end of input",
                self.empty_span(),
            )),
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => {
                let start = self.pos;
                let s = self.string()?;
                Ok(JsonValue {
                    kind: JsonKind::String(s),
                    span: self.span_from(start),
                })
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b'\'') => Err(self
                .unexpected_expecting("a value")
                .with_help("json strings use double quotes: `\"...\"`")),
            Some(c) if c.is_ascii_alphabetic() => self.word(),
            Some(_) => Err(self.unexpected_expecting("a value")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<JsonValue, JsonError> {
        let start = self.pos;
        self.check_depth(depth)?;
        self.pos += 1; // `{`
        let mut members = Vec::new();
        self.skip_whitespace()?;
        if self.eat(b'}') {
            return Ok(JsonValue {
                kind: JsonKind::Object(members),
                span: self.span_from(start),
            });
        }
        loop {
            match self.peek() {
                Some(b'"') => {}
                Some(b'}') if !members.is_empty() => {
                    return Err(self
                        .unexpected_expecting("a key")
                        .with_help("json does not allow a trailing comma; remove the last `,`"))
                }
                Some(b'\'') => {
                    return Err(self
                        .unexpected_expecting("a key")
                        .with_help("json strings use double quotes: `\"...\"`"))
                }
                _ => {
                    return Err(self
                        .unexpected_expecting("a key")
                        .with_help("object keys are strings in double quotes, like `\"Effect\"`"))
                }
            }
            let key_start = self.pos;
            let key = self.string()?;
            let key_span = self.span_from(key_start);
            self.skip_whitespace()?;
            if !self.eat(b':') {
                return Err(self.unexpected(&format!("after the key `{key}`, expected `:`")));
            }
            self.skip_whitespace()?;
            let value = self.value(depth)?;
            members.push(JsonMember {
                key,
                key_span,
                value,
            });
            self.skip_whitespace()?;
            if self.eat(b',') {
                self.skip_whitespace()?;
                continue;
            }
            if self.eat(b'}') {
                return Ok(JsonValue {
                    kind: JsonKind::Object(members),
                    span: self.span_from(start),
                });
            }
            let error = self.unexpected("after an object member, expected `,` or `}`");
            return Err(match self.peek() {
                Some(b'"') => error.with_help("add a `,` between the members"),
                Some(b']') => error.with_help("this object was opened with `{`; close it with `}`"),
                _ => error,
            });
        }
    }

    fn array(&mut self, depth: usize) -> Result<JsonValue, JsonError> {
        let start = self.pos;
        self.check_depth(depth)?;
        self.pos += 1; // `[`
        let mut items = Vec::new();
        self.skip_whitespace()?;
        if self.eat(b']') {
            return Ok(JsonValue {
                kind: JsonKind::Array(items),
                span: self.span_from(start),
            });
        }
        loop {
            if self.peek() == Some(b']') && !items.is_empty() {
                return Err(self
                    .unexpected_expecting("a value")
                    .with_help("json does not allow a trailing comma; remove the last `,`"));
            }
            items.push(self.value(depth)?);
            self.skip_whitespace()?;
            if self.eat(b',') {
                self.skip_whitespace()?;
                continue;
            }
            if self.eat(b']') {
                return Ok(JsonValue {
                    kind: JsonKind::Array(items),
                    span: self.span_from(start),
                });
            }
            let error = self.unexpected("after an array element, expected `,` or `]`");
            return Err(match self.peek() {
                Some(b'"' | b'{' | b'[') => error.with_help("add a `,` between the elements"),
                Some(b'}') => error.with_help("this array was opened with `[`; close it with `]`"),
                _ => error,
            });
        }
    }

    /// Reads a string starting at its opening quote and returns its decoded contents.
    fn string(&mut self) -> Result<String, JsonError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        loop {
            // Copy the run of ordinary characters in one go.
            let run_start = self.pos;
            while let Some(&b) = self.bytes.get(self.pos) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.pos += 1;
            }
            // Stops only at ASCII bytes, so both ends are character boundaries.
            out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
            match self.peek() {
                None => {
                    return Err(JsonError::new(
                        "unterminated string",
                        Span::new(open as u32, self.pos as u32),
                    )
                    .with_help("add the closing `\"`"))
                }
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => self.escape(&mut out)?,
                Some(b) => {
                    let error = JsonError::new(
                        format!(
                            "control character `{}` is not allowed in a string",
                            (b as char).escape_default()
                        ),
                        Span::new(self.pos as u32, self.pos as u32 + 1),
                    );
                    return Err(if b == b'\n' {
                        error.with_help("strings cannot span lines; close the string or write the newline as `\\n`")
                    } else {
                        error.with_help("write it as an escape, like `\\t` or `\\u0001`")
                    });
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let start = self.pos;
        self.pos += 1; // the backslash
        let Some(c) = self.peek() else {
            return Err(JsonError::new("unterminated string", self.empty_span())
                .with_help("add the closing `\"`"));
        };
        self.pos += 1;
        let simple = match c {
            b'"' => Some('"'),
            b'\\' => Some('\\'),
            b'/' => Some('/'),
            b'b' => Some('\u{8}'),
            b'f' => Some('\u{c}'),
            b'n' => Some('\n'),
            b'r' => Some('\r'),
            b't' => Some('\t'),
            _ => None,
        };
        if let Some(ch) = simple {
            out.push(ch);
            return Ok(());
        }
        if c != b'u' {
            let shown = self.char_at(self.pos - 1).unwrap_or('?');
            let end = self.pos - 1 + shown.len_utf8();
            return Err(JsonError::new(
                format!("invalid escape `\\{shown}` in a string"),
                Span::new(start as u32, end as u32),
            )
            .with_help(
                "valid escapes are `\\\"` `\\\\` `\\/` `\\b` `\\f` `\\n` `\\r` `\\t` and `\\uXXXX`",
            ));
        }
        let first = self.hex4(start)?;
        let ch = match first {
            0xD800..=0xDBFF => {
                // A high surrogate must be followed by `\u` and a low surrogate.
                if self.bytes.get(self.pos) == Some(&b'\\')
                    && self.bytes.get(self.pos + 1) == Some(&b'u')
                {
                    let second_start = self.pos;
                    self.pos += 2;
                    let second = self.hex4(second_start)?;
                    if !(0xDC00..=0xDFFF).contains(&second) {
                        return Err(self.lone_surrogate(start, first));
                    }
                    char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                } else {
                    None
                }
            }
            _ => char::from_u32(first),
        };
        match ch {
            Some(ch) => {
                out.push(ch);
                Ok(())
            }
            None => Err(self.lone_surrogate(start, first)),
        }
    }

    fn lone_surrogate(&self, start: usize, unit: u32) -> JsonError {
        JsonError::new(
            format!("unpaired surrogate `\\u{unit:04X}` in a string"),
            Span::new(start as u32, (start + 6) as u32),
        )
        .with_help(
            "a character outside the basic plane is written as a pair, like `\\uD83E\\uDD80`",
        )
    }

    /// Reads the four hex digits after `\u`; `start` is the backslash, for the error span.
    fn hex4(&mut self, start: usize) -> Result<u32, JsonError> {
        let digits = self.bytes.get(self.pos..self.pos + 4);
        let value = digits.and_then(|d| {
            d.iter().try_fold(0u32, |acc, &b| {
                (b as char).to_digit(16).map(|v| acc * 16 + v)
            })
        });
        match value {
            Some(v) => {
                self.pos += 4;
                Ok(v)
            }
            None => {
                let end = (self.pos + 4).min(self.bytes.len());
                let end = self.floor_boundary(end);
                let shown = self.text.get(start..end).unwrap_or("\\u");
                Err(JsonError::new(
                    format!("invalid unicode escape `{shown}`"),
                    Span::new(start as u32, end as u32),
                )
                .with_help("`\\u` takes exactly four hex digits, like `\\u00e9`"))
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, kept as written.
    fn number(&mut self) -> Result<JsonValue, JsonError> {
        let start = self.pos;
        self.eat(b'-');
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(JsonError::new(
                        "leading zeros are not allowed in a number",
                        self.char_span(),
                    )
                    .with_help("write the number without leading zeros, or quote it as a string"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.unexpected_expecting("a digit")),
        }
        if self.eat(b'.') {
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("after `.` in a number, expected a digit"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.unexpected("in a number's exponent, expected a digit"));
            }
            self.digits();
        }
        let raw = self
            .text
            .get(start..self.pos)
            .unwrap_or_default()
            .to_owned();
        Ok(JsonValue {
            kind: JsonKind::Number(raw),
            span: self.span_from(start),
        })
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    /// `true`, `false` or `null`; any other bare word is an error naming the whole word.
    fn word(&mut self) -> Result<JsonValue, JsonError> {
        let start = self.pos;
        while matches!(self.peek(), Some(b) if b.is_ascii_alphanumeric() || b == b'_') {
            self.pos += 1;
        }
        let word = self.text.get(start..self.pos).unwrap_or_default();
        let span = self.span_from(start);
        let kind = match word {
            "true" => JsonKind::Bool(true),
            "false" => JsonKind::Bool(false),
            "null" => JsonKind::Null,
            _ => {
                let lower = word.to_ascii_lowercase();
                let help = if matches!(lower.as_str(), "true" | "false" | "null") {
                    format!("json literals are lowercase: `{lower}`")
                } else {
                    format!("strings must be in double quotes: `\"{word}\"`")
                };
                return Err(
                    JsonError::new(format!("expected a value, found `{word}`"), span)
                        .with_help(help),
                );
            }
        };
        Ok(JsonValue { kind, span })
    }

    fn skip_whitespace(&mut self) -> Result<(), JsonError> {
        while let Some(b) = self.peek() {
            match b {
                b' ' | b'\t' | b'\n' | b'\r' => self.pos += 1,
                b'/' if matches!(self.bytes.get(self.pos + 1), Some(b'/' | b'*')) => {
                    return Err(JsonError::new(
                        "comments are not allowed in json",
                        self.char_span(),
                    )
                    .with_help("remove the comment; a statement's `Sid` can carry a short label"));
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn check_depth(&self, depth: usize) -> Result<(), JsonError> {
        if depth > MAX_DEPTH {
            return Err(JsonError::new(
                format!("the document nests deeper than {MAX_DEPTH} levels"),
                self.char_span(),
            ));
        }
        Ok(())
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.text.get(pos..).and_then(|rest| rest.chars().next())
    }

    /// The span of the character at the current position (empty at the end).
    fn char_span(&self) -> Span {
        let len = self.char_at(self.pos).map_or(0, char::len_utf8);
        Span::new(self.pos as u32, (self.pos + len) as u32)
    }

    fn empty_span(&self) -> Span {
        Span::new(self.pos as u32, self.pos as u32)
    }

    fn span_from(&self, start: usize) -> Span {
        Span::new(start as u32, self.pos as u32)
    }

    fn floor_boundary(&self, mut i: usize) -> usize {
        while i > 0 && !self.text.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    /// "unexpected `x` {context}" or "unexpected end of input {context}".
    fn unexpected(&self, context: &str) -> JsonError {
        match self.char_at(self.pos) {
            Some(c) => JsonError::new(
                format!("unexpected `{}` {context}", shown(c)),
                self.char_span(),
            ),
            None => JsonError::new(
                format!("unexpected end of input {context}"),
                self.empty_span(),
            ),
        }
    }

    /// "expected {what}, found `x`" or "expected {what}, found end of input".
    fn unexpected_expecting(&self, what: &str) -> JsonError {
        match self.char_at(self.pos) {
            Some(c) => JsonError::new(
                format!("expected {what}, found `{}`", shown(c)),
                self.char_span(),
            ),
            None => JsonError::new(
                format!("expected {what}, found end of input"),
                self.empty_span(),
            ),
        }
    }
}

/// A character for a message: itself, or an escape when it would be invisible.
fn shown(c: char) -> String {
    if c.is_control() {
        c.escape_default().to_string()
    } else {
        c.to_string()
    }
}
