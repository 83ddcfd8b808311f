//! The account and its root user. One row per account; the root's email is unique across accounts because root
//! signs in by email alone.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

// Column names, not variants of a kind: `AccountId` is the column `account_id`.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
pub enum Account {
    Table,
    AccountId,
    Alias,
    RootEmail,
    RootPasswordHash,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Account::Table)
                    .col(ColumnDef::new(Account::AccountId).string_len(12).not_null().primary_key())
                    .col(ColumnDef::new(Account::Alias).string_len(63).null().unique_key())
                    .col(ColumnDef::new(Account::RootEmail).string_len(254).not_null().unique_key())
                    .col(ColumnDef::new(Account::RootPasswordHash).text().not_null())
                    .col(ColumnDef::new(Account::CreatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(Account::Table).to_owned()).await
    }
}
