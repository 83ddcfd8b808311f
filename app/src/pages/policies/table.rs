//! One page of managed policies, with the pager.

use leptos::prelude::*;

use crate::api::policies::policy_url;
use crate::components::paged_table::{PagedTable, TableKind};
use crate::components::pager::PagePosition;
use crate::model::policies::ManagedPolicyView;
use crate::model::Page;

#[component]
pub fn PoliciesTable(page: Page<ManagedPolicyView>, prefix: String, position: PagePosition) -> impl IntoView {
    let next_marker = page.marker.clone().filter(|_| page.is_truncated);
    let row_count = page.items.len();
    let rows = page
        .items
        .into_iter()
        .map(|policy| {
            view! {
                <tr>
                    <td><a href=policy_url(&policy.policy_name)>{policy.policy_name.clone()}</a></td>
                    <td><code>{policy.path.clone()}</code></td>
                    <td><code class="arn">{policy.arn.clone()}</code></td>
                    <td class="number">{policy.attachment_count}</td>
                    <td><code>{policy.default_version_id.clone()}</code></td>
                    <td><time datetime=policy.update_date.clone()>{policy.update_date.clone()}</time></td>
                </tr>
            }
        })
        .collect_view()
        .into_any();
    let kind = TableKind {
        listing: "/policies",
        id: "policies-table",
        caption: "Managed policies",
        headers: &["Policy name", "Path", "ARN", "Attachments", "Default version", "Updated"],
        empty: "No managed policies here yet. Create one with the form below, then attach it to users or groups.",
        no_more: "No more policies.",
    };
    view! { <PagedTable kind filters=vec![("prefix", prefix)] position next_marker row_count rows /> }
}
