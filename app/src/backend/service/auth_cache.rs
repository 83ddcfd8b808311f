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
//! invalidation happened meanwhile (the epoch is unchanged). Invalidations run after the commit, so a loader that
//! read before the commit always sees the epoch move.

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
    keys: Mutex<HashMap<String, Entry<KeyForSigning>>>,
    policies: Mutex<HashMap<String, Entry<Arc<EffectivePolicies>>>>,
    key_use: Mutex<HashMap<String, KeyUse>>,
}

#[derive(Debug)]
struct Entry<T> {
    loaded_at_ms: i64,
    value: T,
}

#[derive(Debug)]
struct KeyUse {
    recorded_at_ms: i64,
    service: String,
    region: String,
}

/// A poisoned lock only means another request panicked mid-update of a cache; the map is still a valid map.
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn fresh<T: Clone>(map: &HashMap<String, Entry<T>>, id: &str, now_ms: i64) -> Option<T> {
    map.get(id).filter(|e| (0..ENTRY_LIFETIME_MS).contains(&(now_ms - e.loaded_at_ms))).map(|e| e.value.clone())
}

fn store<T>(map: &mut HashMap<String, Entry<T>>, id: &str, now_ms: i64, value: T) {
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
        if self.epoch() == epoch {
            store(&mut keys, access_key_id, now_ms, key);
        }
    }

    pub fn policies(&self, user_id: &str, now_ms: i64) -> Option<Arc<EffectivePolicies>> {
        fresh(&lock(&self.policies), user_id, now_ms)
    }

    pub fn store_policies(&self, epoch: u64, user_id: &str, now_ms: i64, policies: Arc<EffectivePolicies>) {
        let mut map = lock(&self.policies);
        if self.epoch() == epoch {
            store(&mut map, user_id, now_ms, policies);
        }
    }

    pub fn invalidate(&self, change: &AccessChange) {
        let mut keys = lock(&self.keys);
        let mut policies = lock(&self.policies);
        self.epoch.fetch_add(1, Ordering::AcqRel);
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
