use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// When `action` succeeds in the hydrated app, loads `path` afresh. For actions that change who is signed in (set-up,
/// sign-in, sign-out) every piece of state on the page is stale, so a full load beats patching it. With JavaScript
/// off the server redirects instead (`api::ssr::redirect_plain_form`).
pub fn reload_on_success<S>(action: ServerAction<S>, path: &'static str)
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
    S::Error: Clone + Send + Sync + 'static,
{
    load_on_success(action, move |_| path.to_owned());
}

/// When `action` succeeds in the hydrated app, loads the address `to` computes from its answer, afresh: for changes
/// after which the page's own state is about something that no longer exists (a renamed user's page).
pub fn load_on_success<S>(action: ServerAction<S>, to: impl Fn(&S::Output) -> String + 'static)
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
    S::Error: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if let Some(Ok(output)) = action.value().get() {
            let path = to(&output);
            #[cfg(feature = "hydrate")]
            let _ = window().location().set_href(&path);
            #[cfg(not(feature = "hydrate"))]
            let _ = path;
        }
    });
}
