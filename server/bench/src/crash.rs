//! `query-bench crash-drive` and `crash-verify`, the two halves of scripts/crash-test.sh.
//!
//! The driver runs clients that each own a few users (`/<prefix>/r<round>/c<client>/`) and mutate them (create,
//! delete, add to and remove from groups, create and delete keys), one request at a time. Before each request it
//! appends a `SENT` line to the log, and after an answer an `ACK` line with the answer's code (and a new key's id);
//! each line is one `write` to a file opened for appending, so whatever the server's fate, the log holds every
//! acknowledged outcome. When the server goes away (it is killed with SIGKILL), each client stops at its first
//! failed request, which stays `SENT` without `ACK`: its outcome is unknown.
//!
//! The verifier replays the log into a model of every user and compares it with the server's listings
//! (`ListUsers`, `ListGroupsForUser`, `ListAccessKeys`): every acknowledged create present unless an acknowledged
//! delete came after it, every acknowledged delete absent. A client's one unacknowledged request may or may not have
//! been committed: the user may be in either state.

use std::collections::{BTreeMap, BTreeSet};
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context};

use crate::race::{Model, Op, Outcome, Rng};
use crate::{tag, Conn, Iam};

const GROUPS: usize = 15;
const OWN_USERS: usize = 4;

#[derive(Debug, clap::Args)]
pub struct DriveArgs {
    #[command(flatten)]
    conn: Conn,
    /// The log of sent requests and acknowledged outcomes (appended to).
    #[arg(long)]
    log: PathBuf,
    /// This round's number: its users are new, under `/<prefix>/r<round>/`.
    #[arg(long)]
    round: usize,
    #[arg(long, default_value_t = 8)]
    clients: usize,
    /// Stop anyway after this long.
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    #[arg(long, default_value = "crash")]
    prefix: String,
}

#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    #[command(flatten)]
    conn: Conn,
    /// The log `crash-drive` wrote (all rounds).
    #[arg(long)]
    log: PathBuf,
    #[arg(long, default_value = "crash")]
    prefix: String,
}

fn group(prefix: &str, g: usize) -> String {
    format!("{prefix}-g{g:02}")
}

/// One `write` per line, so lines of concurrent clients never interleave.
struct Journal(Mutex<File>);

impl Journal {
    fn line(&self, fields: &[&str]) -> anyhow::Result<()> {
        let mut line = fields.join("\t");
        line.push('\n');
        let mut file = self.0.lock().map_err(|_| anyhow!("log lock poisoned"))?;
        file.write_all(line.as_bytes())?;
        file.flush()?;
        Ok(())
    }
}

pub async fn drive(args: DriveArgs) -> anyhow::Result<()> {
    let clients = args.clients.max(1);
    let iam = Arc::new(Iam::new(&args.conn, clients)?);
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&args.log)
        .with_context(|| format!("opening {}", args.log.display()))?;
    let journal = Arc::new(Journal(Mutex::new(file)));
    let groups: Arc<Vec<String>> = Arc::new((0..GROUPS).map(|g| group(&args.prefix, g)).collect());
    for g in groups.iter() {
        let (outcome, _) =
            iam.attempt("CreateGroup", &[("GroupName", g), ("Path", &format!("/{}/", args.prefix))]).await;
        match outcome.code() {
            "OK" | "EntityAlreadyExists" => {}
            _ => {
                println!("crash-drive round {}: the server went away while creating the groups", args.round);
                return Ok(());
            }
        }
    }

    let deadline = Instant::now() + Duration::from_secs(args.seconds);
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..clients {
        let (iam, journal, groups) = (iam.clone(), journal.clone(), groups.clone());
        let id = format!("r{}c{c}", args.round);
        let users: Vec<String> = (0..OWN_USERS).map(|i| format!("{}-{id}-u{i}", args.prefix)).collect();
        let path = format!("/{}/r{}/c{c}/", args.prefix, args.round);
        let seed = (args.round as u64) * 1_000 + c as u64 + 1;
        tasks.spawn(async move {
            let (mut rng, mut models) = (Rng::new(seed), vec![Model::default(); OWN_USERS]);
            let (mut acked, mut surprises) = (0usize, Vec::new());
            let mut seq = 0usize;
            while Instant::now() < deadline {
                let i = rng.below(OWN_USERS);
                let op = Op::choose(&mut rng, &models[i], &groups);
                let expected = op.expected(&models[i]);
                seq += 1;
                let seq_text = seq.to_string();
                journal.line(&["SENT", &id, &seq_text, &users[i], op.action(), op.argument()])?;
                let (outcome, _) = iam.attempt(op.action(), &op.params(&users[i], &path)).await;
                if let Outcome::Failed(_) = outcome {
                    break; // the server is gone (or dying): this request's outcome is unknown
                }
                let key = match &outcome {
                    Outcome::Ok(xml) => tag(xml, "AccessKeyId").unwrap_or(""),
                    _ => "",
                };
                journal.line(&["ACK", &id, &seq_text, outcome.code(), key])?;
                acked += 1;
                if outcome.code() != expected {
                    surprises.push(format!(
                        "{} {} {}: got {}, the model expects {expected}",
                        op.action(),
                        users[i],
                        op.argument(),
                        outcome.code()
                    ));
                }
                if let Outcome::Ok(_) = outcome {
                    op.apply(&mut models[i], Some(key));
                }
            }
            anyhow::Ok((acked, surprises))
        });
    }
    let (mut acked, mut surprises) = (0, Vec::new());
    while let Some(joined) = tasks.join_next().await {
        let (a, s) = joined??;
        acked += a;
        surprises.extend(s);
    }
    println!("crash-drive round {}: {acked} acknowledged mutations by {clients} clients", args.round);
    for s in &surprises {
        println!("VIOLATION {s}");
    }
    if !surprises.is_empty() {
        bail!("{} answer(s) differ from the model", surprises.len());
    }
    Ok(())
}

