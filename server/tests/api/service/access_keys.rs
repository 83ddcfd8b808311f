//! Access keys through the service: the secret shown once and sealed at rest, two keys per owner, status, delete, last
//! used on the injected clock, SigV4's key lookup, and who may manage whose keys.

use app::backend::entities::access_key;
use app::backend::service::{Channel, Identity};
use app::model::credentials::{AccessKeyId, AccessKeyStatus};
use sea_orm::EntityTrait;

use super::harness::*;

fn key_id(id: &str) -> AccessKeyId {
    AccessKeyId::parse(id).unwrap()
}

async fn stored(iam: &Iam, id: &str) -> access_key::Model {
    access_key::Entity::find_by_id(id.to_owned()).one(iam.service.db()).await.unwrap().unwrap()
}

#[tokio::test]
async fn create_shows_the_secret_once_and_list_never_does() {
    let iam = Iam::new().await;
    iam.create_user("/app/", "backup").await;
    let created = iam.service.create_access_key(&iam.root(), Some(user_name("backup"))).await.unwrap();
    assert!(created.access_key_id.starts_with("AKIA"), "{}", created.access_key_id);
    assert_eq!(created.access_key_id.len(), 20);
    assert_eq!(created.secret_access_key.len(), 40);
    assert!(
        created.secret_access_key.chars().all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '/'),
        "AWS's alphabet"
    );
    assert_eq!(created.user_name, "backup");
    assert_eq!(created.status, AccessKeyStatus::Active);
    assert_eq!(created.create_date, "2026-11-29T12:00:00Z");
    let shown = format!("{created:?}");
    assert!(!shown.contains(&created.secret_access_key), "Debug must redact the secret: {shown}");

    let other = iam.service.create_access_key(&iam.root(), Some(user_name("BACKUP"))).await.unwrap();
    assert_ne!(other.access_key_id, created.access_key_id);
    assert_ne!(other.secret_access_key, created.secret_access_key);
    assert_eq!(other.user_name, "backup", "the name as stored, not as asked for");

    let listed = iam.service.list_access_keys(&iam.root(), Some(user_name("backup"))).await.unwrap();
    assert_eq!(listed.len(), 2);
    let mut ids: Vec<_> = listed.iter().map(|k| k.access_key_id.clone()).collect();
    ids.sort();
    let mut expected = vec![created.access_key_id.clone(), other.access_key_id.clone()];
    expected.sort();
    assert_eq!(ids, expected);
    assert!(listed.iter().all(|k| k.user_name == "backup" && k.status == AccessKeyStatus::Active));
    let wire = serde_json::to_string(&listed).unwrap();
    for secret in [&created.secret_access_key, &other.secret_access_key] {
        assert!(!wire.contains(secret.as_str()), "a listing never carries a secret");
    }
}

#[tokio::test]
async fn a_third_key_exceeds_the_limit_even_when_one_is_inactive() {
    let iam = Iam::new().await;
    iam.create_user("/app/", "backup").await;
    let root = iam.root();
    let first = iam.service.create_access_key(&root, Some(user_name("backup"))).await.unwrap();
    iam.service.create_access_key(&root, Some(user_name("backup"))).await.unwrap();
    iam.service
        .update_access_key(&root, Some(user_name("backup")), key_id(&first.access_key_id), AccessKeyStatus::Inactive)
        .await
        .unwrap();
    let third = assert_code(iam.service.create_access_key(&root, Some(user_name("backup"))).await, "LimitExceeded");
    assert!(third.to_string().contains("`backup`"), "{third}");
    assert_eq!(iam.service.list_access_keys(&root, Some(user_name("backup"))).await.unwrap().len(), 2);

    // The limit is per user, and deleting a key frees its place.
    iam.create_user("/app/", "syndic8").await;
    iam.service.create_access_key(&root, Some(user_name("syndic8"))).await.unwrap();
    iam.service.delete_access_key(&root, Some(user_name("backup")), key_id(&first.access_key_id)).await.unwrap();
    iam.service.create_access_key(&root, Some(user_name("backup"))).await.unwrap();
}

