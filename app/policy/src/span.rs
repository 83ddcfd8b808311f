//! Source positions.
//!
//! Every piece of a policy keeps the byte range it came from, so a finding can point at the exact text. The editor in
//! the browser counts positions in UTF-16 code units and people count lines and characters; [`LineIndex`] converts.

use serde::{Deserialize, Serialize};

/// A half-open byte range `start..end` into the policy text.
///
/// Byte offsets (not characters) because that is what slicing a `&str` needs; [`LineIndex`] turns them into what a
/// person or a browser expects.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub const fn new(start: u32, end: u32) -> Self {
        Self { start, end }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The first byte only: for "missing `Effect`" we point at a statement's `{` rather than underline all of it.
    pub fn head(self) -> Span {
        Span {
            start: self.start,
            end: self.end.min(self.start.saturating_add(1)),
        }
    }

    pub fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The text this span covers, or `None` when it does not fall on character boundaries of `text`.
    pub fn slice(self, text: &str) -> Option<&str> {
        text.get(self.start as usize..self.end as usize)
    }
}

/// A value together with where it was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// A 1-based line and a 1-based column counted in characters (Unicode scalar values), the way editors show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// A character that takes more than one byte in UTF-8; only these make byte, character and UTF-16 counts differ.
#[derive(Debug, Clone, Copy)]
struct Wide {
    /// Byte offset of the character.
    byte: u32,
    utf8_len: u32,
    utf16_len: u32,
    /// Bytes minus UTF-16 code units of all wide characters before this one.
    utf16_excess_before: u32,
}