/// One logged request: the user, the mutation, and its acknowledged code and key id (`None` if never acknowledged).
struct Sent {
    user: String,
    op: Op,
    ack: Option<(String, String)>,
}

pub async fn verify(args: VerifyArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.log).with_context(|| format!("reading {}", args.log.display()))?;
    // client → seq → request
    let mut clients: BTreeMap<String, BTreeMap<usize, Sent>> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        let bad = || anyhow!("{} line {}: `{line}`", args.log.display(), n + 1);
        let seq: usize = fields.get(2).and_then(|s| s.parse().ok()).ok_or_else(bad)?;
        match fields.as_slice() {
            ["SENT", client, _, user, action, argument] => {
                let op = Op::parse(action, argument).ok_or_else(bad)?;
                clients
                    .entry((*client).to_owned())
                    .or_default()
                    .insert(seq, Sent { user: (*user).to_owned(), op, ack: None });
            }
            ["ACK", client, _, code, key] => {
                let sent = clients.get_mut(*client).and_then(|c| c.get_mut(&seq)).ok_or_else(bad)?;
                sent.ack = Some(((*code).to_owned(), (*key).to_owned()));
            }
            _ => return Err(bad()),
        }
    }

    let iam = Iam::new(&args.conn, 4)?;
    let listed = iam.user_names(&format!("/{}/", args.prefix)).await?;
    let mut violations = Vec::new();
    let (mut acked, mut pending, mut users_checked) = (0usize, 0usize, 0usize);
    let mut known = BTreeSet::new();
    for (client, requests) in &clients {
        let mut models: BTreeMap<&str, Model> = BTreeMap::new();
        let mut unacked: Option<&Sent> = None;
        for (seq, sent) in requests {
            models.entry(sent.user.as_str()).or_default();
            match (&sent.ack, unacked) {
                (_, Some(_)) => violations.push(format!("{client}: request {seq} was sent after an unanswered one")),
                (None, None) => unacked = Some(sent),
                (Some((code, key)), None) => {
                    acked += 1;
                    if code == "OK" {
                        if let Some(model) = models.get_mut(sent.user.as_str()) {
                            sent.op.apply(model, Some(key));
                        }
                    }
                }
            }
        }
        pending += usize::from(unacked.is_some());
        for (user, model) in &models {
            users_checked += 1;
            known.insert(user.to_string());
            let actual = Model {
                exists: listed.contains(*user),
                groups: iam.groups_of(user).await?.unwrap_or_default(),
                keys: iam.keys_of(user).await?.unwrap_or_default(),
            };
            if &actual == model {
                continue;
            }
            // The one unanswered request, if it was for this user, may have been committed.
            let committed = unacked.filter(|s| s.user == *user).is_some_and(|s| {
                if s.op.expected(model) != "OK" {
                    return false;
                }
                match &s.op {
                    Op::CreateKey => {
                        actual.exists == model.exists
                            && actual.groups == model.groups
                            && actual.keys.len() == model.keys.len() + 1
                            && actual.keys.is_superset(&model.keys)
                    }
                    op => {
                        let mut after = model.clone();
                        op.apply(&mut after, None);
                        actual == after
                    }
                }
            });
            if !committed {
                violations.push(format!("{user}: the server has {actual:?}, the acknowledged log says {model:?}"));
            }
        }
    }
    for stray in listed.difference(&known) {
        violations.push(format!("user {stray} exists but no logged request created it"));
    }
    println!(
        "crash-verify: {acked} acknowledged mutations of {users_checked} users checked against the server ({} users \
         listed), {pending} unanswered request(s) accepted either way",
        listed.len()
    );
    for v in &violations {
        println!("VIOLATION {v}");
    }
    println!("violations: {}", violations.len());
    if !violations.is_empty() {
        bail!("{} violation(s)", violations.len());
    }
    Ok(())
}
