//! The audit log, the policy simulator (and the authorization decision point), the account summary, the credential
//! report and the account alias: success paths, AWS error codes, and authorization.

use app::backend::service::reports::CREDENTIAL_REPORT_COLUMNS;
use app::backend::service::simulation::{Context, Decision};
use app::model::credentials::{AccessKeyId, AccessKeyStatus};
use app::model::reports::{
    AuditEventView, AuditQuery, ContextEntry, EvaluationResult, SimulateCustom, SimulatePrincipal,
};
use app::model::{AccountAlias, PageRequest, Password};

use super::harness::{allow, assert_code, deny, user_name, Iam};

/// The seed's scenario: jeff in `/family/`, group `admins` with `iam:*` on `user/app/*`, backup and syndic8 in
/// `/app/` (both admins), and nobody (no policies at all).
async fn seed() -> Iam {
    let iam = Iam::new().await;
    iam.create_user("/family/", "jeff").await;
    iam.create_user("/app/", "backup").await;
    iam.create_user("/app/", "syndic8").await;
    iam.create_user("/", "nobody").await;
    iam.create_group("/", "admins").await;
    let app_users = format!("arn:aws:iam::{}:user/app/*", iam.account_id);
    iam.put_group_policy("admins", "manage-app", &allow("iam:*", &app_users))
        .await;
    iam.add_to_group("admins", "backup").await;
    iam.add_to_group("admins", "syndic8").await;
    iam.put_user_policy("backup", "s3", &allow("s3:*", "arn:aws:s3:::*"))
        .await;
    iam
}

fn context(key: &str, type_: &str, values: &[&str]) -> ContextEntry {
    ContextEntry {
        key: key.into(),
        type_: type_.into(),
        values: values.iter().map(|v| v.to_string()).collect(),
    }
}

fn query() -> AuditQuery {
    AuditQuery::default()
}

async fn all_events(iam: &Iam, query: AuditQuery) -> Vec<AuditEventView> {
    iam.service
        .list_audit_events(
            &iam.root(),
            query,
            PageRequest {
                marker: None,
                max_items: Some(1000),
            },
        )
        .await
        .unwrap()
        .items
}

fn one<'a>(results: &'a [EvaluationResult], action: &str, resource: &str) -> &'a EvaluationResult {
    results
        .iter()
        .find(|r| r.eval_action_name == action && r.eval_resource_name == resource)
        .unwrap_or_else(|| panic!("no result for {action} on {resource}: {results:#?}"))
}

// ---------------------------------------------------------------------------------------------------------------------
// Audit log

#[tokio::test]
async fn mutations_and_denials_are_audited_and_filterable() {
    let iam = seed().await;
    let nobody = iam.as_user("nobody").await;
    let denied = iam
        .service
        .create_user(
            &nobody,
            app::backend::service::CreateUser {
                name: user_name("intruder"),
                path: super::harness::path("/"),
                tags: vec![],
            },
        )
        .await;
    assert_code(denied, "AccessDenied");

    let events = all_events(&iam, query()).await;
    // Newest first: the denial is the last thing that happened.
    let newest = &events[0];
    assert_eq!(newest.outcome, "denied");
    assert_eq!(newest.action, "iam:CreateUser");
    assert_eq!(newest.principal_arn, iam.user_arn("/", "nobody"));
    assert_eq!(newest.resource, iam.user_arn("/", "intruder"));
    assert_eq!(newest.error_code.as_deref(), Some("AccessDenied"));
    assert_eq!(newest.source_ip.as_deref(), Some("203.0.113.7"));
    assert_eq!(newest.channel, "api");
    assert!(!newest.request_id.is_empty());
    assert!(newest.at.ends_with('Z'), "{}", newest.at);

    let creations = all_events(
        &iam,
        AuditQuery {
            action: Some("iam:CreateUser".into()),
            ..query()
        },
    )
    .await;
    assert_eq!(creations.len(), 5, "{creations:#?}");
    // Actions compare case-insensitively, as IAM compares them.
    let lower = all_events(
        &iam,
        AuditQuery {
            action: Some("IAM:createuser".into()),
            ..query()
        },
    )
    .await;
    assert_eq!(lower, creations);
    let allowed = all_events(
        &iam,
        AuditQuery {
            action: Some("iam:CreateUser".into()),
            outcome: Some("allowed".into()),
            ..query()
        },
    )
    .await;
    assert_eq!(allowed.len(), 4);
    assert!(allowed
        .iter()
        .all(|e| e.principal_arn == format!("arn:aws:iam::{}:root", iam.account_id)));
    let by_nobody = all_events(
        &iam,
        AuditQuery {
            principal_arn: Some(iam.user_arn("/", "nobody")),
            ..query()
        },
    )
    .await;
    assert_eq!(by_nobody.len(), 1);
    assert_eq!(
        all_events(
            &iam,
            AuditQuery {
                outcome: Some("denied".into()),
                ..query()
            }
        )
        .await,
        by_nobody
    );
    assert!(all_events(
        &iam,
        AuditQuery {
            outcome: Some("failed".into()),
            ..query()
        }
    )
    .await
    .is_empty());
    // The group policy and the membership changes were audited too.
    assert_eq!(
        all_events(
            &iam,
            AuditQuery {
                action: Some("iam:AddUserToGroup".into()),
                ..query()
            }
        )
        .await
        .len(),
        2
    );
}

