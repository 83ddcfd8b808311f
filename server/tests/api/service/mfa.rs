//! Virtual MFA devices through the service: create (seed once, sealed at rest), enable with two consecutive codes,
//! resync, deactivate, delete, list, the 8-device limit, console sign-in codes accepted at most once (also under a
//! race), and authorization of each action. Codes are computed here from the returned Base32 seed and the test clock.

use app::backend::auth::totp::{code_at, time_step, TotpSeed};
use app::backend::entities::mfa_device;
use app::backend::Clock;
use app::model::mfa::{AssignmentStatus, VirtualMfaCreated};
use app::model::{MfaDeviceName, PageRequest, UserName};
use sea_orm::EntityTrait;

use super::harness::*;


#[test]
fn base32_decoder_matches_the_rfc() {
    assert_eq!(base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), b"12345678901234567890");
    assert_eq!(base32_decode("ME"), b"a");
    assert_eq!(base32_decode("MZXW6YTBOI======"), b"foobar");
}

fn seed_of(created: &VirtualMfaCreated) -> TotpSeed {
    TotpSeed::from_bytes(base32_decode(&created.base32_string_seed))
}

fn code(seed: &TotpSeed, step: i64) -> String {
    code_at(seed, step).unwrap()
}

fn device_name(name: &str) -> MfaDeviceName {
    MfaDeviceName::parse(name).unwrap()
}

fn some_user(name: &str) -> Option<UserName> {
    Some(user_name(name))
}

/// MFA helpers on the harness, as a local trait so the names cannot clash with other test files' helpers.
trait MfaHarness {
    fn step(&self) -> i64;
    fn tick(&self, steps: i64);
    async fn create_device(&self, p: &str, name: &str) -> VirtualMfaCreated;
    fn pair(&self, seed: &TotpSeed) -> (String, String);
    async fn enable(&self, user: Option<&str>, device: &VirtualMfaCreated);
    async fn user_id(&self, name: &str) -> String;
}

impl MfaHarness for Iam {
    fn step(&self) -> i64 {
        time_step(self.clock.now().timestamp())
    }

    fn tick(&self, steps: i64) {
        self.clock.advance(chrono::Duration::seconds(30 * steps));
    }

    /// Root creates a device at `p`.
    async fn create_device(&self, p: &str, name: &str) -> VirtualMfaCreated {
        self.service.create_virtual_mfa_device(&self.root(), device_name(name), path(p)).await.unwrap()
    }

    /// The codes of the last two steps, as a person would type them when enabling.
    fn pair(&self, seed: &TotpSeed) -> (String, String) {
        let t = self.step();
        (code(seed, t - 1), code(seed, t))
    }

    /// Root enables `device` for `user` (`None`: root itself) with a fresh pair.
    async fn enable(&self, user: Option<&str>, device: &VirtualMfaCreated) {
        let (c1, c2) = self.pair(&seed_of(device));
        self.service
            .enable_mfa_device(&self.root(), user.map(user_name), &device.serial_number, &c1, &c2)
            .await
            .unwrap();
    }

    async fn user_id(&self, name: &str) -> String {
        self.service.get_user(&self.root(), some_user(name)).await.unwrap().user_id
    }
}

