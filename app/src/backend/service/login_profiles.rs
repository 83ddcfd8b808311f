//! Console passwords: the account password policy, IAM users' login profiles, changing one's own password, and the
//! password step of an IAM user's console sign-in.
//!
//! Choices where AWS leaves room (see also `model::passwords` for the default rules):
//! - Reuse prevention `N` forbids the current password and the `N - 1` before it (AWS: "the last N passwords"); it
//!   applies to every change of an existing password, by the user or by an administrator. Old hashes go to
//!   `password_history` (at most 24 kept per user); deleting a login profile deletes its history.
//! - `AllowUsersToChangePassword` grants every IAM user `iam:ChangePassword` on their own ARN and
//!   `iam:GetAccountPasswordPolicy`, as AWS does, but an explicit Deny in the user's policies still wins.
//! - `ChangePassword` with a wrong old password is `AccessDenied` (403): none of the codes botocore lists for the
//!   operation describes a failed proof of identity, and AccessDenied is common to every action.
//! - A password is expired once `MaxPasswordAge` days have passed since it was set. An expired password still signs
//!   in but must be changed first; with `HardExpiry` it neither signs in nor may be changed: an administrator resets
//!   it.

use chrono::{DateTime, Duration, Utc};
use iam_policy::{Context, Decision};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};

use super::audit::Outcome;
use super::caller::{Call, Caller, Channel, Identity};
use super::throttle::Attempt;
use super::{is_unique_violation, iso, IamService};
use crate::backend::auth::password;
use crate::backend::entities::{account, iam_user, login_profile, password_history, password_policy};
use crate::backend::request::RequestContext;
use crate::model::passwords::{
    password_format_problem, unmet_rules, LoginProfileView, PasswordPolicyInput, PasswordPolicyView, UserSignIn,
};
use crate::model::{IamError, Password, UserName};

/// The one message for every failed IAM user sign-in: it never says which of account, user name or password was
/// wrong, nor whether the user has a console password at all.
pub const USER_SIGN_IN_FAILED: &str = "the account, user name or password is incorrect";

/// The most earlier passwords reuse prevention can ask about (AWS's limit), so the most history worth keeping.
const HISTORY_KEPT: usize = 24;

const POLICY_RESOURCE: &str = "*";

fn policy_view(row: &password_policy::Model) -> PasswordPolicyView {
    let positive = |v: Option<i32>| v.and_then(|v| u32::try_from(v).ok()).filter(|v| *v > 0);
    PasswordPolicyView {
        minimum_password_length: u32::try_from(row.minimum_password_length).unwrap_or(6),
        require_symbols: row.require_symbols,
        require_numbers: row.require_numbers,
        require_uppercase_characters: row.require_uppercase_characters,
        require_lowercase_characters: row.require_lowercase_characters,
        allow_users_to_change_password: row.allow_users_to_change_password,
        expire_passwords: positive(row.max_password_age).is_some(),
        max_password_age: positive(row.max_password_age),
        password_reuse_prevention: positive(row.password_reuse_prevention),
        hard_expiry: row.hard_expiry,
    }
}

fn profile_view(user: &iam_user::Model, profile: &login_profile::Model) -> LoginProfileView {
    LoginProfileView {
        user_name: user.name.clone(),
        create_date: iso(profile.created_at),
        password_reset_required: profile.password_reset_required,
    }
}

