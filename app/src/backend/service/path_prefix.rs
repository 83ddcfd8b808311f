//! "Path starts with": the filter of every listing by path prefix (users, groups, managed policies, the path trees).
//!
//! Not SeaORM's `starts_with`, which is a `LIKE 'prefix%'`: `%` and `_` are legal in IAM paths and would act as
//! wildcards (`/%/` listed every user), and SQLite's `LIKE` ignores ASCII case where IAM paths are case-sensitive (and
//! PostgreSQL's does not, so the two databases answered differently). `SUBSTR(path, 1, n) = prefix` is exact on both.
//! Neither form could use the (account, path, name) index on these databases anyway; the account filter does.

use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func};
use sea_orm::ColumnTrait;

/// `column` starts with `prefix`, compared exactly.
pub(crate) fn path_starts_with<C: ColumnTrait>(column: C, prefix: &str) -> Condition {
    if prefix == "/" {
        return Condition::all(); // Every path does: no filter.
    }
    starts_with_exactly(column, prefix)
}

/// A name starts with `prefix`, ignoring case as name uniqueness does: `lower_column` holds the folded name
/// (`name_lower`). The console's search by name; the same exact comparison as paths, for the same reasons.
pub(crate) fn folded_name_starts_with<C: ColumnTrait>(lower_column: C, prefix: &str) -> Condition {
    if prefix.is_empty() {
        return Condition::all();
    }
    starts_with_exactly(lower_column, &prefix.to_lowercase())
}

fn starts_with_exactly<C: ColumnTrait>(column: C, prefix: &str) -> Condition {
    // An `integer`, not a `bigint`: PostgreSQL has no `substr(text, integer, bigint)`. Paths are at most 512 long.
    let length = i32::try_from(prefix.chars().count()).unwrap_or(i32::MAX);
    let head = Func::cust("SUBSTR").arg(Expr::col(column)).arg(1).arg(length);
    Condition::all().add(Expr::expr(head).eq(prefix))
}
