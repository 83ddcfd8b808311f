use app::model::policies::{EntityFilter, ManagedPolicyView, PolicyArn, PolicyScope, PolicyVersionId};
use app::model::{IamError, PageRequest, PathPrefix};

use super::harness::*;

const DOC: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}"#;

fn version(v: &str) -> PolicyVersionId {
    PolicyVersionId::parse(v).unwrap()
}

fn prefix(p: &str) -> PathPrefix {
    PathPrefix::parse(p).unwrap()
}

fn page(max_items: i64, marker: Option<String>) -> PageRequest {
    PageRequest {
        marker,
        max_items: Some(max_items),
    }
}

impl Iam {
    fn policy_arn(&self, p: &str, name: &str) -> PolicyArn {
        PolicyArn::parse(&format!("arn:aws:iam::{}:policy{p}{name}", self.account_id)).unwrap()
    }

    /// Root creates a managed policy.
    async fn create_policy(&self, p: &str, name: &str, document: &str) -> ManagedPolicyView {
        self.service
            .create_policy(&self.root(), policy_name(name), path(p), None, document.into())
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn create_get_list_and_delete_a_policy() {
    let iam = Iam::new().await;
    let root = iam.root();
    // Whitespace and key order are kept: the document is stored exactly as submitted.
    let document =
        "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [ {\"Resource\": \"*\", \"Effect\": \"Allow\", \
                    \"Action\": \"s3:ListBucket\"} ]\n}\n";
    let created = iam
        .service
        .create_policy(
            &root,
            policy_name("ReadBackups"),
            path("/app/"),
            Some("backups, read only".into()),
            document.into(),
        )
        .await
        .unwrap();
    assert_eq!(created.policy_name, "ReadBackups");
    assert!(
        created.policy_id.starts_with("ANPA") && created.policy_id.len() == 21,
        "{}",
        created.policy_id
    );
    assert_eq!(
        created.arn,
        format!("arn:aws:iam::{}:policy/app/ReadBackups", iam.account_id)
    );
    assert_eq!(created.path, "/app/");
    assert_eq!(created.default_version_id, "v1");
    assert_eq!(created.attachment_count, 0);
    assert!(created.is_attachable);
    assert_eq!(created.description.as_deref(), Some("backups, read only"));
    assert_eq!(created.create_date, "2026-11-29T12:00:00Z");
    assert_eq!(created.update_date, "2026-11-29T12:00:00Z");

    let arn = iam.policy_arn("/app/", "ReadBackups");
    assert_eq!(iam.service.get_policy(&root, arn.clone()).await.unwrap(), created);
    let v1 = iam
        .service
        .get_policy_version(&root, arn.clone(), version("v1"))
        .await
        .unwrap();
    assert_eq!(v1.document, document);
    assert_eq!(v1.version_id, "v1");
    assert!(v1.is_default_version);
    assert_eq!(v1.create_date, "2026-11-29T12:00:00Z");

    let again = iam
        .service
        .create_policy(&root, policy_name("readbackups"), path("/other/"), None, DOC.into())
        .await;
    assert_code(again, "EntityAlreadyExists");

    iam.create_policy("/", "Other", DOC).await;
    for scope in [PolicyScope::All, PolicyScope::Local] {
        let all = iam
            .service
            .list_policies(&root, scope, false, PathPrefix::all(), PageRequest::default())
            .await;
        let names: Vec<String> = all.unwrap().items.into_iter().map(|p| p.policy_name).collect();
        assert_eq!(names, ["Other", "ReadBackups"], "ordered by path, then name");
    }
    let aws = iam.service.list_policies(
        &root,
        PolicyScope::Aws,
        false,
        PathPrefix::all(),
        PageRequest::default(),
    );
    assert!(aws.await.unwrap().items.is_empty(), "there are no AWS managed policies");
    let app = iam
        .service
        .list_policies(&root, PolicyScope::Local, false, prefix("/app"), PageRequest::default());
    let app = app.await.unwrap();
    assert_eq!(app.items, vec![created.clone()]);

    iam.service.delete_policy(&root, arn.clone()).await.unwrap();
    assert_code(iam.service.get_policy(&root, arn.clone()).await, "NoSuchEntity");
    assert_code(
        iam.service.get_policy_version(&root, arn.clone(), version("v1")).await,
        "NoSuchEntity",
    );
    assert_code(iam.service.delete_policy(&root, arn).await, "NoSuchEntity");
}

#[tokio::test]
async fn listing_pages_and_filters_attached_policies() {
    let iam = Iam::new().await;
    let root = iam.root();
    for name in ["a", "b", "c"] {
        iam.create_policy("/", name, DOC).await;
    }
    let first = iam
        .service
        .list_policies(&root, PolicyScope::All, false, PathPrefix::all(), page(2, None))
        .await;
    let first = first.unwrap();
    assert_eq!(
        first.items.iter().map(|p| p.policy_name.as_str()).collect::<Vec<_>>(),
        ["a", "b"]
    );
    assert!(first.is_truncated);
    let second = iam
        .service
        .list_policies(&root, PolicyScope::All, false, PathPrefix::all(), page(2, first.marker));
    let second = second.await.unwrap();
    assert_eq!(
        second.items.iter().map(|p| p.policy_name.as_str()).collect::<Vec<_>>(),
        ["c"]
    );
    assert!(!second.is_truncated && second.marker.is_none());
    let forged = page(2, Some("forged".into()));
    assert_code(
        iam.service
            .list_policies(&root, PolicyScope::All, false, PathPrefix::all(), forged)
            .await,
        "ValidationError",
    );

    iam.create_user("/", "bob").await;
    iam.create_group("/", "ops").await;
    iam.service
        .attach_user_policy(&root, user_name("bob"), iam.policy_arn("/", "b"))
        .await
        .unwrap();
    iam.service
        .attach_group_policy(&root, group_name("ops"), iam.policy_arn("/", "b"))
        .await
        .unwrap();
    iam.service
        .attach_group_policy(&root, group_name("ops"), iam.policy_arn("/", "c"))
        .await
        .unwrap();
    let attached = iam.service.list_policies(
        &root,
        PolicyScope::Local,
        true,
        PathPrefix::all(),
        PageRequest::default(),
    );
    let attached = attached.await.unwrap();
    let counts: Vec<(&str, u64)> = attached
        .items
        .iter()
        .map(|p| (p.policy_name.as_str(), p.attachment_count))
        .collect();
    assert_eq!(counts, [("b", 2), ("c", 1)]);
    assert_eq!(
        iam.service
            .get_policy(&root, iam.policy_arn("/", "b"))
            .await
            .unwrap()
            .attachment_count,
        2
    );
}

#[tokio::test]
async fn versions_are_limited_to_five_and_never_reuse_ids() {
    let iam = Iam::new().await;
    let root = iam.root();
    iam.create_policy("/", "p", DOC).await;
    let arn = iam.policy_arn("/", "p");
    for n in 2..=5 {
        iam.clock.advance(chrono::Duration::minutes(1));
        let v = iam
            .service
            .create_policy_version(&root, arn.clone(), DOC.into(), false)
            .await
            .unwrap();
        assert_eq!(v.version_id, format!("v{n}"));
        assert!(!v.is_default_version);
    }
    let sixth = iam
        .service
        .create_policy_version(&root, arn.clone(), DOC.into(), false)
        .await;
    assert_code(sixth, "LimitExceeded");
    let policy = iam.service.get_policy(&root, arn.clone()).await.unwrap();
    assert_eq!(policy.default_version_id, "v1");
    assert_eq!(
        policy.update_date, "2026-11-29T12:04:00Z",
        "the newest version's creation"
    );

    let listed = iam.service.list_policy_versions(&root, arn.clone()).await.unwrap();
    let ids: Vec<(&str, bool)> = listed
        .iter()
        .map(|v| (v.version_id.as_str(), v.is_default_version))
        .collect();
    assert_eq!(
        ids,
        [("v5", false), ("v4", false), ("v3", false), ("v2", false), ("v1", true)]
    );

    iam.service
        .delete_policy_version(&root, arn.clone(), version("v2"))
        .await
        .unwrap();
    assert_code(
        iam.service.get_policy_version(&root, arn.clone(), version("v2")).await,
        "NoSuchEntity",
    );
    assert_code(
        iam.service
            .delete_policy_version(&root, arn.clone(), version("v2"))
            .await,
        "NoSuchEntity",
    );
    let v6 = iam
        .service
        .create_policy_version(&root, arn.clone(), DOC.into(), true)
        .await
        .unwrap();
    assert_eq!(v6.version_id, "v6", "version ids are never reused");
    assert!(v6.is_default_version);
    assert_eq!(
        iam.service
            .get_policy(&root, arn.clone())
            .await
            .unwrap()
            .default_version_id,
        "v6"
    );
    assert!(
        !iam.service
            .get_policy_version(&root, arn.clone(), version("v1"))
            .await
            .unwrap()
            .is_default_version
    );

    // Deleting the newest version moves the update date back to the newest one left.
    iam.service
        .set_default_policy_version(&root, arn.clone(), version("v3"))
        .await
        .unwrap();
    iam.service
        .delete_policy_version(&root, arn.clone(), version("v6"))
        .await
        .unwrap();
    assert_eq!(
        iam.service.get_policy(&root, arn.clone()).await.unwrap().update_date,
        "2026-11-29T12:04:00Z"
    );
}

#[tokio::test]
async fn the_default_version_cannot_be_deleted_on_its_own() {
    let iam = Iam::new().await;
    let root = iam.root();
    iam.create_policy("/", "p", DOC).await;
    let arn = iam.policy_arn("/", "p");
    let refused = assert_code(
        iam.service
            .delete_policy_version(&root, arn.clone(), version("v1"))
            .await,
        "DeleteConflict",
    );
    assert!(refused.to_string().contains("default"), "{refused}");
    iam.service
        .create_policy_version(&root, arn.clone(), DOC.into(), true)
        .await
        .unwrap();
    assert_code(
        iam.service
            .delete_policy_version(&root, arn.clone(), version("v2"))
            .await,
        "DeleteConflict",
    );
    iam.service
        .delete_policy_version(&root, arn.clone(), version("v1"))
        .await
        .unwrap();
    assert_code(
        iam.service
            .set_default_policy_version(&root, arn.clone(), version("v1"))
            .await,
        "NoSuchEntity",
    );
    assert_code(
        iam.service
            .set_default_policy_version(&root, arn.clone(), version("v9"))
            .await,
        "NoSuchEntity",
    );
    assert_eq!(PolicyVersionId::parse("1").unwrap_err().code(), "ValidationError");
}

#[tokio::test]
async fn deleting_a_policy_conflicts_while_attached_or_with_other_versions() {
    let iam = Iam::new().await;
    let root = iam.root();
    iam.create_user("/", "bob").await;
    iam.create_group("/", "ops").await;
    iam.create_policy("/team/", "p", DOC).await;
    let arn = iam.policy_arn("/team/", "p");
    iam.service
        .attach_user_policy(&root, user_name("bob"), arn.clone())
        .await
        .unwrap();
    iam.service
        .attach_group_policy(&root, group_name("ops"), arn.clone())
        .await
        .unwrap();
    iam.service
        .create_policy_version(&root, arn.clone(), DOC.into(), false)
        .await
        .unwrap();

    assert_code(iam.service.delete_policy(&root, arn.clone()).await, "DeleteConflict");
    // The user and the group cannot go while the policy is attached to them either.
    assert_code(iam.service.delete_user(&root, user_name("bob")).await, "DeleteConflict");
    assert_code(
        iam.service.delete_group(&root, group_name("ops")).await,
        "DeleteConflict",
    );
    iam.service
        .detach_user_policy(&root, user_name("bob"), arn.clone())
        .await
        .unwrap();
    assert_code(iam.service.delete_policy(&root, arn.clone()).await, "DeleteConflict");
    iam.service
        .detach_group_policy(&root, group_name("ops"), arn.clone())
        .await
        .unwrap();
    let versions = assert_code(iam.service.delete_policy(&root, arn.clone()).await, "DeleteConflict");
    assert!(versions.to_string().contains("version"), "{versions}");
    iam.service
        .delete_policy_version(&root, arn.clone(), version("v2"))
        .await
        .unwrap();
    iam.service.delete_policy(&root, arn.clone()).await.unwrap();
    iam.service.delete_user(&root, user_name("bob")).await.unwrap();
    iam.service.delete_group(&root, group_name("ops")).await.unwrap();
}

#[tokio::test]
async fn attaching_is_idempotent_and_limited_to_ten() {
    let iam = Iam::new().await;
    let root = iam.root();
    iam.create_user("/", "bob").await;
    iam.create_group("/", "ops").await;
    for n in 0..11usize {
        iam.create_policy(if n.is_multiple_of(2) { "/even/" } else { "/odd/" }, &format!("p{n:02}"), DOC)
            .await;
    }
    let arn = |n: usize| iam.policy_arn(if n.is_multiple_of(2usize) { "/even/" } else { "/odd/" }, &format!("p{n:02}"));
    for n in 0..10 {
        iam.service
            .attach_user_policy(&root, user_name("bob"), arn(n))
            .await
            .unwrap();
        iam.service
            .attach_group_policy(&root, group_name("ops"), arn(n))
            .await
            .unwrap();
    }
    // Attaching twice changes nothing, even at the limit.
    iam.service
        .attach_user_policy(&root, user_name("bob"), arn(3))
        .await
        .unwrap();
    iam.service
        .attach_group_policy(&root, group_name("ops"), arn(3))
        .await
        .unwrap();
    assert_code(
        iam.service.attach_user_policy(&root, user_name("bob"), arn(10)).await,
        "LimitExceeded",
    );
    assert_code(
        iam.service.attach_group_policy(&root, group_name("ops"), arn(10)).await,
        "LimitExceeded",
    );

    let all = iam
        .service
        .list_attached_user_policies(&root, user_name("bob"), PathPrefix::all(), page(1000, None));
    let all = all.await.unwrap();
    assert_eq!(all.items.len(), 10);
    assert_eq!(all.items[0].policy_name, "p00");
    assert_eq!(all.items[0].policy_arn, arn(0).to_string());
    let odd = iam
        .service
        .list_attached_group_policies(&root, group_name("ops"), prefix("/odd/"), page(3, None));
    let odd = odd.await.unwrap();
    assert_eq!(
        odd.items.iter().map(|p| p.policy_name.as_str()).collect::<Vec<_>>(),
        ["p01", "p03", "p05"]
    );
    assert!(odd.is_truncated);
    let rest = iam
        .service
        .list_attached_group_policies(&root, group_name("ops"), prefix("/odd/"), page(3, odd.marker));
    let rest = rest.await.unwrap();
    assert_eq!(
        rest.items.iter().map(|p| p.policy_name.as_str()).collect::<Vec<_>>(),
        ["p07", "p09"]
    );
    assert!(!rest.is_truncated);

    iam.service
        .detach_user_policy(&root, user_name("bob"), arn(3))
        .await
        .unwrap();
    assert_code(
        iam.service.detach_user_policy(&root, user_name("bob"), arn(3)).await,
        "NoSuchEntity",
    );
    assert_code(
        iam.service.detach_group_policy(&root, group_name("ops"), arn(10)).await,
        "NoSuchEntity",
    );
    iam.service
        .attach_user_policy(&root, user_name("bob"), arn(10))
        .await
        .unwrap();

    assert_code(
        iam.service.attach_user_policy(&root, user_name("nobody"), arn(0)).await,
        "NoSuchEntity",
    );
    assert_code(
        iam.service
            .attach_group_policy(&root, group_name("nogroup"), arn(0))
            .await,
        "NoSuchEntity",
    );
    let missing = iam.policy_arn("/", "missing");
    assert_code(
        iam.service.attach_user_policy(&root, user_name("bob"), missing).await,
        "NoSuchEntity",
    );
    let listing =
        iam.service
            .list_attached_user_policies(&root, user_name("nobody"), PathPrefix::all(), page(10, None));
    assert_code(listing.await, "NoSuchEntity");
}

#[tokio::test]
async fn entities_for_a_policy_list_users_then_groups() {
    let iam = Iam::new().await;
    let root = iam.root();
    iam.create_policy("/", "p", DOC).await;
    let arn = iam.policy_arn("/", "p");
    iam.create_user("/app/", "backup").await;
    iam.create_user("/family/", "jeff").await;
    iam.create_user("/", "unattached").await;
    iam.create_group("/", "admins").await;
    iam.create_group("/app/", "services").await;
    iam.service
        .attach_user_policy(&root, user_name("jeff"), arn.clone())
        .await
        .unwrap();
    iam.service
        .attach_user_policy(&root, user_name("backup"), arn.clone())
        .await
        .unwrap();
    iam.service
        .attach_group_policy(&root, group_name("services"), arn.clone())
        .await
        .unwrap();
    iam.service
        .attach_group_policy(&root, group_name("admins"), arn.clone())
        .await
        .unwrap();

    let all = iam
        .service
        .list_entities_for_policy(&root, arn.clone(), None, PathPrefix::all(), PageRequest::default());
    let all = all.await.unwrap();
    let users: Vec<&str> = all.policy_users.iter().map(|u| u.user_name.as_str()).collect();
    let groups: Vec<&str> = all.policy_groups.iter().map(|g| g.group_name.as_str()).collect();
    assert_eq!(users, ["backup", "jeff"]);
    assert_eq!(groups, ["admins", "services"]);
    assert!(all.policy_users.iter().all(|u| u.user_id.starts_with("AIDA")));
    assert!(all.policy_groups.iter().all(|g| g.group_id.starts_with("AGPA")));
    assert!(!all.is_truncated && all.marker.is_none());

    let only_groups = iam.service.list_entities_for_policy(
        &root,
        arn.clone(),
        Some(EntityFilter::Group),
        PathPrefix::all(),
        PageRequest::default(),
    );
    let only_groups = only_groups.await.unwrap();
    assert!(only_groups.policy_users.is_empty());
    assert_eq!(only_groups.policy_groups.len(), 2);
    let only_users = iam
        .service
        .list_entities_for_policy(
            &root,
            arn.clone(),
            Some(EntityFilter::User),
            prefix("/family/"),
            PageRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(
        only_users
            .policy_users
            .iter()
            .map(|u| u.user_name.as_str())
            .collect::<Vec<_>>(),
        ["jeff"]
    );
    assert!(only_users.policy_groups.is_empty());
    let roles = iam.service.list_entities_for_policy(
        &root,
        arn.clone(),
        Some(EntityFilter::Role),
        PathPrefix::all(),
        PageRequest::default(),
    );
    let roles = roles.await.unwrap();
    assert!(
        roles.policy_users.is_empty() && roles.policy_groups.is_empty(),
        "there are no roles"
    );
    assert_eq!(
        EntityFilter::parse("LocalManagedPolicy").unwrap_err().code(),
        "InvalidInput"
    );

    // One entity per page: the marker carries on from the users into the groups.
    let mut seen = Vec::new();
    let mut marker = None;
    loop {
        let one = iam
            .service
            .list_entities_for_policy(&root, arn.clone(), None, PathPrefix::all(), page(1, marker));
        let one = one.await.unwrap();
        assert_eq!(one.policy_users.len() + one.policy_groups.len(), 1);
        seen.extend(one.policy_users.into_iter().map(|u| format!("user:{}", u.user_name)));
        seen.extend(one.policy_groups.into_iter().map(|g| format!("group:{}", g.group_name)));
        if !one.is_truncated {
            break;
        }
        marker = one.marker;
    }
    assert_eq!(seen, ["user:backup", "user:jeff", "group:admins", "group:services"]);

    let app = iam
        .service
        .list_entities_for_policy(&root, arn.clone(), None, prefix("/app/"), PageRequest::default());
    let app = app.await.unwrap();
    assert_eq!(app.policy_users.len(), 1);
    assert_eq!(app.policy_groups.len(), 1);
}

#[tokio::test]
async fn policy_arns_must_be_well_formed_and_of_this_account() {
    let iam = Iam::new().await;
    let root = iam.root();
    iam.create_policy("/app/", "p", DOC).await;
    for bad in [
        "p",
        "arn:aws:iam::123:policy/p",
        "arn:aws:iam::123456789012:user/p",
        "arn:aws:iam::123456789012:policy/",
    ] {
        assert_code(PolicyArn::parse(bad), "InvalidInput");
    }
    let other_account = if iam.account_id == "111122223333" {
        "444455556666"
    } else {
        "111122223333"
    };
    let foreign = PolicyArn::parse(&format!("arn:aws:iam::{other_account}:policy/app/p")).unwrap();
    assert_code(iam.service.get_policy(&root, foreign.clone()).await, "NoSuchEntity");
    iam.create_user("/", "bob").await;
    assert_code(
        iam.service.attach_user_policy(&root, user_name("bob"), foreign).await,
        "NoSuchEntity",
    );
    let aws_managed = PolicyArn::parse("arn:aws:iam::aws:policy/AdministratorAccess").unwrap();
    assert_code(iam.service.get_policy(&root, aws_managed.clone()).await, "NoSuchEntity");
    assert_code(
        iam.service
            .attach_user_policy(&root, user_name("bob"), aws_managed)
            .await,
        "NoSuchEntity",
    );
    // The path is part of the ARN.
    assert_code(
        iam.service.get_policy(&root, iam.policy_arn("/", "p")).await,
        "NoSuchEntity",
    );
    assert_code(
        iam.service.get_policy(&root, iam.policy_arn("/app/", "P")).await,
        "NoSuchEntity",
    );
    assert!(iam
        .service
        .get_policy(&root, iam.policy_arn("/app/", "p"))
        .await
        .is_ok());
}

#[tokio::test]
async fn inputs_follow_the_wire_contract() {
    let iam = Iam::new().await;
    let root = iam.root();
    let long = "d".repeat(1001);
    let result = iam
        .service
        .create_policy(&root, policy_name("p"), path("/"), Some(long), DOC.into())
        .await;
    assert_code(result, "ValidationError");
    let result = iam
        .service
        .create_policy(&root, policy_name("p"), path("/a:b/"), None, DOC.into())
        .await;
    assert_code(result, "ValidationError");
    let ok = iam
        .service
        .create_policy(&root, policy_name("p"), path("/"), Some("d".repeat(1000)), DOC.into())
        .await;
    assert!(ok.is_ok());
    let empty = iam
        .service
        .create_policy(&root, policy_name("q"), path("/"), Some(String::new()), DOC.into())
        .await;
    assert_eq!(empty.unwrap().description, None);
}

#[tokio::test]
async fn malformed_documents_carry_diagnostics_and_size_is_a_limit() {
    let iam = Iam::new().await;
    let root = iam.root();
    let bad = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Alow","Action":"iam:GetUser"}]}"#;
    let err = iam
        .service
        .create_policy(&root, policy_name("p"), path("/"), None, bad.into())
        .await;
    match assert_code(err, "MalformedPolicyDocument") {
        IamError::MalformedPolicyDocument { diagnostics, .. } => {
            assert!(!diagnostics.is_empty());
            assert!(diagnostics.iter().any(|d| d.span.is_some()), "{diagnostics:?}");
        }
        other => panic!("{other:?}"),
    }
    assert_code(
        iam.service.get_policy(&root, iam.policy_arn("/", "p")).await,
        "NoSuchEntity",
    );

    iam.create_policy("/", "p", DOC).await;
    let err = iam
        .service
        .create_policy_version(&root, iam.policy_arn("/", "p"), bad.into(), true)
        .await;
    match assert_code(err, "MalformedPolicyDocument") {
        IamError::MalformedPolicyDocument { diagnostics, .. } => assert!(!diagnostics.is_empty()),
        other => panic!("{other:?}"),
    }

    // 6,144 characters for a managed policy: more than an inline user policy may have, but not without limit.
    let sized = |n: usize| {
        format!(
            r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::{}"}}]}}"#,
            "b".repeat(n)
        )
    };
    iam.create_policy("/", "mid", &sized(4000)).await;
    let big = iam
        .service
        .create_policy(&root, policy_name("big"), path("/"), None, sized(6200))
        .await;
    assert_code(big, "LimitExceeded");
    let big = iam
        .service
        .create_policy_version(&root, iam.policy_arn("/", "p"), sized(6200), false)
        .await;
    assert_code(big, "LimitExceeded");
    assert_eq!(
        iam.service
            .list_policy_versions(&root, iam.policy_arn("/", "p"))
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_policy_attached_to_a_group_governs_its_members() {
    let iam = Iam::new().await;
    let root = iam.root();
    iam.create_user("/family/", "jeff").await;
    iam.create_group("/", "family").await;
    iam.add_to_group("family", "jeff").await;
    let jeff_arn = iam.user_arn("/family/", "jeff");
    iam.create_policy("/", "SeeSelf", &allow("iam:GetUser", &jeff_arn))
        .await;
    let arn = iam.policy_arn("/", "SeeSelf");

    let jeff = iam.as_user("jeff").await;
    assert_code(
        iam.service.get_user(&jeff, Some(user_name("jeff"))).await,
        "AccessDenied",
    );

    iam.service
        .attach_group_policy(&root, group_name("family"), arn.clone())
        .await
        .unwrap();
    let jeff = iam.as_user("jeff").await;
    assert_eq!(
        iam.service.get_user(&jeff, Some(user_name("jeff"))).await.unwrap().arn,
        jeff_arn
    );
    assert_code(
        iam.service
            .list_policies(
                &jeff,
                PolicyScope::All,
                false,
                PathPrefix::all(),
                PageRequest::default(),
            )
            .await,
        "AccessDenied",
    );

    iam.service
        .detach_group_policy(&root, group_name("family"), arn.clone())
        .await
        .unwrap();
    let jeff = iam.as_user("jeff").await;
    assert_code(
        iam.service.get_user(&jeff, Some(user_name("jeff"))).await,
        "AccessDenied",
    );

    // Attached to the user directly, too.
    iam.service
        .attach_user_policy(&root, user_name("jeff"), arn)
        .await
        .unwrap();
    let jeff = iam.as_user("jeff").await;
    assert!(iam.service.get_user(&jeff, Some(user_name("jeff"))).await.is_ok());
}

#[tokio::test]
async fn the_default_version_decides() {
    let iam = Iam::new().await;
    let root = iam.root();
    iam.create_user("/", "bob").await;
    iam.create_group("/", "staff").await;
    iam.add_to_group("staff", "bob").await;
    let bob_arn = iam.user_arn("/", "bob");
    iam.create_policy("/", "Access", &allow("iam:GetUser", &bob_arn)).await;
    let arn = iam.policy_arn("/", "Access");
    iam.service
        .attach_group_policy(&root, group_name("staff"), arn.clone())
        .await
        .unwrap();
    assert!(iam.service.get_user(&iam.as_user("bob").await, None).await.is_ok());

    // A new version that is not the default changes nothing.
    let v2 = allow("iam:ListUsers", "*");
    iam.service
        .create_policy_version(&root, arn.clone(), v2, false)
        .await
        .unwrap();
    assert!(iam.service.get_user(&iam.as_user("bob").await, None).await.is_ok());

    iam.service
        .set_default_policy_version(&root, arn.clone(), version("v2"))
        .await
        .unwrap();
    let bob = iam.as_user("bob").await;
    assert_code(iam.service.get_user(&bob, Some(user_name("bob"))).await, "AccessDenied");
    assert!(iam
        .service
        .list_users(&bob, PathPrefix::all(), PageRequest::default())
        .await
        .is_ok());

    iam.service
        .set_default_policy_version(&root, arn.clone(), version("v1"))
        .await
        .unwrap();
    let bob = iam.as_user("bob").await;
    assert!(iam.service.get_user(&bob, Some(user_name("bob"))).await.is_ok());
    assert_code(
        iam.service
            .list_users(&bob, PathPrefix::all(), PageRequest::default())
            .await,
        "AccessDenied",
    );

    // A new default version made in one step takes effect at once.
    iam.service
        .create_policy_version(&root, arn.clone(), deny("iam:*", "*"), true)
        .await
        .unwrap();
    let bob = iam.as_user("bob").await;
    assert_code(iam.service.get_user(&bob, Some(user_name("bob"))).await, "AccessDenied");
}

#[tokio::test]
async fn policy_actions_are_authorized_on_the_policy_arn() {
    let iam = Iam::new().await;
    iam.create_user("/", "delegate").await;
    let app_policies = format!("arn:aws:iam::{}:policy/app/*", iam.account_id);
    iam.put_user_policy("delegate", "policies", &allow("iam:*Polic*", &app_policies))
        .await;
    iam.create_policy("/", "Outside", DOC).await;
    let d = iam.as_user("delegate").await;

    let inside = iam
        .service
        .create_policy(&d, policy_name("Inside"), path("/app/"), None, DOC.into())
        .await;
    assert!(inside.is_ok(), "{inside:?}");
    let outside = iam
        .service
        .create_policy(&d, policy_name("Elsewhere"), path("/"), None, DOC.into())
        .await;
    assert_code(outside, "AccessDenied");
    let inside_arn = iam.policy_arn("/app/", "Inside");
    let outside_arn = iam.policy_arn("/", "Outside");
    assert!(iam.service.get_policy(&d, inside_arn.clone()).await.is_ok());
    let denied = assert_code(iam.service.get_policy(&d, outside_arn.clone()).await, "AccessDenied");
    assert!(denied.to_string().contains("iam:GetPolicy") && denied.to_string().contains(&outside_arn.to_string()));
    iam.service
        .create_policy_version(&d, inside_arn.clone(), DOC.into(), true)
        .await
        .unwrap();
    assert_code(
        iam.service
            .create_policy_version(&d, outside_arn.clone(), DOC.into(), true)
            .await,
        "AccessDenied",
    );
    assert!(iam.service.list_policy_versions(&d, inside_arn.clone()).await.is_ok());
    assert_code(
        iam.service.list_policy_versions(&d, outside_arn.clone()).await,
        "AccessDenied",
    );
    iam.service
        .set_default_policy_version(&d, inside_arn.clone(), version("v1"))
        .await
        .unwrap();
    assert_code(
        iam.service
            .set_default_policy_version(&d, outside_arn.clone(), version("v1"))
            .await,
        "AccessDenied",
    );
    assert_code(
        iam.service
            .get_policy_version(&d, outside_arn.clone(), version("v1"))
            .await,
        "AccessDenied",
    );
    let entities =
        iam.service
            .list_entities_for_policy(&d, outside_arn.clone(), None, PathPrefix::all(), PageRequest::default());
    assert_code(entities.await, "AccessDenied");
    iam.service
        .delete_policy_version(&d, inside_arn.clone(), version("v2"))
        .await
        .unwrap();
    assert_code(iam.service.delete_policy(&d, outside_arn.clone()).await, "AccessDenied");
    iam.service.delete_policy(&d, inside_arn).await.unwrap();
    // Listing is authorized against the prefix.
    let listed = iam
        .service
        .list_policies(&d, PolicyScope::All, false, prefix("/app/"), PageRequest::default())
        .await;
    assert!(listed.is_ok(), "{listed:?}");
    let wider = iam
        .service
        .list_policies(&d, PolicyScope::All, false, PathPrefix::all(), PageRequest::default())
        .await;
    assert_code(wider, "AccessDenied");
    // Attaching is authorized on the user, not the policy.
    assert_code(
        iam.service
            .attach_user_policy(&d, user_name("delegate"), outside_arn)
            .await,
        "AccessDenied",
    );
}

#[tokio::test]
async fn attaching_is_authorized_on_the_user_or_group_with_the_policy_arn_as_context() {
    let iam = Iam::new().await;
    let root = iam.root();
    iam.create_user("/", "admin").await;
    iam.create_user("/app/", "backup").await;
    iam.create_user("/family/", "jeff").await;
    iam.create_group("/app/", "services").await;
    iam.create_policy("/", "ReadOnly", DOC).await;
    iam.create_policy("/", "Admin", &allow("*", "*")).await;
    let read_only = iam.policy_arn("/", "ReadOnly");
    let admin = iam.policy_arn("/", "Admin");
    let acct = &iam.account_id;
    // The delegate may attach only ReadOnly, and only to users and groups under /app/.
    let document = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow",
            "Action":["iam:AttachUserPolicy","iam:DetachUserPolicy","iam:AttachGroupPolicy","iam:DetachGroupPolicy"],
            "Resource":["arn:aws:iam::{acct}:user/app/*","arn:aws:iam::{acct}:group/app/*"],
            "Condition":{{"ArnEquals":{{"iam:PolicyARN":"{read_only}"}}}}}},
           {{"Effect":"Allow","Action":["iam:ListAttachedUserPolicies","iam:ListAttachedGroupPolicies"],
            "Resource":"arn:aws:iam::{acct}:user/app/*"}}]}}"#
    );
    iam.put_user_policy("admin", "delegate", &document).await;
    let a = iam.as_user("admin").await;

    iam.service
        .attach_user_policy(&a, user_name("backup"), read_only.clone())
        .await
        .unwrap();
    iam.service
        .attach_group_policy(&a, group_name("services"), read_only.clone())
        .await
        .unwrap();
    assert_code(
        iam.service
            .attach_user_policy(&a, user_name("backup"), admin.clone())
            .await,
        "AccessDenied",
    );
    assert_code(
        iam.service
            .attach_group_policy(&a, group_name("services"), admin.clone())
            .await,
        "AccessDenied",
    );
    assert_code(
        iam.service
            .attach_user_policy(&a, user_name("jeff"), read_only.clone())
            .await,
        "AccessDenied",
    );
    assert_code(
        iam.service
            .attach_user_policy(&a, user_name("admin"), admin.clone())
            .await,
        "AccessDenied",
    );

    let listed =
        iam.service
            .list_attached_user_policies(&a, user_name("backup"), PathPrefix::all(), PageRequest::default());
    assert_eq!(listed.await.unwrap().items.len(), 1);
    let listed =
        iam.service
            .list_attached_user_policies(&a, user_name("jeff"), PathPrefix::all(), PageRequest::default());
    assert_code(listed.await, "AccessDenied");
    let listed =
        iam.service
            .list_attached_group_policies(&a, group_name("services"), PathPrefix::all(), PageRequest::default());
    assert_code(listed.await, "AccessDenied");

    iam.service
        .detach_user_policy(&a, user_name("backup"), read_only.clone())
        .await
        .unwrap();
    iam.service
        .detach_group_policy(&a, group_name("services"), read_only.clone())
        .await
        .unwrap();
    iam.service
        .attach_user_policy(&root, user_name("backup"), admin.clone())
        .await
        .unwrap();
    assert_code(
        iam.service.detach_user_policy(&a, user_name("backup"), admin).await,
        "AccessDenied",
    );
}

