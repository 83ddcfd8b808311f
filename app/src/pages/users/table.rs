//! One page of users, with the pager.

use leptos::prelude::*;

use crate::api::users::user_url;
use crate::components::paged_table::{PagedTable, TableKind};
use crate::components::pager::PagePosition;
use crate::model::{Page, UserView};

#[component]
pub fn UsersTable(page: Page<UserView>, prefix: String, name: String, position: PagePosition) -> impl IntoView {
    let next_marker = page.marker.clone().filter(|_| page.is_truncated);
    let row_count = page.items.len();
    let rows = page
        .items
        .into_iter()
        .map(|user| {
            view! {
                <tr>
                    <td><a href=user_url(&user.user_name)>{user.user_name.clone()}</a></td>
                    <td><code>{user.path.clone()}</code></td>
                    <td><time datetime=user.create_date.clone()>{user.create_date.clone()}</time></td>
                    <td>{user.password_last_used.clone().unwrap_or_else(|| "never".into())}</td>
                </tr>
            }
        })
        .collect_view()
        .into_any();
    let kind = TableKind {
        listing: "/users",
        id: "users-table",
        caption: "Users",
        headers: &["User name", "Path", "Created", "Console sign-in"],
        empty: if name.is_empty() {
            "No users here yet. Create one with the form below, in this path or any other."
        } else {
            "No user name here starts with that. Clear the name to see every user of the path."
        },
        no_more: "No more users.",
    };
    view! { <PagedTable kind filters=vec![("prefix", prefix), ("name", name)] position next_marker row_count rows /> }
}
