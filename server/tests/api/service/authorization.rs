//! The authorization matrix: every action × {root, full admin, path-scoped delegated admin, user with no policies,
//! user with an explicit Deny}, each cell asserted. "Allowed" means the call got past authorization (it may still fail
//! for another reason, e.g. `EntityAlreadyExists` when a second principal repeats a create); "denied" means
//! `AccessDenied`. The seed's scenario is the delegated admin: jeff in `/family/`, in group `admins` with `iam:*` on
//! `user/app/*`.

use std::future::Future;
use std::pin::Pin;

use std::collections::HashMap;
use std::sync::Arc;

use app::backend::auth::totp::{code_at, time_step, TotpSeed};
use app::backend::service::simulation::Context;
use app::backend::service::{Call, CreateUser, Owner, UpdateUser};
use app::backend::Clock;
use app::model::credentials::{AccessKeyId, AccessKeyStatus};
use app::model::mfa::AssignmentStatus;
use app::model::passwords::PasswordPolicyInput;
use app::model::policies::{EntityFilter, PolicyArn, PolicyScope, PolicyVersionId};
use app::model::reports::{AuditQuery, SimulateCustom, SimulatePrincipal};
use app::model::{AccountAlias, IamError, MfaDeviceName, PageRequest, Password, PathPrefix};

use super::harness::*;

type Outcome<'a> = Pin<Box<dyn Future<Output = Result<(), IamError>> + 'a>>;

