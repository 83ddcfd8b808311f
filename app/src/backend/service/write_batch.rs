//! Group commit on SQLite's one writing connection.
//!
//! SQLite takes one writer at a time, and through sqlx every statement is a hand-off to the connection's own thread
//! and back; taking the pooled writing connection and giving it back adds two more (the pool pings a connection as
//! it returns). A change that waited for all of that per request spent most of its time in the write lock waiting
//! for wake-ups. Here concurrent changes share one transaction instead: each runs inside its own savepoint of the open
//! transaction (so a change that fails rolls back alone, and is isolated from the others' partial work), in arrival
//! order, one at a time. The first of a batch's changes to finish queues for a turn to commit the transaction, which
//! then holds every change that finished in the meantime; the others wait for that commit. A change's `commit`
//! returns only once that transaction has committed, so its caller never answers "done" for something not yet
//! durable, and readers on other connections see it as soon as its caller does.
//!
//! The savepoint is ours (`SAVEPOINT change`), not a SeaORM nested transaction: SeaORM makes the nested transaction
//! before sqlx has acknowledged the SAVEPOINT, so a request dropped in that moment had its savepoint rolled back twice
//! (by sqlx, which undoes an unacknowledged one itself, then by the dropped transaction), and the second rollback
//! undid the whole shared transaction, other changes already acknowledged included (`write_batches.rs` caught a
//! name created twice).
//!
//! Round trips to SQLite's thread are what a change spends its time in the lock on, so its savepoint costs none of
//! its own: a finished change's savepoint is released by the next change, and the `SAVEPOINT` goes in front of the
//! change's first statement that returns rows (`RELEASE SAVEPOINT change; SAVEPOINT change; INSERT … RETURNING …`,
//! one round trip). A first statement that returns no rows takes the savepoint in a round trip of its own before it
//! (sqlx reports `sqlite3_changes()` for every statement of a string, and after a `SAVEPOINT` that is a stale count).
//!
//! A change that stops (an error, or its request dropped mid-way) cannot run SQL from `Drop`: it marks the shared
//! state, and whoever takes the next turn rolls it back and releases it before anything else runs. Only a savepoint
//! known to be made is rolled back to: rolling back to one that is not would undo the change before, already
//! finished. So a first statement with the savepoint in front runs in a task of its own, which learns for certain how
//! far it got even when its request goes away, and marks the shared state itself then. A change dropped while a
//! `SAVEPOINT` sent on its own was on its way ran no statement of its own, and what that call did or did not release
//! is left for the commit, which releases every savepoint. A first statement that failed in a way that does not say
//! which part failed (anything but a constraint) leaves the batch untrustworthy: it is rolled back whole.
//!
//! PostgreSQL runs concurrent writers itself: there a [`WriteTxn`] is a plain transaction.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};

use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, EntityTrait, ExecResult, QueryResult,
    SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};
use tokio::sync::{Mutex, Notify, OwnedMutexGuard};

use super::wal_checkpoint::Checkpointer;
use crate::backend::db;
use crate::backend::entities::audit_event;

/// The shared transaction, when one is open, and the batch of changes it holds.
struct Shared {
    open: Option<DatabaseTransaction>,
    batch: Option<Arc<Batch>>,
    /// The audit records of the batch's changes so far, written with the batch's commit.
    audit: Vec<audit_event::ActiveModel>,
    /// The last change stopped inside its savepoint: it is rolled back before the next statement.
    abandoned: bool,
    /// The last change stopped not knowing whether its savepoint was made: the batch is rolled back whole.
    poisoned: bool,
    /// The last change finished and its savepoint is still open: the next `SAVEPOINT` releases it first.
    release_pending: bool,
    checkpointer: Arc<Checkpointer>,
}

