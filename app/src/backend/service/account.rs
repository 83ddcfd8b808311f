//! The account and its root: first-run set-up (once, ever) and root sign-in.

use rand::Rng;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

use super::throttle::Attempt;
use super::IamService;
use crate::backend::auth::password;
use crate::backend::entities::account::{self, Entity as Account};
use crate::backend::request::RequestContext;
use crate::backend::auth::session::SignedIn;
use crate::model::{AccountAlias, AccountView, Email, IamError, Password, PrincipalKind, SessionView};

/// The one sign-in failure message: it never says which of email or password was wrong.
pub const SIGN_IN_FAILED: &str = "the email or password is incorrect";

#[derive(Debug)]
pub struct SetUpAccount {
    pub alias: Option<AccountAlias>,
    pub root_email: Email,
    pub root_password: Password,
}

fn view(row: account::Model) -> AccountView {
    AccountView {
        account_id: row.account_id,
        alias: row.alias,
        root_email: row.root_email,
        created_at: row.created_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
    }
}

fn random_account_id() -> String {
    let mut rng = rand::rng();
    (0..12).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect()
}

impl IamService {
    /// The account, once set up.
    pub async fn account(&self, ctx: &RequestContext) -> Result<Option<AccountView>, IamError> {
        let row = Account::find().one(&self.db).await.map_err(|e| ctx.internal(e))?;
        Ok(row.map(view))
    }

    pub async fn account_by_id(&self, ctx: &RequestContext, account_id: &str) -> Result<AccountView, IamError> {
        Account::find_by_id(account_id.to_owned())
            .one(&self.db)
            .await
            .map_err(|e| ctx.internal(e))?
            .map(view)
            .ok_or_else(|| IamError::NoSuchEntity(format!("account `{account_id}` does not exist")))
    }

    /// The console's view of a signed-in principal.
    pub async fn session_view(&self, ctx: &RequestContext, who: &SignedIn) -> Result<SessionView, IamError> {
        let account = self.account_by_id(ctx, &who.account_id).await?;
        let (display_name, arn) = match (who.kind, &who.user_name) {
            (PrincipalKind::User, Some(name)) => {
                use crate::backend::entities::iam_user;
                use sea_orm::{ColumnTrait, QueryFilter};
                let path = iam_user::Entity::find()
                    .filter(iam_user::Column::AccountId.eq(&account.account_id))
                    .filter(iam_user::Column::NameLower.eq(name.to_lowercase()))
                    .one(&self.db)
                    .await
                    .map_err(|e| ctx.internal(e))?
                    .map(|user| user.path)
                    .unwrap_or_else(|| "/".into());
                (name.clone(), super::ids::user_arn(&account.account_id, &path, name))
            }
            _ => (account.root_email.clone(), super::ids::root_arn(&account.account_id)),
        };
        Ok(SessionView { kind: who.kind, display_name, arn, account })
    }

    /// Creates the account and its root. Allowed exactly once: afterwards it is `EntityAlreadyExists`.
    pub async fn set_up_account(&self, ctx: &RequestContext, input: SetUpAccount) -> Result<AccountView, IamError> {
        password::check_root_password(&input.root_password)?;
        if self.account(ctx).await?.is_some() {
            return Err(already_set_up());
        }
        let hash = password::hash(input.root_password).await.map_err(|e| ctx.internal(e))?;

        let txn = self.begin(ctx).await?;
        // Checked again inside the transaction: two set-up forms submitted at once must not make two accounts.
        if Account::find().count(&txn).await.map_err(|e| ctx.internal(e))? > 0 {
            return Err(already_set_up());
        }
        let row = account::ActiveModel {
            account_id: Set(random_account_id()),
            alias: Set(input.alias.map(String::from)),
            root_email: Set(input.root_email.as_str().to_owned()),
            root_password_hash: Set(hash),
            created_at: Set(self.clock.now()),
        };
        let inserted = Account::insert(row).exec_with_returning(&txn).await.map_err(|e| ctx.internal(e))?;
        txn.commit().await.map_err(|e| ctx.internal(e))?;
        tracing::info!(request_id = %ctx.request_id, account_id = %inserted.account_id, "account set up");
        Ok(view(inserted))
    }

    /// Checks root's email and password. Unknown email and wrong password fail alike, in the same time.
    pub async fn sign_in_root(
        &self,
        ctx: &RequestContext,
        email: &str,
        candidate: Password,
    ) -> Result<AccountView, IamError> {
        let gate = self.throttle_gate(ctx, Attempt::RootPassword { email }).await?;
        let row = match Email::parse(email) {
            Ok(email) => Account::find()
                .filter(account::Column::RootEmail.eq(email.as_str()))
                .one(&self.db)
                .await
                .map_err(|e| ctx.internal(e))?,
            Err(_) => None,
        };
        let stored = row.as_ref().map(|r| r.root_password_hash.clone());
        let verified = password::verify(stored, candidate).await;
        match row.filter(|_| verified) {
            Some(row) => {
                self.throttle_passed(ctx, gate).await;
                Ok(view(row))
            }
            None => {
                tracing::info!(request_id = %ctx.request_id, "root sign-in failed");
                self.throttle_failed(ctx, gate).await;
                Err(IamError::SignInFailed(SIGN_IN_FAILED.into()))
            }
        }
    }
}

fn already_set_up() -> IamError {
    IamError::EntityAlreadyExists("the account is already set up; sign in instead".into())
}

#[cfg(test)]
mod tests {
    use super::random_account_id;

    #[test]
    fn account_ids_are_twelve_random_digits() {
        let a = random_account_id();
        assert_eq!(a.len(), 12);
        assert!(a.bytes().all(|b| b.is_ascii_digit()));
        assert_ne!(a, random_account_id());
    }
}
