//! The document shell and the route table.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, Lazy, SsrMode};

use crate::components::layout::ConsoleLayout;
use crate::components::state::provide_console_state;
use crate::lazy_pages::*;
use crate::pages::not_found::NotFound;

/// The HTML document the server renders around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    // Before anything renders a script: the inline scripts carry the nonce of the response's CSP header.
    #[cfg(feature = "ssr")]
    crate::backend::csp_nonce::provide_request_nonce();
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_console_state();
    // Effects run only in the browser, once the page has hydrated (with lazy routes, after the page's chunks have
    // arrived): the marker tells tests and the first-load benchmark when the console has become interactive.
    Effect::new(|_| {
        let _ = document().document_element().map(|root| root.set_attribute("data-hydrated", ""));
    });

    view! {
        <Stylesheet id="leptos" href="/pkg/iam-console.css" />
        <Title formatter=|page: String| format!("{page} · IAM console") />
        // Every route renders with `SsrMode::Async`: the whole page is resolved on the server before it is sent, so
        // it is complete without JavaScript (out-of-order streaming needs a script to put content in place) and
        // redirects can still be real 302s.
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/setup") view={Lazy::<SetupRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/signin") view={Lazy::<SignInRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/signin/:account") view={Lazy::<UserSignInRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/signin/:account/mfa") view={Lazy::<SignInMfaRoute>::new()} ssr=SsrMode::Async />
                <Route path=path!("/signin/:account/new-password") view={Lazy::<SignInNewPasswordRoute>::new()} ssr=SsrMode::Async />
                <ParentRoute path=path!("") view=ConsoleLayout ssr=SsrMode::Async >
                    <Route path=path!("") view={Lazy::<DashboardRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("users") view={Lazy::<UsersRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("users/:name") view={Lazy::<UserDetailRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("users/:name/inline-policy") view={Lazy::<UserInlinePolicyRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("groups") view={Lazy::<GroupsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("groups/:name") view={Lazy::<GroupDetailRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("groups/:name/inline-policy") view={Lazy::<GroupInlinePolicyRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("policies") view={Lazy::<PoliciesRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("policies/:name") view={Lazy::<PolicyDetailRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("access-keys") view={Lazy::<AccessKeysRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("mfa") view={Lazy::<MyCredentialsRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("simulator") view={Lazy::<SimulatorRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("who-can") view={Lazy::<WhoCanRoute>::new()} ssr=SsrMode::Async />
                    <Route path=path!("audit") view={Lazy::<AuditRoute>::new()} ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