/// Checks an `UpdateAccountPasswordPolicy` request against botocore's ranges, reporting every violation at once in
/// AWS's `ValidationError` style.
fn validate_policy_input(input: &PasswordPolicyInput) -> Result<(i32, Option<i32>, Option<i32>), IamError> {
    let mut problems = Vec::new();
    let mut check = |name: &str, value: Option<i64>, min: i64, max: i64| -> Option<i32> {
        let v = value?;
        if v < min {
            problems.push(format!("value `{v}` at `{name}` must be greater than or equal to {min}"));
            None
        } else if v > max {
            problems.push(format!("value `{v}` at `{name}` must be less than or equal to {max}"));
            None
        } else {
            i32::try_from(v).ok()
        }
    };
    let length = check("minimumPasswordLength", input.minimum_password_length, 6, 128).unwrap_or(6);
    let age = check("maxPasswordAge", input.max_password_age, 1, 1095);
    let reuse = check("passwordReusePrevention", input.password_reuse_prevention, 1, 24);
    if problems.is_empty() {
        return Ok((length, age, reuse));
    }
    let count = problems.len();
    Err(IamError::ValidationError(format!(
        "{count} validation error{} detected: {}",
        if count == 1 { "" } else { "s" },
        problems.join("; ")
    )))
}

/// The form check (always) and the policy's rules (`policy`, or AWS's defaults when `None`) for a new password,
/// naming every unmet rule in one `PasswordPolicyViolation`. Reuse prevention needs the user's history: the service
/// adds it in [`IamService`]'s own checks.
pub fn check_password_against_policy(
    policy: Option<&PasswordPolicyView>,
    password: &Password,
    user_name: &str,
) -> Result<(), IamError> {
    if let Some(problem) = password_format_problem(password.expose()) {
        return Err(IamError::ValidationError(problem));
    }
    violation(policy, unmet_rules(policy, password.expose(), user_name))
}

fn violation(policy: Option<&PasswordPolicyView>, unmet: Vec<String>) -> Result<(), IamError> {
    if unmet.is_empty() {
        return Ok(());
    }
    let whose = if policy.is_some() {
        "the account's password policy"
    } else {
        "the default password policy (the account has none of its own)"
    };
    Err(IamError::PasswordPolicyViolation(format!("the password does not meet {whose}; it needs {}", unmet.join("; "))))
}

/// Whether `profile`'s password is older than the policy allows at `now`.
fn expired(policy: Option<&PasswordPolicyView>, profile: &login_profile::Model, now: DateTime<Utc>) -> bool {
    policy
        .and_then(|p| p.max_password_age)
        .is_some_and(|days| now >= profile.password_changed_at + Duration::days(i64::from(days)))
}

fn no_login_profile(user_name: &str) -> IamError {
    IamError::NoSuchEntity(format!("the login profile for user `{user_name}` cannot be found"))
}

fn sign_in_failed() -> IamError {
    IamError::SignInFailed(USER_SIGN_IN_FAILED.into())
}

fn hard_expired() -> IamError {
    IamError::SignInFailed(
        "the password has expired and the account's password policy does not let it be changed at sign-in; ask an \
         administrator to reset it"
            .into(),
    )
}

impl IamService {
    // ----- account password policy -----

    /// The account's password policy, with no authorization: for the password pages of the sign-in flow, shown to a
    /// person who has just proved a password (AWS's console shows the rules there too). `None` when none is set.
    pub async fn password_rules(
        &self,
        ctx: &RequestContext,
        account_id: &str,
    ) -> Result<Option<PasswordPolicyView>, IamError> {
        self.policy_row(&self.db, ctx, account_id).await.map(|row| row.as_ref().map(policy_view))
    }

    async fn policy_row(
        &self,
        conn: &impl ConnectionTrait,
        ctx: &RequestContext,
        account_id: &str,
    ) -> Result<Option<password_policy::Model>, IamError> {
        password_policy::Entity::find_by_id(account_id.to_owned()).one(conn).await.map_err(|e| ctx.internal(e))
    }

    /// `GetAccountPasswordPolicy`: `NoSuchEntity` while none is set, as AWS.
    pub async fn get_account_password_policy(&self, call: &Call) -> Result<PasswordPolicyView, IamError> {
        let policy = self.password_rules(&call.ctx, call.account_id()).await?;
        self.authorize_self_service(call, "iam:GetAccountPasswordPolicy", POLICY_RESOURCE, policy.as_ref()).await?;
        policy.ok_or_else(|| {
            IamError::NoSuchEntity(format!(
                "the password policy with domain name `{}` cannot be found",
                call.account_id()
            ))
        })
    }