#[tokio::test]
async fn audit_events_filter_by_time() {
    let iam = Iam::new().await;
    iam.create_user("/", "a").await;
    iam.clock.advance(chrono::Duration::hours(1));
    iam.create_user("/", "b").await;
    iam.clock.advance(chrono::Duration::hours(1));
    iam.create_user("/", "c").await;
    let names = |events: Vec<AuditEventView>| {
        events
            .into_iter()
            .map(|e| e.resource.rsplit('/').next().unwrap_or_default().to_owned())
            .collect::<Vec<_>>()
    };
    let at_13 = "2026-11-29T13:00:00Z".to_owned();
    assert_eq!(names(all_events(&iam, query()).await), ["c", "b", "a"]);
    assert_eq!(
        names(
            all_events(
                &iam,
                AuditQuery {
                    since: Some(at_13.clone()),
                    ..query()
                }
            )
            .await
        ),
        ["c", "b"]
    );
    assert_eq!(
        names(
            all_events(
                &iam,
                AuditQuery {
                    until: Some(at_13.clone()),
                    ..query()
                }
            )
            .await
        ),
        ["b", "a"]
    );
    assert_eq!(
        names(
            all_events(
                &iam,
                AuditQuery {
                    since: Some(at_13.clone()),
                    until: Some(at_13.clone()),
                    ..query()
                }
            )
            .await
        ),
        ["b"]
    );
    // Offsets are understood: 14:30+01:00 is 13:30Z.
    assert_eq!(
        names(
            all_events(
                &iam,
                AuditQuery {
                    since: Some("2026-11-29T13:30:00+01:00".into()),
                    ..query()
                }
            )
            .await
        ),
        ["c", "b"]
    );

    let root = iam.root();
    let bad_time = iam
        .service
        .list_audit_events(
            &root,
            AuditQuery {
                since: Some("yesterday".into()),
                ..query()
            },
            PageRequest::default(),
        )
        .await;
    assert_code(bad_time, "ValidationError");
    let reversed = AuditQuery {
        since: Some("2026-11-30T00:00:00Z".into()),
        until: Some(at_13),
        ..query()
    };
    assert_code(
        iam.service
            .list_audit_events(&root, reversed, PageRequest::default())
            .await,
        "ValidationError",
    );
    let bad_outcome = AuditQuery {
        outcome: Some("maybe".into()),
        ..query()
    };
    assert_code(
        iam.service
            .list_audit_events(&root, bad_outcome, PageRequest::default())
            .await,
        "ValidationError",
    );
}

#[tokio::test]
async fn audit_events_page_newest_first_with_markers() {
    let iam = Iam::new().await;
    // Several events in the same second: the id breaks the tie, so no event is skipped or repeated.
    for n in 0..5 {
        iam.create_user("/", &format!("u{n}")).await;
    }
    // Then sub-second times (microseconds: what PostgreSQL keeps), which the marker must carry exactly.
    for n in 5..7 {
        iam.clock.advance(chrono::Duration::microseconds(1_234_567));
        iam.create_user("/", &format!("u{n}")).await;
    }
    let everything = all_events(&iam, query()).await;
    assert_eq!(everything.len(), 7);

    let root = iam.root();
    let mut paged = Vec::new();
    let mut marker = None;
    let mut pages = 0;
    loop {
        let page = iam
            .service
            .list_audit_events(
                &root,
                query(),
                PageRequest {
                    marker: marker.clone(),
                    max_items: Some(2),
                },
            )
            .await
            .unwrap();
        pages += 1;
        assert!(page.items.len() <= 2);
        paged.extend(page.items);
        if !page.is_truncated {
            assert!(page.marker.is_none());
            break;
        }
        marker = page.marker;
        assert!(marker.is_some());
    }
    assert_eq!(pages, 4);
    assert_eq!(paged, everything);
    let resources: Vec<&str> = paged.iter().map(|e| e.resource.rsplit('/').next().unwrap()).collect();
    assert_eq!(resources, ["u6", "u5", "u4", "u3", "u2", "u1", "u0"]);

    let forged = PageRequest {
        marker: Some("not-a-marker".into()),
        max_items: Some(2),
    };
    assert_code(
        iam.service.list_audit_events(&root, query(), forged).await,
        "ValidationError",
    );
    let too_many = PageRequest {
        marker: None,
        max_items: Some(1001),
    };
    assert_code(
        iam.service.list_audit_events(&root, query(), too_many).await,
        "ValidationError",
    );
}

#[tokio::test]
async fn reading_the_audit_log_takes_cloudtrail_lookup_events() {
    let iam = seed().await;
    let nobody = iam.as_user("nobody").await;
    let err = assert_code(
        iam.service
            .list_audit_events(&nobody, query(), PageRequest::default())
            .await,
        "AccessDenied",
    );
    assert!(err.to_string().contains("cloudtrail:LookupEvents"), "{err}");
    // iam:* does not reach the audit log.
    let backup = iam.as_user("backup").await;
    assert_code(
        iam.service
            .list_audit_events(&backup, query(), PageRequest::default())
            .await,
        "AccessDenied",
    );

    iam.create_user("/", "auditor").await;
    iam.put_user_policy("auditor", "read-trail", &allow("cloudtrail:LookupEvents", "*"))
        .await;
    let auditor = iam.as_user("auditor").await;
    let page = iam
        .service
        .list_audit_events(&auditor, query(), PageRequest::default())
        .await
        .unwrap();
    assert!(page
        .items
        .iter()
        .any(|e| e.outcome == "denied" && e.action == "cloudtrail:LookupEvents"));
}

// ---------------------------------------------------------------------------------------------------------------------
// Simulation

