//! Checkpoints of SQLite's write-ahead log, off the write path.
//!
//! By default the connection that commits a write transaction which brings the log past 1,000 pages copies the log
//! into the database file right then, fsyncs included, inside that commit. Here that connection is the one writing
//! connection every change queues for ([`super::write_batch`]), so every change waiting behind such a commit waited
//! for the copy too: under load it was a third of the time a batch's commit took, and most of the 99th percentile.
//! The writing connection therefore never checkpoints (`wal_autocheckpoint=0`, see [`crate::backend::db`]); instead,
//! after a batch commits, a `PASSIVE` checkpoint runs on a reading connection, on that connection's own thread, at
//! most one at a time and at most every [`INTERVAL`]. A passive checkpoint waits for nobody: the writer keeps
//! appending while it copies, and what readers still need stays in the log for the next one.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use sea_orm::{ConnectionTrait, DatabaseConnection};

/// At the write rates measured here (a few thousand changes a second) the log grows by a few MB between two
/// checkpoints: about what SQLite's own default of 1,000 pages lets it grow.
const INTERVAL: Duration = Duration::from_millis(200);

#[derive(Debug)]
pub(crate) struct Checkpointer {
    /// A pool of connections to the same file, other than the writing one.
    reads: DatabaseConnection,
    running: AtomicBool,
    last_started: Mutex<Option<Instant>>,
}

impl Checkpointer {
    pub(crate) fn new(reads: DatabaseConnection) -> Arc<Self> {
        Arc::new(Self { reads, running: AtomicBool::new(false), last_started: Mutex::new(None) })
    }

    /// Called after each batch commits: starts a checkpoint in the background when one is due and none is running.
    pub(crate) fn after_commit(self: &Arc<Self>) {
        {
            let mut last = self.last_started.lock().unwrap_or_else(PoisonError::into_inner);
            if last.is_some_and(|at| at.elapsed() < INTERVAL) || self.running.swap(true, Ordering::AcqRel) {
                return;
            }
            *last = Some(Instant::now());
        }
        let this = Arc::clone(self);
        tokio::spawn(async move {
            if let Err(e) = this.reads.execute_unprepared("PRAGMA wal_checkpoint(PASSIVE)").await {
                // Nothing is lost: the log keeps every committed change and the next checkpoint copies it.
                tracing::warn!(error = %e, "a background checkpoint of the SQLite log failed");
            }
            this.running.store(false, Ordering::Release);
        });
    }
}