#[tokio::test]
async fn create_returns_the_seed_once_and_seals_it() {
    let iam = Iam::new().await;
    let created = iam.create_device("/", "phone").await;
    assert_eq!(created.serial_number, format!("arn:aws:iam::{}:mfa/phone", iam.account_id));
    assert_eq!(created.base32_string_seed.len(), 32, "160-bit seed, unpadded");
    assert_eq!(seed_of(&created).as_bytes().len(), 20);
    assert!(created.otpauth_uri.starts_with("otpauth://totp/"), "{}", created.otpauth_uri);
    assert!(created.otpauth_uri.contains(&format!("secret={}", created.base32_string_seed)), "{}", created.otpauth_uri);
    assert!(created.otpauth_uri.contains(&format!("issuer=IAM%20{}", iam.account_id)), "{}", created.otpauth_uri);
    assert!(created.otpauth_uri.contains(":phone?"), "{}", created.otpauth_uri);
    assert!(created.qr_code_svg.contains("<svg"), "an SVG QR code");
    let shown = format!("{created:?}");
    assert!(!shown.contains(&created.base32_string_seed), "{shown}");

    // At rest: sealed, neither the Base32 text nor the raw bytes.
    let row =
        mfa_device::Entity::find_by_id(created.serial_number.clone()).one(iam.service.db()).await.unwrap().unwrap();
    assert!(!row.seed_ciphertext.contains(&created.base32_string_seed));
    assert!(!row.seed_ciphertext.as_bytes().windows(20).any(|w| w == seed_of(&created).as_bytes()));
    assert_eq!((row.user_id, row.assigned_to_root, row.enabled_at, row.last_time_step), (None, false, None, None));

    // A path goes into the serial number; names are unique per account whatever the case or path.
    let nested = iam.create_device("/team/", "tablet").await;
    assert_eq!(nested.serial_number, format!("arn:aws:iam::{}:mfa/team/tablet", iam.account_id));
    for (p, name) in [("/", "phone"), ("/", "PHONE"), ("/other/", "Phone")] {
        assert_code(
            iam.service.create_virtual_mfa_device(&iam.root(), device_name(name), path(p)).await,
            "EntityAlreadyExists",
        );
    }

    // Listing never returns a seed: the listed type has no such field, and the serial number is all there is.
    let page = iam.service.list_virtual_mfa_devices(&iam.root(), AssignmentStatus::Any, PageRequest::default()).await;
    let listed = format!("{:?}", page.unwrap());
    assert!(!listed.contains(&created.base32_string_seed), "{listed}");
}

#[tokio::test]
async fn enable_with_two_consecutive_codes() {
    let iam = Iam::new().await;
    iam.create_user("/family/", "jeff").await;
    let device = iam.create_device("/", "jeff-phone").await;
    let seed = seed_of(&device);
    let t = iam.step();
    let enable = |c1: String, c2: String| {
        let serial = device.serial_number.clone();
        let iam = &iam;
        async move { iam.service.enable_mfa_device(&iam.root(), some_user("jeff"), &serial, &c1, &c2).await }
    };

    // Wrong, malformed, out of order and non-consecutive codes are all InvalidAuthenticationCode (403).
    let e = assert_code(enable("000000".into(), "000001".into()).await, "InvalidAuthenticationCode");
    assert_eq!(e.http_status(), 403);
    assert_code(enable("12345".into(), code(&seed, t)).await, "InvalidAuthenticationCode");
    assert_code(enable(code(&seed, t), code(&seed, t - 1)).await, "InvalidAuthenticationCode");
    assert_code(enable(code(&seed, t - 2), code(&seed, t)).await, "InvalidAuthenticationCode");
    assert_code(enable(code(&seed, t - 1), code(&seed, t - 1)).await, "InvalidAuthenticationCode");

    enable(code(&seed, t - 1), code(&seed, t)).await.unwrap();
    let jeff_id = iam.user_id("jeff").await;
    let row =
        mfa_device::Entity::find_by_id(device.serial_number.clone()).one(iam.service.db()).await.unwrap().unwrap();
    assert_eq!(row.user_id.as_deref(), Some(jeff_id.as_str()));
    assert!(!row.assigned_to_root);
    assert_eq!(row.enabled_at, Some(iam.clock.now()));
    assert_eq!(row.last_time_step, Some(t));

    // Already assigned: to the same user or another.
    iam.create_user("/", "mom").await;
    let e = assert_code(enable(code(&seed, t), code(&seed, t + 1)).await, "EntityAlreadyExists");
    assert!(e.to_string().contains("already assigned"), "{e}");
    let (c1, c2) = iam.pair(&seed);
    assert_code(
        iam.service.enable_mfa_device(&iam.root(), some_user("mom"), &device.serial_number, &c1, &c2).await,
        "EntityAlreadyExists",
    );

    // Unknown device, unknown user, garbage serial.
    let missing = format!("arn:aws:iam::{}:mfa/nothing", iam.account_id);
    assert_code(
        iam.service.enable_mfa_device(&iam.root(), some_user("jeff"), &missing, &c1, &c2).await,
        "NoSuchEntity",
    );
    let other = iam.create_device("/", "spare").await;
    let (s1, s2) = iam.pair(&seed_of(&other));
    assert_code(
        iam.service.enable_mfa_device(&iam.root(), some_user("ghost"), &other.serial_number, &s1, &s2).await,
        "NoSuchEntity",
    );
    assert_code(
        iam.service.enable_mfa_device(&iam.root(), some_user("jeff"), "short", &s1, &s2).await,
        "ValidationError",
    );
}

