//! The SQLite linked into the server is built as `.cargo/config.toml` asks (`LIBSQLITE3_FLAGS`): with the query
//! planner stability guarantee, without which every execution of a cached statement with a bound value was parsed and
//! planned again (docs/ARCHITECTURE.md, "Writes on SQLite").

use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use super::harness::Iam;

#[tokio::test]
async fn the_bundled_sqlite_keeps_its_query_plans_whatever_the_bound_values() {
    let iam = Iam::new().await;
    let db = iam.service.db();
    if db.get_database_backend() != DatabaseBackend::Sqlite {
        return;
    }
    let options = db.query_all_raw(Statement::from_string(DatabaseBackend::Sqlite, "PRAGMA compile_options")).await;
    let options: Vec<String> =
        options.unwrap().iter().map(|row| row.try_get_by_index::<String>(0).unwrap()).collect();
    assert!(options.iter().any(|option| option == "ENABLE_QPSG"), "SQLite was built without QPSG: {options:?}");
}
