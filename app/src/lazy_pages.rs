//! Every page as a lazy route: with `cargo leptos build --split` each page's code is a WASM chunk of its own, fetched
//! when the page is first shown (on the first load, before hydration), so a page does not pay for every other page's
//! code. The document shell, the console layout and the not-found page stay in the main module.
//!
//! `#[lazy_route]` names the chunk after the route type, hence one type per page.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

use crate::pages;

macro_rules! lazy_page {
    ($($route:ident => $page:path),* $(,)?) => {$(
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                $page().into_any()
            }
        }
    )*};
}

lazy_page! {
    SetupRoute => pages::setup::SetupPage,
    SignInRoute => pages::sign_in::SignInPage,
    UserSignInRoute => pages::sign_in_user::UserSignInPage,
    SignInMfaRoute => pages::sign_in_mfa::SignInMfaPage,
    SignInNewPasswordRoute => pages::sign_in_password::SignInNewPasswordPage,
    DashboardRoute => pages::dashboard::DashboardPage,
    UsersRoute => pages::users::list::UsersPage,
    UserDetailRoute => pages::users::detail::UserDetailPage,
    UserInlinePolicyRoute => pages::inline_policy::UserInlinePolicyPage,
    GroupsRoute => pages::groups::list::GroupsPage,
    GroupDetailRoute => pages::groups::detail::GroupDetailPage,
    GroupInlinePolicyRoute => pages::inline_policy::GroupInlinePolicyPage,
    PoliciesRoute => pages::policies::list::PoliciesPage,
    PolicyDetailRoute => pages::policies::detail::PolicyDetailPage,
    AccessKeysRoute => pages::coming_soon::AccessKeys,
    MyCredentialsRoute => pages::my_credentials::MyCredentialsPage,
    SimulatorRoute => pages::simulator::SimulatorPage,
    AuditRoute => pages::audit::AuditPage,
    WhoCanRoute => pages::who_can::WhoCanPage,
}
