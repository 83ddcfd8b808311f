//! The frame of the pages one sees signed out (set-up, sign-in): each shows its form only in the state it is for,
//! and otherwise redirects to where the visitor belongs.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use super::error_view::ErrorView;
use super::state::use_console_state;
use crate::model::ConsoleState;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ShownWhen {
    /// Before the account exists (set-up).
    NoAccount,
    /// The account exists and nobody is signed in (sign-in).
    SignedOut,
}

fn redirect_for(state: &ConsoleState, shown_when: ShownWhen) -> Option<&'static str> {
    match (shown_when, &state.account, &state.session) {
        (ShownWhen::NoAccount, Some(_), _) => Some("/"),
        (ShownWhen::SignedOut, None, _) => Some("/setup"),
        (ShownWhen::SignedOut, Some(_), Some(_)) => Some("/"),
        _ => None,
    }
}

#[component]
pub fn PublicPage(shown_when: ShownWhen, children: ChildrenFn) -> impl IntoView {
    let state = use_console_state();
    view! {
        <main class="centered" id="main">
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || {
                    let children = children.clone();
                    Suspend::new(async move {
                        match state.await {
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                            Ok(s) => match redirect_for(&s, shown_when) {
                                Some(path) => view! { <Redirect path /> }.into_any(),
                                None => children().into_any(),
                            },
                        }
                    })
                }}
            </Suspense>
        </main>
    }
}
