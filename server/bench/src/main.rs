//! `query-bench`: one IAM workload, SigV4-signed, against any Query API endpoint (ours, moto, …), so the figures
//! compare servers and not clients. Phases (timed): create users under a few paths, list them by path prefix in
//! pages, put an inline policy on each, create an access key for each. Then (untimed) everything is deleted, unless
//! `--keep`.
//!
//! The client runs on one thread (tokio current-thread runtime) with `--concurrency` requests in flight over
//! keep-alive connections, and reports its own CPU use per phase so one can see it is not the bottleneck.
//!
//! Two more modes check correctness rather than speed (docs/SECURITY.md): `query-bench race` (concurrent clients
//! racing mutations, every answer and the final state checked against the clients' own log) and `query-bench
//! crash-drive` / `crash-verify` (mutations logged to a file while the server is killed, then checked after restart).

mod crash;
mod race;

use std::future::Future;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use anyhow::{anyhow, bail, Context};
use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use clap::{Parser, Subcommand};
use reqwest::StatusCode;
use serde_json::json;

#[derive(Debug, Parser)]
#[command(
    name = "query-bench",
    about = "Load generator for the IAM Query API (SigV4, us-east-1, service iam)",
    args_conflicts_with_subcommands = true
)]
struct Cli {
    #[command(subcommand)]
    mode: Option<Mode>,
    /// Without a mode: the timed workload (create, list, put-policy, create-key), as before.
    #[command(flatten)]
    bench: Args,
}

#[derive(Debug, Subcommand)]
enum Mode {
    /// Concurrent clients racing mutations; exits non-zero on any violated invariant.
    Race(race::RaceArgs),
    /// Mutations with every acknowledged outcome appended to a log, until the server goes away.
    CrashDrive(crash::DriveArgs),
    /// Checks the server's state against the logs `crash-drive` wrote; exits non-zero on any difference.
    CrashVerify(crash::VerifyArgs),
}

/// Where to send requests and with which key.
#[derive(Debug, Clone, clap::Args)]
struct Conn {
    /// The Query API endpoint, e.g. http://127.0.0.1:3000
    #[arg(long)]
    endpoint: Option<String>,
    #[arg(long)]
    access_key_id: Option<String>,
    #[arg(long)]
    secret: Option<String>,
    /// A JSON file with AccessKeyId and SecretAccessKey (what `server bootstrap` prints), instead of the two flags.
    #[arg(long, conflicts_with_all = ["access_key_id", "secret"])]
    credentials: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct Args {
    #[command(flatten)]
    conn: Conn,
    #[arg(long, default_value_t = 2000)]
    users: usize,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// How many paths the users are spread over: /bench/a/, /bench/b/, …
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u8).range(1..=26))]
    paths: u8,
    /// How many times every path prefix is listed to the end in phase 2.
    #[arg(long, default_value_t = 10)]
    list_rounds: usize,
    /// A name for this run in the output (e.g. `ours`, `moto`).
    #[arg(long, default_value = "bench")]
    label: String,
    /// Leave the users (with their policies and keys) in place afterwards: for measuring the console over a full
    /// account (scripts/bench-users-page.sh).
    #[arg(long)]
    keep: bool,
}

/// The inline policy put on every user (phase 3).
const POLICY: &str = concat!(
    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"#,
    r#""Resource":"arn:aws:s3:::bench-bucket/${aws:username}/*"}]}"#
);
const PAGE_SIZE: &str = "100";

#[tokio::main(flavor = "current_thread")]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.mode {
        None => bench(cli.bench).await,
        Some(Mode::Race(args)) => race::run(args).await,
        Some(Mode::CrashDrive(args)) => crash::drive(args).await,
        Some(Mode::CrashVerify(args)) => crash::verify(args).await,
    }
}

