//! An IAM user's console sign-in, in steps: the password at the account's URL, then a code from their MFA device
//! when they have one, then a new password when one is required. Between steps the session holds a pending sign-in
//! (never a usable session); the console session starts only when every step is done.

use leptos::prelude::*;

use crate::model::sign_in::{SignInNext, SignInProgress};
use crate::model::{IamError, Password};

/// Step 1: account (id or alias), user name and password. Every failure reads the same (the service's message).
#[server(prefix = "/api", endpoint = "sign_in_user")]
pub async fn sign_in_user(account: String, user_name: String, password: Password) -> Result<SignInNext, IamError> {
    use super::ssr::{request_context, respond, session, state};
    use crate::backend::auth::session::PendingSignIn;

    respond(
        async {
            let ctx = request_context();
            let state = state()?;
            // The raw name goes to the service: refusing a malformed one here would answer differently.
            let proved = state.iam.sign_in_user(&ctx, &account, &user_name, password).await?;
            let pending = PendingSignIn {
                account_id: proved.account_id,
                user_name: proved.user_name,
                user_id: proved.user_id,
                root: false,
                needs_mfa: proved.mfa_required,
                needs_password_change: proved.password_change_required,
                mfa_at: None,
                started_at: state.clock.now().timestamp(),
                failures: 0,
            };
            steps::advance(&state, &ctx, &session().await?, pending, true).await
        }
        .await,
    )
}

/// Step 2, for users with MFA: a current code from one of their enabled devices.
#[server(prefix = "/api", endpoint = "sign_in_mfa")]
pub async fn sign_in_mfa(code: String) -> Result<SignInNext, IamError> {
    use super::ssr::{request_context, respond, session, state};
    use crate::model::sign_in::SignInStage;

    respond(
        async {
            let ctx = request_context();
            let state = state()?;
            let session = session().await?;
            let mut pending = steps::load(&state, &ctx, &session, SignInStage::Mfa).await?;
            let user_id = (!pending.root).then_some(pending.user_id.as_str());
            let checked = state.iam.verify_mfa_sign_in(&ctx, &pending.account_id, user_id, code.trim()).await;
            if let Err(err) = checked {
                let user_name = (!pending.root).then_some(pending.user_name.as_str());
                state.iam.audit_console_sign_in(&ctx, &pending.account_id, user_name, None, Some(&err)).await;
                return Err(steps::count_failure(&ctx, &session, pending, err).await);
            }
            pending.mfa_at = Some(state.clock.now().timestamp());
            // A fresh session id after the MFA proof too (`true`), even when a password change is still owed: an id
            // seen before the code was given is worth nothing after it.
            steps::advance(&state, &ctx, &session, pending, true).await
        }
        .await,
    )
}

/// Step 3, when the password must change: the current password again and the new one (twice).
#[server(prefix = "/api", endpoint = "sign_in_new_password")]
pub async fn sign_in_new_password(
    old_password: Password,
    new_password: Password,
    repeat_password: Password,
) -> Result<SignInNext, IamError> {
    use super::ssr::{request_context, respond, session, state};
    use crate::model::sign_in::SignInStage;

    respond(
        async {
            let ctx = request_context();
            let state = state()?;
            let session = session().await?;
            let mut pending = steps::load(&state, &ctx, &session, SignInStage::NewPassword).await?;
            if new_password != repeat_password {
                return Err(IamError::InvalidInput("the new password and its repetition differ".into()));
            }
            let changed = state
                .iam
                .complete_forced_password_change(
                    &ctx,
                    &pending.account_id,
                    &pending.user_name,
                    old_password,
                    new_password,
                )
                .await;
            match changed {
                Ok(_) => {
                    pending.needs_password_change = false;
                    steps::advance(&state, &ctx, &session, pending, false).await
                }
                Err(err @ IamError::SignInFailed(_)) => Err(steps::count_failure(&ctx, &session, pending, err).await),
                Err(err) => Err(err),
            }
        }
        .await,
    )
}

