//! "Who can do this?": every user and group whose policies allow an action on a resource, with the statements that
//! do; explicit denies win; what the asker may not look into is counted, not shown.

use app::model::who_can::WhoCan;

use super::harness::*;

fn names(answer: &[app::model::who_can::Grantee]) -> Vec<&str> {
    let mut names: Vec<&str> = answer.iter().map(|g| g.name.as_str()).collect();
    names.sort();
    names
}

#[tokio::test]
async fn every_user_and_group_allowed_with_the_statements_that_allow_it() {
    let iam = Iam::new().await;
    let acct = iam.account_id.clone();
    for (p, name) in [("/app/", "alice"), ("/app/", "bob"), ("/family/", "carol"), ("/app/", "dave"), ("/", "asker")] {
        iam.create_user(p, name).await;
    }
    for group in ["admins", "unused", "readers"] {
        iam.create_group("/", group).await;
    }
    iam.put_group_policy("admins", "manage-app", &allow("iam:*", &format!("arn:aws:iam::{acct}:user/app/*"))).await;
    iam.put_group_policy("unused", "everything", &allow("*", "*")).await;
    iam.put_group_policy("readers", "read", &allow("iam:Get*", "*")).await;
    iam.add_to_group("admins", "alice").await;
    iam.add_to_group("admins", "bob").await;
    iam.add_to_group("admins", "dave").await;
    // dave is in admins too, but an explicit deny of his own wins.
    iam.put_user_policy("dave", "no-creating", &deny("iam:CreateUser", "*")).await;

    let target = format!("arn:aws:iam::{acct}:user/app/new");
    let answer: WhoCan = iam.service.who_can(&iam.root(), " iam:CreateUser ", &target).await.unwrap();
    assert_eq!((answer.action.as_str(), answer.resource.as_str()), ("iam:CreateUser", target.as_str()));
    assert_eq!(names(&answer.users), ["alice", "bob"]);
    assert_eq!(names(&answer.groups), ["admins", "unused"]);
    assert_eq!((answer.users_checked, answer.groups_checked, answer.hidden, answer.truncated), (5, 3, 0, false));
    let alice = answer.users.iter().find(|u| u.name == "alice").unwrap();
    assert_eq!(alice.arn, format!("arn:aws:iam::{acct}:user/app/alice"));
    assert_eq!(alice.reasons.len(), 1);
    assert_eq!(alice.reasons[0].policy_id, "group/admins/manage-app");
    assert_eq!(alice.reasons[0].policy_label(), "inline policy manage-app of group admins");
    assert!(alice.reasons[0].start_line >= 1 && alice.reasons[0].end_line >= alice.reasons[0].start_line);
    // Elsewhere than /app/ only the unused group's `*` allows it: it has no members, so no user can.
    let elsewhere = iam.service.who_can(&iam.root(), "iam:CreateUser", &format!("arn:aws:iam::{acct}:user/x")).await;
    let elsewhere = elsewhere.unwrap();
    assert!(elsewhere.users.is_empty());
    assert_eq!(names(&elsewhere.groups), ["unused"]);

    // A delegated asker sees only what it may look into, and how much it could not.
    let lookup = format!(
        r#"{{"Version":"2012-10-17","Statement":[
            {{"Effect":"Allow","Action":["iam:ListUsers","iam:ListGroups"],"Resource":"*"}},
            {{"Effect":"Allow","Action":"iam:SimulatePrincipalPolicy","Resource":"arn:aws:iam::{acct}:user/app/*"}}]}}"#
    );
    iam.put_user_policy("asker", "lookup", &lookup).await;
    let asker = iam.as_user("asker").await;
    let partial = iam.service.who_can(&asker, "iam:CreateUser", &target).await.unwrap();
    assert_eq!(names(&partial.users), ["alice", "bob"]);
    assert!(partial.groups.is_empty());
    assert_eq!(partial.hidden, 2 + 3, "carol and asker, and the three groups");

    // Without ListUsers there is no answer at all; a malformed action is the asker's mistake.
    assert_code(iam.service.who_can(&iam.as_user("carol").await, "iam:CreateUser", &target).await, "AccessDenied");
    assert_code(iam.service.who_can(&iam.root(), "CreateUser", &target).await, "InvalidInput");
}
