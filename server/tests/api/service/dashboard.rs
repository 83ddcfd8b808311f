//! The dashboard's security overview through the service: root MFA, users without MFA, old and unused keys, users
//! per top-level path, the 30-day activity counts by the injected clock, and who may see which part.

use app::backend::auth::totp::{code_at, time_step, TotpSeed};
use app::backend::Clock;
use app::model::MfaDeviceName;

use super::harness::*;


/// Root enables a fresh virtual device for `user` (`None`: root itself).
async fn enable_mfa(iam: &Iam, user: Option<&str>, device: &str) {
    let created = iam
        .service
        .create_virtual_mfa_device(&iam.root(), MfaDeviceName::parse(device).unwrap(), path("/"))
        .await
        .unwrap();
    let seed = TotpSeed::from_bytes(base32_decode(&created.base32_string_seed));
    let t = time_step(iam.clock.now().timestamp());
    let (c1, c2) = (code_at(&seed, t - 1).unwrap(), code_at(&seed, t).unwrap());
    iam.service.enable_mfa_device(&iam.root(), user.map(user_name), &created.serial_number, &c1, &c2).await.unwrap();
}

#[tokio::test]
async fn a_fresh_account_needs_root_mfa_and_has_nothing_else() {
    let iam = Iam::new().await;
    let overview = iam.service.security_overview(&iam.root()).await.unwrap();
    assert!(!overview.root_mfa);
    assert_eq!(overview.users, 0);
    assert_eq!(overview.users_without_mfa.count, 0);
    assert_eq!(overview.old_keys.count, 0);
    assert!(overview.paths.is_empty());
    let activity = overview.activity.unwrap();
    assert_eq!(activity.days.len(), 30);
    assert_eq!(activity.days[0].day, "2026-10-31");
    assert_eq!(activity.days[29].day, "2026-11-29");
}

#[tokio::test]
async fn figures_follow_the_account() {
    let iam = Iam::new().await;
    iam.create_user("/app/", "backup").await;
    iam.create_user("/app/ops/", "syndic8").await;
    iam.create_user("/family/", "jeff").await;
    iam.create_user("/", "nobody").await;
    enable_mfa(&iam, None, "root-phone").await;
    enable_mfa(&iam, Some("jeff"), "jeff-phone").await;
    let old = iam.service.create_access_key(&iam.root(), Some(user_name("backup"))).await.unwrap();

    // 91 days later: backup's key is old and was never used; syndic8's new key is neither.
    iam.clock.advance(chrono::Duration::days(91));
    iam.service.create_access_key(&iam.root(), Some(user_name("syndic8"))).await.unwrap();

    let overview = iam.service.security_overview(&iam.root()).await.unwrap();
    assert!(overview.root_mfa);
    assert_eq!(overview.users, 4);
    assert_eq!(overview.users_without_mfa.count, 3);
    assert_eq!(overview.users_without_mfa.examples, ["backup", "nobody", "syndic8"]);
    assert_eq!(overview.old_keys.count, 1);
    assert_eq!(overview.old_keys.examples[0].user_name.as_deref(), Some("backup"));
    assert_eq!(overview.old_keys.examples[0].access_key_id, old.access_key_id.to_string());
    assert_eq!(overview.unused_keys.count, 1);
    let paths: Vec<(String, u64)> = overview.paths.iter().map(|p| (p.path.clone(), p.users)).collect();
    assert_eq!(paths, [("/".into(), 1), ("/app/".into(), 2), ("/family/".into(), 1)]);

    // The chart's last day is the clock's today; the set-up events 91 days ago are out of it.
    let activity = overview.activity.unwrap();
    let today = activity.days.last().unwrap();
    assert_eq!(today.day, "2027-02-28");
    assert_eq!(today.api_calls, 1, "syndic8's CreateAccessKey");
    assert_eq!(today.denials, 0);
    assert_eq!(activity.days.iter().map(|d| d.api_calls).sum::<u64>(), 1);
}

#[tokio::test]
async fn an_iam_user_needs_the_summary_and_the_trail_for_the_chart() {
    let iam = Iam::new().await;
    iam.create_user("/", "nobody").await;
    iam.create_user("/", "viewer").await;
    assert_code(iam.service.security_overview(&iam.as_user("nobody").await).await, "AccessDenied");

    iam.put_user_policy("viewer", "summary", &allow("iam:GetAccountSummary", "*")).await;
    let overview = iam.service.security_overview(&iam.as_user("viewer").await).await.unwrap();
    assert_eq!(overview.users, 2);
    assert!(overview.activity.is_none(), "no cloudtrail:LookupEvents, no chart");

    // nobody's refusal above is today's denial, and an API call.
    iam.put_user_policy("viewer", "trail", &allow("cloudtrail:LookupEvents", "*")).await;
    let activity = iam.service.security_overview(&iam.as_user("viewer").await).await.unwrap().activity.unwrap();
    let today = activity.days.last().unwrap();
    assert_eq!(today.denials, 1);
    assert!(today.api_calls >= 1);
}
