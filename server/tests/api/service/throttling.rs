//! Brute-force throttling through the service: password guesses lock out the name typed whether or not it exists,
//! lockouts double and are forgotten, a success forgets the subject's failures, and one source address guessing many
//! names is slowed down on its own. The clock is the injected one, so lockouts expire without sleeping.

use std::net::IpAddr;

use app::backend::service::ThrottlePolicy;
use app::backend::RequestContext;
use app::model::{IamError, Password};
use chrono::Duration;

use super::harness::*;

const GOOD: &str = "Correct-Horse-1";

fn from(address: &str) -> RequestContext {
    RequestContext { source_ip: Some(address.parse::<IpAddr>().unwrap()), ..ctx() }
}

trait ThrottleHarness {
    async fn user_with_password(&self, name: &str);
    async fn sign_in(&self, user: &str, password: &str) -> Result<(), IamError>;
    fn wait(&self, seconds: i64);
}

impl ThrottleHarness for Iam {
    async fn user_with_password(&self, name: &str) {
        self.create_user("/", name).await;
        self.service.create_login_profile(&self.root(), user_name(name), Password::new(GOOD), false).await.unwrap();
    }

    async fn sign_in(&self, user: &str, password: &str) -> Result<(), IamError> {
        self.service.sign_in_user(&ctx(), &self.account_id, user, Password::new(password)).await.map(|_| ())
    }

    fn wait(&self, seconds: i64) {
        self.clock.advance(Duration::seconds(seconds));
    }
}

#[tokio::test]
async fn guessing_locks_out_a_known_and_an_unknown_name_alike() {
    let iam = Iam::new().await;
    iam.user_with_password("jeff").await;
    let mut lockouts = Vec::new();
    for name in ["jeff", "ghost"] {
        for _ in 0..ThrottlePolicy::default().free_failures {
            assert_code(iam.sign_in(name, "Wrong-Horse-1").await, "SignInFailed");
        }
        // Even the right password is refused now: the attempt never reaches the password check.
        lockouts.push(assert_code(iam.sign_in(name, GOOD).await, "Throttling"));
    }
    // Same code and the same words: the lockout does not tell who exists.
    assert_eq!(lockouts[0], lockouts[1]);
    assert_eq!(lockouts[0].to_string(), "Rate exceeded: too many failed attempts; try again in 2 seconds");

    // Other users are not affected; names are counted without case, as IAM compares them.
    iam.user_with_password("backup").await;
    iam.sign_in("backup", GOOD).await.unwrap();
    assert_code(iam.sign_in("JEFF", GOOD).await, "Throttling");

    iam.wait(2);
    iam.sign_in("jeff", GOOD).await.unwrap();
    // The success forgot jeff's failures: one more mistake is just a mistake.
    assert_code(iam.sign_in("jeff", "Wrong-Horse-1").await, "SignInFailed");
    assert_code(iam.sign_in("jeff", "Wrong-Horse-1").await, "SignInFailed");
}

#[tokio::test]
async fn each_further_failure_doubles_the_lockout_until_the_count_is_forgotten() {
    let iam = Iam::new().await;
    iam.user_with_password("jeff").await;
    for _ in 0..5 {
        assert_code(iam.sign_in("jeff", "Wrong-Horse-1").await, "SignInFailed");
    }
    let e = assert_code(iam.sign_in("jeff", GOOD).await, "Throttling");
    assert!(e.to_string().ends_with("try again in 2 seconds"), "{e}");
    iam.wait(2);
    assert_code(iam.sign_in("jeff", "Wrong-Horse-1").await, "SignInFailed");
    let e = assert_code(iam.sign_in("jeff", GOOD).await, "Throttling");
    assert!(e.to_string().ends_with("try again in 4 seconds"), "{e}");
    iam.wait(3);
    assert_code(iam.sign_in("jeff", GOOD).await, "Throttling");
    iam.wait(1);
    assert_code(iam.sign_in("jeff", "Wrong-Horse-1").await, "SignInFailed");
    let e = assert_code(iam.sign_in("jeff", GOOD).await, "Throttling");
    assert!(e.to_string().ends_with("try again in 8 seconds"), "{e}");

    // An hour without a failure and the count starts over: the next mistake does not lock.
    iam.wait(3601);
    assert_code(iam.sign_in("jeff", "Wrong-Horse-1").await, "SignInFailed");
    iam.sign_in("jeff", GOOD).await.unwrap();
    // jeff's success forgot his count; the address's count stays until it is an hour old, then it is pruned.
    assert_eq!(iam.service.prune_throttle().await.unwrap(), 0);
    iam.wait(3601);
    assert_eq!(iam.service.prune_throttle().await.unwrap(), 1);
}