#[tokio::test]
async fn a_pair_is_never_accepted_twice() {
    let iam = Iam::new().await;
    iam.create_user("/", "bob").await;
    let device = iam.create_device("/", "bob-phone").await;
    let (c1, c2) = iam.pair(&seed_of(&device));
    let serial = device.serial_number.as_str();
    iam.service.enable_mfa_device(&iam.root(), some_user("bob"), serial, &c1, &c2).await.unwrap();
    // Deactivating keeps the last accepted step, so re-enabling with the same pair is a reuse.
    iam.service.deactivate_mfa_device(&iam.root(), some_user("bob"), serial).await.unwrap();
    let e = assert_code(
        iam.service.enable_mfa_device(&iam.root(), some_user("bob"), serial, &c1, &c2).await,
        "InvalidAuthenticationCode",
    );
    assert!(e.to_string().contains("already used"), "{e}");
    // The next pair works.
    iam.tick(2);
    let (n1, n2) = iam.pair(&seed_of(&device));
    iam.service.enable_mfa_device(&iam.root(), some_user("bob"), serial, &n1, &n2).await.unwrap();
}

#[tokio::test]
async fn root_enables_a_device_for_itself() {
    let iam = Iam::new().await;
    let device = iam.create_device("/", "root-phone").await;
    assert!(!iam.service.has_enabled_mfa(&ctx(), &iam.account_id, None).await.unwrap());
    iam.enable(None, &device).await;
    assert!(iam.service.has_enabled_mfa(&ctx(), &iam.account_id, None).await.unwrap());

    let row =
        mfa_device::Entity::find_by_id(device.serial_number.clone()).one(iam.service.db()).await.unwrap().unwrap();
    assert!(row.assigned_to_root);
    assert_eq!(row.user_id, None);

    let mine = iam.service.list_mfa_devices(&iam.root(), None).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].serial_number, device.serial_number);
    assert_eq!(mine[0].user_name, "");
    assert_eq!(mine[0].enable_date, "2026-11-29T12:00:00Z");

    let listed = iam
        .service
        .list_virtual_mfa_devices(&iam.root(), AssignmentStatus::Assigned, PageRequest::default())
        .await
        .unwrap();
    let user = listed.items[0].user.clone().unwrap();
    assert_eq!(user.arn, format!("arn:aws:iam::{}:root", iam.account_id));
    assert_eq!(user.user_id, iam.account_id);

    // Root's devices are no IAM user's.
    iam.create_user("/", "bob").await;
    let bob_id = iam.user_id("bob").await;
    assert!(!iam.service.has_enabled_mfa(&ctx(), &iam.account_id, Some(&bob_id)).await.unwrap());
    iam.service.deactivate_mfa_device(&iam.root(), None, &device.serial_number).await.unwrap();
    assert!(!iam.service.has_enabled_mfa(&ctx(), &iam.account_id, None).await.unwrap());
}

