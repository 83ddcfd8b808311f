//! Brute-force throttling of everything that proves an identity: console passwords (root and IAM users), MFA codes
//! at sign-in, and SigV4 signatures. Failures are counted per subject (the name typed, the MFA principal, the access
//! key id) and per source address; past a number of free failures each further one doubles a lockout, up to a cap.
//! While locked, an attempt is refused with `Throttling` before any password is verified, so it costs the attacker a
//! round trip and us no argon2.
//!
//! No enumeration: the subject is what the person typed (an unknown user name is counted exactly like a known one),
//! so the lockout answers the same whether the user exists or not. The counts live in the database (`auth_throttle`),
//! so every process over one database shares them. Keys are SHA-256 digests: a password typed into the user-name
//! field never lands in the table.
//!
//! Every API call passes a signature gate, so there a counter read free of failures is remembered for up to
//! [`super::auth_cache::ENTRY_LIFETIME_MS`] and not re-read; a failure counted by this process forgets it at once. A
//! second process over the same database sees this one's failures within that second, as it sees a deactivated key.
//! Password and MFA gates always read the counters (an argon2 verification dwarfs the read).

use chrono::Duration;
use sea_orm::sea_query::{Alias, Expr, OnConflict};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::IamService;
use crate::backend::entities::auth_throttle::{self, Column, Entity as AuthThrottle};
use crate::backend::request::RequestContext;
use crate::model::IamError;

/// How many failures are free and how the lockout grows. Configurable (`[throttle]` in the server's configuration).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ThrottlePolicy {
    /// Failures against one subject (one user's password, one MFA principal, one access key) before lockouts start.
    pub free_failures: u32,
    /// Failures from one source address, over all subjects, before lockouts start. Higher, because many people
    /// may share an address (an office, a NAT) and one of them mistyping must not lock out the rest.
    pub ip_free_failures: u32,
    /// The first lockout; every further failure doubles it.
    pub base_lockout_seconds: u32,
    /// The longest lockout.
    pub max_lockout_seconds: u32,
    /// A subject's count starts over after this long without a failure.
    pub forget_after_seconds: u32,
}

impl Default for ThrottlePolicy {
    fn default() -> Self {
        Self {
            free_failures: 5,
            ip_free_failures: 50,
            base_lockout_seconds: 2,
            max_lockout_seconds: 15 * 60,
            forget_after_seconds: 60 * 60,
        }
    }
}

impl ThrottlePolicy {
    /// The lockout after `failures` consecutive failures, when `free` of them are free.
    fn lockout(&self, failures: u32, free: u32) -> Option<Duration> {
        let beyond = failures.checked_sub(free)?;
        let doubled = u64::from(self.base_lockout_seconds).saturating_mul(1u64 << beyond.min(40));
        let seconds = doubled.min(u64::from(self.max_lockout_seconds));
        (seconds > 0).then(|| Duration::seconds(i64::try_from(seconds).unwrap_or(i64::MAX)))
    }
}

/// What is being proved.
#[derive(Clone, Copy, Debug)]
pub enum Attempt<'a> {
    /// The root's console password, counted per email as typed.
    RootPassword { email: &'a str },
    /// An IAM user's console password (also the old password of a forced change), per account and user name.
    UserPassword { account_id: &'a str, user_name: &'a str },
    /// A code from an MFA device at sign-in, per principal (`user_id` `None`: the root).
    MfaCode { account_id: &'a str, user_id: Option<&'a str> },
    /// A SigV4 signature, per access key id as sent.
    Signature { access_key_id: &'a str },
}

impl Attempt<'_> {
    /// The subject as counted: case-folded where AWS compares without case, so `Jeff` and `jeff` share one count.
    fn subject(&self) -> String {
        match self {
            Self::RootPassword { email } => format!("root-password:{}", email.trim().to_lowercase()),
            Self::UserPassword { account_id, user_name } => {
                format!("user-password:{account_id}/{}", user_name.to_lowercase())
            }
            Self::MfaCode { account_id, user_id } => format!("mfa:{account_id}/{}", user_id.unwrap_or("root")),
            Self::Signature { access_key_id } => format!("signature:{access_key_id}"),
        }
    }
}

/// The counters one attempt touches, read before the proof is checked; hand it back with the outcome.
#[derive(Debug)]
pub struct Gate {
    subject: String,
    address: Option<String>,
    /// Whether the subject had failures: only then does a success need a write (to forget them).
    subject_had_failures: bool,
}

