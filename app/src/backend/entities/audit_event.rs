use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub account_id: String,
    pub at: DateTimeUtc,
    pub principal_arn: String,
    pub action: String,
    pub resource: String,
    /// `allowed`, `denied` or `failed`.
    pub outcome: String,
    pub error_code: Option<String>,
    pub source_ip: Option<String>,
    pub request_id: String,
    /// `console` or `api`.
    pub channel: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