async fn bench(args: Args) -> anyhow::Result<()> {
    let iam = Arc::new(Iam::new(&args.conn, args.concurrency)?);
    let workload = Workload { users: args.users, paths: args.paths as usize, list_rounds: args.list_rounds };
    println!(
        "query-bench {}: {} users over {} paths, concurrency {}, endpoint {}",
        args.label, workload.users, workload.paths, args.concurrency, iam.endpoint
    );

    // Untimed: open the connections and check the credentials.
    run_jobs(args.concurrency, args.concurrency, {
        let iam = iam.clone();
        move |_| {
            let iam = iam.clone();
            async move {
                let (_, latency) = iam.call("ListUsers", &[("PathPrefix", "/bench/"), ("MaxItems", "1")]).await?;
                Ok((vec![latency], 0))
            }
        }
    })
    .await
    .context("warm-up")?;

    let timed = run_phases(&iam, &workload, args.concurrency).await;
    let cleanup = if args.keep { Ok(()) } else { cleanup(&iam, &workload, args.concurrency).await };
    let phases = timed?;
    cleanup.context("cleanup")?;

    println!(
        "{:<14} {:>8} {:>8} {:>9} {:>10} {:>8} {:>8} {:>11}",
        "phase", "requests", "seconds", "req/s", "items/s", "p50 ms", "p99 ms", "client cpu"
    );
    for p in &phases {
        println!(
            "{:<14} {:>8} {:>8.2} {:>9.0} {:>10.0} {:>8.2} {:>8.2} {:>10.0}%",
            p.name,
            p.requests(),
            p.seconds(),
            p.rps(),
            p.items as f64 / p.seconds(),
            p.percentile_ms(50.0),
            p.percentile_ms(99.0),
            p.client_cpu() * 100.0
        );
    }
    let total_requests: usize = phases.iter().map(Phase::requests).sum();
    let total_seconds: f64 = phases.iter().map(Phase::seconds).sum();
    println!(
        "{:<14} {:>8} {:>8.2} {:>9.0}",
        "all phases",
        total_requests,
        total_seconds,
        total_requests as f64 / total_seconds
    );
    let summary = json!({
        "label": args.label,
        "endpoint": iam.endpoint,
        "users": workload.users,
        "paths": workload.paths,
        "concurrency": args.concurrency,
        "requests": total_requests,
        "seconds": total_seconds,
        "rps": total_requests as f64 / total_seconds,
        "phases": phases.iter().map(|p| json!({
            "phase": p.name,
            "requests": p.requests(),
            "items": p.items,
            "seconds": p.seconds(),
            "rps": p.rps(),
            "p50_ms": p.percentile_ms(50.0),
            "p99_ms": p.percentile_ms(99.0),
            "client_cpu": p.client_cpu(),
        })).collect::<Vec<_>>(),
    });
    println!("SUMMARY {summary}");
    Ok(())
}

#[derive(Clone, Copy)]
struct Workload {
    users: usize,
    paths: usize,
    list_rounds: usize,
}

impl Workload {
    fn user_name(i: usize) -> String {
        format!("bench-{i:05}")
    }

    fn path(&self, i: usize) -> String {
        format!("/bench/{}/", char::from(b'a' + (i % self.paths) as u8))
    }

    /// How many users live under path number `p`.
    fn users_under(&self, p: usize) -> usize {
        (0..self.users).filter(|i| i % self.paths == p).count()
    }
}

async fn run_phases(iam: &Arc<Iam>, w: &Workload, concurrency: usize) -> anyhow::Result<Vec<Phase>> {
    let mut phases = Vec::new();

    phases.push(
        Phase::run("create-users", concurrency, w.users, {
            let (iam, w) = (iam.clone(), *w);
            move |i| {
                let (iam, path) = (iam.clone(), w.path(i));
                async move {
                    let name = Workload::user_name(i);
                    let (_, latency) = iam.call("CreateUser", &[("UserName", &name), ("Path", &path)]).await?;
                    Ok((vec![latency], 1))
                }
            }
        })
        .await?,
    );

    // One job lists one path prefix to its end; every prefix is listed `list_rounds` times.
    let expected: Arc<Vec<usize>> = Arc::new((0..w.paths).map(|p| w.users_under(p)).collect());
    phases.push(
        Phase::run("list-users", concurrency, w.paths * w.list_rounds, {
            let (iam, w) = (iam.clone(), *w);
            move |job| {
                let (iam, expected) = (iam.clone(), expected.clone());
                let p = job % expected.len();
                let prefix = w.path(p);
                async move {
                    let (mut latencies, mut listed, mut marker) = (Vec::new(), 0, None::<String>);
                    loop {
                        let mut params = vec![("PathPrefix", prefix.as_str()), ("MaxItems", PAGE_SIZE)];
                        if let Some(m) = &marker {
                            params.push(("Marker", m));
                        }
                        let (xml, latency) = iam.call("ListUsers", &params).await?;
                        latencies.push(latency);
                        listed += xml.matches("<UserName>").count();
                        if tag(&xml, "IsTruncated") != Some("true") {
                            break;
                        }
                        marker = Some(unescape(
                            tag(&xml, "Marker").ok_or_else(|| anyhow!("truncated page without a Marker"))?,
                        ));
                    }
                    if listed != expected[p] {
                        bail!("listing {prefix} returned {listed} users, expected {}", expected[p]);
                    }
                    Ok((latencies, listed))
                }
            }
        })
        .await?,
    );

    phases.push(
        Phase::run("put-policy", concurrency, w.users, {
            let iam = iam.clone();
            move |i| {
                let iam = iam.clone();
                async move {
                    let name = Workload::user_name(i);
                    let params =
                        [("UserName", name.as_str()), ("PolicyName", "bench-read"), ("PolicyDocument", POLICY)];
                    let (_, latency) = iam.call("PutUserPolicy", &params).await?;
                    Ok((vec![latency], 1))
                }
            }
        })
        .await?,
    );

    phases.push(
        Phase::run("create-key", concurrency, w.users, {
            let iam = iam.clone();
            move |i| {
                let iam = iam.clone();
                async move {
                    let name = Workload::user_name(i);
                    let (xml, latency) = iam.call("CreateAccessKey", &[("UserName", &name)]).await?;
                    if tag(&xml, "SecretAccessKey").is_none() {
                        bail!("CreateAccessKey for {name} returned no secret");
                    }
                    Ok((vec![latency], 1))
                }
            }
        })
        .await?,
    );
    Ok(phases)
}

