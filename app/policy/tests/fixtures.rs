//! Validation of the documents in `tests/fixtures/`, against the table below: for each file, every finding in
//! document order, as (code, start of the text its span covers, a piece of its help or "" to skip).
//! Every fixture must be in the table, so a new fixture cannot be forgotten.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use iam_policy::{validate, PolicyKind};

type Finding = (&'static str, &'static str, &'static str);

const EXPECTATIONS: &[(&str, PolicyKind, &[Finding])] = &[
    ("valid_app_admin.json", PolicyKind::Managed, &[]),
    (
        "valid_manage_own_credentials.json",
        PolicyKind::Managed,
        &[
            // `sts` is not in the catalogue (it has only IAM and the seeded services): a warning, not an error.
            ("unknown-service", "\"sts:GetSessionToken\"", ""),
        ],
    ),
    ("valid_network_and_time.json", PolicyKind::Managed, &[]),
    ("valid_s3_home_folder.json", PolicyKind::UserInline, &[]),
    ("valid_tags_and_sets.json", PolicyKind::GroupInline, &[]),
    (
        "suggest_old_version_single_statement.json",
        PolicyKind::Managed,
        &[("old-version", "\"2008-10-17\"", "use `2012-10-17`")],
    ),
    (
        "invalid_json_trailing_comma.json",
        PolicyKind::Managed,
        &[("invalid-json", "]", "trailing comma")],
    ),
    (
        "invalid_json_unquoted_value.json",
        PolicyKind::Managed,
        &[("invalid-json", "Allow", "`\"Allow\"`")],
    ),
    (
        "invalid_not_an_object.json",
        PolicyKind::Managed,
        &[("not-an-object", "[{", "")],
    ),
    (
        "invalid_effect_and_version.json",
        PolicyKind::Managed,
        &[
            ("invalid-version", "\"2012-10-18\"", "`\"2012-10-17\"`"),
            ("invalid-effect", "\"allow\"", "did you mean `Allow`?"),
            ("invalid-effect", "\"Permit\"", "`\"Allow\"` or `\"Deny\"`"),
        ],
    ),
    (
        "invalid_action_and_notaction.json",
        PolicyKind::Managed,
        &[
            ("action-and-notaction", "\"NotAction\"", ""),
            ("resource-and-notresource", "\"NotResource\"", ""),
        ],
    ),
    (
        "invalid_unknown_actions.json",
        PolicyKind::Managed,
        &[
            (
                "unknown-action",
                "\"iam:CreatUser\"",
                "did you mean `iam:CreateUser`?",
            ),
            (
                "unknown-action",
                "\"iam:ListUser\"",
                "did you mean `iam:ListUsers`?",
            ),
            (
                "unknown-action",
                "\"s3:GetObjekt\"",
                "did you mean `s3:GetObject`?",
            ),
            ("wildcard-matches-nothing", "\"iam:Frob*\"", ""),
            ("unknown-service", "\"lambda:InvokeFunction\"", ""),
            (
                "unknown-service",
                "\"s4:GetObject\"",
                "did you mean `s3:GetObject`?",
            ),
        ],
    ),
    (
        "invalid_action_syntax.json",
        PolicyKind::Managed,
        &[
            (
                "wildcard-in-service",
                "\"*:GetObject\"",
                "did you mean `s3:GetObject`?",
            ),
            (
                "wildcard-in-service",
                "\"s*:Get*\"",
                "list each service instead",
            ),
            ("invalid-action", "\"GetUser\"", "`service:ActionName`"),
            ("invalid-action", "\"iam:\"", "`iam:*`"),
            ("invalid-action", "\"iam:Get User\"", ""),
            ("variable-not-allowed", "\"iam:${aws:username}\"", ""),
        ],
    ),
    (
        "invalid_malformed_arns.json",
        PolicyKind::Managed,
        &[
            ("malformed-arn", "\"my-bucket/*\"", "starts with `arn:`"),
            ("malformed-arn", "\"arn:aws:s3:my-bucket\"", "six parts"),
            ("malformed-arn", "\"arn::s3:::my-bucket\"", "partition"),
        ],
    ),
    (
        "invalid_condition_values.json",
        PolicyKind::Managed,
        &[
            ("invalid-condition-value", "\"next tuesday\"", "iso 8601"),
            ("invalid-condition-value", "\"10.0.0.0/33\"", "cidr"),
            ("invalid-condition-value", "\"localhost\"", "cidr"),
            ("invalid-condition-value", "\"an hour\"", "a decimal"),
            ("invalid-condition-value", "\"yes\"", "`true` or `false`"),
            (
                "unknown-condition-operator",
                "\"StringEqual\"",
                "did you mean `StringEquals`?",
            ),
            (
                "unknown-condition-operator",
                "\"NullIfExists\"",
                "did you mean `Null`?",
            ),
            (
                "unknown-condition-key",
                "\"aws:usernam\"",
                "did you mean `aws:username`?",
            ),
            ("invalid-condition-value", "[]", "at least one value"),
        ],
    ),
    (
        "invalid_principal_in_identity_policy.json",
        PolicyKind::Managed,
        &[
            (
                "principal-in-identity-policy",
                "\"Principal\"",
                "remove `Principal`",
            ),
            ("invalid-principal", "\"Servce\"", "did you mean `Service`?"),
        ],
    ),
    (
        "invalid_missing_elements.json",
        PolicyKind::Managed,
        &[
            (
                "unknown-element",
                "\"Statment\"",
                "did you mean `Statement`?",
            ),
            ("missing-effect", "{", ""),
            ("missing-action", "{", ""),
            ("missing-resource", "{", ""),
            (
                "unknown-element",
                "\"Conditon\"",
                "did you mean `Condition`?",
            ),
        ],
    ),
    (
        "invalid_duplicates.json",
        PolicyKind::Managed,
        &[
            ("duplicate-key", "\"Effect\"", ""),
            ("duplicate-sid", "\"Read\"", "statement 1"),
            ("invalid-sid", "\"bad-sid\"", "letters and digits"),
        ],
    ),
    (
        "warn_variables_in_old_version.json",
        PolicyKind::Managed,
        &[
            ("old-version", "\"2008-10-17\"", ""),
            (
                "variable-in-old-version",
                "\"arn:aws:s3:::home-bucket/home/${aws:username}/*\"",
                "\"Version\": \"2012-10-17\"",
            ),
            ("variable-in-old-version", "\"home/${aws:username}/*\"", ""),
        ],
    ),
    (
        "warn_security.json",
        PolicyKind::Managed,
        &[
            ("allow-all", "\"*\"", ""),
            ("allow-with-notaction", "\"NotAction\"", ""),
            ("passrole-with-star", "\"*\"", "list the roles"),
            ("allow-with-notresource", "\"NotResource\"", ""),
        ],
    ),
    (
        "too_large_for_user_inline.json",
        PolicyKind::UserInline,
        &[("policy-too-large", "", "managed policy")],
    ),
];

fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_fixture_gives_exactly_the_expected_findings() {
    let mut failures = Vec::new();
    for (name, kind, expected) in EXPECTATIONS {
        let text = fixture(name);
        let validation = validate(&text, *kind);
        let actual: Vec<_> = validation.diagnostics.iter().collect();
        let same_codes = actual.len() == expected.len()
            && actual
                .iter()
                .zip(expected.iter())
                .all(|(d, (code, at, help))| {
                    let covered = d.span.and_then(|s| s.slice(&text)).unwrap_or("");
                    d.code == *code
                        && covered.starts_with(at)
                        && (help.is_empty() || d.help.as_deref().is_some_and(|h| h.contains(help)))
                });
        if !same_codes {
            failures.push(format!(
                "{name}:\n  expected {expected:?}\n  got {:#?}",
                validation.diagnostics
            ));
        }
        // A policy comes back exactly when there is no error.
        assert_eq!(
            validation.policy.is_some(),
            !validation.has_errors(),
            "{name}"
        );
        if name.starts_with("valid_") || name.starts_with("warn_") || name.starts_with("suggest_") {
            assert!(validation.policy.is_some(), "{name} should be accepted");
        }
        if name.starts_with("invalid_") || name.starts_with("too_large") {
            assert!(validation.policy.is_none(), "{name} should be rejected");
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_fixture_file_is_in_the_table() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for entry in std::fs::read_dir(dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        if name.ends_with(".json") {
            assert!(
                EXPECTATIONS.iter().any(|(n, _, _)| *n == name),
                "{name} has no expectations"
            );
        }
    }
}

#[test]
fn the_too_large_fixture_fits_a_group_policy() {
    let text = fixture("too_large_for_user_inline.json");
    assert!(validate(&text, PolicyKind::GroupInline)
        .diagnostics
        .is_empty());
}