#[tokio::test]
async fn the_forced_password_change_counts_old_password_guesses() {
    let iam = Iam::new().await;
    iam.create_user("/", "jeff").await;
    iam.service.create_login_profile(&iam.root(), user_name("jeff"), Password::new(GOOD), true).await.unwrap();
    let change = |old: &'static str| {
        let iam = &iam;
        async move {
            iam.service
                .complete_forced_password_change(
                    &ctx(),
                    &iam.account_id,
                    "jeff",
                    Password::new(old),
                    Password::new("Brand-New-Horse-2"),
                )
                .await
                .map(|_| ())
        }
    };
    for _ in 0..5 {
        assert_code(change("Wrong-Horse-1").await, "SignInFailed");
    }
    assert_code(change(GOOD).await, "Throttling");
    // The sign-in itself shares the count: it is the same password.
    assert_code(iam.sign_in("jeff", GOOD).await, "Throttling");
}

#[tokio::test]
async fn root_password_guesses_lock_out_the_email_typed() {
    let iam = Iam::new().await;
    let sign_in = |email: &'static str, password: &'static str| {
        let iam = &iam;
        async move { iam.service.sign_in_root(&ctx(), email, Password::new(password)).await.map(|_| ()) }
    };
    for _ in 0..5 {
        assert_code(sign_in("root@example.com", "Wrong-Horse-9").await, "SignInFailed");
    }
    assert_code(sign_in(" Root@Example.com", "Correct-Horse-9").await, "Throttling");
    iam.wait(2);
    sign_in("root@example.com", "Correct-Horse-9").await.unwrap();
}

#[tokio::test]
async fn one_address_guessing_many_names_is_slowed_down_without_locking_out_others() {
    let iam = Iam::new().await;
    iam.user_with_password("jeff").await;
    let attacker = from("198.51.100.66");
    let free = ThrottlePolicy::default().ip_free_failures;
    // One guess per name: no single name reaches its own limit.
    for n in 0..free {
        let name = format!("guess-{n}");
        let refused = iam.service.sign_in_user(&attacker, &iam.account_id, &name, Password::new(GOOD)).await;
        assert_code(refused, "SignInFailed");
    }
    let locked = iam.service.sign_in_user(&attacker, &iam.account_id, "jeff", Password::new(GOOD)).await;
    assert_code(locked, "Throttling");
    // jeff, from his own address, signs in.
    iam.service.sign_in_user(&from("192.0.2.10"), &iam.account_id, "jeff", Password::new(GOOD)).await.unwrap();
    // A success from the address does not wash it clean for the others it tried.
    iam.wait(2);
    iam.service.sign_in_user(&attacker, &iam.account_id, "jeff", Password::new(GOOD)).await.unwrap();
    let next = iam.service.sign_in_user(&attacker, &iam.account_id, "guess-x", Password::new(GOOD)).await;
    assert_code(next, "SignInFailed");
    let again = iam.service.sign_in_user(&attacker, &iam.account_id, "jeff", Password::new(GOOD)).await;
    assert_code(again, "Throttling");
}

#[tokio::test]
async fn a_stricter_policy_is_honoured() {
    let iam = Iam::new().await;
    iam.user_with_password("jeff").await;
    let strict = ThrottlePolicy { free_failures: 1, base_lockout_seconds: 60, ..ThrottlePolicy::default() };
    let service = iam.service.clone().with_throttle(strict);
    let attempt = |password: &'static str| {
        let service = &service;
        let account = iam.account_id.clone();
        async move { service.sign_in_user(&ctx(), &account, "jeff", Password::new(password)).await.map(|_| ()) }
    };
    assert_code(attempt("Wrong-Horse-1").await, "SignInFailed");
    let e = assert_code(attempt(GOOD).await, "Throttling");
    assert!(e.to_string().ends_with("try again in 60 seconds"), "{e}");
    iam.wait(59);
    assert_code(attempt(GOOD).await, "Throttling");
    iam.wait(1);
    attempt(GOOD).await.unwrap();
}