/// Deletes every bench user with its keys and policy, whatever state a failed run left them in.
async fn cleanup(iam: &Arc<Iam>, w: &Workload, concurrency: usize) -> anyhow::Result<()> {
    let started = Instant::now();
    run_jobs(concurrency, w.users, {
        let iam = iam.clone();
        move |i| {
            let iam = iam.clone();
            async move {
                let name = Workload::user_name(i);
                let user = [("UserName", name.as_str())];
                let (status, xml, _) = iam.send("ListAccessKeys", &user).await?;
                if status.is_success() {
                    for key in xml.split("<AccessKeyId>").skip(1).filter_map(|s| s.split('<').next()) {
                        iam.call("DeleteAccessKey", &[("UserName", name.as_str()), ("AccessKeyId", key)]).await?;
                    }
                }
                let policy = [("UserName", name.as_str()), ("PolicyName", "bench-read")];
                for (action, params) in [("DeleteUserPolicy", &policy[..]), ("DeleteUser", &user[..])] {
                    let (status, xml, _) = iam.send(action, params).await?;
                    if !status.is_success() && tag(&xml, "Code") != Some("NoSuchEntity") {
                        bail!("{action} {name}: HTTP {status}: {}", xml.trim());
                    }
                }
                Ok((Vec::new(), 0))
            }
        }
    })
    .await?;
    println!("cleanup: {} users deleted in {:.1} s (not timed)", w.users, started.elapsed().as_secs_f64());
    Ok(())
}

/// A SigV4-signing Query API client.
struct Iam {
    http: reqwest::Client,
    endpoint: String,
    host: String,
    credentials: Credentials,
}

impl Iam {
    /// A client keeping up to `pool` idle connections (one per request in flight).
    fn new(args: &Conn, pool: usize) -> anyhow::Result<Self> {
        let (access_key_id, secret) = match &args.credentials {
            Some(file) => {
                let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
                let json: serde_json::Value = serde_json::from_str(&text).context("credentials file is not JSON")?;
                let field = |name: &str| {
                    json[name].as_str().map(str::to_owned).ok_or_else(|| anyhow!("{} has no {name}", file.display()))
                };
                (field("AccessKeyId")?, field("SecretAccessKey")?)
            }
            None => match (&args.access_key_id, &args.secret) {
                (Some(id), Some(secret)) => (id.clone(), secret.clone()),
                _ => bail!("give --credentials, or --access-key-id and --secret"),
            },
        };
        let endpoint = args.endpoint.as_deref().ok_or_else(|| anyhow!("--endpoint is required"))?;
        let url = reqwest::Url::parse(endpoint).context("--endpoint is not a URL")?;
        let host = url.host_str().ok_or_else(|| anyhow!("--endpoint has no host"))?;
        let host = match url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        };
        let endpoint = format!("{}://{host}/", url.scheme());
        let http = reqwest::Client::builder().pool_max_idle_per_host(pool).build()?;
        let credentials = Credentials::new(access_key_id, secret, None, None, "query-bench");
        Ok(Self { http, endpoint, host, credentials })
    }

    /// One call; any answer but 2xx is an error carrying the IAM error code.
    async fn call(&self, action: &str, params: &[(&str, &str)]) -> anyhow::Result<(String, Duration)> {
        let (status, xml, latency) = self.send(action, params).await?;
        if !status.is_success() {
            bail!(
                "{action}: HTTP {status}: {} {}",
                tag(&xml, "Code").unwrap_or("?"),
                tag(&xml, "Message").unwrap_or(&xml)
            );
        }
        Ok((xml, latency))
    }

    /// Signs and sends one call; the latency covers signing, the round trip and reading the whole body.
    async fn send(&self, action: &str, params: &[(&str, &str)]) -> anyhow::Result<(StatusCode, String, Duration)> {
        let started = Instant::now();
        let request = self.signed(action, params)?;
        let response = request.send().await.with_context(|| format!("{action}: request failed"))?;
        let status = response.status();
        let xml = response.text().await?;
        Ok((status, xml, started.elapsed()))
    }

    /// `POST /` with the form body, signed with SigV4 (Authorization and X-Amz-Date headers).
    fn signed(&self, action: &str, params: &[(&str, &str)]) -> anyhow::Result<reqwest::RequestBuilder> {
        const CONTENT_TYPE: &str = "application/x-www-form-urlencoded; charset=utf-8";
        let mut form = form_urlencoded::Serializer::new(String::new());
        form.append_pair("Action", action).append_pair("Version", "2010-05-08");
        form.extend_pairs(params);
        let body = form.finish();

        let identity = self.credentials.clone().into();
        let signing_params = v4::SigningParams::builder()
            .identity(&identity)
            .region("us-east-1")
            .name("iam")
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()?
            .into();
        let headers = [("content-type", CONTENT_TYPE), ("host", self.host.as_str())];
        let signable =
            SignableRequest::new("POST", &self.endpoint, headers.into_iter(), SignableBody::Bytes(body.as_bytes()))?;
        let (instructions, _) = sign(signable, &signing_params)?.into_parts();

        let mut request =
            self.http.post(&self.endpoint).header("content-type", CONTENT_TYPE).header("host", &self.host);
        for (name, value) in instructions.headers() {
            request = request.header(name, value);
        }
        Ok(request.body(body))
    }
}