fn digest(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

fn throttled(wait: Duration) -> IamError {
    let seconds = wait.num_seconds().max(1);
    IamError::Throttling(format!("Rate exceeded: too many failed attempts; try again in {seconds} seconds"))
}

impl IamService {
    pub fn throttle_policy(&self) -> &ThrottlePolicy {
        &self.throttle
    }

    /// Refuses with `Throttling` while the subject or the source address is locked out; otherwise returns the gate to
    /// report the outcome through ([`Self::throttle_passed`] or [`Self::throttle_failed`]).
    pub async fn throttle_gate(&self, ctx: &RequestContext, attempt: Attempt<'_>) -> Result<Gate, IamError> {
        let subject = digest(&attempt.subject());
        let address = ctx.source_ip.map(|ip| digest(&format!("ip:{ip}")));
        let keys: Vec<&str> = std::iter::once(subject.as_str()).chain(address.as_deref()).collect();
        let now = self.clock.now().timestamp_millis();
        let remembered = matches!(attempt, Attempt::Signature { .. });
        if remembered && self.auth.throttle_clear(&keys, now) {
            return Ok(Gate { subject, address, subject_had_failures: false });
        }
        let epoch = self.auth.throttle_epoch();
        let rows = AuthThrottle::find()
            .filter(Column::Key.is_in(keys.iter().copied()))
            .all(&self.db)
            .await
            .map_err(|e| ctx.internal(e))?;
        let forget_before = now - i64::from(self.throttle.forget_after_seconds) * 1000;
        let recent: Vec<_> = rows.iter().filter(|row| row.last_failure_at >= forget_before).collect();
        if remembered {
            for key in keys.iter().filter(|key| !recent.iter().any(|row| row.key == **key)) {
                self.auth.store_throttle_clear(epoch, key, now);
            }
        }
        let mut subject_had_failures = false;
        let mut wait = Duration::zero();
        for row in recent {
            let is_subject = row.key == subject;
            subject_had_failures |= is_subject;
            let free = if is_subject { self.throttle.free_failures } else { self.throttle.ip_free_failures };
            let failures = u32::try_from(row.failures).unwrap_or(0);
            if let Some(lockout) = self.throttle.lockout(failures, free) {
                let remaining = lockout - Duration::milliseconds(now - row.last_failure_at);
                wait = wait.max(remaining);
            }
        }
        if wait > Duration::zero() {
            tracing::info!(request_id = %ctx.request_id, "authentication attempt refused: locked out");
            return Err(throttled(wait));
        }
        Ok(Gate { subject, address, subject_had_failures })
    }

    /// The proof was good: the subject's failures are forgotten (the address's are not: one success from an address
    /// must not reset what others tried from it). Best effort, like the audit outside a transaction.
    pub async fn throttle_passed(&self, ctx: &RequestContext, gate: Gate) {
        if !gate.subject_had_failures {
            return; // The usual case, and the Query API's hot path: no write.
        }
        let deleted = AuthThrottle::delete_by_id(gate.subject).exec(self.writes()).await;
        if let Err(err) = deleted {
            tracing::warn!(request_id = %ctx.request_id, error = %err, "forgetting authentication failures failed");
        }
    }

    /// The proof failed: one more failure for the subject and for the address, counted atomically in the database
    /// (concurrent failures from several processes all count).
    pub async fn throttle_failed(&self, ctx: &RequestContext, gate: Gate) {
        let now = self.clock.now().timestamp_millis();
        let forget_before = now - i64::from(self.throttle.forget_after_seconds) * 1000;
        let keys: Vec<String> = std::iter::once(gate.subject).chain(gate.address).collect();
        for key in &keys {
            if let Err(err) = self.count_failure(key.clone(), now, forget_before).await {
                tracing::warn!(request_id = %ctx.request_id, error = %err, "counting an authentication failure failed");
            }
        }
        // After the count is in the database, so a gate that read before it cannot remember the counters as clear.
        self.auth.throttle_failure_counted(&keys);
    }

    async fn count_failure(&self, key: String, now: i64, forget_before: i64) -> Result<(), sea_orm::DbErr> {
        // Scoped here: its blanket `min`/`max` would shadow the integers' elsewhere in this file.
        use sea_orm::sea_query::ExprTrait as _;
        let row = auth_throttle::ActiveModel { key: Set(key), failures: Set(1), last_failure_at: Set(now) };
        let current = |column: Column| Expr::col((AuthThrottle, column));
        // A count whose last failure is older than the forgetting window starts over at 1.
        let failures = Expr::case(current(Column::LastFailureAt).lt(forget_before), Expr::val(1))
            .finally(current(Column::Failures).add(1));
        let upsert = OnConflict::column(Column::Key)
            .value(Column::Failures, failures)
            .value(Column::LastFailureAt, Expr::col((Alias::new("excluded"), Column::LastFailureAt)))
            .to_owned();
        AuthThrottle::insert(row).on_conflict(upsert).exec(self.writes()).await.map(|_| ())
    }

    /// Deletes counts nobody needs any more (older than the forgetting window and the longest lockout). Run
    /// periodically by the server, so failures with random names cannot grow the table without bound.
    pub async fn prune_throttle(&self) -> Result<u64, sea_orm::DbErr> {
        let keep = self.throttle.forget_after_seconds.max(self.throttle.max_lockout_seconds);
        let before = self.clock.now().timestamp_millis() - i64::from(keep) * 1000;
        let deleted = AuthThrottle::delete_many().filter(Column::LastFailureAt.lt(before)).exec(self.writes()).await?;
        Ok(deleted.rows_affected)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lockouts_start_after_the_free_failures_and_double_up_to_the_cap() {
        let policy = ThrottlePolicy::default();
        assert_eq!(policy.lockout(4, 5), None);
        assert_eq!(policy.lockout(5, 5), Some(Duration::seconds(2)));
        assert_eq!(policy.lockout(6, 5), Some(Duration::seconds(4)));
        assert_eq!(policy.lockout(13, 5), Some(Duration::seconds(512)));
        assert_eq!(policy.lockout(14, 5), Some(Duration::seconds(900)));
        assert_eq!(policy.lockout(u32::MAX, 5), Some(Duration::seconds(900)));
    }

    #[test]
    fn subjects_fold_case_where_aws_does() {
        let a = Attempt::UserPassword { account_id: "123456789012", user_name: "Jeff" };
        let b = Attempt::UserPassword { account_id: "123456789012", user_name: "jeff" };
        assert_eq!(a.subject(), b.subject());
        let root = Attempt::RootPassword { email: " Root@Example.com " };
        assert_eq!(root.subject(), "root-password:root@example.com");
        assert_ne!(
            Attempt::MfaCode { account_id: "1", user_id: None }.subject(),
            Attempt::MfaCode { account_id: "1", user_id: Some("AIDA") }.subject()
        );
    }

    #[test]
    fn keys_are_digests_not_what_was_typed() {
        let key = digest("user-password:123456789012/hunter2");
        assert_eq!(key.len(), 64);
        assert!(!key.contains("hunter2"));
    }
}
