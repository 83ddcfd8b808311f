//! A form's failure, whether the form was submitted by the hydrated app (the action's value) or as a plain HTML
//! form with JavaScript off (the server redirected back with the error in the query string).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::model::{IamError, ERROR_FROM_PARAM, ERROR_PARAM};

pub fn action_error<S>(action: ServerAction<S>) -> Signal<Option<IamError>>
where
    S: ServerFn<Error = IamError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let query = use_query_map();
    Signal::derive(move || match action.value().get() {
        Some(Err(err)) => Some(err),
        Some(Ok(_)) => None,
        None => query.with(|q| {
            (q.get(ERROR_FROM_PARAM).as_deref() == Some(S::PATH))
                .then(|| q.get(ERROR_PARAM))
                .flatten()
                .and_then(|json| serde_json::from_str(&json).ok())
        }),
    })
}

#[component]
pub fn FormError(error: Signal<Option<IamError>>) -> impl IntoView {
    move || {
        error.get().map(|err| {
            view! {
                <p class="form-error" role="alert">
                    <span class="error-code">{err.code()}</span>
                    " "
                    {err.to_string()}
                </p>
            }
        })
    }
}
