//! The account: its set-up (first run only) and the dashboard's facts.

use leptos::prelude::*;

use crate::model::{ConsoleState, DashboardView, IamError, Password};

/// Whether the account exists and who is signed in: every page starts from this.
#[server(prefix = "/api", endpoint = "console_state")]
pub async fn load_console_state() -> Result<ConsoleState, IamError> {
    use super::ssr::{request_context, respond, session, state};
    use crate::backend::auth::session as signed;

    respond(
        async {
            let ctx = request_context();
            let iam = state()?.iam;
            let account = iam.account(&ctx).await?;
            let who = signed::current(&session().await?).await.map_err(|e| ctx.internal(e))?;
            let session = match (who, &account) {
                (Some(who), Some(_)) => Some(iam.session_view(&ctx, &who).await?),
                _ => None,
            };
            Ok(ConsoleState { account, session })
        }
        .await,
    )
}

/// First-run set-up: creates the account and its root, then signs root in.
#[server(prefix = "/api", endpoint = "set_up_account")]
pub async fn set_up_account(alias: String, email: String, password: Password) -> Result<(), IamError> {
    use super::ssr::{begin_root_session, request_context, respond, state};
    use crate::backend::service::SetUpAccount;
    use crate::model::{AccountAlias, Email};

    respond(
        async {
            let ctx = request_context();
            let state = state()?;
            let alias = match alias.trim() {
                "" => None,
                given => Some(AccountAlias::parse(given)?),
            };
            let input = SetUpAccount { alias, root_email: Email::parse(&email)?, root_password: password };
            let account = state.iam.set_up_account(&ctx, input).await?;
            begin_root_session(&state, &ctx, account.account_id).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "dashboard")]
pub async fn dashboard() -> Result<DashboardView, IamError> {
    use super::ssr::{request_context, respond, session, state};
    use crate::backend::auth::session as signed;

    respond(
        async {
            let ctx = request_context();
            let who = signed::current(&session().await?)
                .await
                .map_err(|e| ctx.internal(e))?
                .ok_or_else(signed::not_signed_in)?;
            let account = state()?.iam.account_by_id(&ctx, &who.account_id).await?;
            let handle = account.alias.clone().unwrap_or_else(|| account.account_id.clone());
            let origin = use_context::<http::request::Parts>()
                .and_then(|parts| parts.headers.get(http::header::HOST)?.to_str().ok().map(str::to_owned))
                .map(|host| format!("{}://{host}", if ctx.secure_transport { "https" } else { "http" }))
                .unwrap_or_default();
            Ok(DashboardView { account, sign_in_url: format!("{origin}/signin/{handle}") })
        }
        .await,
    )
}

/// The dashboard's security overview (see `IamService::security_overview` for what it needs).
#[server(prefix = "/api", endpoint = "security_overview")]
pub async fn security_overview() -> Result<crate::model::dashboard::SecurityOverview, IamError> {
    use super::ssr::{call, respond};

    respond(
        async {
            let (state, call) = call().await?;
            state.iam.security_overview(&call).await
        }
        .await,
    )
}
