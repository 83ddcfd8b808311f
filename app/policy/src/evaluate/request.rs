//! What is being asked: who, which action, on which resource, in which context, at what time.

use serde::{Deserialize, Serialize};

use super::context::{Context, ValueRef};

/// The IAM user making the request. For the account root, leave `user_name` and `user_id` empty (root is always
/// allowed before policies are consulted; this crate does not special-case it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principal {
    pub account_id: String,
    pub user_name: String,
    /// The unique id, like `AIDAEXAMPLE…` (`aws:userid`).
    pub user_id: String,
    pub path: String,
    pub arn: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub principal: Principal,
    /// `service:Action`, like `iam:CreateUser`.
    pub action: String,
    /// The ARN of the resource, or `*` for actions without one.
    pub resource: String,
    pub context: Context,
    /// The time of the request, from the caller's clock (this crate never reads the wall clock).
    pub now_epoch_seconds: i64,
}

impl Request {
    /// Looks up a context key by its folded name. Keys the caller supplied win; otherwise the keys AWS always sets
    /// are derived from the principal and the time. An empty principal field counts as absent.
    pub(crate) fn lookup(&self, folded: &str) -> Option<ValueRef<'_>> {
        if let Some(value) = self.context.get_folded(folded) {
            return Some(ValueRef::of(value));
        }
        match folded {
            "aws:currenttime" => Some(ValueRef::DateMillis(
                self.now_epoch_seconds.saturating_mul(1000),
            )),
            "aws:epochtime" => Some(ValueRef::Number(self.now_epoch_seconds as f64)),
            "aws:username" => text(&self.principal.user_name),
            "aws:userid" => text(&self.principal.user_id),
            "aws:principalarn" => text(&self.principal.arn),
            "aws:principalaccount" => text(&self.principal.account_id),
            "aws:principaltype" if !self.principal.account_id.is_empty() => {
                Some(ValueRef::Str(if self.principal.user_name.is_empty() {
                    "Account"
                } else {
                    "User"
                }))
            }
            _ => None,
        }
    }
}

fn text(s: &str) -> Option<ValueRef<'_>> {
    (!s.is_empty()).then_some(ValueRef::Str(s))
}
