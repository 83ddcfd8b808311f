//! Failed authentication attempts, for brute-force throttling. In the database (not in memory) so every server process
//! over one database sees the same counts: a scale-out behind a load balancer cannot multiply an attacker's tries.

use sea_orm_migration::prelude::*;

use crate::m0003_identities::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuthThrottle {
    Table,
    Key,
    Failures,
    LastFailureAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuthThrottle::Table)
                    // SHA-256 (hex) of what is counted (`password:<account>/<user>`, `ip:<address>`, …): bounded in
                    // size, and the names people typed (possibly a password in the wrong field) are never stored.
                    .col(ColumnDef::new(AuthThrottle::Key).string_len(64).not_null().primary_key())
                    .col(ColumnDef::new(AuthThrottle::Failures).integer().not_null())
                    // Unix milliseconds.
                    .col(ColumnDef::new(AuthThrottle::LastFailureAt).big_integer().not_null())
                    .to_owned(),
            )
            .await?;
        index(manager, "ix_auth_throttle_last_failure", AuthThrottle::Table, [AuthThrottle::LastFailureAt]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(AuthThrottle::Table).to_owned()).await
    }
}
