use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "console_session")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    /// The session record as JSON (never a secret: only who is signed in and since when).
    pub data: String,
    /// Unix seconds.
    pub expires_at: i64,
    /// Whose session this is (`auth::session::principal_key`), indexed: how every session of one principal is ended
    /// at once. `None` for a session nobody has signed in to yet.
    pub principal: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
