//! Keys and compiled policies are cached between requests; every change to what they were read from must be in force
//! for the very next call. Each step reads once (filling the cache), changes something, and reads again.

use app::backend::service::UpdateUser;
use app::model::credentials::{AccessKeyId, AccessKeyStatus};
use app::model::policies::{PolicyArn, PolicyVersionId};

use super::harness::*;

/// Whether alice may read bob, asked afresh (a new call, so only the service's cache can remember).
async fn alice_may_read_bob(iam: &Iam) -> bool {
    match iam.service.get_user(&iam.as_user("alice").await, Some(user_name("bob"))).await {
        Ok(_) => true,
        Err(e) if e.code() == "AccessDenied" => false,
        Err(e) => panic!("unexpected {e}"),
    }
}

async fn alice_and_bob() -> Iam {
    let iam = Iam::new().await;
    iam.create_user("/", "alice").await;
    iam.create_user("/", "bob").await;
    assert!(!alice_may_read_bob(&iam).await, "no policy yet");
    iam
}

#[tokio::test]
async fn user_inline_policies_apply_and_stop_at_once() {
    let iam = alice_and_bob().await;
    iam.put_user_policy("alice", "read", &allow("iam:GetUser", "*")).await;
    assert!(alice_may_read_bob(&iam).await);
    iam.put_user_policy("alice", "read", &deny("iam:GetUser", "*")).await;
    assert!(!alice_may_read_bob(&iam).await, "replaced by a deny");
    iam.put_user_policy("alice", "read", &allow("iam:GetUser", "*")).await;
    assert!(alice_may_read_bob(&iam).await);
    iam.service
        .delete_inline_policy(&iam.root(), app::backend::service::Owner::User(user_name("alice")), policy_name("read"))
        .await
        .unwrap();
    assert!(!alice_may_read_bob(&iam).await, "deleted");
}

#[tokio::test]
async fn group_policies_and_memberships_apply_at_once() {
    let iam = alice_and_bob().await;
    iam.create_group("/", "readers").await;
    iam.put_group_policy("readers", "read", &allow("iam:GetUser", "*")).await;
    assert!(!alice_may_read_bob(&iam).await, "not a member yet");
    iam.add_to_group("readers", "alice").await;
    assert!(alice_may_read_bob(&iam).await, "joined");
    iam.put_group_policy("readers", "read", &deny("iam:GetUser", "*")).await;
    assert!(!alice_may_read_bob(&iam).await, "the group's policy changed");
    iam.put_group_policy("readers", "read", &allow("iam:GetUser", "*")).await;
    assert!(alice_may_read_bob(&iam).await);
    iam.service.remove_user_from_group(&iam.root(), group_name("readers"), user_name("alice")).await.unwrap();
    assert!(!alice_may_read_bob(&iam).await, "left");
}

#[tokio::test]
async fn managed_policy_attachments_and_default_versions_apply_at_once() {
    let iam = alice_and_bob().await;
    let root = iam.root();
    let policy = iam
        .service
        .create_policy(&root, policy_name("read"), path("/"), None, allow("iam:GetUser", "*"))
        .await
        .unwrap();
    let arn = PolicyArn::parse(&policy.arn).unwrap();
    iam.service.attach_user_policy(&root, user_name("alice"), arn.clone()).await.unwrap();
    assert!(alice_may_read_bob(&iam).await, "attached");
    iam.service.create_policy_version(&root, arn.clone(), deny("iam:GetUser", "*"), true).await.unwrap();
    assert!(!alice_may_read_bob(&iam).await, "new default version denies");
    iam.service.set_default_policy_version(&root, arn.clone(), PolicyVersionId::parse("v1").unwrap()).await.unwrap();
    assert!(alice_may_read_bob(&iam).await, "back to v1");
    iam.service.detach_user_policy(&root, user_name("alice"), arn).await.unwrap();
    assert!(!alice_may_read_bob(&iam).await, "detached");
}

#[tokio::test]
async fn key_status_deletion_and_renames_reach_the_signing_path_at_once() {
    let iam = Iam::new().await;
    iam.create_user("/", "alice").await;
    let root = iam.root();
    let created = iam.service.create_access_key(&root, Some(user_name("alice"))).await.unwrap();
    let id = created.access_key_id.clone();
    let signing = |iam: &Iam| {
        let id = id.clone();
        let service = iam.service.clone();
        async move { service.access_key_for_signature(&ctx(), &id).await.unwrap() }
    };
    let key = signing(&iam).await.expect("an active key signs");
    assert_eq!(key.caller.arn(), iam.user_arn("/", "alice"));

    let update =
        UpdateUser { name: user_name("alice"), new_name: Some(user_name("alicia")), new_path: Some(path("/ops/")) };
    iam.service.update_user(&root, update).await.unwrap();
    let key = signing(&iam).await.expect("still active");
    assert_eq!(key.caller.arn(), iam.user_arn("/ops/", "alicia"), "the caller is the renamed, moved user");

    let key_id = AccessKeyId::parse(&id).unwrap();
    iam.service
        .update_access_key(&root, Some(user_name("alicia")), key_id.clone(), AccessKeyStatus::Inactive)
        .await
        .unwrap();
    assert!(signing(&iam).await.is_none(), "an inactive key signs nothing");
    iam.service
        .update_access_key(&root, Some(user_name("alicia")), key_id.clone(), AccessKeyStatus::Active)
        .await
        .unwrap();
    assert!(signing(&iam).await.is_some());
    iam.service.delete_access_key(&root, Some(user_name("alicia")), key_id).await.unwrap();
    assert!(signing(&iam).await.is_none(), "a deleted key signs nothing");
}

