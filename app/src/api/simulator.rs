//! The policy simulator: one server function over the service's `simulate_console_form`, which reads the form,
//! authorizes (`iam:SimulatePrincipalPolicy` or `iam:SimulateCustomPolicy`) and validates.

use leptos::prelude::*;

use crate::model::simulator::{SimulationReport, SimulatorForm};
use crate::model::IamError;

/// The results of simulating what `form` asks, with the text of each policy holding a deciding statement.
#[server(prefix = "/api", endpoint = "simulate_policies")]
pub async fn simulate_policies(form: SimulatorForm) -> Result<SimulationReport, IamError> {
    use super::ssr::{call, respond};

    respond(
        async {
            let (state, call) = call().await?;
            state.iam.simulate_console_form(&call, &form).await
        }
        .await,
    )
}
