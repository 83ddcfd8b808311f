//! The signed-in console: header, navigation, and the page. Signed-out visitors are redirected (a real 302 during
//! server rendering) to set-up or sign-in. This is navigation, not authorization: every server function checks
//! the session and the service checks IAM policy.

use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect, A};

use super::error_view::ErrorView;
use super::state::use_console_state;
use crate::api::session::SignOut;
use crate::model::{ConsoleState, SessionView};

/// Sections of the console, in navigation order.
pub const SECTIONS: &[(&str, &str)] = &[
    ("/", "Dashboard"),
    ("/users", "Users"),
    ("/groups", "Groups"),
    ("/policies", "Policies"),
    ("/access-keys", "Access keys"),
    ("/mfa", "MFA"),
    ("/simulator", "Simulator"),
    ("/who-can", "Who can?"),
    ("/audit", "Audit log"),
];

#[component]
pub fn ConsoleLayout() -> impl IntoView {
    let state = use_console_state();
    // Only the top bar waits for the console state; the page (the Outlet) stays outside the Suspense. During server
    // rendering a Suspense resolves its children twice (a dry run that registers resources, then the render), and
    // the router's Outlet is a reactive closure that builds its page anew on each call: inside, every page was
    // built twice per request — each resource loaded, each read authorized and audited, twice. A signed-out visitor
    // is still redirected with a 302 (`api::ssr` keeps a redirect's status when a page's reads then fail).
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <Suspense fallback=|| view! { <TopBar who=None /> }>
            {Suspend::new(async move {
                match state.await {
                    Err(error) => view! { <TopBar who=None /> <ErrorView error /> }.into_any(),
                    Ok(ConsoleState { account: None, .. }) => view! { <Redirect path="/setup" /> }.into_any(),
                    Ok(ConsoleState { session: None, .. }) => view! { <Redirect path="/signin" /> }.into_any(),
                    Ok(ConsoleState { session: Some(who), .. }) => view! { <TopBar who=Some(who) /> }.into_any(),
                }
            })}
        </Suspense>
        <div class="frame">
            <nav class="sidebar" aria-label="Console sections">
                <ul>
                    {SECTIONS
                        .iter()
                        .map(|(href, label)| view! { <li><A href=*href exact=true>{*label}</A></li> })
                        .collect_view()}
                </ul>
            </nav>
            <main id="main" tabindex="-1">
                <Outlet />
            </main>
        </div>
    }
}

/// The bar across the top: the account and who is signed in, with "Sign out"; only the brand until that is known.
#[component]
fn TopBar(who: Option<SessionView>) -> impl IntoView {
    let signed_in = who.map(|who| {
        let sign_out = ServerAction::<SignOut>::new();
        let account_label = who.account.alias.clone().unwrap_or_else(|| who.account.account_id.clone());
        view! {
            <span class="account-badge" title="Account">{account_label}</span>
            <span class="spacer"></span>
            <span class="who" title=who.arn.clone()>{who.display_name.clone()}</span>
            <ActionForm action=sign_out attr:class="inline">
                <button type="submit" class="ghost" id="sign-out">"Sign out"</button>
            </ActionForm>
        }
    });
    view! {
        <header class="topbar">
            <a class="brand" href="/">"IAM"<span class="brand-sub">" console"</span></a>
            {signed_in}
        </header>
    }
}
