//! `/groups`: the path tree beside a paginated table, a filter by path prefix, and the create form. Everything is in
//! the address (`prefix`, `after`, `back`), so filtering and paging are plain links and GET forms.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::create::CreateGroupForm;
use super::table::GroupsTable;
use crate::api::groups::{group_url, groups_url, list_groups, load_group_paths, CreateGroup};
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::pager::PagePosition;
use crate::components::path_listing::{CreatedNotice, PrefixFilter, TreePanel};

fn tree_href(path: &str) -> String {
    groups_url(path, None)
}

#[component]
pub fn GroupsPage() -> impl IntoView {
    let query = use_query_map();
    let prefix = Memo::new(move |_| query.with(|q| q.get("prefix")).unwrap_or_default());
    let position = Memo::new(move |_| query.with(|q| PagePosition::from_query(q.get("after"), q.get("back"))));
    let created = Memo::new(move |_| query.with(|q| q.get("created")).filter(|c| !c.is_empty()));
    let create = ServerAction::<CreateGroup>::new();

    let groups =
        Resource::new(move || (prefix.get(), position.get().after), |(prefix, after)| list_groups(Some(prefix), after));
    let tree = Resource::new(move || prefix.get(), |prefix| load_group_paths(Some(prefix)));

    view! {
        <Title text="Groups" />
        <h1>"Groups"</h1>
        <p class="muted">"Groups give every member the group's policies. A user can be in up to 10 groups."</p>
        <div class="with-tree">
            <TreePanel tree prefix href=tree_href noun="group" />
            <div class="listing">
                {move || created.get().map(|name| view! { <CreatedNotice kind="Group" href=group_url(&name) name next=" Open it to add members." /> })}
                <PrefixFilter prefix=prefix action="/groups" placeholder="/ops/" />
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match groups.await {
                            Ok(page) => view! { <GroupsTable page prefix=prefix.get_untracked() position=position.get_untracked() /> }.into_any(),
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })}
                </Suspense>
                <CreateGroupForm action=create default_path=prefix />
            </div>
        </div>
    }
}
