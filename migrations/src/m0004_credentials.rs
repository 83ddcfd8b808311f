//! Credentials: access keys (secret encrypted at rest), console passwords (login profiles, their history for reuse
//! prevention, the account's password policy) and virtual MFA devices (seed encrypted, last accepted time step so a
//! code is never accepted twice). A `NULL` user id means the account root.

use sea_orm_migration::prelude::*;

use crate::m0003_identities::{index, unique};

#[derive(DeriveMigrationName)]
pub struct Migration;

// Column names, not variants of a kind: `AccessKeyId` is the column `access_key_id`.
#[allow(clippy::enum_variant_names)]
#[derive(DeriveIden)]
enum AccessKey {
    Table,
    AccessKeyId,
    AccountId,
    UserId,
    SecretCiphertext,
    Status,
    CreatedAt,
    LastUsedAt,
    LastUsedService,
    LastUsedRegion,
}

#[derive(DeriveIden)]
enum LoginProfile {
    Table,
    UserId,
    PasswordHash,
    PasswordResetRequired,
    CreatedAt,
    PasswordChangedAt,
}

#[derive(DeriveIden)]
enum PasswordHistory {
    Table,
    Id,
    UserId,
    PasswordHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PasswordPolicy {
    Table,
    AccountId,
    MinimumPasswordLength,
    RequireSymbols,
    RequireNumbers,
    RequireUppercaseCharacters,
    RequireLowercaseCharacters,
    AllowUsersToChangePassword,
    MaxPasswordAge,
    PasswordReusePrevention,
    HardExpiry,
}

#[derive(DeriveIden)]
enum MfaDevice {
    Table,
    SerialNumber,
    AccountId,
    Name,
    Path,
    SeedCiphertext,
    UserId,
    AssignedToRoot,
    EnabledAt,
    LastTimeStep,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AccessKey::Table)
                    .col(ColumnDef::new(AccessKey::AccessKeyId).string_len(20).not_null().primary_key())
                    .col(ColumnDef::new(AccessKey::AccountId).string_len(12).not_null())
                    .col(ColumnDef::new(AccessKey::UserId).string_len(32).null())
                    .col(ColumnDef::new(AccessKey::SecretCiphertext).text().not_null())
                    .col(ColumnDef::new(AccessKey::Status).string_len(8).not_null())
                    .col(ColumnDef::new(AccessKey::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(AccessKey::LastUsedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(AccessKey::LastUsedService).string_len(32).null())
                    .col(ColumnDef::new(AccessKey::LastUsedRegion).string_len(32).null())
                    .to_owned(),
            )
            .await?;
        index(manager, "ix_access_key_owner", AccessKey::Table, [AccessKey::AccountId, AccessKey::UserId]).await?;

        manager
            .create_table(
                Table::create()
                    .table(LoginProfile::Table)
                    .col(ColumnDef::new(LoginProfile::UserId).string_len(32).not_null().primary_key())
                    .col(ColumnDef::new(LoginProfile::PasswordHash).text().not_null())
                    .col(ColumnDef::new(LoginProfile::PasswordResetRequired).boolean().not_null())
                    .col(ColumnDef::new(LoginProfile::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(LoginProfile::PasswordChangedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PasswordHistory::Table)
                    .col(ColumnDef::new(PasswordHistory::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(PasswordHistory::UserId).string_len(32).not_null())
                    .col(ColumnDef::new(PasswordHistory::PasswordHash).text().not_null())
                    .col(ColumnDef::new(PasswordHistory::CreatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        index(manager, "ix_password_history_user", PasswordHistory::Table, [PasswordHistory::UserId]).await?;

        manager
            .create_table(
                Table::create()
                    .table(PasswordPolicy::Table)
                    .col(ColumnDef::new(PasswordPolicy::AccountId).string_len(12).not_null().primary_key())
                    .col(ColumnDef::new(PasswordPolicy::MinimumPasswordLength).integer().not_null())
                    .col(ColumnDef::new(PasswordPolicy::RequireSymbols).boolean().not_null())
                    .col(ColumnDef::new(PasswordPolicy::RequireNumbers).boolean().not_null())
                    .col(ColumnDef::new(PasswordPolicy::RequireUppercaseCharacters).boolean().not_null())
                    .col(ColumnDef::new(PasswordPolicy::RequireLowercaseCharacters).boolean().not_null())
                    .col(ColumnDef::new(PasswordPolicy::AllowUsersToChangePassword).boolean().not_null())
                    .col(ColumnDef::new(PasswordPolicy::MaxPasswordAge).integer().null())
                    .col(ColumnDef::new(PasswordPolicy::PasswordReusePrevention).integer().null())
                    .col(ColumnDef::new(PasswordPolicy::HardExpiry).boolean().not_null())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(MfaDevice::Table)
                    .col(ColumnDef::new(MfaDevice::SerialNumber).string_len(600).not_null().primary_key())
                    .col(ColumnDef::new(MfaDevice::AccountId).string_len(12).not_null())
                    .col(ColumnDef::new(MfaDevice::Name).string_len(226).not_null())
                    .col(ColumnDef::new(MfaDevice::Path).string_len(512).not_null())
                    .col(ColumnDef::new(MfaDevice::SeedCiphertext).text().not_null())
                    .col(ColumnDef::new(MfaDevice::UserId).string_len(32).null())
                    .col(ColumnDef::new(MfaDevice::AssignedToRoot).boolean().not_null())
                    .col(ColumnDef::new(MfaDevice::EnabledAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(MfaDevice::LastTimeStep).big_integer().null())
                    .col(ColumnDef::new(MfaDevice::CreatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        index(manager, "ix_mfa_device_user", MfaDevice::Table, [MfaDevice::AccountId, MfaDevice::UserId]).await?;
        unique(manager, "ux_mfa_device_serial_lower", MfaDevice::Table, [MfaDevice::AccountId, MfaDevice::Name]).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            MfaDevice::Table.into_iden(),
            PasswordPolicy::Table.into_iden(),
            PasswordHistory::Table.into_iden(),
            LoginProfile::Table.into_iden(),
            AccessKey::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
