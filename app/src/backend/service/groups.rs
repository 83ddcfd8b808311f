//! IAM groups: create, get with members, list by path prefix, rename/move, delete (only when empty), membership.

use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::path_prefix::path_starts_with;
use super::caller::Call;
use super::ids::{self, listing_resource};
use super::pagination::Window;
use super::{is_unique_violation, iso, users, AccessChange, IamService};
use crate::backend::entities::{group_membership, iam_group, iam_user, inline_policy, policy_attachment, OWNER_GROUP};
use crate::model::{
    GroupName, GroupView, GroupWithMembers, IamError, IamPath, Page, PageRequest, PathPrefix, UserName,
};

/// AWS: a user can be in at most 10 groups.
pub const MAX_GROUPS_PER_USER: u64 = 10;

pub(crate) fn view(account_id: &str, row: iam_group::Model) -> GroupView {
    GroupView {
        arn: ids::group_arn(account_id, &row.path, &row.name),
        group_name: row.name,
        group_id: row.group_id,
        path: row.path,
        create_date: iso(row.created_at),
    }
}

fn group_exists(name: &str) -> IamError {
    IamError::EntityAlreadyExists(format!("group with name `{name}` already exists"))
}

impl IamService {
    pub async fn create_group(&self, call: &Call, name: GroupName, path: IamPath) -> Result<GroupView, IamError> {
        let arn = ids::group_arn(call.account_id(), path.as_str(), name.as_str());
        self.authorize(call, "iam:CreateGroup", &arn).await?;
        // No look-up first: the unique index on the folded name is the check, and it holds under concurrency too.
        let txn = self.begin(&call.ctx).await?;
        let row = iam_group::ActiveModel {
            group_id: Set(ids::group_id()),
            account_id: Set(call.account_id().to_owned()),
            name: Set(name.as_str().to_owned()),
            name_lower: Set(name.folded()),
            path: Set(path.as_str().to_owned()),
            created_at: Set(self.clock.now()),
        };
        let group = iam_group::Entity::insert(row).exec_with_returning(&txn).await.map_err(|e| {
            if is_unique_violation(&e) { group_exists(name.as_str()) } else { call.internal(e) }
        })?;
        self.audit(&txn, call, "iam:CreateGroup", &arn);
        txn.commit().await.map_err(|e| call.internal(e))?;
        Ok(view(call.account_id(), group))
    }

    /// `GetGroup`: the group and a page of its members, ordered by name.
    pub async fn get_group(&self, call: &Call, name: GroupName, page: PageRequest) -> Result<GroupWithMembers, IamError> {
        let path = self.group_path_or_root(call, &name).await?;
        self.authorize(call, "iam:GetGroup", &ids::group_arn(call.account_id(), &path, name.as_str())).await?;
        let group = self.group(&self.db, call, &name).await?;
        let window = Window::parse(&self.keys, &page)?;
        // A sub-query, not a list of ids: a group may have more members than a statement may have parameters.
        let members_of_group = sea_orm::sea_query::Query::select()
            .column(group_membership::Column::UserId)
            .from(group_membership::Entity)
            .and_where(group_membership::Column::GroupId.eq(group.group_id.clone()))
            .to_owned();
        let mut query = iam_user::Entity::find().filter(iam_user::Column::UserId.in_subquery(members_of_group));
        if let Some((name, _)) = &window.after {
            query = query.filter(iam_user::Column::Name.gt(name.as_str()));
        }
        let rows = query
            .order_by_asc(iam_user::Column::Name)
            .limit(window.fetch())
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        let account_id = call.account_id().to_owned();
        let members = window.page(
            &self.keys,
            rows,
            |u| (u.name.clone(), String::new()),
            |u| users::view(&account_id, u, Vec::new()),
        );
        Ok(GroupWithMembers { group: view(call.account_id(), group), members })
    }

