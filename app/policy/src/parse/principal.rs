//! `Principal` / `NotPrincipal`: `"*"` or `{"AWS": ..., "Service": ..., "Federated": ..., "CanonicalUser": ...}`.
//!
//! Identity policies may not have one (validation reports that), but it is still read and checked so the author sees
//! every problem at once, and so resource-based policies can reuse this later.

use super::list;
use crate::ast::{PrincipalElement, PrincipalEntry, PrincipalValue};
use crate::diagnostic::{codes, Diagnostic};
use crate::json::{JsonKind, JsonMember};
use crate::span::Spanned;
use crate::suggest;

const PRINCIPAL_TYPES: &[&str] = &["AWS", "Service", "Federated", "CanonicalUser"];

pub(crate) fn principal(
    member: &JsonMember,
    negated: bool,
    out: &mut Vec<Diagnostic>,
) -> Option<PrincipalElement> {
    let value = &member.value;
    let principal_value = match &value.kind {
        JsonKind::String(s) if s == "*" => PrincipalValue::Everyone(value.span),
        JsonKind::Object(members) => {
            list::report_duplicate_keys(members, false, out);
            let mut entries = Vec::new();
            for entry in list::first_of_each_key(members) {
                if !PRINCIPAL_TYPES.contains(&entry.key.as_str()) {
                    let d = Diagnostic::error(
                        codes::INVALID_PRINCIPAL,
                        format!("unknown principal type `{}`", entry.key),
                        entry.key_span,
                    );
                    out.push(
                        match suggest::closest(&entry.key, PRINCIPAL_TYPES.iter().copied()) {
                            Some(s) => d.with_help(format!("did you mean `{s}`?")),
                            None => d.with_help(format!(
                                "principal types are {}",
                                list::backticked(PRINCIPAL_TYPES)
                            )),
                        },
                    );
                    continue;
                }
                let values =
                    list::strings(&format!("{}.{}", member.key, entry.key), &entry.value, out)?;
                entries.push(PrincipalEntry {
                    kind: Spanned::new(entry.key.clone(), entry.key_span),
                    values,
                });
            }
            PrincipalValue::Typed(entries)
        }
        _ => {
            out.push(
                Diagnostic::error(
                    codes::INVALID_PRINCIPAL,
                    format!("`{}` must be `\"*\"` or an object like `{{\"AWS\": \"...\"}}`, found {}", member.key, value.describe()),
                    value.span,
                )
                .with_help("write `{\"AWS\": \"arn:aws:iam::123456789012:root\"}`, or `\"*\"` for everyone"),
            );
            return None;
        }
    };
    Some(PrincipalElement {
        negated,
        value: principal_value,
        key_span: member.key_span,
    })
}
