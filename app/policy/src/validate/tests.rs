#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use super::*;

/// (code, the text the span covers) for every finding.
fn findings(text: &str) -> Vec<(String, String)> {
    validate(text, PolicyKind::Managed)
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.code.to_string(),
                d.span.and_then(|s| s.slice(text)).unwrap_or("").to_owned(),
            )
        })
        .collect()
}

fn one(text: &str, code: &str) -> Diagnostic {
    let v = validate(text, PolicyKind::Managed);
    let found: Vec<_> = v.diagnostics.iter().filter(|d| d.code == code).collect();
    assert_eq!(
        found.len(),
        1,
        "expected one `{code}` in {:#?}",
        v.diagnostics
    );
    found[0].clone()
}

fn statement(body: &str) -> String {
    format!(r#"{{"Version": "2012-10-17", "Statement": [{{{body}}}]}}"#)
}

#[test]
fn a_clean_policy_has_no_findings_and_a_policy() {
    let text = statement(
        r#""Sid": "ReadUsers", "Effect": "Allow", "Action": ["iam:GetUser", "iam:List*"], "Resource": "arn:aws:iam::123456789012:user/*""#,
    );
    let v = validate(&text, PolicyKind::UserInline);
    assert!(v.diagnostics.is_empty(), "{:#?}", v.diagnostics);
    let policy = v.policy.unwrap();
    assert_eq!(policy.statements.len(), 1);
    assert_eq!(policy.statements[0].action.values.len(), 2);
    assert_eq!(
        policy.statements[0].sid.as_ref().unwrap().value,
        "ReadUsers"
    );
}

#[test]
fn a_single_statement_object_and_single_strings_are_accepted() {
    let text = r#"{"Version": "2012-10-17", "Statement": {"Effect": "Deny", "NotAction": "iam:*", "NotResource": "*"}}"#;
    let v = validate(text, PolicyKind::Managed);
    assert!(!v.has_errors(), "{:#?}", v.diagnostics);
    let s = &v.policy.unwrap().statements[0];
    assert!(s.action.negated && s.resource.negated);
}

#[test]
fn invalid_json_points_at_the_problem() {
    let text = "{\"Version\": \"2012-10-17\",\n \"Statement\": [}";
    let d = one(text, codes::INVALID_JSON);
    assert_eq!(d.span.unwrap().slice(text), Some("}"));
    assert_eq!(d.severity, Severity::Error);
    assert!(validate(text, PolicyKind::Managed).policy.is_none());
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let text = r#"{"Version": "2012-10-18", "Statement": [
        {"Effect": "allow", "Action": "iam:CreatUser", "Resource": "bucket"},
        {"Action": "s3:GetObject", "NotAction": "s3:PutObject", "Resource": "*", "Colour": "red"}
    ]}"#;
    let codes: Vec<String> = findings(text).into_iter().map(|(c, _)| c).collect();
    for expected in [
        "invalid-version",
        "invalid-effect",
        "unknown-action",
        "malformed-arn",
        "missing-effect",
        "action-and-notaction",
        "unknown-element",
    ] {
        assert!(
            codes.iter().any(|c| c == expected),
            "missing {expected} in {codes:?}"
        );
    }
}

