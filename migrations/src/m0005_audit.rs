//! The audit log (every mutating action and every denial; never a secret) and the last generated credential report.

use sea_orm_migration::prelude::*;

use crate::m0003_identities::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    AccountId,
    At,
    PrincipalArn,
    Action,
    Resource,
    Outcome,
    ErrorCode,
    SourceIp,
    RequestId,
    Channel,
}

#[derive(DeriveIden)]
enum CredentialReport {
    Table,
    AccountId,
    GeneratedAt,
    Csv,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(ColumnDef::new(AuditEvent::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(AuditEvent::AccountId).string_len(12).not_null())
                    .col(ColumnDef::new(AuditEvent::At).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(AuditEvent::PrincipalArn).string_len(700).not_null())
                    .col(ColumnDef::new(AuditEvent::Action).string_len(128).not_null())
                    .col(ColumnDef::new(AuditEvent::Resource).string_len(1100).not_null())
                    // `allowed`, `denied` or `failed`.
                    .col(ColumnDef::new(AuditEvent::Outcome).string_len(8).not_null())
                    .col(ColumnDef::new(AuditEvent::ErrorCode).string_len(64).null())
                    .col(ColumnDef::new(AuditEvent::SourceIp).string_len(64).null())
                    .col(ColumnDef::new(AuditEvent::RequestId).string_len(64).not_null())
                    // `console` or `api`.
                    .col(ColumnDef::new(AuditEvent::Channel).string_len(8).not_null())
                    .to_owned(),
            )
            .await?;
        index(manager, "ix_audit_event_time", AuditEvent::Table, [AuditEvent::AccountId, AuditEvent::At]).await?;
        index(manager, "ix_audit_event_principal", AuditEvent::Table, [AuditEvent::AccountId, AuditEvent::PrincipalArn])
            .await?;
        index(manager, "ix_audit_event_action", AuditEvent::Table, [AuditEvent::AccountId, AuditEvent::Action]).await?;

        manager
            .create_table(
                Table::create()
                    .table(CredentialReport::Table)
                    .col(ColumnDef::new(CredentialReport::AccountId).string_len(12).not_null().primary_key())
                    .col(ColumnDef::new(CredentialReport::GeneratedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(CredentialReport::Csv).text().not_null())
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(CredentialReport::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(AuditEvent::Table).to_owned()).await
    }
}