#[tokio::test]
async fn list_devices_by_assignment() {
    let iam = Iam::new().await;
    iam.create_user("/family/", "jeff").await;
    let a = iam.create_device("/", "a").await;
    let b = iam.create_device("/", "b").await;
    let c = iam.create_device("/x/", "c").await;
    iam.enable(Some("jeff"), &b).await;

    let serials = |page: app::model::Page<app::model::mfa::VirtualMfaDeviceView>| {
        page.items.into_iter().map(|d| d.serial_number).collect::<Vec<_>>()
    };
    let list = |status| {
        let iam = &iam;
        async move { iam.service.list_virtual_mfa_devices(&iam.root(), status, PageRequest::default()).await }
    };
    let any = list(AssignmentStatus::Any).await.unwrap();
    // Ordered by path, then name.
    assert_eq!(serials(any.clone()), vec![a.serial_number.clone(), b.serial_number.clone(), c.serial_number.clone()]);
    let assigned = list(AssignmentStatus::Assigned).await.unwrap();
    assert_eq!(assigned.items.len(), 1);
    let item = &assigned.items[0];
    assert_eq!(item.serial_number, b.serial_number);
    assert_eq!(item.enable_date.as_deref(), Some("2026-11-29T12:00:00Z"));
    let user = item.user.clone().unwrap();
    assert_eq!(user.user_name, "jeff");
    assert_eq!(user.arn, iam.user_arn("/family/", "jeff"));
    assert_eq!(
        serials(list(AssignmentStatus::Unassigned).await.unwrap()),
        vec![a.serial_number, c.serial_number.clone()]
    );
    let unassigned = any.items.iter().find(|d| d.serial_number == c.serial_number).unwrap();
    assert_eq!((unassigned.user.clone(), unassigned.enable_date.clone()), (None, None));

    // Pages of one.
    let first = iam
        .service
        .list_virtual_mfa_devices(&iam.root(), AssignmentStatus::Any, PageRequest { marker: None, max_items: Some(2) })
        .await
        .unwrap();
    assert!(first.is_truncated);
    let rest = iam
        .service
        .list_virtual_mfa_devices(
            &iam.root(),
            AssignmentStatus::Any,
            PageRequest { marker: first.marker.clone(), max_items: Some(2) },
        )
        .await
        .unwrap();
    assert!(!rest.is_truncated);
    assert_eq!(serials(rest).len(), 1);

    // A user's devices.
    let jeffs = iam.service.list_mfa_devices(&iam.root(), some_user("jeff")).await.unwrap();
    assert_eq!(jeffs.len(), 1);
    assert_eq!((jeffs[0].user_name.as_str(), jeffs[0].serial_number.as_str()), ("jeff", b.serial_number.as_str()));
    assert_code(iam.service.list_mfa_devices(&iam.root(), some_user("ghost")).await, "NoSuchEntity");
    // No name: the caller's own.
    iam.put_user_policy("jeff", "self", &allow("iam:ListMFADevices", &iam.user_arn("/family/", "jeff"))).await;
    let own = iam.service.list_mfa_devices(&iam.as_user("jeff").await, None).await.unwrap();
    assert_eq!(own, jeffs);
}