/// Users' paths are cached too (for the ARN an action on a user is authorized against): alice manages `/app/` only,
/// and where bob is now decides, however recently his path was read or written.
#[tokio::test]
async fn a_users_move_or_deletion_decides_the_next_authorization_against_it() {
    let iam = Iam::new().await;
    iam.create_user("/", "alice").await;
    iam.create_user("/app/", "bob").await;
    iam.put_user_policy("alice", "app", &allow("iam:GetUser", &iam.user_arn("/app/", "*"))).await;
    assert!(alice_may_read_bob(&iam).await, "bob was created under /app/");
    let root = iam.root();
    let move_bob = |to: &str| UpdateUser { name: user_name("bob"), new_name: None, new_path: Some(path(to)) };
    iam.service.update_user(&root, move_bob("/ops/")).await.unwrap();
    assert!(!alice_may_read_bob(&iam).await, "moved out of /app/");
    iam.service.update_user(&root, move_bob("/app/")).await.unwrap();
    assert!(alice_may_read_bob(&iam).await, "moved back in");
    iam.service.delete_user(&root, user_name("bob")).await.unwrap();
    iam.create_user("/ops/", "bob").await;
    assert!(!alice_may_read_bob(&iam).await, "another bob, outside /app/");
}

#[tokio::test]
async fn a_rename_keeps_the_path_the_user_has_now() {
    let iam = Iam::new().await;
    iam.create_user("/app/", "bob").await;
    let root = iam.root();
    assert!(iam.service.get_user(&root, Some(user_name("bob"))).await.is_ok(), "reads (and caches) bob's path");
    let update = UpdateUser { name: user_name("bob"), new_name: None, new_path: Some(path("/ops/")) };
    iam.service.update_user(&root, update).await.unwrap();
    let rename = UpdateUser { name: user_name("bob"), new_name: Some(user_name("robert")), new_path: None };
    let renamed = iam.service.update_user(&root, rename).await.unwrap();
    assert_eq!(renamed.path, "/ops/");
    assert_eq!(renamed.arn, iam.user_arn("/ops/", "robert"));
}

#[tokio::test]
async fn a_deleted_user_is_no_caller_even_through_a_cached_key() {
    let iam = Iam::new().await;
    iam.create_user("/", "alice").await;
    let root = iam.root();
    let created = iam.service.create_access_key(&root, Some(user_name("alice"))).await.unwrap();
    assert!(iam.service.access_key_for_signature(&ctx(), &created.access_key_id).await.unwrap().is_some());
    let key_id = AccessKeyId::parse(&created.access_key_id).unwrap();
    // AWS refuses to delete a user with keys; remove the key the ordinary way, then the user.
    iam.service.delete_access_key(&root, Some(user_name("alice")), key_id).await.unwrap();
    iam.service.delete_user(&root, user_name("alice")).await.unwrap();
    assert!(iam.service.access_key_for_signature(&ctx(), &created.access_key_id).await.unwrap().is_none());
}

#[tokio::test]
async fn last_use_is_written_at_most_once_a_minute_per_service_and_region() {
    let iam = Iam::new().await;
    iam.create_user("/", "alice").await;
    let root = iam.root();
    let created = iam.service.create_access_key(&root, Some(user_name("alice"))).await.unwrap();
    let id = created.access_key_id.clone();
    let last_used =
        || async { iam.service.get_access_key_last_used(&root, AccessKeyId::parse(&id).unwrap()).await.unwrap() };
    iam.service.record_access_key_use(&ctx(), &id, "iam", "us-east-1").await;
    let first = last_used().await;
    iam.clock.advance(chrono::Duration::seconds(30));
    iam.service.record_access_key_use(&ctx(), &id, "iam", "us-east-1").await;
    assert_eq!(last_used().await.last_used_date, first.last_used_date, "30 s later: not rewritten");
    iam.service.record_access_key_use(&ctx(), &id, "iam", "eu-west-1").await;
    assert_eq!(last_used().await.region, "eu-west-1", "another region is written at once");
    iam.clock.advance(chrono::Duration::seconds(61));
    iam.service.record_access_key_use(&ctx(), &id, "iam", "eu-west-1").await;
    assert_ne!(last_used().await.last_used_date, first.last_used_date, "a minute later: rewritten");
}
