//! `/users/<name>`: who the user is, then one section each for groups, policies, console password, access keys, MFA
//! devices and tags, the user's effective permissions by service, their recent activity, renaming or moving, and
//! deletion. Each section loads (and may be refused) on its own, so a caller allowed to see only part of a user still
//! sees that part; the forms the caller may not use are disabled, saying which permission is missing.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::access_keys::AccessKeysSection;
use super::activity::ActivitySection;
use super::delete::DeleteSection;
use super::effective::EffectivePermissionsSection;
use super::groups::GroupsSection;
use super::mfa::MfaSection;
use super::password::PasswordSection;
use super::policies::PoliciesSection;
use super::rename::RenameSection;
use super::tags::TagsSection;
use crate::api::permissions::user_page_permissions;
use crate::api::users::{get_user, load_user_deletion_preview, users_url};
use crate::components::error_view::ErrorView;
use crate::components::loading::Loading;
use crate::components::permitted::provide_permissions;
use crate::model::UserView;

#[component]
pub fn UserDetailPage() -> impl IntoView {
    let params = use_params_map();
    let name = Memo::new(move |_| params.with(|p| p.get("name")).unwrap_or_default());
    let user = Resource::new(move || name.get(), get_user);
    // What the caller may do here: the sections disable the rest and say which permission is missing.
    provide_permissions(Resource::new(move || name.get(), user_page_permissions));
    let deletion_preview = Resource::new(move || name.get(), load_user_deletion_preview);
    // The sections are created here, outside the summary's `Suspend`, so each loads (and is refused) on its own. Not
    // inside a reactive closure keyed on the name: a `Suspense` re-runs such closures when its resources settle,
    // which would make every section (and its resources) anew.
    let user_name = name.get_untracked();
    view! {
        <Title text=move || name.get() />
        <p class="breadcrumb"><a href="/users">"Users"</a> " / " {move || name.get()}</p>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(user) => view! { <UserSummary user /> }.into_any(),
                    Err(error) => view! { <h1>{name.get_untracked()}</h1> <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
        <div class="sections">
            <GroupsSection user_name=user_name.clone() />
            <PoliciesSection user_name=user_name.clone() />
            <PasswordSection user_name=user_name.clone() />
            <AccessKeysSection user_name=user_name.clone() />
            <MfaSection user_name=user_name.clone() />
            <TagsSection user_name=user_name.clone() />
        </div>
        <EffectivePermissionsSection user_name=user_name.clone() />
        <ActivitySection user_name=user_name.clone() />
        <Suspense>
            {move || Suspend::new(async move {
                user.await.ok().map(|user| {
                    view! {
                        <RenameSection user_name=user.user_name.clone() path=user.path.clone() />
                        <DeleteSection user_name=user.user_name path=user.path preview=deletion_preview />
                    }
                })
            })}
        </Suspense>
    }
}

#[component]
fn UserSummary(user: UserView) -> impl IntoView {
    let path_href = users_url(&user.path, None);
    view! {
        <h1>{user.user_name.clone()}</h1>
        <section class="card" aria-labelledby="summary-heading">
            <h2 id="summary-heading">"Summary"</h2>
            <dl class="facts">
                <dt>"ARN"</dt>
                <dd><code id="user-arn">{user.arn.clone()}</code></dd>
                <dt>"Path"</dt>
                <dd><a href=path_href><code>{user.path.clone()}</code></a></dd>
                <dt>"User id"</dt>
                <dd><code>{user.user_id.clone()}</code></dd>
                <dt>"Created"</dt>
                <dd><time datetime=user.create_date.clone()>{user.create_date.clone()}</time></dd>
                <dt>"Console sign-in"</dt>
                <dd>{user.password_last_used.clone().unwrap_or_else(|| "never".into())}</dd>
            </dl>
        </section>
    }
}