#[tokio::test]
async fn resync_takes_a_fresh_pair_from_an_enabled_device() {
    let iam = Iam::new().await;
    iam.create_user("/", "bob").await;
    iam.create_user("/", "mom").await;
    let device = iam.create_device("/", "bob-phone").await;
    let seed = seed_of(&device);
    let serial = device.serial_number.as_str();
    let (c1, c2) = iam.pair(&seed);
    iam.service.enable_mfa_device(&iam.root(), some_user("bob"), serial, &c1, &c2).await.unwrap();

    // The enabling pair again: used.
    assert_code(
        iam.service.resync_mfa_device(&iam.root(), some_user("bob"), serial, &c1, &c2).await,
        "InvalidAuthenticationCode",
    );
    // Five minutes later (a drifted phone), an old-but-fresh pair from the look-back window resyncs.
    iam.tick(10);
    let t = iam.step();
    let (r1, r2) = (code(&seed, t - 6), code(&seed, t - 5));
    iam.service.resync_mfa_device(&iam.root(), some_user("bob"), serial, &r1, &r2).await.unwrap();
    let row = mfa_device::Entity::find_by_id(serial.to_owned()).one(iam.service.db()).await.unwrap().unwrap();
    assert_eq!(row.last_time_step, Some(t - 5));
    assert_code(
        iam.service.resync_mfa_device(&iam.root(), some_user("bob"), serial, &r1, &r2).await,
        "InvalidAuthenticationCode",
    );
    assert_code(
        iam.service.resync_mfa_device(&iam.root(), some_user("bob"), serial, "111111", "222222").await,
        "InvalidAuthenticationCode",
    );
    // Only for the user it is enabled for.
    let (n1, n2) = iam.pair(&seed);
    assert_code(iam.service.resync_mfa_device(&iam.root(), some_user("mom"), serial, &n1, &n2).await, "NoSuchEntity");
    assert_code(iam.service.resync_mfa_device(&iam.root(), None, serial, &n1, &n2).await, "NoSuchEntity");
    iam.service.resync_mfa_device(&iam.root(), some_user("bob"), serial, &n1, &n2).await.unwrap();
}

#[tokio::test]
async fn deactivate_and_delete() {
    let iam = Iam::new().await;
    iam.create_user("/", "bob").await;
    iam.create_user("/", "mom").await;
    let device = iam.create_device("/", "bob-phone").await;
    let serial = device.serial_number.as_str();
    iam.enable(Some("bob"), &device).await;
    let bob_id = iam.user_id("bob").await;
    assert!(iam.service.has_enabled_mfa(&ctx(), &iam.account_id, Some(&bob_id)).await.unwrap());

    // Enabled: cannot be deleted, and holds the user too.
    let e = assert_code(iam.service.delete_virtual_mfa_device(&iam.root(), serial).await, "DeleteConflict");
    assert_eq!(e.http_status(), 409);
    assert_code(iam.service.delete_user(&iam.root(), user_name("bob")).await, "DeleteConflict");

    // Deactivating for the wrong principal is NoSuchEntity.
    assert_code(iam.service.deactivate_mfa_device(&iam.root(), some_user("mom"), serial).await, "NoSuchEntity");
    assert_code(iam.service.deactivate_mfa_device(&iam.root(), None, serial).await, "NoSuchEntity");

    iam.service.deactivate_mfa_device(&iam.root(), some_user("bob"), serial).await.unwrap();
    assert!(!iam.service.has_enabled_mfa(&ctx(), &iam.account_id, Some(&bob_id)).await.unwrap());
    assert!(iam.service.list_mfa_devices(&iam.root(), some_user("bob")).await.unwrap().is_empty());
    // The device stays, unassigned, with its last step kept.
    let row = mfa_device::Entity::find_by_id(serial.to_owned()).one(iam.service.db()).await.unwrap().unwrap();
    assert_eq!((row.user_id, row.assigned_to_root, row.enabled_at), (None, false, None));
    assert!(row.last_time_step.is_some());
    assert_code(iam.service.deactivate_mfa_device(&iam.root(), some_user("bob"), serial).await, "NoSuchEntity");

    iam.service.delete_virtual_mfa_device(&iam.root(), serial).await.unwrap();
    assert_code(iam.service.delete_virtual_mfa_device(&iam.root(), serial).await, "NoSuchEntity");
    iam.service.delete_user(&iam.root(), user_name("bob")).await.unwrap();
    // The name is free again.
    iam.create_device("/", "bob-phone").await;
}

