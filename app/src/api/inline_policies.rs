//! The inline-policy editor's server functions: load, save (create or replace), delete — for users and groups alike.
//!
//! A browser never sees a refused save's answer; it is redirected back to the editor. So a refused save leaves the
//! submitted text in the session as a draft, and the editor page, seeing the error in its address, loads that
//! draft: the person gets their text back with the same findings the editor shows as they type.

use leptos::prelude::*;

use crate::model::policy_editing::PolicyForEditing;
use crate::model::IamError;

#[cfg(feature = "ssr")]
mod draft {
    use serde::{Deserialize, Serialize};
    use tower_sessions::Session;

    const DRAFT: &str = "policy_editor_draft";

    /// The last refused save. One is enough: a person edits one policy at a time.
    #[derive(Clone, Debug, Serialize, Deserialize)]
    pub struct Draft {
        pub owner: String,
        pub owner_name: String,
        /// As typed, for a new policy (it may be the reason the save was refused).
        pub policy_name: String,
        pub existing: bool,
        pub document: String,
    }

    pub async fn keep(session: &Session, draft: Draft) {
        // Losing the draft only costs retyping; it never blocks the answer.
        let _ = session.insert(DRAFT, draft).await;
    }

    pub async fn find(session: &Session) -> Option<Draft> {
        session.get::<Draft>(DRAFT).await.ok().flatten()
    }

    pub async fn clear(session: &Session) {
        let _ = session.remove_value(DRAFT).await;
    }
}

#[cfg(feature = "ssr")]
fn owner_of(
    owner: &str,
    owner_name: &str,
) -> Result<(crate::model::policy_editing::InlineOwner, crate::backend::service::Owner), IamError> {
    use crate::backend::service::Owner;
    use crate::model::policy_editing::InlineOwner;
    use crate::model::{GroupName, UserName};

    let kind = InlineOwner::parse(owner)
        .ok_or_else(|| IamError::InvalidInput(format!("owner `{owner}` must be `user` or `group`")))?;
    let owner = match kind {
        InlineOwner::User => Owner::User(UserName::parse(owner_name)?),
        InlineOwner::Group => Owner::Group(GroupName::parse(owner_name)?),
    };
    Ok((kind, owner))
}

/// The editor's text: after a refused plain-form save (`after_refusal`) the draft, otherwise the stored document of
/// `policy_name`, or for a new policy the chosen template (the empty one by default).
#[server(prefix = "/api", endpoint = "inline_policy")]
pub async fn load_inline_policy(
    owner: String,
    owner_name: String,
    policy_name: Option<String>,
    after_refusal: bool,
    template: Option<String>,
) -> Result<PolicyForEditing, IamError> {
    use super::ssr::{call_and_session, respond};
    use crate::model::policy_editing::NEW_POLICY_TEMPLATE;
    use crate::model::PolicyName;

    respond(
        async {
            let (state, call, session) = call_and_session().await?;
            let (_, service_owner) = owner_of(&owner, &owner_name)?;
            let policy_name = policy_name.filter(|n| !n.is_empty());
            if after_refusal {
                let same_policy = |d: &draft::Draft| {
                    d.owner == owner
                        && d.owner_name == owner_name
                        && (if d.existing {
                            Some(&d.policy_name) == policy_name.as_ref()
                        } else {
                            policy_name.is_none()
                        })
                };
                if let Some(draft) = draft::find(&session).await.filter(same_policy) {
                    let name = (!draft.policy_name.is_empty()).then_some(draft.policy_name);
                    return Ok(PolicyForEditing { policy_name: name, document: draft.document, from_draft: true });
                }
            }
            match policy_name {
                Some(name) => {
                    let stored = state.iam.get_inline_policy(&call, service_owner, PolicyName::parse(&name)?).await?;
                    Ok(PolicyForEditing {
                        policy_name: Some(stored.policy_name),
                        document: stored.policy_document,
                        from_draft: false,
                    })
                }
                None => {
                    let chosen = template.as_deref().and_then(crate::model::policy_templates::template);
                    let document = chosen.map_or(NEW_POLICY_TEMPLATE, |t| t.document).to_owned();
                    Ok(PolicyForEditing { policy_name: None, document, from_draft: false })
                }
            }
        }
        .await,
    )
}

/// Saves the document: replaces `policy_name` when `existing`, else creates it (refused if the name is taken). A
/// plain form post goes on to the owner's page.
#[server(prefix = "/api", endpoint = "save_inline_policy")]
pub async fn save_inline_policy(
    owner: String,
    owner_name: String,
    policy_name: String,
    document: String,
    existing: Option<String>,
) -> Result<(), IamError> {
    use super::ssr::{call_and_session, plain_form_post, redirect_plain_form, respond};
    use crate::model::PolicyName;

    let (state, call, session) = respond(call_and_session().await)?;
    let existing = existing.as_deref() == Some("true");
    let saved = async {
        let (kind, service_owner) = owner_of(&owner, &owner_name)?;
        let name = PolicyName::parse(policy_name.trim())?;
        if existing {
            state.iam.put_inline_policy(&call, service_owner, name, document.clone()).await?;
        } else {
            state.iam.create_inline_policy(&call, service_owner, name, document.clone()).await?;
        }
        Ok(kind)
    }
    .await;
    match &saved {
        Ok(kind) => {
            draft::clear(&session).await;
            redirect_plain_form(&kind.page_url(&owner_name));
        }
        Err(_) if plain_form_post() => {
            draft::keep(&session, draft::Draft { owner, owner_name, policy_name, existing, document }).await;
        }
        Err(_) => {}
    }
    respond(saved.map(|_| ()))
}

/// Deletes the policy; a plain form post goes on to the owner's page.
#[server(prefix = "/api", endpoint = "delete_inline_policy")]
pub async fn delete_inline_policy(owner: String, owner_name: String, policy_name: String) -> Result<(), IamError> {
    use super::ssr::{call, redirect_plain_form, respond};
    use crate::model::PolicyName;

    respond(
        async {
            let (state, call) = call().await?;
            let (kind, service_owner) = owner_of(&owner, &owner_name)?;
            state.iam.delete_inline_policy(&call, service_owner, PolicyName::parse(&policy_name)?).await?;
            redirect_plain_form(&kind.page_url(&owner_name));
            Ok(())
        }
        .await,
    )
}
