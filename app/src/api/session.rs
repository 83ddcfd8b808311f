//! Signing in and out of the console.

use leptos::prelude::*;

use crate::model::sign_in::SignInNext;
use crate::model::{IamError, Password};

/// Root signs in with the account's email and password, then — when the root has an MFA device — a code from it
/// on the same step page IAM users use (`/signin/<account id>/mfa`).
#[server(prefix = "/api", endpoint = "sign_in_root")]
pub async fn sign_in_root(email: String, password: Password) -> Result<SignInNext, IamError> {
    use super::ssr::{request_context, respond, session, state};
    use super::user_sign_in::steps;
    use crate::backend::auth::session::PendingSignIn;

    respond(
        async {
            let ctx = request_context();
            let state = state()?;
            let session = session().await?;
            let account = state.iam.sign_in_root(&ctx, &email, password).await?;
            let needs_mfa = state.iam.has_enabled_mfa(&ctx, &account.account_id, None).await?;
            let pending = PendingSignIn {
                account_id: account.account_id,
                user_name: email.trim().to_owned(),
                user_id: String::new(),
                root: true,
                needs_mfa,
                needs_password_change: false,
                mfa_at: None,
                started_at: state.clock.now().timestamp(),
                failures: 0,
            };
            steps::advance(&state, &ctx, &session, pending, true).await
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