/// The sign-in in progress, if any, for the step pages.
#[server(prefix = "/api", endpoint = "sign_in_progress")]
pub async fn load_sign_in_progress() -> Result<Option<SignInProgress>, IamError> {
    use super::ssr::{request_context, respond, session, state};

    respond(
        async {
            let ctx = request_context();
            let state = state()?;
            let pending =
                crate::backend::auth::session::pending(&session().await?).await.map_err(|e| ctx.internal(e))?;
            Ok(pending.filter(|p| steps::fresh(&state, p)).and_then(|p| {
                steps::stage(&p).map(|stage| SignInProgress { account_id: p.account_id, user_name: p.user_name, stage })
            }))
        }
        .await,
    )
}

#[cfg(feature = "ssr")]
pub(crate) mod steps {
    use tower_sessions::Session;

    use crate::api::ssr::redirect_plain_form;
    use crate::backend::auth::session::{self as signed, PendingSignIn, SignedIn};
    use crate::backend::{AppState, RequestContext};
    use crate::model::sign_in::{SignInNext, SignInStage};
    use crate::model::{IamError, PrincipalKind};

    /// How long the steps after the password may take.
    const PENDING_SECONDS: i64 = 10 * 60;
    /// Wrong codes (or old passwords) before the sign-in starts over.
    const MAX_FAILURES: u32 = 5;

    fn expired() -> IamError {
        IamError::SignInFailed("this sign-in has expired or was never started; sign in again".into())
    }

    pub fn fresh(state: &AppState, pending: &PendingSignIn) -> bool {
        let now = state.clock.now().timestamp();
        now >= pending.started_at && now - pending.started_at <= PENDING_SECONDS && pending.failures < MAX_FAILURES
    }

    /// The step still owed, or `None` when none is (the session can start).
    pub fn stage(pending: &PendingSignIn) -> Option<SignInStage> {
        if pending.needs_mfa && pending.mfa_at.is_none() {
            Some(SignInStage::Mfa)
        } else if pending.needs_password_change {
            Some(SignInStage::NewPassword)
        } else {
            None
        }
    }

    /// The pending sign-in, if it is fresh and owes exactly `expected` next.
    pub async fn load(
        state: &AppState,
        ctx: &RequestContext,
        session: &Session,
        expected: SignInStage,
    ) -> Result<PendingSignIn, IamError> {
        let pending = signed::pending(session).await.map_err(|e| ctx.internal(e))?;
        match pending {
            Some(p) if fresh(state, &p) && stage(&p) == Some(expected) => Ok(p),
            Some(_) => {
                signed::clear_pending(session).await.map_err(|e| ctx.internal(e))?;
                Err(expired())
            }
            None => Err(expired()),
        }
    }

    /// Records a failed step; after `MAX_FAILURES` the pending sign-in is dropped and the person starts again.
    pub async fn count_failure(
        ctx: &RequestContext,
        session: &Session,
        mut pending: PendingSignIn,
        err: IamError,
    ) -> IamError {
        pending.failures += 1;
        if pending.failures >= MAX_FAILURES {
            if let Err(e) = signed::clear_pending(session).await {
                return ctx.internal(e);
            }
            return IamError::SignInFailed("too many failed attempts; sign in again".into());
        }
        match signed::set_pending(session, pending, false).await {
            Ok(()) => err,
            Err(e) => ctx.internal(e),
        }
    }

    /// Moves a pending sign-in on: to the next step it owes, or (none owed) into a console session under a fresh id.
    pub async fn advance(
        state: &AppState,
        ctx: &RequestContext,
        session: &Session,
        pending: PendingSignIn,
        first: bool,
    ) -> Result<SignInNext, IamError> {
        let next = match stage(&pending) {
            Some(stage) => {
                let path = stage.path(&pending.account_id);
                signed::set_pending(session, pending, first).await.map_err(|e| ctx.internal(e))?;
                SignInNext { path, done: false }
            }
            None => {
                let (kind, user_name) = if pending.root {
                    (PrincipalKind::Root, None)
                } else {
                    (PrincipalKind::User, Some(pending.user_name))
                };
                state
                    .iam
                    .audit_console_sign_in(ctx, &pending.account_id, user_name.as_deref(), pending.mfa_at, None)
                    .await;
                let who = SignedIn {
                    kind,
                    account_id: pending.account_id,
                    user_name,
                    signed_in_at: state.clock.now().timestamp(),
                    mfa_at: pending.mfa_at,
                };
                signed::sign_in(session, who).await.map_err(|e| ctx.internal(e))?;
                SignInNext { path: "/".into(), done: true }
            }
        };
        redirect_plain_form(&next.path);
        Ok(next)
    }
}