#[tokio::test]
async fn at_most_eight_devices_per_user() {
    let iam = Iam::new().await;
    iam.create_user("/", "bob").await;
    for i in 0..8 {
        let device = iam.create_device("/", &format!("bob-{i}")).await;
        iam.enable(Some("bob"), &device).await;
    }
    let ninth = iam.create_device("/", "bob-8").await;
    let (c1, c2) = iam.pair(&seed_of(&ninth));
    let e = assert_code(
        iam.service.enable_mfa_device(&iam.root(), some_user("bob"), &ninth.serial_number, &c1, &c2).await,
        "LimitExceeded",
    );
    assert!(e.to_string().contains('8'), "{e}");
    assert_eq!(iam.service.list_mfa_devices(&iam.root(), some_user("bob")).await.unwrap().len(), 8);
    // Another user is not affected.
    iam.create_user("/", "mom").await;
    iam.service.enable_mfa_device(&iam.root(), some_user("mom"), &ninth.serial_number, &c1, &c2).await.unwrap();
}

#[tokio::test]
async fn sign_in_accepts_a_code_once() {
    let iam = Iam::new().await;
    iam.create_user("/", "bob").await;
    let bob_id = iam.user_id("bob").await;
    let device = iam.create_device("/", "bob-phone").await;
    let seed = seed_of(&device);
    let verify = |code: String| {
        let (iam, bob_id) = (&iam, bob_id.clone());
        async move { iam.service.verify_mfa_sign_in(&ctx(), &iam.account_id, Some(&bob_id), &code).await }
    };

    // No device enabled yet: refused.
    assert_code(verify(code(&seed, iam.step())).await, "InvalidAuthenticationCode");
    iam.enable(Some("bob"), &device).await;
    // The enabling pair's second code is the current one: already used.
    let e = assert_code(verify(code(&seed, iam.step())).await, "InvalidAuthenticationCode");
    assert!(e.to_string().contains("already used"), "{e}");

    iam.tick(1);
    let fresh = code(&seed, iam.step());
    verify(fresh.clone()).await.unwrap();
    let e = assert_code(verify(fresh.clone()).await, "InvalidAuthenticationCode");
    assert!(e.to_string().contains("already used"), "{e}");
    // Still refused a step later, while the code is inside the skew window.
    iam.tick(1);
    assert_code(verify(fresh).await, "InvalidAuthenticationCode");
    // Wrong and malformed codes.
    assert_code(verify(code(&seed, iam.step() + 5)).await, "InvalidAuthenticationCode");
    assert_code(verify("12 456".into()).await, "InvalidAuthenticationCode");
    verify(code(&seed, iam.step())).await.unwrap();

    // Root's code does not sign bob in, nor bob's root.
    let root_device = iam.create_device("/", "root-phone").await;
    iam.enable(None, &root_device).await;
    iam.tick(1);
    let root_code = code(&seed_of(&root_device), iam.step());
    assert_code(verify(root_code.clone()).await, "InvalidAuthenticationCode");
    assert_code(
        iam.service.verify_mfa_sign_in(&ctx(), &iam.account_id, None, &code(&seed, iam.step())).await,
        "InvalidAuthenticationCode",
    );
    iam.service.verify_mfa_sign_in(&ctx(), &iam.account_id, None, &root_code).await.unwrap();
}

#[tokio::test]
async fn guessing_codes_locks_out_the_principal_for_a_while() {
    let iam = Iam::new().await;
    let device = iam.create_device("/", "root-phone").await;
    let seed = seed_of(&device);
    iam.enable(None, &device).await;
    iam.tick(1);
    let verify = |code: String| {
        let iam = &iam;
        async move { iam.service.verify_mfa_sign_in(&ctx(), &iam.account_id, None, &code).await }
    };
    for guess in 0..5 {
        assert_code(verify(format!("{guess:06}")).await, "InvalidAuthenticationCode");
    }
    // A six-digit code would fall to a million guesses: after five wrong ones even the right code waits.
    assert_code(verify(code(&seed, iam.step())).await, "Throttling");
    iam.clock.advance(chrono::Duration::seconds(2));
    verify(code(&seed, iam.step())).await.unwrap();
}

