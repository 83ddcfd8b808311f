use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "mfa_device")]
pub struct Model {
    /// The device ARN, `arn:aws:iam::<account>:mfa/<path><name>`.
    #[sea_orm(primary_key, auto_increment = false)]
    pub serial_number: String,
    pub account_id: String,
    pub name: String,
    pub path: String,
    /// The TOTP seed, AES-256-GCM, see `backend::crypto`.
    pub seed_ciphertext: String,
    /// The IAM user it is enabled for; `None` while unassigned or when assigned to root.
    pub user_id: Option<String>,
    pub assigned_to_root: bool,
    pub enabled_at: Option<DateTimeUtc>,
    /// The last TOTP time step accepted, so no code is ever accepted twice.
    pub last_time_step: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
