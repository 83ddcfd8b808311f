//! The tower-sessions store over SeaORM: sessions live in the database so a restart keeps them and several server
//! processes over one PostgreSQL share them. (`tower-sessions-sqlx-store` needs sqlx 0.8; SeaORM 2 uses 0.9.)

use async_trait::async_trait;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set, SqlErr};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

use super::auth::session::{principal_key, record_owner};
use super::clock::SharedClock;
use super::entities::console_session::{self, Entity as ConsoleSession};

/// How long a signed-in session lasts at most, however active, unless configured otherwise.
pub const DEFAULT_ABSOLUTE_LIFETIME_HOURS: i64 = 12;

/// Server-side expiry is decided here, by the injected clock: every save pushes a session's expiry to
/// `now + idle`, capped at `signed in + absolute` for a signed-in session, and a load after that instant finds
/// nothing (and deletes the row). (The record's own `expiry_date`, from the wall clock, only sets the cookie's
/// lifetime in the browser.)
#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
    clock: SharedClock,
    idle: chrono::Duration,
    absolute: chrono::Duration,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection, clock: SharedClock, idle: chrono::Duration) -> Self {
        Self { db, clock, idle, absolute: chrono::Duration::hours(DEFAULT_ABSOLUTE_LIFETIME_HOURS) }
    }

    /// The absolute lifetime of a signed-in session, counted from its sign-in whatever the activity since: a stolen
    /// cookie that is kept busy still dies.
    pub fn with_absolute_lifetime(mut self, absolute: chrono::Duration) -> Self {
        self.absolute = absolute;
        self
    }

    fn row(&self, record: &Record) -> session_store::Result<console_session::ActiveModel> {
        let mut stored = record.clone();
        stored.data.remove(LOADED_AS);
        let data = serde_json::to_string(&stored).map_err(|e| session_store::Error::Encode(e.to_string()))?;
        let (principal, _) = record_owner(&record.data);
        Ok(console_session::ActiveModel {
            id: Set(record.id.to_string()),
            data: Set(data),
            expires_at: Set(self.expires_at(record)),
            principal: Set(principal),
        })
    }

    /// `now + idle`, capped at `signed in + absolute` for a signed-in session.
    fn expires_at(&self, record: &Record) -> i64 {
        let idle_end = (self.clock.now() + self.idle).timestamp();
        match record_owner(&record.data).1 {
            Some(at) => idle_end.min(at.saturating_add(self.absolute.num_seconds())),
            None => idle_end,
        }
    }

    fn now(&self) -> i64 {
        self.clock.now().timestamp()
    }

    /// Whether a loaded record has outlived its sign-in's absolute lifetime (checked on load as well as baked into
    /// `expires_at`, so a shorter setting applies at once to rows saved under a longer one).
    fn too_old(&self, record: &Record) -> bool {
        record_owner(&record.data).1.is_some_and(|at| self.now() >= at.saturating_add(self.absolute.num_seconds()))
    }
}

/// A key `load` adds to the record it hands out: a fingerprint of the data as loaded. Every request saves its session
/// (`with_always_save`, which moves the idle expiry on), and concurrent requests of one browser each save the record
/// they loaded: without this, a request that changed nothing (a favicon, a WASM chunk, a read) finishing after one
/// that stored something (a new key's secret for the next page) wrote the old data back over it. `save` finds the
/// fingerprint unchanged and only moves the expiry; the key itself is never stored.
const LOADED_AS: &str = "__loaded_as";

/// The data's fingerprint, ignoring [`LOADED_AS`]: its JSON with keys in order (a `HashMap` iterates in any order).
fn fingerprint(record: &Record) -> String {
    use sha2::{Digest, Sha256};
    let ordered: std::collections::BTreeMap<&String, &serde_json::Value> =
        record.data.iter().filter(|(key, _)| key.as_str() != LOADED_AS).collect();
    let json = serde_json::to_vec(&ordered).unwrap_or_default();
    Sha256::digest(&json).iter().map(|byte| format!("{byte:02x}")).collect()
}

fn unchanged_since_load(record: &Record) -> bool {
    record.data.get(LOADED_AS).and_then(|v| v.as_str()).is_some_and(|loaded| loaded == fingerprint(record))
}

fn backend(err: DbErr) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

/// Ends every console session of a principal (`user_name` `None`: the account root), except `keep` (the session
/// making the change, if any), through `conn` — inside the caller's transaction, so the sessions end exactly when the
/// change commits. The service calls this; see `service::console_sessions`.
pub async fn delete_principal_sessions(
    conn: &impl ConnectionTrait,
    account_id: &str,
    user_name: Option<&str>,
    keep: Option<&str>,
) -> Result<u64, DbErr> {
    let mut delete = ConsoleSession::delete_many()
        .filter(console_session::Column::Principal.eq(principal_key(account_id, user_name)));
    if let Some(keep) = keep {
        delete = delete.filter(console_session::Column::Id.ne(keep));
    }
    Ok(delete.exec(conn).await?.rows_affected)
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        // Ids are 128 random bits, so a collision is all but impossible; when one happens, draw again rather than
        // overwrite somebody else's session.
        loop {
            match ConsoleSession::insert(self.row(record)?).exec(&self.db).await {
                Ok(_) => return Ok(()),
                Err(err) if matches!(err.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                    record.id = Id::default();
                }
                Err(err) => return Err(backend(err)),
            }
        }
    }

    /// Updates an existing row only. tower-sessions saves only sessions it loaded (new ones go through `create`), so
    /// a missing row means the session was ended meanwhile (signed out everywhere, expired, cycled by a concurrent
    /// request): a request that was already running must not bring it back.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let mut update = ConsoleSession::update_many();
        if unchanged_since_load(record) {
            // Only the expiry: the data may have been changed by a concurrent request since this one loaded it.
            update = update.col_expr(console_session::Column::ExpiresAt, self.expires_at(record).into());
        } else {
            update = update.set(self.row(record)?);
        }
        update.filter(console_session::Column::Id.eq(record.id.to_string())).exec(&self.db).await.map_err(backend)?;
        Ok(())
    }

    async fn load(&self, session_id: &Id) -> session_store::Result<Option<Record>> {
        let Some(row) = ConsoleSession::find_by_id(session_id.to_string()).one(&self.db).await.map_err(backend)? else {
            return Ok(None);
        };
        let mut record: Record =
            serde_json::from_str(&row.data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        if row.expires_at <= self.now() || self.too_old(&record) {
            // Expired, idle or absolutely: as good as signed out, so gone now rather than at the next sweep.
            self.delete(session_id).await?;
            return Ok(None);
        }
        let loaded_as = fingerprint(&record);
        record.data.insert(LOADED_AS.to_owned(), serde_json::Value::String(loaded_as));
        Ok(Some(record))
    }

    async fn delete(&self, session_id: &Id) -> session_store::Result<()> {
        ConsoleSession::delete_by_id(session_id.to_string()).exec(&self.db).await.map_err(backend)?;
        Ok(())
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        ConsoleSession::delete_many()
            .filter(console_session::Column::ExpiresAt.lte(self.now()))
            .exec(&self.db)
            .await
            .map_err(backend)?;
        Ok(())
    }
}