#[test]
fn policy_arns_and_version_ids_parse_as_aws_writes_them() {
    let arn = PolicyArn::parse("arn:aws:iam::123456789012:policy/app/team/ReadOnly").unwrap();
    assert_eq!(arn.account(), "123456789012");
    assert_eq!(arn.path().as_str(), "/app/team/");
    assert_eq!(arn.name().as_str(), "ReadOnly");
    assert_eq!(arn.to_string(), "arn:aws:iam::123456789012:policy/app/team/ReadOnly");
    let arn = PolicyArn::parse("arn:aws:iam::aws:policy/AdministratorAccess").unwrap();
    assert_eq!((arn.account(), arn.path().as_str()), ("aws", "/"));
    for bad in [
        "",
        "ReadOnly",
        "arn:aws:iam::123456789012:user/jeff",
        "arn:aws:s3::123456789012:policy/x",
        "arn:aws:iam:us-east-1:123456789012:policy/x",
        "arn:aws:iam::1234:policy/x",
        "arn:aws:iam::123456789012:policy/",
        "arn:aws:iam::123456789012:policy/a//x",
        "arn:aws:iam::123456789012:policy/bad name",
    ] {
        let err = assert_code(PolicyArn::parse(bad), "InvalidInput");
        assert!(err.to_string().contains(&format!("`{bad}`")), "{err}");
    }
    for good in ["v1", "v12", "v3.beta-1"] {
        assert!(PolicyVersionId::parse(good).is_ok(), "{good}");
    }
    for bad in ["", "v", "v0", "v01", "1", "V1", "v1.a_b"] {
        assert_code(PolicyVersionId::parse(bad), "ValidationError");
    }
    assert_eq!(PolicyScope::parse("AWS").unwrap(), PolicyScope::Aws);
    assert_code(PolicyScope::parse("local"), "ValidationError");
}
