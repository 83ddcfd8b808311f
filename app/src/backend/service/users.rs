//! IAM users: create, get, list by path prefix, rename/move, delete (only once nothing hangs off them), tags.

use iam_policy::Context;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use super::path_prefix::{folded_name_starts_with, path_starts_with};
use super::caller::{Call, Identity};
use super::ids::{self, listing_resource};
use super::pagination::Window;
use super::{is_unique_violation, iso, AccessChange, IamService};
use crate::backend::entities::{
    access_key, group_membership, iam_user, inline_policy, login_profile, mfa_device, policy_attachment, user_tag,
    OWNER_USER,
};
use crate::model::{IamError, IamPath, Page, PageRequest, PathPrefix, Tag, UserName, UserView};

pub const MAX_TAGS_PER_USER: usize = 50;

#[derive(Clone, Debug)]
pub struct CreateUser {
    pub name: UserName,
    pub path: IamPath,
    pub tags: Vec<Tag>,
}

#[derive(Clone, Debug)]
pub struct UpdateUser {
    pub name: UserName,
    pub new_name: Option<UserName>,
    pub new_path: Option<IamPath>,
}

pub(crate) fn view(account_id: &str, row: iam_user::Model, tags: Vec<Tag>) -> UserView {
    UserView {
        arn: ids::user_arn(account_id, &row.path, &row.name),
        user_name: row.name,
        user_id: row.user_id,
        path: row.path,
        create_date: iso(row.created_at),
        password_last_used: row.password_last_used.map(iso),
        tags,
    }
}

/// AWS's tag rules: key 1–128, value 0–256, `[\p{L}\p{Z}\p{N}_.:/=+\-@]*`, keys unique case-insensitively, no
/// `aws:` prefix.
pub fn check_tags(tags: &[Tag]) -> Result<(), IamError> {
    let allowed = |c: char| c.is_alphanumeric() || c.is_whitespace() || "_.:/=+-@".contains(c);
    let mut seen = std::collections::HashSet::new();
    for tag in tags {
        let key_len = tag.key.chars().count();
        if key_len == 0 || key_len > 128 || !tag.key.chars().all(allowed) {
            return Err(IamError::ValidationError(format!(
                "tag key `{}` must be 1 to 128 letters, digits, spaces or `_.:/=+-@`",
                tag.key
            )));
        }
        if tag.key.to_lowercase().starts_with("aws:") {
            return Err(IamError::InvalidInput(format!("tag key `{}` uses the reserved prefix `aws:`", tag.key)));
        }
        if tag.value.chars().count() > 256 || !tag.value.chars().all(allowed) {
            return Err(IamError::ValidationError(format!(
                "tag value for `{}` must be at most 256 letters, digits, spaces or `_.:/=+-@`",
                tag.key
            )));
        }
        if !seen.insert(tag.key.to_lowercase()) {
            return Err(IamError::InvalidInput(format!("tag key `{}` appears twice", tag.key)));
        }
    }
    Ok(())
}

fn tag_context(tags: &[Tag]) -> Context {
    let keys: Vec<String> = tags.iter().map(|t| t.key.clone()).collect();
    let mut context = Context::new();
    context.insert("aws:TagKeys", keys);
    for tag in tags {
        context.insert(format!("aws:RequestTag/{}", tag.key), tag.value.clone());
    }
    context
}

impl IamService {
    pub async fn create_user(&self, call: &Call, input: CreateUser) -> Result<UserView, IamError> {
        let arn = self.user_arn_for(call, input.path.as_str(), input.name.as_str());
        self.authorize_with(call, "iam:CreateUser", &arn, tag_context(&input.tags)).await?;
        if !input.tags.is_empty() {
            self.authorize_with(call, "iam:TagUser", &arn, tag_context(&input.tags)).await?;
        }
        check_tags(&input.tags)?;
        if input.tags.len() > MAX_TAGS_PER_USER {
            return Err(IamError::LimitExceeded(format!("a user can have at most {MAX_TAGS_PER_USER} tags")));
        }

        // No look-up first: the unique index on the folded name is the check, and it holds under concurrency too.
        let paths_mark = self.user_paths_mark();
        let txn = self.begin(&call.ctx).await?;
        let row = iam_user::ActiveModel {
            user_id: Set(ids::user_id()),
            account_id: Set(call.account_id().to_owned()),
            name: Set(input.name.as_str().to_owned()),
            name_lower: Set(input.name.folded()),
            path: Set(input.path.as_str().to_owned()),
            created_at: Set(self.clock.now()),
            password_last_used: Set(None),
        };
        let user = iam_user::Entity::insert(row).exec_with_returning(&txn).await.map_err(|e| {
            if is_unique_violation(&e) { user_exists(input.name.as_str()) } else { call.internal(e) }
        })?;
        insert_tags(&txn, call, &user.user_id, &input.tags).await?;
        self.audit(&txn, call, "iam:CreateUser", &arn);
        txn.commit().await.map_err(|e| call.internal(e))?;
        // Whoever acts on the new user next (a policy, a key) is authorized against this path.
        self.user_path_confirmed(paths_mark, call, &input.name, &user.path);
        Ok(view(call.account_id(), user, input.tags))
    }

