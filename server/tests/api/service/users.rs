use app::backend::service::{CreateUser, UpdateUser};
use app::model::{PageRequest, PathPrefix, Tag};

use super::harness::*;

#[tokio::test]
async fn create_get_list_update_delete_a_user() {
    let iam = Iam::new().await;
    let root = iam.root();
    let created = iam
        .service
        .create_user(&root, CreateUser { name: user_name("jeff"), path: path("/family/"), tags: vec![] })
        .await
        .unwrap();
    assert_eq!(created.arn, iam.user_arn("/family/", "jeff"));
    assert!(created.user_id.starts_with("AIDA") && created.user_id.len() == 21, "{}", created.user_id);
    assert_eq!(created.create_date, "2026-11-29T12:00:00Z");

    let fetched = iam.service.get_user(&root, Some(user_name("JEFF"))).await.unwrap();
    assert_eq!(fetched.user_name, "jeff", "names are looked up case-insensitively, kept as written");

    let moved = iam
        .service
        .update_user(
            &root,
            UpdateUser { name: user_name("jeff"), new_name: Some(user_name("jeffrey")), new_path: Some(path("/app/")) },
        )
        .await
        .unwrap();
    assert_eq!(moved.arn, iam.user_arn("/app/", "jeffrey"));
    assert_eq!(moved.user_id, created.user_id, "the unique id survives a rename");
    assert_code(iam.service.get_user(&root, Some(user_name("jeff"))).await, "NoSuchEntity");

    iam.service.delete_user(&root, user_name("jeffrey")).await.unwrap();
    assert_code(iam.service.get_user(&root, Some(user_name("jeffrey"))).await, "NoSuchEntity");
    assert_code(iam.service.delete_user(&root, user_name("jeffrey")).await, "NoSuchEntity");
}

#[tokio::test]
async fn names_are_unique_case_insensitively() {
    let iam = Iam::new().await;
    iam.create_user("/", "Backup").await;
    let again = iam
        .service
        .create_user(&iam.root(), CreateUser { name: user_name("backup"), path: path("/app/"), tags: vec![] })
        .await;
    assert_code(again, "EntityAlreadyExists");
    iam.create_user("/", "other").await;
    let rename = iam
        .service
        .update_user(
            &iam.root(),
            UpdateUser { name: user_name("other"), new_name: Some(user_name("BACKUP")), new_path: None },
        )
        .await;
    assert_code(rename, "EntityAlreadyExists");
}

#[tokio::test]
async fn listing_by_path_prefix_pages_with_opaque_markers() {
    let iam = Iam::new().await;
    for i in 0..7 {
        iam.create_user("/app/", &format!("svc{i}")).await;
    }
    iam.create_user("/application/", "odd").await;
    iam.create_user("/family/", "jeff").await;
    let root = iam.root();

    let all = iam.service.list_users(&root, PathPrefix::all(), PageRequest::default()).await.unwrap();
    assert_eq!(all.items.len(), 9);
    assert!(!all.is_truncated && all.marker.is_none());

    // `/app` is a plain string prefix, as in AWS; `/app/` is the path.
    let app = iam.service.list_users(&root, PathPrefix::parse("/app").unwrap(), PageRequest::default()).await.unwrap();
    assert_eq!(app.items.len(), 8);

    let mut names = Vec::new();
    let mut marker = None;
    loop {
        let page = iam
            .service
            .list_users(&root, PathPrefix::parse("/app/").unwrap(), PageRequest { marker, max_items: Some(3) })
            .await
            .unwrap();
        assert!(page.items.len() <= 3);
        names.extend(page.items.into_iter().map(|u| u.user_name));
        if !page.is_truncated {
            break;
        }
        marker = page.marker;
    }
    assert_eq!(names, (0..7).map(|i| format!("svc{i}")).collect::<Vec<_>>());

    let first = iam
        .service
        .list_users(&root, PathPrefix::all(), PageRequest { marker: None, max_items: Some(2) })
        .await
        .unwrap();
    let mut forged = first.marker.unwrap();
    forged.push('A');
    let bad = iam.service.list_users(&root, PathPrefix::all(), PageRequest { marker: Some(forged), max_items: None });
    assert_code(bad.await, "ValidationError");
    for max in [0, 1001] {
        let bad = iam.service.list_users(&root, PathPrefix::all(), PageRequest { marker: None, max_items: Some(max) });
        assert_code(bad.await, "ValidationError");
    }
}

