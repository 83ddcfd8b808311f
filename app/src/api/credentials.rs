//! A user's credentials as an administrator (or the user) manages them: console password and access keys. MFA
//! devices have their own module, `super::mfa`.

use leptos::prelude::*;

use crate::model::credentials::{AccessKeyCreated, AccessKeysView};
use crate::model::passwords::LoginProfileView;
use crate::model::{IamError, Password};

/// The user's login profile, or `None` when they have no console password.
#[server(prefix = "/api", endpoint = "user_login_profile")]
pub async fn user_login_profile(user_name: String) -> Result<Option<LoginProfileView>, IamError> {
    use super::ssr::{call, respond};
    use crate::model::UserName;

    respond(
        async {
            let (state, call) = call().await?;
            match state.iam.get_login_profile(&call, UserName::parse(&user_name)?).await {
                Ok(profile) => Ok(Some(profile)),
                // The user exists (the page found them); no profile means no console password.
                Err(IamError::NoSuchEntity(m)) if m.contains("login profile") => Ok(None),
                Err(err) => Err(err),
            }
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "create_login_profile")]
pub async fn create_login_profile(
    user_name: String,
    password: Password,
    require_reset: Option<String>,
) -> Result<(), IamError> {
    use super::ssr::{call, respond};
    use crate::model::UserName;

    respond(
        async {
            let (state, call) = call().await?;
            let reset = require_reset.is_some_and(|v| !v.is_empty());
            state.iam.create_login_profile(&call, UserName::parse(&user_name)?, password, reset).await.map(|_| ())
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "delete_login_profile")]
pub async fn delete_login_profile(user_name: String) -> Result<(), IamError> {
    use super::ssr::{call, respond};
    use crate::model::UserName;

    respond(
        async {
            let (state, call) = call().await?;
            state.iam.delete_login_profile(&call, UserName::parse(&user_name)?).await
        }
        .await,
    )
}

/// The user's access keys, and the key a plain form post (no JavaScript) created for them just before, which the
/// session holds (sealed) for this one page load: taking it here, in the same call as the list, means the page gets
/// both or neither.
#[server(prefix = "/api", endpoint = "user_access_keys")]
pub async fn user_access_keys(user_name: String) -> Result<AccessKeysView, IamError> {
    use super::ssr::{call_and_session, respond};
    use crate::backend::auth::session::{self as signed, SecretSlot};
    use crate::model::UserName;

    respond(
        async {
            let (state, call, session) = call_and_session().await?;
            let keys = state.iam.list_access_keys(&call, Some(UserName::parse(&user_name)?)).await?;
            let new_key: Option<AccessKeyCreated> =
                signed::take_secret(&session, state.iam.master_key(), SecretSlot::NewAccessKey, &call.ctx.request_id)
                    .await
                    .map_err(|e| call.internal(e))?;
            let new_key = new_key.filter(|k| k.user_name.eq_ignore_ascii_case(&user_name));
            Ok(AccessKeysView { keys, new_key })
        }
        .await,
    )
}

/// Creates an access key. A browser posting the form never sees the answer, so for a form post the key is kept in
/// the session for the one page load that shows it (`user_access_keys`).
#[server(prefix = "/api", endpoint = "create_access_key")]
pub async fn create_access_key(user_name: String) -> Result<AccessKeyCreated, IamError> {
    use super::ssr::{call_and_session, plain_form_post, respond};
    use crate::backend::auth::session::{self as signed, SecretSlot};
    use crate::model::UserName;

    respond(
        async {
            let (state, call, session) = call_and_session().await?;
            let created = state.iam.create_access_key(&call, Some(UserName::parse(&user_name)?)).await?;
            if plain_form_post() {
                signed::stash_secret(&session, state.iam.master_key(), SecretSlot::NewAccessKey, &created)
                    .await
                    .map_err(|e| call.internal(e))?;
            }
            Ok(created)
        }
        .await,
    )
}

/// Activates (`status` = `Active`) or deactivates (`Inactive`) a key.
#[server(prefix = "/api", endpoint = "update_access_key")]
pub async fn update_access_key(user_name: String, access_key_id: String, status: String) -> Result<(), IamError> {
    use super::ssr::{call, respond};
    use crate::model::credentials::{AccessKeyId, AccessKeyStatus};
    use crate::model::UserName;

    respond(
        async {
            let (state, call) = call().await?;
            let user = UserName::parse(&user_name)?;
            let id = AccessKeyId::parse(&access_key_id)?;
            state.iam.update_access_key(&call, Some(user), id, AccessKeyStatus::parse(&status)?).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "delete_access_key")]
pub async fn delete_access_key(user_name: String, access_key_id: String) -> Result<(), IamError> {
    use super::ssr::{call, respond};
    use crate::model::credentials::AccessKeyId;
    use crate::model::UserName;

    respond(
        async {
            let (state, call) = call().await?;
            let id = AccessKeyId::parse(&access_key_id)?;
            state.iam.delete_access_key(&call, Some(UserName::parse(&user_name)?), id).await
        }
        .await,
    )
}
