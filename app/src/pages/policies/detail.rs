//! `/policies/<name>`: what the policy is, its default document, its versions, where it is attached, and deletion.
//! Each section loads (and may be refused) on its own, so a caller allowed only part of this still sees that part.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::actions::PolicyActions;
use super::attachments::UsedBySection;
use super::delete::DeleteSection;
use super::document::DocumentSection;
use super::versions::VersionsSection;
use crate::api::policies::{get_policy, load_policy_versions, policies_url};
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::model::policies::ManagedPolicyView;

#[component]
pub fn PolicyDetailPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let name = Memo::new(move |_| params.with(|p| p.get("name")).unwrap_or_default());
    // `?version=v2` shows that version's document instead of the default's (the versions table links there).
    let shown = Memo::new(move |_| query.with(|q| q.get("version")).filter(|v| !v.is_empty()));
    let actions = PolicyActions::for_page();
    let policy = Resource::new(move || name.get(), get_policy);
    let versions = Resource::new(move || name.get(), load_policy_versions);
    // The sections are created here, outside the summary's `Suspend`: they neither wait for the summary nor go with
    // it when it is refused.
    let policy_name = name.get_untracked();
    view! {
        <Title text=move || name.get() />
        <p class="breadcrumb"><a href="/policies">"Policies"</a> " / " {move || name.get()}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match policy.await {
                    Ok(p) => view! { <PolicySummary policy=p /> }.into_any(),
                    Err(error) => view! { <h1>{name.get_untracked()}</h1> <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
        <DocumentSection versions shown />
        <VersionsSection policy_name=policy_name.clone() versions actions />
        <UsedBySection policy_name=policy_name.clone() actions />
        <Suspense>
            {move || Suspend::new(async move {
                policy.await.ok().map(|p| view! { <DeleteSection policy_name=p.policy_name path=p.path /> })
            })}
        </Suspense>
    }
}

#[component]
fn PolicySummary(policy: ManagedPolicyView) -> impl IntoView {
    let path_href = policies_url(&policy.path);
    view! {
        <h1>{policy.policy_name.clone()}</h1>
        <section class="card" aria-labelledby="summary-heading">
            <h2 id="summary-heading">"Summary"</h2>
            <dl class="facts">
                <dt>"ARN"</dt>
                <dd><code id="policy-arn">{policy.arn.clone()}</code></dd>
                <dt>"Path"</dt>
                <dd><a href=path_href><code>{policy.path.clone()}</code></a></dd>
                <dt>"Description"</dt>
                <dd>{policy.description.clone().unwrap_or_else(|| "none".into())}</dd>
                <dt>"Policy id"</dt>
                <dd><code>{policy.policy_id.clone()}</code></dd>
                <dt>"Default version"</dt>
                <dd><code id="policy-default-version">{policy.default_version_id.clone()}</code></dd>
                <dt>"Attachments"</dt>
                <dd id="policy-attachment-count">{policy.attachment_count}</dd>
                <dt>"Created"</dt>
                <dd><time datetime=policy.create_date.clone()>{policy.create_date.clone()}</time></dd>
                <dt>"Updated"</dt>
                <dd><time datetime=policy.update_date.clone()>{policy.update_date.clone()}</time></dd>
            </dl>
        </section>
    }
}
