//! Policy evaluation benchmark: `iam-policy` side by side with `cedar-policy` on equivalent policy sets.
//!
//! `cargo run -p policy-bench --release` prints, for each case, nanoseconds per decision and decisions per
//! second for both engines. Before any timing it checks that both engines reach the expected decision on every
//! benchmark request (and so agree with each other). Only the decision is timed: policies are parsed and
//! compiled, and requests built, beforehand, for both engines alike. Each request set is decided round-robin in
//! a hand-timed loop behind `std::hint::black_box`, after a warm-up; the best of several runs is reported.
//!
//! Options: `--quick` (shorter runs, for a smoke test); `--show` (print every case's IAM and Cedar policies and
//! requests, and exit).

mod cases;
mod cedar_side;
mod iam_side;
mod model;

use std::hint::black_box;
use std::time::{Duration, Instant};

struct Timing {
    ns_per_decision: f64,
}

impl Timing {
    fn per_second(&self) -> f64 {
        1e9 / self.ns_per_decision
    }
}

/// Times `decide_all` (which decides every request of a case once and returns how many it decided): a warm-up,
/// then `runs` runs of about `run_time` each; the fastest run's time per decision.
fn time(mut decide_all: impl FnMut() -> usize, run_time: Duration, runs: usize) -> Timing {
    // Warm-up, and how many rounds fill a run.
    let start = Instant::now();
    let mut rounds = 0u64;
    while start.elapsed() < run_time / 2 {
        black_box(decide_all());
        rounds += 1;
    }
    let per_round = start.elapsed().as_secs_f64() / rounds.max(1) as f64;
    let rounds_per_run = ((run_time.as_secs_f64() / per_round) as u64).max(1);
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let start = Instant::now();
        let mut decisions = 0usize;
        for _ in 0..rounds_per_run {
            decisions += black_box(decide_all());
        }
        let ns = start.elapsed().as_nanos() as f64 / decisions.max(1) as f64;
        best = best.min(ns);
    }
    Timing {
        ns_per_decision: best,
    }
}

fn main() -> Result<(), String> {
    let quick = std::env::args().any(|a| a == "--quick");
    if std::env::args().any(|a| a == "--show") {
        for case in [cases::small(), cases::user_with_20(), cases::two_hundred()] {
            println!("== {}\n-- IAM", case.name);
            for p in &case.policies {
                println!("{}", model::iam_json(p));
            }
            println!("-- Cedar");
            for p in &case.policies {
                print!("{}", model::cedar_text(p));
            }
            println!("-- requests");
            for r in &case.requests {
                println!(
                    "{} {} {:?} => {:?}",
                    r.action, r.resource, r.context, r.expect
                );
            }
        }
        return Ok(());
    }
    let (run_time, runs) = if quick {
        (Duration::from_millis(100), 2)
    } else {
        (Duration::from_millis(1000), 5)
    };

    println!(
        "policy evaluation: iam-policy vs cedar-policy ({})",
        cedar_side::VERSION
    );
    println!(
        "{:<28} {:>6} {:>5} {:>5} | {:>12} {:>14} | {:>12} {:>14} | {:>7}",
        "case",
        "pols",
        "stmts",
        "reqs",
        "iam ns/dec",
        "iam dec/s",
        "cedar ns/dec",
        "cedar dec/s",
        "speedup"
    );
    let mut rows = Vec::new();
    for case in [cases::small(), cases::user_with_20(), cases::two_hundred()] {
        let iam = iam_side::Engine::new(&case)?;
        let cedar = cedar_side::Engine::new(&case)?;

        // Agreement first: every request gets its expected outcome from both engines.
        for (i, r) in case.requests.iter().enumerate() {
            let got_iam = iam.decide(i);
            let got_cedar = cedar.decide(i)?;
            if got_iam != r.expect || got_cedar != r.expect {
                return Err(format!(
                    "{}: request {i} ({} on {}): expected {:?}, iam-policy says {got_iam:?}, cedar-policy says {got_cedar:?}",
                    case.name, r.action, r.resource, r.expect
                ));
            }
        }

        let n = case.requests.len();
        let t_iam = time(
            || {
                for i in 0..n {
                    black_box(iam.decide_timed(black_box(i)));
                }
                n
            },
            run_time,
            runs,
        );
        let t_cedar = time(
            || {
                for i in 0..n {
                    black_box(cedar.decide_timed(black_box(i)));
                }
                n
            },
            run_time,
            runs,
        );
        let statements: usize = case.policies.iter().map(Vec::len).sum();
        let speedup = t_cedar.ns_per_decision / t_iam.ns_per_decision;
        println!(
            "{:<28} {:>6} {:>5} {:>5} | {:>12.1} {:>14.0} | {:>12.1} {:>14.0} | {:>6.1}x",
            case.name,
            case.policies.len(),
            statements,
            n,
            t_iam.ns_per_decision,
            t_iam.per_second(),
            t_cedar.ns_per_decision,
            t_cedar.per_second(),
            speedup
        );
        rows.push((case.name, t_iam, t_cedar, speedup));
    }

    // The targets: case (b) at most 1 µs per decision and at least 10x cedar-policy's throughput.
    if let Some((_, t_iam, _, speedup)) = rows.get(1) {
        let ok_latency = t_iam.ns_per_decision <= 1000.0;
        let ok_ratio = *speedup >= 10.0;
        println!(
            "target (b): <= 1000 ns/decision: {} ({:.1} ns); >= 10x cedar-policy: {} ({:.1}x)",
            if ok_latency { "met" } else { "MISSED" },
            t_iam.ns_per_decision,
            if ok_ratio { "met" } else { "MISSED" },
            speedup
        );
    }
    Ok(())
}