impl Shared {
    /// The statement that makes the next change's savepoint, releasing the finished change's first if it is open.
    fn savepoint_sql(&mut self) -> &'static str {
        if std::mem::take(&mut self.release_pending) {
            RELEASE_THEN_SAVEPOINT
        } else {
            SAVEPOINT
        }
    }

    fn new(checkpointer: Arc<Checkpointer>) -> Self {
        Shared {
            open: None,
            batch: None,
            audit: Vec::new(),
            abandoned: false,
            poisoned: false,
            release_pending: false,
            checkpointer,
        }
    }
}

/// How a batch's commit went, for each change in it.
#[derive(Default)]
struct Batch {
    committed: OnceLock<Result<(), String>>,
    /// One of the batch's changes is queued to commit it: the others wait for `finished` only.
    committer: AtomicBool,
    /// Told when `committed` is set, and when a committer goes away before it.
    finished: Notify,
}

impl Batch {
    /// Records how the batch ended and wakes the changes waiting for it.
    fn finish(&self, outcome: Result<(), String>) {
        let _ = self.committed.set(outcome);
        self.finished.notify_waiters();
    }
}

/// Where writes go: the SQLite writing connection's shared transaction, or PostgreSQL.
#[derive(Clone)]
pub(crate) struct Writer {
    writes: DatabaseConnection,
    /// `Some` on SQLite. A fair (FIFO) lock: changes run, and batches commit, in arrival order.
    shared: Option<Arc<Mutex<Shared>>>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer").field("group_commit", &self.shared.is_some()).finish()
    }
}

/// One change's transaction: a savepoint in the shared transaction (SQLite) or a transaction of its own (PostgreSQL).
/// Statements run on it as on any connection; dropped without [`WriteTxn::commit`], its work is rolled back.
pub(crate) struct WriteTxn {
    /// PostgreSQL's transaction; `None` in a batch, whose statements run on the shared transaction.
    own: Option<DatabaseTransaction>,
    joined: Option<Joined>,
    /// This change's audit records: written with the change, or not at all.
    audit: std::sync::Mutex<Vec<audit_event::ActiveModel>>,
}

/// A change's place in a batch: the turn (the lock) while it runs, and the batch whose commit it waits for.
struct Joined {
    /// Behind a lock of its own because statements run through `&WriteTxn`; a change's statements run one at a time,
    /// so it is never waited for.
    turn: Mutex<Turn>,
    batch: Arc<Batch>,
    shared: Arc<Mutex<Shared>>,
    /// It finished: its work is the batch's now.
    released: bool,
    /// Set once this change has seen its batch committed (or has committed it).
    done: bool,
}

struct Turn {
    /// The write lock, until the change finishes; `None` while its first statement has it, in a task of its own.
    held: Option<OwnedMutexGuard<Shared>>,
    savepoint: Savepoint,
}

impl Turn {
    /// The shared transaction, while this change holds the lock.
    fn open(&self) -> Result<&DatabaseTransaction, DbErr> {
        self.held.as_ref().and_then(|held| held.open.as_ref()).ok_or_else(gone)
    }
}

/// What is known of a change's savepoint.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Savepoint {
    /// Not asked for: it goes with the change's first statement.
    Pending,
    /// A `SAVEPOINT` sent on its own is on its way, or failed: no statement of the change's own has run.
    Sending,
    /// Made: the change's work since is undone by rolling back to it.
    Made,
    /// The first statement, with the savepoint in front, failed without saying which part: nothing is known.
    Unknown,
}

impl Savepoint {
    /// The mark a change that stops now leaves for the next turn.
    fn mark_stopped(self, shared: &mut Shared) {
        match self {
            Savepoint::Made => shared.abandoned = true,
            Savepoint::Unknown => shared.poisoned = true,
            Savepoint::Pending | Savepoint::Sending => {}
        }
    }
}

const SAVEPOINT: &str = "SAVEPOINT change";
/// The savepoint of the change before, then this one's: one round trip.
const RELEASE_THEN_SAVEPOINT: &str = "RELEASE SAVEPOINT change; SAVEPOINT change";
const ROLLBACK_TO_AND_RELEASE: &str = "ROLLBACK TO SAVEPOINT change; RELEASE SAVEPOINT change";

