//! Users, groups, memberships, policies (inline and managed, with versions and attachments), tags. Every name has a
//! lower-cased twin with a unique index so names are unique per account case-insensitively (AWS's rule), and every
//! listable entity has an index on (account, path, name) so a page by path prefix costs the same at any size.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
pub enum IamUser {
    Table,
    UserId,
    AccountId,
    Name,
    NameLower,
    Path,
    CreatedAt,
    PasswordLastUsed,
}

#[derive(DeriveIden)]
pub enum IamGroup {
    Table,
    GroupId,
    AccountId,
    Name,
    NameLower,
    Path,
    CreatedAt,
}

#[derive(DeriveIden)]
enum GroupMembership {
    Table,
    GroupId,
    UserId,
    AddedAt,
}

#[derive(DeriveIden)]
enum InlinePolicy {
    Table,
    Id,
    AccountId,
    OwnerKind,
    OwnerId,
    Name,
    NameLower,
    Document,
    UpdatedAt,
}

#[derive(DeriveIden)]
pub enum ManagedPolicy {
    Table,
    PolicyId,
    AccountId,
    Name,
    NameLower,
    Path,
    Description,
    DefaultVersion,
    NextVersion,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum PolicyVersion {
    Table,
    PolicyId,
    VersionId,
    Document,
    CreatedAt,
}

#[derive(DeriveIden)]
enum PolicyAttachment {
    Table,
    PolicyId,
    OwnerKind,
    OwnerId,
    AttachedAt,
}

#[derive(DeriveIden)]
enum UserTag {
    Table,
    UserId,
    Key,
    KeyLower,
    Value,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IamUser::Table)
                    .col(ColumnDef::new(IamUser::UserId).string_len(32).not_null().primary_key())
                    .col(ColumnDef::new(IamUser::AccountId).string_len(12).not_null())
                    .col(ColumnDef::new(IamUser::Name).string_len(64).not_null())
                    .col(ColumnDef::new(IamUser::NameLower).string_len(64).not_null())
                    .col(ColumnDef::new(IamUser::Path).string_len(512).not_null())
                    .col(ColumnDef::new(IamUser::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(IamUser::PasswordLastUsed).timestamp_with_time_zone().null())
                    .to_owned(),
            )
            .await?;
        unique(manager, "ux_iam_user_name", IamUser::Table, [IamUser::AccountId, IamUser::NameLower]).await?;
        index(manager, "ix_iam_user_path", IamUser::Table, [IamUser::AccountId, IamUser::Path, IamUser::Name]).await?;