    /// `GetUser`: the named user, or the caller when no name is given (root included, as AWS does).
    pub async fn get_user(&self, call: &Call, name: Option<UserName>) -> Result<UserView, IamError> {
        let name = match (name, &call.caller.identity) {
            (Some(name), _) => name,
            (None, Identity::User { name, .. }) => UserName::parse(name)?,
            (None, Identity::Root) => return self.root_user_view(call).await,
        };
        let path = self.user_path_or_root(call, &name).await?;
        self.authorize(call, "iam:GetUser", &self.user_arn_for(call, &path, name.as_str())).await?;
        let user = self.user(&self.db, call, &name).await?;
        let tags = self.user_tags(call, &user.user_id).await?;
        Ok(view(call.account_id(), user, tags))
    }

    async fn root_user_view(&self, call: &Call) -> Result<UserView, IamError> {
        let account = self.account_by_id(&call.ctx, call.account_id()).await?;
        Ok(UserView {
            user_name: String::new(),
            user_id: account.account_id.clone(),
            arn: ids::root_arn(&account.account_id),
            path: "/".into(),
            create_date: account.created_at,
            password_last_used: None,
            tags: Vec::new(),
        })
    }

    /// `ListUsers`, ordered by path then name. Authorized against the prefix: `…:user<prefix>*`.
    pub async fn list_users(
        &self,
        call: &Call,
        prefix: PathPrefix,
        page: PageRequest,
    ) -> Result<Page<UserView>, IamError> {
        self.search_users(call, prefix, "", page).await
    }

    /// `ListUsers` narrowed to the names that start with `name_prefix`, ignoring case (the console's search; the
    /// Query API has no such filter). Authorized exactly as `ListUsers` on the path prefix.
    pub async fn search_users(
        &self,
        call: &Call,
        prefix: PathPrefix,
        name_prefix: &str,
        page: PageRequest,
    ) -> Result<Page<UserView>, IamError> {
        self.authorize(call, "iam:ListUsers", &listing_resource(call.account_id(), "user", prefix.as_str())).await?;
        if name_prefix.chars().count() > 64 {
            return Err(IamError::ValidationError("a user name prefix is at most 64 characters long".into()));
        }
        let window = Window::parse(&self.keys, &page)?;
        let query = iam_user::Entity::find()
            .filter(iam_user::Column::AccountId.eq(call.account_id()))
            .filter(path_starts_with(iam_user::Column::Path, prefix.as_str()))
            .filter(folded_name_starts_with(iam_user::Column::NameLower, name_prefix));
        let rows = window
            .apply(query, iam_user::Column::Path, iam_user::Column::Name)
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        let account_id = call.account_id().to_owned();
        Ok(window.page(&self.keys, rows, |u| (u.path.clone(), u.name.clone()), |u| view(&account_id, u, Vec::new())))
    }