/// Converts byte offsets into lines, columns and UTF-16 offsets, and UTF-16 offsets back into bytes.
///
/// Built once per text in O(n); each query is a binary search. Offsets past the end are clamped to the end, and an
/// offset inside a multi-byte character counts as the start of that character.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset where each line starts; the first is always 0.
    line_starts: Vec<u32>,
    wide: Vec<Wide>,
    len: u32,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let mut wide = Vec::new();
        let mut excess = 0u32;
        for (offset, ch) in text.char_indices() {
            let byte = clamp_u32(offset);
            if ch == '\n' {
                line_starts.push(byte.saturating_add(1));
            }
            let utf8_len = clamp_u32(ch.len_utf8());
            if utf8_len > 1 {
                let utf16_len = clamp_u32(ch.len_utf16());
                wide.push(Wide {
                    byte,
                    utf8_len,
                    utf16_len,
                    utf16_excess_before: excess,
                });
                excess = excess.saturating_add(utf8_len - utf16_len);
            }
        }
        Self {
            line_starts,
            wide,
            len: clamp_u32(text.len()),
        }
    }

    /// The line and character column of a byte offset.
    pub fn line_col(&self, byte: u32) -> LineCol {
        let byte = self.snap(byte);
        let line = self
            .line_starts
            .partition_point(|&start| start <= byte)
            .saturating_sub(1);
        let line_start = self.line_starts.get(line).copied().unwrap_or(0);
        // Each wide character on this line before `byte` counted several bytes but is one character.
        let extra: u32 = self
            .wide_between(line_start, byte)
            .iter()
            .map(|w| w.utf8_len - 1)
            .sum();
        LineCol {
            line: clamp_u32(line + 1),
            column: byte - line_start - extra + 1,
        }
    }

    /// The offset in UTF-16 code units of a byte offset (what a browser `textarea` selection uses).
    pub fn utf16(&self, byte: u32) -> u32 {
        let byte = self.snap(byte);
        let before = self.wide.partition_point(|w| w.byte < byte);
        let excess = match before.checked_sub(1).and_then(|i| self.wide.get(i)) {
            Some(w) => w.utf16_excess_before + (w.utf8_len - w.utf16_len),
            None => 0,
        };
        byte - excess
    }

    /// The byte offset of a UTF-16 offset; a position inside a surrogate pair maps to the start of its character.
    pub fn byte_from_utf16(&self, utf16: u32) -> u32 {
        // The UTF-16 offset where each wide character starts grows with its byte offset, so binary search works.
        let after = self
            .wide
            .partition_point(|w| w.byte - w.utf16_excess_before <= utf16);
        let byte = match after.checked_sub(1).and_then(|i| self.wide.get(i)) {
            Some(w) => {
                let start16 = w.byte - w.utf16_excess_before;
                if utf16 < start16 + w.utf16_len {
                    w.byte
                } else {
                    utf16.saturating_add(w.utf16_excess_before + (w.utf8_len - w.utf16_len))
                }
            }
            None => utf16,
        };
        byte.min(self.len)
    }

    /// A span in UTF-16 code units, for the browser.
    pub fn utf16_span(&self, span: Span) -> Span {
        Span {
            start: self.utf16(span.start),
            end: self.utf16(span.end),
        }
    }

    /// The number of lines (a text without newline has one).
    pub fn line_count(&self) -> u32 {
        clamp_u32(self.line_starts.len())
    }

    fn wide_between(&self, from: u32, to: u32) -> &[Wide] {
        let lo = self.wide.partition_point(|w| w.byte < from);
        let hi = self.wide.partition_point(|w| w.byte < to);
        self.wide.get(lo..hi).unwrap_or(&[])
    }

    /// Clamps to the text and moves an offset inside a wide character back to its start.
    fn snap(&self, byte: u32) -> u32 {
        let byte = byte.min(self.len);
        let at = self.wide.partition_point(|w| w.byte <= byte);
        match at.checked_sub(1).and_then(|i| self.wide.get(i)) {
            Some(w) if byte < w.byte + w.utf8_len => w.byte,
            _ => byte,
        }
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn offset_of(text: &str, needle: &str) -> u32 {
        text.find(needle).unwrap() as u32
    }

    #[test]
    fn ascii_lines_and_columns() {
        let text = "{\n  \"Version\": 1\n}";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(
            index.line_col(offset_of(text, "\"Version")),
            LineCol { line: 2, column: 3 }
        );
        assert_eq!(
            index.line_col(offset_of(text, "}")),
            LineCol { line: 3, column: 1 }
        );
        assert_eq!(index.line_count(), 3);
        assert_eq!(index.utf16(5), 5);
        assert_eq!(index.byte_from_utf16(5), 5);
    }

    #[test]
    fn accented_letter_before_an_error_counts_as_one_column() {
        // `é` is 2 bytes in UTF-8 and 1 code unit in UTF-16.
        let text = "{\"Sid\": \"café\", x}";
        let index = LineIndex::new(text);
        let x = offset_of(text, "x");
        assert_eq!(x, 17);
        assert_eq!(
            index.line_col(x),
            LineCol {
                line: 1,
                column: 17
            }
        );
        assert_eq!(index.utf16(x), 16);
        assert_eq!(index.byte_from_utf16(16), x);
    }

    #[test]
    fn emoji_before_an_error_is_one_column_and_two_utf16_units() {
        // `🦀` is 4 bytes in UTF-8 and a surrogate pair (2 units) in UTF-16.
        let text = "\"🦀é\"\n  oops";
        let index = LineIndex::new(text);
        let oops = offset_of(text, "oops");
        assert_eq!(index.line_col(oops), LineCol { line: 2, column: 3 });
        let quote = offset_of(text, "é") + 2;
        assert_eq!(index.line_col(quote), LineCol { line: 1, column: 4 });
        assert_eq!(index.utf16(quote), 4);
        assert_eq!(index.byte_from_utf16(4), quote);
        assert_eq!(index.utf16(oops), oops - 3);
        assert_eq!(index.byte_from_utf16(index.utf16(oops)), oops);
    }

    #[test]
    fn inside_a_surrogate_pair_maps_to_the_character_start() {
        let text = "a🦀b";
        let index = LineIndex::new(text);
        assert_eq!(index.byte_from_utf16(1), 1);
        assert_eq!(index.byte_from_utf16(2), 1);
        assert_eq!(index.byte_from_utf16(3), 5);
        // A byte offset inside the crab is treated as its start.
        assert_eq!(index.utf16(3), 1);
        assert_eq!(index.line_col(3), LineCol { line: 1, column: 2 });
    }

    #[test]
    fn offsets_past_the_end_are_clamped() {
        let text = "ab\né";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(99), LineCol { line: 2, column: 2 });
        assert_eq!(index.utf16(99), 4);
        assert_eq!(index.byte_from_utf16(99), 5);
    }

    #[test]
    fn utf16_round_trips_every_character_boundary() {
        let text = "x: 🦀 é € 𝄞\n ok ¿ 日本";
        let index = LineIndex::new(text);
        let mut units = 0u32;
        for (byte, ch) in text.char_indices() {
            assert_eq!(index.utf16(byte as u32), units, "at byte {byte}");
            assert_eq!(index.byte_from_utf16(units), byte as u32, "at unit {units}");
            units += ch.len_utf16() as u32;
        }
        assert_eq!(index.utf16(text.len() as u32), units);
    }

    #[test]
    fn span_helpers() {
        let a = Span::new(3, 5);
        let b = Span::new(1, 4);
        assert_eq!(a.to(b), Span::new(1, 5));
        assert_eq!(a.len(), 2);
        assert_eq!(Span::new(0, 2).slice("é"), Some("é"));
        assert_eq!(Span::new(0, 1).slice("é"), None);
    }
}