#[tokio::test]
async fn concurrent_sign_ins_with_one_code_pass_once() {
    let iam = Iam::new().await;
    iam.create_user("/", "bob").await;
    let bob_id = iam.user_id("bob").await;
    let device = iam.create_device("/", "bob-phone").await;
    let seed = seed_of(&device);
    iam.enable(Some("bob"), &device).await;
    for _ in 0..5 {
        iam.tick(1);
        let c = code(&seed, iam.step());
        let (ctx_a, ctx_b) = (ctx(), ctx());
        let (a, b) = tokio::join!(
            iam.service.verify_mfa_sign_in(&ctx_a, &iam.account_id, Some(&bob_id), &c),
            iam.service.verify_mfa_sign_in(&ctx_b, &iam.account_id, Some(&bob_id), &c),
        );
        assert_eq!(u8::from(a.is_ok()) + u8::from(b.is_ok()), 1, "{a:?} {b:?}");
        let refused = a.err().or(b.err()).unwrap();
        assert_eq!(refused.code(), "InvalidAuthenticationCode");
    }
}

/// jeff in `/family/`, in group `admins` with `iam:*` on `user/app/*` (the seed's delegated admin), and `iam:*` on
/// `mfa/app/*` for the devices; backup in `/app/`, mom in `/family/`; nobody without policies.
#[tokio::test]
async fn authorization_follows_the_user_and_device_arns() {
    let iam = Iam::new().await;
    let acct = iam.account_id.clone();
    iam.create_user("/family/", "jeff").await;
    iam.create_user("/family/", "mom").await;
    iam.create_user("/app/", "backup").await;
    iam.create_user("/", "nobody").await;
    iam.create_group("/", "admins").await;
    iam.put_group_policy("admins", "app-users", &allow("iam:*", &format!("arn:aws:iam::{acct}:user/app/*"))).await;
    iam.put_group_policy("admins", "app-mfa", &allow("iam:*", &format!("arn:aws:iam::{acct}:mfa/app/*"))).await;
    iam.add_to_group("admins", "jeff").await;
    let jeff = iam.as_user("jeff").await;
    let nobody = iam.as_user("nobody").await;

    // Creating devices: under /app/ only.
    let app_device = iam.service.create_virtual_mfa_device(&jeff, device_name("backup-token"), path("/app/")).await;
    let app_device = app_device.unwrap();
    assert_code(
        iam.service.create_virtual_mfa_device(&jeff, device_name("mom-phone"), path("/family/")).await,
        "AccessDenied",
    );
    assert_code(iam.service.create_virtual_mfa_device(&nobody, device_name("x"), path("/")).await, "AccessDenied");

    // Enabling, listing, resyncing, deactivating: for /app/ users only.
    let seed = seed_of(&app_device);
    let serial = app_device.serial_number.as_str();
    let (c1, c2) = iam.pair(&seed);
    let e = assert_code(iam.service.enable_mfa_device(&jeff, some_user("mom"), serial, &c1, &c2).await, "AccessDenied");
    assert!(e.to_string().contains("iam:EnableMFADevice"), "{e}");
    assert!(e.to_string().contains(&iam.user_arn("/family/", "mom")), "{e}");
    // jeff's own ARN is in /family/ too.
    assert_code(iam.service.enable_mfa_device(&jeff, None, serial, &c1, &c2).await, "AccessDenied");
    assert_code(iam.service.enable_mfa_device(&nobody, some_user("backup"), serial, &c1, &c2).await, "AccessDenied");
    iam.service.enable_mfa_device(&jeff, some_user("backup"), serial, &c1, &c2).await.unwrap();

    assert_eq!(iam.service.list_mfa_devices(&jeff, some_user("backup")).await.unwrap().len(), 1);
    assert_code(iam.service.list_mfa_devices(&jeff, some_user("mom")).await, "AccessDenied");
    assert_code(iam.service.list_mfa_devices(&jeff, None).await, "AccessDenied");
    assert_code(iam.service.list_mfa_devices(&nobody, None).await, "AccessDenied");
    // ListVirtualMFADevices has no resource type: authorized on `*`, which `user/app/*` does not cover.
    assert_code(
        iam.service.list_virtual_mfa_devices(&jeff, AssignmentStatus::Any, PageRequest::default()).await,
        "AccessDenied",
    );

    // Two steps on, so the pair does not overlap the enabling one.
    iam.tick(2);
    let (r1, r2) = iam.pair(&seed);
    assert_code(iam.service.resync_mfa_device(&nobody, some_user("backup"), serial, &r1, &r2).await, "AccessDenied");
    iam.service.resync_mfa_device(&jeff, some_user("backup"), serial, &r1, &r2).await.unwrap();

    assert_code(iam.service.deactivate_mfa_device(&nobody, some_user("backup"), serial).await, "AccessDenied");
    iam.service.deactivate_mfa_device(&jeff, some_user("backup"), serial).await.unwrap();

    // Deleting: by the device ARN.
    assert_code(iam.service.delete_virtual_mfa_device(&nobody, serial).await, "AccessDenied");
    let family = iam.create_device("/family/", "mom-phone").await;
    assert_code(iam.service.delete_virtual_mfa_device(&jeff, &family.serial_number).await, "AccessDenied");
    iam.service.delete_virtual_mfa_device(&jeff, serial).await.unwrap();

    // An explicit Deny beats iam:* on everything.
    iam.create_user("/", "denied").await;
    iam.put_user_policy("denied", "all", &allow("iam:*", "*")).await;
    iam.put_user_policy("denied", "no-mfa", &deny("iam:*MFADevice*", "*")).await;
    let denied = iam.as_user("denied").await;
    assert_code(iam.service.create_virtual_mfa_device(&denied, device_name("d"), path("/")).await, "AccessDenied");
    assert_code(
        iam.service.list_virtual_mfa_devices(&denied, AssignmentStatus::Any, PageRequest::default()).await,
        "AccessDenied",
    );
    assert_code(iam.service.delete_virtual_mfa_device(&denied, &family.serial_number).await, "AccessDenied");
    iam.service.list_users(&denied, app::model::PathPrefix::parse("/").unwrap(), PageRequest::default()).await.unwrap();
}