    pub async fn list_groups(
        &self,
        call: &Call,
        prefix: PathPrefix,
        page: PageRequest,
    ) -> Result<Page<GroupView>, IamError> {
        self.authorize(call, "iam:ListGroups", &listing_resource(call.account_id(), "group", prefix.as_str())).await?;
        let window = Window::parse(&self.keys, &page)?;
        let query = iam_group::Entity::find()
            .filter(iam_group::Column::AccountId.eq(call.account_id()))
            .filter(path_starts_with(iam_group::Column::Path, prefix.as_str()));
        let rows = window
            .apply(query, iam_group::Column::Path, iam_group::Column::Name)
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        let account_id = call.account_id().to_owned();
        Ok(window.page(&self.keys, rows, |g| (g.path.clone(), g.name.clone()), |g| view(&account_id, g)))
    }

    /// `ListGroupsForUser`: all of them (a user has at most 10), ordered by name.
    pub async fn list_groups_for_user(&self, call: &Call, user: UserName) -> Result<Vec<GroupView>, IamError> {
        let path = self.user_path_or_root(call, &user).await?;
        self.authorize(call, "iam:ListGroupsForUser", &self.user_arn_for(call, &path, user.as_str())).await?;
        let user = self.user(&self.db, call, &user).await?;
        let group_ids = group_membership::Entity::find()
            .select_only()
            .column(group_membership::Column::GroupId)
            .filter(group_membership::Column::UserId.eq(&user.user_id))
            .into_tuple::<String>()
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        let rows = iam_group::Entity::find()
            .filter(iam_group::Column::GroupId.is_in(group_ids))
            .order_by_asc(iam_group::Column::Name)
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        Ok(rows.into_iter().map(|g| view(call.account_id(), g)).collect())
    }

    /// `UpdateGroup`: rename and/or move; needs `iam:UpdateGroup` on the old and the new ARN.
    pub async fn update_group(
        &self,
        call: &Call,
        name: GroupName,
        new_name: Option<GroupName>,
        new_path: Option<IamPath>,
    ) -> Result<GroupView, IamError> {
        let old_path = self.group_path_or_root(call, &name).await?;
        let old_arn = ids::group_arn(call.account_id(), &old_path, name.as_str());
        self.authorize(call, "iam:UpdateGroup", &old_arn).await?;
        let new_name = new_name.unwrap_or_else(|| name.clone());
        let new_path = new_path.map(String::from).unwrap_or_else(|| old_path.clone());
        let new_arn = ids::group_arn(call.account_id(), &new_path, new_name.as_str());
        if new_arn != old_arn {
            self.authorize(call, "iam:UpdateGroup", &new_arn).await?;
        }
        let txn = self.begin(&call.ctx).await?;
        let group = self.group(&txn, call, &name).await?;
        if new_name.folded() != group.name_lower && self.find_group(&txn, call, &new_name).await?.is_some() {
            return Err(group_exists(new_name.as_str()));
        }
        let mut row: iam_group::ActiveModel = group.into();
        row.name = Set(new_name.as_str().to_owned());
        row.name_lower = Set(new_name.folded());
        row.path = Set(new_path);
        let updated = iam_group::Entity::update(row).exec(&txn).await.map_err(|e| {
            if is_unique_violation(&e) { group_exists(new_name.as_str()) } else { call.internal(e) }
        })?;
        self.audit(&txn, call, "iam:UpdateGroup", &old_arn);
        txn.commit().await.map_err(|e| call.internal(e))?;
        // Policy ids name the group; members' cached policies would carry the old name.
        self.access_changed(AccessChange::Everyone);
        Ok(view(call.account_id(), updated))
    }

