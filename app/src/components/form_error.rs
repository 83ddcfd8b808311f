//! A form's failure. Every form outside an island is a plain HTML form post: the server function redirects back to
//! the page, with its error (and which server function failed) in the query string.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

use crate::model::{IamError, ERROR_FROM_PARAM, ERROR_PARAM};

/// The failure of the action's server function, if the page was redirected back with one. The action names which
/// server function (`S::PATH`), so one form's failure is never shown under another's.
pub fn action_error<S>(_action: ServerAction<S>) -> Signal<Option<IamError>>
where
    S: ServerFn<Error = IamError> + 'static,
    S::Output: 'static,
{
    let query = use_query_map();
    Signal::derive(move || {
        query.with(|q| {
            (q.get(ERROR_FROM_PARAM).as_deref() == Some(S::PATH))
                .then(|| q.get(ERROR_PARAM))
                .flatten()
                .and_then(|json| serde_json::from_str(&json).ok())
        })
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
