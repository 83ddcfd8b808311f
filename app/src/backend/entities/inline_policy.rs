use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "inline_policy")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub account_id: String,
    /// [`super::OWNER_USER`] or [`super::OWNER_GROUP`].
    pub owner_kind: String,
    pub owner_id: String,
    pub name: String,
    pub name_lower: String,
    /// Exactly as submitted.
    pub document: String,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
