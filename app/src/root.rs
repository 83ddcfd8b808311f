//! The document shell and the route table.

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

use crate::components::layout::ConsoleLayout;
use crate::components::state::provide_console_state;
use crate::pages::{coming_soon, dashboard::DashboardPage, not_found::NotFound, setup::SetupPage, sign_in::SignInPage};

/// The HTML document the server renders around the app.
pub fn shell(options: LeptosOptions) -> impl IntoView {
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
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/setup") view=SetupPage />
                <Route path=path!("/signin") view=SignInPage />
                <ParentRoute path=path!("") view=ConsoleLayout>
                    <Route path=path!("") view=DashboardPage />
                    <Route path=path!("users") view=coming_soon::Users />
                    <Route path=path!("groups") view=coming_soon::Groups />
                    <Route path=path!("policies") view=coming_soon::Policies />
                    <Route path=path!("access-keys") view=coming_soon::AccessKeys />
                    <Route path=path!("mfa") view=coming_soon::Mfa />
                    <Route path=path!("simulator") view=coming_soon::Simulator />
                    <Route path=path!("audit") view=coming_soon::Audit />
                </ParentRoute>
            </Routes>
        </Router>
    }
}