#[test]
fn effect_gets_a_did_you_mean() {
    let d = one(
        &statement(r#""Effect": "allow", "Action": "iam:GetUser", "Resource": "*""#),
        codes::INVALID_EFFECT,
    );
    assert_eq!(d.message, "`allow` is not a valid effect");
    assert_eq!(d.help.as_deref(), Some("did you mean `Allow`?"));
}

#[test]
fn unknown_action_suggests_the_closest() {
    let text = statement(r#""Effect": "Allow", "Action": "iam:CreatUser", "Resource": "*""#);
    let d = one(&text, codes::UNKNOWN_ACTION);
    assert_eq!(d.message, "unknown action `iam:CreatUser`");
    assert_eq!(d.help.as_deref(), Some("did you mean `iam:CreateUser`?"));
    assert_eq!(d.span.unwrap().slice(&text), Some("\"iam:CreatUser\""));
}

#[test]
fn actions_are_case_insensitive() {
    let v = validate(
        &statement(r#""Effect": "Allow", "Action": "IAM:getuser", "Resource": "*""#),
        PolicyKind::Managed,
    );
    assert!(!v.has_errors(), "{:#?}", v.diagnostics);
}

#[test]
fn unknown_service_is_a_warning() {
    let d = one(
        &statement(r#""Effect": "Allow", "Action": "lambda:InvokeFunction", "Resource": "*""#),
        codes::UNKNOWN_SERVICE,
    );
    assert_eq!(d.severity, Severity::Warning);
    let d = one(
        &statement(r#""Effect": "Allow", "Action": "s4:GetObject", "Resource": "*""#),
        codes::UNKNOWN_SERVICE,
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `s3:GetObject`?"));
}

#[test]
fn wildcards_in_the_service_prefix_are_errors() {
    for action in ["*:GetObject", "s*:Get", "*:*"] {
        let d = one(
            &statement(&format!(
                r#""Effect": "Allow", "Action": "{action}", "Resource": "*""#
            )),
            codes::WILDCARD_IN_SERVICE,
        );
        assert_eq!(d.severity, Severity::Error, "{action}");
    }
}

#[test]
fn wildcard_that_matches_nothing_is_a_warning() {
    let d = one(
        &statement(r#""Effect": "Allow", "Action": "iam:Frobnicate*", "Resource": "*""#),
        codes::WILDCARD_MATCHES_NOTHING,
    );
    assert_eq!(d.severity, Severity::Warning);
}

#[test]
fn malformed_actions() {
    for (action, needle) in [
        ("GetUser", "is not an action"),
        ("iam:", "names no action"),
        ("iam:Get User", "contains ` `"),
        ("i am:GetUser", "not a service prefix"),
    ] {
        let d = one(
            &statement(&format!(
                r#""Effect": "Allow", "Action": "{action}", "Resource": "*""#
            )),
            codes::INVALID_ACTION,
        );
        assert!(d.message.contains(needle), "{action}: {}", d.message);
    }
}

#[test]
fn missing_elements_point_at_the_statement() {
    let text = r#"{"Version": "2012-10-17", "Statement": [{"Sid": "A"}]}"#;
    for code in [
        codes::MISSING_EFFECT,
        codes::MISSING_ACTION,
        codes::MISSING_RESOURCE,
    ] {
        let d = one(text, code);
        assert_eq!(d.span.unwrap().slice(text), Some("{"));
    }
    let d = one(r#"{"Version": "2012-10-17"}"#, codes::MISSING_STATEMENT);
    assert_eq!(d.severity, Severity::Error);
    one(
        r#"{"Version": "2012-10-17", "Statement": []}"#,
        codes::MISSING_STATEMENT,
    );
    one(
        &statement(r#""Effect": "Allow", "Action": [], "Resource": "*""#),
        codes::MISSING_ACTION,
    );
}

#[test]
fn unknown_elements_get_a_hint() {
    let d = one(
        &statement(r#""Efect": "Allow", "Action": "iam:GetUser", "Resource": "*""#),
        codes::UNKNOWN_ELEMENT,
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `Effect`?"));
    let d = one(
        r#"{"Version": "2012-10-17", "Effect": "Allow", "Statement": {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}}"#,
        codes::UNKNOWN_ELEMENT,
    );
    assert_eq!(
        d.help.as_deref(),
        Some("`Effect` belongs inside a statement")
    );
    let d = one(
        &statement(
            r#""Version": "2012-10-17", "Effect": "Allow", "Action": "iam:GetUser", "Resource": "*""#,
        ),
        codes::UNKNOWN_ELEMENT,
    );
    assert_eq!(
        d.help.as_deref(),
        Some("`Version` belongs inside the top level of the policy")
    );
}

#[test]
fn duplicate_keys_and_sids() {
    let text = statement(
        r#""Effect": "Allow", "Effect": "Deny", "Action": "iam:GetUser", "Resource": "*""#,
    );
    let d = one(&text, codes::DUPLICATE_KEY);
    assert_eq!(
        d.span.unwrap().start as usize,
        text.rfind("\"Effect\"").unwrap()
    );
    let text = r#"{"Version": "2012-10-17", "Statement": [
        {"Sid": "One", "Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"},
        {"Sid": "One", "Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}]}"#;
    let d = one(text, codes::DUPLICATE_SID);
    assert_eq!(
        d.span.unwrap().start as usize,
        text.rfind("\"One\"").unwrap()
    );
    let text = statement(
        r#""Effect": "Allow", "Action": "iam:GetUser", "Resource": "*", "Condition": {"StringEquals": {"aws:username": "a", "AWS:UserName": "b"}}"#,
    );
    one(&text, codes::DUPLICATE_KEY);
}

#[test]
fn sid_must_be_alphanumeric() {
    let d = one(
        &statement(
            r#""Sid": "read-users", "Effect": "Allow", "Action": "iam:GetUser", "Resource": "*""#,
        ),
        codes::INVALID_SID,
    );
    assert_eq!(d.message, "`Sid` `read-users` contains `-`");
}

#[test]
fn principal_is_rejected_in_identity_policies_but_still_checked() {
    let text = statement(
        r#""Effect": "Allow", "Principal": {"AWS": "*", "Robot": "x"}, "Action": "iam:GetUser", "Resource": "*""#,
    );
    let d = one(&text, codes::PRINCIPAL_IN_IDENTITY_POLICY);
    assert_eq!(d.span.unwrap().slice(&text), Some("\"Principal\""));
    one(&text, codes::INVALID_PRINCIPAL);
    let text = statement(
        r#""Effect": "Allow", "Principal": "*", "NotPrincipal": "*", "Action": "iam:GetUser", "Resource": "*""#,
    );
    one(&text, codes::PRINCIPAL_AND_NOTPRINCIPAL);
}

#[test]
fn malformed_arns() {
    for resource in [
        "bucket",
        "arn:aws:s3",
        "arn::s3:::b",
        "arn:aws:iam::123456789012",
    ] {
        let d = one(
            &statement(&format!(
                r#""Effect": "Allow", "Action": "s3:GetObject", "Resource": "{resource}""#
            )),
            codes::MALFORMED_ARN,
        );
        assert_eq!(d.message, format!("`{resource}` is not a valid arn"));
    }
}

#[test]
fn condition_operators_and_value_types() {
    let d = one(
        &statement(
            r#""Effect": "Allow", "Action": "iam:GetUser", "Resource": "*", "Condition": {"StringEqual": {"aws:username": "a"}}"#,
        ),
        codes::UNKNOWN_CONDITION_OPERATOR,
    );
    assert_eq!(d.help.as_deref(), Some("did you mean `StringEquals`?"));
    for (op, value) in [
        ("DateGreaterThan", r#""tomorrow""#),
        ("IpAddress", r#""10.0.0.0/33""#),
        ("NumericLessThan", r#""ten""#),
        ("Bool", r#""yes""#),
        ("BinaryEquals", r#""not base64!""#),
        ("Null", "1"),
    ] {
        let text = statement(&format!(
            r#""Effect": "Allow", "Action": "iam:GetUser", "Resource": "*", "Condition": {{"{op}": {{"aws:SourceIp": {value}}}}}"#
        ));
        let d = one(&text, codes::INVALID_CONDITION_VALUE);
        assert_eq!(d.span.unwrap().slice(&text), Some(value), "{op}");
    }
    // JSON booleans and numbers are as good as strings.
    let text = statement(
        r#""Effect": "Allow", "Action": "iam:GetUser", "Resource": "*", "Condition": {"Bool": {"aws:MultiFactorAuthPresent": true}, "NumericLessThan": {"aws:MultiFactorAuthAge": 3600}, "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"}, "IpAddress": {"aws:SourceIp": ["203.0.113.0/24", "2001:db8::/32"]}}"#,
    );
    let v = validate(&text, PolicyKind::Managed);
    assert!(v.diagnostics.is_empty(), "{:#?}", v.diagnostics);
    let conditions = &v.policy.unwrap().statements[0].conditions;
    assert_eq!(conditions[0].values[0].value, "true");
    assert_eq!(conditions[1].values[0].value, "3600");
}

#[test]
fn condition_value_shapes() {
    one(
        &statement(
            r#""Effect": "Allow", "Action": "iam:GetUser", "Resource": "*", "Condition": {"StringEquals": {"aws:username": []}}"#,
        ),
        codes::INVALID_CONDITION_VALUE,
    );
    one(
        &statement(
            r#""Effect": "Allow", "Action": "iam:GetUser", "Resource": "*", "Condition": {"StringEquals": {"aws:username": null}}"#,
        ),
        codes::INVALID_CONDITION_VALUE,
    );
    one(
        &statement(
            r#""Effect": "Allow", "Action": "iam:GetUser", "Resource": "*", "Condition": {"StringEquals": {"aws:username": [["a"]]}}"#,
        ),
        codes::INVALID_CONDITION_VALUE,
    );
    one(
        &statement(
            r#""Effect": "Allow", "Action": "iam:GetUser", "Resource": "*", "Condition": {"StringEquals": "aws:username"}"#,
        ),
        codes::INVALID_TYPE,
    );
}

#[test]
fn unknown_condition_keys_are_warnings() {
    let d = one(
        &statement(
            r#""Effect": "Allow", "Action": "iam:GetUser", "Resource": "*", "Condition": {"StringEquals": {"aws:usrname": "a"}}"#,
        ),
        codes::UNKNOWN_CONDITION_KEY,
    );
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.help.as_deref(), Some("did you mean `aws:username`?"));
    let v = validate(
        &statement(
            r#""Effect": "Allow", "Action": "iam:GetUser", "Resource": "*", "Condition": {"StringEquals": {"aws:PrincipalTag/team": "a", "iam:ResourceTag/x": "b"}}"#,
        ),
        PolicyKind::Managed,
    );
    assert!(v.diagnostics.is_empty(), "{:#?}", v.diagnostics);
}

#[test]
fn variables_under_the_old_version_are_literal() {
    let text = r#"{"Version": "2008-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/${aws:username}/*"}}"#;
    let d = one(text, codes::VARIABLE_IN_OLD_VERSION);
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        d.message,
        "`${aws:username}` is matched literally: policy variables need version `2012-10-17`"
    );
    one(text, codes::OLD_VERSION);
    let text = r#"{"Statement": {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/${aws:username}/*"}}"#;
    one(text, codes::VARIABLE_IN_OLD_VERSION);
    one(text, codes::MISSING_VERSION);
    let ok = statement(
        r#""Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/${aws:username}/${*}""#,
    );
    assert!(validate(&ok, PolicyKind::Managed).diagnostics.is_empty());
    one(
        &statement(
            r#""Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket/${aws:username""#,
        ),
        codes::INVALID_VARIABLE,
    );
}

#[test]
fn security_warnings() {
    let d = one(
        &statement(r#""Effect": "Allow", "NotAction": "iam:*", "Resource": "*""#),
        codes::ALLOW_WITH_NOTACTION,
    );
    assert_eq!(d.severity, Severity::SecurityWarning);
    let text = statement(r#""Effect": "Allow", "Action": "*", "Resource": "*""#);
    let d = one(&text, codes::ALLOW_ALL);
    assert_eq!(d.span.unwrap().slice(&text), Some("\"*\""));
    assert!(!findings(&text)
        .iter()
        .any(|(c, _)| c == codes::PASSROLE_WITH_STAR));
    for action in ["iam:PassRole", "iam:Pass*", "iam:*", "IAM:passrole"] {
        one(
            &statement(&format!(
                r#""Effect": "Allow", "Action": "{action}", "Resource": "*""#
            )),
            codes::PASSROLE_WITH_STAR,
        );
    }
    let quiet = [
        r#""Effect": "Deny", "Action": "*", "Resource": "*""#,
        r#""Effect": "Allow", "Action": "iam:PassRole", "Resource": "arn:aws:iam::123456789012:role/app-*""#,
        r#""Effect": "Deny", "NotAction": "iam:*", "Resource": "*""#,
    ];
    for body in quiet {
        let v = validate(&statement(body), PolicyKind::Managed);
        assert!(v.diagnostics.is_empty(), "{body}: {:#?}", v.diagnostics);
    }
}

#[test]
fn size_limits_depend_on_the_kind() {
    let actions: Vec<String> = (0..170).map(|_| "\"iam:GetUser\"".to_owned()).collect();
    let text = statement(&format!(
        r#""Effect": "Allow", "Action": [{}], "Resource": "*""#,
        actions.join(", ")
    ));
    let size = policy_size(&text);
    assert!(size > 2_048 && size < 5_120, "{size}");
    assert!(validate(&text, PolicyKind::UserInline)
        .diagnostics
        .iter()
        .any(|d| d.code == codes::POLICY_TOO_LARGE));
    assert!(validate(&text, PolicyKind::GroupInline)
        .diagnostics
        .is_empty());
    // The size is checked even when the JSON is broken.
    let broken = format!("{{ {}", "x".repeat(7_000));
    let v = validate(&broken, PolicyKind::Managed);
    assert!(v
        .diagnostics
        .iter()
        .any(|d| d.code == codes::POLICY_TOO_LARGE));
    assert!(v.diagnostics.iter().any(|d| d.code == codes::INVALID_JSON));
}

#[test]
fn policy_is_some_exactly_when_there_is_no_error() {
    let warn_only = statement(r#""Effect": "Allow", "Action": "*", "Resource": "*""#);
    let v = validate(&warn_only, PolicyKind::Managed);
    assert!(!v.has_errors() && v.policy.is_some());
    let with_error = statement(r#""Effect": "Allow", "Action": "iam:Nope", "Resource": "*""#);
    let v = validate(&with_error, PolicyKind::Managed);
    assert!(v.has_errors() && v.policy.is_none());
}

#[test]
fn not_an_object() {
    one("[]", codes::NOT_AN_OBJECT);
    one(r#""policy""#, codes::NOT_AN_OBJECT);
    one(
        r#"{"Version": "2012-10-17", "Statement": "x"}"#,
        codes::INVALID_TYPE,
    );
    one(
        r#"{"Version": 2012, "Statement": []}"#,
        codes::INVALID_VERSION,
    );
}

#[test]
fn diagnostics_are_in_document_order_and_serialize() {
    let text = statement(r#""Effect": "allow", "Action": "iam:Nope", "Resource": "bucket""#);
    let v = validate(&text, PolicyKind::Managed);
    let starts: Vec<u32> = v
        .diagnostics
        .iter()
        .filter_map(|d| d.span)
        .map(|s| s.start)
        .collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    let json = serde_json::to_string(&v).unwrap();
    assert!(json.contains(r#""severity":"error""#));
    let back: Validation = serde_json::from_str(&json).unwrap();
    assert_eq!(back, v);
}

#[test]
fn rendering_for_logs() {
    let text = "{\"Version\": \"2012-10-17\",\n \"Statement\": {\"Effect\": \"allow\", \"Action\": \"iam:GetUser\", \"Resource\": \"*\"}}";
    let v = validate(text, PolicyKind::Managed);
    let index = crate::span::LineIndex::new(text);
    let rendered = v.diagnostics[0].render(&index);
    assert_eq!(rendered, "error[invalid-effect]: `allow` is not a valid effect\n  --> 2:26\n  help: did you mean `Allow`?");
}
