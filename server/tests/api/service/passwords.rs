//! Console passwords through the service: the account password policy (CRUD, ranges, every unmet rule named, reuse
//! prevention), login profiles and their authorization, changing one's own password, and IAM user sign-in (one
//! failure message for every cause, forced resets, expiry on the test clock, MFA required).

use app::backend::entities::mfa_device;
use app::backend::service::login_profiles::{check_password_against_policy, USER_SIGN_IN_FAILED};
use app::backend::Clock;
use app::model::passwords::{PasswordPolicyInput, PasswordPolicyView};
use app::model::{AccountAlias, IamError, Password};
use sea_orm::{EntityTrait, Set};

use super::harness::*;

const GOOD: &str = "Correct-Horse-1";

fn pw(text: &str) -> Password {
    Password::new(text)
}

fn strict() -> PasswordPolicyInput {
    PasswordPolicyInput {
        minimum_password_length: Some(12),
        require_symbols: true,
        require_numbers: true,
        require_uppercase_characters: true,
        require_lowercase_characters: true,
        ..Default::default()
    }
}

/// Password helpers on the harness, as a local trait so the names cannot clash with other test files' helpers.
trait PasswordHarness {
    async fn set_policy(&self, input: PasswordPolicyInput);
    async fn give_password(&self, user: &str, password: &str, reset: bool);
    async fn sign_in(&self, user: &str, password: &str) -> Result<app::model::passwords::UserSignIn, IamError>;
}

impl PasswordHarness for Iam {
    async fn set_policy(&self, input: PasswordPolicyInput) {
        self.service.update_account_password_policy(&self.root(), input).await.unwrap();
    }

    async fn give_password(&self, user: &str, password: &str, reset: bool) {
        self.service.create_login_profile(&self.root(), user_name(user), pw(password), reset).await.unwrap();
    }

    async fn sign_in(&self, user: &str, password: &str) -> Result<app::model::passwords::UserSignIn, IamError> {
        self.service.sign_in_user(&ctx(), &self.account_id, user, pw(password)).await
    }
}

// ----- account password policy -----

#[tokio::test]
async fn password_policy_crud_follows_aws() {
    let iam = Iam::new().await;
    let root = iam.root();
    assert_code(iam.service.get_account_password_policy(&root).await, "NoSuchEntity");
    assert_code(iam.service.delete_account_password_policy(&root).await, "NoSuchEntity");

    // No partial updates: every absent parameter takes its default.
    let defaults = iam.service.update_account_password_policy(&root, PasswordPolicyInput::default()).await.unwrap();
    assert_eq!(
        defaults,
        PasswordPolicyView {
            minimum_password_length: 6,
            require_symbols: false,
            require_numbers: false,
            require_uppercase_characters: false,
            require_lowercase_characters: false,
            allow_users_to_change_password: false,
            expire_passwords: false,
            max_password_age: None,
            password_reuse_prevention: None,
            hard_expiry: false,
        }
    );
    assert_eq!(iam.service.get_account_password_policy(&root).await.unwrap(), defaults);

    let full = PasswordPolicyInput {
        minimum_password_length: Some(14),
        require_symbols: true,
        require_numbers: true,
        require_uppercase_characters: true,
        require_lowercase_characters: true,
        allow_users_to_change_password: true,
        max_password_age: Some(90),
        password_reuse_prevention: Some(5),
        hard_expiry: true,
    };
    let saved = iam.service.update_account_password_policy(&root, full).await.unwrap();
    assert!(saved.expire_passwords);
    assert_eq!((saved.max_password_age, saved.password_reuse_prevention), (Some(90), Some(5)));
    assert_eq!(iam.service.get_account_password_policy(&root).await.unwrap(), saved);

    iam.service.delete_account_password_policy(&root).await.unwrap();
    assert_code(iam.service.get_account_password_policy(&root).await, "NoSuchEntity");
}

