//! `/policies`: the account's customer managed policies in a paginated table, a filter by path prefix, and the
//! create form. Filtering and paging are in the address (`prefix`, `after`, `back`): plain links and GET forms.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::create::CreatePolicyForm;
use super::table::PoliciesTable;
use crate::api::policies::{list_policies, CreatePolicy};
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::pager::PagePosition;
use crate::components::path_listing::PrefixFilter;

#[component]
pub fn PoliciesPage() -> impl IntoView {
    let query = use_query_map();
    let prefix = Memo::new(move |_| query.with(|q| q.get("prefix")).unwrap_or_default());
    let position = Memo::new(move |_| query.with(|q| PagePosition::from_query(q.get("after"), q.get("back"))));
    let create = ServerAction::<CreatePolicy>::new();
    let policies = Resource::new(
        move || (prefix.get(), position.get().after),
        |(prefix, after)| list_policies(Some(prefix), after),
    );

    view! {
        <Title text="Policies" />
        <h1>"Policies"</h1>
        <p class="muted">
            "Customer managed policies: one document, versioned, attached to any number of users and groups. Changing "
            "the default version changes what every one of them may do."
        </p>
        <PrefixFilter prefix=prefix action="/policies" placeholder="/app/" />
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match policies.await {
                    Ok(page) => view! { <PoliciesTable page prefix=prefix.get_untracked() position=position.get_untracked() /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
        <CreatePolicyForm action=create default_path=prefix />
    }
}
