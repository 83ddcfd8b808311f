//! A console page is built once per request: the server does each of its reads once (and audits it once), however
//! the caller's permissions make the page come out.

use serde_json::Value;

use crate::helpers::TestApp;
use crate::session_security::{account_with_alice, alice_signs_in, ALICE_PASSWORD};

#[tokio::test]
async fn a_page_refused_its_reads_asks_for_each_once_per_visit() {
    let app = crate::helpers::spawn_app().await;
    account_with_alice(&app, false).await;
    let alice = alice_signs_in(&app, ALICE_PASSWORD).await;

    // /users reads the path tree and the first page of users: two ListUsers, both refused to alice (no policies).
    for visit in 1..=5 {
        let page = alice.client.get(format!("{}/users", alice.address)).header("accept", "text/html").send().await;
        let page = page.unwrap();
        assert!(page.status().is_client_error(), "visit {visit}: refused reads give AWS's status");
        assert_eq!(alices_refused_reads(&app).await.len(), 2 * visit, "after visit {visit}");
    }
}

/// The action of every refused read alice's visits have left in the audit log, newest first.
async fn alices_refused_reads(app: &TestApp) -> Vec<String> {
    let (mut reads, mut marker) = (Vec::new(), String::new());
    loop {
        let response = app.call("list_audit_events", &[("outcome", "denied"), ("marker", &marker)]).await;
        let page: Value = response.json().await.unwrap();
        let events = page["items"].as_array().unwrap_or_else(|| panic!("a page of events: {page}"));
        reads.extend(
            events
                .iter()
                .filter(|event| event["principal_arn"].as_str().unwrap().ends_with(":user/alice"))
                .map(|event| event["action"].as_str().unwrap().to_owned()),
        );
        match page["marker"].as_str() {
            Some(next) if page["is_truncated"] == true => marker = next.to_owned(),
            _ => return reads,
        }
    }
}

#[tokio::test]
async fn each_console_page_asks_each_of_its_refused_questions_once_per_visit() {
    let app = crate::helpers::spawn_app().await;
    account_with_alice(&app, false).await;
    let bob = app.call("create_user", &[("user_name", "bob"), ("path", "/app/")]).await;
    assert!(bob.status().is_success(), "root creates bob");
    let group = app.call("create_group", &[("group_name", "ops"), ("path", "/")]).await;
    assert!(group.status().is_success(), "root creates ops");
    let alice = alice_signs_in(&app, ALICE_PASSWORD).await;

    // What each page reads that alice (no policies) may not, one audited refusal per read. Twice the same action
    // is two different reads: /users's path tree and its table, a group's summary and its members, a user's summary
    // and the ARN their recent activity is looked up by.
    let pages: [(&str, &[&str]); 9] = [
        ("/", &["iam:GetAccountSummary"]),
        ("/users", &["iam:ListUsers", "iam:ListUsers"]),
        (
            "/users/bob",
            &[
                "iam:GetLoginProfile",
                "iam:GetUser",
                "iam:GetUser",
                "iam:ListAccessKeys",
                "iam:ListGroupsForUser",
                "iam:ListMFADevices",
                "iam:ListUserPolicies",
                "iam:ListUserTags",
                "iam:SimulatePrincipalPolicy",
            ],
        ),
        ("/groups", &["iam:ListGroups", "iam:ListGroups"]),
        ("/groups/ops", &["iam:GetGroup", "iam:GetGroup", "iam:ListGroupPolicies"]),
        ("/policies", &["iam:ListPolicies"]),
        ("/audit", &["cloudtrail:LookupEvents"]),
        ("/who-can", &[]),
        ("/mfa", &["iam:ListMFADevices"]),
    ];
    for (page, expected) in pages {
        let before = alices_refused_reads(&app).await.len();
        let response = alice.client.get(format!("{}{page}", alice.address)).header("accept", "text/html").send().await;
        assert!(!response.unwrap().status().is_server_error(), "{page} renders");
        let reads = alices_refused_reads(&app).await;
        let mut asked: Vec<_> = reads[..reads.len() - before].iter().map(String::as_str).collect();
        asked.sort_unstable();
        assert_eq!(asked, expected, "{page}");
    }
}
