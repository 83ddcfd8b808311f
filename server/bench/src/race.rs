//! `query-bench race`: concurrent clients racing mutations against one server, every answer and the final state
//! checked. Invariants (any violation is printed and makes the exit status 1):
//!
//! - **no duplicate names**: clients racing `CreateUser` for the same name: exactly one succeeds, every other gets
//!   `EntityAlreadyExists`;
//! - **limits hold under races**: all clients racing `CreateAccessKey` for one user: exactly 2 succeed, the rest get
//!   `LimitExceeded`; all racing `AddUserToGroup` for one user over 15 groups: the user ends in exactly 10 groups,
//!   every acknowledged group among them, no refused one;
//! - **no orphans**: racing `DeleteUser` against `CreateAccessKey` / `AddUserToGroup` on the same users: a user whose
//!   deletion was acknowledged never had a key or membership acknowledged; every acknowledged key is listed under its
//!   user and `GetAccessKeyLastUsed` names that user;
//! - **no lost writes**: each client also works on users of its own with an exact model (create, delete, add to and
//!   remove from groups, create and delete keys); every answer must be the one the model predicts (`LimitExceeded`
//!   exactly at the 11th group or 3rd key, `DeleteConflict` exactly while something hangs off the user), and the final
//!   listings must equal the model;
//! - no 5xx, no transport error; group member lists and users' group lists agree.
//!
//! A round: all clients meet at a barrier, then each makes 4 racing mutations (a duplicate name, a key and a group for
//! the round's target user, one victim operation) and 16 on its own users; rounds repeat until `--mutations`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail};
use serde_json::json;
use tokio::sync::Barrier;

use crate::{tag, unescape, Conn, Iam};

const GROUPS: usize = 15;
const MAX_GROUPS: usize = 10;
const MAX_KEYS: usize = 2;
const DUP_NAMES: usize = 5;
const VICTIMS: usize = 5;
const OWN_USERS: usize = 4;
const RACING_PER_ROUND: usize = 4;
const OWN_PER_ROUND: usize = 16;
const PER_ROUND: usize = RACING_PER_ROUND + OWN_PER_ROUND;

#[derive(Debug, clap::Args)]
pub struct RaceArgs {
    #[command(flatten)]
    conn: Conn,
    /// Concurrent clients (each one request at a time).
    #[arg(long, default_value_t = 50)]
    clients: usize,
    /// Mutations in all, rounded up to whole rounds of 20 per client.
    #[arg(long, default_value_t = 10_000)]
    mutations: usize,
    /// Names and paths start with this, so runs against one server do not meet.
    #[arg(long, default_value = "race")]
    prefix: String,
    /// Seed of the clients' choices on their own users.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// A name for this run in the output.
    #[arg(long, default_value = "race")]
    label: String,
}

/// What one call came back with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// 2xx, with the XML.
    Ok(String),
    /// A 4xx IAM error code.
    Code(String),
    /// Anything else: 5xx, no error code, a transport failure.
    Failed(String),
}

impl Outcome {
    pub fn code(&self) -> &str {
        match self {
            Outcome::Ok(_) => "OK",
            Outcome::Code(code) => code,
            Outcome::Failed(_) => "FAILED",
        }
    }

    fn describe(&self) -> String {
        match self {
            Outcome::Failed(why) => format!("FAILED ({why})"),
            other => other.code().to_owned(),
        }
    }
}

impl Iam {
    /// One call, never an `Err`: the outcome and its latency.
    pub async fn attempt(&self, action: &str, params: &[(&str, &str)]) -> (Outcome, Duration) {
        let started = Instant::now();
        match self.send(action, params).await {
            Err(e) => (Outcome::Failed(format!("{e:#}")), started.elapsed()),
            Ok((status, xml, latency)) if status.is_success() => (Outcome::Ok(xml), latency),
            Ok((status, xml, latency)) => match tag(&xml, "Code") {
                Some(code) if status.is_client_error() => (Outcome::Code(code.to_owned()), latency),
                _ => (Outcome::Failed(format!("HTTP {status}: {}", xml.trim())), latency),
            },
        }
    }