impl Writer {
    /// On SQLite, its single writing connection ([`db::sqlite_writer`]), where changes share transactions; on
    /// PostgreSQL, `db` itself.
    pub(crate) fn new(db: &DatabaseConnection) -> Self {
        match db::sqlite_writer(db) {
            Some(writes) => {
                let shared = Shared::new(Checkpointer::new(db.clone()));
                Self { writes, shared: Some(Arc::new(Mutex::new(shared))) }
            }
            None => Self { writes: db.clone(), shared: None },
        }
    }

    /// For a single write statement outside a [`WriteTxn`].
    pub(crate) fn connection(&self) -> &DatabaseConnection {
        &self.writes
    }

    pub(crate) async fn begin(&self) -> Result<WriteTxn, DbErr> {
        // BEGIN IMMEDIATE: a deferred transaction that reads first and writes later fails at once with "database is
        // locked" if another connection (another process) committed in between. PostgreSQL ignores the option.
        let options = TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        };
        let Some(shared) = &self.shared else {
            let own = self.writes.begin_with_options(options).await?;
            return Ok(WriteTxn { own: Some(own), joined: None, audit: Default::default() });
        };
        let mut turn = settled(Arc::clone(shared).lock_owned().await).await.map_err(DbErr::Custom)?;
        if turn.open.is_none() {
            turn.open = Some(self.writes.begin_with_options(options).await?);
            turn.batch = Some(Arc::default());
            turn.release_pending = false;
        }
        let batch = Arc::clone(turn.batch.as_ref().ok_or_else(gone)?);
        // From here on the batch is this change's to see committed: if this request goes away, dropping `joined`
        // still has the batch committed.
        let turn = Mutex::new(Turn { held: Some(turn), savepoint: Savepoint::Pending });
        let joined = Joined { turn, batch, shared: Arc::clone(shared), released: false, done: false };
        Ok(WriteTxn { own: None, joined: Some(joined), audit: Default::default() })
    }
}

/// How a statement is run on a transaction: ConnectionTrait's methods, as plain functions a task can take along.
type Run<T> = for<'c> fn(&'c DatabaseTransaction, Statement) -> BoxFuture<'c, Result<T, DbErr>>;
type BoxFuture<'c, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'c>>;

fn query_one(txn: &DatabaseTransaction, stmt: Statement) -> BoxFuture<'_, Result<Option<QueryResult>, DbErr>> {
    txn.query_one_raw(stmt)
}

fn query_all(txn: &DatabaseTransaction, stmt: Statement) -> BoxFuture<'_, Result<Vec<QueryResult>, DbErr>> {
    txn.query_all_raw(stmt)
}

fn execute(txn: &DatabaseTransaction, stmt: Statement) -> BoxFuture<'_, Result<ExecResult, DbErr>> {
    txn.execute_raw(stmt)
}

fn rolled_back() -> String {
    "the batched transaction was rolled back".to_owned()
}

fn gone() -> DbErr {
    DbErr::Custom("the change's transaction is no longer open".to_owned())
}

impl Joined {
    /// Runs one statement of the change, making its savepoint first if this is its first statement: in front of it
    /// when it returns rows, else on its own.
    async fn run<T: Send + 'static>(&self, stmt: Statement, run: Run<T>, returns_rows: bool) -> Result<T, DbErr> {
        let mut turn = self.turn.lock().await;
        match turn.savepoint {
            Savepoint::Made => {}
            Savepoint::Pending if returns_rows => return first_statement(&mut turn, stmt, run).await,
            Savepoint::Pending => {
                let held = turn.held.as_mut().ok_or_else(gone)?;
                // Cleared before the call: if it fails or is cut short, whether it released anything is unknown,
                // and a savepoint left open is harmless (the commit releases it) where a second RELEASE would fail.
                let sql = held.savepoint_sql();
                turn.savepoint = Savepoint::Sending;
                let open = turn.open()?;
                execute_prepared(open, sql).await?;
                turn.savepoint = Savepoint::Made;
            }
            Savepoint::Sending | Savepoint::Unknown => {
                return Err(DbErr::Custom(format!(
                    "the change's savepoint is not known to be made ({:?})",
                    turn.savepoint
                )))
            }
        }
        let open = turn.open()?;
        run(open, stmt).await
    }
}