#[tokio::test]
async fn password_policy_ranges_are_validated_together() {
    let iam = Iam::new().await;
    let root = iam.root();
    for (length, age, reuse) in [(6, 1, 1), (128, 1095, 24)] {
        let input = PasswordPolicyInput {
            minimum_password_length: Some(length),
            max_password_age: Some(age),
            password_reuse_prevention: Some(reuse),
            ..Default::default()
        };
        let saved = iam.service.update_account_password_policy(&root, input).await.unwrap();
        assert_eq!(saved.minimum_password_length, length as u32);
    }
    for input in [
        PasswordPolicyInput { minimum_password_length: Some(5), ..Default::default() },
        PasswordPolicyInput { minimum_password_length: Some(129), ..Default::default() },
        PasswordPolicyInput { max_password_age: Some(0), ..Default::default() },
        PasswordPolicyInput { max_password_age: Some(1096), ..Default::default() },
        PasswordPolicyInput { password_reuse_prevention: Some(0), ..Default::default() },
        PasswordPolicyInput { password_reuse_prevention: Some(25), ..Default::default() },
    ] {
        assert_code(iam.service.update_account_password_policy(&root, input).await, "ValidationError");
    }
    let all_wrong = PasswordPolicyInput {
        minimum_password_length: Some(1),
        max_password_age: Some(-3),
        password_reuse_prevention: Some(99),
        ..Default::default()
    };
    let e = assert_code(iam.service.update_account_password_policy(&root, all_wrong).await, "ValidationError");
    let text = e.to_string();
    assert!(text.starts_with("3 validation errors detected"), "{text}");
    for field in ["minimumPasswordLength", "maxPasswordAge", "passwordReusePrevention"] {
        assert!(text.contains(field), "{text}");
    }
    // The refused update changed nothing.
    assert_eq!(iam.service.get_account_password_policy(&root).await.unwrap().minimum_password_length, 128);
}

#[tokio::test]
async fn password_policy_actions_are_authorized_on_star() {
    let iam = Iam::new().await;
    iam.create_user("/", "nobody").await;
    iam.create_user("/", "admin").await;
    iam.put_user_policy("admin", "passwords", &allow("iam:*AccountPasswordPolicy", "*")).await;
    let nobody = iam.as_user("nobody").await;
    let admin = iam.as_user("admin").await;

    assert_code(iam.service.update_account_password_policy(&nobody, strict()).await, "AccessDenied");
    iam.service.update_account_password_policy(&admin, strict()).await.unwrap();
    let denied = assert_code(iam.service.get_account_password_policy(&nobody).await, "AccessDenied");
    assert!(denied.to_string().contains("iam:GetAccountPasswordPolicy on resource: *"), "{denied}");
    iam.service.get_account_password_policy(&admin).await.unwrap();
    assert_code(iam.service.delete_account_password_policy(&nobody).await, "AccessDenied");

    // AllowUsersToChangePassword lets every IAM user read the policy, unless a Deny says otherwise.
    let open = PasswordPolicyInput { allow_users_to_change_password: true, ..strict() };
    iam.service.update_account_password_policy(&admin, open).await.unwrap();
    iam.service.get_account_password_policy(&nobody).await.unwrap();
    iam.put_user_policy("nobody", "no", &deny("iam:GetAccountPasswordPolicy", "*")).await;
    let nobody = iam.as_user("nobody").await;
    assert_code(iam.service.get_account_password_policy(&nobody).await, "AccessDenied");

    iam.service.delete_account_password_policy(&admin).await.unwrap();
}

// ----- the rules -----

