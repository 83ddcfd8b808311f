//! Autocomplete for the string being typed: service prefixes and action names inside `Action`/`NotAction`,
//! condition operators and condition keys inside `Condition`, `Allow`/`Deny` for `Effect`, all from the catalogue
//! the validator checks against.
//!
//! Works on the raw text (a document being typed is rarely valid JSON), so the context is found by looking back for
//! the nearest policy key rather than by parsing.

use iam_policy::catalogue;
use iam_policy::operator::BaseOperator;
use iam_policy::LineIndex;

/// At most this many suggestions are offered; typing more narrows them.
const MAX_SUGGESTIONS: usize = 8;

/// Suggestions for the string around the cursor, and the UTF-16 range of it that accepting one replaces.
#[derive(Clone, Debug, PartialEq)]
pub struct Completion {
    pub replace_from: u32,
    pub replace_to: u32,
    pub items: Vec<String>,
}

impl Completion {
    /// The text with `item` in place of the typed part, and where the cursor goes (UTF-16).
    pub fn apply(&self, text: &str, item: &str) -> (String, u32) {
        let lines = LineIndex::new(text);
        let from = lines.byte_from_utf16(self.replace_from) as usize;
        let to = lines.byte_from_utf16(self.replace_to) as usize;
        let mut out = String::with_capacity(text.len() + item.len());
        out.push_str(text.get(..from).unwrap_or(text));
        out.push_str(item);
        out.push_str(text.get(to..).unwrap_or(""));
        let cursor = self.replace_from + item.encode_utf16().count() as u32;
        (out, cursor)
    }
}

/// The policy key whose value the cursor is in.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Place {
    Action,
    Effect,
    Condition,
}

/// What to suggest with the cursor at UTF-16 offset `cursor`; `None` outside a string or where nothing fits.
pub fn complete(text: &str, cursor: u32) -> Option<Completion> {
    let lines = LineIndex::new(text);
    let cursor_byte = lines.byte_from_utf16(cursor) as usize;
    let before = text.get(..cursor_byte)?;
    let open = open_string_start(before)?;
    let typed = &before[open..];
    let place = place_of(&before[..open])?;
    let items = match place {
        Place::Action => actions(typed),
        Place::Effect => ["Allow", "Deny"].iter().filter(|e| starts_with_ci(e, typed)).map(|e| e.to_string()).collect(),
        Place::Condition => condition_words(typed),
    };
    let items: Vec<String> = items.into_iter().filter(|item| item != typed).take(MAX_SUGGESTIONS).collect();
    if items.is_empty() {
        return None;
    }
    Some(Completion { replace_from: lines.utf16(open as u32), replace_to: cursor, items })
}

/// Where the string the cursor is inside starts (just after its opening quote), if it is inside one on this line.
fn open_string_start(before: &str) -> Option<usize> {
    let mut inside = None;
    let mut escaped = false;
    for (i, c) in before.char_indices() {
        match (inside, c) {
            (_, '\n') => inside = None,
            (Some(_), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(_), '"') if !escaped => inside = None,
            (None, '"') => inside = Some(i + 1),
            _ => {}
        }
        escaped = false;
    }
    inside
}

/// The nearest key before the string that decides what belongs in it. Within `Condition`, operators and keys are
/// both object keys; [`condition_words`] tells them apart by their spelling.
fn place_of(before_string: &str) -> Option<Place> {
    const KEYS: [(&str, Option<Place>); 8] = [
        ("\"Action\"", Some(Place::Action)),
        ("\"NotAction\"", Some(Place::Action)),
        ("\"Effect\"", Some(Place::Effect)),
        ("\"Condition\"", Some(Place::Condition)),
        ("\"Resource\"", None),
        ("\"NotResource\"", None),
        ("\"Principal\"", None),
        ("\"Sid\"", None),
    ];
    KEYS.iter()
        .filter_map(|(key, place)| before_string.rfind(key).map(|at| (at, *place)))
        .max_by_key(|(at, _)| *at)
        .and_then(|(_, place)| place)
}

