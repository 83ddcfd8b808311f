//! "Who can do this?": one server function over the service's `who_can`, which authorizes each part of the answer.

use leptos::prelude::*;

use crate::model::who_can::WhoCan;
use crate::model::IamError;

#[server(prefix = "/api", endpoint = "who_can")]
pub async fn ask_who_can(action: String, resource: String) -> Result<WhoCan, IamError> {
    use super::ssr::{call, respond};

    respond(
        async {
            let (state, call) = call().await?;
            state.iam.who_can(&call, &action, &resource).await
        }
        .await,
    )
}
