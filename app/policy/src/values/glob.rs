//! `*` and `?` wildcard matching, for actions, resources, `StringLike` and ARN parts.
//!
//! A pattern is compiled once into tokens and classified (exact, prefix, suffix, anything, general) so the common
//! shapes (`iam:GetUser`, `s3:Get*`, `*`) match with one comparison and no allocation. The general case is the classic
//! greedy matcher with one backtrack point: linear memory, no recursion, O(pattern × text) at worst.
//! Case folding is ASCII only: action names are ASCII, and resources are matched case-sensitively.

/// One piece of a compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token {
    /// Text that must appear exactly (or ASCII case-insensitively).
    Lit(Box<str>),
    /// `*`: any run of characters, including none (and including `:` and `/`).
    Star,
    /// `?`: exactly one character.
    One,
    /// A policy variable, by index into the values resolved for this request; its value matches literally.
    Var(usize),
}

/// Adds `text` to `tokens`, turning `*` and `?` into wildcards when `wildcards` is set, and merging neighbours so the
/// classification below sees the simplest form.
pub(crate) fn push_text(tokens: &mut Vec<Token>, text: &str, wildcards: bool) {
    if !wildcards {
        push_literal(tokens, text);
        return;
    }
    let mut rest = text;
    while let Some(at) = rest.find(['*', '?']) {
        push_literal(tokens, &rest[..at]);
        if rest[at..].starts_with('*') {
            if tokens.last() != Some(&Token::Star) {
                tokens.push(Token::Star);
            }
        } else {
            tokens.push(Token::One);
        }
        rest = &rest[at + 1..];
    }
    push_literal(tokens, rest);
}

pub(crate) fn push_literal(tokens: &mut Vec<Token>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Token::Lit(prev)) = tokens.last_mut() {
        let mut joined = String::with_capacity(prev.len() + text.len());
        joined.push_str(prev);
        joined.push_str(text);
        *prev = joined.into_boxed_str();
    } else {
        tokens.push(Token::Lit(text.into()));
    }
}

/// The shape of a pattern without variables, for the fast paths.
#[derive(Debug, Clone)]
enum Shape {
    Any,
    Exact(Box<str>),
    Prefix(Box<str>),
    Suffix(Box<str>),
    General,
}

/// A compiled wildcard pattern.
#[derive(Debug, Clone)]
pub(crate) struct Glob {
    tokens: Vec<Token>,
    shape: Shape,
    ignore_case: bool,
}

impl Glob {
    /// A pattern over plain text: every `*` and `?` is a wildcard.
    pub(crate) fn new(pattern: &str, ignore_case: bool) -> Glob {
        let mut tokens = Vec::new();
        push_text(&mut tokens, pattern, true);
        Glob::from_tokens(tokens, ignore_case)
    }

    pub(crate) fn from_tokens(tokens: Vec<Token>, ignore_case: bool) -> Glob {
        let shape = match tokens.as_slice() {
            [] => Shape::Exact("".into()),
            [Token::Star] => Shape::Any,
            [Token::Lit(s)] => Shape::Exact(s.clone()),
            [Token::Lit(s), Token::Star] => Shape::Prefix(s.clone()),
            [Token::Star, Token::Lit(s)] => Shape::Suffix(s.clone()),
            _ => Shape::General,
        };
        Glob {
            tokens,
            shape,
            ignore_case,
        }
    }

    pub(crate) fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// A cheap necessary condition: `text` starts with the pattern's leading literal and ends with its trailing
    /// literal (when those are plain text, not variables).
    #[inline]
    pub(crate) fn ends_fit(&self, text: &str) -> bool {
        let fold = self.ignore_case;
        let head_ok = match self.tokens.first() {
            Some(Token::Lit(s)) => text
                .as_bytes()
                .get(..s.len())
                .is_some_and(|h| eq(h, s.as_bytes(), fold)),
            _ => true,
        };
        let tail_ok = match self.tokens.last() {
            Some(Token::Lit(s)) if self.tokens.len() > 1 => {
                text.len() >= s.len()
                    && eq(&text.as_bytes()[text.len() - s.len()..], s.as_bytes(), fold)
            }
            _ => true,
        };
        head_ok && tail_ok
    }

