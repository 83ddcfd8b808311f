//! The pieces the users and groups listings share: the path tree panel, the GET filter by path prefix, and the
//! notice after a create.

use leptos::prelude::*;
use leptos_router::components::Form;

use super::error_view::ErrorView;
use super::loading::Loading;
use super::path_tree::PathTree;
use crate::model::paths::UserPaths;
use crate::model::IamError;

/// The tree's current node: the filter, or the root when there is none.
fn shown_path(prefix: &str) -> String {
    if prefix.is_empty() {
        "/".to_owned()
    } else {
        prefix.to_owned()
    }
}

/// The panel beside a listing: the tree of paths with a count of `noun`s each; `href` links a path to its listing.
#[component]
pub fn TreePanel(
    tree: Resource<Result<UserPaths, IamError>>,
    prefix: Memo<String>,
    href: fn(&str) -> String,
    noun: &'static str,
) -> impl IntoView {
    view! {
        <aside class="card tree-panel" aria-labelledby="paths-heading">
            <h2 id="paths-heading">"Paths"</h2>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match tree.await {
                        Ok(t) => view! {
                            <PathTree paths=t.paths current=shown_path(&prefix.get_untracked()) href truncated=t.truncated noun />
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
        </aside>
    }
}

/// A GET form to `action` (the listing's own address): the filter is part of the address, so it can be bookmarked
/// and works without JavaScript. With `name` (users), a second field narrows the listing to names starting with it.
#[component]
pub fn PrefixFilter(
    prefix: Memo<String>,
    action: &'static str,
    placeholder: &'static str,
    #[prop(optional)] name: Option<Memo<String>>,
) -> impl IntoView {
    let name_field = name.map(|name| {
        view! {
            <label for="name-prefix">"Name starts with"</label>
            <input
                id="name-prefix"
                name="name"
                type="search"
                maxlength="64"
                autocomplete="off"
                autocapitalize="none"
                value=name.get_untracked()
            />
        }
    });
    let filtered = move || {
        let path = prefix.get();
        (!path.is_empty() && path != "/") || name.is_some_and(|name| !name.get().is_empty())
    };
    view! {
        <Form method="GET" action=action attr:class="filter" attr:role="search">
            <label for="prefix">"Path prefix"</label>
            <input id="prefix" name="prefix" placeholder=placeholder value=prefix.get_untracked() />
            {name_field}
            <button type="submit" class="ghost">"Filter"</button>
            {move || filtered().then(|| view! { <a href=action>"Show all"</a> })}
        </Form>
    }
}

/// "`kind` `name` was created." with a link to it, and what to do next.
#[component]
pub fn CreatedNotice(kind: &'static str, name: String, href: String, next: &'static str) -> impl IntoView {
    view! {
        <p class="notice" role="status">
            {kind} " " <a href=href>{name.clone()}</a> " was created." {next}
        </p>
    }
}
