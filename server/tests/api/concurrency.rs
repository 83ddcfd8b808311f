//! Concurrency, the fast subset of `query-bench race` (docs/SECURITY.md): 50 concurrent clients × 20 mutations through
//! the signed Query API against the real server (SQLite, or PostgreSQL when `TEST_DATABASE_URL` is set), every answer
//! logged and compared, with exact counts, to the final state:
//! - 10 clients race `CreateUser` for each of 5 names: exactly one succeeds, 9 get `EntityAlreadyExists`;
//! - all 50 race `CreateAccessKey` for one user: exactly 2 keys, 48 `LimitExceeded`;
//! - all 50 race `AddUserToGroup` for one user over 15 groups: exactly 10 memberships, the acknowledged ones;
//! - `DeleteUser` races `CreateAccessKey` / `AddUserToGroup` / `CreateLoginProfile` on 5 users: no orphan key,
//!   membership or login profile, no second deletion, no 500;
//! - 16 scripted mutations per client on its own 2 users: every answer as expected, the final state exact.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use app::backend::{Clock, FixedClock};

use crate::helpers::spawn_app;
use crate::signing::{bootstrap, signature_headers};

const CLIENTS: usize = 50;
const GROUPS: usize = 15;

/// A SigV4-signing Query API client (the server's clock gives the signing time).
#[derive(Clone)]
struct Api {
    http: reqwest::Client,
    address: String,
    host: String,
    clock: Arc<FixedClock>,
    /// The access key id and secret.
    credentials: (String, String),
}

impl Api {
    /// The outcome's code (`OK` on success, the IAM error code on a 4xx) and the XML. Any other answer fails the test.
    async fn call(&self, action: &str, params: &[(&str, &str)]) -> (String, String) {
        let body = {
            let mut form = form_urlencoded::Serializer::new(String::new()); // not Send: gone before any await
            form.append_pair("Action", action).append_pair("Version", "2010-05-08");
            form.extend_pairs(params);
            form.finish()
        };
        let content_type = "application/x-www-form-urlencoded; charset=utf-8";
        let url = format!("{}/", self.address);
        let mut request = self.http.post(&url).header("content-type", content_type).header("host", &self.host);
        let (id, secret) = &self.credentials;
        for (name, value) in signature_headers(&url, content_type, &body, id, secret, self.clock.now()) {
            request = request.header(name, value);
        }
        let response = request.body(body).send().await.unwrap();
        let status = response.status();
        let xml = response.text().await.unwrap();
        if status.is_success() {
            return ("OK".into(), xml);
        }
        assert!(status.is_client_error(), "{action} {params:?}: HTTP {status}: {xml}");
        (texts(&xml, "Code").into_iter().next().unwrap_or_else(|| panic!("no error code: {xml}")), xml)
    }

    async fn ok(&self, action: &str, params: &[(&str, &str)]) -> String {
        let (code, xml) = self.call(action, params).await;
        assert_eq!(code, "OK", "{action} {params:?}: {xml}");
        xml
    }

    /// A user's groups and keys, `None` if the user does not exist.
    async fn state(&self, user: &str) -> Option<(BTreeSet<String>, BTreeSet<String>)> {
        let (code, groups) = self.call("ListGroupsForUser", &[("UserName", user)]).await;
        if code == "NoSuchEntity" {
            return None;
        }
        assert_eq!(code, "OK");
        let keys = self.ok("ListAccessKeys", &[("UserName", user)]).await;
        Some((texts(&groups, "GroupName").into_iter().collect(), texts(&keys, "AccessKeyId").into_iter().collect()))
    }

    /// Users whose path starts with `prefix`: all are listed and the paths compared here, so this test does not
    /// rest on the server's prefix filter (tested elsewhere).
    async fn users_under(&self, prefix: &str) -> BTreeSet<String> {
        let xml = self.ok("ListUsers", &[("MaxItems", "1000")]).await;
        assert!(xml.contains("<IsTruncated>false</IsTruncated>"), "{xml}");
        let members = xml.split("<member>").skip(1);
        let under = members.filter(|m| texts(m, "Path").first().is_some_and(|p| p.starts_with(prefix)));
        under.flat_map(|m| texts(m, "UserName")).collect()
    }
}