/// A change's first statement with its savepoint in front, in a task of its own that holds the turn meanwhile: if the
/// request goes away while the statement runs, the task still learns how far it got and marks the shared state for
/// the next turn, so only a savepoint known to be made is ever rolled back to.
async fn first_statement<T: Send + 'static>(turn: &mut Turn, mut stmt: Statement, run: Run<T>) -> Result<T, DbErr> {
    let mut held = turn.held.take().ok_or_else(gone)?;
    let (reply, outcome) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let sql = held.savepoint_sql();
        stmt.sql = format!("{sql}; {}", stmt.sql);
        // Should this task stop half-way (a panic), the lock is let go with nothing known of the change: the next
        // turn rolls the whole batch back.
        held.poisoned = true;
        let result = match held.open.as_ref() {
            Some(open) => run(open, stmt).await,
            None => Err(gone()),
        };
        held.poisoned = false;
        // A constraint failure comes from the change's own statement, so the savepoint before it was made; anything
        // else may have come from the savepoint statements themselves.
        let savepoint = match &result {
            Err(e) if !is_constraint_violation(e) => Savepoint::Unknown,
            _ => Savepoint::Made,
        };
        if let Err((mut held, savepoint, _)) = reply.send((held, savepoint, result)) {
            savepoint.mark_stopped(&mut held); // the change went away meanwhile
        }
    });
    let (held, savepoint, result) =
        outcome.await.map_err(|_| DbErr::Custom("the change's first statement stopped".to_owned()))?;
    turn.held = Some(held);
    turn.savepoint = savepoint;
    result
}

/// A violated constraint (unique, foreign key, not null, check): an error of a statement that ran, made no change.
fn is_constraint_violation(err: &DbErr) -> bool {
    use sea_orm::sqlx::error::ErrorKind;
    use sea_orm::RuntimeErr;
    match err {
        DbErr::Query(RuntimeErr::SqlxError(e)) | DbErr::Exec(RuntimeErr::SqlxError(e)) => match &**e {
            sea_orm::sqlx::Error::Database(e) => !matches!(e.kind(), ErrorKind::Other),
            _ => false,
        },
        _ => false,
    }
}

impl WriteTxn {
    /// Adds an audit record to this change: it is written in the same transaction, in one statement with the other
    /// records of the batch, so it commits exactly when the change does.
    pub(crate) fn record(&self, row: audit_event::ActiveModel) {
        self.audit.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(row);
    }

    /// Commits this change: returns once it is durable (with its batch, on SQLite), or with the error that stopped it.
    /// A caller that goes away half-way (a dropped request) leaves nothing half-done: in a batch the change and its
    /// audit records become the batch's in one step, which commits without this caller if need be; on PostgreSQL
    /// both are written and committed in a task of its own.
    pub(crate) async fn commit(mut self) -> Result<(), DbErr> {
        let audit = std::mem::take(self.audit.get_mut().unwrap_or_else(std::sync::PoisonError::into_inner));
        if let Some(own) = self.own.take() {
            let commit = tokio::spawn(async move {
                write_audit(&own, audit).await?;
                own.commit().await
            });
            return commit.await.unwrap_or_else(|e| Err(DbErr::Custom(format!("the commit stopped: {e}"))));
        }
        let joined = self.joined.as_mut().ok_or_else(gone)?;
        let turn = joined.turn.get_mut();
        let mut held = turn.held.take().ok_or_else(gone)?;
        joined.released = true;
        match turn.savepoint {
            Savepoint::Made => held.release_pending = true,
            // Its first statement failed without saying which part, and it commits anyway: the batch is unknown.
            Savepoint::Unknown => held.poisoned = true,
            Savepoint::Pending | Savepoint::Sending => {}
        }
        held.audit.extend(audit);
        // Without waiting for a task of its own to be scheduled: the next change runs while this one waits for its
        // batch's commit.
        drop(held);
        let committed = commit_batch(&joined.shared, &joined.batch).await;
        joined.done = true;
        committed.map_err(DbErr::Custom)
    }

