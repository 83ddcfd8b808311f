//! Policy strings compiled for matching: wildcards and, under 2012-10-17, variables.
//!
//! A variable's value is inserted literally (a `*` in a user's tag is not a wildcard), so variables stay tokens of
//! their own instead of being pasted into the pattern text. A variable whose key the request lacks, with no default,
//! makes the string match nothing; the key is reported as missing.

use std::borrow::Cow;

use super::context::{fold_key, ValueRef};
use super::missing::MissingKeys;
use super::request::Request;
use crate::values::glob::{push_literal, push_text, Glob, Token};
use crate::values::variable::{pieces, Piece};

/// How many variables one string may have for the allocation-free path.
const INLINE_VARS: usize = 4;

#[derive(Debug, Clone)]
struct VarRef {
    folded: Box<str>,
    /// As written in the policy, for the missing-keys report.
    key: Box<str>,
    default: Option<Box<str>>,
}

/// A compiled policy string.
#[derive(Debug, Clone)]
pub(crate) struct Template {
    glob: Glob,
    vars: Vec<VarRef>,
}

/// How to read a policy string.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Syntax {
    /// `*` and `?` are wildcards (resources, `StringLike`, ARNs), not literal text (`StringEquals`).
    pub wildcards: bool,
    /// `${…}` is substituted (2012-10-17 in resources and string/ARN conditions).
    pub variables: bool,
    /// Compare ASCII case-insensitively (actions).
    pub ignore_case: bool,
}

impl Template {
    pub fn compile(text: &str, syntax: Syntax) -> Template {
        let mut tokens = Vec::new();
        let mut vars = Vec::new();
        if syntax.variables {
            for piece in pieces(text) {
                match piece {
                    Piece::Text(t) | Piece::Malformed(t) => {
                        push_text(&mut tokens, t, syntax.wildcards)
                    }
                    Piece::Escaped(c) => push_literal(&mut tokens, c.encode_utf8(&mut [0; 4])),
                    Piece::Variable(v) => {
                        tokens.push(Token::Var(vars.len()));
                        vars.push(VarRef {
                            folded: fold_key(v.key).into(),
                            key: v.key.into(),
                            default: v.default.map(Into::into),
                        });
                    }
                }
            }
        } else {
            push_text(&mut tokens, text, syntax.wildcards);
        }
        Template {
            glob: Glob::from_tokens(tokens, syntax.ignore_case),
            vars,
        }
    }

    pub fn is_match_all(&self) -> bool {
        self.glob.is_match_all()
    }

    /// Whether `text` matches, substituting variables from `request`.
    #[inline]
    pub fn matches<'a>(
        &'a self,
        text: &str,
        request: &'a Request,
        missing: &mut MissingKeys<'a>,
    ) -> bool {
        if self.vars.is_empty() {
            return self.glob.matches(text);
        }
        // Most texts fail on the literal start or end; check that before looking up any variable.
        if !self.glob.ends_fit(text) {
            return false;
        }
        if let Some(matched) = self.matches_borrowed(text, request, missing) {
            return matched;
        }
        let Some(values) = self.resolve(request, missing) else {
            return false;
        };
        let values: Vec<&str> = values.iter().map(|v| v.as_ref()).collect();
        self.glob.matches_with(text, &values)
    }

    /// The string with variables substituted, for the operators that compare whole strings. Only meaningful for a
    /// template compiled without wildcards.
    pub fn literal<'a>(
        &'a self,
        request: &'a Request,
        missing: &mut MissingKeys<'a>,
    ) -> Option<Cow<'a, str>> {
        let tokens = self.glob.tokens();
        if let [Token::Lit(s)] = tokens {
            return Some(Cow::Borrowed(s));
        }
        let values = if self.vars.is_empty() {
            Vec::new()
        } else {
            self.resolve(request, missing)?
        };
        let mut out = String::new();
        for token in tokens {
            match token {
                Token::Lit(s) => out.push_str(s),
                Token::Var(i) => out.push_str(values.get(*i).map_or("", |v| v.as_ref())),
                // Not produced without wildcards; as text they are themselves.
                Token::Star => out.push('*'),
                Token::One => out.push('?'),
            }
        }
        Some(Cow::Owned(out))
    }

    /// The allocation-free path for up to [`INLINE_VARS`] variables whose values are plain strings (the usual case:
    /// `${aws:username}`). `None` when it does not apply and the general path must run.
    fn matches_borrowed<'a>(
        &'a self,
        text: &str,
        request: &'a Request,
        missing: &mut MissingKeys<'a>,
    ) -> Option<bool> {
        let mut values: [&str; INLINE_VARS] = [""; INLINE_VARS];
        let slots = values.get_mut(..self.vars.len())?;
        for (slot, var) in slots.iter_mut().zip(&self.vars) {
            match (request.lookup(&var.folded), &var.default) {
                (Some(ValueRef::Str(s)), _) => *slot = s,
                (None, Some(default)) => *slot = default,
                (None, None) => {
                    missing.note(&var.key);
                    return Some(false);
                }
                (Some(_), _) => return None,
            }
        }
        Some(self.glob.matches_with(text, slots))
    }

    fn resolve<'a>(
        &'a self,
        request: &'a Request,
        missing: &mut MissingKeys<'a>,
    ) -> Option<Vec<Cow<'a, str>>> {
        let mut values = Vec::with_capacity(self.vars.len());
        for var in &self.vars {
            let found = request.lookup(&var.folded);
            // A multivalued key has no single text to substitute; it is treated like a missing one.
            match (found.and_then(|v| v.as_text()), &var.default) {
                (Some(text), _) => values.push(text),
                (None, Some(default)) => values.push(Cow::Borrowed(default)),
                (None, None) => {
                    if found.is_none() {
                        missing.note(&var.key);
                    }
                    return None;
                }
            }
        }
        Some(values)
    }
}