#[tokio::test]
async fn a_violation_names_every_unmet_rule() {
    let iam = Iam::new().await;
    iam.create_user("/", "jeff").await;
    iam.set_policy(strict()).await;
    let e = assert_code(
        iam.service.create_login_profile(&iam.root(), user_name("jeff"), pw("abc"), false).await,
        "PasswordPolicyViolation",
    );
    let text = e.to_string();
    for rule in ["at least 12 characters (it has 3)", "upper-case", "number", "symbols"] {
        assert!(text.contains(rule), "{rule} missing from: {text}");
    }
    assert!(!text.contains("lower-case"), "met rules are not listed: {text}");
    assert!(!text.contains("abc"), "the password is never echoed: {text}");
    // `.` is not one of AWS's symbols.
    assert_code(
        iam.service.create_login_profile(&iam.root(), user_name("jeff"), pw("Abcdefghij1."), false).await,
        "PasswordPolicyViolation",
    );
    iam.service.create_login_profile(&iam.root(), user_name("jeff"), pw("Abcdefghij1!"), false).await.unwrap();

    // The same check, pure, for anyone holding a policy view.
    let policy = iam.service.get_account_password_policy(&iam.root()).await.unwrap();
    assert!(check_password_against_policy(Some(&policy), &pw("Abcdefghij1!"), "jeff").is_ok());
    assert_code(check_password_against_policy(Some(&policy), &pw("short"), "jeff"), "PasswordPolicyViolation");
    assert_code(check_password_against_policy(Some(&policy), &pw(&"Aa1!".repeat(33)), "jeff"), "ValidationError");
}

#[tokio::test]
async fn without_a_policy_aws_default_rules_apply() {
    let iam = Iam::new().await;
    iam.create_user("/", "jeff").await;
    let root = iam.root();
    let e = assert_code(
        iam.service.create_login_profile(&root, user_name("jeff"), pw("abcdef"), false).await,
        "PasswordPolicyViolation",
    );
    let text = e.to_string();
    assert!(text.contains("default password policy"), "{text}");
    assert!(text.contains("at least 8 characters") && text.contains("at least three of"), "{text}");
    assert_code(
        iam.service.create_login_profile(&root, user_name("jeff"), pw("abcdefgh1"), false).await,
        "PasswordPolicyViolation",
    );
    assert_code(
        iam.service.create_login_profile(&root, user_name("jeff"), pw(&"x".repeat(129)), false).await,
        "ValidationError",
    );
    // Three kinds out of four are enough.
    iam.service.create_login_profile(&root, user_name("jeff"), pw("abcdefgh1!"), false).await.unwrap();
}

#[tokio::test]
async fn reuse_prevention_checks_the_last_n_passwords() {
    let iam = Iam::new().await;
    iam.create_user("/", "jeff").await;
    let root = iam.root();
    iam.set_policy(PasswordPolicyInput { password_reuse_prevention: Some(2), ..Default::default() }).await;
    iam.give_password("jeff", "First-pass-1", false).await;
    let set = |p: &'static str| iam.service.update_login_profile(&root, user_name("jeff"), Some(pw(p)), None);

    let e = assert_code(set("First-pass-1").await, "PasswordPolicyViolation");
    assert!(e.to_string().contains("differ from the last 2 passwords"), "{e}");
    set("Second-pass-2").await.unwrap();
    assert_code(set("First-pass-1").await, "PasswordPolicyViolation");
    assert_code(set("Second-pass-2").await, "PasswordPolicyViolation");
    set("Third-pass-3").await.unwrap();
    // Two back is outside a window of 2 (the current password and the one before it).
    set("First-pass-1").await.unwrap();
    assert!(iam.sign_in("jeff", "First-pass-1").await.is_ok());

    // Reuse is listed with the other unmet rules, in one message.
    iam.set_policy(PasswordPolicyInput {
        minimum_password_length: Some(20),
        password_reuse_prevention: Some(3),
        ..Default::default()
    })
    .await;
    let e = assert_code(set("Third-pass-3").await, "PasswordPolicyViolation");
    assert!(e.to_string().contains("at least 20 characters") && e.to_string().contains("last 3"), "{e}");
}

// ----- login profiles -----