    pub(crate) fn is_match_all(&self) -> bool {
        matches!(self.shape, Shape::Any)
    }

    /// Matches a pattern that has no variables.
    #[inline]
    pub(crate) fn matches(&self, text: &str) -> bool {
        self.matches_with(text, &[])
    }

    /// Matches with `vars[i]` standing for `Token::Var(i)`.
    #[inline]
    pub(crate) fn matches_with(&self, text: &str, vars: &[&str]) -> bool {
        self.matches_bytes_with(text.as_bytes(), vars)
    }

    /// Matches UTF-8 bytes (for callers that fold text into a buffer first).
    #[inline]
    pub(crate) fn matches_bytes(&self, text: &[u8]) -> bool {
        self.matches_bytes_with(text, &[])
    }

    #[inline]
    fn matches_bytes_with(&self, text: &[u8], vars: &[&str]) -> bool {
        let fold = self.ignore_case;
        match &self.shape {
            Shape::Any => true,
            Shape::Exact(s) => eq(text, s.as_bytes(), fold),
            Shape::Prefix(s) => text
                .get(..s.len())
                .is_some_and(|head| eq(head, s.as_bytes(), fold)),
            Shape::Suffix(s) => {
                text.len() >= s.len() && eq(&text[text.len() - s.len()..], s.as_bytes(), fold)
            }
            Shape::General => general_match(&self.tokens, vars, text, fold),
        }
    }
}

#[inline(always)]
fn eq(a: &[u8], b: &[u8], fold: bool) -> bool {
    if fold {
        a.eq_ignore_ascii_case(b)
    } else {
        bytes_eq(a, b)
    }
}

/// Byte equality, eight bytes at a time. Policy strings are short, and for short slices a call to `memcmp` costs more
/// than the comparison itself (it dominated profiles of evaluation). The last eight bytes are compared first: ARNs
/// share long beginnings (`arn:aws:s3:::`) and differ near the end of a pattern's literal part.
#[inline(always)]
pub(crate) fn bytes_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    if a.len() >= 8 {
        let tail = a.len() - 8;
        if word(&a[tail..]) != word(&b[tail..]) {
            return false;
        }
    }
    let mut a_chunks = a.chunks_exact(8);
    let mut b_chunks = b.chunks_exact(8);
    for (x, y) in a_chunks.by_ref().zip(b_chunks.by_ref()) {
        if word(x) != word(y) {
            return false;
        }
    }
    a_chunks
        .remainder()
        .iter()
        .zip(b_chunks.remainder())
        .all(|(x, y)| x == y)
}

/// Eight bytes as one integer (the slice always has eight).
#[inline(always)]
fn word(bytes: &[u8]) -> u64 {
    u64::from_ne_bytes(bytes.try_into().unwrap_or_default())
}

/// Whether `lit` occurs in `text` at `at`.
fn lit_at(text: &[u8], at: usize, lit: &[u8], fold: bool) -> bool {
    text.get(at..at + lit.len())
        .is_some_and(|window| eq(window, lit, fold))
}

/// Bytes in the UTF-8 character that starts with `b` (1 for anything unexpected, so progress is always made).
fn char_len(b: u8) -> usize {
    match b {
        0xF0..=0xFF => 4,
        0xE0..=0xEF => 3,
        0xC0..=0xDF => 2,
        _ => 1,
    }
}

