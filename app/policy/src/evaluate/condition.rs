//! Condition evaluation, as the IAM User Guide describes it:
//!
//! - the values listed for one key are ORed: the request value must match one of them; for a negated operator
//!   (`StringNotEquals`, `NotIpAddress`, …) it must match none of them;
//! - a key the request lacks makes the condition false, except for negated operators and `…IfExists` (true) and
//!   `Null` (which tests exactly that);
//! - `ForAllValues:` is true when every request value passes (so also when there are none); `ForAnyValue:` when at
//!   least one does (so false when there are none);
//! - a multivalued request key without a qualifier passes when any of its values matches (none, when negated);
//! - a request value of the wrong type (`"abc"` for `NumericLessThan`) fails the test, negated or not.
//!
//! Policy values are parsed once at compile time; a value that does not parse (impossible after validation) matches
//! nothing.

use super::context::{fold_key, ValueRef};
use super::missing::MissingKeys;
use super::request::Request;
use super::template::{Syntax, Template};
use crate::ast::Condition;
use crate::operator::{Comparison, ConditionOperator, SetQualifier, ValueType};
use crate::values::arn::split_arn;
use crate::values::date::parse_date;
use crate::values::ip::Cidr;
use crate::values::number::parse_number;

#[derive(Debug, Clone)]
pub(crate) struct CompiledCondition {
    operator: ConditionOperator,
    folded_key: Box<str>,
    key: Box<str>,
    values: Values,
}

/// The policy values, parsed for the operator's type.
#[derive(Debug, Clone)]
enum Values {
    Strings(Vec<Template>),
    Numbers(Vec<Option<f64>>),
    Dates(Vec<Option<i64>>),
    Bools(Vec<Option<bool>>),
    Binary(Vec<Box<str>>),
    Ips(Vec<Option<Cidr>>),
    /// Six per-part templates per value, or `None` when the value is not six parts, then matched whole.
    Arns(Vec<ArnPattern>),
    /// `Null`: `true` means "the key must be absent".
    Null(Vec<Option<bool>>),
}

#[derive(Debug, Clone)]
enum ArnPattern {
    Parts(Box<[Template; 6]>),
    Whole(Template),
}

impl CompiledCondition {
    pub fn compile(condition: &Condition, variables: bool) -> CompiledCondition {
        let operator = condition.operator.value;
        let texts = condition.values.iter().map(|v| v.value.as_str());
        let parse_bool = |t: &str| match t.to_ascii_lowercase().as_str() {
            "true" => Some(true),
            "false" => Some(false),
            _ => None,
        };
        let values = match operator.base.value_type() {
            ValueType::String => {
                let wildcards = operator.base.comparison() == Comparison::Like;
                let syntax = Syntax {
                    wildcards,
                    variables,
                    ignore_case: false,
                };
                Values::Strings(texts.map(|t| Template::compile(t, syntax)).collect())
            }
            ValueType::Numeric => Values::Numbers(texts.map(parse_number).collect()),
            ValueType::Date => Values::Dates(texts.map(parse_date).collect()),
            ValueType::Bool => Values::Bools(texts.map(parse_bool).collect()),
            ValueType::Null => Values::Null(texts.map(parse_bool).collect()),
            ValueType::Binary => Values::Binary(texts.map(Into::into).collect()),
            ValueType::Ip => Values::Ips(texts.map(Cidr::parse).collect()),
            ValueType::Arn => Values::Arns(texts.map(|t| arn_pattern(t, variables)).collect()),
        };
        CompiledCondition {
            operator,
            folded_key: fold_key(&condition.key.value).into(),
            key: condition.key.value.as_str().into(),
            values,
        }
    }

    /// Whether the condition holds for `request`. Keys the request lacks are noted in `missing` (except for `Null`,
    /// whose point is to ask).
    pub fn holds<'a>(&'a self, request: &'a Request, missing: &mut MissingKeys<'a>) -> bool {
        let found = request.lookup(&self.folded_key);
        // An empty list is as good as no value: there is nothing to compare.
        let value = found.filter(|v| !matches!(v, ValueRef::List(items) if items.is_empty()));
        if let Values::Null(wants_absent) = &self.values {
            let absent = value.is_none();
            return wants_absent.contains(&Some(absent));
        }
        let op = self.operator;
        let Some(value) = value else {
            if found.is_none() {
                missing.note(&self.key);
            }
            return match op.qualifier {
                Some(SetQualifier::ForAllValues) => true,
                Some(SetQualifier::ForAnyValue) => op.if_exists,
                None => op.if_exists || op.base.is_negated(),
            };
        };
        match (value, op.qualifier) {
            (ValueRef::List(items), Some(SetQualifier::ForAllValues)) => items
                .iter()
                .all(|i| self.passes(ValueRef::of(i), request, missing)),
            (ValueRef::List(items), Some(SetQualifier::ForAnyValue)) => items
                .iter()
                .any(|i| self.passes(ValueRef::of(i), request, missing)),
            (ValueRef::List(items), None) => {
                let any_match = items
                    .iter()
                    .any(|i| self.matches_any(ValueRef::of(i), request, missing) == Some(true));
                any_match != op.base.is_negated()
            }
            (single, _) => self.passes(single, request, missing),
        }
    }

    /// The test for one request value: it matches one of the policy values (none of them, when negated). A value of
    /// the wrong type fails either way.
    fn passes<'a>(
        &'a self,
        value: ValueRef<'a>,
        request: &'a Request,
        missing: &mut MissingKeys<'a>,
    ) -> bool {
        match self.matches_any(value, request, missing) {
            Some(any) => any != self.operator.base.is_negated(),
            None => false,
        }
    }

    /// Whether `value` matches any policy value under the (un-negated) comparison; `None` when it is not of the type
    /// the operator compares.
    fn matches_any<'a>(
        &'a self,
        value: ValueRef<'a>,
        request: &'a Request,
        missing: &mut MissingKeys<'a>,
    ) -> Option<bool> {
        let comparison = self.operator.base.comparison();
        Some(match &self.values {
            Values::Strings(templates) => {
                let text = value.as_text()?;
                templates
                    .iter()
                    .any(|t| string_matches(t, comparison, &text, request, missing))
            }
            Values::Numbers(numbers) => {
                let n = value.as_number()?;
                numbers
                    .iter()
                    .flatten()
                    .any(|p| ordered(comparison, n.partial_cmp(p)))
            }
            Values::Dates(dates) => {
                let d = value.as_date_millis()?;
                dates
                    .iter()
                    .flatten()
                    .any(|p| ordered(comparison, Some(d.cmp(p))))
            }
            Values::Bools(bools) => {
                let b = value.as_bool()?;
                bools.contains(&Some(b))
            }
            Values::Binary(encoded) => {
                let ValueRef::Str(s) = value else { return None };
                encoded.iter().any(|p| p.as_ref() == s)
            }
            Values::Ips(ranges) => {
                let ip = value.as_ip()?;
                ranges.iter().flatten().any(|r| r.contains(ip))
            }
            Values::Arns(patterns) => {
                let text = value.as_text()?;
                patterns
                    .iter()
                    .any(|p| arn_matches(p, &text, request, missing))
            }
            Values::Null(_) => return None,
        })
    }
}

