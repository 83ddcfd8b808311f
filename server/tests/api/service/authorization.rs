//! The authorization matrix: every action × {root, full admin, path-scoped delegated admin, user with no policies,
//! user with an explicit Deny}, each cell asserted. "Allowed" means the call got past authorization (it may still fail
//! for another reason, e.g. `EntityAlreadyExists` when a second principal repeats a create); "denied" means
//! `AccessDenied`. The seed's scenario is the delegated admin: jeff in `/family/`, in group `admins` with `iam:*` on
//! `user/app/*`.

use std::future::Future;
use std::pin::Pin;

use app::backend::service::{Call, CreateUser, Owner, UpdateUser};
use app::backend::Clock;
use app::model::{IamError, PageRequest, PathPrefix};

use super::harness::*;

type Outcome<'a> = Pin<Box<dyn Future<Output = Result<(), IamError>> + 'a>>;

/// Pins a closure's type so it is higher-ranked over the borrow of the harness and the call.
fn op<F>(f: F) -> F
where
    F: for<'a> Fn(&'a Iam, &'a Call) -> Outcome<'a>,
{
    f
}

const PRINCIPALS: [&str; 5] = ["root", "admin", "jeff", "nobody", "denied"];

/// Sets up the account: `admin` (iam:* on *), jeff (delegated /app/ admin via group `admins`), `nobody`, `denied`
/// (iam:* on * but an explicit Deny on user/app/*), targets `backup` and `syndic8` in /app/ and `mom` in /family/,
/// and a group `staff`.
async fn seeded() -> Iam {
    let iam = Iam::new().await;
    let acct = iam.account_id.clone();
    iam.create_user("/", "admin").await;
    iam.put_user_policy("admin", "all", &allow("iam:*", "*")).await;
    iam.create_user("/family/", "jeff").await;
    iam.create_group("/", "admins").await;
    iam.put_group_policy("admins", "app-admin", &allow("iam:*", &format!("arn:aws:iam::{acct}:user/app/*"))).await;
    iam.add_to_group("admins", "jeff").await;
    iam.create_user("/", "nobody").await;
    iam.create_user("/", "denied").await;
    iam.put_user_policy("denied", "all", &allow("iam:*", "*")).await;
    iam.put_user_policy("denied", "not-app", &deny("iam:*", &format!("arn:aws:iam::{acct}:user/app/*"))).await;
    for (p, n) in [("/app/", "backup"), ("/app/", "syndic8"), ("/app/", "mover"), ("/family/", "mom")] {
        iam.create_user(p, n).await;
    }
    iam.create_group("/", "staff").await;
    iam
}

async fn call_as(iam: &Iam, who: &str) -> Call {
    if who == "root" {
        iam.root()
    } else {
        iam.as_user(who).await
    }
}

fn doc() -> String {
    allow("s3:GetObject", "*")
}