fn texts(xml: &str, name: &str) -> Vec<String> {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    xml.split(open.as_str()).skip(1).filter_map(|s| s.split(close.as_str()).next().map(str::to_owned)).collect()
}

fn group(g: usize) -> String {
    format!("ci-g{:02}", g % GROUPS)
}

/// One acknowledged racing mutation: (action, user, group or "", outcome code, new key id).
type Acked = (&'static str, String, String, String, Option<String>);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_racing_clients_keep_names_unique_limits_and_every_acknowledged_write() {
    let app = spawn_app().await;
    let admin = bootstrap(&app).await;
    let api = Api {
        http: reqwest::Client::builder().pool_max_idle_per_host(CLIENTS).build().unwrap(),
        host: app.address.trim_start_matches("http://").to_owned(),
        address: app.address.clone(),
        clock: app.clock.clone(),
        credentials: (
            admin["AccessKeyId"].as_str().unwrap().to_owned(),
            admin["SecretAccessKey"].as_str().unwrap().to_owned(),
        ),
    };

    for g in 0..GROUPS {
        api.ok("CreateGroup", &[("GroupName", &group(g)), ("Path", "/ci/")]).await;
    }
    api.ok("CreateUser", &[("UserName", "ci-target"), ("Path", "/ci/target/")]).await;
    for v in 0..5 {
        api.ok("CreateUser", &[("UserName", &format!("ci-victim-{v}")), ("Path", "/ci/victim/")]).await;
    }

    let barrier = Arc::new(tokio::sync::Barrier::new(CLIENTS));
    let mut tasks = tokio::task::JoinSet::new();
    for t in 0..CLIENTS {
        let (api, barrier) = (api.clone(), barrier.clone());
        tasks.spawn(async move {
            let mut acked: Vec<Acked> = Vec::new();
            let mut record = |action: &'static str, user: &str, arg: &str, (code, xml): (String, String)| {
                let key = (code == "OK").then(|| texts(&xml, "AccessKeyId").into_iter().next()).flatten();
                acked.push((action, user.to_owned(), arg.to_owned(), code, key));
            };
            barrier.wait().await;
            // 1–3: the same name, the same user's keys, the same user's groups, all clients at once.
            let dup = format!("ci-dup-{}", t % 5);
            record("CreateUser", &dup, "", api.call("CreateUser", &[("UserName", &dup), ("Path", "/ci/dup/")]).await);
            record("CreateAccessKey", "ci-target", "", api.call("CreateAccessKey", &[("UserName", "ci-target")]).await);
            let g = group(t);
            let add = [("UserName", "ci-target"), ("GroupName", g.as_str())];
            record("AddUserToGroup", "ci-target", &g, api.call("AddUserToGroup", &add).await);
            // 4: deletions racing additions on the same users.
            let victim = format!("ci-victim-{}", t % 5);
            let user = [("UserName", victim.as_str())];
            match (t / 5) % 4 {
                0 => record("DeleteUser", &victim, "", api.call("DeleteUser", &user).await),
                1 => record("CreateAccessKey", &victim, "", api.call("CreateAccessKey", &user).await),
                2 => {
                    let profile = [("UserName", victim.as_str()), ("Password", "Racing-Horse-42")];
                    record("CreateLoginProfile", &victim, "", api.call("CreateLoginProfile", &profile).await)
                }
                _ => {
                    let add = [("UserName", victim.as_str()), ("GroupName", g.as_str())];
                    record("AddUserToGroup", &victim, &g, api.call("AddUserToGroup", &add).await)
                }
            }

            // 5–20: the client's own two users, each answer exactly as expected.
            let (a, b) = (format!("ci-t{t}-a"), format!("ci-t{t}-b"));
            let (ga, ga2, gb) = (group(t), group(t + 1), group(t + 2));
            let own = "/ci/own/";
            let expect = |step: &str, (code, xml): (String, String), wanted: &str| {
                assert_eq!(code, wanted, "client {t}, {step}: {xml}");
                xml
            };
            expect("create a", api.call("CreateUser", &[("UserName", &a), ("Path", own)]).await, "OK");
            expect("create b", api.call("CreateUser", &[("UserName", &b), ("Path", own)]).await, "OK");
            for (user, g) in [(&a, &ga), (&a, &ga2), (&b, &gb)] {
                let add = [("UserName", user.as_str()), ("GroupName", g.as_str())];
                expect("add", api.call("AddUserToGroup", &add).await, "OK");
            }
            let key = |xml: String| texts(&xml, "AccessKeyId").remove(0);
            let ka1 = key(expect("key a1", api.call("CreateAccessKey", &[("UserName", &a)]).await, "OK"));
            let ka2 = key(expect("key a2", api.call("CreateAccessKey", &[("UserName", &a)]).await, "OK"));
            expect("key a3", api.call("CreateAccessKey", &[("UserName", &a)]).await, "LimitExceeded");
            let kb = key(expect("key b", api.call("CreateAccessKey", &[("UserName", &b)]).await, "OK"));
            expect("delete b early", api.call("DeleteUser", &[("UserName", &b)]).await, "DeleteConflict");
            let delete_kb = [("UserName", b.as_str()), ("AccessKeyId", kb.as_str())];
            expect("delete key b", api.call("DeleteAccessKey", &delete_kb).await, "OK");
            let remove_b = [("UserName", b.as_str()), ("GroupName", gb.as_str())];
            expect("remove b", api.call("RemoveUserFromGroup", &remove_b).await, "OK");
            expect("delete b", api.call("DeleteUser", &[("UserName", &b)]).await, "OK");
            let delete_ka1 = [("UserName", a.as_str()), ("AccessKeyId", ka1.as_str())];
            expect("delete key a1", api.call("DeleteAccessKey", &delete_ka1).await, "OK");
            let remove_a = [("UserName", a.as_str()), ("GroupName", ga.as_str())];
            expect("remove a", api.call("RemoveUserFromGroup", &remove_a).await, "OK");
            expect("create a again", api.call("CreateUser", &[("UserName", &a)]).await, "EntityAlreadyExists");
            (t, acked, ka2)
        });
    }
    let mut acked: Vec<Acked> = Vec::new();
    let mut own_keys = BTreeMap::new();
    while let Some(joined) = tasks.join_next().await {
        let (t, log, ka2) = joined.unwrap();
        acked.extend(log);
        own_keys.insert(t, ka2);
    }
    assert_eq!(acked.len(), CLIENTS * 4);
    let outcomes = |action: &str, user: &str| -> Vec<&Acked> {
        acked.iter().filter(|(a, u, ..)| *a == action && u == user).collect()
    };
    let count = |list: &[&Acked], code: &str| list.iter().filter(|(.., c, _)| c == code).count();

    // Duplicate names: 10 racing creations per name, exactly one succeeded.
    for k in 0..5 {
        let tries = outcomes("CreateUser", &format!("ci-dup-{k}"));
        assert_eq!((tries.len(), count(&tries, "OK"), count(&tries, "EntityAlreadyExists")), (10, 1, 9), "{tries:?}");
    }
    let dup_users: BTreeSet<String> = (0..5).map(|k| format!("ci-dup-{k}")).collect();
    assert_eq!(api.users_under("/ci/dup/").await, dup_users);

    // The 2-key limit: 50 racing creations, exactly 2 keys, the acknowledged ones.
    let tries = outcomes("CreateAccessKey", "ci-target");
    assert_eq!((tries.len(), count(&tries, "OK"), count(&tries, "LimitExceeded")), (50, 2, 48));
    let acked_keys: BTreeSet<String> = tries.iter().filter_map(|(.., k)| k.clone()).collect();
    let (groups, keys) = api.state("ci-target").await.unwrap();
    assert_eq!(keys, acked_keys);

    // The 10-group limit: 50 racing additions over 15 groups, exactly 10 memberships, the acknowledged ones.
    let tries = outcomes("AddUserToGroup", "ci-target");
    assert_eq!(count(&tries, "OK") + count(&tries, "LimitExceeded"), 50, "{tries:?}");
    let ok: BTreeSet<String> = tries.iter().filter(|(.., c, _)| c == "OK").map(|(_, _, g, ..)| g.clone()).collect();
    let refused: BTreeSet<String> =
        tries.iter().filter(|(.., c, _)| c == "LimitExceeded").map(|(_, _, g, ..)| g.clone()).collect();
    assert_eq!(groups.len(), 10, "{groups:?}");
    assert_eq!(groups, ok);
    assert!(refused.is_disjoint(&groups), "refused {refused:?}, member of {groups:?}");

    // Deletions racing additions: a deleted user never had a key or a group acknowledged, and was deleted once.
    for v in 0..5 {
        let victim = format!("ci-victim-{v}");
        let deletes = outcomes("DeleteUser", &victim);
        let keys_tried = outcomes("CreateAccessKey", &victim);
        let adds = outcomes("AddUserToGroup", &victim);
        let profiles = outcomes("CreateLoginProfile", &victim);
        assert_eq!(deletes.len() + keys_tried.len() + adds.len() + profiles.len(), 10);
        for (list, allowed) in [
            (&deletes, ["OK", "NoSuchEntity", "DeleteConflict"]),
            (&keys_tried, ["OK", "NoSuchEntity", "LimitExceeded"]),
            (&adds, ["OK", "NoSuchEntity", "LimitExceeded"]),
            (&profiles, ["OK", "NoSuchEntity", "EntityAlreadyExists"]),
        ] {
            assert!(list.iter().all(|(.., c, _)| allowed.contains(&c.as_str())), "{list:?}");
        }
        let acked_keys: BTreeSet<String> = keys_tried.iter().filter_map(|(.., k)| k.clone()).collect();
        let acked_groups: BTreeSet<String> =
            adds.iter().filter(|(.., c, _)| c == "OK").map(|(_, _, g, ..)| g.clone()).collect();
        // At most one login profile is ever created, and it exists exactly when one was acknowledged.
        let acked_profiles = count(&profiles, "OK");
        assert!(acked_profiles <= 1, "{victim}: {profiles:?}");
        match count(&deletes, "OK") {
            0 => {
                assert_eq!(api.state(&victim).await, Some((acked_groups, acked_keys.clone())));
                let (code, xml) = api.call("GetLoginProfile", &[("UserName", victim.as_str())]).await;
                assert_eq!(code == "OK", acked_profiles == 1, "{victim}: {xml}");
            }
            1 => {
                assert_eq!(api.state(&victim).await, None);
                assert!(acked_keys.is_empty() && acked_groups.is_empty(), "{victim}: orphans {acked_keys:?}");
                assert_eq!(acked_profiles, 0, "{victim}: a login profile acknowledged for a deleted user");
            }
            n => panic!("{victim} deleted {n} times: {deletes:?}"),
        }
        for key in &acked_keys {
            let xml = api.ok("GetAccessKeyLastUsed", &[("AccessKeyId", key)]).await;
            assert_eq!(texts(&xml, "UserName"), vec![victim.clone()]);
        }
    }

    // Own users: exactly what the scripts left.
    let expected: BTreeSet<String> = (0..CLIENTS).map(|t| format!("ci-t{t}-a")).collect();
    assert_eq!(api.users_under("/ci/own/").await, expected);
    for (t, ka2) in own_keys {
        let state = api.state(&format!("ci-t{t}-a")).await;
        assert_eq!(state, Some(([group(t + 1)].into(), [ka2].into())), "client {t}");
    }

    // Both membership views agree: each group's members are the users listing it.
    let mut from_users: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for user in api.users_under("/ci/").await {
        let (groups, keys) = api.state(&user).await.unwrap();
        assert!(groups.len() <= 10 && keys.len() <= 2, "{user}: {groups:?} {keys:?}");
        for g in groups {
            from_users.entry(g).or_default().insert(user.clone());
        }
    }
    for g in 0..GROUPS {
        let xml = api.ok("GetGroup", &[("GroupName", &group(g)), ("MaxItems", "1000")]).await;
        let members: BTreeSet<String> = texts(&xml, "UserName").into_iter().collect();
        assert_eq!(members, from_users.remove(&group(g)).unwrap_or_default(), "{}", group(g));
    }
}