    /// `UpdateUser`: rename and/or move. The caller needs `iam:UpdateUser` on both the old and the new ARN, so a
    /// delegated admin cannot move a user out of (or into) a path they do not manage.
    pub async fn update_user(&self, call: &Call, input: UpdateUser) -> Result<UserView, IamError> {
        let old_path = self.user_path_or_root(call, &input.name).await?;
        let old_arn = self.user_arn_for(call, &old_path, input.name.as_str());
        self.authorize(call, "iam:UpdateUser", &old_arn).await?;
        let new_name = input.new_name.clone().unwrap_or_else(|| input.name.clone());
        let new_path = input.new_path.clone().map(String::from);
        let new_arn = self.user_arn_for(call, new_path.as_deref().unwrap_or(&old_path), new_name.as_str());
        if new_arn != old_arn {
            self.authorize(call, "iam:UpdateUser", &new_arn).await?;
        }

        let txn = self.begin(&call.ctx).await?;
        let user = self.user(&txn, call, &input.name).await?;
        if new_name.folded() != user.name_lower && self.find_user(&txn, call, &new_name).await?.is_some() {
            return Err(user_exists(new_name.as_str()));
        }
        if new_name.folded() != user.name_lower {
            // Sessions name their user: under a new name they would sign in nobody, or a later user of the old name.
            self.end_console_sessions(&txn, call, Some(&user.name)).await?;
        }
        // Without a new path the user keeps the one it has now, not the one authorized against (it may be a cached
        // one, or the user may have moved since).
        let new_path = new_path.unwrap_or_else(|| user.path.clone());
        let mut row: iam_user::ActiveModel = user.into();
        row.name = Set(new_name.as_str().to_owned());
        row.name_lower = Set(new_name.folded());
        row.path = Set(new_path);
        let updated = iam_user::Entity::update(row).exec(&txn).await.map_err(|e| {
            if is_unique_violation(&e) { user_exists(new_name.as_str()) } else { call.internal(e) }
        })?;
        self.audit(&txn, call, "iam:UpdateUser", &old_arn);
        txn.commit().await.map_err(|e| call.internal(e))?;
        // The user's cached keys carry its old name and path (its ARN, `aws:username`).
        self.access_changed(AccessChange::User(updated.user_id.clone()));
        self.user_paths.forget(call.account_id(), &input.name.folded());
        let tags = self.user_tags(call, &updated.user_id).await?;
        Ok(view(call.account_id(), updated, tags))
    }

    /// `DeleteUser`: refused with `DeleteConflict` while anything still hangs off the user, naming what.
    pub async fn delete_user(&self, call: &Call, name: UserName) -> Result<(), IamError> {
        let path = self.user_path_or_root(call, &name).await?;
        let arn = self.user_arn_for(call, &path, name.as_str());
        self.authorize(call, "iam:DeleteUser", &arn).await?;

        let txn = self.begin(&call.ctx).await?;
        // Locked: a key, group or policy being added meanwhile is either counted below or finds the user gone.
        let user = self.lock_user(&txn, call, &name).await?;
        let blockers = self.user_dependents(&txn, call, &user.user_id).await?;
        if let Some(first) = blockers.first() {
            return Err(IamError::DeleteConflict(format!(
                "cannot delete user `{name}`: it still has {}; remove {} first",
                blockers.join(", "),
                if blockers.len() == 1 { first.as_str() } else { "them" }
            )));
        }
        user_tag::Entity::delete_many()
            .filter(user_tag::Column::UserId.eq(&user.user_id))
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        iam_user::Entity::delete_by_id(user.user_id.clone()).exec(&txn).await.map_err(|e| call.internal(e))?;
        self.end_console_sessions(&txn, call, Some(&user.name)).await?;
        self.audit(&txn, call, "iam:DeleteUser", &arn);
        txn.commit().await.map_err(|e| call.internal(e))?;
        self.access_changed(AccessChange::User(user.user_id));
        self.user_paths.forget(call.account_id(), &user.name_lower);
        Ok(())
    }

    /// What keeps a user from being deleted, in words (empty when nothing does).
    pub(crate) async fn user_dependents(
        &self,
        conn: &impl ConnectionTrait,
        call: &Call,
        user_id: &str,
    ) -> Result<Vec<String>, IamError> {
        let err = |e: sea_orm::DbErr| call.internal(e);
        let mut blockers = Vec::new();
        let keys = access_key::Entity::find()
            .filter(access_key::Column::UserId.eq(user_id))
            .count(conn)
            .await
            .map_err(err)?;
        if keys > 0 {
            blockers.push(format!("{keys} access key(s)"));
        }
        let inline = inline_policy::Entity::find()
            .filter(inline_policy::Column::OwnerKind.eq(OWNER_USER))
            .filter(inline_policy::Column::OwnerId.eq(user_id))
            .count(conn)
            .await
            .map_err(err)?;
        if inline > 0 {
            blockers.push(format!("{inline} inline policy(ies)"));
        }
        let attached = policy_attachment::Entity::find()
            .filter(policy_attachment::Column::OwnerKind.eq(OWNER_USER))
            .filter(policy_attachment::Column::OwnerId.eq(user_id))
            .count(conn)
            .await
            .map_err(err)?;
        if attached > 0 {
            blockers.push(format!("{attached} attached managed policy(ies)"));
        }
        let groups = group_membership::Entity::find()
            .filter(group_membership::Column::UserId.eq(user_id))
            .count(conn)
            .await
            .map_err(err)?;
        if groups > 0 {
            blockers.push(format!("{groups} group membership(s)"));
        }
        let devices = mfa_device::Entity::find()
            .filter(mfa_device::Column::UserId.eq(user_id))
            .count(conn)
            .await
            .map_err(err)?;
        if devices > 0 {
            blockers.push(format!("{devices} MFA device(s)"));
        }
        if login_profile::Entity::find_by_id(user_id.to_owned()).one(conn).await.map_err(err)?.is_some() {
            blockers.push("a login profile (console password)".into());
        }
        Ok(blockers)
    }

