use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "access_key")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub access_key_id: String,
    pub account_id: String,
    /// `None` for the account root's keys.
    pub user_id: Option<String>,
    /// AES-256-GCM, see `backend::crypto`. Never logged, never returned after creation.
    pub secret_ciphertext: String,
    /// `Active` or `Inactive`.
    pub status: String,
    pub created_at: DateTimeUtc,
    pub last_used_at: Option<DateTimeUtc>,
    pub last_used_service: Option<String>,
    pub last_used_region: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
