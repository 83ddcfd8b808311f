//! Policy variables: `${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, and the escapes `${*}` `${?}` `${$}`.
//!
//! Only under `"Version": "2012-10-17"` are these replaced; under `2008-10-17` (or no version) the text is literal.
//! Something that starts with `${` but is not a well-formed variable stays literal too, and validation warns.

/// One piece of a string that may contain variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Ordinary text, in which `*` and `?` are wildcards where the context has wildcards.
    Text(&'a str),
    /// `${*}`, `${?}` or `${$}`: the character itself, never a wildcard.
    Escaped(char),
    /// A reference to a request-context key, with an optional default for when the key is missing.
    Variable(Variable<'a>),
    /// Starts like a variable but is not one (`${aws:username` or `${bad key}`); kept literally.
    Malformed(&'a str),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Variable<'a> {
    pub key: &'a str,
    pub default: Option<&'a str>,
}

/// Splits `text` into pieces. Adjacent text is not merged; callers that care do it.
pub fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("${") {
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        let after_open = &rest[open + 2..];
        let Some(close) = after_open.find('}') else {
            out.push(Piece::Malformed(&rest[open..]));
            return out;
        };
        let whole = &rest[open..open + 2 + close + 1];
        out.push(parse_inside(&after_open[..close]).unwrap_or(Piece::Malformed(whole)));
        rest = &after_open[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// Whether `text` contains anything that looks like a variable (well formed or not).
pub fn has_variable_syntax(text: &str) -> bool {
    text.contains("${")
}

fn parse_inside(inside: &str) -> Option<Piece<'_>> {
    match inside.trim() {
        "*" => return Some(Piece::Escaped('*')),
        "?" => return Some(Piece::Escaped('?')),
        "$" => return Some(Piece::Escaped('$')),
        _ => {}
    }
    let (key, default) = match inside.split_once(',') {
        Some((key, default)) => (key.trim(), Some(parse_default(default.trim())?)),
        None => (inside.trim(), None),
    };
    let key_ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ":_-./@+=".contains(c));
    key_ok.then_some(Piece::Variable(Variable { key, default }))
}

/// A default is written in single quotes: `'anonymous'`.
fn parse_default(text: &str) -> Option<&str> {
    let inner = text.strip_prefix('\'')?.strip_suffix('\'')?;
    (!inner.contains('\'')).then_some(inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn var(key: &str) -> Piece<'_> {
        Piece::Variable(Variable { key, default: None })
    }

    #[test]
    fn splits_text_and_variables() {
        assert_eq!(
            pieces("arn:aws:s3:::bucket/${aws:username}/*"),
            vec![
                Piece::Text("arn:aws:s3:::bucket/"),
                var("aws:username"),
                Piece::Text("/*")
            ]
        );
        assert_eq!(pieces("${aws:userid}"), vec![var("aws:userid")]);
        assert_eq!(pieces("plain"), vec![Piece::Text("plain")]);
        assert_eq!(pieces(""), vec![]);
    }

    #[test]
    fn escapes() {
        assert_eq!(
            pieces("a${*}b${?}${$}"),
            vec![
                Piece::Text("a"),
                Piece::Escaped('*'),
                Piece::Text("b"),
                Piece::Escaped('?'),
                Piece::Escaped('$')
            ]
        );
    }

    #[test]
    fn defaults() {
        assert_eq!(
            pieces("${aws:PrincipalTag/team, 'none'}"),
            vec![Piece::Variable(Variable {
                key: "aws:PrincipalTag/team",
                default: Some("none")
            })]
        );
        assert_eq!(
            pieces("${aws:username,''}"),
            vec![Piece::Variable(Variable {
                key: "aws:username",
                default: Some("")
            })]
        );
    }

    #[test]
    fn malformed_stays_literal() {
        assert_eq!(
            pieces("a${aws:username"),
            vec![Piece::Text("a"), Piece::Malformed("${aws:username")]
        );
        assert_eq!(
            pieces("${bad key}x"),
            vec![Piece::Malformed("${bad key}"), Piece::Text("x")]
        );
        assert_eq!(pieces("${k, nope}"), vec![Piece::Malformed("${k, nope}")]);
        assert_eq!(pieces("${}"), vec![Piece::Malformed("${}")]);
        assert_eq!(pieces("$x{y}"), vec![Piece::Text("$x{y}")]);
    }
}