    /// `UpdateAccountPasswordPolicy`: replaces the whole policy (absent parameters take AWS's defaults).
    pub async fn update_account_password_policy(
        &self,
        call: &Call,
        input: PasswordPolicyInput,
    ) -> Result<PasswordPolicyView, IamError> {
        self.authorize(call, "iam:UpdateAccountPasswordPolicy", POLICY_RESOURCE).await?;
        let (length, age, reuse) = validate_policy_input(&input)?;
        let row = password_policy::Model {
            account_id: call.account_id().to_owned(),
            minimum_password_length: length,
            require_symbols: input.require_symbols,
            require_numbers: input.require_numbers,
            require_uppercase_characters: input.require_uppercase_characters,
            require_lowercase_characters: input.require_lowercase_characters,
            allow_users_to_change_password: input.allow_users_to_change_password,
            max_password_age: age,
            password_reuse_prevention: reuse,
            hard_expiry: input.hard_expiry,
        };
        let active = password_policy::ActiveModel {
            account_id: Set(row.account_id.clone()),
            minimum_password_length: Set(row.minimum_password_length),
            require_symbols: Set(row.require_symbols),
            require_numbers: Set(row.require_numbers),
            require_uppercase_characters: Set(row.require_uppercase_characters),
            require_lowercase_characters: Set(row.require_lowercase_characters),
            allow_users_to_change_password: Set(row.allow_users_to_change_password),
            max_password_age: Set(row.max_password_age),
            password_reuse_prevention: Set(row.password_reuse_prevention),
            hard_expiry: Set(row.hard_expiry),
        };
        use password_policy::Column as C;
        // An upsert, so two administrators saving at once cannot collide on the primary key.
        let upsert = OnConflict::column(C::AccountId)
            .update_columns([
                C::MinimumPasswordLength,
                C::RequireSymbols,
                C::RequireNumbers,
                C::RequireUppercaseCharacters,
                C::RequireLowercaseCharacters,
                C::AllowUsersToChangePassword,
                C::MaxPasswordAge,
                C::PasswordReusePrevention,
                C::HardExpiry,
            ])
            .to_owned();
        let txn = self.begin(&call.ctx).await?;
        password_policy::Entity::insert(active)
            .on_conflict(upsert)
            .exec_without_returning(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        self.audit(&txn, call, "iam:UpdateAccountPasswordPolicy", POLICY_RESOURCE);
        txn.commit().await.map_err(|e| call.internal(e))?;
        Ok(policy_view(&row))
    }

    /// `DeleteAccountPasswordPolicy`: back to AWS's default rules. `NoSuchEntity` when none is set.
    pub async fn delete_account_password_policy(&self, call: &Call) -> Result<(), IamError> {
        self.authorize(call, "iam:DeleteAccountPasswordPolicy", POLICY_RESOURCE).await?;
        let txn = self.begin(&call.ctx).await?;
        let deleted = password_policy::Entity::delete_by_id(call.account_id().to_owned())
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        if deleted.rows_affected == 0 {
            return Err(IamError::NoSuchEntity("the account password policy cannot be found".into()));
        }
        self.audit(&txn, call, "iam:DeleteAccountPasswordPolicy", POLICY_RESOURCE);
        txn.commit().await.map_err(|e| call.internal(e))
    }

    /// Authorizes an action that `AllowUsersToChangePassword` grants every IAM user implicitly: the user's own
    /// policies decide first; an explicit Deny still refuses.
    async fn authorize_self_service(
        &self,
        call: &Call,
        action: &str,
        resource: &str,
        policy: Option<&PasswordPolicyView>,
    ) -> Result<(), IamError> {
        match self.decide(call, action, resource, Context::new()).await? {
            Decision::Allowed => Ok(()),
            Decision::ImplicitDeny if policy.is_some_and(|p| p.allow_users_to_change_password) => Ok(()),
            // Goes through `authorize` so the refusal is audited and worded like every other.
            _ => self.authorize(call, action, resource).await,
        }
    }

    // ----- checks shared by every way of setting a password -----

    /// Form, policy rules and reuse prevention for `candidate` as `user`'s new password, every unmet rule in one
    /// `PasswordPolicyViolation`. `current` is the user's login profile when they already have one.
    async fn check_new_password(
        &self,
        ctx: &RequestContext,
        policy: Option<&PasswordPolicyView>,
        user: &iam_user::Model,
        current: Option<&login_profile::Model>,
        candidate: &Password,
    ) -> Result<(), IamError> {
        if let Some(problem) = password_format_problem(candidate.expose()) {
            return Err(IamError::ValidationError(problem));
        }
        let mut unmet = unmet_rules(policy, candidate.expose(), &user.name);
        if let (Some(n), Some(current)) = (policy.and_then(|p| p.password_reuse_prevention), current) {
            if self.reuses_recent_password(ctx, current, n, candidate).await? {
                unmet.push(format!(
                    "to differ from the last {n} password{} of this user",
                    if n == 1 { "" } else { "s" }
                ));
            }
        }
        violation(policy, unmet)
    }

    /// Whether `candidate` is the current password or one of the `n - 1` before it.
    async fn reuses_recent_password(
        &self,
        ctx: &RequestContext,
        current: &login_profile::Model,
        n: u32,
        candidate: &Password,
    ) -> Result<bool, IamError> {
        let mut hashes = vec![current.password_hash.clone()];
        if n > 1 {
            let earlier = password_history::Entity::find()
                .filter(password_history::Column::UserId.eq(&current.user_id))
                .order_by_desc(password_history::Column::Id)
                .limit(u64::from(n - 1))
                .all(&self.db)
                .await
                .map_err(|e| ctx.internal(e))?;
            hashes.extend(earlier.into_iter().map(|h| h.password_hash));
        }
        for hash in hashes {
            if password::verify(Some(hash), candidate.clone()).await {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Replaces `profile`'s password inside `txn`: the old hash goes to the history (pruned to what reuse
    /// prevention can ever ask about), the change time restarts the expiry clock.
    async fn replace_password(
        &self,
        txn: &impl ConnectionTrait,
        ctx: &RequestContext,
        profile: login_profile::Model,
        new_hash: String,
        reset_required: bool,
    ) -> Result<(), IamError> {
        let now = self.clock.now();
        let user_id = profile.user_id.clone();
        password_history::Entity::insert(password_history::ActiveModel {
            id: sea_orm::NotSet,
            user_id: Set(user_id.clone()),
            password_hash: Set(profile.password_hash.clone()),
            created_at: Set(now),
        })
        .exec_without_returning(txn)
        .await
        .map_err(|e| ctx.internal(e))?;
        // Pruned on every change, so this reads at most `HISTORY_KEPT + 1` ids. (Skipped here rather than with
        // OFFSET, which SQLite accepts only after a LIMIT.)
        let ids: Vec<i64> = password_history::Entity::find()
            .select_only()
            .column(password_history::Column::Id)
            .filter(password_history::Column::UserId.eq(&user_id))
            .order_by_desc(password_history::Column::Id)
            .into_tuple()
            .all(txn)
            .await
            .map_err(|e| ctx.internal(e))?;
        let stale: Vec<i64> = ids.into_iter().skip(HISTORY_KEPT).collect();
        if !stale.is_empty() {
            password_history::Entity::delete_many()
                .filter(password_history::Column::Id.is_in(stale))
                .exec(txn)
                .await
                .map_err(|e| ctx.internal(e))?;
        }
        let mut row: login_profile::ActiveModel = profile.into();
        row.password_hash = Set(new_hash);
        row.password_reset_required = Set(reset_required);
        row.password_changed_at = Set(now);
        login_profile::Entity::update(row).exec(txn).await.map_err(|e| ctx.internal(e))?;
        Ok(())
    }

    async fn find_profile(
        &self,
        conn: &impl ConnectionTrait,
        ctx: &RequestContext,
        user_id: &str,
    ) -> Result<Option<login_profile::Model>, IamError> {
        login_profile::Entity::find_by_id(user_id.to_owned()).one(conn).await.map_err(|e| ctx.internal(e))
    }

    // ----- login profiles (administrators) -----

    /// `CreateLoginProfile`: gives `user_name` a console password. `EntityAlreadyExists` when they have one.
    pub async fn create_login_profile(
        &self,
        call: &Call,
        user_name: UserName,
        new_password: Password,
        password_reset_required: bool,
    ) -> Result<LoginProfileView, IamError> {
        let path = self.user_path_or_root(call, &user_name).await?;
        let arn = self.user_arn_for(call, &path, user_name.as_str());
        self.authorize(call, "iam:CreateLoginProfile", &arn).await?;
        let user = self.user(&self.db, call, &user_name).await?;
        if self.find_profile(&self.db, &call.ctx, &user.user_id).await?.is_some() {
            return Err(profile_exists(&user.name));
        }
        let policy = self.password_rules(&call.ctx, call.account_id()).await?;
        self.check_new_password(&call.ctx, policy.as_ref(), &user, None, &new_password).await?;
        let hash = password::hash(new_password).await.map_err(|e| call.internal(e))?;

        let txn = self.begin(&call.ctx).await?;
        // The user may have been deleted while the password was being hashed. Locked, so a deletion racing this one
        // either sees the profile (DeleteConflict) or has removed the user (NoSuchEntity here), never both going
        // ahead at once (PostgreSQL would then refuse the deletion on the foreign key: a 500).
        let user = self.lock_user(&txn, call, &user_name).await?;
        let now = self.clock.now();
        let row = login_profile::ActiveModel {
            user_id: Set(user.user_id.clone()),
            password_hash: Set(hash),
            password_reset_required: Set(password_reset_required),
            created_at: Set(now),
            password_changed_at: Set(now),
        };
        let profile = login_profile::Entity::insert(row).exec_with_returning(&txn).await.map_err(|e| {
            if is_unique_violation(&e) {
                profile_exists(&user.name)
            } else {
                call.internal(e)
            }
        })?;
        self.audit(&txn, call, "iam:CreateLoginProfile", &arn);
        txn.commit().await.map_err(|e| call.internal(e))?;
        Ok(profile_view(&user, &profile))
    }

    /// `GetLoginProfile`: when the password was created and whether a reset is required; never the hash.
    pub async fn get_login_profile(&self, call: &Call, user_name: UserName) -> Result<LoginProfileView, IamError> {
        let path = self.user_path_or_root(call, &user_name).await?;
        self.authorize(call, "iam:GetLoginProfile", &self.user_arn_for(call, &path, user_name.as_str())).await?;
        let user = self.user(&self.db, call, &user_name).await?;
        let profile =
            self.find_profile(&self.db, &call.ctx, &user.user_id).await?.ok_or_else(|| no_login_profile(&user.name))?;
        Ok(profile_view(&user, &profile))
    }

    /// `UpdateLoginProfile`: sets a new password and/or the reset-required flag. A new password is checked against
    /// the policy, reuse prevention included.
    pub async fn update_login_profile(
        &self,
        call: &Call,
        user_name: UserName,
        new_password: Option<Password>,
        password_reset_required: Option<bool>,
    ) -> Result<(), IamError> {
        let path = self.user_path_or_root(call, &user_name).await?;
        let arn = self.user_arn_for(call, &path, user_name.as_str());
        self.authorize(call, "iam:UpdateLoginProfile", &arn).await?;
        let user = self.user(&self.db, call, &user_name).await?;
        let profile =
            self.find_profile(&self.db, &call.ctx, &user.user_id).await?.ok_or_else(|| no_login_profile(&user.name))?;
        let new_hash = match new_password {
            Some(candidate) => {
                let policy = self.password_rules(&call.ctx, call.account_id()).await?;
                self.check_new_password(&call.ctx, policy.as_ref(), &user, Some(&profile), &candidate).await?;
                Some(password::hash(candidate).await.map_err(|e| call.internal(e))?)
            }
            None => None,
        };

        let txn = self.begin(&call.ctx).await?;
        let profile =
            self.find_profile(&txn, &call.ctx, &user.user_id).await?.ok_or_else(|| no_login_profile(&user.name))?;
        let reset = password_reset_required.unwrap_or(profile.password_reset_required);
        match new_hash {
            Some(hash) => {
                self.replace_password(&txn, &call.ctx, profile, hash, reset).await?;
                self.end_console_sessions(&txn, call, Some(&user.name)).await?;
            }
            None => {
                let mut row: login_profile::ActiveModel = profile.into();
                row.password_reset_required = Set(reset);
                login_profile::Entity::update(row).exec(&txn).await.map_err(|e| call.internal(e))?;
            }
        }
        self.audit(&txn, call, "iam:UpdateLoginProfile", &arn);
        txn.commit().await.map_err(|e| call.internal(e))
    }

    /// `DeleteLoginProfile`: the user can no longer sign in to the console (their access keys still work). Their
    /// password history goes too.
    pub async fn delete_login_profile(&self, call: &Call, user_name: UserName) -> Result<(), IamError> {
        let path = self.user_path_or_root(call, &user_name).await?;
        let arn = self.user_arn_for(call, &path, user_name.as_str());
        self.authorize(call, "iam:DeleteLoginProfile", &arn).await?;
        let txn = self.begin(&call.ctx).await?;
        let user = self.user(&txn, call, &user_name).await?;
        let deleted =
            login_profile::Entity::delete_by_id(user.user_id.clone()).exec(&txn).await.map_err(|e| call.internal(e))?;
        if deleted.rows_affected == 0 {
            return Err(no_login_profile(&user.name));
        }
        password_history::Entity::delete_many()
            .filter(password_history::Column::UserId.eq(&user.user_id))
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        self.end_console_sessions(&txn, call, Some(&user.name)).await?;
        self.audit(&txn, call, "iam:DeleteLoginProfile", &arn);
        txn.commit().await.map_err(|e| call.internal(e))
    }

    // ----- the user's own password -----

    /// `ChangePassword`: the calling IAM user replaces their own password, proving the old one. Allowed by the
    /// user's policies (`iam:ChangePassword` on their own ARN) or by the policy's `AllowUsersToChangePassword`.
    /// Clears a required reset.
    pub async fn change_password(&self, call: &Call, old: Password, new: Password) -> Result<(), IamError> {
        let Identity::User { name, path, .. } = &call.caller.identity else {
            return Err(IamError::InvalidUserType(
                "ChangePassword is not supported for the account root; it changes only an IAM user's own password"
                    .into(),
            ));
        };
        let arn = self.user_arn_for(call, path, name);
        let policy = self.password_rules(&call.ctx, call.account_id()).await?;
        self.authorize_self_service(call, "iam:ChangePassword", &arn, policy.as_ref()).await?;
        let user_name = UserName::parse(name)?;
        let user = self.user(&self.db, call, &user_name).await?;
        let profile =
            self.find_profile(&self.db, &call.ctx, &user.user_id).await?.ok_or_else(|| no_login_profile(&user.name))?;
        if !password::verify(Some(profile.password_hash.clone()), old).await {
            self.audit_outcome(call, "iam:ChangePassword", &arn, Outcome::Failed, Some("AccessDenied")).await;
            return Err(wrong_old_password(&user.name));
        }
        self.check_new_password(&call.ctx, policy.as_ref(), &user, Some(&profile), &new).await?;
        let hash = password::hash(new).await.map_err(|e| call.internal(e))?;

        let txn = self.begin(&call.ctx).await?;
        let current =
            self.find_profile(&txn, &call.ctx, &user.user_id).await?.ok_or_else(|| no_login_profile(&user.name))?;
        // Someone else set a password since the old one was checked: the proof no longer holds.
        if current.password_hash != profile.password_hash {
            return Err(wrong_old_password(&user.name));
        }
        self.replace_password(&txn, &call.ctx, current, hash, false).await?;
        self.end_console_sessions(&txn, call, Some(&user.name)).await?;
        self.audit(&txn, call, "iam:ChangePassword", &arn);
        txn.commit().await.map_err(|e| call.internal(e))
    }

    // ----- console sign-in of IAM users (no IAM action: the password is the proof) -----

    /// Checks an IAM user's console password. `account` is the 12-digit account id or its alias. Unknown account,
    /// unknown user, a user without a console password and a wrong password all fail alike, with one password
    /// verification each (against a dummy hash when there is nothing to verify against). Records the use on success.
    pub async fn sign_in_user(
        &self,
        ctx: &RequestContext,
        account: &str,
        user_name: &str,
        candidate: Password,
    ) -> Result<UserSignIn, IamError> {
        let account_id = self.sign_in_account(ctx, account).await?;
        let counted_as = account_id.clone().unwrap_or_else(|| account.trim().to_lowercase());
        let gate = self.throttle_gate(ctx, Attempt::UserPassword { account_id: &counted_as, user_name }).await?;
        let found = self.sign_in_subject(ctx, account_id, user_name).await?;
        let stored = found.as_ref().map(|(_, _, profile)| profile.password_hash.clone());
        let verified = password::verify(stored, candidate).await;
        let Some((account_id, user, profile)) = found.filter(|_| verified) else {
            tracing::info!(request_id = %ctx.request_id, "IAM user sign-in failed");
            self.throttle_failed(ctx, gate).await;
            return Err(sign_in_failed());
        };
        self.throttle_passed(ctx, gate).await;
        let policy = self.password_rules(ctx, &account_id).await?;
        let now = self.clock.now();
        let is_expired = expired(policy.as_ref(), &profile, now);
        if is_expired && policy.as_ref().is_some_and(|p| p.hard_expiry) {
            tracing::info!(request_id = %ctx.request_id, user_id = %user.user_id, "sign-in refused: password expired");
            return Err(hard_expired());
        }
        let mfa_required = self.has_enabled_mfa(ctx, &account_id, Some(&user.user_id)).await?;
        let mut row: iam_user::ActiveModel = user.clone().into();
        row.password_last_used = Set(Some(now));
        iam_user::Entity::update(row).exec(self.writes()).await.map_err(|e| ctx.internal(e))?;
        Ok(UserSignIn {
            account_id,
            user_name: user.name,
            user_id: user.user_id,
            mfa_required,
            password_change_required: profile.password_reset_required || is_expired,
        })
    }

    /// The forced-change page after sign-in: the person proves the old password again and sets a new one, checked
    /// against the policy. No IAM authorization (the person may have no permissions at all yet), so it is allowed
    /// only while a change is actually required; otherwise `ChangePassword` and its authorization apply. Fails like
    /// sign-in when the old password does not verify.
    pub async fn complete_forced_password_change(
        &self,
        ctx: &RequestContext,
        account_id: &str,
        user_name: &str,
        old: Password,
        new: Password,
    ) -> Result<UserSignIn, IamError> {
        let gate = self.throttle_gate(ctx, Attempt::UserPassword { account_id, user_name }).await?;
        let found = self.sign_in_subject(ctx, Some(account_id.to_owned()), user_name).await?;
        let stored = found.as_ref().map(|(_, _, profile)| profile.password_hash.clone());
        let verified = password::verify(stored, old).await;
        let Some((account_id, user, profile)) = found.filter(|_| verified) else {
            tracing::info!(request_id = %ctx.request_id, "forced password change: old password not verified");
            self.throttle_failed(ctx, gate).await;
            return Err(sign_in_failed());
        };
        self.throttle_passed(ctx, gate).await;
        let policy = self.password_rules(ctx, &account_id).await?;
        let is_expired = expired(policy.as_ref(), &profile, self.clock.now());
        if is_expired && policy.as_ref().is_some_and(|p| p.hard_expiry) {
            return Err(hard_expired());
        }
        if !profile.password_reset_required && !is_expired {
            return Err(IamError::InvalidInput(
                "no password change is required; change your password from your security credentials instead".into(),
            ));
        }
        self.check_new_password(ctx, policy.as_ref(), &user, Some(&profile), &new).await?;
        let hash = password::hash(new).await.map_err(|e| ctx.internal(e))?;

        // Audited as the user's own `ChangePassword`, which is what it is.
        let call = Call::new(
            ctx.clone(),
            Caller {
                account_id: account_id.clone(),
                identity: Identity::User {
                    user_id: user.user_id.clone(),
                    name: user.name.clone(),
                    path: user.path.clone(),
                },
                mfa_at: None,
                channel: Channel::Console,
            },
        );
        let arn = self.user_arn_for(&call, &user.path, &user.name);
        let txn = self.begin(ctx).await?;
        let current = self.find_profile(&txn, ctx, &user.user_id).await?.ok_or_else(sign_in_failed)?;
        if current.password_hash != profile.password_hash {
            return Err(sign_in_failed());
        }
        self.replace_password(&txn, ctx, current, hash, false).await?;
        // Including the sign-in making the change, which becomes a session under a fresh id right after.
        self.end_console_sessions(&txn, &call, Some(&user.name)).await?;
        self.audit(&txn, &call, "iam:ChangePassword", &arn);
        txn.commit().await.map_err(|e| ctx.internal(e))?;
        Ok(UserSignIn {
            mfa_required: self.has_enabled_mfa(ctx, &account_id, Some(&user.user_id)).await?,
            account_id,
            user_name: user.name,
            user_id: user.user_id,
            password_change_required: false,
        })
    }

    /// The id of the account a sign-in names (by its 12-digit id or its alias), if it exists.
    async fn sign_in_account(&self, ctx: &RequestContext, account: &str) -> Result<Option<String>, IamError> {
        let account = account.trim();
        let by_id = account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit());
        let account_row = if by_id {
            account::Entity::find_by_id(account.to_owned()).one(&self.db).await
        } else {
            account::Entity::find().filter(account::Column::Alias.eq(account.to_lowercase())).one(&self.db).await
        }
        .map_err(|e| ctx.internal(e))?;
        Ok(account_row.map(|row| row.account_id))
    }

    /// The user and login profile a sign-in names in the account (see [`Self::sign_in_account`]), or `None` when any
    /// is missing (the caller still verifies once against the dummy hash).
    async fn sign_in_subject(
        &self,
        ctx: &RequestContext,
        account_id: Option<String>,
        user_name: &str,
    ) -> Result<Option<(String, iam_user::Model, login_profile::Model)>, IamError> {
        let Some(account_id) = account_id else {
            return Ok(None);
        };
        let user = iam_user::Entity::find()
            .filter(iam_user::Column::AccountId.eq(&account_id))
            .filter(iam_user::Column::NameLower.eq(user_name.to_lowercase()))
            .one(&self.db)
            .await
            .map_err(|e| ctx.internal(e))?;
        let Some(user) = user else {
            return Ok(None);
        };
        let profile = self.find_profile(&self.db, ctx, &user.user_id).await?;
        Ok(profile.map(|profile| (account_id, user, profile)))
    }
}

fn profile_exists(user_name: &str) -> IamError {
    IamError::EntityAlreadyExists(format!("login profile for user `{user_name}` already exists"))
}

fn wrong_old_password(user_name: &str) -> IamError {
    IamError::AccessDenied(format!("the old password of user `{user_name}` is incorrect"))
}
