//! Whose each console session is, in a column of its own with an index: a password change, a removed MFA device or a
//! deleted user ends every session of that principal, found by this column (the record itself is JSON, which SQLite
//! and PostgreSQL query differently).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ConsoleSession {
    Table,
    Principal,
}

const INDEX: &str = "idx_console_session_principal";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Everyone signs in once more: sessions written before this column would be invisible to the "sign out
        // everywhere" that relies on it, and sessions are cheap to lose.
        manager.exec_stmt(Query::delete().from_table(ConsoleSession::Table).to_owned()).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(ConsoleSession::Table)
                    // `<account id>:root` or `<account id>:user/<lower-cased name>`: names are at most 64 characters.
                    .add_column(ColumnDef::new(ConsoleSession::Principal).string_len(128).null())
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create().name(INDEX).table(ConsoleSession::Table).col(ConsoleSession::Principal).to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name(INDEX).table(ConsoleSession::Table).to_owned()).await?;
        manager
            .alter_table(Table::alter().table(ConsoleSession::Table).drop_column(ConsoleSession::Principal).to_owned())
            .await
    }
}
