//! Virtual MFA devices: create (the seed returned once), enable for a user or the root with two consecutive codes,
//! resync, deactivate, delete, list; and the console's sign-in check, which accepts each code at most once.
//!
//! Replay protection rests on `last_time_step`: every accepted code records its time step, and every write that
//! records one is a compare-and-swap on the value it read (or, at sign-in, on "older than this step"), so two
//! requests racing with the same code cannot both succeed, on SQLite or on PostgreSQL.

use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};

use super::caller::{Call, Identity};
use super::ids;
use super::pagination::Window;
use super::throttle::Attempt;
use super::{is_unique_violation, iso, users, IamService, WriteTxn};
use crate::backend::auth::totp::{self, TotpError, TotpSeed};
use crate::backend::entities::{iam_user, mfa_device};
use crate::backend::request::RequestContext;
use crate::model::mfa::{AssignmentStatus, MfaDeviceView, VirtualMfaCreated, VirtualMfaDeviceView};
use crate::model::{IamError, IamPath, MfaDeviceName, Page, PageRequest, UserName, UserView};

/// AWS: at most 8 MFA devices per user (and per root).
pub const MAX_DEVICES_PER_USER: u64 = 8;

/// The longest serial number we store (the column's width): a device ARN with the longest path and name.
const MAX_SERIAL_LEN: usize = 600;

/// Whose devices an action is about: the account root or an IAM user.
enum Holder {
    Root,
    User(iam_user::Model),
}

impl Holder {
    /// The devices enabled for this holder.
    fn devices(&self) -> Condition {
        match self {
            Holder::Root => principal_devices(None),
            Holder::User(user) => principal_devices(Some(&user.user_id)),
        }
    }

    fn holds(&self, device: &mfa_device::Model) -> bool {
        match self {
            Holder::Root => device.assigned_to_root,
            Holder::User(user) => device.user_id.as_deref() == Some(user.user_id.as_str()),
        }
    }

    fn user_name(&self) -> &str {
        match self {
            Holder::Root => "",
            Holder::User(user) => &user.name,
        }
    }

    /// How messages name the holder.
    fn describe(&self) -> String {
        match self {
            Holder::Root => "the account root".into(),
            Holder::User(user) => format!("user `{}`", user.name),
        }
    }
}

/// The principal an action targets, resolved before authorization: the named user, or else the caller.
struct Target {
    /// What the action is authorized against: the user's ARN, or the root's.
    arn: String,
    /// `None` for the root.
    user: Option<UserName>,
}

fn code_error(e: TotpError) -> IamError {
    IamError::InvalidAuthenticationCode(e.to_string())
}

fn unassigned() -> Condition {
    Condition::all().add(mfa_device::Column::UserId.is_null()).add(mfa_device::Column::AssignedToRoot.eq(false))
}

fn assigned() -> Condition {
    Condition::any().add(mfa_device::Column::UserId.is_not_null()).add(mfa_device::Column::AssignedToRoot.eq(true))
}

/// The row still has the `last_time_step` this request read: the compare of a compare-and-swap.
fn step_unchanged(read: Option<i64>) -> Condition {
    match read {
        None => Condition::all().add(mfa_device::Column::LastTimeStep.is_null()),
        Some(step) => Condition::all().add(mfa_device::Column::LastTimeStep.eq(step)),
    }
}

/// AWS's `serialNumberType` is `[\w+=/:,.@-]+`, 9–256 characters; our serials are device ARNs whose paths may hold
/// any printable ASCII, so any printable ASCII is accepted here, up to the longest ARN we can issue.
fn check_serial(serial: &str) -> Result<(), IamError> {
    let len = serial.chars().count();
    if !(9..=MAX_SERIAL_LEN).contains(&len) {
        let shown: String = serial.chars().take(64).collect();
        return Err(IamError::ValidationError(format!(
            "serial number `{shown}` must be 9 to {MAX_SERIAL_LEN} characters long"
        )));
    }
    if let Some(bad) = serial.chars().find(|c| !c.is_ascii_graphic()) {
        return Err(IamError::ValidationError(format!(
            "serial number `{serial}` contains `{}`; use the device's ARN",
            bad.escape_debug()
        )));
    }
    Ok(())
}

