//! The console state (account set up? who is signed in?) is loaded once per page load and shared by context.

use leptos::prelude::*;

use crate::api::account::load_console_state;
use crate::model::{ConsoleState, IamError};

#[derive(Clone, Copy)]
pub struct ConsoleStateResource(pub Resource<Result<ConsoleState, IamError>>);

pub fn provide_console_state() {
    // Blocking: the server must know the answer before it sends headers, so it can redirect (to /setup or /signin)
    // with a real 302 that works without JavaScript.
    let resource = Resource::new_blocking(|| (), |_| load_console_state());
    provide_context(ConsoleStateResource(resource));
}

pub fn use_console_state() -> Resource<Result<ConsoleState, IamError>> {
    match use_context::<ConsoleStateResource>() {
        Some(state) => state.0,
        // Only reachable if a page is rendered outside `App`; load it on the spot rather than fail.
        None => Resource::new_blocking(|| (), |_| load_console_state()),
    }
}
