//! A user's effective permissions: every statement from their own and their groups' policies (inline and managed),
//! by service, denies first, with where each comes from; read with `iam:SimulatePrincipalPolicy` on the user.

use app::model::effective_permissions::{EffectivePermissions, StatementGrant};
use app::model::policies::PolicyArn;

use super::harness::*;

fn service<'a>(answer: &'a EffectivePermissions, name: &str) -> &'a [StatementGrant] {
    &answer.services.iter().find(|s| s.service == name).unwrap_or_else(|| panic!("no {name} in {answer:?}")).statements
}

#[tokio::test]
async fn every_statement_reaching_the_user_by_service_with_its_source() {
    let iam = Iam::new().await;
    let acct = iam.account_id.clone();
    let root = iam.root();
    iam.create_user("/app/", "backup").await;
    iam.create_group("/", "admins").await;
    iam.add_to_group("admins", "backup").await;
    let mixed = r#"{"Version":"2012-10-17","Statement":[
        {"Sid":"Read","Effect":"Allow","Action":["s3:GetObject","IAM:GetUser"],"Resource":"*"},
        {"Effect":"Deny","NotAction":"iam:*","Resource":"*","Condition":{"Bool":{"aws:MultiFactorAuthPresent":"false"}}}
    ]}"#;
    iam.put_user_policy("backup", "own", mixed).await;
    iam.put_group_policy("admins", "manage-app", &allow("iam:*", &format!("arn:aws:iam::{acct}:user/app/*"))).await;
    let everything = allow("*", "*");
    iam.service.create_policy(&root, policy_name("Everything"), path("/"), None, everything).await.unwrap();
    let arn = PolicyArn::parse(&format!("arn:aws:iam::{acct}:policy/Everything")).unwrap();
    iam.service.attach_group_policy(&root, group_name("admins"), arn).await.unwrap();

    let answer = iam.service.effective_permissions(&root, &user_name("backup")).await.unwrap();
    assert_eq!(answer.user_arn, format!("arn:aws:iam::{acct}:user/app/backup"));
    let services: Vec<&str> = answer.services.iter().map(|s| s.service.as_str()).collect();
    assert_eq!(services, ["*", "iam", "s3"], "every service first, then by prefix");

    // Every service: the NotAction deny (first, with its condition), then the managed policy's `*` via the group.
    let all = service(&answer, "*");
    assert_eq!(all.len(), 2);
    assert!(all[0].is_deny() && all[0].not_action);
    assert_eq!(all[0].actions, ["iam:*"]);
    assert_eq!(all[0].conditions, ["Bool aws:MultiFactorAuthPresent: false"]);
    assert_eq!(all[0].source, "inline policy own");
    assert_eq!(all[0].policy_href, "/users/backup/inline-policy?name=own");
    assert_eq!((all[0].start_line, all[0].end_line), (3, 3));
    assert_eq!(all[1].source, "managed policy Everything attached to group admins");
    assert_eq!(all[1].policy_href, "/policies/Everything");

    // iam: only the iam actions of the mixed statement (case as written), and the group's inline policy.
    let iam_grants = service(&answer, "iam");
    assert_eq!(iam_grants.len(), 2);
    assert_eq!(
        (iam_grants[0].actions.as_slice(), iam_grants[0].sid.as_deref()),
        (&["IAM:GetUser".to_owned()][..], Some("Read"))
    );
    assert_eq!(iam_grants[1].source, "inline policy manage-app of group admins");
    assert_eq!(iam_grants[1].resources, [format!("arn:aws:iam::{acct}:user/app/*")]);
    assert_eq!(service(&answer, "s3")[0].actions, ["s3:GetObject"]);

    // Reading it is looking into the user's policies: a user without SimulatePrincipalPolicy on them is refused.
    iam.create_user("/", "nosy").await;
    let refused = iam.service.effective_permissions(&iam.as_user("nosy").await, &user_name("backup")).await;
    assert_code(refused, "AccessDenied");
    assert_code(iam.service.effective_permissions(&root, &user_name("nobody")).await, "NoSuchEntity");
    let bare = iam.service.effective_permissions(&root, &user_name("nosy")).await.unwrap();
    assert!(bare.services.is_empty());
}