#[tokio::test]
async fn login_profile_crud() {
    let iam = Iam::new().await;
    let root = iam.root();
    iam.create_user("/family/", "jeff").await;
    assert_code(iam.service.get_login_profile(&root, user_name("jeff")).await, "NoSuchEntity");
    assert_code(iam.service.create_login_profile(&root, user_name("ghost"), pw(GOOD), false).await, "NoSuchEntity");

    let created = iam.service.create_login_profile(&root, user_name("JEFF"), pw(GOOD), true).await.unwrap();
    assert_eq!(created.user_name, "jeff");
    assert_eq!(created.create_date, "2026-11-29T12:00:00Z");
    assert!(created.password_reset_required);
    let serialized = serde_json::to_string(&created).unwrap();
    assert!(!serialized.contains("argon2") && !serialized.contains(GOOD), "{serialized}");
    assert_code(
        iam.service.create_login_profile(&root, user_name("jeff"), pw(GOOD), false).await,
        "EntityAlreadyExists",
    );

    iam.clock.advance(chrono::Duration::days(1));
    iam.service.update_login_profile(&root, user_name("jeff"), None, Some(false)).await.unwrap();
    let fetched = iam.service.get_login_profile(&root, user_name("jeff")).await.unwrap();
    assert!(!fetched.password_reset_required);
    assert_eq!(fetched.create_date, created.create_date, "the create date is the first password's");
    iam.service.update_login_profile(&root, user_name("jeff"), Some(pw("Another-pass-2")), None).await.unwrap();
    assert!(!iam.service.get_login_profile(&root, user_name("jeff")).await.unwrap().password_reset_required);
    assert_code(iam.sign_in("jeff", GOOD).await, "SignInFailed");
    iam.sign_in("jeff", "Another-pass-2").await.unwrap();

    // A user with a console password cannot be deleted until it is gone.
    assert_code(iam.service.delete_user(&root, user_name("jeff")).await, "DeleteConflict");
    iam.service.delete_login_profile(&root, user_name("jeff")).await.unwrap();
    assert_code(iam.service.get_login_profile(&root, user_name("jeff")).await, "NoSuchEntity");
    assert_code(iam.service.delete_login_profile(&root, user_name("jeff")).await, "NoSuchEntity");
    assert_code(iam.service.update_login_profile(&root, user_name("jeff"), None, Some(true)).await, "NoSuchEntity");
    assert_code(iam.sign_in("jeff", "Another-pass-2").await, "SignInFailed");
    iam.service.delete_user(&root, user_name("jeff")).await.unwrap();
}

#[tokio::test]
async fn login_profiles_are_authorized_on_the_user_arn() {
    let iam = Iam::new().await;
    iam.create_user("/family/", "jeff").await;
    iam.create_user("/app/", "backup").await;
    iam.create_user("/app/", "syndic8").await;
    iam.create_group("/", "admins").await;
    iam.put_group_policy("admins", "app", &allow("iam:*", &format!("arn:aws:iam::{}:user/app/*", iam.account_id)))
        .await;
    iam.add_to_group("admins", "syndic8").await;
    iam.create_user("/", "nobody").await;
    iam.create_user("/", "denied").await;
    iam.put_user_policy("denied", "all", &allow("iam:*", "*")).await;
    iam.put_user_policy("denied", "no", &deny("iam:*LoginProfile", "*")).await;

    let admin = iam.as_user("syndic8").await;
    // The delegated admin manages passwords under /app/ only.
    iam.service.create_login_profile(&admin, user_name("backup"), pw(GOOD), true).await.unwrap();
    iam.service.get_login_profile(&admin, user_name("backup")).await.unwrap();
    iam.service
        .update_login_profile(&admin, user_name("backup"), Some(pw("Another-pass-2")), Some(false))
        .await
        .unwrap();
    iam.service.delete_login_profile(&admin, user_name("backup")).await.unwrap();

    let e =
        assert_code(iam.service.create_login_profile(&admin, user_name("jeff"), pw(GOOD), false).await, "AccessDenied");
    assert!(e
        .to_string()
        .contains(&format!("iam:CreateLoginProfile on resource: {}", iam.user_arn("/family/", "jeff"))));
    iam.give_password("jeff", GOOD, false).await;
    assert_code(iam.service.get_login_profile(&admin, user_name("jeff")).await, "AccessDenied");
    assert_code(
        iam.service.update_login_profile(&admin, user_name("jeff"), Some(pw("X-pass-123")), None).await,
        "AccessDenied",
    );
    assert_code(iam.service.delete_login_profile(&admin, user_name("jeff")).await, "AccessDenied");
    // Refused before existence is checked: a refused caller learns nothing about which names exist.
    assert_code(iam.service.get_login_profile(&admin, user_name("ghost")).await, "AccessDenied");

    for who in ["nobody", "denied"] {
        let call = iam.as_user(who).await;
        assert_code(iam.service.get_login_profile(&call, user_name("jeff")).await, "AccessDenied");
        assert_code(
            iam.service.create_login_profile(&call, user_name("backup"), pw(GOOD), false).await,
            "AccessDenied",
        );
        assert_code(iam.service.update_login_profile(&call, user_name("jeff"), None, Some(true)).await, "AccessDenied");
        assert_code(iam.service.delete_login_profile(&call, user_name("jeff")).await, "AccessDenied");
    }
    // Jeff's password is untouched by all of that.
    iam.sign_in("jeff", GOOD).await.unwrap();
}