    /// The names of the users whose path starts with `prefix`. Every user is listed (path prefix `/`) and the paths
    /// compared here, so the check does not rest on the server's own prefix filter.
    pub async fn user_names(&self, prefix: &str) -> anyhow::Result<BTreeSet<String>> {
        let (mut found, mut marker) = (BTreeSet::new(), None::<String>);
        loop {
            let mut params = vec![("MaxItems", "1000")];
            if let Some(m) = &marker {
                params.push(("Marker", m));
            }
            let (xml, _) = self.call("ListUsers", &params).await?;
            for member in xml.split("<member>").skip(1) {
                let path = tag(member, "Path").map(unescape).unwrap_or_default();
                if let (true, Some(name)) = (path.starts_with(prefix), tag(member, "UserName")) {
                    found.insert(unescape(name));
                }
            }
            if tag(&xml, "IsTruncated") != Some("true") {
                return Ok(found);
            }
            marker = Some(unescape(tag(&xml, "Marker").ok_or_else(|| anyhow!("ListUsers: no Marker"))?));
        }
    }

    /// Every page of a listing that pages with `Marker` / `IsTruncated`: the texts of one element.
    async fn paged(&self, action: &str, params: &[(&str, &str)], element: &str) -> anyhow::Result<BTreeSet<String>> {
        let (mut found, mut marker) = (BTreeSet::new(), None::<String>);
        loop {
            let mut all: Vec<(&str, &str)> = params.to_vec();
            all.push(("MaxItems", "100"));
            if let Some(m) = &marker {
                all.push(("Marker", m));
            }
            let (xml, _) = self.call(action, &all).await?;
            found.extend(texts(&xml, element));
            if tag(&xml, "IsTruncated") != Some("true") {
                return Ok(found);
            }
            marker = Some(unescape(tag(&xml, "Marker").ok_or_else(|| anyhow!("{action}: no Marker"))?));
        }
    }

    /// A user's groups, or `None` if the user does not exist.
    pub async fn groups_of(&self, user: &str) -> anyhow::Result<Option<BTreeSet<String>>> {
        self.listing("ListGroupsForUser", user, "GroupName").await
    }

    /// A user's access key ids, or `None` if the user does not exist.
    pub async fn keys_of(&self, user: &str) -> anyhow::Result<Option<BTreeSet<String>>> {
        self.listing("ListAccessKeys", user, "AccessKeyId").await
    }

    async fn listing(&self, action: &str, user: &str, element: &str) -> anyhow::Result<Option<BTreeSet<String>>> {
        let (outcome, _) = self.attempt(action, &[("UserName", user)]).await;
        match outcome {
            Outcome::Ok(xml) => Ok(Some(texts(&xml, element).into_iter().collect())),
            Outcome::Code(code) if code == "NoSuchEntity" => Ok(None),
            other => bail!("{action} {user}: {}", other.describe()),
        }
    }
}

/// The texts of every `<name>…</name>` element.
pub fn texts(xml: &str, name: &str) -> Vec<String> {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    xml.split(open.as_str()).skip(1).filter_map(|s| s.split(close.as_str()).next().map(unescape)).collect()
}

/// A small deterministic generator (xorshift64*), so a run can be repeated with the same `--seed`.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n.max(1)
    }
}

/// One user as its only writer believes it to be.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Model {
    pub exists: bool,
    pub groups: BTreeSet<String>,
    pub keys: BTreeSet<String>,
}

/// A mutation of one user, and the answer the model predicts for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Op {
    CreateUser,
    DeleteUser,
    AddToGroup(String),
    RemoveFromGroup(String),
    CreateKey,
    DeleteKey(String),
}

