//! A user's tags: list, add or change one, remove one. The service authorizes each (`iam:ListUserTags`,
//! `iam:TagUser` with `aws:RequestTag/…` and `aws:TagKeys`, `iam:UntagUser`) and checks keys and values.

use leptos::prelude::*;

use crate::model::{IamError, Tag};

#[server(prefix = "/api", endpoint = "user_tags")]
pub async fn user_tags(user_name: String) -> Result<Vec<Tag>, IamError> {
    use super::ssr::{call, respond};
    use crate::model::UserName;

    respond(
        async {
            let (state, call) = call().await?;
            state.iam.list_user_tags(&call, UserName::parse(&user_name)?).await
        }
        .await,
    )
}

/// Adds the tag, or changes its value when the user already has the key (as TagUser does).
#[server(prefix = "/api", endpoint = "tag_user")]
pub async fn tag_user(user_name: String, key: String, value: Option<String>) -> Result<(), IamError> {
    use super::ssr::{call, respond};
    use crate::model::UserName;

    respond(
        async {
            let (state, call) = call().await?;
            let tag = Tag { key: key.trim().to_owned(), value: value.unwrap_or_default().trim().to_owned() };
            state.iam.tag_user(&call, UserName::parse(&user_name)?, vec![tag]).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "untag_user")]
pub async fn untag_user(user_name: String, key: String) -> Result<(), IamError> {
    use super::ssr::{call, respond};
    use crate::model::UserName;

    respond(
        async {
            let (state, call) = call().await?;
            state.iam.untag_user(&call, UserName::parse(&user_name)?, vec![key]).await
        }
        .await,
    )
}