/// One timed phase: every request's latency, the wall time, and the client's own CPU time.
struct Phase {
    name: &'static str,
    latencies: Vec<Duration>,
    items: usize,
    wall: Duration,
    cpu: Duration,
}

impl Phase {
    async fn run<F, Fut>(name: &'static str, concurrency: usize, jobs: usize, job: F) -> anyhow::Result<Phase>
    where
        F: Fn(usize) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<(Vec<Duration>, usize)>> + Send + 'static,
    {
        let (cpu_before, started) = (cpu_time(), Instant::now());
        let (mut latencies, items) = run_jobs(concurrency, jobs, job).await.with_context(|| format!("phase {name}"))?;
        let (wall, cpu) = (started.elapsed(), cpu_time().saturating_sub(cpu_before));
        latencies.sort_unstable();
        Ok(Phase { name, latencies, items, wall, cpu })
    }

    fn requests(&self) -> usize {
        self.latencies.len()
    }

    fn seconds(&self) -> f64 {
        self.wall.as_secs_f64()
    }

    fn rps(&self) -> f64 {
        self.requests() as f64 / self.seconds()
    }

    /// Nearest-rank percentile of the sorted latencies, in milliseconds.
    fn percentile_ms(&self, p: f64) -> f64 {
        let rank = ((p / 100.0) * self.latencies.len() as f64).ceil() as usize;
        self.latencies.get(rank.saturating_sub(1)).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
    }

    /// The client's CPU time as a share of one core over the phase.
    fn client_cpu(&self) -> f64 {
        self.cpu.as_secs_f64() / self.seconds()
    }
}

/// Runs jobs `0..jobs` with at most `concurrency` at once; each returns its request latencies and an item count.
/// The first error stops the run (the other in-flight jobs are dropped).
async fn run_jobs<F, Fut>(concurrency: usize, jobs: usize, job: F) -> anyhow::Result<(Vec<Duration>, usize)>
where
    F: Fn(usize) -> Fut + Send + Sync + 'static,
    Fut: Future<Output = anyhow::Result<(Vec<Duration>, usize)>> + Send + 'static,
{
    let (next, job) = (Arc::new(AtomicUsize::new(0)), Arc::new(job));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency.clamp(1, jobs.max(1)) {
        let (next, job) = (next.clone(), job.clone());
        workers.spawn(async move {
            let (mut latencies, mut items) = (Vec::new(), 0);
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= jobs {
                    return anyhow::Ok((latencies, items));
                }
                let (l, n) = job(i).await?;
                latencies.extend(l);
                items += n;
            }
        });
    }
    let (mut latencies, mut items) = (Vec::with_capacity(jobs), 0);
    while let Some(worker) = workers.join_next().await {
        let (l, n) = worker??;
        latencies.extend(l);
        items += n;
    }
    Ok((latencies, items))
}

/// The text of the first `<name>…</name>` element (these documents have no attributes on the elements we read).
fn tag<'x>(xml: &'x str, name: &str) -> Option<&'x str> {
    let start = xml.find(&format!("<{name}>"))? + name.len() + 2;
    let len = xml[start..].find(&format!("</{name}>"))?;
    Some(&xml[start..start + len])
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'").replace("&amp;", "&")
}

/// This process's user + system CPU time, from /proc/self/stat (Linux; zero elsewhere). Clock ticks are 1/100 s.
fn cpu_time() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> =
        stat.rsplit_once(')').map(|(_, rest)| rest.split_whitespace().collect()).unwrap_or_default();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok()).unwrap_or(0);
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}
