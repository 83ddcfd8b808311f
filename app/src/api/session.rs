//! Signing in and out of the console.

use leptos::prelude::*;

use crate::model::{IamError, Password};

/// Root signs in with the account's email and password.
#[server(prefix = "/api", endpoint = "sign_in_root")]
pub async fn sign_in_root(email: String, password: Password) -> Result<(), IamError> {
    use super::ssr::{begin_root_session, request_context, respond, state};

    respond(
        async {
            let ctx = request_context();
            let state = state()?;
            let account = state.iam.sign_in_root(&ctx, &email, password).await?;
            begin_root_session(&state, &ctx, account.account_id).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), IamError> {
    use super::ssr::{redirect_plain_form, request_context, respond, session};
    use crate::backend::auth::session as signed;

    respond(
        async {
            let ctx = request_context();
            signed::sign_out(&session().await?).await.map_err(|e| ctx.internal(e))?;
            redirect_plain_form("/signin");
            Ok(())
        }
        .await,
    )
}