impl Op {
    pub fn action(&self) -> &'static str {
        match self {
            Op::CreateUser => "CreateUser",
            Op::DeleteUser => "DeleteUser",
            Op::AddToGroup(_) => "AddUserToGroup",
            Op::RemoveFromGroup(_) => "RemoveUserFromGroup",
            Op::CreateKey => "CreateAccessKey",
            Op::DeleteKey(_) => "DeleteAccessKey",
        }
    }

    pub fn argument(&self) -> &str {
        match self {
            Op::AddToGroup(g) | Op::RemoveFromGroup(g) | Op::DeleteKey(g) => g,
            _ => "",
        }
    }

    pub fn parse(action: &str, argument: &str) -> Option<Op> {
        Some(match action {
            "CreateUser" => Op::CreateUser,
            "DeleteUser" => Op::DeleteUser,
            "AddUserToGroup" => Op::AddToGroup(argument.to_owned()),
            "RemoveUserFromGroup" => Op::RemoveFromGroup(argument.to_owned()),
            "CreateAccessKey" => Op::CreateKey,
            "DeleteAccessKey" => Op::DeleteKey(argument.to_owned()),
            _ => return None,
        })
    }

    /// The request parameters for user `user` (path `path` on creation).
    pub fn params<'a>(&'a self, user: &'a str, path: &'a str) -> Vec<(&'a str, &'a str)> {
        let mut params = vec![("UserName", user)];
        match self {
            Op::CreateUser => params.push(("Path", path)),
            Op::AddToGroup(g) | Op::RemoveFromGroup(g) => params.push(("GroupName", g)),
            Op::DeleteKey(k) => params.push(("AccessKeyId", k)),
            Op::DeleteUser | Op::CreateKey => {}
        }
        params
    }

    /// The answer's code the model predicts (`OK` for success).
    pub fn expected(&self, m: &Model) -> &'static str {
        match self {
            Op::CreateUser if m.exists => "EntityAlreadyExists",
            Op::CreateUser => "OK",
            _ if !m.exists => "NoSuchEntity",
            Op::DeleteUser if !m.groups.is_empty() || !m.keys.is_empty() => "DeleteConflict",
            Op::DeleteUser => "OK",
            Op::AddToGroup(g) if !m.groups.contains(g) && m.groups.len() >= MAX_GROUPS => "LimitExceeded",
            Op::AddToGroup(_) => "OK",
            Op::RemoveFromGroup(g) if !m.groups.contains(g) => "NoSuchEntity",
            Op::RemoveFromGroup(_) => "OK",
            Op::CreateKey if m.keys.len() >= MAX_KEYS => "LimitExceeded",
            Op::CreateKey => "OK",
            Op::DeleteKey(k) if !m.keys.contains(k) => "NoSuchEntity",
            Op::DeleteKey(_) => "OK",
        }
    }

    /// The model after a successful answer (`key` is the new key's id for `CreateKey`).
    pub fn apply(&self, m: &mut Model, key: Option<&str>) {
        match self {
            Op::CreateUser => m.exists = true,
            Op::DeleteUser => *m = Model::default(),
            Op::AddToGroup(g) => {
                m.groups.insert(g.clone());
            }
            Op::RemoveFromGroup(g) => {
                m.groups.remove(g);
            }
            Op::CreateKey => {
                m.keys.insert(key.unwrap_or("?").to_owned());
            }
            Op::DeleteKey(k) => {
                m.keys.remove(k);
            }
        }
    }

    /// A next mutation for a user in state `m`, over the groups `groups`.
    pub fn choose(rng: &mut Rng, m: &Model, groups: &[String]) -> Op {
        if !m.exists {
            return Op::CreateUser;
        }
        let group = groups[rng.below(groups.len())].clone();
        match rng.below(100) {
            0..=29 => Op::AddToGroup(group),
            30..=44 => match m.groups.iter().nth(rng.below(m.groups.len())) {
                Some(member) => Op::RemoveFromGroup(member.clone()),
                None => Op::RemoveFromGroup(group),
            },
            45..=69 => Op::CreateKey,
            70..=84 => match m.keys.iter().next() {
                Some(key) => Op::DeleteKey(key.clone()),
                None => Op::CreateKey,
            },
            _ => Op::DeleteUser,
        }
    }
}

/// Names and paths of one run.
struct Names {
    prefix: String,
}

impl Names {
    fn root(&self) -> String {
        format!("/{}/", self.prefix)
    }
    fn group(&self, g: usize) -> String {
        format!("{}-g{g:02}", self.prefix)
    }
    fn dup(&self, round: usize, k: usize) -> String {
        format!("{}-dup-r{round}-{k}", self.prefix)
    }
    fn target(&self, round: usize) -> String {
        format!("{}-target-r{round}", self.prefix)
    }
    fn victim(&self, round: usize, v: usize) -> String {
        format!("{}-victim-r{round}-{v}", self.prefix)
    }
    fn own(&self, client: usize, i: usize) -> String {
        format!("{}-c{client}-u{i}", self.prefix)
    }
    fn own_path(&self, client: usize) -> String {
        format!("/{}/c{client}/", self.prefix)
    }
    fn path(&self, kind: &str) -> String {
        format!("/{}/{kind}/", self.prefix)
    }
}

