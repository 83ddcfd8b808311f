use leptos::prelude::*;

use crate::api::groups::load_group_policies;
use crate::components::own_policies::OwnPolicies;
use crate::model::policy_editing::InlineOwner;

/// The group's policies, which every member gets: inline by name, managed by name and ARN.
#[component]
pub fn PoliciesSection(group_name: String) -> impl IntoView {
    let owner_name = group_name.clone();
    let policies = Resource::new(move || group_name.clone(), load_group_policies);
    let empty = "No policies yet: membership gives nothing until the group has an inline or an attached policy.";
    view! { <OwnPolicies policies empty list_id="group-policies" owner=InlineOwner::Group owner_name /> }
}
