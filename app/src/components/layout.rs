//! The signed-in console: header, navigation, and the page. Signed-out visitors are redirected (a real 302 during
//! server rendering) to set-up or sign-in. This is navigation, not authorization: every server function checks
//! the session and the service checks IAM policy.

use leptos::prelude::*;
use leptos_router::components::{Outlet, Redirect, A};

use super::error_view::ErrorView;
use super::navigation::reload_on_success;
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
    view! {
        <Suspense fallback=|| view! { <p class="loading" aria-busy="true">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match state.await {
                    Err(error) => view! { <main class="centered"><ErrorView error /></main> }.into_any(),
                    Ok(ConsoleState { account: None, .. }) => view! { <Redirect path="/setup" /> }.into_any(),
                    Ok(ConsoleState { session: None, .. }) => view! { <Redirect path="/signin" /> }.into_any(),
                    Ok(ConsoleState { session: Some(who), .. }) => view! { <Chrome who /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Chrome(who: SessionView) -> impl IntoView {
    let sign_out = ServerAction::<SignOut>::new();
    reload_on_success(sign_out, "/signin");
    let account_label = who.account.alias.clone().unwrap_or_else(|| who.account.account_id.clone());
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="topbar">
            <a class="brand" href="/">"IAM"<span class="brand-sub">" console"</span></a>
            <span class="account-badge" title="Account">{account_label}</span>
            <span class="spacer"></span>
            <span class="who" title=who.arn.clone()>{who.display_name.clone()}</span>
            <ActionForm action=sign_out attr:class="inline">
                <button type="submit" class="ghost" id="sign-out">"Sign out"</button>
            </ActionForm>
        </header>
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