/// Every acknowledged outcome of the racing mutations, by (action, user) → (argument, outcome code, key id).
#[derive(Default)]
struct Log {
    racing: Vec<(&'static str, String, String, String, Option<String>)>,
    latencies: Vec<Duration>,
    violations: Vec<String>,
}

impl Log {
    fn violation(&mut self, text: String) {
        if self.violations.len() < 1000 {
            self.violations.push(text);
        }
    }
}

pub async fn run(args: RaceArgs) -> anyhow::Result<()> {
    let clients = args.clients.max(1);
    let rounds = args.mutations.div_ceil(clients * PER_ROUND).max(1);
    let iam = Arc::new(Iam::new(&args.conn, clients)?);
    let names = Arc::new(Names { prefix: args.prefix.clone() });
    println!(
        "query-bench race {}: {clients} clients, {rounds} rounds of {PER_ROUND} mutations each ({} in all), endpoint {}",
        args.label,
        rounds * clients * PER_ROUND,
        iam.endpoint
    );

    // Untimed set-up: the groups, and each round's target and victims.
    let groups: Arc<Vec<String>> = Arc::new((0..GROUPS).map(|g| names.group(g)).collect());
    for g in groups.iter() {
        iam.call("CreateGroup", &[("GroupName", g), ("Path", &names.root())]).await?;
    }
    for r in 0..rounds {
        iam.call("CreateUser", &[("UserName", &names.target(r)), ("Path", &names.path("target"))]).await?;
        for v in 0..VICTIMS {
            iam.call("CreateUser", &[("UserName", &names.victim(r, v)), ("Path", &names.path("victim"))]).await?;
        }
    }

    let barrier = Arc::new(Barrier::new(clients));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..clients {
        let (iam, names, groups, barrier) = (iam.clone(), names.clone(), groups.clone(), barrier.clone());
        let seed = args.seed.wrapping_mul(1_000_003).wrapping_add(c as u64);
        tasks.spawn(async move { (c, client(c, rounds, seed, &iam, &names, &groups, &barrier).await) });
    }
    let mut results = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        results.push(joined?);
    }
    let wall = started.elapsed();
    results.sort_by_key(|(c, _)| *c);

    let mut log = Log::default();
    let mut models = Vec::new();
    for (_, (client_log, own)) in results {
        log.racing.extend(client_log.racing);
        log.latencies.extend(client_log.latencies);
        log.violations.extend(client_log.violations);
        models.push(own);
    }
    let mutations = log.latencies.len();
    log.latencies.sort_unstable();
    let percentile = |p: f64| {
        let rank = ((p / 100.0) * log.latencies.len() as f64).ceil() as usize;
        log.latencies.get(rank.saturating_sub(1)).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    };
    let (p50, p99, max) = (percentile(50.0), percentile(99.0), percentile(100.0));

    let checked = check(&iam, &names, &groups, rounds, &models, &mut log).await?;

    let rate = mutations as f64 / wall.as_secs_f64();
    println!(
        "{mutations} mutations by {clients} clients in {:.2} s: {rate:.0} mutations/s, p50 {p50:.2} ms, p99 {p99:.2} ms, \
         max {max:.2} ms",
        wall.as_secs_f64()
    );
    for line in &checked {
        println!("  {line}");
    }
    for v in &log.violations {
        println!("VIOLATION {v}");
    }
    println!("violations: {}", log.violations.len());
    let summary = json!({
        "label": args.label, "clients": clients, "rounds": rounds, "mutations": mutations,
        "seconds": wall.as_secs_f64(), "mutations_per_s": rate, "p50_ms": p50, "p99_ms": p99, "max_ms": max,
        "violations": log.violations.len(),
    });
    println!("SUMMARY {summary}");
    if !log.violations.is_empty() {
        bail!("{} invariant violation(s)", log.violations.len());
    }
    Ok(())
}

