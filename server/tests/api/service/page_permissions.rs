//! What the console disables: the page's actions the caller would be refused, asked of the same engine that then
//! authorizes the calls, naming the action and the ARN, and telling an explicit deny from a missing allow.

use app::model::reports::AuditQuery;
use app::model::PageRequest;

use super::harness::*;

fn refused_actions(permissions: &app::model::permissions::Permissions) -> Vec<&str> {
    permissions.refused.iter().map(|r| r.action.as_str()).collect()
}

#[tokio::test]
async fn a_delegated_admin_is_refused_exactly_what_their_policies_refuse() {
    let iam = Iam::new().await;
    let acct = iam.account_id.clone();
    iam.create_user("/family/", "jeff").await;
    iam.create_user("/app/", "backup").await;
    iam.create_user("/family/", "carol").await;
    iam.create_group("/", "admins").await;
    iam.create_group("/app/", "app-team").await;
    iam.put_group_policy("admins", "manage-app", &allow("iam:*", &format!("arn:aws:iam::{acct}:*/app/*"))).await;
    iam.add_to_group("admins", "jeff").await;
    iam.put_user_policy("jeff", "keep-keys", &deny("iam:DeleteAccessKey", "*")).await;
    let jeff = iam.as_user("jeff").await;

    // In /app/: everything but what the deny takes away, and that one says it is a deny.
    let backup = iam.service.user_page_permissions(&jeff, &user_name("backup")).await.unwrap();
    assert_eq!(refused_actions(&backup), ["iam:DeleteAccessKey"]);
    assert!(backup.refused[0].explicit_deny);
    assert_eq!(
        backup.missing("iam:DeleteAccessKey").unwrap(),
        format!("A policy denies you iam:DeleteAccessKey on arn:aws:iam::{acct}:user/app/backup.")
    );
    assert_eq!(backup.missing("iam:DeleteUser"), None);

    // In /family/: every action of the page, each a missing allow naming the user's real ARN.
    let carol = iam.service.user_page_permissions(&jeff, &user_name("carol")).await.unwrap();
    assert_eq!(refused_actions(&carol), app::model::permissions::USER_PAGE_ACTIONS);
    assert_eq!(
        carol.missing("iam:UpdateUser").unwrap(),
        format!("You need iam:UpdateUser on arn:aws:iam::{acct}:user/family/carol.")
    );

    let app_team = iam.service.group_page_permissions(&jeff, &group_name("app-team")).await.unwrap();
    assert!(app_team.refused.is_empty());
    let admins = iam.service.group_page_permissions(&jeff, &group_name("admins")).await.unwrap();
    assert_eq!(refused_actions(&admins), app::model::permissions::GROUP_PAGE_ACTIONS);

    // Creating: by the path the form starts at.
    assert!(iam.service.create_permissions(&jeff, &path("/app/")).await.unwrap().refused.is_empty());
    let family = iam.service.create_permissions(&jeff, &path("/family/")).await.unwrap();
    assert_eq!(refused_actions(&family), ["iam:CreateUser", "iam:CreateGroup"]);
    assert_eq!(family.refused[0].resource, format!("arn:aws:iam::{acct}:user/family/*"));

    // Root is refused nothing; and the answers agree with the calls themselves.
    assert!(iam.service.user_page_permissions(&iam.root(), &user_name("carol")).await.unwrap().refused.is_empty());
    let refused = iam.service.delete_user(&jeff, user_name("carol")).await;
    assert_code(refused, "AccessDenied");
}

#[tokio::test]
async fn asking_is_not_audited_as_a_denial() {
    let iam = Iam::new().await;
    iam.create_user("/", "nobody").await;
    let nobody = iam.as_user("nobody").await;
    let asked = iam.service.user_page_permissions(&nobody, &user_name("nobody")).await.unwrap();
    assert_eq!(asked.refused.len(), app::model::permissions::USER_PAGE_ACTIONS.len());
    let denials = AuditQuery { outcome: Some("denied".into()), ..AuditQuery::default() };
    let events = iam.service.list_audit_events(&iam.root(), denials, PageRequest::default()).await.unwrap();
    assert!(events.items.is_empty(), "{:?}", events.items);
}
