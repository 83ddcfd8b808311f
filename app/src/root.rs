//! The document shell and the route table.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::layout::ConsoleLayout;
use crate::components::state::provide_console_state;
use crate::pages;
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
                <HydrationScripts options islands=true />
                // Fetches the next page and swaps it in, where JavaScript runs (public/page-swap.js).
                <script type="module" src="/page-swap.js" nonce=leptos::nonce::use_nonce()></script>
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

    view! {
        <Stylesheet id="leptos" href="/pkg/iam-console.css" />
        <Title formatter=|page: String| format!("{page} · IAM console") />
        // The router runs on the server only (islands): a link or a form post loads the next page whole, exactly as
        // with JavaScript off, and the browser receives the WASM of the page's islands, not of every page.
        // Every route renders with `SsrMode::Async`: the whole page is resolved on the server before it is sent, so
        // it is complete without JavaScript (out-of-order streaming needs a script to put content in place) and
        // redirects can still be real 302s.
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/setup") view=pages::setup::SetupPage ssr=SsrMode::Async />
                <Route path=path!("/signin") view=pages::sign_in::SignInPage ssr=SsrMode::Async />
                <Route path=path!("/signin/:account") view=pages::sign_in_user::UserSignInPage ssr=SsrMode::Async />
                <Route path=path!("/signin/:account/mfa") view=pages::sign_in_mfa::SignInMfaPage ssr=SsrMode::Async />
                <Route path=path!("/signin/:account/new-password") view=pages::sign_in_password::SignInNewPasswordPage ssr=SsrMode::Async />
                <ParentRoute path=path!("") view=ConsoleLayout ssr=SsrMode::Async >
                    <Route path=path!("") view=pages::dashboard::DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("users") view=pages::users::list::UsersPage ssr=SsrMode::Async />
                    <Route path=path!("users/:name") view=pages::users::detail::UserDetailPage ssr=SsrMode::Async />
                    <Route path=path!("users/:name/inline-policy") view=pages::inline_policy::UserInlinePolicyPage ssr=SsrMode::Async />
                    <Route path=path!("groups") view=pages::groups::list::GroupsPage ssr=SsrMode::Async />
                    <Route path=path!("groups/:name") view=pages::groups::detail::GroupDetailPage ssr=SsrMode::Async />
                    <Route path=path!("groups/:name/inline-policy") view=pages::inline_policy::GroupInlinePolicyPage ssr=SsrMode::Async />
                    <Route path=path!("policies") view=pages::policies::list::PoliciesPage ssr=SsrMode::Async />
                    <Route path=path!("policies/:name") view=pages::policies::detail::PolicyDetailPage ssr=SsrMode::Async />
                    <Route path=path!("access-keys") view=pages::coming_soon::AccessKeys ssr=SsrMode::Async />
                    <Route path=path!("mfa") view=pages::my_credentials::MyCredentialsPage ssr=SsrMode::Async />
                    <Route path=path!("simulator") view=pages::simulator::SimulatorPage ssr=SsrMode::Async />
                    <Route path=path!("who-can") view=pages::who_can::WhoCanPage ssr=SsrMode::Async />
                    <Route path=path!("audit") view=pages::audit::AuditPage ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