#[tokio::test]
async fn a_user_manages_their_own_device_with_self_scoped_policy() {
    let iam = Iam::new().await;
    let acct = iam.account_id.clone();
    iam.create_user("/", "bob").await;
    // The AWS documentation's self-service policy, with `${aws:username}`.
    let policy = format!(
        r#"{{"Version":"2012-10-17","Statement":[
            {{"Effect":"Allow","Action":["iam:CreateVirtualMFADevice","iam:DeleteVirtualMFADevice"],
              "Resource":"arn:aws:iam::{acct}:mfa/${{aws:username}}"}},
            {{"Effect":"Allow","Action":["iam:EnableMFADevice","iam:ListMFADevices","iam:ResyncMFADevice",
              "iam:DeactivateMFADevice"],"Resource":"arn:aws:iam::{acct}:user/${{aws:username}}"}}]}}"#
    );
    iam.put_user_policy("bob", "self-mfa", &policy).await;
    let bob = iam.as_user("bob").await;
    let device = iam.service.create_virtual_mfa_device(&bob, device_name("bob"), path("/")).await.unwrap();
    assert_code(iam.service.create_virtual_mfa_device(&bob, device_name("alice"), path("/")).await, "AccessDenied");
    let (c1, c2) = iam.pair(&seed_of(&device));
    iam.service.enable_mfa_device(&bob, None, &device.serial_number, &c1, &c2).await.unwrap();
    let mine = iam.service.list_mfa_devices(&bob, None).await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].user_name, "bob");
    iam.service.deactivate_mfa_device(&bob, None, &device.serial_number).await.unwrap();
    iam.service.delete_virtual_mfa_device(&bob, &device.serial_number).await.unwrap();
}
