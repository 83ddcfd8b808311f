use leptos::prelude::*;

use crate::api::users::load_user_policies;
use crate::components::own_policies::OwnPolicies;
use crate::model::policy_editing::InlineOwner;

/// The user's own policies: inline by name, managed by name and ARN.
#[component]
pub fn PoliciesSection(user_name: String) -> impl IntoView {
    let owner_name = user_name.clone();
    let policies = Resource::new(move || user_name.clone(), load_user_policies);
    let empty = "No policies of its own: the user may do only what their groups allow (new users may do nothing).";
    view! { <OwnPolicies policies empty list_id="user-policies" owner=InlineOwner::User owner_name /> }
}
