//! Scale-out: two servers over one database (PostgreSQL in CI's second pass, the SQLite file in the first) behind no
//! sticky sessions. Whatever one server creates — an access key, a console session, a sign-out — holds on the other,
//! because all of it is in the database (brute-force counts too: `throttling.rs`). Each server has its own pools and
//! its own in-memory caches, as two processes would.

use chrono::Duration;
use reqwest::StatusCode;

use crate::authorize::{Keys, Setup};
use crate::helpers::{browser, spawn_app, spawn_on, ROOT_EMAIL, ROOT_PASSWORD};

/// A second server over the first one's database, with the same administrator.
pub(crate) async fn second_server(first: &Setup) -> Setup {
    let app =
        spawn_on(first.app.dir(), first.app.database_url.clone(), first.app.clock.clone(), first.app.client.clone())
            .await;
    Setup { app, admin: first.admin.clone(), account_id: first.account_id.clone() }
}

fn created_key(xml: &str) -> Keys {
    let field = |name: &str| {
        let start = xml.find(&format!("<{name}>")).unwrap() + name.len() + 2;
        let end = xml[start..].find('<').unwrap() + start;
        xml[start..end].to_owned()
    };
    Keys { id: field("AccessKeyId"), secret: field("SecretAccessKey") }
}

#[tokio::test]
async fn a_key_made_on_one_server_authenticates_on_the_other_and_its_deactivation_follows() {
    let a = Setup::new().await;
    let b = second_server(&a).await;
    a.query(&a.admin, "CreateUser", &[("UserName", "worker")]).await;
    a.query(
        &a.admin,
        "PutUserPolicy",
        &[
            ("UserName", "worker"),
            ("PolicyName", "list"),
            (
                "PolicyDocument",
                r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:ListUsers","Resource":"*"}]}"#,
            ),
        ],
    )
    .await;
    let key = created_key(&a.query(&a.admin, "CreateAccessKey", &[("UserName", "worker")]).await);
    // Alternating servers, as a load balancer without affinity would.
    for server in [&b, &a, &b] {
        server.query(&key, "ListUsers", &[]).await;
    }
    a.query(&a.admin, "UpdateAccessKey", &[("UserName", "worker"), ("AccessKeyId", &key.id), ("Status", "Inactive")])
        .await;
    a.app.clock.advance(Duration::seconds(2)); // b's cached copy of the key lives at most one second
    for server in [&a, &b] {
        let (status, xml) = server.try_query(&key, "ListUsers", &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{xml}");
        assert!(xml.contains("<Code>InvalidClientTokenId</Code>"), "{xml}");
    }
}

/// Two servers, an administrator of `/app/` only (allowed `actions` on `user/app/*`), and bob under `/app/`, whose
/// path the second server has just read and keeps (it trusts it for at most a second) when the first moves him to
/// `/ops/`.
async fn bob_moved_behind_the_second_servers_back(actions: &str) -> (Setup, Setup, Keys) {
    let a = Setup::new().await;
    let b = second_server(&a).await;
    a.query(&a.admin, "CreateUser", &[("UserName", "app-admin")]).await;
    let arn = format!("arn:aws:iam::{}:user/app/*", a.account_id);
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":{actions},"Resource":"{arn}"}}]}}"#
    );
    a.query(
        &a.admin,
        "PutUserPolicy",
        &[("UserName", "app-admin"), ("PolicyName", "app"), ("PolicyDocument", &policy)],
    )
    .await;
    let key = created_key(&a.query(&a.admin, "CreateAccessKey", &[("UserName", "app-admin")]).await);
    a.query(&a.admin, "CreateUser", &[("UserName", "bob"), ("Path", "/app/")]).await;
    b.query(&key, "GetUser", &[("UserName", "bob")]).await; // b now knows bob's path
    a.query(&a.admin, "UpdateUser", &[("UserName", "bob"), ("NewPath", "/ops/")]).await;
    (a, b, key)
}

fn assert_access_denied((status, xml): (StatusCode, String)) {
    assert_eq!(status, StatusCode::FORBIDDEN, "{xml}");
    assert!(xml.contains("<Code>AccessDenied</Code>"), "{xml}");
}