    /// Rolls this change back now (dropping it does the same, a moment later).
    pub(crate) async fn rollback(mut self) -> Result<(), DbErr> {
        if let Some(own) = self.own.take() {
            return own.rollback().await;
        }
        let joined = self.joined.as_mut().ok_or_else(gone)?;
        let turn = joined.turn.get_mut();
        if let Some(mut held) = turn.held.take() {
            turn.savepoint.mark_stopped(&mut held);
        }
        // The batch may hold other changes waiting for its commit; this one's rollback does not cancel theirs.
        let committed = commit_batch(&joined.shared, &joined.batch).await;
        joined.done = true;
        committed.map_err(DbErr::Custom)
    }
}

/// A change that stops before its batch's commit (an error, a rollback, or the request going away mid-change) is
/// rolled back by the next turn, still has the batch committed for the other changes in it, and never leaves the
/// write lock held with nobody to release it.
impl Drop for Joined {
    fn drop(&mut self) {
        let turn = self.turn.get_mut();
        if let Some(mut held) = turn.held.take() {
            if !self.released {
                turn.savepoint.mark_stopped(&mut held);
            }
        }
        if self.done {
            return;
        }
        let (shared, batch) = (Arc::clone(&self.shared), Arc::clone(&self.batch));
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            runtime.spawn(async move {
                let _ = commit_batch(&shared, &batch).await;
            });
        }
    }
}

/// The turn, once a change that stopped inside its savepoint has been rolled back. That runs in a task of its own: cut
/// short half-way (a dropped request), it would leave unknown which savepoint is the newest, and a second try could
/// roll back to an older one, other changes' work with it.
async fn settled(turn: OwnedMutexGuard<Shared>) -> Result<OwnedMutexGuard<Shared>, String> {
    if !turn.abandoned && !turn.poisoned {
        return Ok(turn);
    }
    tokio::spawn(async move {
        let mut turn = turn;
        settle_abandoned(&mut turn).await;
        turn
    })
    .await
    .map_err(|e| format!("rolling back a stopped change failed: {e}"))
}

/// Rolls back and releases the savepoint of a change that stopped inside it (the newest savepoint of that name). A
/// failure, or a change that stopped not knowing whether its savepoint was made, leaves the batch untrustworthy: it is
/// rolled back whole, and the changes waiting for it are told so.
async fn settle_abandoned(turn: &mut Shared) {
    let poisoned = std::mem::take(&mut turn.poisoned);
    let abandoned = std::mem::take(&mut turn.abandoned);
    let Some(open) = &turn.open else {
        return;
    };
    let undone = if poisoned {
        Err(DbErr::Custom("a change stopped not knowing whether its savepoint was made".to_owned()))
    } else if abandoned {
        execute_prepared(open, ROLLBACK_TO_AND_RELEASE).await
    } else {
        Ok(())
    };
    if let Err(e) = undone {
        tracing::error!(error = %e, "a change could not be rolled back alone; its whole batch is rolled back");
        turn.open = None; // dropping the transaction rolls it back
        turn.audit.clear();
        if let Some(batch) = turn.batch.take() {
            batch.finish(Err(format!("the batched transaction was rolled back: {e}")));
        }
    }
}

