//! `/users`: the path tree beside a paginated table, a filter by path prefix and name prefix, and the create form.
//! Everything is in the address (`prefix`, `name`, `after`, `back`), so filtering and paging are plain links and GET
//! forms.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::create::CreateUserForm;
use super::table::UsersTable;
use crate::api::users::{list_users, load_user_paths, user_url, users_url, CreateUser};
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::pager::PagePosition;
use crate::components::path_listing::{CreatedNotice, PrefixFilter, TreePanel};

fn tree_href(path: &str) -> String {
    users_url(path, None)
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let query = use_query_map();
    let prefix = Memo::new(move |_| query.with(|q| q.get("prefix")).unwrap_or_default());
    let name = Memo::new(move |_| query.with(|q| q.get("name")).unwrap_or_default());
    let position = Memo::new(move |_| query.with(|q| PagePosition::from_query(q.get("after"), q.get("back"))));
    let created = Memo::new(move |_| query.with(|q| q.get("created")).filter(|c| !c.is_empty()));
    let create = ServerAction::<CreateUser>::new();

    let users = Resource::new(
        move || (prefix.get(), name.get(), position.get().after),
        |(prefix, name, after)| list_users(Some(prefix), Some(name), after),
    );
    let tree = Resource::new(move || prefix.get(), |prefix| load_user_paths(Some(prefix)));

    view! {
        <Title text="Users" />
        <h1>"Users"</h1>
        <div class="with-tree">
            <TreePanel tree prefix href=tree_href noun="user" />
            <div class="listing">
                {move || created.get().map(|name| view! { <CreatedNotice kind="User" href=user_url(&name) name next="" /> })}
                <PrefixFilter prefix=prefix name action="/users" placeholder="/family/" />
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match users.await {
                            Ok(page) => {
                                let (prefix, name) = (prefix.get_untracked(), name.get_untracked());
                                view! { <UsersTable page prefix name position=position.get_untracked() /> }.into_any()
                            }
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })}
                </Suspense>
                <CreateUserForm action=create default_path=prefix />
            </div>
        </div>
    }
}