/// One client: `rounds` rounds of 4 racing and 16 own mutations. Returns its log and its own users' models.
async fn client(
    c: usize,
    rounds: usize,
    seed: u64,
    iam: &Iam,
    names: &Names,
    groups: &[String],
    barrier: &Barrier,
) -> (Log, Vec<Model>) {
    let mut log = Log::default();
    let mut rng = Rng::new(seed);
    let mut own = vec![Model::default(); OWN_USERS];
    let own_path = names.own_path(c);
    for r in 0..rounds {
        barrier.wait().await;
        // 1. the same name, created by several clients at once
        let dup = names.dup(r, c % DUP_NAMES);
        let (o, l) = iam.attempt("CreateUser", &[("UserName", &dup), ("Path", &names.path("dup"))]).await;
        racing(&mut log, "CreateUser", dup, String::new(), o, l, &["OK", "EntityAlreadyExists"]);
        // 2. a key for the round's target, all clients at once
        let target = names.target(r);
        let (o, l) = iam.attempt("CreateAccessKey", &[("UserName", &target)]).await;
        racing(&mut log, "CreateAccessKey", target.clone(), String::new(), o, l, &["OK", "LimitExceeded"]);
        // 3. the target into one of 15 groups, all clients at once
        let group = groups[c % GROUPS].clone();
        let (o, l) = iam.attempt("AddUserToGroup", &[("UserName", &target), ("GroupName", &group)]).await;
        racing(&mut log, "AddUserToGroup", target, group.clone(), o, l, &["OK", "LimitExceeded"]);
        // 4. a victim: deleted by some clients while others give it a key or a group
        let victim = names.victim(r, (c / 4) % VICTIMS);
        let (action, allowed): (&'static str, &[&str]) = match c % 4 {
            0 => ("CreateAccessKey", &["OK", "NoSuchEntity", "LimitExceeded"]),
            2 => ("AddUserToGroup", &["OK", "NoSuchEntity", "LimitExceeded"]),
            _ => ("DeleteUser", &["OK", "NoSuchEntity", "DeleteConflict"]),
        };
        let mut params = vec![("UserName", victim.as_str())];
        if action == "AddUserToGroup" {
            params.push(("GroupName", group.as_str()));
        }
        let (o, l) = iam.attempt(action, &params).await;
        let argument = if action == "AddUserToGroup" { group } else { String::new() };
        racing(&mut log, action, victim, argument, o, l, allowed);

        // 5–20. the client's own users, against its exact model
        for _ in 0..OWN_PER_ROUND {
            let i = rng.below(OWN_USERS);
            let user = names.own(c, i);
            let op = Op::choose(&mut rng, &own[i], groups);
            let expected = op.expected(&own[i]);
            let (outcome, latency) = iam.attempt(op.action(), &op.params(&user, &own_path)).await;
            log.latencies.push(latency);
            if outcome.code() != expected {
                log.violation(format!(
                    "{} {user} {}: got {}, the model expects {expected}",
                    op.action(),
                    op.argument(),
                    outcome.describe()
                ));
                // Follow the server so one surprise does not cascade (the final listing is compared anyway).
            }
            if let Outcome::Ok(xml) = &outcome {
                let key = tag(xml, "AccessKeyId");
                op.apply(&mut own[i], key);
            }
        }
    }
    (log, own)
}

fn racing(
    log: &mut Log,
    action: &'static str,
    user: String,
    argument: String,
    outcome: Outcome,
    latency: Duration,
    allowed: &[&str],
) {
    log.latencies.push(latency);
    if !allowed.contains(&outcome.code()) {
        log.violation(format!("{action} {user} {argument}: got {}, allowed {allowed:?}", outcome.describe()));
    }
    let key = match &outcome {
        Outcome::Ok(xml) => tag(xml, "AccessKeyId").map(str::to_owned),
        _ => None,
    };
    log.racing.push((action, user, argument, outcome.code().to_owned(), key));
}

