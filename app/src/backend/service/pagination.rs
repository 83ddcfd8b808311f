//! Keyset pagination for listings ordered by (path, name): the marker carries the last row's position, signed so a
//! client cannot forge one. A page costs one indexed range scan however deep it is.

use sea_orm::sea_query::ExprTrait;
use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Select};

use crate::backend::crypto::MasterKey;
use crate::model::{IamError, Page, PageRequest};

pub const DEFAULT_MAX_ITEMS: u64 = 100;
pub const MAX_MAX_ITEMS: u64 = 1000;

/// A validated page request: how many rows, and after which position.
#[derive(Debug, Clone)]
pub struct Window {
    pub limit: u64,
    /// The (sort key, tie-breaker) of the last row of the previous page.
    pub after: Option<(String, String)>,
}

impl Window {
    pub fn parse(keys: &MasterKey, request: &PageRequest) -> Result<Self, IamError> {
        let limit = match request.max_items {
            None => DEFAULT_MAX_ITEMS,
            Some(n) if (1..=MAX_MAX_ITEMS as i64).contains(&n) => n as u64,
            Some(n) => {
                return Err(IamError::ValidationError(format!("max items `{n}` must be between 1 and {MAX_MAX_ITEMS}")))
            }
        };
        let after = match request.marker.as_deref() {
            None | Some("") => None,
            Some(marker) => {
                let payload = keys
                    .open_marker(marker)
                    .ok_or_else(|| IamError::ValidationError("the marker is not one this server issued".into()))?;
                let (a, b) = payload
                    .split_once('\0')
                    .ok_or_else(|| IamError::ValidationError("the marker is not one this server issued".into()))?;
                Some((a.to_owned(), b.to_owned()))
            }
        };
        Ok(Self { limit, after })
    }

    /// Restricts `query` to this page of a listing ordered by (`first`, `second`): rows after the marker, in order,
    /// one more than the page (see [`Self::fetch`]).
    pub fn apply<E: EntityTrait, C: ColumnTrait + Copy>(&self, query: Select<E>, first: C, second: C) -> Select<E> {
        let query = match &self.after {
            Some((a, b)) => query.filter(after_pair(first, second, (a, b))),
            None => query,
        };
        query.order_by_asc(first).order_by_asc(second).limit(self.fetch())
    }

    /// How many rows to fetch: one more than the page, to learn whether there is a next page.
    pub fn fetch(&self) -> u64 {
        self.limit + 1
    }

    /// Turns `rows` (fetched with [`Self::fetch`]) into a page, the marker pointing after its last row.
    pub fn page<R, T>(
        &self,
        keys: &MasterKey,
        mut rows: Vec<R>,
        position: impl Fn(&R) -> (String, String),
        view: impl Fn(R) -> T,
    ) -> Page<T> {
        let is_truncated = rows.len() as u64 > self.limit;
        rows.truncate(self.limit as usize);
        let marker = if is_truncated {
            rows.last().map(|last| {
                let (a, b) = position(last);
                keys.sign_marker(&format!("{a}\0{b}"))
            })
        } else {
            None
        };
        Page { items: rows.into_iter().map(view).collect(), is_truncated, marker }
    }
}

/// Rows strictly after `(first, second)` in `(first, second)` order — the keyset condition every listing ordered by
/// (path, name) uses.
pub fn after_pair<C: ColumnTrait>(first: C, second: C, after: (&str, &str)) -> Condition {
    Condition::any().add(first.gt(after.0)).add(first.eq(after.0).and(second.gt(after.1)))
}
