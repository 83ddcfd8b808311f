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

impl UserPaths {
    /// Taken before a load (or a creation); pass it back to [`Self::store`].
    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    pub fn path(&self, account_id: &str, name_folded: &str, now_ms: i64) -> Option<String> {
        fresh(&lock(&self.paths), &key(account_id, name_folded), now_ms)
    }

    /// Kept only if no user was moved, renamed or deleted since `epoch` was taken.
    pub fn store(&self, epoch: u64, account_id: &str, name_folded: &str, now_ms: i64, path: &str) {
        let mut paths = lock(&self.paths);
        // Checked under the lock `forget` moves the epoch under, so no change can slip in between.
        if self.epoch() == epoch {
            store(&mut paths, &key(account_id, name_folded), now_ms, path.to_owned());
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
        let began = paths.epoch();
        paths.forget("123456789012", "alice");
        paths.store(began, "123456789012", "alice", 0, "/old/");
        assert_eq!(paths.path("123456789012", "alice", 0), None);
        paths.store(paths.epoch(), "123456789012", "alice", 0, "/new/");
        assert_eq!(paths.path("123456789012", "alice", 0).as_deref(), Some("/new/"));
    }

    #[test]
    fn a_move_forgets_only_that_name_and_entries_expire() {
        let paths = UserPaths::default();
        paths.store(paths.epoch(), "123456789012", "alice", 0, "/a/");
        paths.store(paths.epoch(), "123456789012", "bob", 0, "/b/");
        paths.store(paths.epoch(), "210987654321", "alice", 0, "/other-account/");
        paths.forget("123456789012", "alice");
        assert_eq!(paths.path("123456789012", "alice", 1), None);
        assert_eq!(paths.path("123456789012", "bob", 1).as_deref(), Some("/b/"));
        assert_eq!(paths.path("210987654321", "alice", 1).as_deref(), Some("/other-account/"));
        assert_eq!(paths.path("123456789012", "bob", ENTRY_LIFETIME_MS), None, "used for at most the lifetime");
    }
}