#[tokio::test]
async fn status_toggles_and_delete_removes_the_key() {
    let iam = Iam::new().await;
    iam.create_user("/app/", "backup").await;
    let root = iam.root();
    let key = iam.service.create_access_key(&root, Some(user_name("backup"))).await.unwrap();
    let id = key_id(&key.access_key_id);
    let backup = || Some(user_name("backup"));

    iam.service.update_access_key(&root, backup(), id.clone(), AccessKeyStatus::Inactive).await.unwrap();
    let listed = iam.service.list_access_keys(&root, backup()).await.unwrap();
    assert_eq!(listed[0].status, AccessKeyStatus::Inactive);
    // Setting the status it already has is fine.
    iam.service.update_access_key(&root, backup(), id.clone(), AccessKeyStatus::Inactive).await.unwrap();
    iam.service.update_access_key(&root, backup(), id.clone(), AccessKeyStatus::Active).await.unwrap();
    assert_eq!(iam.service.list_access_keys(&root, backup()).await.unwrap()[0].status, AccessKeyStatus::Active);

    assert_code(iam.service.delete_user(&root, user_name("backup")).await, "DeleteConflict");
    iam.service.delete_access_key(&root, backup(), id.clone()).await.unwrap();
    assert!(iam.service.list_access_keys(&root, backup()).await.unwrap().is_empty());
    assert!(iam.service.access_key_for_signature(&ctx(), id.as_str()).await.unwrap().is_none());
    assert_code(iam.service.delete_access_key(&root, backup(), id.clone()).await, "NoSuchEntity");
    assert_code(
        iam.service.update_access_key(&root, backup(), id.clone(), AccessKeyStatus::Active).await,
        "NoSuchEntity",
    );
    assert_code(iam.service.get_access_key_last_used(&root, id).await, "NoSuchEntity");
    iam.service.delete_user(&root, user_name("backup")).await.unwrap();
}

#[tokio::test]
async fn unknown_users_and_keys_of_someone_else_are_no_such_entity() {
    let iam = Iam::new().await;
    iam.create_user("/app/", "backup").await;
    iam.create_user("/app/", "syndic8").await;
    let root = iam.root();
    assert_code(iam.service.create_access_key(&root, Some(user_name("nobody"))).await, "NoSuchEntity");
    assert_code(iam.service.list_access_keys(&root, Some(user_name("nobody"))).await, "NoSuchEntity");

    let key = iam.service.create_access_key(&root, Some(user_name("backup"))).await.unwrap();
    let id = key_id(&key.access_key_id);
    // Named with another owner — another user, or root's own keys (no user name) — the key is not found.
    for owner in [Some(user_name("syndic8")), None] {
        let err = assert_code(
            iam.service.update_access_key(&root, owner.clone(), id.clone(), AccessKeyStatus::Inactive).await,
            "NoSuchEntity",
        );
        assert_eq!(err.to_string(), format!("the access key with id `{}` cannot be found", key.access_key_id));
        assert_code(iam.service.delete_access_key(&root, owner, id.clone()).await, "NoSuchEntity");
    }
    assert_eq!(
        iam.service.list_access_keys(&root, Some(user_name("backup"))).await.unwrap()[0].status,
        AccessKeyStatus::Active
    );
    assert_code(iam.service.get_access_key_last_used(&root, key_id("AKIAAAAAAAAAAAAAAAAA")).await, "NoSuchEntity");
    assert_code(AccessKeyId::parse("AKIA"), "ValidationError");
    assert_code(AccessKeyStatus::parse("enabled"), "ValidationError");
}

#[tokio::test]
async fn the_secret_is_sealed_at_rest_and_opened_only_for_signing_with_an_active_key() {
    let iam = Iam::new().await;
    iam.create_user("/app/", "backup").await;
    let root = iam.root();
    let key = iam.service.create_access_key(&root, Some(user_name("backup"))).await.unwrap();

    let row = stored(&iam, &key.access_key_id).await;
    assert!(!row.secret_ciphertext.contains(&key.secret_access_key), "the secret is not stored in plaintext");
    assert!(!row.secret_ciphertext.contains(&key.secret_access_key[..12]));
    assert_eq!(row.status, "Active");

    let signing = iam.service.access_key_for_signature(&ctx(), &key.access_key_id).await.unwrap().unwrap();
    assert_eq!(signing.secret.expose(), key.secret_access_key);
    assert_eq!(signing.account_id, iam.account_id);
    assert_eq!(signing.caller.account_id, iam.account_id);
    assert_eq!(signing.caller.channel, Channel::Api);
    assert_eq!(signing.caller.mfa_at, None);
    match &signing.caller.identity {
        Identity::User { name, path, user_id } => {
            assert_eq!((name.as_str(), path.as_str()), ("backup", "/app/"));
            assert!(user_id.starts_with("AIDA"));
        }
        Identity::Root => panic!("a user's key signs as that user"),
    }
    assert_eq!(signing.caller.arn(), iam.user_arn("/app/", "backup"));
    let shown = format!("{signing:?}");
    assert!(!shown.contains(&key.secret_access_key), "Debug must redact the secret: {shown}");

    iam.service
        .update_access_key(&root, Some(user_name("backup")), key_id(&key.access_key_id), AccessKeyStatus::Inactive)
        .await
        .unwrap();
    assert!(iam.service.access_key_for_signature(&ctx(), &key.access_key_id).await.unwrap().is_none());
    assert!(iam.service.access_key_for_signature(&ctx(), "AKIAAAAAAAAAAAAAAAAA").await.unwrap().is_none());
    assert!(iam.service.access_key_for_signature(&ctx(), "").await.unwrap().is_none());
}

