//! The account at a glance: its id, alias and the address where its IAM users sign in.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::account::dashboard;
use crate::components::copy_button::CopyButton;
use crate::components::error_view::ErrorView;
use crate::model::DashboardView;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let facts = Resource::new(|| (), |_| dashboard());
    view! {
        <Title text="Dashboard" />
        <h1>"Dashboard"</h1>
        <Suspense fallback=|| view! { <p class="loading" aria-busy="true">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match facts.await {
                    Ok(view_model) => view! { <AccountCard facts=view_model /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn AccountCard(facts: DashboardView) -> impl IntoView {
    let DashboardView { account, sign_in_url } = facts;
    view! {
        <section class="card" aria-labelledby="account-heading">
            <h2 id="account-heading">"Account"</h2>
            <dl class="facts">
                <dt>"Account id"</dt>
                <dd><code id="account-id">{account.account_id.clone()}</code></dd>
                <dt>"Alias"</dt>
                <dd id="account-alias">{account.alias.clone().unwrap_or_else(|| "none".into())}</dd>
                <dt>"Root email"</dt>
                <dd>{account.root_email.clone()}</dd>
                <dt>"Created"</dt>
                <dd><time datetime=account.created_at.clone()>{account.created_at.clone()}</time></dd>
                <dt>"Console sign-in URL"</dt>
                <dd>
                    <code id="sign-in-url">{sign_in_url.clone()}</code>
                    " "
                    <CopyButton text=sign_in_url />
                </dd>
            </dl>
            <p class="muted">"IAM users of this account sign in at that address."</p>
        </section>
    }
}