fn actions(typed: &str) -> Vec<String> {
    match typed.split_once(':') {
        Some((prefix, name)) => {
            let Some(service) = catalogue::service(&prefix.to_ascii_lowercase()) else { return Vec::new() };
            let all = (name.is_empty()).then(|| format!("{}:*", service.prefix));
            all.into_iter()
                .chain(
                    service
                        .actions
                        .iter()
                        .filter(|a| starts_with_ci(a.name, name))
                        .map(|a| format!("{}:{}", service.prefix, a.name)),
                )
                .collect()
        }
        None => catalogue::services()
            .iter()
            .filter(|s| starts_with_ci(s.prefix, typed))
            .map(|s| format!("{}:", s.prefix))
            .collect(),
    }
}

/// Operators start with a capital letter (`StringEquals`, `ForAnyValue:…`); condition keys with a lower-case
/// service prefix (`aws:SourceIp`, `s3:prefix`).
fn condition_words(typed: &str) -> Vec<String> {
    if typed.is_empty() {
        return Vec::new();
    }
    if typed.starts_with(|c: char| c.is_ascii_uppercase()) {
        return BaseOperator::all()
            .map(BaseOperator::name)
            .filter(|n| starts_with_ci(n, typed))
            .map(str::to_owned)
            .collect();
    }
    let service_keys = typed
        .split_once(':')
        .and_then(|(prefix, _)| catalogue::service(&prefix.to_ascii_lowercase()))
        .map(|service| service.condition_keys)
        .unwrap_or_default();
    catalogue::global_condition_keys()
        .iter()
        .chain(service_keys)
        .filter(|k| starts_with_ci(k, typed))
        .map(|k| k.to_string())
        .collect()
}

fn starts_with_ci(candidate: &str, typed: &str) -> bool {
    candidate.len() >= typed.len()
        && candidate.as_bytes().get(..typed.len()).is_some_and(|head| head.eq_ignore_ascii_case(typed.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_end(text: &str) -> Option<Completion> {
        complete(text, text.encode_utf16().count() as u32)
    }

    #[test]
    fn suggests_services_then_their_actions() {
        let services = at_end(r#"{"Statement":[{"Effect":"Allow","Action":["ia"#).unwrap();
        assert!(services.items.contains(&"iam:".to_owned()), "{:?}", services.items);
        let actions = at_end(r#"{"Statement":[{"Effect":"Allow","Action":"iam:CreateU"#).unwrap();
        assert_eq!(actions.items, vec!["iam:CreateUser".to_owned()]);
        let all = at_end(r#"{"Statement":[{"Action":"s3:"#).unwrap();
        assert_eq!(all.items[0], "s3:*");
    }

    #[test]
    fn accepting_replaces_only_the_typed_part_even_after_non_ascii() {
        let text = "{\"Sid\":\"é😀\",\"Action\":\"iam:GetUs\"}";
        let cursor = text[..text.find("\"}").unwrap()].encode_utf16().count() as u32;
        let completion = complete(text, cursor).unwrap();
        assert_eq!(completion.items, vec!["iam:GetUser".to_owned(), "iam:GetUserPolicy".to_owned()]);
        let (replaced, at) = completion.apply(text, "iam:GetUser");
        assert_eq!(replaced, "{\"Sid\":\"é😀\",\"Action\":\"iam:GetUser\"}");
        assert_eq!(at, replaced[..replaced.find("\"}").unwrap()].encode_utf16().count() as u32);
    }

    #[test]
    fn conditions_offer_operators_and_keys() {
        let ops = at_end(r#"{"Condition":{"StringEq"#).unwrap();
        assert!(ops.items.contains(&"StringEquals".to_owned()), "{:?}", ops.items);
        let keys = at_end(r#"{"Condition":{"Bool":{"aws:MultiF"#).unwrap();
        assert!(keys.items.contains(&"aws:MultiFactorAuthPresent".to_owned()), "{:?}", keys.items);
    }

    #[test]
    fn nothing_outside_strings_or_for_resources() {
        assert_eq!(at_end(r#"{"Action": "#), None);
        assert_eq!(at_end(r#"{"Action":"iam:GetUser","Resource":"arn:aws:iam"#), None);
        assert_eq!(at_end(r#"{"Effect":"Al"#).unwrap().items, vec!["Allow".to_owned()]);
    }
}
