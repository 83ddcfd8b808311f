//! `/users`: the path tree beside a paginated table, a filter by path prefix, and the create form. Everything is in
//! the address (`prefix`, `after`, `back`), so filtering and paging are plain links and GET forms.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use super::create::CreateUserForm;
use super::table::UsersTable;
use crate::api::users::{list_users, load_user_paths, users_url, CreateUser};
use crate::components::error_view::ErrorView;
use crate::components::input_follows::input_follows;
use crate::components::loading::Loading;
use crate::components::pager::PagePosition;
use crate::components::path_tree::PathTree;
use crate::model::paths::UserPaths;
use crate::model::IamError;

/// The tree of every path; for a caller who may list only part of the account, the tree of the filtered prefix
/// (the service decides either way).
async fn load_tree(prefix: String) -> Result<UserPaths, IamError> {
    match load_user_paths(None).await {
        Err(IamError::AccessDenied(_)) if !prefix.is_empty() && prefix != "/" => load_user_paths(Some(prefix)).await,
        other => other,
    }
}

/// The tree's current node: the filter, or the root when there is none.
fn shown_path(prefix: &str) -> String {
    if prefix.is_empty() {
        "/".to_owned()
    } else {
        prefix.to_owned()
    }
}

fn tree_href(path: &str) -> String {
    users_url(path, None)
}

#[component]
pub fn UsersPage() -> impl IntoView {
    let query = use_query_map();
    let prefix = Memo::new(move |_| query.with(|q| q.get("prefix")).unwrap_or_default());
    let position = Memo::new(move |_| query.with(|q| PagePosition::from_query(q.get("after"), q.get("back"))));
    let created = Memo::new(move |_| query.with(|q| q.get("created")).filter(|c| !c.is_empty()));
    let create = ServerAction::<CreateUser>::new();

    let users = Resource::new(
        move || (prefix.get(), position.get().after, create.version().get()),
        |(prefix, after, _)| list_users(Some(prefix), after),
    );
    let tree = Resource::new(move || (prefix.get(), create.version().get()), |(prefix, _)| load_tree(prefix));

    view! {
        <Title text="Users" />
        <h1>"Users"</h1>
        <div class="with-tree">
            <aside class="card tree-panel" aria-labelledby="paths-heading">
                <h2 id="paths-heading">"Paths"</h2>
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match tree.await {
                            Ok(t) => view! {
                                <PathTree paths=t.paths current=shown_path(&prefix.get_untracked()) href=tree_href truncated=t.truncated />
                            }
                            .into_any(),
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })}
                </Suspense>
            </aside>
            <div class="listing">
                {move || created.get().map(|name| view! { <CreatedNotice name /> })}
                <PrefixFilter prefix=prefix />
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match users.await {
                            Ok(page) => view! { <UsersTable page prefix=prefix.get_untracked() position=position.get_untracked() /> }.into_any(),
                            Err(error) => view! { <ErrorView error /> }.into_any(),
                        }
                    })}
                </Suspense>
                <CreateUserForm action=create default_path=prefix />
            </div>
        </div>
    }
}

#[component]
fn CreatedNotice(name: String) -> impl IntoView {
    let href = format!("/users/{}", crate::api::users::encode_query_value(&name));
    view! {
        <p class="notice" role="status">
            "User " <a href=href>{name.clone()}</a> " was created."
        </p>
    }
}

/// A GET form: the filter is part of the address, so it can be bookmarked and works without JavaScript.
#[component]
fn PrefixFilter(prefix: Memo<String>) -> impl IntoView {
    let input = NodeRef::<leptos::html::Input>::new();
    input_follows(input, move || prefix.get(), String::clone);
    view! {
        <Form method="GET" action="/users" attr:class="filter" attr:role="search">
            <label for="prefix">"Path prefix"</label>
            <input id="prefix" name="prefix" placeholder="/family/" node_ref=input value=prefix.get_untracked() />
            <button type="submit" class="ghost">"Filter"</button>
            {move || (!prefix.get().is_empty() && prefix.get() != "/").then(|| view! { <a href="/users">"Show all"</a> })}
        </Form>
    }
}