/// Compares the acknowledged outcomes with the final state; returns what was checked, in words.
async fn check(
    iam: &Iam,
    names: &Names,
    groups: &[String],
    rounds: usize,
    models: &[Vec<Model>],
    log: &mut Log,
) -> anyhow::Result<Vec<String>> {
    let mut done = Vec::new();
    // Outcomes of the racing mutations, by (action, user).
    let mut by: HashMap<(&str, String), Vec<(String, String, Option<String>)>> = HashMap::new();
    for (action, user, argument, code, key) in &log.racing {
        by.entry((*action, user.clone())).or_default().push((argument.clone(), code.clone(), key.clone()));
    }
    let outcomes = |action: &'static str, user: &str| by.get(&(action, user.to_owned())).cloned().unwrap_or_default();
    let mut violations = Vec::new();

    // Duplicate names: exactly one creation acknowledged per name, and the user is there.
    let dup_users = iam.user_names(&names.path("dup")).await?;
    let mut dup_attempts = 0;
    for r in 0..rounds {
        for k in 0..DUP_NAMES {
            let name = names.dup(r, k);
            let attempts = outcomes("CreateUser", &name);
            if attempts.is_empty() {
                continue;
            }
            dup_attempts += attempts.len();
            let ok = attempts.iter().filter(|(_, code, _)| code == "OK").count();
            if ok != 1 {
                violations.push(format!("CreateUser {name}: {ok} of {} racing creations succeeded", attempts.len()));
            }
            if !dup_users.contains(&name) {
                violations.push(format!("user {name} was created (acknowledged) but is not listed"));
            }
        }
    }
    done.push(format!("duplicate names: {dup_attempts} racing CreateUser, exactly one success per name"));

    // Targets: exactly 2 keys and 10 groups, the acknowledged ones.
    let mut key_attempts = 0;
    let mut group_attempts = 0;
    for r in 0..rounds {
        let target = names.target(r);
        let keys = outcomes("CreateAccessKey", &target);
        key_attempts += keys.len();
        let acked: BTreeSet<String> = keys.iter().filter_map(|(_, _, k)| k.clone()).collect();
        let listed = iam.keys_of(&target).await?.unwrap_or_default();
        let expected = MAX_KEYS.min(keys.len());
        if acked.len() != expected || listed != acked {
            violations.push(format!(
                "{target}: {} of {} racing CreateAccessKey succeeded (expected {expected}); listed {listed:?}, \
                 acknowledged {acked:?}",
                acked.len(),
                keys.len()
            ));
        }
        let adds = outcomes("AddUserToGroup", &target);
        group_attempts += adds.len();
        let wanted: BTreeSet<&String> = adds.iter().map(|(g, _, _)| g).collect();
        let ok: BTreeSet<String> = adds.iter().filter(|(_, c, _)| c == "OK").map(|(g, _, _)| g.clone()).collect();
        let refused: BTreeSet<String> =
            adds.iter().filter(|(_, c, _)| c == "LimitExceeded").map(|(g, _, _)| g.clone()).collect();
        let member_of = iam.groups_of(&target).await?.unwrap_or_default();
        let expected = MAX_GROUPS.min(wanted.len());
        if member_of.len() != expected || ok != member_of || refused.iter().any(|g| member_of.contains(g)) {
            violations.push(format!(
                "{target}: in {} groups (expected {expected}): {member_of:?}; acknowledged {ok:?}, refused {refused:?}",
                member_of.len()
            ));
        }
    }
    done.push(format!(
        "limits: {key_attempts} racing CreateAccessKey ({MAX_KEYS} per user) and {group_attempts} racing \
         AddUserToGroup over {GROUPS} groups ({MAX_GROUPS} per user), over {rounds} target users"
    ));

    // Victims: a deleted user never had a key or a group acknowledged; a live one has exactly the acknowledged ones.
    let mut victim_ops = 0;
    let mut deleted = 0;
    for r in 0..rounds {
        for v in 0..VICTIMS {
            let victim = names.victim(r, v);
            let deletes = outcomes("DeleteUser", &victim);
            let keys = outcomes("CreateAccessKey", &victim);
            let adds = outcomes("AddUserToGroup", &victim);
            victim_ops += deletes.len() + keys.len() + adds.len();
            let acked_keys: BTreeSet<String> = keys.iter().filter_map(|(_, _, k)| k.clone()).collect();
            let acked_groups: BTreeSet<String> =
                adds.iter().filter(|(_, c, _)| c == "OK").map(|(g, _, _)| g.clone()).collect();
            let deletions = deletes.iter().filter(|(_, c, _)| c == "OK").count();
            let listed_keys = iam.keys_of(&victim).await?;
            let listed_groups = iam.groups_of(&victim).await?;
            match deletions {
                0 => {
                    if listed_keys.as_ref() != Some(&acked_keys) || listed_groups.as_ref() != Some(&acked_groups) {
                        violations.push(format!(
                            "{victim} (not deleted): keys {listed_keys:?} groups {listed_groups:?}, acknowledged \
                             keys {acked_keys:?} groups {acked_groups:?}"
                        ));
                    }
                }
                1 => {
                    deleted += 1;
                    if listed_keys.is_some() || !acked_keys.is_empty() || !acked_groups.is_empty() {
                        violations.push(format!(
                            "{victim} deleted (acknowledged) but still listed ({listed_keys:?}) or with acknowledged \
                             keys {acked_keys:?} / groups {acked_groups:?} that must now be orphans"
                        ));
                    }
                }
                n => violations.push(format!("{victim}: {n} deletions succeeded")),
            }
            for key in &acked_keys {
                let (o, _) = iam.attempt("GetAccessKeyLastUsed", &[("AccessKeyId", key)]).await;
                let owner = match &o {
                    Outcome::Ok(xml) => tag(xml, "UserName").map(str::to_owned),
                    _ => None,
                };
                if owner.as_deref() != Some(victim.as_str()) {
                    violations.push(format!("key {key} of {victim}: GetAccessKeyLastUsed answers {}", o.describe()));
                }
            }
        }
    }
    done.push(format!(
        "delete races: {victim_ops} racing DeleteUser / CreateAccessKey / AddUserToGroup on {} users ({deleted} \
         deleted), no orphan",
        rounds * VICTIMS
    ));

    // Own users: the final listings equal each client's model.
    let mut own_checked = 0;
    for (c, own) in models.iter().enumerate() {
        let listed = iam.user_names(&names.own_path(c)).await?;
        for (i, model) in own.iter().enumerate() {
            let user = names.own(c, i);
            own_checked += 1;
            let actual = Model {
                exists: listed.contains(&user),
                groups: iam.groups_of(&user).await?.unwrap_or_default(),
                keys: iam.keys_of(&user).await?.unwrap_or_default(),
            };
            if &actual != model {
                violations.push(format!("{user}: the server has {actual:?}, the acknowledged writes say {model:?}"));
            }
        }
        let expected: BTreeSet<String> =
            own.iter().enumerate().filter(|(_, m)| m.exists).map(|(i, _)| names.own(c, i)).collect();
        if listed != expected {
            violations.push(format!("client {c}: ListUsers has {listed:?}, expected {expected:?}"));
        }
    }
    done.push(format!("no lost writes: {own_checked} users' final state equals their client's acknowledged log"));

    // Everyone: at most 2 keys and 10 groups; group member lists and users' group lists agree.
    let everyone = iam.user_names(&names.root()).await?;
    let mut memberships: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for user in &everyone {
        let member_of = iam.groups_of(user).await?.unwrap_or_default();
        let keys = iam.keys_of(user).await?.unwrap_or_default();
        if member_of.len() > MAX_GROUPS || keys.len() > MAX_KEYS {
            violations.push(format!("{user}: {} groups, {} keys", member_of.len(), keys.len()));
        }
        for g in member_of {
            memberships.entry(g).or_default().insert(user.clone());
        }
    }
    for g in groups {
        let members = iam.paged("GetGroup", &[("GroupName", g)], "UserName").await?;
        let from_users = memberships.remove(g).unwrap_or_default();
        if members != from_users {
            violations.push(format!("group {g}: GetGroup lists {members:?}, the users' group lists {from_users:?}"));
        }
        if let Some(stray) = members.iter().find(|u| !everyone.contains(*u)) {
            violations.push(format!("group {g} has member {stray}, who does not exist"));
        }
    }
    done.push(format!("consistency: {} users, {GROUPS} groups, limits and both membership views", everyone.len()));
    for v in violations {
        log.violation(v);
    }
    Ok(done)
}
