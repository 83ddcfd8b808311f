//! What every authenticated request needs before it can act — the access key's secret and owner, and the caller's
//! compiled policies — kept in memory between requests. Without it each API call spent about half its database
//! round trips (and an AES-GCM open, and a policy parse + compile) re-reading the same rows.
//!
//! Consistency: a service method that changes what a cached entry was read from calls
//! [`super::IamService::access_changed`] after its commit, so on one server a change is in force for the very next
//! request. Several servers on one PostgreSQL do not see each other's changes: there an entry lives at most
//! [`ENTRY_LIFETIME_MS`], the delay AWS itself documents for IAM changes to propagate being far longer.
//!
//! A load races a change like this: the loader notes the epoch, reads the database, and stores its result only if no
//! invalidation that concerns it (one of the same user's, or one of everyone's) happened meanwhile. Invalidations run
//! after the commit and are numbered by the epoch they move it to, so a loader that read before the commit always sees
//! a later number. Changes to other users do not hold the caller's entry back: under a stream of `PutUserPolicy` calls
//! on other users (one every few hundred microseconds) a load that takes as long would rarely be kept, and the
//! caller's policies would be read again on most calls.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use super::access_keys::KeyForSigning;
use super::effective::EffectivePolicies;

/// How long an entry may be used without being re-read (milliseconds of the service clock).
pub const ENTRY_LIFETIME_MS: i64 = 1_000;
/// Past this many entries a map is emptied rather than grown: a bound on memory, not an eviction policy.
const MAX_ENTRIES: usize = 10_000;
/// `GetAccessKeyLastUsed` is refreshed at most this often per key, service and region (AWS's own figure is hours).
pub const LAST_USED_INTERVAL_MS: i64 = 60_000;

/// Which cached facts a committed change may have made stale.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AccessChange {
    /// The user's own policies, group memberships, name or path, or existence.
    User(String),
    /// Anything shared: group policies, managed policies, key status. Everything is re-read.
    Everyone,
}

#[derive(Debug, Default)]
pub(crate) struct AuthCache {
    epoch: AtomicU64,
    changes: Mutex<LastChanges>,
    keys: Mutex<HashMap<String, Entry<KeyForSigning>>>,
    policies: Mutex<HashMap<String, Entry<Arc<EffectivePolicies>>>>,
    key_use: Mutex<HashMap<String, KeyUse>>,
    /// Throttle counters (by digest) last read free of failures, for the signature check every API call makes.
    throttle_clear: Mutex<HashMap<String, Entry<()>>>,
    /// Moved by every failure counted here: a read of the counters that raced one is not kept.
    throttle_epoch: AtomicU64,
}

#[derive(Debug)]
pub(super) struct Entry<T> {
    loaded_at_ms: i64,
    value: T,
}

/// The epoch of the latest invalidation of everyone, and of each user's since.
#[derive(Debug, Default)]
struct LastChanges {
    everyone: u64,
    users: HashMap<String, u64>,
}

impl LastChanges {
    fn record(&mut self, change: &AccessChange, epoch: u64) {
        match change {
            AccessChange::Everyone => self.everyone = epoch,
            // Forgetting users' changes is safe only as a change of everyone's.
            AccessChange::User(_) if self.users.len() >= MAX_ENTRIES => {
                self.users.clear();
                self.everyone = epoch;
            }
            AccessChange::User(user_id) => {
                self.users.insert(user_id.clone(), epoch);
            }
        }
    }

    /// Whether nothing that concerns `user_id` (`None`: the root, concerned only by everyone's) changed after `epoch`.
    fn none_since(&self, epoch: u64, user_id: Option<&str>) -> bool {
        let user_changed = user_id.and_then(|id| self.users.get(id)).copied().unwrap_or(0);
        self.everyone <= epoch && user_changed <= epoch
    }
}

#[derive(Debug)]
struct KeyUse {
    recorded_at_ms: i64,
    service: String,
    region: String,
}

/// A poisoned lock only means another request panicked mid-update of a cache; the map is still a valid map.
pub(super) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub(super) fn fresh<T: Clone>(map: &HashMap<String, Entry<T>>, id: &str, now_ms: i64) -> Option<T> {
    map.get(id).filter(|e| (0..ENTRY_LIFETIME_MS).contains(&(now_ms - e.loaded_at_ms))).map(|e| e.value.clone())
}

pub(super) fn store<T>(map: &mut HashMap<String, Entry<T>>, id: &str, now_ms: i64, value: T) {
    if map.len() >= MAX_ENTRIES {
        map.clear();
    }
    map.insert(id.to_owned(), Entry { loaded_at_ms: now_ms, value });
}

impl AuthCache {
    /// Taken before a load; pass it back to `store_*` so a load that raced an invalidation is not kept.
    pub fn epoch(&self) -> u64 {
        self.epoch.load(Ordering::Acquire)
    }

    pub fn key(&self, access_key_id: &str, now_ms: i64) -> Option<KeyForSigning> {
        fresh(&lock(&self.keys), access_key_id, now_ms)
    }

