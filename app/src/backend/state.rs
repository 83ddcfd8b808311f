use super::clock::SharedClock;
use super::service::IamService;

/// What the server hands to every server function (as Leptos context) and every Query API handler.
#[derive(Clone, Debug)]
pub struct AppState {
    pub iam: IamService,
    pub clock: SharedClock,
}