// ----- sign-in -----

#[tokio::test]
async fn sign_in_failures_are_indistinguishable() {
    let iam = Iam::new().await;
    iam.create_user("/family/", "jeff").await;
    iam.create_user("/", "keysonly").await;
    iam.give_password("jeff", GOOD, false).await;
    let failures = [
        iam.sign_in("jeff", "Wrong-Horse-1").await,
        iam.sign_in("ghost", GOOD).await,
        iam.sign_in("keysonly", GOOD).await,
        iam.service.sign_in_user(&ctx(), "999999999999", "jeff", pw(GOOD)).await,
        iam.service.sign_in_user(&ctx(), "no-such-alias", "jeff", pw(GOOD)).await,
    ];
    for failure in failures {
        let e = assert_code(failure, "SignInFailed");
        assert_eq!(e.to_string(), USER_SIGN_IN_FAILED);
        assert_eq!(e, IamError::SignInFailed(USER_SIGN_IN_FAILED.into()));
    }
    // Failures record nothing.
    assert_eq!(iam.service.get_user(&iam.root(), Some(user_name("jeff"))).await.unwrap().password_last_used, None);
}

#[tokio::test]
async fn sign_in_succeeds_by_account_id_or_alias_and_records_the_use() {
    let iam = Iam::new().await;
    iam.create_user("/family/", "jeff").await;
    iam.give_password("jeff", GOOD, false).await;
    iam.clock.advance(chrono::Duration::hours(1));

    let ok = iam.sign_in("JEFF", GOOD).await.unwrap();
    assert_eq!(ok.account_id, iam.account_id);
    assert_eq!(ok.user_name, "jeff");
    assert!(ok.user_id.starts_with("AIDA"));
    assert!(!ok.mfa_required && !ok.password_change_required);
    let user = iam.service.get_user(&iam.root(), Some(user_name("jeff"))).await.unwrap();
    assert_eq!(user.password_last_used.as_deref(), Some("2026-11-29T13:00:00Z"));

    iam.service.create_account_alias(&iam.root(), AccountAlias::parse("family-home").unwrap()).await.unwrap();
    let by_alias = iam.service.sign_in_user(&ctx(), "family-home", "jeff", pw(GOOD)).await.unwrap();
    assert_eq!(by_alias.account_id, iam.account_id);
}

