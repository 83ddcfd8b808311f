use crate::helpers::{location, redirected_error, spawn_app, ROOT_EMAIL};

#[tokio::test]
async fn a_fresh_install_sends_everyone_to_setup() {
    let app = spawn_app().await;
    for page in ["/", "/signin", "/users"] {
        let response = app.get(page).await;
        assert_eq!(response.status(), 302, "{page}");
        assert_eq!(location(&response), "/setup", "{page}");
    }
    let setup = app.get("/setup").await;
    assert_eq!(setup.status(), 200);
    assert!(setup.text().await.unwrap().contains("Set up your account"));
}

#[tokio::test]
async fn setup_creates_the_account_signs_root_in_and_shows_the_dashboard() {
    let app = spawn_app().await;
    let response = app.set_up("my-company").await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/");

    let dashboard = app.get("/").await;
    assert_eq!(dashboard.status(), 200, "{:?}", dashboard.headers());
    let html = dashboard.text().await.unwrap();
    assert!(html.contains("my-company"), "alias shown");
    assert!(html.contains(ROOT_EMAIL));
    assert!(html.contains("/signin/my-company"), "console sign-in URL shown");
    let account_id = html.split("id=\"account-id\">").nth(1).unwrap().split('<').next().unwrap();
    assert_eq!(account_id.len(), 12);
    assert!(account_id.bytes().all(|b| b.is_ascii_digit()), "{account_id}");
}

#[tokio::test]
async fn setup_is_gone_for_good_once_done() {
    let app = spawn_app().await;
    app.set_up("").await;
    let again = app.get("/setup").await;
    assert_eq!(again.status(), 302, "the set-up page redirects away");

    // Posting the form directly (a second browser, a script) is refused too.
    let other = crate::helpers::browser();
    let response = other
        .post(format!("{}/api/set_up_account", app.address))
        .header("accept", "application/json")
        .form(&[("alias", ""), ("email", "intruder@example.com"), ("password", "Intruder-Pass-1")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 409, "AWS's status for EntityAlreadyExists");
    let error: serde_json::Value = response.json().await.unwrap();
    assert_eq!(error["code"], "EntityAlreadyExists");
}

#[tokio::test]
async fn setup_rejects_bad_input_with_aws_style_errors_and_stores_nothing() {
    let app = spawn_app().await;
    let cases = [
        (("a--b", "root@example.com", "Correct-Horse-9"), "ValidationError", "account alias `a--b`"),
        (("", "not-an-email", "Correct-Horse-9"), "ValidationError", "`not-an-email` is not an email address"),
        (("", "root@example.com", "short"), "PasswordPolicyViolation", "8 to 128 characters"),
        (("", "root@example.com", "alllowercase"), "PasswordPolicyViolation", "at least three"),
    ];
    for ((alias, email, password), code, message) in cases {
        let response = app
            .submit_form("/setup", "set_up_account", &[("alias", alias), ("email", email), ("password", password)])
            .await;
        assert_eq!(response.status(), 302, "{alias} {email}");
        assert!(location(&response).starts_with("/setup?"), "back to the form: {}", location(&response));
        let error = redirected_error(&response).expect("error carried back");
        assert_eq!(error["code"], code);
        assert!(error["detail"].as_str().unwrap().contains(message), "{error}");
    }
    // Nothing was created: the set-up page is still there.
    assert_eq!(app.get("/setup").await.status(), 200);
}