fn no_such_device(serial: &str) -> IamError {
    IamError::NoSuchEntity(format!("the MFA device with serial number `{serial}` cannot be found"))
}

fn device_exists(name: &str) -> IamError {
    IamError::EntityAlreadyExists(format!("a virtual MFA device with name `{name}` already exists"))
}

fn not_enabled_for(serial: &str, holder: &Holder) -> IamError {
    IamError::NoSuchEntity(format!("the MFA device `{serial}` is not enabled for {}", holder.describe()))
}

/// A concurrent request changed the device between our read and our write. For enable and resync that request
/// can only have used codes (or taken the device), so this request's codes count as used.
fn raced(first_code: &str) -> IamError {
    code_error(TotpError::Reused { code: first_code.to_owned() })
}

impl IamService {
    /// `CreateVirtualMFADevice`: a new, unassigned device with a fresh seed. The seed is sealed at rest under the
    /// serial number and returned here, once, as Base32, an `otpauth://` URI and a QR code of that URI.
    pub async fn create_virtual_mfa_device(
        &self,
        call: &Call,
        name: MfaDeviceName,
        path: IamPath,
    ) -> Result<VirtualMfaCreated, IamError> {
        let serial = ids::mfa_arn(call.account_id(), path.as_str(), name.as_str());
        self.authorize(call, "iam:CreateVirtualMFADevice", &serial).await?;
        let account = self.account_by_id(&call.ctx, call.account_id()).await?;
        let issuer = format!("IAM {}", account.alias.as_deref().unwrap_or(&account.account_id));

        let seed = TotpSeed::generate();
        let sealed = self.keys.seal(seed.as_bytes(), &serial).map_err(|e| call.internal(e))?;
        let otpauth_uri = totp::otpauth_uri(&seed, &issuer, name.as_str());
        let qr_code_svg = totp::qr_svg(&otpauth_uri).map_err(|e| call.internal(e))?;
        let qr_code_png = totp::qr_png(&otpauth_uri).map_err(|e| call.internal(e))?;

        let txn = self.begin(&call.ctx).await?;
        // Names are unique per account case-insensitively, like every IAM name; the unique index only catches the
        // exact-case race, so the folded comparison happens here.
        let clash = mfa_device::Entity::find()
            .filter(mfa_device::Column::AccountId.eq(call.account_id()))
            .filter(
                Expr::expr(Func::lower(Expr::col((mfa_device::Entity, mfa_device::Column::Name)))).eq(name.folded()),
            )
            .count(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        if clash > 0 {
            return Err(device_exists(name.as_str()));
        }
        let row = mfa_device::ActiveModel {
            serial_number: Set(serial.clone()),
            account_id: Set(call.account_id().to_owned()),
            name: Set(name.as_str().to_owned()),
            path: Set(path.as_str().to_owned()),
            seed_ciphertext: Set(sealed),
            user_id: Set(None),
            assigned_to_root: Set(false),
            enabled_at: Set(None),
            last_time_step: Set(None),
            created_at: Set(self.clock.now()),
        };
        mfa_device::Entity::insert(row).exec_without_returning(&txn).await.map_err(|e| {
            if is_unique_violation(&e) {
                device_exists(name.as_str())
            } else {
                call.internal(e)
            }
        })?;
        self.audit(&txn, call, "iam:CreateVirtualMFADevice", &serial);
        txn.commit().await.map_err(|e| call.internal(e))?;
        Ok(VirtualMfaCreated {
            serial_number: serial,
            base32_string_seed: seed.to_base32(),
            otpauth_uri,
            qr_code_svg,
            qr_code_png,
        })
    }

    /// `EnableMFADevice`: assigns an unassigned device to `user` (`None`: the caller, root included) once `code1`
    /// and `code2` prove two consecutive time steps of its seed.
    pub async fn enable_mfa_device(
        &self,
        call: &Call,
        user: Option<UserName>,
        serial: &str,
        code1: &str,
        code2: &str,
    ) -> Result<(), IamError> {
        let target = self.target(call, user).await?;
        self.authorize(call, "iam:EnableMFADevice", &target.arn).await?;
        check_serial(serial)?;

        let txn = self.begin(&call.ctx).await?;
        let holder = self.locked_holder(&txn, call, &target).await?;
        let device = self.device(&txn, call, serial).await?;
        if device.user_id.is_some() || device.assigned_to_root {
            return Err(IamError::EntityAlreadyExists(format!("the MFA device `{serial}` is already assigned")));
        }
        let enabled = mfa_device::Entity::find()
            .filter(mfa_device::Column::AccountId.eq(call.account_id()))
            .filter(holder.devices())
            .count(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        if enabled >= MAX_DEVICES_PER_USER {
            return Err(IamError::LimitExceeded(format!(
                "{} already has {MAX_DEVICES_PER_USER} MFA devices, the most allowed; deactivate one first",
                holder.describe()
            )));
        }
        let seed = self.seed(call, &device)?;
        let now = self.clock.now();
        let step = totp::verify_two_consecutive(&seed, code1, code2, now.timestamp(), device.last_time_step)
            .map_err(code_error)?;
        let (user_id, to_root) = match &holder {
            Holder::Root => (None, true),
            Holder::User(user) => (Some(user.user_id.clone()), false),
        };
        let updated = mfa_device::Entity::update_many()
            .col_expr(mfa_device::Column::UserId, Expr::value(user_id))
            .col_expr(mfa_device::Column::AssignedToRoot, Expr::value(to_root))
            .col_expr(mfa_device::Column::EnabledAt, Expr::value(now))
            .col_expr(mfa_device::Column::LastTimeStep, Expr::value(step))
            .filter(mfa_device::Column::SerialNumber.eq(serial))
            .filter(unassigned())
            .filter(step_unchanged(device.last_time_step))
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        if updated.rows_affected != 1 {
            return Err(raced(code1));
        }
        self.audit(&txn, call, "iam:EnableMFADevice", &target.arn);
        txn.commit().await.map_err(|e| call.internal(e))
    }

    /// `ResyncMFADevice`: re-anchors a device enabled for `user` (`None`: the caller) whose clock has drifted, with
    /// two consecutive codes; neither code (nor any earlier one) is accepted again afterwards.
    pub async fn resync_mfa_device(
        &self,
        call: &Call,
        user: Option<UserName>,
        serial: &str,
        code1: &str,
        code2: &str,
    ) -> Result<(), IamError> {
        let target = self.target(call, user).await?;
        self.authorize(call, "iam:ResyncMFADevice", &target.arn).await?;
        check_serial(serial)?;

        let txn = self.begin(&call.ctx).await?;
        let holder = self.holder(&txn, call, &target).await?;
        let device = self.device(&txn, call, serial).await?;
        if !holder.holds(&device) {
            return Err(not_enabled_for(serial, &holder));
        }
        let seed = self.seed(call, &device)?;
        let step =
            totp::verify_two_consecutive(&seed, code1, code2, self.clock.now().timestamp(), device.last_time_step)
                .map_err(code_error)?;
        let updated = mfa_device::Entity::update_many()
            .col_expr(mfa_device::Column::LastTimeStep, Expr::value(step))
            .filter(mfa_device::Column::SerialNumber.eq(serial))
            .filter(holder.devices())
            .filter(step_unchanged(device.last_time_step))
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        if updated.rows_affected != 1 {
            return Err(raced(code1));
        }
        self.audit(&txn, call, "iam:ResyncMFADevice", &target.arn);
        txn.commit().await.map_err(|e| call.internal(e))
    }

    /// `DeactivateMFADevice`: unassigns a device from `user` (`None`: the caller). The device itself stays, and so
    /// does its last accepted time step, so codes used before can never be used again, even after re-enabling.
    pub async fn deactivate_mfa_device(
        &self,
        call: &Call,
        user: Option<UserName>,
        serial: &str,
    ) -> Result<(), IamError> {
        let target = self.target(call, user).await?;
        self.authorize(call, "iam:DeactivateMFADevice", &target.arn).await?;
        check_serial(serial)?;

        let txn = self.begin(&call.ctx).await?;
        let holder = self.holder(&txn, call, &target).await?;
        let device = self.device(&txn, call, serial).await?;
        if !holder.holds(&device) {
            return Err(not_enabled_for(serial, &holder));
        }
        let updated = mfa_device::Entity::update_many()
            .col_expr(mfa_device::Column::UserId, Expr::value(Option::<String>::None))
            .col_expr(mfa_device::Column::AssignedToRoot, Expr::value(false))
            .col_expr(mfa_device::Column::EnabledAt, Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None))
            .filter(mfa_device::Column::SerialNumber.eq(serial))
            .filter(holder.devices())
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        if updated.rows_affected != 1 {
            // Deactivated (or moved) by a concurrent request since we read it.
            return Err(not_enabled_for(serial, &holder));
        }
        let holder_name = match &holder {
            Holder::Root => None,
            Holder::User(user) => Some(user.name.as_str()),
        };
        self.end_console_sessions(&txn, call, holder_name).await?;
        self.audit(&txn, call, "iam:DeactivateMFADevice", &target.arn);
        txn.commit().await.map_err(|e| call.internal(e))
    }

    /// `DeleteVirtualMFADevice`: only an unassigned device (`DeleteConflict` while enabled for anyone).
    pub async fn delete_virtual_mfa_device(&self, call: &Call, serial: &str) -> Result<(), IamError> {
        check_serial(serial)?;
        // The serial number is the device's ARN, so it is the resource to authorize against.
        self.authorize(call, "iam:DeleteVirtualMFADevice", serial).await?;

        let txn = self.begin(&call.ctx).await?;
        let device = self.device(&txn, call, serial).await?;
        if device.user_id.is_some() || device.assigned_to_root {
            return Err(IamError::DeleteConflict(format!(
                "cannot delete the MFA device `{serial}` while it is enabled; deactivate it first"
            )));
        }
        let deleted = mfa_device::Entity::delete_many()
            .filter(mfa_device::Column::SerialNumber.eq(serial))
            .filter(unassigned())
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        if deleted.rows_affected != 1 {
            return Err(IamError::DeleteConflict(format!(
                "cannot delete the MFA device `{serial}` while it is enabled; deactivate it first"
            )));
        }
        self.audit(&txn, call, "iam:DeleteVirtualMFADevice", serial);
        txn.commit().await.map_err(|e| call.internal(e))
    }

    /// `ListMFADevices`: the devices enabled for `user` (`None`: the caller, root included), oldest first. At most 8,
    /// so never paginated.
    pub async fn list_mfa_devices(&self, call: &Call, user: Option<UserName>) -> Result<Vec<MfaDeviceView>, IamError> {
        let target = self.target(call, user).await?;
        self.authorize(call, "iam:ListMFADevices", &target.arn).await?;
        let holder = self.holder(&self.db, call, &target).await?;
        let rows = mfa_device::Entity::find()
            .filter(mfa_device::Column::AccountId.eq(call.account_id()))
            .filter(holder.devices())
            .order_by_asc(mfa_device::Column::EnabledAt)
            .order_by_asc(mfa_device::Column::SerialNumber)
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        Ok(rows
            .into_iter()
            .map(|d| MfaDeviceView {
                user_name: holder.user_name().to_owned(),
                enable_date: d.enabled_at.map(iso).unwrap_or_default(),
                serial_number: d.serial_number,
            })
            .collect())
    }

    /// `ListVirtualMFADevices`: the account's devices by assignment status, ordered by path then name, with the
    /// principal each is enabled for. Never the seed. The action has no resource type, so it is authorized on `*`.
    pub async fn list_virtual_mfa_devices(
        &self,
        call: &Call,
        status: AssignmentStatus,
        page: PageRequest,
    ) -> Result<Page<VirtualMfaDeviceView>, IamError> {
        self.authorize(call, "iam:ListVirtualMFADevices", "*").await?;
        let window = Window::parse(&self.keys, &page)?;
        let mut query = mfa_device::Entity::find().filter(mfa_device::Column::AccountId.eq(call.account_id()));
        query = match status {
            AssignmentStatus::Assigned => query.filter(assigned()),
            AssignmentStatus::Unassigned => query.filter(unassigned()),
            AssignmentStatus::Any => query,
        };
        let rows = window
            .apply(query, mfa_device::Column::Path, mfa_device::Column::Name)
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;

        // The holders of this page, in one query (a page is at most 1,000 rows, well within parameter limits).
        let user_ids: Vec<String> = rows.iter().filter_map(|d| d.user_id.clone()).collect();
        let holders: std::collections::HashMap<String, UserView> = if user_ids.is_empty() {
            Default::default()
        } else {
            iam_user::Entity::find()
                .filter(iam_user::Column::UserId.is_in(user_ids))
                .all(&self.db)
                .await
                .map_err(|e| call.internal(e))?
                .into_iter()
                .map(|u| (u.user_id.clone(), users::view(call.account_id(), u, Vec::new())))
                .collect()
        };
        let root = if rows.iter().any(|d| d.assigned_to_root) {
            let account = self.account_by_id(&call.ctx, call.account_id()).await?;
            Some(UserView {
                user_name: String::new(),
                user_id: account.account_id.clone(),
                arn: ids::root_arn(&account.account_id),
                path: "/".into(),
                create_date: account.created_at,
                password_last_used: None,
                tags: Vec::new(),
            })
        } else {
            None
        };
        Ok(window.page(
            &self.keys,
            rows,
            |d| (d.path.clone(), d.name.clone()),
            |d| VirtualMfaDeviceView {
                user: if d.assigned_to_root {
                    root.clone()
                } else {
                    d.user_id.as_ref().and_then(|id| holders.get(id).cloned())
                },
                enable_date: d.enabled_at.map(iso),
                serial_number: d.serial_number,
            },
        ))
    }

    /// Console sign-in's second factor, after the password was proved (so no IAM authorization): `code` must be a
    /// current code of one of the devices enabled for the principal (`user_id` `None`: the root), and is accepted at
    /// most once. The time step is recorded with a conditional update, so of two concurrent sign-ins with the same
    /// code exactly one passes. Wrong codes count towards the principal's lockout (a six-digit code falls to a
    /// million guesses otherwise, and signing in again with the password restarts the per-sign-in limit).
    pub async fn verify_mfa_sign_in(
        &self,
        ctx: &RequestContext,
        account_id: &str,
        user_id: Option<&str>,
        code: &str,
    ) -> Result<(), IamError> {
        let gate = self.throttle_gate(ctx, Attempt::MfaCode { account_id, user_id }).await?;
        match self.check_mfa_sign_in_code(ctx, account_id, user_id, code).await {
            Ok(()) => {
                self.throttle_passed(ctx, gate).await;
                Ok(())
            }
            Err(err @ IamError::ServiceFailure { .. }) => Err(err),
            Err(err) => {
                self.throttle_failed(ctx, gate).await;
                Err(err)
            }
        }
    }

    async fn check_mfa_sign_in_code(
        &self,
        ctx: &RequestContext,
        account_id: &str,
        user_id: Option<&str>,
        code: &str,
    ) -> Result<(), IamError> {
        let enabled = principal_devices(user_id);
        let devices = mfa_device::Entity::find()
            .filter(mfa_device::Column::AccountId.eq(account_id))
            .filter(enabled.clone())
            .order_by_asc(mfa_device::Column::SerialNumber)
            .all(&self.db)
            .await
            .map_err(|e| ctx.internal(e))?;
        if devices.is_empty() {
            return Err(IamError::InvalidAuthenticationCode("no MFA device is enabled for this sign-in".into()));
        }
        let now = self.clock.now().timestamp();
        let mut refusal: Option<TotpError> = None;
        for device in devices {
            let bytes = self.keys.open(&device.seed_ciphertext, &device.serial_number).map_err(|e| ctx.internal(e))?;
            match totp::verify_sign_in(&TotpSeed::from_bytes(bytes), code, now, device.last_time_step) {
                Ok(step) => {
                    let updated = mfa_device::Entity::update_many()
                        .col_expr(mfa_device::Column::LastTimeStep, Expr::value(step))
                        .filter(mfa_device::Column::SerialNumber.eq(device.serial_number.as_str()))
                        .filter(enabled.clone())
                        .filter(
                            Condition::any()
                                .add(mfa_device::Column::LastTimeStep.is_null())
                                .add(mfa_device::Column::LastTimeStep.lt(step)),
                        )
                        .exec(self.writes())
                        .await
                        .map_err(|e| ctx.internal(e))?;
                    if updated.rows_affected == 1 {
                        return Ok(());
                    }
                    // Another sign-in recorded this step (or a later one) between our read and our write.
                    refusal = Some(TotpError::Reused { code: code.to_owned() });
                }
                Err(e @ TotpError::Malformed { .. }) => return Err(code_error(e)),
                // With several devices, "already used" on one says more than "wrong" on another.
                Err(e @ TotpError::Reused { .. }) => refusal = Some(e),
                Err(e) => {
                    if refusal.is_none() {
                        refusal = Some(e);
                    }
                }
            }
        }
        Err(code_error(refusal.unwrap_or_else(|| TotpError::Wrong { code: code.to_owned() })))
    }

    /// Whether the principal (`user_id` `None`: the root) has an enabled MFA device, i.e. must give a code at sign-in.
    pub async fn has_enabled_mfa(
        &self,
        ctx: &RequestContext,
        account_id: &str,
        user_id: Option<&str>,
    ) -> Result<bool, IamError> {
        let count = mfa_device::Entity::find()
            .filter(mfa_device::Column::AccountId.eq(account_id))
            .filter(principal_devices(user_id))
            .count(&self.db)
            .await
            .map_err(|e| ctx.internal(e))?;
        Ok(count > 0)
    }

    /// The principal an MFA action is about: the named user, else the caller. Only the ARN is needed before
    /// authorization; a missing user is reported (as `NoSuchEntity`) after it, as for every other action.
    async fn target(&self, call: &Call, user: Option<UserName>) -> Result<Target, IamError> {
        match (user, &call.caller.identity) {
            (Some(name), _) => {
                let path = self.user_path_or_root(call, &name).await?;
                Ok(Target { arn: self.user_arn_for(call, &path, name.as_str()), user: Some(name) })
            }
            (None, Identity::User { name, path, .. }) => {
                Ok(Target { arn: self.user_arn_for(call, path, name), user: Some(UserName::parse(name)?) })
            }
            (None, Identity::Root) => Ok(Target { arn: ids::root_arn(call.account_id()), user: None }),
        }
    }

    async fn holder(&self, conn: &impl ConnectionTrait, call: &Call, target: &Target) -> Result<Holder, IamError> {
        match &target.user {
            None => Ok(Holder::Root),
            Some(name) => self.user(conn, call, name).await.map(Holder::User),
        }
    }

    /// [`Self::holder`] with the user's row locked (see `lock_user`), for enabling a device: two enables cannot both
    /// pass the device count, and a deletion racing one cannot leave a device assigned to a user that is gone.
    async fn locked_holder(&self, txn: &WriteTxn, call: &Call, target: &Target) -> Result<Holder, IamError> {
        match &target.user {
            None => Ok(Holder::Root),
            Some(name) => self.lock_user(txn, call, name).await.map(Holder::User),
        }
    }

    async fn device(
        &self,
        conn: &impl ConnectionTrait,
        call: &Call,
        serial: &str,
    ) -> Result<mfa_device::Model, IamError> {
        mfa_device::Entity::find_by_id(serial.to_owned())
            .filter(mfa_device::Column::AccountId.eq(call.account_id()))
            .one(conn)
            .await
            .map_err(|e| call.internal(e))?
            .ok_or_else(|| no_such_device(serial))
    }

    fn seed(&self, call: &Call, device: &mfa_device::Model) -> Result<TotpSeed, IamError> {
        self.keys
            .open(&device.seed_ciphertext, &device.serial_number)
            .map(TotpSeed::from_bytes)
            .map_err(|e| call.internal(e))
    }
}

/// The devices enabled for a principal given by id (`None`: the root).
fn principal_devices(user_id: Option<&str>) -> Condition {
    match user_id {
        None => Condition::all().add(mfa_device::Column::AssignedToRoot.eq(true)),
        Some(id) => Condition::all().add(mfa_device::Column::UserId.eq(id)),
    }
}