    /// `DeleteGroup`: only once it has no members and no policies.
    pub async fn delete_group(&self, call: &Call, name: GroupName) -> Result<(), IamError> {
        let path = self.group_path_or_root(call, &name).await?;
        let arn = ids::group_arn(call.account_id(), &path, name.as_str());
        self.authorize(call, "iam:DeleteGroup", &arn).await?;
        let txn = self.begin(&call.ctx).await?;
        // Locked: a member or policy being added meanwhile is either counted below or finds the group gone.
        let group = self.lock_group(&txn, call, &name, true).await?;
        let err = |e: sea_orm::DbErr| call.internal(e);
        let members = group_membership::Entity::find()
            .filter(group_membership::Column::GroupId.eq(&group.group_id))
            .count(&txn)
            .await
            .map_err(err)?;
        let inline = inline_policy::Entity::find()
            .filter(inline_policy::Column::OwnerKind.eq(OWNER_GROUP))
            .filter(inline_policy::Column::OwnerId.eq(&group.group_id))
            .count(&txn)
            .await
            .map_err(err)?;
        let attached = policy_attachment::Entity::find()
            .filter(policy_attachment::Column::OwnerKind.eq(OWNER_GROUP))
            .filter(policy_attachment::Column::OwnerId.eq(&group.group_id))
            .count(&txn)
            .await
            .map_err(err)?;
        if members + inline + attached > 0 {
            return Err(IamError::DeleteConflict(format!(
                "cannot delete group `{name}`: it still has {members} member(s), {inline} inline and {attached} \
                 attached policy(ies); remove them first"
            )));
        }
        iam_group::Entity::delete_by_id(group.group_id).exec(&txn).await.map_err(err)?;
        self.audit(&txn, call, "iam:DeleteGroup", &arn);
        txn.commit().await.map_err(|e| call.internal(e))?;
        self.access_changed(AccessChange::Everyone);
        Ok(())
    }

    /// `AddUserToGroup`: authorized on the group (as in AWS). Adding a member twice is not an error.
    pub async fn add_user_to_group(&self, call: &Call, group: GroupName, user: UserName) -> Result<(), IamError> {
        let path = self.group_path_or_root(call, &group).await?;
        let arn = ids::group_arn(call.account_id(), &path, group.as_str());
        self.authorize(call, "iam:AddUserToGroup", &arn).await?;
        let txn = self.begin(&call.ctx).await?;
        // Both rows locked (the user's exclusively), so concurrent additions for one user queue: the count below
        // cannot be passed by two at once, and the same membership is never inserted twice.
        let group_row = self.lock_group(&txn, call, &group, false).await?;
        let user_row = self.lock_user(&txn, call, &user).await?;
        let err = |e: sea_orm::DbErr| call.internal(e);
        let already = group_membership::Entity::find_by_id((group_row.group_id.clone(), user_row.user_id.clone()))
            .one(&txn)
            .await
            .map_err(err)?;
        if already.is_none() {
            let count = group_membership::Entity::find()
                .filter(group_membership::Column::UserId.eq(&user_row.user_id))
                .count(&txn)
                .await
                .map_err(err)?;
            if count >= MAX_GROUPS_PER_USER {
                return Err(IamError::LimitExceeded(format!(
                    "user `{user}` is already in {MAX_GROUPS_PER_USER} groups, the most a user can be in"
                )));
            }
            let row = group_membership::ActiveModel {
                group_id: Set(group_row.group_id),
                user_id: Set(user_row.user_id),
                added_at: Set(self.clock.now()),
            };
            group_membership::Entity::insert(row).exec_without_returning(&txn).await.map_err(err)?;
        }
        self.audit(&txn, call, "iam:AddUserToGroup", &arn);
        txn.commit().await.map_err(|e| call.internal(e))?;
        self.access_changed(AccessChange::Everyone);
        Ok(())
    }

    pub async fn remove_user_from_group(&self, call: &Call, group: GroupName, user: UserName) -> Result<(), IamError> {
        let path = self.group_path_or_root(call, &group).await?;
        let arn = ids::group_arn(call.account_id(), &path, group.as_str());
        self.authorize(call, "iam:RemoveUserFromGroup", &arn).await?;
        let txn = self.begin(&call.ctx).await?;
        let group_row = self.group(&txn, call, &group).await?;
        let user_row = self.user(&txn, call, &user).await?;
        let removed = group_membership::Entity::delete_by_id((group_row.group_id, user_row.user_id))
            .exec(&txn)
            .await
            .map_err(|e| call.internal(e))?;
        if removed.rows_affected == 0 {
            return Err(IamError::NoSuchEntity(format!("user `{user}` is not in group `{group}`")));
        }
        self.audit(&txn, call, "iam:RemoveUserFromGroup", &arn);
        txn.commit().await.map_err(|e| call.internal(e))?;
        self.access_changed(AccessChange::Everyone);
        Ok(())
    }
}