#[tokio::test]
async fn simulate_principal_policy_for_the_seed_scenario() {
    let iam = seed().await;
    let app_x = iam.user_arn("/app/", "x");
    let family_x = iam.user_arn("/family/", "x");
    let input = SimulatePrincipal {
        policy_source_arn: iam.user_arn("/app/", "backup"),
        action_names: vec!["iam:CreateUser".into(), "iam:DeleteUser".into()],
        resource_arns: vec![app_x.clone(), family_x.clone()],
        ..SimulatePrincipal::default()
    };
    let results = iam.service.simulate_principal_policy(&iam.root(), input).await.unwrap();
    assert_eq!(results.len(), 4);
    for action in ["iam:CreateUser", "iam:DeleteUser"] {
        let allowed = one(&results, action, &app_x);
        assert_eq!(allowed.eval_decision, "allowed");
        assert_eq!(allowed.matched_statements.len(), 1);
        let statement = &allowed.matched_statements[0];
        assert_eq!(statement.source_policy_id, "group/admins/manage-app");
        assert_eq!(statement.source_policy_type, "group");
        // The one-line document's statement starts right after `"Statement":[`.
        let document = allow("iam:*", &format!("arn:aws:iam::{}:user/app/*", iam.account_id));
        let column = document.find("[{").unwrap() as u32 + 2;
        assert_eq!((statement.start.line, statement.start.column), (1, column));
        assert_eq!(statement.end.line, 1);
        assert_eq!(statement.end.column, document.len() as u32 - 1);

        let refused = one(&results, action, &family_x);
        assert_eq!(refused.eval_decision, "implicitDeny");
        assert!(refused.matched_statements.is_empty());
    }

    // The user's own inline policy counts too.
    let s3 = SimulatePrincipal {
        policy_source_arn: iam.user_arn("/app/", "backup"),
        action_names: vec!["s3:GetObject".into()],
        resource_arns: vec![],
        ..SimulatePrincipal::default()
    };
    let results = iam.service.simulate_principal_policy(&iam.root(), s3).await.unwrap();
    assert_eq!(results[0].eval_resource_name, "*");
    assert_eq!(
        results[0].eval_decision, "implicitDeny",
        "s3:* is granted on arn:aws:s3:::*, not on `*`"
    );

    // jeff has no policies: everything is an implicit deny.
    let jeff = SimulatePrincipal {
        policy_source_arn: iam.user_arn("/family/", "jeff"),
        action_names: vec!["iam:CreateUser".into()],
        resource_arns: vec![app_x.clone()],
        ..SimulatePrincipal::default()
    };
    let results = iam.service.simulate_principal_policy(&iam.root(), jeff).await.unwrap();
    assert_eq!(results[0].eval_decision, "implicitDeny");
}

#[tokio::test]
async fn explicit_deny_wins_and_its_statement_is_located() {
    let iam = seed().await;
    let deny_deletes = r#"{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "NoDeletes",
      "Effect": "Deny",
      "Action": "iam:DeleteUser",
      "Resource": "*"
    }
  ]
}"#;
    iam.put_user_policy("syndic8", "no-deletes", deny_deletes).await;
    let app_x = iam.user_arn("/app/", "x");
    let input = SimulatePrincipal {
        policy_source_arn: iam.user_arn("/app/", "syndic8"),
        action_names: vec!["iam:DeleteUser".into(), "iam:CreateUser".into()],
        resource_arns: vec![app_x.clone()],
        ..SimulatePrincipal::default()
    };
    let results = iam.service.simulate_principal_policy(&iam.root(), input).await.unwrap();
    let denied = one(&results, "iam:DeleteUser", &app_x);
    assert_eq!(denied.eval_decision, "explicitDeny");
    assert_eq!(denied.matched_statements.len(), 1);
    let statement = &denied.matched_statements[0];
    assert_eq!(statement.source_policy_id, "user/no-deletes");
    assert_eq!(statement.source_policy_type, "user");
    assert_eq!((statement.start.line, statement.start.column), (4, 5));
    assert_eq!((statement.end.line, statement.end.column), (9, 6));
    assert_eq!(one(&results, "iam:CreateUser", &app_x).eval_decision, "allowed");

    // Extra documents from the input list are evaluated as if attached, and named as AWS names them.
    let input = SimulatePrincipal {
        policy_source_arn: iam.user_arn("/app/", "backup"),
        action_names: vec!["iam:CreateUser".into()],
        resource_arns: vec![app_x.clone()],
        policy_input_list: vec![deny("iam:Create*", "*")],
        ..SimulatePrincipal::default()
    };
    let results = iam.service.simulate_principal_policy(&iam.root(), input).await.unwrap();
    assert_eq!(results[0].eval_decision, "explicitDeny");
    assert_eq!(results[0].matched_statements[0].source_policy_id, "PolicyInputList.1");
    assert_eq!(results[0].matched_statements[0].source_policy_type, "IAM Policy");
}