/// One row of a matrix: the action (and target) named, the expected `[root, admin, jeff, nobody, denied]` cells, and
/// the call.
type Case = (&'static str, [bool; 5], Box<dyn for<'a> Fn(&'a Iam, &'a Call) -> Outcome<'a>>);

/// Pins a closure's type so it is higher-ranked over the borrow of the harness and the call.
fn op<F>(f: F) -> F
where
    F: for<'a> Fn(&'a Iam, &'a Call) -> Outcome<'a>,
{
    f
}

const PRINCIPALS: [&str; 5] = ["root", "admin", "jeff", "nobody", "denied"];

/// Sets up the account: `admin` (iam:* on *), jeff (delegated /app/ admin via group `admins`), `nobody`, `denied`
/// (iam:* on * but an explicit Deny on user/app/*), targets `backup` and `syndic8` in /app/ and `mom` in /family/,
/// and a group `staff`.
async fn seeded() -> Iam {
    let iam = Iam::new().await;
    let acct = iam.account_id.clone();
    iam.create_user("/", "admin").await;
    iam.put_user_policy("admin", "all", &allow("iam:*", "*")).await;
    iam.create_user("/family/", "jeff").await;
    iam.create_group("/", "admins").await;
    iam.put_group_policy("admins", "app-admin", &allow("iam:*", &format!("arn:aws:iam::{acct}:user/app/*"))).await;
    iam.add_to_group("admins", "jeff").await;
    iam.create_user("/", "nobody").await;
    iam.create_user("/", "denied").await;
    iam.put_user_policy("denied", "all", &allow("iam:*", "*")).await;
    iam.put_user_policy("denied", "not-app", &deny("iam:*", &format!("arn:aws:iam::{acct}:user/app/*"))).await;
    for (p, n) in [("/app/", "backup"), ("/app/", "syndic8"), ("/app/", "mover"), ("/family/", "mom")] {
        iam.create_user(p, n).await;
    }
    iam.create_group("/", "staff").await;
    iam
}

async fn call_as(iam: &Iam, who: &str) -> Call {
    if who == "root" {
        iam.root()
    } else {
        iam.as_user(who).await
    }
}

fn doc() -> String {
    allow("s3:GetObject", "*")
}

#[tokio::test]
async fn every_action_for_every_kind_of_principal() {
    // [root, admin, jeff, nobody, denied]
    const APP_USER: [bool; 5] = [true, true, true, false, false];
    const FAMILY_USER: [bool; 5] = [true, true, false, false, true];
    const ACCOUNT_WIDE: [bool; 5] = [true, true, false, false, true];

    let cases: Vec<Case> = vec![
        ("CreateUser in /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_user(c, CreateUser { name: user_name("new-app"), path: path("/app/"), tags: vec![] }).await.map(drop)
        })))),
        ("CreateUser in /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_user(c, CreateUser { name: user_name("new-fam"), path: path("/family/"), tags: vec![] }).await.map(drop)
        })))),
        ("GetUser /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_user(c, Some(user_name("backup"))).await.map(drop)
        })))),
        ("GetUser /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_user(c, Some(user_name("mom"))).await.map(drop)
        })))),
        ("ListUsers /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_users(c, PathPrefix::parse("/app/").unwrap(), PageRequest::default()).await.map(drop)
        })))),
        ("ListUsers /", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_users(c, PathPrefix::all(), PageRequest::default()).await.map(drop)
        })))),
        ("UpdateUser within /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.update_user(c, UpdateUser { name: user_name("syndic8"), new_name: None, new_path: Some(path("/app/feeds/")) }).await.map(drop)
        })))),
        ("TagUser /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.tag_user(c, user_name("backup"), vec![app::model::Tag { key: "k".into(), value: "v".into() }]).await
        })))),
        ("ListUserTags /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_user_tags(c, user_name("mom")).await.map(drop)
        })))),
        ("UntagUser /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.untag_user(c, user_name("backup"), vec!["k".into()]).await
        })))),
        ("PutUserPolicy /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.put_inline_policy(c, Owner::User(user_name("backup")), policy_name("s3"), doc()).await
        })))),
        ("GetUserPolicy /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_inline_policy(c, Owner::User(user_name("backup")), policy_name("s3")).await.map(drop)
        })))),
        ("ListUserPolicies /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_inline_policies(c, Owner::User(user_name("mom"))).await.map(drop)
        })))),
        ("PutUserPolicy /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.put_inline_policy(c, Owner::User(user_name("mom")), policy_name("s3"), doc()).await
        })))),
        ("DeleteUserPolicy /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_inline_policy(c, Owner::User(user_name("mom")), policy_name("s3")).await
        })))),
        ("CreateGroup", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_group(c, group_name("new-group"), path("/")).await.map(drop)
        })))),
        ("GetGroup", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_group(c, group_name("staff"), PageRequest::default()).await.map(drop)
        })))),
        ("ListGroups", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_groups(c, PathPrefix::all(), PageRequest::default()).await.map(drop)
        })))),
        ("ListGroupsForUser /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_groups_for_user(c, user_name("backup")).await.map(drop)
        })))),
        ("AddUserToGroup", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.add_user_to_group(c, group_name("staff"), user_name("mom")).await
        })))),
        ("RemoveUserFromGroup", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.remove_user_from_group(c, group_name("staff"), user_name("mom")).await
        })))),
        ("PutGroupPolicy", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.put_inline_policy(c, Owner::Group(group_name("staff")), policy_name("s3"), doc()).await
        })))),
        ("GetGroupPolicy", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_inline_policy(c, Owner::Group(group_name("staff")), policy_name("s3")).await.map(drop)
        })))),
        ("ListGroupPolicies", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_inline_policies(c, Owner::Group(group_name("staff"))).await.map(drop)
        })))),
        ("DeleteGroupPolicy", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_inline_policy(c, Owner::Group(group_name("staff")), policy_name("s3")).await
        })))),
        ("UpdateGroup", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.update_group(c, group_name("staff"), None, Some(path("/"))).await.map(drop)
        })))),
        ("DeleteGroup", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_group(c, group_name("new-group")).await
        })))),
        // Moving out of /app/ needs permission on the new ARN too: jeff may not; `denied` may not touch /app/.
        ("UpdateUser /app/ → /family/", [true, true, false, false, false], Box::new(op(|iam, c| Box::pin(async move {
            iam.service.update_user(c, UpdateUser { name: user_name("mover"), new_name: None, new_path: Some(path("/family/")) }).await.map(drop)
        })))),
        ("DeleteUser /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_user(c, user_name("new-app")).await
        })))),
        ("DeleteUser /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_user(c, user_name("new-fam")).await
        })))),
    ];

    let iam = seeded().await;
    check_matrix(&iam, &cases).await;
}