#[tokio::test]
async fn the_root_has_its_own_keys() {
    let iam = Iam::new().await;
    iam.create_user("/app/", "backup").await;
    let root = iam.root();
    iam.service.create_access_key(&root, Some(user_name("backup"))).await.unwrap();
    let own = iam.service.create_access_key(&root, None).await.unwrap();
    assert_eq!(own.user_name, "", "AWS shows the root's keys without a user name");
    assert_eq!(stored(&iam, &own.access_key_id).await.user_id, None);

    let listed = iam.service.list_access_keys(&root, None).await.unwrap();
    assert_eq!(listed.len(), 1, "only the root's own keys: {listed:?}");
    assert_eq!(listed[0].access_key_id, own.access_key_id);
    assert_eq!(listed[0].user_name, "");

    let signing = iam.service.access_key_for_signature(&ctx(), &own.access_key_id).await.unwrap().unwrap();
    assert_eq!(signing.caller.identity, Identity::Root);
    assert_eq!(signing.secret.expose(), own.secret_access_key);

    iam.service.create_access_key(&root, None).await.unwrap();
    assert_code(iam.service.create_access_key(&root, None).await, "LimitExceeded");
    iam.service.delete_access_key(&root, None, key_id(&own.access_key_id)).await.unwrap();
    assert_eq!(iam.service.list_access_keys(&root, None).await.unwrap().len(), 1);
}

#[tokio::test]
async fn last_use_is_recorded_on_the_injected_clock() {
    let iam = Iam::new().await;
    iam.create_user("/app/", "backup").await;
    let root = iam.root();
    let key = iam.service.create_access_key(&root, Some(user_name("backup"))).await.unwrap();
    let id = key_id(&key.access_key_id);

    let never = iam.service.get_access_key_last_used(&root, id.clone()).await.unwrap();
    assert_eq!(never.user_name, "backup");
    assert_eq!(never.last_used_date, None);
    assert_eq!((never.service_name.as_str(), never.region.as_str()), ("N/A", "N/A"));

    iam.clock.advance(chrono::Duration::minutes(90));
    iam.service.record_access_key_use(&ctx(), &key.access_key_id, "iam", "us-east-1").await;
    let used = iam.service.get_access_key_last_used(&root, id.clone()).await.unwrap();
    assert_eq!(used.last_used_date.as_deref(), Some("2026-11-29T13:30:00Z"));
    assert_eq!((used.service_name.as_str(), used.region.as_str()), ("iam", "us-east-1"));

    // A later use replaces the earlier one; an over-long region from a client's credential scope is clipped.
    iam.clock.advance(chrono::Duration::days(1));
    let region = "r".repeat(200);
    iam.service.record_access_key_use(&ctx(), &key.access_key_id, "iam", &region).await;
    let later = iam.service.get_access_key_last_used(&root, id).await.unwrap();
    assert_eq!(later.last_used_date.as_deref(), Some("2026-11-30T13:30:00Z"));
    assert_eq!(later.region, "r".repeat(32));
    // An unknown key is ignored: recording is best effort and never fails the request.
    iam.service.record_access_key_use(&ctx(), "AKIAAAAAAAAAAAAAAAAA", "iam", "us-east-1").await;
}

