use leptos::prelude::*;

use crate::api::users::DeleteUser;
use crate::components::error_view::ErrorView;
use crate::components::form_error::action_error;
use crate::components::loading::Loading;
use crate::components::permitted::Permitted;
use crate::components::typed_delete::{DangerZone, TypedDeleteFields};
use crate::model::user_detail::UserDeletionPreview;
use crate::model::IamError;

/// Deleting a user: a preview of everything removed first (`preview`, loaded by the page; none for a caller who
/// may not delete), then the typed
/// confirmation. Each removal is its own IAM action; one refused midway stops the deletion and says what was done.
#[component]
pub fn DeleteSection(
    user_name: String,
    path: String,
    preview: Resource<Result<Option<UserDeletionPreview>, IamError>>,
) -> impl IntoView {
    let action = ServerAction::<DeleteUser>::new();
    let error = action_error(action);
    view! {
        <DangerZone
            title="Delete user"
            explanation=concat!(
                "Deleting is permanent. What the user has is removed first, each step as its own IAM action; if one ",
                "is refused, the deletion stops there and says what was already removed."
            )
        >
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match preview.await {
                        Ok(Some(preview)) => view! { <PreviewList preview /> }.into_any(),
                        // The caller may not delete the user: the form below says which permission is missing.
                        Ok(None) => ().into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })}
            </Suspense>
            <Permitted action="iam:DeleteUser">
                <ActionForm action attr:class="stack" attr:id="delete-user-form">
                    <TypedDeleteFields
                        name_field="user_name"
                        name=user_name
                        path
                        button="Delete user"
                        error
                    />
                </ActionForm>
            </Permitted>
        </DangerZone>
    }
}

#[component]
fn PreviewList(preview: UserDeletionPreview) -> impl IntoView {
    let lines = preview.lines();
    if lines.is_empty() {
        return view! { <p class="muted">"The user has nothing else: only the user is deleted."</p> }.into_any();
    }
    view! {
        <p>"Removed first, in this order:"</p>
        <ul id="deletion-preview">{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
    }
    .into_any()
}