/// Returns once this change's batch has committed (or failed to). The first of its changes to get here queues for the
/// write lock and commits the batch when its turn comes; the others wait for that commit, not for the lock: a turn
/// taken only to learn that the batch committed is a task woken in the lock's queue, which the changes behind it wait
/// for.
async fn commit_batch(shared: &Arc<Mutex<Shared>>, batch: &Arc<Batch>) -> Result<(), String> {
    loop {
        let finished = batch.finished.notified();
        tokio::pin!(finished);
        // Registered before the checks below, so a commit (or a committer going away) between the two still wakes it.
        finished.as_mut().enable();
        if let Some(committed) = batch.committed.get() {
            return committed.clone();
        }
        if !batch.committer.swap(true, Ordering::AcqRel) {
            return Committer(batch).commit(shared).await;
        }
        finished.await;
    }
}

/// The change that commits its batch. Should it go away before the batch has finished (its request dropped while it
/// queued for the lock), a change still waiting for the batch takes its place.
struct Committer<'b>(&'b Arc<Batch>);

impl Drop for Committer<'_> {
    fn drop(&mut self) {
        if self.0.committed.get().is_none() {
            self.0.committer.store(false, Ordering::Release);
            self.0.finished.notify_waiters();
        }
    }
}

impl Committer<'_> {
    /// Waits for the write lock, and commits the batch (with every change that finished in it meanwhile).
    async fn commit(&self, shared: &Arc<Mutex<Shared>>) -> Result<(), String> {
        let batch = self.0;
        let mut turn = settled(Arc::clone(shared).lock_owned().await).await?;
        if let Some(committed) = batch.committed.get() {
            return committed.clone(); // rolled back whole while settling
        }
        // Batches commit in order, each before the next opens, so an uncommitted batch is the open one, unless its
        // commit failed to finish (a panic), which leaves it rolled back.
        let open = match turn.open.take() {
            Some(open) if turn.batch.as_ref().is_some_and(|open| Arc::ptr_eq(open, batch)) => open,
            not_this_batch => {
                turn.open = not_this_batch;
                batch.finish(Err(rolled_back()));
                return Err(rolled_back());
            }
        };
        turn.batch = None;
        let audit = std::mem::take(&mut turn.audit);
        let batch = Arc::clone(batch);
        // A task of its own, holding the turn until it is done: a caller that goes away mid-commit (a dropped request)
        // cannot leave the batch half-finished, and the others in it still learn how it went.
        let commit = tokio::spawn(async move {
            // Without its audit records nothing commits: dropping `open` rolls the whole batch back.
            let committed = match write_audit(&open, audit).await {
                Ok(()) => open.commit().await,
                Err(e) => Err(e),
            };
            let committed = committed.map_err(|e| format!("the batched transaction did not commit: {e}"));
            batch.finish(committed.clone());
            if committed.is_ok() {
                turn.checkpointer.after_commit();
            }
            drop(turn);
            committed
        });
        commit.await.unwrap_or_else(|e| Err(format!("the batched transaction's commit stopped: {e}")))
    }
}

/// Runs one of the fixed savepoint statements through sqlx's prepared-statement cache. sqlx caches a statement only
/// when it comes with arguments, even none, which `execute_unprepared` never has: every change's `SAVEPOINT` was
/// parsed and planned anew (two statements, inside the write lock).
async fn execute_prepared(conn: &impl ConnectionTrait, sql: &str) -> Result<(), DbErr> {
    conn.execute_raw(Statement::from_string(conn.get_database_backend(), sql)).await.map(|_| ())
}

/// Audit records in as few statements as SQLite's bound-parameter limit allows.
async fn write_audit(txn: &DatabaseTransaction, mut rows: Vec<audit_event::ActiveModel>) -> Result<(), DbErr> {
    const ROWS_PER_INSERT: usize = 500;
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(ROWS_PER_INSERT));
        audit_event::Entity::insert_many(rows).exec_without_returning(txn).await?;
        rows = rest;
    }
    Ok(())
}