        manager
            .create_table(
                Table::create()
                    .table(IamGroup::Table)
                    .col(ColumnDef::new(IamGroup::GroupId).string_len(32).not_null().primary_key())
                    .col(ColumnDef::new(IamGroup::AccountId).string_len(12).not_null())
                    .col(ColumnDef::new(IamGroup::Name).string_len(128).not_null())
                    .col(ColumnDef::new(IamGroup::NameLower).string_len(128).not_null())
                    .col(ColumnDef::new(IamGroup::Path).string_len(512).not_null())
                    .col(ColumnDef::new(IamGroup::CreatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        unique(manager, "ux_iam_group_name", IamGroup::Table, [IamGroup::AccountId, IamGroup::NameLower]).await?;
        index(manager, "ix_iam_group_path", IamGroup::Table, [IamGroup::AccountId, IamGroup::Path, IamGroup::Name])
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(GroupMembership::Table)
                    .col(ColumnDef::new(GroupMembership::GroupId).string_len(32).not_null())
                    .col(ColumnDef::new(GroupMembership::UserId).string_len(32).not_null())
                    .col(ColumnDef::new(GroupMembership::AddedAt).timestamp_with_time_zone().not_null())
                    .primary_key(Index::create().col(GroupMembership::GroupId).col(GroupMembership::UserId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(GroupMembership::Table, GroupMembership::GroupId)
                            .to(IamGroup::Table, IamGroup::GroupId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(GroupMembership::Table, GroupMembership::UserId)
                            .to(IamUser::Table, IamUser::UserId),
                    )
                    .to_owned(),
            )
            .await?;
        index(manager, "ix_group_membership_user", GroupMembership::Table, [GroupMembership::UserId]).await?;

        manager
            .create_table(
                Table::create()
                    .table(InlinePolicy::Table)
                    .col(ColumnDef::new(InlinePolicy::Id).big_integer().not_null().auto_increment().primary_key())
                    .col(ColumnDef::new(InlinePolicy::AccountId).string_len(12).not_null())
                    // `user` or `group`: inline policies of both live here, keyed by the owner's unique id.
                    .col(ColumnDef::new(InlinePolicy::OwnerKind).string_len(8).not_null())
                    .col(ColumnDef::new(InlinePolicy::OwnerId).string_len(32).not_null())
                    .col(ColumnDef::new(InlinePolicy::Name).string_len(128).not_null())
                    .col(ColumnDef::new(InlinePolicy::NameLower).string_len(128).not_null())
                    .col(ColumnDef::new(InlinePolicy::Document).text().not_null())
                    .col(ColumnDef::new(InlinePolicy::UpdatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        unique(
            manager,
            "ux_inline_policy_name",
            InlinePolicy::Table,
            [InlinePolicy::OwnerKind, InlinePolicy::OwnerId, InlinePolicy::NameLower],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(ManagedPolicy::Table)
                    .col(ColumnDef::new(ManagedPolicy::PolicyId).string_len(32).not_null().primary_key())
                    .col(ColumnDef::new(ManagedPolicy::AccountId).string_len(12).not_null())
                    .col(ColumnDef::new(ManagedPolicy::Name).string_len(128).not_null())
                    .col(ColumnDef::new(ManagedPolicy::NameLower).string_len(128).not_null())
                    .col(ColumnDef::new(ManagedPolicy::Path).string_len(512).not_null())
                    .col(ColumnDef::new(ManagedPolicy::Description).string_len(1000).null())
                    .col(ColumnDef::new(ManagedPolicy::DefaultVersion).string_len(8).not_null())
                    .col(ColumnDef::new(ManagedPolicy::NextVersion).integer().not_null())
                    .col(ColumnDef::new(ManagedPolicy::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(ManagedPolicy::UpdatedAt).timestamp_with_time_zone().not_null())
                    .to_owned(),
            )
            .await?;
        unique(manager, "ux_managed_policy_name", ManagedPolicy::Table, [ManagedPolicy::AccountId, ManagedPolicy::NameLower])
            .await?;
        index(
            manager,
            "ix_managed_policy_path",
            ManagedPolicy::Table,
            [ManagedPolicy::AccountId, ManagedPolicy::Path, ManagedPolicy::Name],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(PolicyVersion::Table)
                    .col(ColumnDef::new(PolicyVersion::PolicyId).string_len(32).not_null())
                    .col(ColumnDef::new(PolicyVersion::VersionId).string_len(8).not_null())
                    .col(ColumnDef::new(PolicyVersion::Document).text().not_null())
                    .col(ColumnDef::new(PolicyVersion::CreatedAt).timestamp_with_time_zone().not_null())
                    .primary_key(Index::create().col(PolicyVersion::PolicyId).col(PolicyVersion::VersionId))
                    .foreign_key(
                        ForeignKey::create()
                            .from(PolicyVersion::Table, PolicyVersion::PolicyId)
                            .to(ManagedPolicy::Table, ManagedPolicy::PolicyId),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(PolicyAttachment::Table)
                    .col(ColumnDef::new(PolicyAttachment::PolicyId).string_len(32).not_null())
                    .col(ColumnDef::new(PolicyAttachment::OwnerKind).string_len(8).not_null())
                    .col(ColumnDef::new(PolicyAttachment::OwnerId).string_len(32).not_null())
                    .col(ColumnDef::new(PolicyAttachment::AttachedAt).timestamp_with_time_zone().not_null())
                    .primary_key(
                        Index::create()
                            .col(PolicyAttachment::PolicyId)
                            .col(PolicyAttachment::OwnerKind)
                            .col(PolicyAttachment::OwnerId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(PolicyAttachment::Table, PolicyAttachment::PolicyId)
                            .to(ManagedPolicy::Table, ManagedPolicy::PolicyId),
                    )
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_policy_attachment_owner",
            PolicyAttachment::Table,
            [PolicyAttachment::OwnerKind, PolicyAttachment::OwnerId],
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(UserTag::Table)
                    .col(ColumnDef::new(UserTag::UserId).string_len(32).not_null())
                    .col(ColumnDef::new(UserTag::Key).string_len(128).not_null())
                    .col(ColumnDef::new(UserTag::KeyLower).string_len(128).not_null())
                    .col(ColumnDef::new(UserTag::Value).string_len(256).not_null())
                    .primary_key(Index::create().col(UserTag::UserId).col(UserTag::KeyLower))
                    .foreign_key(
                        ForeignKey::create()
                            .from(UserTag::Table, UserTag::UserId)
                            .to(IamUser::Table, IamUser::UserId),
                    )
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            UserTag::Table.into_iden(),
            PolicyAttachment::Table.into_iden(),
            PolicyVersion::Table.into_iden(),
            ManagedPolicy::Table.into_iden(),
            InlinePolicy::Table.into_iden(),
            GroupMembership::Table.into_iden(),
            IamGroup::Table.into_iden(),
            IamUser::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

pub(crate) async fn index<T: IntoIden + 'static, C: IntoIden + 'static>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    columns: impl IntoIterator<Item = C>,
) -> Result<(), DbErr> {
    let mut statement = Index::create();
    statement.name(name).table(table);
    for column in columns {
        statement.col(column);
    }
    manager.create_index(statement.to_owned()).await
}

pub(crate) async fn unique<T: IntoIden + 'static, C: IntoIden + 'static>(
    manager: &SchemaManager<'_>,
    name: &str,
    table: T,
    columns: impl IntoIterator<Item = C>,
) -> Result<(), DbErr> {
    let mut statement = Index::create();
    statement.name(name).table(table).unique();
    for column in columns {
        statement.col(column);
    }
    manager.create_index(statement.to_owned()).await
}
