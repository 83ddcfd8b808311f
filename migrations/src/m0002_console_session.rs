//! Console sessions (the tower-sessions store). In the database, not in memory, so a restart keeps sessions and
//! several server processes over one PostgreSQL share them.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ConsoleSession {
    Table,
    Id,
    Data,
    ExpiresAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ConsoleSession::Table)
                    .col(ColumnDef::new(ConsoleSession::Id).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(ConsoleSession::Data).text().not_null())
                    // Unix seconds: compared against the injected clock, portable across SQLite and PostgreSQL.
                    .col(ColumnDef::new(ConsoleSession::ExpiresAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_console_session_expires_at")
                    .table(ConsoleSession::Table)
                    .col(ConsoleSession::ExpiresAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ConsoleSession::Table).to_owned()).await
    }
}