    pub async fn tag_user(&self, call: &Call, name: UserName, tags: Vec<Tag>) -> Result<(), IamError> {
        let path = self.user_path_or_root(call, &name).await?;
        let arn = self.user_arn_for(call, &path, name.as_str());
        self.authorize_with(call, "iam:TagUser", &arn, tag_context(&tags)).await?;
        check_tags(&tags)?;
        let txn = self.begin(&call.ctx).await?;
        let user = self.lock_user(&txn, call, &name).await?; // the 50-tag count holds under concurrent TagUser
        let existing = user_tag::Entity::find()
            .filter(user_tag::Column::UserId.eq(&user.user_id))
            .all(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        let mut keys: std::collections::HashSet<String> = existing.iter().map(|t| t.key_lower.clone()).collect();
        keys.extend(tags.iter().map(|t| t.key.to_lowercase()));
        if keys.len() > MAX_TAGS_PER_USER {
            return Err(IamError::LimitExceeded(format!("a user can have at most {MAX_TAGS_PER_USER} tags")));
        }
        // A tag with an existing key replaces it (AWS's TagUser semantics).
        user_tag::Entity::delete_many()
            .filter(user_tag::Column::UserId.eq(&user.user_id))
            .filter(user_tag::Column::KeyLower.is_in(tags.iter().map(|t| t.key.to_lowercase())))
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        insert_tags(&txn, call, &user.user_id, &tags).await?;
        self.audit(&txn, call, "iam:TagUser", &arn);
        txn.commit().await.map_err(|e| call.internal(e))
    }

    pub async fn untag_user(&self, call: &Call, name: UserName, keys: Vec<String>) -> Result<(), IamError> {
        let path = self.user_path_or_root(call, &name).await?;
        let arn = self.user_arn_for(call, &path, name.as_str());
        let mut context = Context::new();
        context.insert("aws:TagKeys", keys.clone());
        self.authorize_with(call, "iam:UntagUser", &arn, context).await?;
        let txn = self.begin(&call.ctx).await?;
        let user = self.user(&txn, call, &name).await?;
        user_tag::Entity::delete_many()
            .filter(user_tag::Column::UserId.eq(&user.user_id))
            .filter(user_tag::Column::KeyLower.is_in(keys.iter().map(|k| k.to_lowercase())))
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        self.audit(&txn, call, "iam:UntagUser", &arn);
        txn.commit().await.map_err(|e| call.internal(e))
    }

    pub async fn list_user_tags(&self, call: &Call, name: UserName) -> Result<Vec<Tag>, IamError> {
        let path = self.user_path_or_root(call, &name).await?;
        self.authorize(call, "iam:ListUserTags", &self.user_arn_for(call, &path, name.as_str())).await?;
        let user = self.user(&self.db, call, &name).await?;
        self.user_tags(call, &user.user_id).await
    }

    async fn user_tags(&self, call: &Call, user_id: &str) -> Result<Vec<Tag>, IamError> {
        let rows = user_tag::Entity::find()
            .filter(user_tag::Column::UserId.eq(user_id))
            .order_by_asc(user_tag::Column::KeyLower)
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        Ok(rows.into_iter().map(|t| Tag { key: t.key, value: t.value }).collect())
    }
}

async fn insert_tags(conn: &impl ConnectionTrait, call: &Call, user_id: &str, tags: &[Tag]) -> Result<(), IamError> {
    if tags.is_empty() {
        return Ok(());
    }
    let rows = tags.iter().map(|t| user_tag::ActiveModel {
        user_id: Set(user_id.to_owned()),
        key: Set(t.key.clone()),
        key_lower: Set(t.key.to_lowercase()),
        value: Set(t.value.clone()),
    });
    user_tag::Entity::insert_many(rows).exec_without_returning(conn).await.map(|_| ()).map_err(|e| call.internal(e))
}

fn user_exists(name: &str) -> IamError {
    IamError::EntityAlreadyExists(format!("user with name `{name}` already exists"))
}
