use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "managed_policy")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub policy_id: String,
    pub account_id: String,
    pub name: String,
    pub name_lower: String,
    pub path: String,
    pub description: Option<String>,
    /// Like `v3`.
    pub default_version: String,
    /// The number the next version gets (AWS never reuses version ids).
    pub next_version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