/// Runs every case for every principal, case by case, and fails listing every wrong cell.
async fn check_matrix(iam: &Iam, cases: &[Case]) {
    let mut failures = Vec::new();
    for (name, expected, run) in cases {
        // Least privileged first, so a permitted create does not pre-empt what a refused principal would hit.
        for (i, who) in PRINCIPALS.iter().enumerate().rev() {
            let call = call_as(iam, who).await;
            let result = run(iam, &call).await;
            let allowed = !matches!(result, Err(IamError::AccessDenied(_)));
            if let Err(IamError::ServiceFailure { .. }) = result {
                failures.push(format!("{name} as {who}: internal failure"));
            }
            if allowed != expected[i] {
                failures.push(format!("{name} as {who}: expected {}, got {result:?}", if expected[i] { "allowed" } else { "denied" }));
            }
        }
    }
    assert!(failures.is_empty(), "{} cells wrong:\n{}", failures.len(), failures.join("\n"));
}

/// Every principal's console password in the credentials seed. `ChangePassword` sets it again (no reuse prevention is
/// ever set), so each principal's case finds the same old password whoever went before.
const PASSWORD: &str = "Correct-Horse-9";


fn policy_arn(iam: &Iam, p: &str, name: &str) -> PolicyArn {
    PolicyArn::parse(&format!("arn:aws:iam::{}:policy{p}{name}", iam.account_id)).unwrap()
}

fn version(v: &str) -> PolicyVersionId {
    PolicyVersionId::parse(v).unwrap()
}

fn key_id(id: &str) -> AccessKeyId {
    AccessKeyId::parse(id).unwrap()
}

fn serial(iam: &Iam, p: &str, name: &str) -> String {
    format!("arn:aws:iam::{}:mfa{p}{name}", iam.account_id)
}

/// The device each principal enables for itself in the "own" MFA cases.
fn own_device(call: &Call) -> String {
    format!("self-{}", call.caller.user_name().unwrap_or("root"))
}

/// The codes of the last two time steps on the test clock, as a person would type them to enable or resync.
fn code_pair(iam: &Iam, seed: &TotpSeed) -> (String, String) {
    let t = time_step(iam.clock.now().timestamp());
    (code_at(seed, t - 1).unwrap(), code_at(seed, t).unwrap())
}

/// What the credentials matrix acts on besides [`seeded`]'s principals and targets.
struct Credentials {
    /// Access key ids of backup (/app/), of mom (/family/) and of the root.
    app_key: String,
    family_key: String,
    root_key: String,
    /// TOTP seeds of the seeded virtual MFA devices, by device name.
    seeds: Arc<HashMap<String, TotpSeed>>,
}

/// [`seeded`], plus: managed policies `app-s3` and `doomed` under the policy path `/app/` (which must not be taken for
/// jeff's user path `/app/`), one access key each for backup, mom and the root, a console password for every IAM
/// principal, and unassigned virtual MFA devices `/app/app-token`, `/family-token` and one `self-<principal>` each.
async fn seeded_with_credentials() -> (Iam, Credentials) {
    let iam = seeded().await;
    let root = iam.root();
    for name in ["app-s3", "doomed"] {
        iam.service.create_policy(&root, policy_name(name), path("/app/"), None, doc()).await.unwrap();
    }
    let mut keys = Vec::new();
    for user in [Some("backup"), Some("mom"), None] {
        keys.push(iam.service.create_access_key(&root, user.map(user_name)).await.unwrap().access_key_id);
    }
    let [app_key, family_key, root_key]: [String; 3] = keys.try_into().unwrap();
    for who in ["admin", "jeff", "nobody", "denied"] {
        iam.service.create_login_profile(&root, user_name(who), Password::new(PASSWORD), false).await.unwrap();
    }
    let mut seeds = HashMap::new();
    let mut devices = vec![("/app/".to_owned(), "app-token".to_owned()), ("/".to_owned(), "family-token".to_owned())];
    devices.extend(PRINCIPALS.iter().map(|who| ("/".to_owned(), format!("self-{who}"))));
    for (p, name) in devices {
        let created = iam
            .service
            .create_virtual_mfa_device(&root, MfaDeviceName::parse(&name).unwrap(), path(&p))
            .await
            .unwrap();
        seeds.insert(name, TotpSeed::from_bytes(base32_decode(&created.base32_string_seed)));
    }
    (iam, Credentials { app_key, family_key, root_key, seeds: Arc::new(seeds) })
}