fn string_matches<'a>(
    template: &'a Template,
    comparison: Comparison,
    text: &str,
    request: &'a Request,
    missing: &mut MissingKeys<'a>,
) -> bool {
    match comparison {
        Comparison::Like => template.matches(text, request, missing),
        Comparison::EqualsIgnoreCase => template
            .literal(request, missing)
            .is_some_and(|p| equal_ignoring_case(&p, text)),
        _ => template
            .literal(request, missing)
            .is_some_and(|p| p == text),
    }
}

/// Case-insensitive equality, ASCII fast path and Unicode lowercase otherwise (`É` equals `é`).
fn equal_ignoring_case(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        return a.eq_ignore_ascii_case(b);
    }
    a.chars()
        .flat_map(char::to_lowercase)
        .eq(b.chars().flat_map(char::to_lowercase))
}

/// `request <op> policy`: `NumericLessThan` holds when the request value is less than the policy value.
fn ordered(comparison: Comparison, order: Option<std::cmp::Ordering>) -> bool {
    use std::cmp::Ordering::{Equal, Greater, Less};
    match (comparison, order) {
        (_, None) => false,
        (Comparison::Equals | Comparison::EqualsIgnoreCase | Comparison::Like, Some(o)) => {
            o == Equal
        }
        (Comparison::LessThan, Some(o)) => o == Less,
        (Comparison::LessThanEquals, Some(o)) => o != Greater,
        (Comparison::GreaterThan, Some(o)) => o == Greater,
        (Comparison::GreaterThanEquals, Some(o)) => o != Less,
    }
}

fn arn_pattern(text: &str, variables: bool) -> ArnPattern {
    let syntax = Syntax {
        wildcards: true,
        variables,
        ignore_case: false,
    };
    match split_arn_pattern(text, variables) {
        Some(parts) => ArnPattern::Parts(Box::new(parts.map(|p| Template::compile(p, syntax)))),
        None => ArnPattern::Whole(Template::compile(text, syntax)),
    }
}

/// Like [`split_arn`], but a `:` inside `${…}` (as in `${aws:PrincipalAccount}`) does not split.
fn split_arn_pattern(text: &str, variables: bool) -> Option<[&str; 6]> {
    if !variables {
        return split_arn(text);
    }
    let mut cuts = [0usize; 5];
    let mut found = 0;
    let mut in_variable = false;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'$' if bytes.get(i + 1) == Some(&b'{') => in_variable = true,
            b'}' => in_variable = false,
            b':' if !in_variable && found < 5 => {
                cuts[found] = i;
                found += 1;
            }
            _ => {}
        }
    }
    if found < 5 {
        return None;
    }
    let part = |from: usize, to: usize| text.get(from..to);
    let parts = [
        part(0, cuts[0])?,
        part(cuts[0] + 1, cuts[1])?,
        part(cuts[1] + 1, cuts[2])?,
        part(cuts[2] + 1, cuts[3])?,
        part(cuts[3] + 1, cuts[4])?,
        part(cuts[4] + 1, text.len())?,
    ];
    (parts[0] == "arn").then_some(parts)
}

/// ARN operators compare each of the six parts on its own, so a `*` in the account part cannot swallow the resource.
fn arn_matches<'a>(
    pattern: &'a ArnPattern,
    text: &str,
    request: &'a Request,
    missing: &mut MissingKeys<'a>,
) -> bool {
    match pattern {
        ArnPattern::Whole(t) => t.matches(text, request, missing),
        ArnPattern::Parts(parts) => match split_arn(text) {
            Some(actual) => parts
                .iter()
                .zip(actual)
                .all(|(p, a)| p.matches(a, request, missing)),
            None => false,
        },
    }
}