/// Statements run on a change's transaction, so helpers that take any connection take a [`WriteTxn`] too.
#[sea_orm::prelude::async_trait::async_trait]
impl ConnectionTrait for WriteTxn {
    fn get_database_backend(&self) -> DbBackend {
        // Batches are SQLite's alone (see `Writer::new`).
        self.own.as_ref().map_or(DbBackend::Sqlite, |own| own.get_database_backend())
    }

    async fn execute_raw(&self, stmt: Statement) -> Result<ExecResult, DbErr> {
        match (&self.own, &self.joined) {
            (Some(own), _) => own.execute_raw(stmt).await,
            (None, Some(joined)) => joined.run(stmt, execute, false).await,
            (None, None) => Err(gone()),
        }
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        match (&self.own, &self.joined) {
            (Some(own), _) => own.execute_unprepared(sql).await,
            // Through the same path as any statement (prepared and cached, fine for the fixed statements sent here).
            (None, Some(joined)) => joined.run(Statement::from_string(DbBackend::Sqlite, sql), execute, false).await,
            (None, None) => Err(gone()),
        }
    }

    async fn query_one_raw(&self, stmt: Statement) -> Result<Option<QueryResult>, DbErr> {
        match (&self.own, &self.joined) {
            (Some(own), _) => own.query_one_raw(stmt).await,
            (None, Some(joined)) => joined.run(stmt, query_one, true).await,
            (None, None) => Err(gone()),
        }
    }

    async fn query_all_raw(&self, stmt: Statement) -> Result<Vec<QueryResult>, DbErr> {
        match (&self.own, &self.joined) {
            (Some(own), _) => own.query_all_raw(stmt).await,
            (None, Some(joined)) => joined.run(stmt, query_all, true).await,
            (None, None) => Err(gone()),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn insert(x: &str) -> Statement {
        Statement::from_sql_and_values(DbBackend::Sqlite, "INSERT INTO t (x) VALUES (?) RETURNING x", [x.into()])
    }

    /// The change that queued to commit its batch goes away (its request dropped) while another change of the batch
    /// holds the write lock: the batch still commits, with both changes, and the other change's commit returns.
    #[tokio::test]
    async fn a_committer_that_goes_away_hands_the_commit_on() {
        let dir = tempfile::tempdir().unwrap();
        let db = db::connect(&format!("sqlite://{}", dir.path().join("iam.db").display())).await.unwrap();
        db.execute_unprepared("CREATE TABLE t (x TEXT)").await.unwrap();
        let writer = Writer::new(&db);

        let a = writer.begin().await.unwrap();
        a.query_one_raw(insert("a")).await.unwrap();
        // `c` queues for the lock behind `a`, and holds it, once `a` is done, until told to go on.
        let (began, c_began) = tokio::sync::oneshot::channel();
        let (go, c_goes) = tokio::sync::oneshot::channel::<()>();
        let other = writer.clone();
        let c = tokio::spawn(async move {
            let c = other.begin().await.unwrap();
            began.send(()).unwrap();
            c_goes.await.unwrap();
            c.query_one_raw(insert("c")).await.unwrap();
            c.commit().await
        });
        tokio::time::sleep(Duration::from_millis(50)).await;

        // `a` finishes, becomes its batch's committer and queues behind `c`, then goes away.
        let committing = tokio::time::timeout(Duration::from_millis(100), a.commit()).await;
        assert!(committing.is_err(), "the batch committed while `c` held the lock");
        c_began.await.unwrap();
        go.send(()).unwrap();

        let committed = tokio::time::timeout(Duration::from_secs(10), c).await;
        committed.expect("the batch was never committed").unwrap().unwrap();
        let rows = db.query_all_raw(Statement::from_string(DbBackend::Sqlite, "SELECT x FROM t ORDER BY x")).await;
        let rows: Vec<String> = rows.unwrap().iter().map(|row| row.try_get_by_index(0).unwrap()).collect();
        assert_eq!(rows, ["a", "c"]);
    }
}