/// The rest of IAM: managed policies, access keys, passwords, MFA, simulation, reports, aliases and the audit log.
/// Expectations follow from the policies alone: jeff's `iam:*` covers `user/app/*` only, so every action on a
/// policy, a group, an MFA device or `*` is refused to him; `denied`'s Deny covers only `user/app/*`; `admin` has
/// `iam:*` and nothing else, so no `cloudtrail:LookupEvents`.
#[tokio::test]
async fn every_credential_policy_and_report_action_for_every_kind_of_principal() {
    // [root, admin, jeff, nobody, denied]
    const APP_USER: [bool; 5] = [true, true, true, false, false];
    const FAMILY_USER: [bool; 5] = [true, true, false, false, true];
    const ACCOUNT_WIDE: [bool; 5] = [true, true, false, false, true];
    // The caller's own ARN: root bypasses; admin (user/admin) and denied (user/denied) are covered by `iam:*` on `*`
    // and outside the Deny; jeff's own ARN (user/family/jeff) is outside his /app/ grant; nobody has nothing.
    const OWN: [bool; 5] = [true, true, false, false, true];
    const EVERYONE: [bool; 5] = [true; 5];
    const ROOT_ONLY: [bool; 5] = [true, false, false, false, false];

    let (iam, creds) = seeded_with_credentials().await;
    let Credentials { app_key, family_key, root_key, seeds } = creds;
    let (app_key, family_key, root_key) = (Arc::new(app_key), Arc::new(family_key), Arc::new(root_key));

    let cases: Vec<Case> = vec![
        // ----- managed policies: the resource is the policy (or `policy<prefix>*`), never a user -----
        ("CreatePolicy in /app/", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_policy(c, policy_name("new-policy"), path("/app/"), None, doc()).await.map(drop)
        })))),
        ("GetPolicy", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_policy(c, policy_arn(iam, "/app/", "app-s3")).await.map(drop)
        })))),
        ("ListPolicies /app/", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_policies(c, PolicyScope::All, false, PathPrefix::parse("/app/").unwrap(), PageRequest::default()).await.map(drop)
        })))),
        ("ListPolicies /", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_policies(c, PolicyScope::Local, false, PathPrefix::all(), PageRequest::default()).await.map(drop)
        })))),
        ("CreatePolicyVersion", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_policy_version(c, policy_arn(iam, "/app/", "new-policy"), doc(), false).await.map(drop)
        })))),
        ("GetPolicyVersion", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_policy_version(c, policy_arn(iam, "/app/", "new-policy"), version("v1")).await.map(drop)
        })))),
        ("ListPolicyVersions", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_policy_versions(c, policy_arn(iam, "/app/", "new-policy")).await.map(drop)
        })))),
        ("SetDefaultPolicyVersion", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.set_default_policy_version(c, policy_arn(iam, "/app/", "new-policy"), version("v2")).await
        })))),
        ("DeletePolicyVersion", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_policy_version(c, policy_arn(iam, "/app/", "new-policy"), version("v1")).await
        })))),
        // Attaching is authorized on the user or group, as in AWS (with `iam:PolicyARN` in the context).
        ("AttachUserPolicy /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.attach_user_policy(c, user_name("backup"), policy_arn(iam, "/app/", "app-s3")).await
        })))),
        ("AttachUserPolicy /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.attach_user_policy(c, user_name("mom"), policy_arn(iam, "/app/", "app-s3")).await
        })))),
        ("ListAttachedUserPolicies /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_attached_user_policies(c, user_name("backup"), PathPrefix::all(), PageRequest::default()).await.map(drop)
        })))),
        ("ListAttachedUserPolicies /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_attached_user_policies(c, user_name("mom"), PathPrefix::all(), PageRequest::default()).await.map(drop)
        })))),
        ("AttachGroupPolicy", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.attach_group_policy(c, group_name("staff"), policy_arn(iam, "/app/", "app-s3")).await
        })))),
        ("ListAttachedGroupPolicies", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_attached_group_policies(c, group_name("staff"), PathPrefix::all(), PageRequest::default()).await.map(drop)
        })))),
        ("ListEntitiesForPolicy", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_entities_for_policy(c, policy_arn(iam, "/app/", "app-s3"), Some(EntityFilter::User), PathPrefix::all(), PageRequest::default()).await.map(drop)
        })))),
        ("DetachUserPolicy /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.detach_user_policy(c, user_name("backup"), policy_arn(iam, "/app/", "app-s3")).await
        })))),
        ("DetachUserPolicy /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.detach_user_policy(c, user_name("mom"), policy_arn(iam, "/app/", "app-s3")).await
        })))),
        ("DetachGroupPolicy", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.detach_group_policy(c, group_name("staff"), policy_arn(iam, "/app/", "app-s3")).await
        })))),
        ("DeletePolicy", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_policy(c, policy_arn(iam, "/app/", "doomed")).await
        })))),

        // ----- access keys: the resource is the owner's ARN -----
        ("CreateAccessKey /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_access_key(c, Some(user_name("backup"))).await.map(drop)
        })))),
        ("CreateAccessKey /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_access_key(c, Some(user_name("mom"))).await.map(drop)
        })))),
        ("CreateAccessKey own", OWN, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_access_key(c, None).await.map(drop)
        })))),
        ("ListAccessKeys /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_access_keys(c, Some(user_name("backup"))).await.map(drop)
        })))),
        ("ListAccessKeys /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_access_keys(c, Some(user_name("mom"))).await.map(drop)
        })))),
        ("ListAccessKeys own", OWN, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_access_keys(c, None).await.map(drop)
        })))),
        ("UpdateAccessKey /app/", APP_USER, Box::new(op({ let k = app_key.clone(); move |iam, c| { let k = k.clone(); Box::pin(async move {
            iam.service.update_access_key(c, Some(user_name("backup")), key_id(&k), AccessKeyStatus::Inactive).await
        })}}))),
        ("UpdateAccessKey /family/", FAMILY_USER, Box::new(op({ let k = family_key.clone(); move |iam, c| { let k = k.clone(); Box::pin(async move {
            iam.service.update_access_key(c, Some(user_name("mom")), key_id(&k), AccessKeyStatus::Inactive).await
        })}}))),
        ("GetAccessKeyLastUsed /app/", APP_USER, Box::new(op({ let k = app_key.clone(); move |iam, c| { let k = k.clone(); Box::pin(async move {
            iam.service.get_access_key_last_used(c, key_id(&k)).await.map(drop)
        })}}))),
        ("GetAccessKeyLastUsed /family/", FAMILY_USER, Box::new(op({ let k = family_key.clone(); move |iam, c| { let k = k.clone(); Box::pin(async move {
            iam.service.get_access_key_last_used(c, key_id(&k)).await.map(drop)
        })}}))),
        // Authorized on the root's ARN, which `iam:*` on `*` covers and jeff's grant does not.
        ("GetAccessKeyLastUsed root's key", ACCOUNT_WIDE, Box::new(op({ let k = root_key.clone(); move |iam, c| { let k = k.clone(); Box::pin(async move {
            iam.service.get_access_key_last_used(c, key_id(&k)).await.map(drop)
        })}}))),
        // No such key: authorized on `user/*` (literally), which neither jeff's grant nor denied's Deny matches.
        ("GetAccessKeyLastUsed unknown key", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_access_key_last_used(c, key_id("AKIAAAAAAAAAAAAAAAAA")).await.map(drop)
        })))),
        // The decision point, by access key: authorized as SimulatePrincipalPolicy on the key owner's ARN.
        ("SimulatePrincipalPolicy via authorize_request, /family/ key", FAMILY_USER, Box::new(op({ let k = family_key.clone(); move |iam, c| { let k = k.clone(); Box::pin(async move {
            iam.service.authorize_request(c, &k, "s3:GetObject", "*", Context::new()).await.map(drop)
        })}}))),
        ("DeleteAccessKey /app/", APP_USER, Box::new(op({ let k = app_key.clone(); move |iam, c| { let k = k.clone(); Box::pin(async move {
            iam.service.delete_access_key(c, Some(user_name("backup")), key_id(&k)).await
        })}}))),
        ("DeleteAccessKey /family/", FAMILY_USER, Box::new(op({ let k = family_key.clone(); move |iam, c| { let k = k.clone(); Box::pin(async move {
            iam.service.delete_access_key(c, Some(user_name("mom")), key_id(&k)).await
        })}}))),

        // ----- login profiles: the resource is the user's ARN -----
        ("CreateLoginProfile /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_login_profile(c, user_name("backup"), Password::new(PASSWORD), false).await.map(drop)
        })))),
        ("CreateLoginProfile /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_login_profile(c, user_name("mom"), Password::new(PASSWORD), false).await.map(drop)
        })))),
        ("GetLoginProfile /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_login_profile(c, user_name("backup")).await.map(drop)
        })))),
        ("GetLoginProfile /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_login_profile(c, user_name("mom")).await.map(drop)
        })))),
        ("UpdateLoginProfile /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.update_login_profile(c, user_name("backup"), None, Some(true)).await
        })))),
        ("UpdateLoginProfile /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.update_login_profile(c, user_name("mom"), None, Some(true)).await
        })))),
        ("DeleteLoginProfile /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_login_profile(c, user_name("backup")).await
        })))),
        ("DeleteLoginProfile /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_login_profile(c, user_name("mom")).await
        })))),

        // ----- the account password policy (resource `*`) and one's own password (the caller's ARN) -----
        // No policy is set, so nothing is granted implicitly: only the callers' policies count.
        ("GetAccountPasswordPolicy, none set", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_account_password_policy(c).await.map(drop)
        })))),
        // Root may not use ChangePassword at all: AWS answers `InvalidUserType`, not AccessDenied, so its cell is "allowed".
        ("ChangePassword, users not allowed to", OWN, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.change_password(c, Password::new(PASSWORD), Password::new(PASSWORD)).await
        })))),
        ("UpdateAccountPasswordPolicy", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            let input = PasswordPolicyInput { minimum_password_length: Some(8), allow_users_to_change_password: true, ..Default::default() };
            iam.service.update_account_password_policy(c, input).await.map(drop)
        })))),
        // AllowUsersToChangePassword grants every IAM user both of these, as in AWS (no explicit Deny applies here).
        ("GetAccountPasswordPolicy, users allowed to change", EVERYONE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_account_password_policy(c).await.map(drop)
        })))),
        ("ChangePassword, users allowed to", EVERYONE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.change_password(c, Password::new(PASSWORD), Password::new(PASSWORD)).await
        })))),
        ("DeleteAccountPasswordPolicy", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_account_password_policy(c).await
        })))),

        // ----- MFA: devices are `mfa<path><name>` (never covered by jeff's grant); enabling and listing are
        // authorized on the user's (or the caller's own) ARN -----
        ("CreateVirtualMFADevice in /app/", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_virtual_mfa_device(c, MfaDeviceName::parse("new-token").unwrap(), path("/app/")).await.map(drop)
        })))),
        ("ListVirtualMFADevices", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_virtual_mfa_devices(c, AssignmentStatus::Any, PageRequest::default()).await.map(drop)
        })))),
        ("EnableMFADevice /app/", APP_USER, Box::new(op({ let s = seeds.clone(); move |iam, c| { let s = s.clone(); Box::pin(async move {
            let (c1, c2) = code_pair(iam, &s["app-token"]);
            iam.service.enable_mfa_device(c, Some(user_name("backup")), &serial(iam, "/app/", "app-token"), &c1, &c2).await
        })}}))),
        ("EnableMFADevice /family/", FAMILY_USER, Box::new(op({ let s = seeds.clone(); move |iam, c| { let s = s.clone(); Box::pin(async move {
            let (c1, c2) = code_pair(iam, &s["family-token"]);
            iam.service.enable_mfa_device(c, Some(user_name("mom")), &serial(iam, "/", "family-token"), &c1, &c2).await
        })}}))),
        ("EnableMFADevice own", OWN, Box::new(op({ let s = seeds.clone(); move |iam, c| { let s = s.clone(); Box::pin(async move {
            let device = own_device(c);
            let (c1, c2) = code_pair(iam, &s[&device]);
            iam.service.enable_mfa_device(c, None, &serial(iam, "/", &device), &c1, &c2).await
        })}}))),
        ("ListMFADevices /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_mfa_devices(c, Some(user_name("backup"))).await.map(drop)
        })))),
        ("ListMFADevices /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_mfa_devices(c, Some(user_name("mom"))).await.map(drop)
        })))),
        ("ListMFADevices own", OWN, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_mfa_devices(c, None).await.map(drop)
        })))),
        // Two steps later, so the pair is newer than any code already accepted for the device.
        ("ResyncMFADevice /app/", APP_USER, Box::new(op({ let s = seeds.clone(); move |iam, c| { let s = s.clone(); Box::pin(async move {
            iam.clock.advance(chrono::Duration::seconds(60));
            let (c1, c2) = code_pair(iam, &s["app-token"]);
            iam.service.resync_mfa_device(c, Some(user_name("backup")), &serial(iam, "/app/", "app-token"), &c1, &c2).await
        })}}))),
        ("ResyncMFADevice /family/", FAMILY_USER, Box::new(op({ let s = seeds.clone(); move |iam, c| { let s = s.clone(); Box::pin(async move {
            iam.clock.advance(chrono::Duration::seconds(60));
            let (c1, c2) = code_pair(iam, &s["family-token"]);
            iam.service.resync_mfa_device(c, Some(user_name("mom")), &serial(iam, "/", "family-token"), &c1, &c2).await
        })}}))),
        ("DeactivateMFADevice /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.deactivate_mfa_device(c, Some(user_name("backup")), &serial(iam, "/app/", "app-token")).await
        })))),
        ("DeactivateMFADevice /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.deactivate_mfa_device(c, Some(user_name("mom")), &serial(iam, "/", "family-token")).await
        })))),
        ("DeactivateMFADevice own", OWN, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.deactivate_mfa_device(c, None, &serial(iam, "/", &own_device(c))).await
        })))),
        ("DeleteVirtualMFADevice /app/", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_virtual_mfa_device(c, &serial(iam, "/app/", "app-token")).await
        })))),

        // ----- simulation: a principal's simulation is authorized on its ARN; a custom one on `*` -----
        ("SimulatePrincipalPolicy /app/", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            let input = SimulatePrincipal { policy_source_arn: iam.user_arn("/app/", "backup"), action_names: vec!["s3:GetObject".into()], ..Default::default() };
            iam.service.simulate_principal_policy(c, input).await.map(drop)
        })))),
        ("SimulatePrincipalPolicy /family/", FAMILY_USER, Box::new(op(|iam, c| Box::pin(async move {
            let input = SimulatePrincipal { policy_source_arn: iam.user_arn("/family/", "mom"), action_names: vec!["s3:GetObject".into()], ..Default::default() };
            iam.service.simulate_principal_policy(c, input).await.map(drop)
        })))),
        ("SimulatePrincipalPolicy via authorize_request, /app/ user", APP_USER, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.authorize_request(c, &iam.user_arn("/app/", "backup"), "s3:GetObject", "*", Context::new()).await.map(drop)
        })))),
        ("SimulatePrincipalPolicy via authorize_request, root", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            let root = format!("arn:aws:iam::{}:root", iam.account_id);
            iam.service.authorize_request(c, &root, "s3:GetObject", "*", Context::new()).await.map(drop)
        })))),
        ("SimulateCustomPolicy", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            let input = SimulateCustom { policy_input_list: vec![doc()], action_names: vec!["s3:GetObject".into()], ..Default::default() };
            iam.service.simulate_custom_policy(c, input).await.map(drop)
        })))),

        // ----- account-wide reports and aliases (resource `*`) -----
        ("GetAccountSummary", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_account_summary(c).await.map(drop)
        })))),
        ("GenerateCredentialReport", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.generate_credential_report(c).await.map(drop)
        })))),
        ("GetCredentialReport", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.get_credential_report(c).await.map(drop)
        })))),
        ("CreateAccountAlias", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.create_account_alias(c, AccountAlias::parse("acme-main").unwrap()).await
        })))),
        ("ListAccountAliases", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_account_aliases(c).await.map(drop)
        })))),
        ("DeleteAccountAlias", ACCOUNT_WIDE, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.delete_account_alias(c, AccountAlias::parse("acme-main").unwrap()).await
        })))),
        // The audit log is read with `cloudtrail:LookupEvents`, which `iam:*` does not cover: only root may.
        ("LookupEvents (audit log)", ROOT_ONLY, Box::new(op(|iam, c| Box::pin(async move {
            iam.service.list_audit_events(c, AuditQuery::default(), PageRequest::default()).await.map(drop)
        })))),
    ];

    check_matrix(&iam, &cases).await;
}

