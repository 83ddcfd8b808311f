//! The document shell and the route table.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::components::layout::ConsoleLayout;
use crate::components::state::provide_console_state;
use crate::pages::audit::AuditPage;
use crate::pages::my_credentials::MyCredentialsPage;
use crate::pages::sign_in_mfa::SignInMfaPage;
use crate::pages::sign_in_password::SignInNewPasswordPage;
use crate::pages::sign_in_user::UserSignInPage;
use crate::pages::simulator::SimulatorPage;
use crate::pages::groups::{detail::GroupDetailPage, list::GroupsPage};
use crate::pages::inline_policy::{GroupInlinePolicyPage, UserInlinePolicyPage};
use crate::pages::policies::{detail::PolicyDetailPage, list::PoliciesPage};
use crate::pages::users::{detail::UserDetailPage, list::UsersPage};
use crate::pages::{coming_soon, dashboard::DashboardPage, not_found::NotFound, setup::SetupPage, sign_in::SignInPage};

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

    view! {
        <Stylesheet id="leptos" href="/pkg/iam-console.css" />
        <Title formatter=|page: String| format!("{page} · IAM console") />
        // Every route renders with `SsrMode::Async`: the whole page is resolved on the server before it is sent, so
        // it is complete without JavaScript (out-of-order streaming needs a script to put content in place) and
        // redirects can still be real 302s.
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/setup") view=SetupPage ssr=SsrMode::Async />
                <Route path=path!("/signin") view=SignInPage ssr=SsrMode::Async />
                <Route path=path!("/signin/:account") view=UserSignInPage ssr=SsrMode::Async />
                <Route path=path!("/signin/:account/mfa") view=SignInMfaPage ssr=SsrMode::Async />
                <Route path=path!("/signin/:account/new-password") view=SignInNewPasswordPage ssr=SsrMode::Async />
                <ParentRoute path=path!("") view=ConsoleLayout ssr=SsrMode::Async >
                    <Route path=path!("") view=DashboardPage ssr=SsrMode::Async />
                    <Route path=path!("users") view=UsersPage ssr=SsrMode::Async />
                    <Route path=path!("users/:name") view=UserDetailPage ssr=SsrMode::Async />
                    <Route path=path!("users/:name/inline-policy") view=UserInlinePolicyPage ssr=SsrMode::Async />
                    <Route path=path!("groups") view=GroupsPage ssr=SsrMode::Async />
                    <Route path=path!("groups/:name") view=GroupDetailPage ssr=SsrMode::Async />
                    <Route path=path!("groups/:name/inline-policy") view=GroupInlinePolicyPage ssr=SsrMode::Async />
                    <Route path=path!("policies") view=PoliciesPage ssr=SsrMode::Async />
                    <Route path=path!("policies/:name") view=PolicyDetailPage ssr=SsrMode::Async />
                    <Route path=path!("access-keys") view=coming_soon::AccessKeys ssr=SsrMode::Async />
                    <Route path=path!("mfa") view=MyCredentialsPage ssr=SsrMode::Async />
                    <Route path=path!("simulator") view=SimulatorPage ssr=SsrMode::Async />
                    <Route path=path!("audit") view=AuditPage ssr=SsrMode::Async />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