#[tokio::test]
async fn simulate_principal_policy_errors() {
    let iam = seed().await;
    let root = iam.root();
    let base = SimulatePrincipal {
        policy_source_arn: iam.user_arn("/app/", "backup"),
        action_names: vec!["iam:GetUser".into()],
        ..SimulatePrincipal::default()
    };
    let missing = SimulatePrincipal {
        policy_source_arn: iam.user_arn("/app/", "ghost"),
        ..base.clone()
    };
    assert_code(
        iam.service.simulate_principal_policy(&root, missing).await,
        "NoSuchEntity",
    );
    // The path is part of the user's identity.
    let wrong_path = SimulatePrincipal {
        policy_source_arn: iam.user_arn("/family/", "backup"),
        ..base.clone()
    };
    assert_code(
        iam.service.simulate_principal_policy(&root, wrong_path).await,
        "NoSuchEntity",
    );
    let not_a_user = SimulatePrincipal {
        policy_source_arn: "arn:aws:s3:::bucket".into(),
        ..base.clone()
    };
    assert_code(
        iam.service.simulate_principal_policy(&root, not_a_user).await,
        "InvalidInput",
    );
    let bad_action = SimulatePrincipal {
        action_names: vec!["GetUser".into()],
        ..base.clone()
    };
    assert_code(
        iam.service.simulate_principal_policy(&root, bad_action).await,
        "InvalidInput",
    );
    let no_action = SimulatePrincipal {
        action_names: vec![],
        ..base.clone()
    };
    assert_code(
        iam.service.simulate_principal_policy(&root, no_action).await,
        "ValidationError",
    );
    let malformed = SimulatePrincipal {
        policy_input_list: vec![r#"{"Statement":"#.into()],
        ..base.clone()
    };
    assert_code(
        iam.service.simulate_principal_policy(&root, malformed).await,
        "MalformedPolicyDocument",
    );
    let too_many = SimulatePrincipal {
        action_names: (0..101).map(|n| format!("iam:Action{n}")).collect(),
        resource_arns: (0..10)
            .map(|n| format!("arn:aws:iam::{}:user/u{n}", iam.account_id))
            .collect(),
        ..base.clone()
    };
    assert_code(
        iam.service.simulate_principal_policy(&root, too_many).await,
        "LimitExceeded",
    );
    let exactly_enough = SimulatePrincipal {
        action_names: (0..100).map(|n| format!("iam:Action{n}")).collect(),
        resource_arns: (0..10)
            .map(|n| format!("arn:aws:iam::{}:user/u{n}", iam.account_id))
            .collect(),
        ..base.clone()
    };
    assert_eq!(
        iam.service
            .simulate_principal_policy(&root, exactly_enough)
            .await
            .unwrap()
            .len(),
        1000
    );

    // A delegated admin may simulate users in its path and nobody else.
    let backup = iam.as_user("backup").await;
    assert!(iam
        .service
        .simulate_principal_policy(&backup, base.clone())
        .await
        .is_ok());
    let jeff = SimulatePrincipal {
        policy_source_arn: iam.user_arn("/family/", "jeff"),
        ..base.clone()
    };
    assert_code(
        iam.service.simulate_principal_policy(&backup, jeff).await,
        "AccessDenied",
    );
}

#[tokio::test]
async fn custom_policy_simulation_with_context_entries() {
    let iam = seed().await;
    let root = iam.root();
    let document = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}}]}"#;
    let simulate = |entries: Vec<ContextEntry>| SimulateCustom {
        policy_input_list: vec![document.into()],
        action_names: vec!["s3:GetObject".into(), "s3:PutObject".into()],
        resource_arns: vec!["arn:aws:s3:::bucket/key".into()],
        context_entries: entries,
        caller_arn: None,
    };
    let inside = iam
        .service
        .simulate_custom_policy(&root, simulate(vec![context("aws:SourceIp", "ip", &["203.0.113.9"])]))
        .await
        .unwrap();
    let get = one(&inside, "s3:GetObject", "arn:aws:s3:::bucket/key");
    assert_eq!(get.eval_decision, "allowed");
    assert_eq!(get.matched_statements[0].source_policy_id, "PolicyInputList.1");
    assert_eq!(get.matched_statements[0].source_policy_type, "IAM Policy");
    assert!(get.missing_context_values.is_empty());
    assert_eq!(
        one(&inside, "s3:PutObject", "arn:aws:s3:::bucket/key").eval_decision,
        "implicitDeny"
    );

    let outside = iam
        .service
        .simulate_custom_policy(&root, simulate(vec![context("aws:SourceIp", "ip", &["198.51.100.1"])]))
        .await
        .unwrap();
    assert_eq!(
        one(&outside, "s3:GetObject", "arn:aws:s3:::bucket/key").eval_decision,
        "implicitDeny"
    );

    // No context: the simulator never borrows the simulating caller's own address; it reports the key missing.
    let without = iam
        .service
        .simulate_custom_policy(&root, simulate(vec![]))
        .await
        .unwrap();
    let get = one(&without, "s3:GetObject", "arn:aws:s3:::bucket/key");
    assert_eq!(get.eval_decision, "implicitDeny");
    assert_eq!(get.missing_context_values, ["aws:SourceIp"]);

    // Typed entries are checked.
    let not_ip = simulate(vec![context("aws:SourceIp", "ip", &["not-an-ip"])]);
    assert_code(iam.service.simulate_custom_policy(&root, not_ip).await, "InvalidInput");
    let two_values = simulate(vec![context("aws:SourceIp", "ip", &["203.0.113.1", "203.0.113.2"])]);
    assert_code(
        iam.service.simulate_custom_policy(&root, two_values).await,
        "InvalidInput",
    );
    let unknown_type = simulate(vec![context("aws:SourceIp", "address", &["203.0.113.1"])]);
    assert_code(
        iam.service.simulate_custom_policy(&root, unknown_type).await,
        "InvalidInput",
    );

    // Lists, booleans, numbers and dates.
    let typed = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:TagUser","Resource":"*","Condition":{
        "ForAllValues:StringEquals":{"aws:TagKeys":["team","cost"]},
        "Bool":{"aws:MultiFactorAuthPresent":"true"},
        "NumericLessThan":{"aws:MultiFactorAuthAge":"3600"},
        "DateGreaterThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}}]}"#;
    let input = SimulateCustom {
        policy_input_list: vec![typed.into()],
        action_names: vec!["iam:TagUser".into()],
        resource_arns: vec![],
        context_entries: vec![
            context("aws:TagKeys", "stringList", &["team", "cost"]),
            context("aws:MultiFactorAuthPresent", "boolean", &["true"]),
            context("aws:MultiFactorAuthAge", "numeric", &["60"]),
            context("aws:CurrentTime", "date", &["2026-11-29T12:00:00Z"]),
        ],
        caller_arn: None,
    };
    let results = iam.service.simulate_custom_policy(&root, input.clone()).await.unwrap();
    assert_eq!(results[0].eval_decision, "allowed", "{results:#?}");
    let mut foreign_tag = input.clone();
    foreign_tag.context_entries[0] = context("aws:TagKeys", "stringList", &["team", "owner"]);
    assert_eq!(
        iam.service.simulate_custom_policy(&root, foreign_tag).await.unwrap()[0].eval_decision,
        "implicitDeny"
    );
    let mut not_number = input.clone();
    not_number.context_entries[2] = context("aws:MultiFactorAuthAge", "numeric", &["soon"]);
    assert_code(
        iam.service.simulate_custom_policy(&root, not_number).await,
        "InvalidInput",
    );
}

