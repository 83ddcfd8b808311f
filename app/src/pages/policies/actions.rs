//! The actions of a policy's page, made once for the page and handed to the sections whose forms post to them and
//! show their failures. Each post is answered with a redirect back to the page, which the server renders anew, so
//! every section (the summary's attachment count and default version, the versions, the attachments) shows it.

use leptos::prelude::*;

use crate::api::policies::{
    AttachPolicy, CreatePolicyVersion, DeletePolicyVersion, DetachPolicy, SetDefaultPolicyVersion,
};

/// Every action a policy's page can take but deletion (which leaves the page; its section makes its own).
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
        Self {
            create_version: ServerAction::new(),
            set_default: ServerAction::new(),
            delete_version: ServerAction::new(),
            attach: ServerAction::new(),
            detach: ServerAction::new(),
        }
    }
}