fn general_match(tokens: &[Token], vars: &[&str], text: &[u8], fold: bool) -> bool {
    let mut ti = 0; // token index
    let mut pos = 0; // byte offset in text
                     // Where to resume after the last `*`: the token after it, and the text position it has consumed up to.
    let mut backtrack: Option<(usize, usize)> = None;
    loop {
        let advanced = match tokens.get(ti) {
            Some(Token::Star) => {
                backtrack = Some((ti + 1, pos));
                ti += 1;
                continue;
            }
            Some(Token::One) => match text.get(pos) {
                Some(&b) => {
                    pos = (pos + char_len(b)).min(text.len());
                    true
                }
                None => false,
            },
            Some(Token::Lit(lit)) => {
                let ok = lit_at(text, pos, lit.as_bytes(), fold);
                if ok {
                    pos += lit.len();
                }
                ok
            }
            Some(Token::Var(i)) => match vars.get(*i) {
                Some(value) if lit_at(text, pos, value.as_bytes(), fold) => {
                    pos += value.len();
                    true
                }
                _ => false,
            },
            None if pos == text.len() => return true,
            None => false,
        };
        if advanced {
            ti += 1;
            continue;
        }
        // Mismatch: let the last `*` swallow one more character and retry from just after it.
        match backtrack {
            Some((after_star, consumed)) if consumed < text.len() => {
                let next =
                    (consumed + text.get(consumed).map_or(1, |&b| char_len(b))).min(text.len());
                backtrack = Some((after_star, next));
                ti = after_star;
                pos = next;
            }
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(pattern: &str, text: &str) -> bool {
        Glob::new(pattern, false).matches(text)
    }

    #[test]
    fn shapes() {
        assert!(m("*", ""));
        assert!(m("*", "anything"));
        assert!(m("abc", "abc"));
        assert!(!m("abc", "abcd"));
        assert!(m("ab*", "abcd"));
        assert!(!m("ab*", "a"));
        assert!(m("*cd", "abcd"));
        assert!(!m("*cd", "d"));
        assert!(m("", ""));
        assert!(!m("", "a"));
    }

    #[test]
    fn general_patterns() {
        assert!(m("a*c*e", "abcde"));
        assert!(m("a*c*e", "ace"));
        assert!(!m("a*c*e", "acd"));
        assert!(m("a?c", "abc"));
        assert!(!m("a?c", "ac"));
        assert!(m("*a*a*a*", "banana-a"));
        assert!(m("**a", "a"));
        assert!(m(
            "arn:aws:s3:::bucket/*/home/?",
            "arn:aws:s3:::bucket/x/y/home/z"
        ));
        assert!(!m(
            "arn:aws:s3:::bucket/*/home/?",
            "arn:aws:s3:::bucket/x/home/zz"
        ));
        assert!(m("*?", "x"));
        assert!(!m("*?", ""));
    }

    #[test]
    fn question_mark_is_one_character_not_one_byte() {
        assert!(m("caf?", "café"));
        assert!(m("?", "🦀"));
        assert!(!m("??", "🦀"));
        assert!(m("*?x", "🦀x"));
        assert!(m("a*é", "a🦀é"));
    }

    #[test]
    fn case_folding_is_opt_in() {
        assert!(Glob::new("iam:get*", true).matches("IAM:GetUser"));
        assert!(!Glob::new("iam:get*", false).matches("IAM:GetUser"));
        assert!(Glob::new("iam:*user", true).matches("iam:GetUSER"));
        assert!(Glob::new("s3:Get?bject", true).matches("s3:getobject"));
    }

    #[test]
    fn variables_match_literally() {
        let mut tokens = Vec::new();
        push_text(&mut tokens, "home/", true);
        tokens.push(Token::Var(0));
        push_text(&mut tokens, "/*", true);
        let g = Glob::from_tokens(tokens, false);
        assert!(g.matches_with("home/alice/x", &["alice"]));
        assert!(!g.matches_with("home/bob/x", &["alice"]));
        // A `*` inside a variable's value is not a wildcard.
        assert!(!g.matches_with("home/alice/x", &["*"]));
        assert!(g.matches_with("home/*/x", &["*"]));
        // A missing value never matches.
        assert!(!g.matches_with("home/alice/x", &[]));
    }

    #[test]
    fn literal_text_disables_wildcards() {
        let mut tokens = Vec::new();
        push_text(&mut tokens, "a*b", false);
        assert_eq!(tokens, vec![Token::Lit("a*b".into())]);
        let g = Glob::from_tokens(tokens, false);
        assert!(g.matches("a*b"));
        assert!(!g.matches("axb"));
    }
}
