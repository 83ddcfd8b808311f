use app::backend::service::Owner;
use app::model::IamError;

use super::harness::*;

#[tokio::test]
async fn inline_policies_are_stored_exactly_as_submitted() {
    let iam = Iam::new().await;
    iam.create_user("/", "jeff").await;
    let document = "{ \"Version\": \"2012-10-17\",\n  \"Statement\": [{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}] }";
    let root = iam.root();
    let owner = || Owner::User(user_name("jeff"));
    iam.service.put_inline_policy(&root, owner(), policy_name("S3"), document.into()).await.unwrap();
    let got = iam.service.get_inline_policy(&root, owner(), policy_name("s3")).await.unwrap();
    assert_eq!(got.policy_document, document);
    assert_eq!(got.policy_name, "S3");

    // Put again replaces.
    iam.service.put_inline_policy(&root, owner(), policy_name("S3"), allow("s3:GetObject", "*")).await.unwrap();
    assert_eq!(iam.service.list_inline_policies(&root, owner()).await.unwrap(), ["S3"]);
    iam.service.delete_inline_policy(&root, owner(), policy_name("S3")).await.unwrap();
    assert_code(iam.service.get_inline_policy(&root, owner(), policy_name("S3")).await, "NoSuchEntity");
    assert_code(iam.service.delete_inline_policy(&root, owner(), policy_name("S3")).await, "NoSuchEntity");
    assert_code(
        iam.service
            .put_inline_policy(&root, Owner::User(user_name("nobody")), policy_name("p"), allow("s3:*", "*"))
            .await,
        "NoSuchEntity",
    );
}

#[tokio::test]
async fn invalid_documents_are_refused_with_every_finding() {
    let iam = Iam::new().await;
    iam.create_group("/", "admins").await;
    let root = iam.root();
    let bad = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Action":"iam:*"}]}"#;
    let err = iam
        .service
        .put_inline_policy(&root, Owner::Group(group_name("admins")), policy_name("p"), bad.into())
        .await
        .unwrap_err();
    match err {
        IamError::MalformedPolicyDocument { diagnostics, .. } => {
            assert!(diagnostics.iter().any(|d| d.code == "invalid-effect"), "{diagnostics:?}");
            assert!(diagnostics.iter().any(|d| d.code == "missing-resource"), "{diagnostics:?}");
            assert!(diagnostics.iter().all(|d| d.span.is_some() || d.code == "missing-resource"));
        }
        other => panic!("{other:?}"),
    }
    assert!(iam.service.list_inline_policies(&root, Owner::Group(group_name("admins"))).await.unwrap().is_empty());

    // Size: 2,048 for users, 5,120 for groups (whitespace not counted).
    let big = allow("iam:GetUser", &format!("arn:aws:iam::123456789012:user/{}", "a".repeat(3000)));
    iam.service
        .put_inline_policy(&root, Owner::Group(group_name("admins")), policy_name("big"), big.clone())
        .await
        .unwrap();
    iam.create_user("/", "jeff").await;
    assert_code(
        iam.service.put_inline_policy(&root, Owner::User(user_name("jeff")), policy_name("big"), big).await,
        "LimitExceeded",
    );
}

#[tokio::test]
async fn creating_a_policy_never_replaces_one_of_the_same_name() {
    let iam = Iam::new().await;
    iam.create_group("/", "admins").await;
    let root = iam.root();
    let owner = || Owner::Group(group_name("admins"));
    let first = allow("s3:GetObject", "*");
    iam.service.create_inline_policy(&root, owner(), policy_name("Read"), first.clone()).await.unwrap();
    // Names are case-insensitive, as AWS's are: `read` is the same policy, and the console's create refuses it.
    let err = iam.service.create_inline_policy(&root, owner(), policy_name("read"), allow("s3:*", "*")).await;
    assert_code(err, "EntityAlreadyExists");
    let kept = iam.service.get_inline_policy(&root, owner(), policy_name("Read")).await.unwrap();
    assert_eq!(kept.policy_document, first);
    // The API's Put… still replaces.
    iam.service.put_inline_policy(&root, owner(), policy_name("read"), allow("s3:*", "*")).await.unwrap();
    let replaced = iam.service.get_inline_policy(&root, owner(), policy_name("Read")).await.unwrap();
    assert_eq!(replaced.policy_document, allow("s3:*", "*"));
}

/// A policy put while its user is being deleted either lands first (and the deletion is refused: the user still has a
/// policy) or finds the user gone; it never outlives the user, both answering success. Both lock the user's row: on
/// PostgreSQL, where writers run concurrently, that lock is what holds this.
#[tokio::test]
async fn a_policy_put_racing_its_users_deletion_never_outlives_the_user() {
    let iam = Iam::new().await;
    for round in 0..20 {
        let name = format!("racer{round}");
        iam.create_user("/", &name).await;
        let (service, root, user) = (iam.service.clone(), iam.root(), user_name(&name));
        let put = tokio::spawn(async move {
            service.put_inline_policy(&root, Owner::User(user), policy_name("p"), allow("s3:*", "*")).await
        });
        let (service, root, user) = (iam.service.clone(), iam.root(), user_name(&name));
        let delete = tokio::spawn(async move { service.delete_user(&root, user).await });
        match (put.await.unwrap(), delete.await.unwrap()) {
            (Ok(()), Err(refused)) => assert_eq!(refused.code(), "DeleteConflict", "round {round}: {refused}"),
            (Err(refused), Ok(())) => assert_eq!(refused.code(), "NoSuchEntity", "round {round}: {refused}"),
            outcome => panic!("round {round}: {outcome:?}"),
        }
    }
}