#[tokio::test]
async fn every_action_for_every_kind_of_principal() {
    // [root, admin, jeff, nobody, denied]
    const APP_USER: [bool; 5] = [true, true, true, false, false];
    const FAMILY_USER: [bool; 5] = [true, true, false, false, true];
    const ACCOUNT_WIDE: [bool; 5] = [true, true, false, false, true];

    let cases: Vec<(&str, [bool; 5], Box<dyn for<'a> Fn(&'a Iam, &'a Call) -> Outcome<'a>>)> = vec![
        ("CreateUser in /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_user(c, CreateUser { name: user_name("new-app"), path: path("/app/"), tags: vec![] }).await.map(drop)
        })))),
        ("CreateUser in /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_user(c, CreateUser { name: user_name("new-fam"), path: path("/family/"), tags: vec![] }).await.map(drop)
        })))),
        ("GetUser /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_user(c, Some(user_name("backup"))).await.map(drop)
        })))),
        ("GetUser /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_user(c, Some(user_name("mom"))).await.map(drop)
        })))),
        ("ListUsers /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_users(c, PathPrefix::parse("/app/").unwrap(), PageRequest::default()).await.map(drop)
        })))),
        ("ListUsers /", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_users(c, PathPrefix::all(), PageRequest::default()).await.map(drop)
        })))),
        ("UpdateUser within /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.update_user(c, UpdateUser { name: user_name("syndic8"), new_name: None, new_path: Some(path("/app/feeds/")) }).await.map(drop)
        })))),
        ("TagUser /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.tag_user(c, user_name("backup"), vec![app::model::Tag { key: "k".into(), value: "v".into() }]).await
        })))),
        ("ListUserTags /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_user_tags(c, user_name("mom")).await.map(drop)
        })))),
        ("UntagUser /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.untag_user(c, user_name("backup"), vec!["k".into()]).await
        })))),
        ("PutUserPolicy /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.put_inline_policy(c, Owner::User(user_name("backup")), policy_name("s3"), doc()).await
        })))),
        ("GetUserPolicy /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_inline_policy(c, Owner::User(user_name("backup")), policy_name("s3")).await.map(drop)
        })))),
        ("ListUserPolicies /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_inline_policies(c, Owner::User(user_name("mom"))).await.map(drop)
        })))),
        ("PutUserPolicy /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.put_inline_policy(c, Owner::User(user_name("mom")), policy_name("s3"), doc()).await
        })))),
        ("DeleteUserPolicy /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_inline_policy(c, Owner::User(user_name("mom")), policy_name("s3")).await
        })))),
        ("CreateGroup", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_group(c, group_name("new-group"), path("/")).await.map(drop)
        })))),
        ("GetGroup", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_group(c, group_name("staff"), PageRequest::default()).await.map(drop)
        })))),
        ("ListGroups", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_groups(c, PathPrefix::all(), PageRequest::default()).await.map(drop)
        })))),
        ("ListGroupsForUser /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_groups_for_user(c, user_name("backup")).await.map(drop)
        })))),
        ("AddUserToGroup", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.add_user_to_group(c, group_name("staff"), user_name("mom")).await
        })))),
        ("RemoveUserFromGroup", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.remove_user_from_group(c, group_name("staff"), user_name("mom")).await
        })))),
        ("PutGroupPolicy", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.put_inline_policy(c, Owner::Group(group_name("staff")), policy_name("s3"), doc()).await
        })))),
        ("GetGroupPolicy", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_inline_policy(c, Owner::Group(group_name("staff")), policy_name("s3")).await.map(drop)
        })))),
        ("ListGroupPolicies", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_inline_policies(c, Owner::Group(group_name("staff"))).await.map(drop)
        })))),
        ("DeleteGroupPolicy", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_inline_policy(c, Owner::Group(group_name("staff")), policy_name("s3")).await
        })))),
        ("UpdateGroup", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.update_group(c, group_name("staff"), None, Some(path("/"))).await.map(drop)
        })))),
        ("DeleteGroup", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_group(c, group_name("new-group")).await
        })))),
        // Moving out of /app/ needs permission on the new ARN too: jeff may not; `denied` may not touch /app/.
        ("UpdateUser /app/ → /family/", [true, true, false, false, false], Box::new(op(|iam, c| Box::pin(async move {
            iam.service.update_user(c, UpdateUser { name: user_name("mover"), new_name: None, new_path: Some(path("/family/")) }).await.map(drop)
        })))),
        ("DeleteUser /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_user(c, user_name("new-app")).await
        })))),
        ("DeleteUser /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_user(c, user_name("new-fam")).await
        })))),
    ];

    let iam = seeded().await;
    let mut failures = Vec::new();
    for (name, expected, run) in &cases {
        // Least privileged first, so a permitted create does not pre-empt what a refused principal would hit.
        for (i, who) in PRINCIPALS.iter().enumerate().rev() {
            let call = call_as(&iam, who).await;
            let result = run(&iam, &call).await;
            let allowed = !matches!(result, Err(IamError::AccessDenied(_)));
            if let Err(IamError::ServiceFailure { .. }) = result {
                failures.push(format!("{name} as {who}: internal failure"));
            }
            if allowed != expected[i] {
                failures.push(format!("{name} as {who}: expected {}, got {result:?}", if expected[i] { "allowed" } else { "denied" }));
            }
        }
    }
    assert!(failures.is_empty(), "{} cells wrong:\n{}", failures.len(), failures.join("\n"));
}

