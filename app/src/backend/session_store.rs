//! The tower-sessions store over SeaORM: sessions live in the database so a restart keeps them and several server
//! processes over one PostgreSQL share them. (`tower-sessions-sqlx-store` needs sqlx 0.8; SeaORM 2 uses 0.9.)

use async_trait::async_trait;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set, SqlErr};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

use super::clock::SharedClock;
use super::entities::console_session::{self, Entity as ConsoleSession};

/// Server-side expiry is decided here, by the injected clock: every save pushes a session's expiry to
/// `now + idle`, and a load after that instant finds nothing. (The record's own `expiry_date`, from the wall
/// clock, only sets the cookie's lifetime in the browser.)
#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: DatabaseConnection,
    clock: SharedClock,
    idle: chrono::Duration,
}

impl DbSessionStore {
    pub fn new(db: DatabaseConnection, clock: SharedClock, idle: chrono::Duration) -> Self {
        Self { db, clock, idle }
    }

    fn row(&self, record: &Record) -> session_store::Result<console_session::ActiveModel> {
        let data = serde_json::to_string(record).map_err(|e| session_store::Error::Encode(e.to_string()))?;
        Ok(console_session::ActiveModel {
            id: Set(record.id.to_string()),
            data: Set(data),
            expires_at: Set((self.clock.now() + self.idle).timestamp()),
        })
    }

    fn now(&self) -> i64 {
        self.clock.now().timestamp()
    }
}

fn backend(err: DbErr) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
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

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let upsert = OnConflict::column(console_session::Column::Id)
            .update_columns([console_session::Column::Data, console_session::Column::ExpiresAt])
            .to_owned();
        ConsoleSession::insert(self.row(record)?).on_conflict(upsert).exec(&self.db).await.map_err(backend)?;
        Ok(())
    }

    async fn load(&self, session_id: &Id) -> session_store::Result<Option<Record>> {
        let row = ConsoleSession::find_by_id(session_id.to_string())
            .filter(console_session::Column::ExpiresAt.gt(self.now()))
            .one(&self.db)
            .await
            .map_err(backend)?;
        row.map(|row| serde_json::from_str(&row.data).map_err(|e| session_store::Error::Decode(e.to_string())))
            .transpose()
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
