//! Where the hydrated app goes after an action succeeds. With JavaScript off the server redirects instead
//! (`api::ssr::redirect_plain_form`), to the same address.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

use crate::model::sign_in::SignInNext;

/// After a successful action, navigates (client-side) to the address `to` computes from its answer.
pub fn navigate_on_success<S>(action: ServerAction<S>, to: impl Fn(&S::Output) -> String + 'static)
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
    S::Error: Clone + Send + Sync + 'static,
{
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(output)) = action.value().get() {
            navigate(&to(&output), NavigateOptions::default());
        }
    });
}

/// A sign-in step's answer: the next step's page, or (signed in) a full load of the console, whose state is stale.
pub fn follow_sign_in<S>(action: ServerAction<S>)
where
    S: ServerFn<Output = SignInNext> + Clone + Send + Sync + 'static,
    S::Error: Clone + Send + Sync + 'static,
{
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(next)) = action.value().get() {
            if next.done {
                #[cfg(feature = "hydrate")]
                let _ = window().location().set_href(&next.path);
            } else {
                navigate(&next.path, NavigateOptions::default());
            }
        }
    });
}
