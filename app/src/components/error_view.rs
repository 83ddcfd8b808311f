use leptos::prelude::*;

use crate::model::IamError;

/// A failure as a person sees it: the message, and for internal failures only the request id to quote.
#[component]
pub fn ErrorView(error: IamError) -> impl IntoView {
    let title = match &error {
        IamError::ServiceFailure { .. } => "Something went wrong",
        IamError::AccessDenied(_) => "Access denied",
        IamError::NotSignedIn(_) => "Signed out",
        _ => "That did not work",
    };
    let request_id = match &error {
        IamError::ServiceFailure { request_id } => Some(request_id.clone()),
        _ => None,
    };
    view! {
        <section class="error-view" role="alert">
            <h2>{title}</h2>
            <p>{error.to_string()}</p>
            {request_id.map(|id| view! { <p class="muted">"Request id: " <code class="request-id">{id}</code></p> })}
        </section>
    }
}
