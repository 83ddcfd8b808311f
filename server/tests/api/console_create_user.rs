//! Creating a user from the console in one go (password, groups, access key), through the server function as the
//! hydrated page calls it: the key's secret comes back once, on the user's page; names are checked before anything
//! is created; a refusal after the user exists says so.

use serde_json::Value;

use crate::helpers::{spawn_app, TestApp};

async fn json(response: reqwest::Response) -> (bool, Value) {
    let ok = response.status().is_success();
    let text = response.text().await.unwrap();
    (ok, serde_json::from_str(&text).unwrap_or(Value::String(text)))
}

async fn create(app: &TestApp, fields: &[(&str, &str)]) -> (bool, Value) {
    json(app.call("create_user", fields).await).await
}

#[tokio::test]
async fn a_user_with_a_password_groups_and_a_key_in_one_form() {
    let app = spawn_app().await;
    app.set_up("acme").await;
    for group in ["admins", "ops"] {
        assert!(json(app.call("create_group", &[("group_name", group)]).await).await.0);
    }

    let (ok, created) = create(
        &app,
        &[
            ("user_name", "jeff"),
            ("path", "/family/"),
            ("console_password", "Jeffs-Seed-Pass-42"),
            ("groups", "admins, ops"),
            ("access_key", "on"),
        ],
    )
    .await;
    assert!(ok, "{created}");
    assert_eq!(created["next"], "/users/jeff", "the key's secret is shown on the user's page");
    assert_eq!(created["user"]["path"], "/family/");

    let (_, groups) = json(app.call("user_groups", &[("user_name", "jeff")]).await).await;
    let names: Vec<&str> = groups.as_array().unwrap().iter().map(|g| g["group_name"].as_str().unwrap()).collect();
    assert_eq!(names, ["admins", "ops"]);
    let (_, profile) = json(app.call("user_login_profile", &[("user_name", "jeff")]).await).await;
    assert_eq!(profile["user_name"], "jeff");

    // The secret once: the page's first load has it, the next does not.
    let (_, keys) = json(app.call("user_access_keys", &[("user_name", "jeff")]).await).await;
    let secret = keys["new_key"]["secret_access_key"].as_str().unwrap();
    assert_eq!(secret.len(), 40);
    assert_eq!(keys["keys"].as_array().unwrap().len(), 1);
    let (_, again) = json(app.call("user_access_keys", &[("user_name", "jeff")]).await).await;
    assert!(again["new_key"].is_null(), "{again}");

    // Without a key, the next page is the users of the new user's path.
    let (_, plain) = create(&app, &[("user_name", "carol"), ("path", "/family/")]).await;
    assert_eq!(plain["next"], "/users?prefix=/family/&created=carol");
}

#[tokio::test]
async fn names_are_checked_first_and_a_later_refusal_says_the_user_exists() {
    let app = spawn_app().await;
    app.set_up("acme").await;

    // An invalid group name refuses the form before anything is created.
    let (ok, refused) = create(&app, &[("user_name", "ghost"), ("groups", "bad/name")]).await;
    assert!(!ok);
    assert!(refused.to_string().contains("bad/name"), "{refused}");
    let (found, _) = json(app.call("get_user", &[("user_name", "ghost")]).await).await;
    assert!(!found, "nothing was created");

    // A valid name of a group that does not exist: the user is created, and the error says so.
    let (ok, refused) = create(&app, &[("user_name", "dora"), ("groups", "nosuch")]).await;
    assert!(!ok);
    let message = refused.to_string();
    assert!(message.contains("user `dora` was created, but was not added to group `nosuch`"), "{message}");
    let (found, _) = json(app.call("get_user", &[("user_name", "dora")]).await).await;
    assert!(found);
}