    pub fn store_key(&self, epoch: u64, access_key_id: &str, now_ms: i64, key: KeyForSigning) {
        let mut keys = lock(&self.keys);
        // Checked under the lock that `invalidate` also takes, so no invalidation can slip in between.
        if lock(&self.changes).none_since(epoch, key.caller.user_id()) {
            store(&mut keys, access_key_id, now_ms, key);
        }
    }

    pub fn policies(&self, user_id: &str, now_ms: i64) -> Option<Arc<EffectivePolicies>> {
        fresh(&lock(&self.policies), user_id, now_ms)
    }

    pub fn store_policies(&self, epoch: u64, user_id: &str, now_ms: i64, policies: Arc<EffectivePolicies>) {
        let mut map = lock(&self.policies);
        if lock(&self.changes).none_since(epoch, Some(user_id)) {
            store(&mut map, user_id, now_ms, policies);
        }
    }

    pub fn invalidate(&self, change: &AccessChange) {
        let mut keys = lock(&self.keys);
        let mut policies = lock(&self.policies);
        let epoch = self.epoch.fetch_add(1, Ordering::AcqRel) + 1;
        lock(&self.changes).record(change, epoch);
        match change {
            AccessChange::Everyone => {
                keys.clear();
                policies.clear();
            }
            AccessChange::User(user_id) => {
                keys.retain(|_, entry| entry.value.caller.user_id() != Some(user_id.as_str()));
                policies.remove(user_id);
            }
        }
    }

    /// Whether every one of these throttle counters was read free of failures within [`ENTRY_LIFETIME_MS`].
    pub fn throttle_clear(&self, counters: &[&str], now_ms: i64) -> bool {
        let clear = lock(&self.throttle_clear);
        counters.iter().all(|counter| fresh(&clear, counter, now_ms).is_some())
    }

    /// Taken before reading the counters; pass it back to [`Self::store_throttle_clear`].
    pub fn throttle_epoch(&self) -> u64 {
        self.throttle_epoch.load(Ordering::Acquire)
    }

    pub fn store_throttle_clear(&self, epoch: u64, counter: &str, now_ms: i64) {
        let mut clear = lock(&self.throttle_clear);
        if self.throttle_epoch() == epoch {
            store(&mut clear, counter, now_ms, ());
        }
    }

    /// After a failure was counted in the database: these counters are no longer known to be clear.
    pub fn throttle_failure_counted(&self, counters: &[String]) {
        let mut clear = lock(&self.throttle_clear);
        self.throttle_epoch.fetch_add(1, Ordering::AcqRel);
        for counter in counters {
            clear.remove(counter);
        }
    }

    /// Whether this use of the key should be written down: the first in [`LAST_USED_INTERVAL_MS`], or from another
    /// service or region than the last one written. Marks it written.
    pub fn key_use_due(&self, access_key_id: &str, service: &str, region: &str, now_ms: i64) -> bool {
        let mut uses = lock(&self.key_use);
        if let Some(last) = uses.get(access_key_id) {
            let recent = (0..LAST_USED_INTERVAL_MS).contains(&(now_ms - last.recorded_at_ms));
            if recent && last.service == service && last.region == region {
                return false;
            }
        }
        if uses.len() >= MAX_ENTRIES {
            uses.clear();
        }
        let recorded = KeyUse { recorded_at_ms: now_ms, service: service.to_owned(), region: region.to_owned() };
        uses.insert(access_key_id.to_owned(), recorded);
        true
    }

    /// A failed write is retried on the next use rather than a minute later.
    pub fn forget_key_use(&self, access_key_id: &str) {
        lock(&self.key_use).remove(access_key_id);
    }
}

#[cfg(test)]
mod tests {
    use super::{AccessChange, LastChanges, MAX_ENTRIES};

    fn user(id: &str) -> AccessChange {
        AccessChange::User(id.to_owned())
    }

    #[test]
    fn a_load_is_kept_unless_a_change_that_concerns_it_came_after_it_began() {
        let mut changes = LastChanges::default();
        let began = 4;
        changes.record(&user("bob"), 5);
        assert!(changes.none_since(began, Some("alice")), "bob's change does not concern alice's entry");
        assert!(changes.none_since(began, None), "nor the root's");
        assert!(!changes.none_since(began, Some("bob")));
        assert!(changes.none_since(5, Some("bob")), "a load that began after the change read its result");
        changes.record(&AccessChange::Everyone, 6);
        assert!(!changes.none_since(5, Some("alice")));
        assert!(!changes.none_since(5, None));
        assert!(changes.none_since(6, Some("bob")));
    }

    #[test]
    fn forgetting_users_changes_counts_as_a_change_of_everyone() {
        let mut changes = LastChanges::default();
        for n in 0..MAX_ENTRIES {
            changes.record(&user(&format!("user-{n}")), 1);
        }
        changes.record(&user("one-too-many"), 2);
        assert!(!changes.none_since(1, Some("user-0")), "its change must not be forgotten as if it never happened");
        assert!(!changes.none_since(1, Some("someone-else")));
        assert!(changes.none_since(2, Some("user-0")));
    }
}
