//! Console passwords over the API: login profiles, `ChangePassword`, and the account password policy. Passwords go
//! straight into `Password` (redacted `Debug`), so they never reach a log from here.

use app::backend::service::Call;
use app::backend::IamService;
use app::model::passwords::{LoginProfileView, PasswordPolicyInput, PasswordPolicyView};
use app::model::{Password, UserName};

use super::dispatch::Outcome;
use super::error::WireError;
use super::params::Params;
use super::xml::Xml;

fn login_profile(x: &mut Xml, l: &LoginProfileView) {
    x.element("LoginProfile", |e| {
        e.text("UserName", &l.user_name)
            .text("CreateDate", &l.create_date)
            .bool("PasswordResetRequired", l.password_reset_required);
    });
}

fn password(p: &Params, name: &str) -> Result<Password, WireError> {
    p.required(name).map(Password::new)
}

fn user(p: &Params) -> Result<UserName, WireError> {
    p.required_as("UserName", UserName::parse)
}

/// botocore marks `UserName` and `Password` optional (for newer root-credential flows); here both are needed.
pub async fn create_login_profile(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let user = user(p)?;
    let reset = p.bool("PasswordResetRequired")?.unwrap_or(false);
    let created = iam.create_login_profile(call, user, password(p, "Password")?, reset).await?;
    Ok(Some(Xml::build(|x| login_profile(x, &created))))
}

pub async fn get_login_profile(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let found = iam.get_login_profile(call, user(p)?).await?;
    Ok(Some(Xml::build(|x| login_profile(x, &found))))
}

pub async fn update_login_profile(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let user = user(p)?;
    let new_password = p.optional("Password").map(Password::new);
    iam.update_login_profile(call, user, new_password, p.bool("PasswordResetRequired")?).await?;
    Ok(None)
}

pub async fn delete_login_profile(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    iam.delete_login_profile(call, user(p)?).await?;
    Ok(None)
}

/// The caller's own password (an IAM user's; the service refuses the root).
pub async fn change_password(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    iam.change_password(call, password(p, "OldPassword")?, password(p, "NewPassword")?).await?;
    Ok(None)
}

fn password_policy(x: &mut Xml, v: &PasswordPolicyView) {
    x.element("PasswordPolicy", |e| {
        e.number("MinimumPasswordLength", i64::from(v.minimum_password_length))
            .bool("RequireSymbols", v.require_symbols)
            .bool("RequireNumbers", v.require_numbers)
            .bool("RequireUppercaseCharacters", v.require_uppercase_characters)
            .bool("RequireLowercaseCharacters", v.require_lowercase_characters)
            .bool("AllowUsersToChangePassword", v.allow_users_to_change_password)
            .bool("ExpirePasswords", v.expire_passwords);
        if let Some(age) = v.max_password_age {
            e.number("MaxPasswordAge", i64::from(age));
        }
        if let Some(reuse) = v.password_reuse_prevention {
            e.number("PasswordReusePrevention", i64::from(reuse));
        }
        e.bool("HardExpiry", v.hard_expiry);
    });
}

pub async fn get_account_password_policy(iam: &IamService, call: &Call, _p: &Params) -> Outcome {
    let policy = iam.get_account_password_policy(call).await?;
    Ok(Some(Xml::build(|x| password_policy(x, &policy))))
}

/// Replaces the whole policy, as AWS does: a flag left out is `false`, a number left out is unset.
pub async fn update_account_password_policy(iam: &IamService, call: &Call, p: &Params) -> Outcome {
    let flag = |name: &str| p.bool(name).map(|v| v.unwrap_or(false));
    let input = PasswordPolicyInput {
        minimum_password_length: p.integer("MinimumPasswordLength")?,
        require_symbols: flag("RequireSymbols")?,
        require_numbers: flag("RequireNumbers")?,
        require_uppercase_characters: flag("RequireUppercaseCharacters")?,
        require_lowercase_characters: flag("RequireLowercaseCharacters")?,
        allow_users_to_change_password: flag("AllowUsersToChangePassword")?,
        max_password_age: p.integer("MaxPasswordAge")?,
        password_reuse_prevention: p.integer("PasswordReusePrevention")?,
        hard_expiry: flag("HardExpiry")?,
    };
    iam.update_account_password_policy(call, input).await?;
    Ok(None)
}

pub async fn delete_account_password_policy(iam: &IamService, call: &Call, _p: &Params) -> Outcome {
    iam.delete_account_password_policy(call).await?;
    Ok(None)
}
