//! The actions of a policy's page, made once for the page: the sections dispatch them, and each resource reloads
//! after the ones that change it (the summary's attachment count and default version, the versions, the attachments).

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::policies::{
    AttachPolicy, CreatePolicyVersion, DeletePolicyVersion, DetachPolicy, SetDefaultPolicyVersion,
};

/// Every action a policy's page can take but deletion (after which nothing on the page is left to reload).
#[derive(Clone, Copy)]
pub struct PolicyActions {
    pub create_version: ServerAction<CreatePolicyVersion>,
    pub set_default: ServerAction<SetDefaultPolicyVersion>,
    pub delete_version: ServerAction<DeletePolicyVersion>,
    pub attach: ServerAction<AttachPolicy>,
    pub detach: ServerAction<DetachPolicy>,
}

impl PolicyActions {
    pub fn for_page() -> Self {
        let actions = Self {
            create_version: ServerAction::new(),
            set_default: ServerAction::new(),
            delete_version: ServerAction::new(),
            attach: ServerAction::new(),
            detach: ServerAction::new(),
        };
        actions.clear_failures_on_success();
        actions
    }

    /// With JavaScript off, a success redirects back without the earlier failure; hydrated, each action keeps its
    /// last answer. So here too one action's success clears the others' failures, and no stale error stays on the
    /// page (e.g. `LimitExceeded` after a version was deleted to make room).
    fn clear_failures_on_success(self) {
        let clear = move || {
            clear_failure(self.create_version);
            clear_failure(self.set_default);
            clear_failure(self.delete_version);
            clear_failure(self.attach);
            clear_failure(self.detach);
        };
        on_success(self.create_version, clear);
        on_success(self.set_default, clear);
        on_success(self.delete_version, clear);
        on_success(self.attach, clear);
        on_success(self.detach, clear);
    }

    /// Changes with every completed version action.
    pub fn versions_changed(&self) -> (usize, usize, usize) {
        (self.create_version.version().get(), self.set_default.version().get(), self.delete_version.version().get())
    }

    /// Changes with every completed attach or detach.
    pub fn attachments_changed(&self) -> (usize, usize) {
        (self.attach.version().get(), self.detach.version().get())
    }
}

fn clear_failure<S>(action: ServerAction<S>)
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
    S::Error: Clone + Send + Sync + 'static,
{
    if action.value().with_untracked(|v| matches!(v, Some(Err(_)))) {
        action.value().set(None);
    }
}

fn on_success<S>(action: ServerAction<S>, run: impl Fn() + 'static)
where
    S: ServerFn + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
    S::Error: Clone + Send + Sync + 'static,
{
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(_)))) {
            run();
        }
    });
}