#[tokio::test]
async fn sign_in_says_when_mfa_is_required() {
    let iam = Iam::new().await;
    iam.create_user("/family/", "jeff").await;
    iam.give_password("jeff", GOOD, false).await;
    let user_id = iam.sign_in("jeff", GOOD).await.unwrap().user_id;
    // An enabled device assigned to jeff (set up directly: how it got there is the MFA suite's subject).
    mfa_device::Entity::insert(mfa_device::ActiveModel {
        serial_number: Set(format!("arn:aws:iam::{}:mfa/jeff-phone", iam.account_id)),
        account_id: Set(iam.account_id.clone()),
        name: Set("jeff-phone".into()),
        path: Set("/".into()),
        seed_ciphertext: Set("unused".into()),
        user_id: Set(Some(user_id)),
        assigned_to_root: Set(false),
        enabled_at: Set(Some(iam.clock.now())),
        last_time_step: Set(None),
        created_at: Set(iam.clock.now()),
    })
    .exec_without_returning(iam.service.db())
    .await
    .unwrap();
    assert!(iam.sign_in("jeff", GOOD).await.unwrap().mfa_required);
}

#[tokio::test]
async fn a_required_reset_is_completed_on_the_forced_change_page() {
    let iam = Iam::new().await;
    iam.create_user("/family/", "jeff").await;
    iam.give_password("jeff", GOOD, true).await;
    let signed_in = iam.sign_in("jeff", GOOD).await.unwrap();
    assert!(signed_in.password_change_required);

    let request = ctx();
    let change = |old: &'static str, new: &'static str| {
        iam.service.complete_forced_password_change(&request, &iam.account_id, "jeff", pw(old), pw(new))
    };
    let e = assert_code(change("Wrong-Horse-1", "New-Horse-22").await, "SignInFailed");
    assert_eq!(e.to_string(), USER_SIGN_IN_FAILED);
    assert_code(change(GOOD, "short").await, "PasswordPolicyViolation");
    let done = change(GOOD, "New-Horse-22").await.unwrap();
    assert!(!done.password_change_required);
    assert_code(iam.sign_in("jeff", GOOD).await, "SignInFailed");
    assert!(!iam.sign_in("jeff", "New-Horse-22").await.unwrap().password_change_required);
    assert!(!iam.service.get_login_profile(&iam.root(), user_name("jeff")).await.unwrap().password_reset_required);
    // Without a required change this page is no way around ChangePassword's authorization.
    assert_code(change("New-Horse-22", "Newer-Horse-33").await, "InvalidInput");
}

#[tokio::test]
async fn passwords_expire_on_the_policy_clock() {
    let iam = Iam::new().await;
    iam.create_user("/family/", "jeff").await;
    iam.give_password("jeff", GOOD, false).await;
    iam.set_policy(PasswordPolicyInput { max_password_age: Some(30), ..Default::default() }).await;

    iam.clock.advance(chrono::Duration::days(30) - chrono::Duration::seconds(1));
    assert!(!iam.sign_in("jeff", GOOD).await.unwrap().password_change_required);
    iam.clock.advance(chrono::Duration::seconds(1));
    assert!(iam.sign_in("jeff", GOOD).await.unwrap().password_change_required, "30 days old: expired");
    iam.service
        .complete_forced_password_change(&ctx(), &iam.account_id, "jeff", pw(GOOD), pw("Fresh-Horse-2"))
        .await
        .unwrap();
    assert!(!iam.sign_in("jeff", "Fresh-Horse-2").await.unwrap().password_change_required, "the clock restarted");

    // With hard expiry an expired password neither signs in nor changes itself: an administrator resets it.
    iam.set_policy(PasswordPolicyInput { max_password_age: Some(30), hard_expiry: true, ..Default::default() }).await;
    iam.clock.advance(chrono::Duration::days(31));
    let e = assert_code(iam.sign_in("jeff", "Fresh-Horse-2").await, "SignInFailed");
    assert!(e.to_string().contains("expired"), "{e}");
    assert_code(
        iam.service
            .complete_forced_password_change(&ctx(), &iam.account_id, "jeff", pw("Fresh-Horse-2"), pw("Other-Horse-3"))
            .await,
        "SignInFailed",
    );
    iam.service
        .update_login_profile(&iam.root(), user_name("jeff"), Some(pw("Reset-Horse-4")), Some(true))
        .await
        .unwrap();
    assert!(iam.sign_in("jeff", "Reset-Horse-4").await.unwrap().password_change_required);
}

