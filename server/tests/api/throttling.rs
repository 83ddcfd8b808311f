//! Brute-force throttling seen from outside: bad SigV4 signatures lock out the access key (answered as AWS answers
//! throttling), and the counts live in the database, so a second server over the same database refuses a sign-in
//! that guesses were made against on the first.

use chrono::Duration;
use reqwest::StatusCode;

use crate::authorize::{Keys, Setup};
use crate::helpers::{browser, redirected_error, spawn_app, spawn_on, ROOT_EMAIL, ROOT_PASSWORD};
use crate::scale_out::second_server;

const FORM: &str = "application/x-www-form-urlencoded; charset=utf-8";
const LIST_USERS: &str = "Action=ListUsers&Version=2010-05-08";

#[tokio::test]
async fn bad_signatures_lock_out_the_access_key_for_a_while() {
    let setup = Setup::new().await;
    let forged = Keys { id: setup.admin.id.clone(), secret: "A".repeat(40) };
    for _ in 0..5 {
        let response = setup.post(Some(&forged), "/", FORM, LIST_USERS.into()).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
        assert!(response.text().await.unwrap().contains("<Code>SignatureDoesNotMatch</Code>"));
    }
    // The key's owner, with the right secret, waits out the lockout like the guesser.
    let response = setup.post(Some(&setup.admin), "/", FORM, LIST_USERS.into()).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body = response.text().await.unwrap();
    assert!(body.contains("<Code>Throttling</Code>"), "{body}");
    assert!(body.contains("Rate exceeded"), "{body}");

    setup.app.clock.advance(Duration::seconds(2));
    setup.query(&setup.admin, "ListUsers", &[]).await;
    // The success forgot the key's failures.
    let response = setup.post(Some(&forged), "/", FORM, LIST_USERS.into()).await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    setup.query(&setup.admin, "ListUsers", &[]).await;
}

#[tokio::test]
async fn unknown_access_keys_are_counted_too() {
    let setup = Setup::new().await;
    let made_up = Keys { id: "AKIAIOSFODNN7EXAMPLE".into(), secret: "B".repeat(40) };
    for _ in 0..5 {
        let response = setup.post(Some(&made_up), "/", FORM, LIST_USERS.into()).await;
        assert!(response.text().await.unwrap().contains("<Code>InvalidClientTokenId</Code>"));
    }
    let response = setup.post(Some(&made_up), "/", FORM, LIST_USERS.into()).await;
    assert!(response.text().await.unwrap().contains("<Code>Throttling</Code>"));
    // Other keys are unaffected (the address has not reached its own, higher limit).
    setup.query(&setup.admin, "ListUsers", &[]).await;
}

/// Every API call passes the signature gate, so a server remembers counters it read free of failures for up to a
/// second (its own failures forget them at once, as the first test shows). Another server's guesses reach it within
/// that second: well inside the first lockout.
#[tokio::test]
async fn signature_guesses_on_one_server_lock_the_key_out_on_the_other_within_a_second() {
    let first = Setup::new().await;
    let second = second_server(&first).await;
    second.query(&second.admin, "ListUsers", &[]).await; // the second server has read the key's counters: clear
    let forged = Keys { id: first.admin.id.clone(), secret: "A".repeat(40) };
    for _ in 0..5 {
        let response = first.post(Some(&forged), "/", FORM, LIST_USERS.into()).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN);
    }
    first.app.clock.advance(Duration::seconds(1));
    let response = second.post(Some(&second.admin), "/", FORM, LIST_USERS.into()).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body = response.text().await.unwrap();
    assert!(body.contains("<Code>Throttling</Code>"), "{body}");
}

#[tokio::test]
async fn a_second_server_over_the_same_database_sees_the_lockout() {
    let first = spawn_app().await;
    first.set_up("family").await;
    let second = spawn_on(first.dir(), first.database_url.clone(), first.clock.clone(), browser()).await;
    for _ in 0..5 {
        let refused = first.sign_in(ROOT_EMAIL, "Wrong-Horse-9").await;
        assert_eq!(redirected_error(&refused).expect("error carried back")["code"], "SignInFailed");
    }
    let refused = second.sign_in(ROOT_EMAIL, ROOT_PASSWORD).await;
    let error = redirected_error(&refused).expect("error carried back");
    assert_eq!(error["code"], "Throttling", "{error}");

    first.clock.advance(Duration::seconds(2));
    let signed_in = second.sign_in(ROOT_EMAIL, ROOT_PASSWORD).await;
    assert_eq!(redirected_error(&signed_in), None);
}
