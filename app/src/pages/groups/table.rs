//! One page of groups, with the pager.

use leptos::prelude::*;

use crate::api::groups::group_url;
use crate::components::paged_table::{PagedTable, TableKind};
use crate::components::pager::PagePosition;
use crate::model::{GroupView, Page};

#[component]
pub fn GroupsTable(page: Page<GroupView>, prefix: String, position: PagePosition) -> impl IntoView {
    let next_marker = page.marker.clone().filter(|_| page.is_truncated);
    let row_count = page.items.len();
    let rows = page
        .items
        .into_iter()
        .map(|group| {
            view! {
                <tr>
                    <td><a href=group_url(&group.group_name)>{group.group_name.clone()}</a></td>
                    <td><code>{group.path.clone()}</code></td>
                    <td><code class="arn">{group.arn.clone()}</code></td>
                    <td><time datetime=group.create_date.clone()>{group.create_date.clone()}</time></td>
                </tr>
            }
        })
        .collect_view()
        .into_any();
    let kind = TableKind {
        listing: "/groups",
        id: "groups-table",
        caption: "Groups",
        headers: &["Group name", "Path", "ARN", "Created"],
        empty: "No groups here yet. Create one with the form below, then add users to it and give it policies.",
        no_more: "No more groups.",
    };
    view! { <PagedTable kind filters=vec![("prefix", prefix)] position next_marker row_count rows /> }
}