#[tokio::test]
async fn searching_by_name_prefix_ignores_case_and_treats_wildcards_as_text() {
    let iam = Iam::new().await;
    for (path, name) in [("/app/", "Backup"), ("/app/", "backend"), ("/app/", "syndic8"), ("/family/", "bob")] {
        iam.create_user(path, name).await;
    }
    iam.create_user("/app/", "b_x").await;
    let root = iam.root();
    let search = |prefix: &'static str, name: &'static str, max_items: Option<i64>, marker: Option<String>| {
        let (service, root) = (&iam.service, &root);
        async move {
            let page = PageRequest { marker, max_items };
            service.search_users(root, PathPrefix::parse(prefix).unwrap(), name, page).await
        }
    };
    // Sorted here: the filter is under test, not the databases' collation order.
    let names = |page: app::model::Page<app::model::UserView>| {
        let mut names = page.items.into_iter().map(|u| u.user_name).collect::<Vec<_>>();
        names.sort();
        names
    };

    assert_eq!(names(search("/", "BA", None, None).await.unwrap()), ["Backup", "backend"]);
    assert_eq!(names(search("/app/", "b", None, None).await.unwrap()), ["Backup", "b_x", "backend"]);
    assert_eq!(names(search("/family/", "b", None, None).await.unwrap()), ["bob"]);
    // `_` and `%` are characters of the name, not LIKE wildcards.
    assert_eq!(names(search("/", "b_", None, None).await.unwrap()), ["b_x"]);
    assert!(names(search("/", "%", None, None).await.unwrap()).is_empty());
    // An empty name is no filter; paging keeps the filter.
    assert_eq!(search("/", "", None, None).await.unwrap().items.len(), 5);
    let first = search("/app/", "b", Some(2), None).await.unwrap();
    assert!(first.is_truncated);
    let rest = search("/app/", "b", Some(2), first.marker.clone()).await.unwrap();
    let mut both = [names(first), names(rest)].concat();
    both.sort();
    assert_eq!(both, ["Backup", "b_x", "backend"]);
    assert_code(search("/", &*"a".repeat(65).leak(), None, None).await, "ValidationError");
}

#[tokio::test]
async fn a_user_with_anything_attached_cannot_be_deleted() {
    let iam = Iam::new().await;
    iam.create_user("/", "jeff").await;
    iam.create_group("/", "admins").await;
    iam.add_to_group("admins", "jeff").await;
    iam.put_user_policy("jeff", "p", &allow("iam:GetUser", "*")).await;
    let err = assert_code(iam.service.delete_user(&iam.root(), user_name("jeff")).await, "DeleteConflict");
    assert!(err.to_string().contains("inline policy") && err.to_string().contains("group membership"), "{err}");
    iam.service.remove_user_from_group(&iam.root(), group_name("admins"), user_name("jeff")).await.unwrap();
    iam.service
        .delete_inline_policy(&iam.root(), app::backend::service::Owner::User(user_name("jeff")), policy_name("p"))
        .await
        .unwrap();
    iam.service.delete_user(&iam.root(), user_name("jeff")).await.unwrap();
}

#[tokio::test]
async fn tags_are_set_replaced_listed_and_removed() {
    let iam = Iam::new().await;
    let root = iam.root();
    let tag = |k: &str, v: &str| Tag { key: k.into(), value: v.into() };
    iam.service
        .create_user(&root, CreateUser { name: user_name("jeff"), path: path("/"), tags: vec![tag("team", "home")] })
        .await
        .unwrap();
    iam.service.tag_user(&root, user_name("jeff"), vec![tag("Team", "ops"), tag("cost", "42")]).await.unwrap();
    let tags = iam.service.list_user_tags(&root, user_name("jeff")).await.unwrap();
    assert_eq!(tags, vec![tag("cost", "42"), tag("Team", "ops")]);
    iam.service.untag_user(&root, user_name("jeff"), vec!["TEAM".into()]).await.unwrap();
    assert_eq!(iam.service.list_user_tags(&root, user_name("jeff")).await.unwrap(), vec![tag("cost", "42")]);
    assert_code(iam.service.tag_user(&root, user_name("jeff"), vec![tag("aws:x", "1")]).await, "InvalidInput");
    let many: Vec<Tag> = (0..50).map(|i| tag(&format!("k{i}"), "v")).collect();
    assert_code(iam.service.tag_user(&root, user_name("jeff"), many).await, "LimitExceeded");
}

#[tokio::test]
async fn get_user_without_a_name_is_the_caller() {
    let iam = Iam::new().await;
    iam.create_user("/family/", "jeff").await;
    iam.put_user_policy("jeff", "self", &allow("iam:GetUser", "arn:aws:iam::*:user/${aws:username}")).await;
    let me = iam.service.get_user(&iam.as_user("jeff").await, None).await;
    // `${aws:username}` is `jeff`, but the ARN has the path: the policy above does not match `user/family/jeff`.
    assert_code(me, "AccessDenied");
    iam.put_user_policy("jeff", "self", &allow("iam:GetUser", "arn:aws:iam::*:user/*/${aws:username}")).await;
    let me = iam.service.get_user(&iam.as_user("jeff").await, None).await.unwrap();
    assert_eq!(me.arn, iam.user_arn("/family/", "jeff"));
    let root = iam.service.get_user(&iam.root(), None).await.unwrap();
    assert_eq!(root.arn, format!("arn:aws:iam::{}:root", iam.account_id));
}
