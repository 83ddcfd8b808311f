//! Deleting a user from the console: first everything that keeps `DeleteUser` from succeeding (keys, password, MFA
//! devices, policies, group memberships), each through its own service method and so authorized and audited on its
//! own, then the user. The Query API's `DeleteUser` stays AWS's: refused while anything remains.

use iam_policy::{Context, Decision};

use super::caller::Call;
use super::IamService;
use super::Owner;
use crate::model::credentials::AccessKeyId;
use crate::model::policies::PolicyArn;
use crate::model::user_detail::UserDeletionPreview;
use crate::model::{GroupName, IamError, PageRequest, PathPrefix, PolicyName, UserName};

impl IamService {
    /// What deleting `name` will remove first. Each list is read as the console reads it, so a caller who may not
    /// see part of it is refused here, before anything is removed.
    pub async fn user_deletion_preview(&self, call: &Call, name: &UserName) -> Result<UserDeletionPreview, IamError> {
        let access_keys = self.list_access_keys(call, Some(name.clone())).await?;
        let console_password = match self.get_login_profile(call, name.clone()).await {
            Ok(_) => true,
            Err(IamError::NoSuchEntity(_)) => false,
            Err(other) => return Err(other),
        };
        let mfa_devices = self.list_mfa_devices(call, Some(name.clone())).await?;
        let inline_policies = self.list_inline_policies(call, Owner::User(name.clone())).await?;
        let page = PageRequest { marker: None, max_items: Some(1000) };
        let attached = self.list_attached_user_policies(call, name.clone(), PathPrefix::all(), page).await?;
        let groups = self.list_groups_for_user(call, name.clone()).await?;
        Ok(UserDeletionPreview {
            access_keys: access_keys.into_iter().map(|k| k.access_key_id).collect(),
            console_password,
            mfa_devices: mfa_devices.into_iter().map(|d| d.serial_number).collect(),
            inline_policies,
            attached_policies: attached.items,
            groups: groups.into_iter().map(|g| g.group_name).collect(),
        })
    }

    /// The preview for the user's page, or `None` when the caller may not delete the user (decided without
    /// auditing: the page disables the form and says why), so viewing the page costs no refused reads.
    pub async fn user_deletion_preview_for_page(
        &self,
        call: &Call,
        name: &UserName,
    ) -> Result<Option<UserDeletionPreview>, IamError> {
        let path = self.user_path_or_root(call, name).await?;
        let arn = self.user_arn_for(call, &path, name.as_str());
        if self.decide(call, "iam:DeleteUser", &arn, Context::new()).await? != Decision::Allowed {
            return Ok(None);
        }
        self.user_deletion_preview(call, name).await.map(Some)
    }

    /// Removes what [`Self::user_deletion_preview`] lists, then the user. `iam:DeleteUser` is asked first, so a
    /// caller who may not delete the user changes nothing; a step refused midway stops there, and the error says
    /// what was already removed.
    pub async fn delete_user_and_dependents(&self, call: &Call, name: UserName) -> Result<(), IamError> {
        let path = self.user_path_or_root(call, &name).await?;
        let arn = self.user_arn_for(call, &path, name.as_str());
        self.authorize(call, "iam:DeleteUser", &arn).await?;
        let preview = self.user_deletion_preview(call, &name).await?;
        let mut done: Vec<String> = Vec::new();
        let stopped = |done: &[String], err: IamError| {
            if done.is_empty() {
                err
            } else {
                err.after(&format!("removed {}, then", done.join(", ")))
            }
        };
        for id in &preview.access_keys {
            let key = AccessKeyId::parse(id)?;
            self.delete_access_key(call, Some(name.clone()), key).await.map_err(|e| stopped(&done, e))?;
            done.push(format!("access key `{id}`"));
        }
        if preview.console_password {
            self.delete_login_profile(call, name.clone()).await.map_err(|e| stopped(&done, e))?;
            done.push("the console password".to_owned());
        }
        for serial in &preview.mfa_devices {
            self.deactivate_mfa_device(call, Some(name.clone()), serial).await.map_err(|e| stopped(&done, e))?;
            self.delete_virtual_mfa_device(call, serial).await.map_err(|e| stopped(&done, e))?;
            done.push(format!("MFA device `{serial}`"));
        }
        for policy in &preview.inline_policies {
            let owner = Owner::User(name.clone());
            self.delete_inline_policy(call, owner, PolicyName::parse(policy)?).await.map_err(|e| stopped(&done, e))?;
            done.push(format!("inline policy `{policy}`"));
        }
        for policy in &preview.attached_policies {
            let policy_arn = PolicyArn::parse(&policy.policy_arn)?;
            self.detach_user_policy(call, name.clone(), policy_arn).await.map_err(|e| stopped(&done, e))?;
            done.push(format!("managed policy `{}`", policy.policy_name));
        }
        for group in &preview.groups {
            let group_name = GroupName::parse(group)?;
            self.remove_user_from_group(call, group_name, name.clone()).await.map_err(|e| stopped(&done, e))?;
            done.push(format!("membership of `{group}`"));
        }
        self.delete_user(call, name).await.map_err(|e| stopped(&done, e))
    }
}
