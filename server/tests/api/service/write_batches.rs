//! Concurrent changes (on SQLite they share the writing transaction, each in its own savepoint; on PostgreSQL they
//! are plain transactions): each commits together with its audit record or not at all, a failed or abandoned change
//! takes no other change with it, and the write lock is never left held. On SQLite the log is checkpointed in the
//! background, since the writing connection never does it itself.

use std::collections::BTreeSet;
use std::time::Duration;

use app::backend::entities::{audit_event, iam_user};
use app::backend::service::CreateUser;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tokio::task::JoinSet;

use super::harness::{path, user_name, Iam};

// Several worker threads, so changes from many requests really do arrive while a batch is open.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn racing_failing_and_abandoned_changes_commit_exactly_with_their_audit_records() {
    let iam = Iam::new().await;
    let mut changes = JoinSet::new();
    for i in 0..300_u64 {
        let (service, call) = (iam.service.clone(), iam.root());
        changes.spawn(async move {
            // 100 names, three changes each (one of them abandoned): at most one of each three can succeed.
            let name = format!("batch-{}", i % 100);
            let input = CreateUser { name: user_name(&name), path: path("/batch/"), tags: vec![] };
            let create = service.create_user(&call, input);
            if i % 3 == 0 {
                // Abandoned part-way, as a request whose client went away: dropped at whatever point it had reached.
                let _ = tokio::time::timeout(Duration::from_micros(i * 53 % 700), create).await;
                None
            } else {
                Some((name, create.await.is_ok()))
            }
        });
    }
    let mut acknowledged = BTreeSet::new();
    while let Some(outcome) = changes.join_next().await {
        if let Some((name, true)) = outcome.unwrap() {
            assert!(acknowledged.insert(name.clone()), "{name} was created twice");
        }
    }
    assert!(!acknowledged.is_empty());

    // Nothing holds the write lock: the next change goes through (a held lock would time out here).
    let after = CreateUser { name: user_name("after-the-race"), path: path("/"), tags: vec![] };
    tokio::time::timeout(Duration::from_secs(20), iam.service.create_user(&iam.root(), after))
        .await
        .expect("the write lock was left held")
        .unwrap();

    let db = iam.service.db();
    let users: BTreeSet<String> =
        iam_user::Entity::find().all(db).await.unwrap().into_iter().map(|user| user.name).collect();
    for name in &acknowledged {
        assert!(users.contains(name), "{name} was acknowledged but is missing");
    }
    // Every user has exactly one record of its creation, and every record of a creation has its user.
    let records = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("iam:CreateUser"))
        .filter(audit_event::Column::Outcome.eq("allowed"))
        .all(db)
        .await
        .unwrap();
    let mut recorded = BTreeSet::new();
    for record in &records {
        let name = record.resource.rsplit('/').next().unwrap().to_owned();
        assert!(recorded.insert(name.clone()), "two creation records for {name}");
    }
    assert_eq!(recorded, users, "users and their creation records differ");
}

/// The writing connection never copies the log into the database file (`wal_autocheckpoint=0`): only the background
/// checkpoint does, so the file grows only if that runs.
#[tokio::test]
async fn the_log_is_checkpointed_into_the_database_file_in_the_background() {
    let iam = Iam::new().await;
    let Some(file) = iam.sqlite_file.clone() else { return }; // PostgreSQL has no such log
    let size = || std::fs::metadata(&file).unwrap().len();
    let before = size();
    // Enough rows for new pages, in changes a checkpoint interval (200 ms) apart, so one is due after the last.
    for round in 0..3 {
        for i in 0..150 {
            let name = user_name(&format!("checkpointed-{round}-{i}-with-a-long-name-to-fill-pages"));
            let input = CreateUser { name, path: path("/checkpointed/"), tags: vec![] };
            iam.service.create_user(&iam.root(), input).await.unwrap();
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while size() <= before {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the database file stayed at {before} bytes: no checkpoint ran"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
