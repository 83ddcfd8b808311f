//! What every server function needs from the request: the shared state, the request's context, the session, and
//! the way a failure reaches a person whose browser runs no JavaScript.

use http::header::{ACCEPT, REFERER};
use http::request::Parts;
use leptos::prelude::use_context;
use tower_sessions::Session;

use crate::backend::service::{Call, Caller, Channel, Identity};
use crate::backend::{AppState, RequestContext};
use crate::model::paths::UserPaths;
use crate::model::{IamError, PathPrefix, PrincipalKind, ERROR_FROM_PARAM, ERROR_PARAM};

pub fn state() -> Result<AppState, IamError> {
    use_context::<AppState>().ok_or_else(|| IamError::ServiceFailure {
        request_id: "no-state".into(),
    })
}

pub fn request_context() -> RequestContext {
    use_context::<Parts>()
        .map(|parts| RequestContext::from_parts(&parts))
        .unwrap_or_default()
}

pub async fn session() -> Result<Session, IamError> {
    leptos_axum::extract::<Session>()
        .await
        .map_err(|e| request_context().internal(format!("no session layer: {e}")))
}

/// The path tree beside a listing: the whole account's, or, for a caller who may list only part of it, the subtree
/// of the filtered `prefix` (the service decides either way). Both tries run in one server function, with the
/// caller taken once: a second server function started after an `.await` inside a page's resource may find no
/// request on the server (see [`call_and_session`]), and would answer as if nobody were signed in.
pub async fn tree_or_subtree<F, Fut>(prefix: Option<&str>, load: F) -> Result<UserPaths, IamError>
where
    F: Fn(PathPrefix) -> Fut,
    Fut: std::future::Future<Output = Result<UserPaths, IamError>>,
{
    let filtered = prefix.map(str::trim).filter(|p| !p.is_empty() && *p != "/");
    match (load(PathPrefix::all()).await, filtered) {
        (Err(IamError::AccessDenied(_)), Some(prefix)) => load(PathPrefix::parse(prefix)?).await,
        (answer, _) => answer,
    }
}

/// The service call for the signed-in person: the account root, or an IAM user (looked up afresh, so a user deleted
/// since signing in is no caller), with the MFA time the session recorded. `NotSignedIn` without a session. Every
/// server function that acts on IAM starts here; what the caller may do is the service's decision alone.
pub async fn call() -> Result<(AppState, Call), IamError> {
    call_and_session().await.map(|(state, call, _)| (state, call))
}

/// [`call`], and the session for later in the same server function. A server function run inside a page's resource
/// on the server finds the request (and so the session) in the reactive context only until its first `.await`:
/// asked for after that, it is intermittently missing. So everything from the request is taken here, up front.
pub async fn call_and_session() -> Result<(AppState, Call, Session), IamError> {
    use crate::backend::auth::session as signed;
    let ctx = request_context();
    let state = state()?;
    let session = session().await?;
    let who = signed::current(&session).await.map_err(|e| ctx.internal(e))?.ok_or_else(signed::not_signed_in)?;
    let caller = match (who.kind, who.user_name) {
        (PrincipalKind::Root, _) => Caller {
            account_id: who.account_id,
            identity: Identity::Root,
            mfa_at: who.mfa_at,
            channel: Channel::Console,
        },
        (PrincipalKind::User, Some(name)) => {
            state
                .iam
                .user_caller(&ctx, &who.account_id, &name, Channel::Console, who.mfa_at)
                .await?
        }
        (PrincipalKind::User, None) => return Err(signed::not_signed_in()),
    };
    // The session's id goes with the call: a change that signs its principal out everywhere keeps this session.
    let call = Call::new(ctx, caller).in_console_session(session.id().map(|id| id.to_string()));
    Ok((state, call, session))
}

/// Starts a root session for `account_id` under a fresh session id, then sends a plain form post to the dashboard.
pub async fn begin_root_session(state: &AppState, ctx: &RequestContext, account_id: String) -> Result<(), IamError> {
    use crate::backend::auth::session as signed;
    state.iam.audit_console_sign_in(ctx, &account_id, None, None, None).await;
    let who = signed::SignedIn::root(account_id, state.clock.now().timestamp());
    signed::sign_in(&session().await?, who)
        .await
        .map_err(|e| ctx.internal(e))?;
    redirect_plain_form("/");
    Ok(())
}

