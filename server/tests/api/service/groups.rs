use app::model::{PageRequest, PathPrefix};

use super::harness::*;

#[tokio::test]
async fn groups_and_membership() {
    let iam = Iam::new().await;
    let root = iam.root();
    let group = iam.service.create_group(&root, group_name("admins"), path("/ops/")).await.unwrap();
    assert!(group.group_id.starts_with("AGPA") && group.group_id.len() == 21);
    assert_eq!(group.arn, format!("arn:aws:iam::{}:group/ops/admins", iam.account_id));
    assert_code(iam.service.create_group(&root, group_name("ADMINS"), path("/")).await, "EntityAlreadyExists");

    for name in ["carol", "alice", "bob"] {
        iam.create_user("/", name).await;
        iam.add_to_group("admins", name).await;
    }
    iam.add_to_group("admins", "bob").await; // twice is fine
    let page = iam
        .service
        .get_group(&root, group_name("admins"), PageRequest { marker: None, max_items: Some(2) })
        .await
        .unwrap();
    assert_eq!(page.members.items.iter().map(|u| u.user_name.as_str()).collect::<Vec<_>>(), ["alice", "bob"]);
    let rest = iam
        .service
        .get_group(&root, group_name("admins"), PageRequest { marker: page.members.marker, max_items: Some(2) })
        .await
        .unwrap();
    assert_eq!(rest.members.items.len(), 1);
    assert!(!rest.members.is_truncated);

    let of_bob = iam.service.list_groups_for_user(&root, user_name("bob")).await.unwrap();
    assert_eq!(of_bob.len(), 1);

    let listed = iam.service.list_groups(&root, PathPrefix::parse("/ops/").unwrap(), PageRequest::default()).await;
    assert_eq!(listed.unwrap().items.len(), 1);

    assert_code(iam.service.delete_group(&root, group_name("admins")).await, "DeleteConflict");
    for name in ["carol", "alice", "bob"] {
        iam.service.remove_user_from_group(&root, group_name("admins"), user_name(name)).await.unwrap();
    }
    assert_code(
        iam.service.remove_user_from_group(&root, group_name("admins"), user_name("bob")).await,
        "NoSuchEntity",
    );
    let renamed = iam
        .service
        .update_group(&root, group_name("admins"), Some(group_name("operators")), Some(path("/")))
        .await
        .unwrap();
    assert_eq!(renamed.group_id, group.group_id);
    iam.service.delete_group(&root, group_name("operators")).await.unwrap();
    assert_code(iam.service.delete_group(&root, group_name("operators")).await, "NoSuchEntity");
}

#[tokio::test]
async fn a_user_is_in_at_most_ten_groups() {
    let iam = Iam::new().await;
    iam.create_user("/", "busy").await;
    for i in 0..10 {
        iam.create_group("/", &format!("g{i}")).await;
        iam.add_to_group(&format!("g{i}"), "busy").await;
    }
    iam.create_group("/", "g10").await;
    let eleventh = iam.service.add_user_to_group(&iam.root(), group_name("g10"), user_name("busy")).await;
    assert_code(eleventh, "LimitExceeded");
}