/// The seed, end to end: jeff manages `/app/` and nothing else; backup may use S3 but not IAM.
#[tokio::test]
async fn the_seed_scenario() {
    let iam = seeded().await;
    let acct = iam.account_id.clone();
    let jeff = iam.as_user("jeff").await;
    iam.service.delete_user(&iam.root(), user_name("backup")).await.unwrap();
    iam.service.delete_user(&iam.root(), user_name("syndic8")).await.unwrap();
    iam.service.delete_user(&iam.root(), user_name("mover")).await.unwrap();

    for name in ["backup", "syndic8"] {
        let created = iam
            .service
            .create_user(&jeff, CreateUser { name: user_name(name), path: path("/app/"), tags: vec![] })
            .await
            .unwrap();
        assert_eq!(created.arn, format!("arn:aws:iam::{acct}:user/app/{name}"));
    }
    iam.service
        .put_inline_policy(&jeff, Owner::User(user_name("backup")), policy_name("s3"), allow("s3:*", "arn:aws:s3::*"))
        .await
        .unwrap();
    let listed = iam.service.list_users(&jeff, PathPrefix::parse("/app/").unwrap(), PageRequest::default()).await.unwrap();
    assert_eq!(listed.items.iter().map(|u| u.user_name.as_str()).collect::<Vec<_>>(), ["backup", "syndic8"]);

    let refused = iam
        .service
        .create_user(&jeff, CreateUser { name: user_name("sis"), path: path("/family/"), tags: vec![] })
        .await;
    let err = assert_code(refused, "AccessDenied");
    assert_eq!(
        err.to_string(),
        format!(
            "User: arn:aws:iam::{acct}:user/family/jeff is not authorized to perform: iam:CreateUser on resource: \
             arn:aws:iam::{acct}:user/family/sis because no identity-based policy allows the iam:CreateUser action"
        )
    );
    assert_code(iam.service.list_users(&jeff, PathPrefix::all(), PageRequest::default()).await, "AccessDenied");

    // backup has s3:* on arn:aws:s3::* and nothing in IAM — new users have no permissions.
    let backup = iam.as_user("backup").await;
    assert_code(iam.service.get_user(&backup, Some(user_name("backup"))).await, "AccessDenied");
    assert_code(iam.service.list_users(&backup, PathPrefix::parse("/app/").unwrap(), PageRequest::default()).await, "AccessDenied");
}

#[tokio::test]
async fn an_explicit_deny_wins_and_says_so() {
    let iam = seeded().await;
    let denied = iam.as_user("denied").await;
    let err = assert_code(iam.service.get_user(&denied, Some(user_name("backup"))).await, "AccessDenied");
    assert!(err.to_string().ends_with("with an explicit deny in an identity-based policy"), "{err}");
}

#[tokio::test]
async fn conditions_see_the_request_context() {
    let iam = Iam::new().await;
    let acct = iam.account_id.clone();
    iam.create_user("/", "ops").await;
    // Only from the office network and only over TLS; the harness's requests come from 203.0.113.7 over TLS.
    let document = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::{acct}:user/*",
        "Condition":{{"IpAddress":{{"aws:SourceIp":"203.0.113.0/24"}},"Bool":{{"aws:SecureTransport":"true"}}}}}}]}}"#
    );
    iam.put_user_policy("ops", "office", &document).await;
    iam.service.get_user(&iam.as_user("ops").await, Some(user_name("ops"))).await.unwrap();

    let mut elsewhere = iam.as_user("ops").await;
    elsewhere.ctx.source_ip = Some("198.51.100.1".parse().unwrap());
    assert_code(iam.service.get_user(&elsewhere, Some(user_name("ops"))).await, "AccessDenied");

    // MFA: required by a policy, present only for calls that carry an MFA proof.
    let mfa_only = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"iam:ListUserTags","Resource":"arn:aws:iam::{acct}:user/*",
        "Condition":{{"Bool":{{"aws:MultiFactorAuthPresent":"true"}},"NumericLessThan":{{"aws:MultiFactorAuthAge":"3600"}}}}}}]}}"#
    );
    iam.put_user_policy("ops", "mfa", &mfa_only).await;
    assert_code(iam.service.list_user_tags(&iam.as_user("ops").await, user_name("ops")).await, "AccessDenied");
    let mut with_mfa = iam.as_user("ops").await;
    with_mfa.caller.mfa_at = Some(iam.clock.now().timestamp() - 60);
    iam.service.list_user_tags(&with_mfa, user_name("ops")).await.unwrap();
    let mut stale = iam.as_user("ops").await;
    stale.caller.mfa_at = Some(iam.clock.now().timestamp() - 7200);
    assert_code(iam.service.list_user_tags(&stale, user_name("ops")).await, "AccessDenied");
}
