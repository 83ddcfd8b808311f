//! A console page is built once per request: the server does each of its reads once (and audits it once), however
//! the caller's permissions make the page come out.

use serde_json::Value;

use crate::helpers::TestApp;
use crate::session_security::{account_with_alice, alice_signs_in, ALICE_PASSWORD};

/// The audited `action` denials whose principal is `alice`, as root reads them from the audit log.
async fn alices_denials(app: &TestApp, action: &str) -> usize {
    let response = app.call("list_audit_events", &[("action", action), ("outcome", "denied")]).await;
    let page: Value = response.json().await.unwrap();
    let events = page["items"].as_array().unwrap_or_else(|| panic!("a page of events: {page}"));
    let alices: Vec<_> =
        events.iter().filter(|event| event["principal_arn"].as_str().unwrap().ends_with(":user/alice")).collect();
    alices.len()
}

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
        assert_eq!(alices_denials(&app, "iam:ListUsers").await, 2 * visit, "after visit {visit}");
    }
}
