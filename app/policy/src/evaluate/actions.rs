//! Matching the request's action against `Action` / `NotAction`, grouped by service.
//!
//! A valid action pattern has a literal service prefix (`iam:Get*`), so patterns are grouped by service and only
//! the group of the request's service is tried, on the action name alone. Everything is ASCII case-insensitive, as
//! AWS matches actions. The same grouping lets a policy skip, without looking, statements about other services.

use crate::ast::Element;
use crate::values::glob::{bytes_eq, Glob};

/// The request's action, ASCII-lowercased once per decision into a buffer on the stack, and split at its first `:`.
/// Patterns are lowercased at compile time, so matching is plain byte comparison (AWS matches actions
/// case-insensitively).
pub(crate) struct RequestAction {
    buf: [u8; INLINE_ACTION],
    /// Actions longer than the buffer (none are; this keeps odd requests correct).
    long: Vec<u8>,
    len: usize,
    colon: Option<usize>,
    hash: u64,
}

/// Longer than any AWS action name (the longest are around 70 bytes).
const INLINE_ACTION: usize = 128;

impl RequestAction {
    pub fn new(action: &str) -> Self {
        let bytes = action.as_bytes();
        let mut folded = RequestAction {
            buf: [0; INLINE_ACTION],
            long: Vec::new(),
            len: bytes.len(),
            colon: None,
            hash: 0,
        };
        match folded.buf.get_mut(..bytes.len()) {
            Some(buf) => {
                buf.copy_from_slice(bytes);
                buf.make_ascii_lowercase();
            }
            None => folded.long = action.to_ascii_lowercase().into_bytes(),
        }
        folded.colon = folded.whole().iter().position(|&b| b == b':');
        folded.hash = service_hash(folded.service());
        folded
    }

    fn whole(&self) -> &[u8] {
        if self.long.is_empty() {
            self.buf.get(..self.len).unwrap_or_default()
        } else {
            &self.long
        }
    }

    /// The service prefix (the whole action when it has no `:`).
    fn service(&self) -> &[u8] {
        let whole = self.whole();
        self.colon.and_then(|c| whole.get(..c)).unwrap_or(whole)
    }

    pub fn name(&self) -> Option<&[u8]> {
        self.colon.and_then(|c| self.whole().get(c + 1..))
    }

    fn is_service(&self, key: &ServiceKey) -> bool {
        self.hash == key.hash && bytes_eq(self.service(), key.name.as_bytes())
    }
}