#[tokio::test]
async fn a_path_scoped_admin_manages_keys_under_its_path_only() {
    let iam = Iam::new().await;
    iam.create_user("/family/", "jeff").await;
    iam.create_user("/app/", "backup").await;
    iam.create_user("/admins/", "alice").await;
    let scope = format!("arn:aws:iam::{}:user/app/*", iam.account_id);
    iam.put_user_policy("alice", "delegated", &allow("iam:*", &scope)).await;
    let alice = iam.as_user("alice").await;
    let backup = || Some(user_name("backup"));
    let jeff = || Some(user_name("jeff"));

    let key = iam.service.create_access_key(&alice, backup()).await.unwrap();
    let id = key_id(&key.access_key_id);
    assert_eq!(iam.service.list_access_keys(&alice, backup()).await.unwrap().len(), 1);
    iam.service.update_access_key(&alice, backup(), id.clone(), AccessKeyStatus::Inactive).await.unwrap();
    assert_eq!(iam.service.get_access_key_last_used(&alice, id.clone()).await.unwrap().user_name, "backup");
    iam.service.delete_access_key(&alice, backup(), id).await.unwrap();

    let denied = assert_code(iam.service.create_access_key(&alice, jeff()).await, "AccessDenied");
    assert!(denied.to_string().contains("iam:CreateAccessKey"), "{denied}");
    assert!(denied.to_string().contains(&iam.user_arn("/family/", "jeff")), "{denied}");
    assert_code(iam.service.list_access_keys(&alice, jeff()).await, "AccessDenied");
    let jeffs = iam.service.create_access_key(&iam.root(), jeff()).await.unwrap();
    let jeffs_id = key_id(&jeffs.access_key_id);
    assert_code(
        iam.service.update_access_key(&alice, jeff(), jeffs_id.clone(), AccessKeyStatus::Inactive).await,
        "AccessDenied",
    );
    assert_code(iam.service.delete_access_key(&alice, jeff(), jeffs_id.clone()).await, "AccessDenied");
    assert_code(iam.service.get_access_key_last_used(&alice, jeffs_id.clone()).await, "AccessDenied");
    // Naming a user she manages does not reach a key of someone else.
    assert_code(iam.service.delete_access_key(&alice, backup(), jeffs_id).await, "NoSuchEntity");
    // An unknown key id tells her nothing either.
    assert_code(iam.service.get_access_key_last_used(&alice, key_id("AKIAAAAAAAAAAAAAAAAA")).await, "AccessDenied");
    // Her own keys are outside `/app/` too, and so are the root's.
    assert_code(iam.service.create_access_key(&alice, None).await, "AccessDenied");
    assert_eq!(iam.service.list_access_keys(&iam.root(), jeff()).await.unwrap()[0].status, AccessKeyStatus::Active);
}

#[tokio::test]
async fn users_may_be_allowed_to_manage_only_their_own_keys() {
    let iam = Iam::new().await;
    iam.create_user("/", "bob").await;
    iam.create_user("/", "carol").await;
    // New users have no permissions, not even over their own keys.
    assert_code(iam.service.create_access_key(&iam.as_user("bob").await, None).await, "AccessDenied");

    let own = format!("arn:aws:iam::{}:user/${{aws:username}}", iam.account_id);
    iam.put_user_policy("bob", "self-service", &allow("iam:CreateAccessKey", &own)).await;
    let bob = iam.as_user("bob").await;
    let mine = iam.service.create_access_key(&bob, None).await.unwrap();
    assert_eq!(mine.user_name, "bob");
    let named = iam.service.create_access_key(&bob, Some(user_name("bob"))).await.unwrap();
    assert_eq!(named.user_name, "bob");
    let denied = assert_code(iam.service.create_access_key(&bob, Some(user_name("carol"))).await, "AccessDenied");
    assert!(denied.to_string().contains(&iam.user_arn("/", "carol")), "{denied}");
    // Only creation was granted.
    assert_code(iam.service.list_access_keys(&bob, None).await, "AccessDenied");
    assert!(iam.service.list_access_keys(&iam.root(), Some(user_name("carol"))).await.unwrap().is_empty());

    // An explicit deny wins over the allow.
    iam.put_user_policy("bob", "no-keys", &deny("iam:*AccessKey*", "*")).await;
    iam.service.delete_access_key(&iam.root(), Some(user_name("bob")), key_id(&mine.access_key_id)).await.unwrap();
    let bob = iam.as_user("bob").await;
    assert_code(iam.service.create_access_key(&bob, None).await, "AccessDenied");
}

#[tokio::test]
async fn concurrent_creations_never_exceed_the_limit() {
    let iam = Iam::new().await;
    iam.create_user("/app/", "backup").await;
    let attempts: Vec<_> = (0..6)
        .map(|_| {
            let service = iam.service.clone();
            let root = iam.root();
            tokio::spawn(async move { service.create_access_key(&root, Some(user_name("backup"))).await })
        })
        .collect();
    let mut created = 0;
    for attempt in attempts {
        match attempt.await.unwrap() {
            Ok(_) => created += 1,
            Err(e) => assert_eq!(e.code(), "LimitExceeded", "{e}"),
        }
    }
    assert_eq!(created, 2);
    assert_eq!(iam.service.list_access_keys(&iam.root(), Some(user_name("backup"))).await.unwrap().len(), 2);
}