/// The seed, end to end: jeff manages `/app/` and nothing else; backup may use S3 but not IAM.
#[tokio::test]
async fn the_seed_scenario() {
    let iam = seeded().await;
    let acct = iam.account_id.clone();
    let jeff = iam.as_user("jeff").await;
    iam.service.delete_user(&iam.root(), user_name("backup")).await.unwrap();
    iam.service.delete_user(&iam.root(), user_name("syndic8")).await.unwrap();
    iam.service.delete_user(&iam.root(), user_name("mover")).await.unwrap();

    for name in ["backup", "syndic8"] {
        let created = iam
            .service
            .create_user(&jeff, CreateUser { name: user_name(name), path: path("/app/"), tags: vec![] })
            .await
            .unwrap();
        assert_eq!(created.arn, format!("arn:aws:iam::{acct}:user/app/{name}"));
    }
    iam.service
        .put_inline_policy(&jeff, Owner::User(user_name("backup")), policy_name("s3"), allow("s3:*", "arn:aws:s3::*"))
        .await
        .unwrap();
    let listed = iam.service.list_users(&jeff, PathPrefix::parse("/app/").unwrap(), PageRequest::default()).await.unwrap();
    assert_eq!(listed.items.iter().map(|u| u.user_name.as_str()).collect::<Vec<_>>(), ["backup", "syndic8"]);

    let refused = iam
        .service
        .create_user(&jeff, CreateUser { name: user_name("sis"), path: path("/family/"), tags: vec![] })
        .await;
    let err = assert_code(refused, "AccessDenied");
    assert_eq!(
        err.to_string(),
        format!(
            "User: arn:aws:iam::{acct}:user/family/jeff is not authorized to perform: iam:CreateUser on resource: \
             arn:aws:iam::{acct}:user/family/sis because no identity-based policy allows the iam:CreateUser action"
        )
    );
    assert_code(iam.service.list_users(&jeff, PathPrefix::all(), PageRequest::default()).await, "AccessDenied");

    // backup has s3:* on arn:aws:s3::* and nothing in IAM — new users have no permissions.
    let backup = iam.as_user("backup").await;
    assert_code(iam.service.get_user(&backup, Some(user_name("backup"))).await, "AccessDenied");
    assert_code(iam.service.list_users(&backup, PathPrefix::parse("/app/").unwrap(), PageRequest::default()).await, "AccessDenied");
}

