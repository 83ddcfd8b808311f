//! `/groups/<name>`: what the group is, then its members, its policies, renaming or moving, and deletion. Each section loads (and may be
//! refused) on its own, so a caller allowed to see only part of a group still sees that part.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::delete::DeleteSection;
use super::members::MembersSection;
use super::policies::PoliciesSection;
use super::rename::RenameSection;
use crate::api::groups::{get_group, groups_url};
use crate::api::permissions::group_page_permissions;
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::permitted::provide_permissions;
use crate::model::GroupView;

#[component]
pub fn GroupDetailPage() -> impl IntoView {
    let params = use_params_map();
    let name = Memo::new(move |_| params.with(|p| p.get("name")).unwrap_or_default());
    let group = Resource::new(move || name.get(), get_group);
    // What the caller may do here: the sections disable the rest and say which permission is missing.
    provide_permissions(Resource::new(move || name.get(), group_page_permissions));
    // The sections are created here, outside the summary's `Suspend`, so each loads (and is refused) on its own.
    let group_name = name.get_untracked();
    view! {
        <Title text=move || name.get() />
        <p class="breadcrumb"><a href="/groups">"Groups"</a> " / " {move || name.get()}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match group.await {
                    Ok(g) => view! { <GroupSummary group=g.group /> }.into_any(),
                    Err(error) => view! { <h1>{name.get_untracked()}</h1> <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
        <div class="sections">
            <MembersSection group_name=group_name.clone() />
            <PoliciesSection group_name=group_name.clone() />
        </div>
        <Suspense>
            {move || Suspend::new(async move {
                group.await.ok().map(|g| {
                    view! {
                        <RenameSection group_name=g.group.group_name.clone() path=g.group.path.clone() />
                        <DeleteSection group_name=g.group.group_name path=g.group.path />
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
fn GroupSummary(group: GroupView) -> impl IntoView {
    let path_href = groups_url(&group.path, None);
    view! {
        <h1>{group.group_name.clone()}</h1>
        <section class="card" aria-labelledby="summary-heading">
            <h2 id="summary-heading">"Summary"</h2>
            <dl class="facts">
                <dt>"ARN"</dt>
                <dd><code id="group-arn">{group.arn.clone()}</code></dd>
                <dt>"Path"</dt>
                <dd><a href=path_href><code>{group.path.clone()}</code></a></dd>
                <dt>"Group id"</dt>
                <dd><code>{group.group_id.clone()}</code></dd>
                <dt>"Created"</dt>
                <dd><time datetime=group.create_date.clone()>{group.create_date.clone()}</time></dd>
            </dl>
        </section>
    }
}