#[tokio::test]
async fn custom_policy_simulation_uses_the_caller_for_policy_variables() {
    let iam = seed().await;
    let document = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/*"}]}"#;
    let input = SimulateCustom {
        policy_input_list: vec![document.into()],
        action_names: vec!["s3:GetObject".into()],
        resource_arns: vec![
            "arn:aws:s3:::home/jeff/notes".into(),
            "arn:aws:s3:::home/backup/notes".into(),
        ],
        context_entries: vec![],
        caller_arn: Some(iam.user_arn("/family/", "jeff")),
    };
    let results = iam
        .service
        .simulate_custom_policy(&iam.root(), input.clone())
        .await
        .unwrap();
    assert_eq!(
        one(&results, "s3:GetObject", "arn:aws:s3:::home/jeff/notes").eval_decision,
        "allowed"
    );
    assert_eq!(
        one(&results, "s3:GetObject", "arn:aws:s3:::home/backup/notes").eval_decision,
        "implicitDeny"
    );

    let root = iam.root();
    let bad_caller = SimulateCustom {
        caller_arn: Some("arn:aws:iam::999999999999:user/x".into()),
        ..input.clone()
    };
    assert_code(
        iam.service.simulate_custom_policy(&root, bad_caller).await,
        "InvalidInput",
    );
    let no_documents = SimulateCustom {
        policy_input_list: vec![],
        ..input.clone()
    };
    assert_code(
        iam.service.simulate_custom_policy(&root, no_documents).await,
        "ValidationError",
    );
    let malformed = SimulateCustom {
        policy_input_list: vec![r#"{"Version":"2012-10-17","Statement":[{"Effect":"Alow"}]}"#.into()],
        ..input.clone()
    };
    assert_code(
        iam.service.simulate_custom_policy(&root, malformed).await,
        "MalformedPolicyDocument",
    );

    // iam:SimulateCustomPolicy on `*`: a path-scoped admin does not have it.
    let backup = iam.as_user("backup").await;
    assert_code(
        iam.service.simulate_custom_policy(&backup, input.clone()).await,
        "AccessDenied",
    );
    iam.put_user_policy("jeff", "simulate", &allow("iam:SimulateCustomPolicy", "*"))
        .await;
    let jeff = iam.as_user("jeff").await;
    assert!(iam.service.simulate_custom_policy(&jeff, input).await.is_ok());
}

#[tokio::test]
async fn authorize_request_decides_for_users_keys_and_root() {
    let iam = seed().await;
    let root = iam.root();
    let app_x = iam.user_arn("/app/", "x");
    let backup_arn = iam.user_arn("/app/", "backup");

    let (decision, statements) = iam
        .service
        .authorize_request(&root, &backup_arn, "iam:CreateUser", &app_x, Context::new())
        .await
        .unwrap();
    assert_eq!(decision, Decision::Allowed);
    assert_eq!(statements[0].policy_id, "group/admins/manage-app");
    let (decision, statements) = iam
        .service
        .authorize_request(
            &root,
            &backup_arn,
            "iam:CreateUser",
            &iam.user_arn("/family/", "x"),
            Context::new(),
        )
        .await
        .unwrap();
    assert_eq!(decision, Decision::ImplicitDeny);
    assert!(statements.is_empty());

    // By access key id: the key's owner decides.
    let key = iam
        .service
        .create_access_key(&root, Some(user_name("backup")))
        .await
        .unwrap();
    let (decision, _) = iam
        .service
        .authorize_request(&root, &key.access_key_id, "iam:CreateUser", &app_x, Context::new())
        .await
        .unwrap();
    assert_eq!(decision, Decision::Allowed);
    iam.service
        .update_access_key(
            &root,
            Some(user_name("backup")),
            AccessKeyId::parse(&key.access_key_id).unwrap(),
            AccessKeyStatus::Inactive,
        )
        .await
        .unwrap();
    let (decision, _) = iam
        .service
        .authorize_request(&root, &key.access_key_id, "iam:CreateUser", &app_x, Context::new())
        .await
        .unwrap();
    assert_eq!(decision, Decision::ImplicitDeny, "a deactivated key may do nothing");

    // Root is always allowed, by ARN or by its own key.
    let root_arn = format!("arn:aws:iam::{}:root", iam.account_id);
    let (decision, _) = iam
        .service
        .authorize_request(&root, &root_arn, "s3:DeleteBucket", "*", Context::new())
        .await
        .unwrap();
    assert_eq!(decision, Decision::Allowed);
    let root_key = iam.service.create_access_key(&root, None).await.unwrap();
    let (decision, _) = iam
        .service
        .authorize_request(&root, &root_key.access_key_id, "s3:DeleteBucket", "*", Context::new())
        .await
        .unwrap();
    assert_eq!(decision, Decision::Allowed);

    // The asker's context is what conditions see.
    iam.put_user_policy(
        "jeff",
        "from-home",
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}"#,
    )
    .await;
    let jeff_arn = iam.user_arn("/family/", "jeff");
    let home = Context::new().with("aws:SourceIp", "192.0.2.10".parse::<std::net::IpAddr>().unwrap());
    let (decision, _) = iam
        .service
        .authorize_request(&root, &jeff_arn, "s3:GetObject", "arn:aws:s3:::b/k", home)
        .await
        .unwrap();
    assert_eq!(decision, Decision::Allowed);
    let (decision, _) = iam
        .service
        .authorize_request(&root, &jeff_arn, "s3:GetObject", "arn:aws:s3:::b/k", Context::new())
        .await
        .unwrap();
    assert_eq!(decision, Decision::ImplicitDeny);

    assert_code(
        iam.service
            .authorize_request(&root, "AKIAAAAAAAAAAAAAAAAA", "s3:GetObject", "*", Context::new())
            .await,
        "NoSuchEntity",
    );
    assert_code(
        iam.service
            .authorize_request(
                &root,
                &iam.user_arn("/app/", "ghost"),
                "s3:GetObject",
                "*",
                Context::new(),
            )
            .await,
        "NoSuchEntity",
    );
    assert_code(
        iam.service
            .authorize_request(&root, "who?", "s3:GetObject", "*", Context::new())
            .await,
        "InvalidInput",
    );

    // Asking about a principal takes iam:SimulatePrincipalPolicy on it.
    let nobody = iam.as_user("nobody").await;
    assert_code(
        iam.service
            .authorize_request(&nobody, &backup_arn, "iam:CreateUser", &app_x, Context::new())
            .await,
        "AccessDenied",
    );
    let syndic8 = iam.as_user("syndic8").await;
    assert!(iam
        .service
        .authorize_request(&syndic8, &backup_arn, "iam:CreateUser", &app_x, Context::new())
        .await
        .is_ok());
    assert_code(
        iam.service
            .authorize_request(&syndic8, &jeff_arn, "s3:GetObject", "*", Context::new())
            .await,
        "AccessDenied",
    );
}

// ---------------------------------------------------------------------------------------------------------------------
// Account summary

#[tokio::test]
async fn account_summary_counts_and_quotas() {
    let iam = seed().await;
    let root = iam.root();
    let summary = iam.service.get_account_summary(&root).await.unwrap();
    assert_eq!(summary["Users"], 4);
    assert_eq!(summary["Groups"], 1);
    assert_eq!(summary["Policies"], 0);
    assert_eq!(summary["UsersQuota"], 5000);
    assert_eq!(summary["GroupsQuota"], 300);
    assert_eq!(summary["PoliciesQuota"], 1500);
    assert_eq!(summary["GroupsPerUserQuota"], 10);
    assert_eq!(summary["AttachedPoliciesPerUserQuota"], 10);
    assert_eq!(summary["AttachedPoliciesPerGroupQuota"], 10);
    assert_eq!(summary["AccessKeysPerUserQuota"], 2);
    assert_eq!(summary["UserPolicySizeQuota"], 2048);
    assert_eq!(summary["GroupPolicySizeQuota"], 5120);
    assert_eq!(summary["PolicySizeQuota"], 6144);
    assert_eq!(summary["MFADevices"], 0);
    assert_eq!(summary["MFADevicesInUse"], 0);
    assert_eq!(summary["AccountMFAEnabled"], 0);
    assert_eq!(summary["AccountAccessKeysPresent"], 0);
    assert_eq!(summary["AccountSigningCertificatesPresent"], 0);
    assert_eq!(summary["ServerCertificates"], 0);

    // Keys of users are not the account's keys; root's are.
    iam.service
        .create_access_key(&root, Some(user_name("backup")))
        .await
        .unwrap();
    assert_eq!(
        iam.service.get_account_summary(&root).await.unwrap()["AccountAccessKeysPresent"],
        0
    );
    iam.service.create_access_key(&root, None).await.unwrap();
    iam.create_user("/", "extra").await;
    let summary = iam.service.get_account_summary(&root).await.unwrap();
    assert_eq!(summary["AccountAccessKeysPresent"], 1);
    assert_eq!(summary["Users"], 5);
}

// ---------------------------------------------------------------------------------------------------------------------
// Credential report

#[tokio::test]
async fn credential_report_has_aws_columns_and_a_row_per_user() {
    let iam = seed().await;
    let root = iam.root();
    assert_code(iam.service.get_credential_report(&root).await, "ReportNotPresent");

    iam.create_user("/", "smith,j").await;
    let key = iam
        .service
        .create_access_key(&root, Some(user_name("backup")))
        .await
        .unwrap();
    iam.clock.advance(chrono::Duration::minutes(5));
    iam.service
        .record_access_key_use(&super::harness::ctx(), &key.access_key_id, "iam", "us-east-1")
        .await;
    iam.service
        .create_login_profile(&root, user_name("jeff"), Password::new("Correct-Horse-9"), false)
        .await
        .unwrap();

    let generation = iam.service.generate_credential_report(&root).await.unwrap();
    assert_eq!(generation.state, "COMPLETE");
    let report = iam.service.get_credential_report(&root).await.unwrap();
    assert_eq!(report.report_format, "text/csv");
    assert_eq!(report.generated_time, "2026-11-29T12:05:00Z");

    let lines: Vec<&str> = report.content.lines().collect();
    assert_eq!(
        lines[0],
        "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,\
         password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,access_key_1_last_used_date,\
         access_key_1_last_used_region,access_key_1_last_used_service,access_key_2_active,access_key_2_last_rotated,\
         access_key_2_last_used_date,access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,\
         cert_1_last_rotated,cert_2_active,cert_2_last_rotated"
    );
    assert_eq!(lines[0], CREDENTIAL_REPORT_COLUMNS.join(","));
    assert_eq!(lines.len(), 1 + 1 + 5, "{}", report.content);
    let root_row: Vec<&str> = lines[1].split(',').collect();
    assert_eq!(root_row.len(), 22);
    assert_eq!(root_row[0], "<root_account>");
    assert_eq!(root_row[1], format!("arn:aws:iam::{}:root", iam.account_id));
    assert_eq!(root_row[3], "not_supported");
    assert_eq!(root_row[5..7], ["not_supported", "not_supported"]);
    assert_eq!(root_row[7], "false");
    assert_eq!(root_row[8..13], ["false", "N/A", "N/A", "N/A", "N/A"]);
    assert_eq!(root_row[18..22], ["false", "N/A", "false", "N/A"]);

    let row = |name: &str| -> Vec<String> {
        let line = lines
            .iter()
            .find(|l| l.starts_with(&format!("{name},")))
            .unwrap_or_else(|| panic!("{name}"));
        line.split(',').map(str::to_owned).collect()
    };
    let backup = row("backup");
    assert_eq!(backup.len(), 22);
    assert_eq!(backup[1], iam.user_arn("/app/", "backup"));
    assert_eq!(backup[2], "2026-11-29T12:00:00+00:00");
    assert_eq!(backup[3..8], ["false", "N/A", "N/A", "N/A", "false"]);
    assert_eq!(
        backup[8..13],
        [
            "true",
            "2026-11-29T12:00:00+00:00",
            "2026-11-29T12:05:00+00:00",
            "us-east-1",
            "iam"
        ]
    );
    assert_eq!(backup[13..18], ["false", "N/A", "N/A", "N/A", "N/A"]);

    let jeff = row("jeff");
    assert_eq!(jeff[3], "true");
    assert_eq!(jeff[4], "no_information", "the password was never used");
    assert_eq!(jeff[5], "2026-11-29T12:05:00+00:00");
    assert_eq!(jeff[6], "N/A", "no password policy: passwords never expire");
    assert_eq!(jeff[8], "false");

    // A name with a comma is quoted, as CSV requires.
    assert!(
        lines.iter().any(|l| l.starts_with("\"smith,j\",")),
        "{}",
        report.content
    );

    // Generation is audited as a mutation.
    let events = all_events(
        &iam,
        AuditQuery {
            action: Some("iam:GenerateCredentialReport".into()),
            ..query()
        },
    )
    .await;
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].resource, "*");
}

// ---------------------------------------------------------------------------------------------------------------------
// Account alias

#[tokio::test]
async fn account_alias_create_list_replace_delete() {
    let iam = Iam::new().await;
    let root = iam.root();
    let alias = |a: &str| AccountAlias::parse(a).unwrap();
    assert!(iam.service.list_account_aliases(&root).await.unwrap().is_empty());
    iam.service
        .create_account_alias(&root, alias("example-corp"))
        .await
        .unwrap();
    assert_eq!(iam.service.list_account_aliases(&root).await.unwrap(), ["example-corp"]);
    // Setting the same alias again is harmless.
    iam.service
        .create_account_alias(&root, alias("example-corp"))
        .await
        .unwrap();
    // An account has one alias; as in AWS, a new one replaces it.
    iam.service
        .create_account_alias(&root, alias("example-2"))
        .await
        .unwrap();
    assert_eq!(iam.service.list_account_aliases(&root).await.unwrap(), ["example-2"]);
    assert_eq!(
        iam.service
            .account(&super::harness::ctx())
            .await
            .unwrap()
            .unwrap()
            .alias
            .as_deref(),
        Some("example-2")
    );

    assert_code(
        iam.service.delete_account_alias(&root, alias("example-corp")).await,
        "NoSuchEntity",
    );
    iam.service
        .delete_account_alias(&root, alias("example-2"))
        .await
        .unwrap();
    assert!(iam.service.list_account_aliases(&root).await.unwrap().is_empty());
    assert_code(
        iam.service.delete_account_alias(&root, alias("example-2")).await,
        "NoSuchEntity",
    );

    let audited = all_events(&iam, query()).await;
    let actions: Vec<&str> = audited.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "iam:DeleteAccountAlias",
            "iam:CreateAccountAlias",
            "iam:CreateAccountAlias"
        ]
    );
}

#[tokio::test]
async fn account_alias_taken_by_another_account_is_refused() {
    use app::backend::entities::account;
    use sea_orm::{ActiveModelTrait, Set};
    let iam = Iam::new().await;
    // A second account (set-up allows only one, so it is written directly) already uses the alias.
    account::ActiveModel {
        account_id: Set("210987654321".into()),
        alias: Set(Some("taken-name".into())),
        root_email: Set("other@example.com".into()),
        root_password_hash: Set("unused".into()),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(iam.service.db())
    .await
    .unwrap();
    let root = iam.root();
    let err = assert_code(
        iam.service
            .create_account_alias(&root, AccountAlias::parse("taken-name").unwrap())
            .await,
        "EntityAlreadyExists",
    );
    assert!(err.to_string().contains("`taken-name`"), "{err}");
    assert!(iam.service.list_account_aliases(&root).await.unwrap().is_empty());
}

// ---------------------------------------------------------------------------------------------------------------------
// Authorization

#[tokio::test]
async fn a_user_without_policies_is_refused_everything_here() {
    let iam = seed().await;
    let nobody = iam.as_user("nobody").await;
    let s = &iam.service;
    let alias = AccountAlias::parse("nope-alias").unwrap();
    assert_code(
        s.list_audit_events(&nobody, query(), PageRequest::default()).await,
        "AccessDenied",
    );
    let principal = SimulatePrincipal {
        policy_source_arn: iam.user_arn("/", "nobody"),
        action_names: vec!["iam:GetUser".into()],
        ..SimulatePrincipal::default()
    };
    assert_code(s.simulate_principal_policy(&nobody, principal).await, "AccessDenied");
    let custom = SimulateCustom {
        policy_input_list: vec![allow("iam:GetUser", "*")],
        action_names: vec!["iam:GetUser".into()],
        ..SimulateCustom::default()
    };
    assert_code(s.simulate_custom_policy(&nobody, custom).await, "AccessDenied");
    assert_code(
        s.authorize_request(
            &nobody,
            &iam.user_arn("/", "nobody"),
            "iam:GetUser",
            "*",
            Context::new(),
        )
        .await,
        "AccessDenied",
    );
    assert_code(s.get_account_summary(&nobody).await, "AccessDenied");
    assert_code(s.generate_credential_report(&nobody).await, "AccessDenied");
    assert_code(s.get_credential_report(&nobody).await, "AccessDenied");
    assert_code(s.create_account_alias(&nobody, alias.clone()).await, "AccessDenied");
    assert_code(s.delete_account_alias(&nobody, alias).await, "AccessDenied");
    assert_code(s.list_account_aliases(&nobody).await, "AccessDenied");

    // Every refusal was audited, with the action AWS would name.
    let denials = all_events(
        &iam,
        AuditQuery {
            outcome: Some("denied".into()),
            ..query()
        },
    )
    .await;
    let mut actions: Vec<&str> = denials.iter().map(|e| e.action.as_str()).collect();
    actions.sort_unstable();
    assert_eq!(
        actions,
        [
            "cloudtrail:LookupEvents",
            "iam:CreateAccountAlias",
            "iam:DeleteAccountAlias",
            "iam:GenerateCredentialReport",
            "iam:GetAccountSummary",
            "iam:GetCredentialReport",
            "iam:ListAccountAliases",
            "iam:SimulateCustomPolicy",
            "iam:SimulatePrincipalPolicy",
            "iam:SimulatePrincipalPolicy",
        ]
    );
}

#[tokio::test]
async fn explicit_deny_beats_a_full_admin_here() {
    let iam = seed().await;
    iam.create_user("/", "admin").await;
    iam.put_user_policy("admin", "all", &allow("*", "*")).await;
    iam.create_user("/", "denied").await;
    iam.put_user_policy("denied", "all", &allow("*", "*")).await;
    iam.put_user_policy("denied", "no-reports", &deny("iam:*Report", "*"))
        .await;
    let admin = iam.as_user("admin").await;
    let denied = iam.as_user("denied").await;
    let s = &iam.service;
    s.generate_credential_report(&admin).await.unwrap();
    assert!(s.get_credential_report(&admin).await.is_ok());
    assert!(s.get_account_summary(&admin).await.is_ok());
    assert!(s
        .list_audit_events(&admin, query(), PageRequest::default())
        .await
        .is_ok());
    assert!(s.list_account_aliases(&admin).await.is_ok());
    assert_code(s.generate_credential_report(&denied).await, "AccessDenied");
    assert_code(s.get_credential_report(&denied).await, "AccessDenied");
    assert!(s.get_account_summary(&denied).await.is_ok());
}

#[tokio::test]
async fn console_sign_ins_are_in_the_audit_log() {
    use app::backend::service::console_sign_in::CONSOLE_LOGIN;
    let iam = Iam::new().await;
    iam.create_user("/ops/", "carol").await;
    let ctx = super::harness::ctx();
    iam.service.audit_console_sign_in(&ctx, &iam.account_id, None, None, None).await;
    let refused = app::model::IamError::InvalidAuthenticationCode("the code is not valid".into());
    iam.service.audit_console_sign_in(&ctx, &iam.account_id, Some("carol"), None, Some(&refused)).await;
    iam.service.audit_console_sign_in(&ctx, &iam.account_id, Some("carol"), Some(1), None).await;
    // A user deleted in the meantime leaves no record (and no error).
    iam.service.audit_console_sign_in(&ctx, &iam.account_id, Some("ghost"), None, None).await;

    let events = all_events(&iam, AuditQuery { action: Some(CONSOLE_LOGIN.into()), ..query() }).await;
    let seen: Vec<(String, String, Option<String>, String)> = events
        .into_iter()
        .map(|e| (e.principal_arn, e.outcome, e.error_code, e.channel))
        .collect();
    let root = format!("arn:aws:iam::{}:root", iam.account_id);
    let carol = iam.user_arn("/ops/", "carol");
    assert_eq!(
        seen,
        vec![
            (carol.clone(), "allowed".to_owned(), None, "console".to_owned()),
            (carol, "failed".to_owned(), Some("InvalidAuthenticationCode".to_owned()), "console".to_owned()),
            (root, "allowed".to_owned(), None, "console".to_owned()),
        ],
        "newest first"
    );
}