#[tokio::test]
async fn an_explicit_deny_wins_and_says_so() {
    let iam = seeded().await;
    let denied = iam.as_user("denied").await;
    let err = assert_code(iam.service.get_user(&denied, Some(user_name("backup"))).await, "AccessDenied");
    assert!(err.to_string().ends_with("with an explicit deny in an identity-based policy"), "{err}");
}

#[tokio::test]
async fn conditions_see_the_request_context() {
    let iam = Iam::new().await;
    let acct = iam.account_id.clone();
    iam.create_user("/", "ops").await;
    // Only from the office network and only over TLS; the harness's requests come from 203.0.113.7 over TLS.
    let document = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"iam:GetUser","Resource":"arn:aws:iam::{acct}:user/*",
        "Condition":{{"IpAddress":{{"aws:SourceIp":"203.0.113.0/24"}},"Bool":{{"aws:SecureTransport":"true"}}}}}}]}}"#
    );
    iam.put_user_policy("ops", "office", &document).await;
    iam.service.get_user(&iam.as_user("ops").await, Some(user_name("ops"))).await.unwrap();

    let mut elsewhere = iam.as_user("ops").await;
    elsewhere.ctx.source_ip = Some("198.51.100.1".parse().unwrap());
    assert_code(iam.service.get_user(&elsewhere, Some(user_name("ops"))).await, "AccessDenied");

    // MFA: required by a policy, present only for calls that carry an MFA proof.
    let mfa_only = format!(
        r#"{{"Version":"2012-10-17","Statement":[{{"Effect":"Allow","Action":"iam:ListUserTags","Resource":"arn:aws:iam::{acct}:user/*",
        "Condition":{{"Bool":{{"aws:MultiFactorAuthPresent":"true"}},"NumericLessThan":{{"aws:MultiFactorAuthAge":"3600"}}}}}}]}}"#
    );
    iam.put_user_policy("ops", "mfa", &mfa_only).await;
    assert_code(iam.service.list_user_tags(&iam.as_user("ops").await, user_name("ops")).await, "AccessDenied");
    let mut with_mfa = iam.as_user("ops").await;
    with_mfa.caller.mfa_at = Some(iam.clock.now().timestamp() - 60);
    iam.service.list_user_tags(&with_mfa, user_name("ops")).await.unwrap();
    let mut stale = iam.as_user("ops").await;
    stale.caller.mfa_at = Some(iam.clock.now().timestamp() - 7200);
    assert_code(iam.service.list_user_tags(&stale, user_name("ops")).await, "AccessDenied");
}