/// Passes a result through. On failure the response carries the error's HTTP status (AWS's, e.g. 401 for a failed
/// sign-in, 409 for a conflict; not a blanket 500), and a plain form post (no JavaScript) is redirected back to the
/// form's page with the error in the query string, where the page shows it beside the form.
pub fn respond<T>(result: Result<T, IamError>) -> Result<T, IamError> {
    if let Err(err) = &result {
        match use_context::<Parts>() {
            Some(parts) if is_plain_form_post(&parts) => redirect_back_with(&parts, err),
            _ => set_status(err),
        }
    }
    result
}

/// Whether this request is a form posted by a browser (which never sees a server function's
/// answer, only the page it is redirected to).
pub fn plain_form_post() -> bool {
    use_context::<Parts>().is_some_and(|parts| is_plain_form_post(&parts))
}

/// A browser posting a form asks for HTML; an island's server-function client (`fetch`) does not.
/// A page's own GET also asks for HTML, but is no form post: a resource failing in it must not redirect "back".
fn is_plain_form_post(parts: &Parts) -> bool {
    parts.method == http::Method::POST
        && parts.headers.get(ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// After an action that changes who is signed in, a plain form post is sent on to `path`.
pub fn redirect_plain_form(path: &str) {
    if use_context::<Parts>().is_some_and(|parts| is_plain_form_post(&parts)) {
        leptos_axum::redirect(path);
    }
}

/// After a plain form post succeeds, sends the browser back to the page it came from (as Leptos would), but with
/// each query parameter of `changes` set to its value, or removed for `None`, and any earlier error cleared: how a
/// page without JavaScript learns which step of a multi-step form it is on.
pub fn redirect_plain_form_back(changes: &[(&str, Option<&str>)]) {
    let Some(parts) = use_context::<Parts>().filter(is_plain_form_post) else {
        return;
    };
    let referer = parts
        .headers
        .get(REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<http::Uri>().ok());
    let Some(referer) = referer else { return };
    // Only the path and query of the referer are used: the redirect can never leave this site.
    let kept = form_urlencoded::parse(referer.query().unwrap_or("").as_bytes())
        .filter(|(k, _)| k != ERROR_PARAM && k != ERROR_FROM_PARAM && changes.iter().all(|(key, _)| k != key))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect::<Vec<_>>();
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(kept);
    for (key, value) in changes {
        if let Some(value) = value {
            query.append_pair(key, value);
        }
    }
    let query = query.finish();
    let path = referer.path();
    leptos_axum::redirect(&if query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{query}")
    });
}

/// A redirect already under way keeps its status: a signed-out visitor is sent to sign in with a 302 while the
/// page's own reads fail (not signed in) beside it.
fn set_status(err: &IamError) {
    if let (Some(response), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(err.http_status()),
    ) {
        let redirecting = response
            .0
            .read()
            .is_ok_and(|parts| parts.headers.contains_key(http::header::LOCATION));
        if !redirecting {
            response.set_status(status);
        }
    }
}

fn redirect_back_with(parts: &Parts, err: &IamError) {
    let referer = parts
        .headers
        .get(REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<http::Uri>().ok());
    let Some(referer) = referer else { return set_status(err) };
    // Only the path and query of the referer are used: the redirect can never leave this site.
    let path = referer.path();
    let kept = form_urlencoded::parse(referer.query().unwrap_or("").as_bytes())
        .filter(|(key, _)| key != ERROR_PARAM && key != ERROR_FROM_PARAM)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect::<Vec<_>>();
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(kept);
    query.append_pair(ERROR_PARAM, &serde_json::to_string(err).unwrap_or_default());
    query.append_pair(ERROR_FROM_PARAM, parts.uri.path());
    leptos_axum::redirect(&format!("{path}?{}", query.finish()));
}
