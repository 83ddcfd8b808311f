//! Users' paths by name, kept in memory for the ARN an action on a user is authorized against. Most actions on a user
//! (`PutUserPolicy`, `CreateAccessKey`, `AddUserToGroup`, …) name it without its path, yet authorize against
//! `…:user<path><name>` before anything else, so each read the user's row first: a round trip to the database on
//! every call (on SQLite two, with the pool's ping of a returned connection), for a value that changes only when the
//! user is moved, renamed or deleted. Automation touches a user several times in a row (create it, give it a policy,
//! issue its key); the path read by one call, or written by `CreateUser`, serves the next.
//!
//! Consistency, as in `auth_cache.rs`: `UpdateUser` and `DeleteUser` forget the name after their commit, so on one
//! server a move is in force from the next request; a load that raced such a change is not kept (every change moves
//! the epoch, and a load stores only under the epoch it began with: moves are rare, so one epoch for all names keeps
//! few loads from being kept). Servers sharing one PostgreSQL do not see each other's moves: an entry is used for at
//! most [`super::auth_cache::ENTRY_LIFETIME_MS`], the bound that already holds for a user's cached policies.
//! Absence is never cached, so a user created on another server is found at once.
//!
//! The writes that follow such an authorization most often (`PutUserPolicy`, `CreateAccessKey`) also return the
//! path they found the user at (`lookup::path_of_user`): a user moved in between, on this server or another, is
//! rolled back and authorized again where it is now, and a path found unchanged is kept for another lifetime.
//!
//! Only for authorization: a caller that writes the path back (`UpdateUser` keeps the old path when given only a new
//! name) reads it inside its transaction.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

use super::auth_cache::{fresh, lock, store, Entry};

#[derive(Debug, Default)]
pub(crate) struct UserPaths {
    epoch: AtomicU64,
    /// Keyed by account and folded name (`<account>:<name>`; neither contains a colon).
    paths: Mutex<HashMap<String, Entry<String>>>,
}

fn key(account_id: &str, name_folded: &str) -> String {
    format!("{account_id}:{name_folded}")
}

/// Taken before a read or a write that will find a user's path: the entry it stores is as old as this (the path was
/// found after it), and is not kept if a user was moved, renamed or deleted since.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Mark {
    epoch: u64,
    at_ms: i64,
}

impl UserPaths {
    pub fn mark(&self, now_ms: i64) -> Mark {
        Mark { epoch: self.epoch.load(Ordering::Acquire), at_ms: now_ms }
    }

    pub fn path(&self, account_id: &str, name_folded: &str, now_ms: i64) -> Option<String> {
        fresh(&lock(&self.paths), &key(account_id, name_folded), now_ms)
    }

    pub fn store(&self, mark: Mark, account_id: &str, name_folded: &str, path: &str) {
        let mut paths = lock(&self.paths);
        // Checked under the lock `forget` moves the epoch under, so no change can slip in between.
        if self.epoch.load(Ordering::Acquire) == mark.epoch {
            store(&mut paths, &key(account_id, name_folded), mark.at_ms, path.to_owned());
        }
    }

    /// After the commit of a move, rename or deletion of the user of that name.
    pub fn forget(&self, account_id: &str, name_folded: &str) {
        let mut paths = lock(&self.paths);
        self.epoch.fetch_add(1, Ordering::AcqRel);
        paths.remove(&key(account_id, name_folded));
    }
}

#[cfg(test)]
mod tests {
    use super::UserPaths;
    use crate::backend::service::auth_cache::ENTRY_LIFETIME_MS;

    #[test]
    fn a_load_that_raced_a_move_is_not_kept() {
        let paths = UserPaths::default();
        let began = paths.mark(0);
        paths.forget("123456789012", "alice");
        paths.store(began, "123456789012", "alice", "/old/");
        assert_eq!(paths.path("123456789012", "alice", 0), None);
        paths.store(paths.mark(0), "123456789012", "alice", "/new/");
        assert_eq!(paths.path("123456789012", "alice", 0).as_deref(), Some("/new/"));
    }

    #[test]
    fn a_move_forgets_only_that_name_and_entries_expire_from_their_mark() {
        let paths = UserPaths::default();
        paths.store(paths.mark(0), "123456789012", "alice", "/a/");
        paths.store(paths.mark(0), "123456789012", "bob", "/b/");
        paths.store(paths.mark(0), "210987654321", "alice", "/other-account/");
        paths.forget("123456789012", "alice");
        assert_eq!(paths.path("123456789012", "alice", 1), None);
        assert_eq!(paths.path("123456789012", "bob", 1).as_deref(), Some("/b/"));
        assert_eq!(paths.path("210987654321", "alice", 1).as_deref(), Some("/other-account/"));
        assert_eq!(paths.path("123456789012", "bob", ENTRY_LIFETIME_MS), None, "used for at most the lifetime");
    }
}