/// FNV-1a. Every decision looks its service up in every policy; comparing hashes first makes a miss one integer
/// comparison.
fn service_hash(lowercase: &[u8]) -> u64 {
    lowercase.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// A lowercase service prefix stored in a compiled policy.
#[derive(Debug, Clone)]
struct ServiceKey {
    name: Box<str>,
    hash: u64,
}

impl ServiceKey {
    fn new(service: &str) -> Self {
        let name = service.to_ascii_lowercase();
        ServiceKey {
            hash: service_hash(name.as_bytes()),
            name: name.into(),
        }
    }
}

#[derive(Debug, Clone)]
pub(crate) struct ActionMatcher {
    negated: bool,
    /// Some pattern is `*`.
    any: bool,
    /// Lowercased name patterns per lowercase service prefix.
    by_service: Vec<(ServiceKey, Vec<Glob>)>,
    /// Lowercased patterns without a literal service (not valid, but compiling is total): matched against the whole
    /// action.
    whole: Vec<Glob>,
}

impl ActionMatcher {
    pub fn compile(element: &Element) -> ActionMatcher {
        let mut matcher = ActionMatcher {
            negated: element.negated,
            any: false,
            by_service: Vec::new(),
            whole: Vec::new(),
        };
        for value in &element.values {
            let pattern = value.value.as_str();
            if pattern == "*" {
                matcher.any = true;
                continue;
            }
            let pattern = pattern.to_ascii_lowercase();
            match pattern.split_once(':') {
                Some((service, name)) if !service.contains(['*', '?']) => {
                    let glob = Glob::new(name, false);
                    let key = ServiceKey::new(service);
                    match matcher
                        .by_service
                        .iter_mut()
                        .find(|(k, _)| k.name == key.name)
                    {
                        Some((_, globs)) => globs.push(glob),
                        None => matcher.by_service.push((key, vec![glob])),
                    }
                }
                _ => matcher.whole.push(Glob::new(&pattern, false)),
            }
        }
        matcher
    }

    pub fn matches(&self, action: &RequestAction) -> bool {
        self.hit(action) != self.negated
    }

    fn hit(&self, action: &RequestAction) -> bool {
        if self.any || self.whole.iter().any(|g| g.matches_bytes(action.whole())) {
            return true;
        }
        let Some(name) = action.name() else {
            return false;
        };
        self.by_service
            .iter()
            .find(|(key, _)| action.is_service(key))
            .is_some_and(|(_, globs)| globs.iter().any(|g| g.matches_bytes(name)))
    }
}

/// The statements of one effect in one policy, findable by service: only these can apply to a request.
#[derive(Debug, Clone, Default)]
pub(crate) struct ServiceIndex {
    /// Service prefix → the statements naming it, ascending, each with its name patterns for that service.
    by_service: Vec<(ServiceKey, Vec<Named>)>,
    /// Statements that may match an action of any service (`*`, `NotAction`), ascending.
    any_service: Vec<usize>,
}

/// A statement's position and its action-name patterns for one service.
type Named = (usize, Vec<Glob>);

impl ServiceIndex {
    pub fn add(&mut self, position: usize, actions: &ActionMatcher) {
        let bounded = !actions.negated && !actions.any && actions.whole.is_empty();
        if !bounded {
            self.any_service.push(position);
            return;
        }
        for (key, globs) in &actions.by_service {
            match self.by_service.iter_mut().find(|(k, _)| k.name == key.name) {
                Some((_, statements)) => statements.push((position, globs.clone())),
                None => self
                    .by_service
                    .push((key.clone(), vec![(position, globs.clone())])),
            }
        }
    }

    /// Calls `visit` with each statement whose action part matches `action` (`checked` true) or may match it
    /// (`checked` false: the statement must test its actions itself), in document order. A callback rather than an
    /// iterator: this runs for every policy of every decision, and profiles showed the iterator's state being
    /// shuffled through memory costing more than the work.
    #[inline]
    pub fn for_each_candidate(&self, action: &RequestAction, mut visit: impl FnMut(usize, bool)) {
        // An action without `:` has no name, so no `service:name` pattern can match it.
        let name = action.name();
        let named: &[Named] = match name {
            Some(_) => self
                .by_service
                .iter()
                .find(|(key, _)| action.is_service(key))
                .map_or(&[], |(_, statements)| statements.as_slice()),
            None => &[],
        };
        let name = name.unwrap_or_default();
        let mut any = self.any_service.iter().peekable();
        for (position, globs) in named {
            while let Some(&&unchecked) = any.peek() {
                if unchecked > *position {
                    break;
                }
                visit(unchecked, false);
                any.next();
            }
            if globs.iter().any(|g| g.matches_bytes(name)) {
                visit(*position, true);
            }
        }
        for &unchecked in any {
            visit(unchecked, false);
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::span::{Span, Spanned};

    #[derive(Debug, PartialEq)]
    enum Candidate {
        C(usize),
        U(usize),
    }
    use Candidate::{C, U};

    fn element(negated: bool, patterns: &[&str]) -> Element {
        Element {
            negated,
            values: patterns
                .iter()
                .map(|p| Spanned::new((*p).to_owned(), Span::default()))
                .collect(),
            key_span: Span::default(),
        }
    }

    #[test]
    fn groups_by_service() {
        let m = ActionMatcher::compile(&element(
            false,
            &["iam:Get*", "IAM:ListUsers", "s3:GetObject"],
        ));
        assert!(m.matches(&RequestAction::new("iam:getuser")));
        assert!(m.matches(&RequestAction::new("Iam:LISTUSERS")));
        assert!(m.matches(&RequestAction::new("S3:GetObject")));
        assert!(!m.matches(&RequestAction::new("s3:PutObject")));
        assert!(!m.matches(&RequestAction::new("iam")));
        let long = format!("iam:Get{}", "x".repeat(300));
        assert!(m.matches(&RequestAction::new(&long)));
    }

    #[test]
    fn negated_and_star_match_any_service() {
        let m = ActionMatcher::compile(&element(true, &["iam:*"]));
        assert!(m.matches(&RequestAction::new("s3:GetObject")));
        assert!(!m.matches(&RequestAction::new("iam:GetUser")));
    }

    #[test]
    fn index_merges_in_order_and_checks_names() {
        let mut index = ServiceIndex::default();
        index.add(
            0,
            &ActionMatcher::compile(&element(false, &["iam:GetUser"])),
        );
        index.add(1, &ActionMatcher::compile(&element(false, &["*"])));
        index.add(
            2,
            &ActionMatcher::compile(&element(false, &["s3:*", "iam:*"])),
        );
        index.add(3, &ActionMatcher::compile(&element(true, &["ec2:*"])));
        let candidates = |a: &str| {
            let mut found = Vec::new();
            index.for_each_candidate(&RequestAction::new(a), |position, checked| {
                found.push(if checked { C(position) } else { U(position) })
            });
            found
        };
        assert_eq!(candidates("IAM:getuser"), vec![C(0), U(1), C(2), U(3)]);
        assert_eq!(candidates("iam:ListUsers"), vec![U(1), C(2), U(3)]);
        assert_eq!(candidates("s3:GetObject"), vec![U(1), C(2), U(3)]);
        assert_eq!(candidates("sqs:SendMessage"), vec![U(1), U(3)]);
        assert_eq!(candidates("iam"), vec![U(1), U(3)]);
    }
}