#[tokio::test]
async fn a_user_moved_on_one_server_is_authorized_at_its_new_path_on_the_other_within_a_second() {
    let (a, b, key) = bob_moved_behind_the_second_servers_back(r#""iam:GetUser""#).await;
    a.app.clock.advance(Duration::seconds(2));
    for server in [&a, &b] {
        assert_access_denied(server.try_query(&key, "GetUser", &[("UserName", "bob")]).await);
    }
}

/// Writes on a user return where they found it: one authorized against a path the user has left is undone and
/// authorized again where the user is now, even within the second the other server still trusts the old path.
async fn refused_where_bob_is_now(action: &str, params: &[(&str, &str)]) -> (Setup, Setup) {
    let (a, b, key) = bob_moved_behind_the_second_servers_back(&format!(r#"["iam:GetUser","iam:{action}"]"#)).await;
    assert_access_denied(b.try_query(&key, action, params).await);
    (a, b)
}

#[tokio::test]
async fn a_policy_put_on_a_user_moved_by_the_other_server_is_authorized_where_the_user_is_now() {
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
    let put = [("UserName", "bob"), ("PolicyName", "s3"), ("PolicyDocument", policy)];
    let (a, b) = refused_where_bob_is_now("PutUserPolicy", &put).await;
    let listed = a.query(&a.admin, "ListUserPolicies", &[("UserName", "bob")]).await;
    assert!(!listed.contains("<member>s3</member>"), "the refused policy was undone: {listed}");
    b.query(&b.admin, "PutUserPolicy", &put).await; // allowed at the new path, it goes through there
}

#[tokio::test]
async fn a_key_created_for_a_user_moved_by_the_other_server_is_authorized_where_the_user_is_now() {
    let (a, b) = refused_where_bob_is_now("CreateAccessKey", &[("UserName", "bob")]).await;
    let keys = a.query(&a.admin, "ListAccessKeys", &[("UserName", "bob")]).await;
    assert!(!keys.contains("<AccessKeyId>"), "the refused key was undone: {keys}");
    created_key(&b.query(&b.admin, "CreateAccessKey", &[("UserName", "bob")]).await);
}

#[tokio::test]
async fn a_console_session_from_one_server_works_on_the_other_until_signed_out_there() {
    let a = Setup::new().await;
    let b = second_server(&a).await;
    let signed_in = a.app.sign_in(ROOT_EMAIL, ROOT_PASSWORD).await;
    assert!(signed_in.status().is_redirection());
    assert_eq!(b.app.get("/users").await.status(), StatusCode::OK, "the session made on a, on b");
    assert_eq!(a.app.get("/users").await.status(), StatusCode::OK);
    b.app.sign_out().await;
    assert_eq!(a.app.get("/users").await.status(), StatusCode::FOUND, "signed out on b, so on a");
}

/// Starting a server renders the console once to find its routes, and while that runs leptos parks every resource
/// first polled in the process (leptos-rs/leptos#4773). A second process is immune; a second server in one process
/// (these tests) was not: pages of the first that were rendering meanwhile never finished.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_starting_while_another_renders_pages_leaves_them_whole() {
    let app = spawn_app().await;
    app.set_up("").await;
    app.call("create_user", &[("user_name", "alice")]).await;
    let renders = {
        let (client, address) = (app.client.clone(), app.address.clone());
        tokio::spawn(async move {
            for _ in 0..40 {
                let body = tokio::time::timeout(std::time::Duration::from_secs(20), async {
                    let page = client.get(format!("{address}/")).header(reqwest::header::ACCEPT, "text/html");
                    page.send().await.unwrap().text().await.unwrap()
                })
                .await
                .expect("the dashboard is rendered whole while other servers start");
                assert!(body.contains("__INCOMPLETE_CHUNKS=[]"), "every part of the dashboard resolved");
            }
        })
    };
    for _ in 0..10 {
        spawn_on(app.dir(), app.database_url.clone(), app.clock.clone(), browser()).await;
    }
    renders.await.unwrap();
}