// ----- ChangePassword -----

#[tokio::test]
async fn change_password_rules() {
    let iam = Iam::new().await;
    iam.create_user("/family/", "jeff").await;
    iam.create_user("/", "keysonly").await;
    iam.give_password("jeff", GOOD, true).await;

    // Root has no IAM user password to change (AWS: InvalidUserType).
    assert_code(iam.service.change_password(&iam.root(), pw(GOOD), pw("New-Horse-22")).await, "InvalidUserType");

    // Neither a policy of jeff's nor the account's policy allows it yet.
    let jeff = iam.as_user("jeff").await;
    let e = assert_code(iam.service.change_password(&jeff, pw(GOOD), pw("New-Horse-22")).await, "AccessDenied");
    assert!(e.to_string().contains(&format!("iam:ChangePassword on resource: {}", iam.user_arn("/family/", "jeff"))));

    // AllowUsersToChangePassword grants it implicitly.
    iam.set_policy(PasswordPolicyInput { allow_users_to_change_password: true, ..strict() }).await;
    let jeff = iam.as_user("jeff").await;
    let e =
        assert_code(iam.service.change_password(&jeff, pw("Wrong-Horse-1"), pw("New-Horse-22!")).await, "AccessDenied");
    assert!(e.to_string().contains("old password"), "{e}");
    assert_code(iam.service.change_password(&jeff, pw(GOOD), pw("new")).await, "PasswordPolicyViolation");
    iam.service.change_password(&jeff, pw(GOOD), pw("New-Horse-22!")).await.unwrap();
    assert!(!iam.service.get_login_profile(&iam.root(), user_name("jeff")).await.unwrap().password_reset_required);
    let signed_in = iam.sign_in("jeff", "New-Horse-22!").await.unwrap();
    assert!(!signed_in.password_change_required);
    assert_code(iam.sign_in("jeff", GOOD).await, "SignInFailed");

    // A user without a console password has nothing to change.
    let keysonly = iam.as_user("keysonly").await;
    assert_code(iam.service.change_password(&keysonly, pw(GOOD), pw("New-Horse-22!")).await, "NoSuchEntity");

    // An explicit Deny beats the account-level grant.
    iam.put_user_policy("jeff", "no", &deny("iam:ChangePassword", "*")).await;
    let jeff = iam.as_user("jeff").await;
    assert_code(iam.service.change_password(&jeff, pw("New-Horse-22!"), pw("Newer-Horse-33!")).await, "AccessDenied");

    // Without the account-level grant, an explicit Allow on one's own ARN is enough (AWS's documented policy).
    iam.set_policy(strict()).await;
    iam.create_user("/app/", "backup").await;
    iam.give_password("backup", "Backup-Horse-1!", false).await;
    iam.put_user_policy("backup", "self", &allow("iam:ChangePassword", "arn:aws:iam::*:user/${aws:username}")).await;
    let backup = iam.as_user("backup").await;
    // `${aws:username}` names the user, not the path: `user/backup` is not backup's ARN `user/app/backup`.
    assert_code(
        iam.service.change_password(&backup, pw("Backup-Horse-1!"), pw("Backup-Horse-2!")).await,
        "AccessDenied",
    );
    iam.put_user_policy("backup", "self", &allow("iam:ChangePassword", "arn:aws:iam::*:user/*/${aws:username}")).await;
    let backup = iam.as_user("backup").await;
    iam.service.change_password(&backup, pw("Backup-Horse-1!"), pw("Backup-Horse-2!")).await.unwrap();
    iam.sign_in("backup", "Backup-Horse-2!").await.unwrap();
}
