//! What the signed-in principal may do on a page: the console disables the rest and says which permission is
//! missing. Answers only about the caller's own permissions; the calls themselves are still authorized one by one.

use leptos::prelude::*;

use crate::model::permissions::Permissions;
use crate::model::IamError;

/// The user page's actions the caller may not perform on `user_name`.
#[server(prefix = "/api", endpoint = "user_page_permissions")]
pub async fn user_page_permissions(user_name: String) -> Result<Permissions, IamError> {
    use super::ssr::{call, respond};
    use crate::model::UserName;

    respond(
        async {
            let (state, call) = call().await?;
            state.iam.user_page_permissions(&call, &UserName::parse(&user_name)?).await
        }
        .await,
    )
}

/// The group page's actions the caller may not perform on `group_name`.
#[server(prefix = "/api", endpoint = "group_page_permissions")]
pub async fn group_page_permissions(group_name: String) -> Result<Permissions, IamError> {
    use super::ssr::{call, respond};
    use crate::model::GroupName;

    respond(
        async {
            let (state, call) = call().await?;
            state.iam.group_page_permissions(&call, &GroupName::parse(&group_name)?).await
        }
        .await,
    )
}

/// Whether the caller may create users and groups in `path`.
#[server(prefix = "/api", endpoint = "create_permissions")]
pub async fn create_permissions(path: String) -> Result<Permissions, IamError> {
    use super::ssr::{call, respond};
    use crate::model::IamPath;

    respond(
        async {
            let (state, call) = call().await?;
            state.iam.create_permissions(&call, &IamPath::parse(&path)?).await
        }
        .await,
    )
}
