//! Access keys: create (the secret shown once, sealed at rest), list, activate/deactivate, delete, last used; and, for
//! the Query API, the two internal steps of SigV4 authentication (find the key's secret and owner, record its use).
//! Keys belong to an IAM user or to the account root (`user_id` NULL); at most two per owner, inactive ones included.

use rand::Rng;
use sea_orm::sea_query::{Expr, ExprTrait, Query};
use sea_orm::Value;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, QueryTrait, Set,
};

use super::caller::{Call, Caller, Channel, Identity};
use super::lookup::{moved_meanwhile, no_such_user, path_of_user, user_named, AUTHORIZATION_ATTEMPTS};
use super::{ids, iso, AccessChange, IamService, WriteTxn};
use crate::backend::entities::{access_key, account, iam_user};
use crate::backend::request::RequestContext;
use crate::model::credentials::{AccessKeyCreated, AccessKeyId, AccessKeyLastUsed, AccessKeyMetadata, AccessKeyStatus};
use crate::model::{IamError, UserName};

/// AWS's limit, inactive keys included.
pub const MAX_ACCESS_KEYS_PER_USER: u64 = 2;

const SECRET_LEN: usize = 40;
/// The alphabet of AWS's secret access keys (base64's).
const SECRET_ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// What `last_used_*` columns hold at most; the region comes from the client's credential scope, so it is clipped.
const LAST_USED_FIELD_LEN: usize = 32;

/// A decrypted secret access key, for SigV4 verification only. `Debug` is redacted so it cannot reach a log.
#[derive(Clone)]
pub struct SigningSecret(String);

impl SigningSecret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for SigningSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SigningSecret(<redacted>)")
    }
}

/// An active key, ready to verify a signature with: its secret, its account and the caller a verified request acts as.
#[derive(Clone, Debug)]
pub struct KeyForSigning {
    pub secret: SigningSecret,
    pub account_id: String,
    pub caller: Caller,
}

/// Whose keys a call is about, before the owner is looked up.
enum Subject {
    Root,
    User(UserName),
}

/// The owner, looked up: `user_id` is `None` for the root, whose keys show an empty user name (as in AWS).
struct KeyOwner {
    user_id: Option<String>,
    user_name: String,
    /// Where the user is, as the key is written (empty for the root).
    path: String,
}

impl KeyOwner {
    const ROOT: KeyOwner = KeyOwner { user_id: None, user_name: String::new(), path: String::new() };

    fn user(user: iam_user::Model) -> Self {
        KeyOwner { user_id: Some(user.user_id), user_name: user.name, path: user.path }
    }
}

/// A key about to be created: its id, its sealed secret and its creation time.
struct NewKey {
    access_key_id: String,
    sealed: String,
    created_at: chrono::DateTime<chrono::Utc>,
}

impl NewKey {
    fn row(&self, call: &Call, owner: &KeyOwner) -> access_key::ActiveModel {
        access_key::ActiveModel {
            access_key_id: Set(self.access_key_id.clone()),
            account_id: Set(call.account_id().to_owned()),
            user_id: Set(owner.user_id.clone()),
            secret_ciphertext: Set(self.sealed.clone()),
            status: Set(AccessKeyStatus::Active.as_str().to_owned()),
            created_at: Set(self.created_at),
            last_used_at: Set(None),
            last_used_service: Set(None),
            last_used_region: Set(None),
        }
    }
}

/// How many of the account's keys the subject has, as a subquery of a query on its row (the `iam_user` row for a
/// user; for the root, keys without a user).
fn key_count(call: &Call, subject: &Subject) -> Expr {
    let key_owner = Expr::col((access_key::Entity, access_key::Column::UserId));
    let owned = match subject {
        Subject::Root => key_owner.is_null(),
        Subject::User(_) => key_owner.equals((iam_user::Entity, iam_user::Column::UserId)),
    };
    let keys = Query::select()
        .expr(Expr::col((access_key::Entity, access_key::Column::AccessKeyId)).count())
        .from(access_key::Entity)
        .and_where(Expr::col((access_key::Entity, access_key::Column::AccountId)).eq(call.account_id()))
        .and_where(owned)
        .to_owned();
    Expr::SubQuery(None, Box::new(keys.into()))
}

fn no_room(owner: &KeyOwner) -> IamError {
    let who = match &owner.user_id {
        Some(_) => format!("user `{}`", owner.user_name),
        None => "the account root".to_owned(),
    };
    IamError::LimitExceeded(format!(
        "{who} already has {MAX_ACCESS_KEYS_PER_USER} access keys, the most allowed (inactive keys count too); \
         delete one first"
    ))
}

fn no_such_key(id: &str) -> IamError {
    IamError::NoSuchEntity(format!("the access key with id `{id}` cannot be found"))
}

/// A fresh 40-character secret. `rand::rng()` is a CSPRNG (ChaCha seeded from the OS), and 64 symbols divide the
/// byte range evenly, so every character carries 6 uniform bits (240 bits in all).
fn new_secret() -> String {
    let mut rng = rand::rng();
    (0..SECRET_LEN).map(|_| char::from(SECRET_ALPHABET[rng.random_range(0..SECRET_ALPHABET.len())])).collect()
}

/// The stored status. Anything but `Active` reads as `Inactive`, so a damaged row can never sign requests.
fn stored_status(status: &str) -> AccessKeyStatus {
    if status == AccessKeyStatus::Active.as_str() {
        AccessKeyStatus::Active
    } else {
        AccessKeyStatus::Inactive
    }
}

fn clip(value: &str) -> String {
    value.chars().take(LAST_USED_FIELD_LEN).collect()
}

fn metadata(owner: &KeyOwner, row: access_key::Model) -> AccessKeyMetadata {
    AccessKeyMetadata {
        user_name: owner.user_name.clone(),
        status: stored_status(&row.status),
        create_date: iso(row.created_at),
        access_key_id: row.access_key_id,
    }
}

/// The keys of `owner` in the caller's account.
fn owned_by(call: &Call, owner: &KeyOwner) -> Condition {
    let account = access_key::Column::AccountId.eq(call.account_id());
    match &owner.user_id {
        Some(user_id) => Condition::all().add(account).add(access_key::Column::UserId.eq(user_id.as_str())),
        None => Condition::all().add(account).add(access_key::Column::UserId.is_null()),
    }
}

impl IamService {
    /// `CreateAccessKey` for the named user, or for the caller (root's own keys when root names nobody). The secret
    /// is in this answer and nowhere else ever again: only its AES-256-GCM sealing is stored, bound to the key id.
    /// Authorized against the user's path read (or cached) before the write; the write returns the path it found the
    /// user at, and a user moved in between is authorized again (at most [`AUTHORIZATION_ATTEMPTS`] times).
    pub async fn create_access_key(&self, call: &Call, user: Option<UserName>) -> Result<AccessKeyCreated, IamError> {
        let mut moved = None;
        for _ in 0..AUTHORIZATION_ATTEMPTS {
            let (subject, path, arn) = self.key_subject(call, user.clone()).await?;
            self.authorize(call, "iam:CreateAccessKey", &arn).await?;

            let paths_mark = self.user_paths_mark();
            let txn = self.begin(&call.ctx).await?;
            let inserted = self.insert_access_key(&txn, call, &subject, &arn).await;
            let where_authorized = match (&inserted, &subject) {
                (Ok((_, written)), Subject::User(name)) => self.written_where_authorized(call, name, &path, written),
                _ => true,
            };
            match inserted {
                Ok((created, _)) if where_authorized => {
                    txn.commit().await.map_err(|e| call.internal(e))?;
                    if let Subject::User(name) = &subject {
                        self.user_path_confirmed(paths_mark, call, name, &path);
                    }
                    return Ok(created);
                }
                // Refused, or the user moved. Rolled back before answering (or authorizing again): the owner lock
                // holds SQLite's write lock, which a dropped transaction releases only some time later, so the
                // caller's next request could fail with "database is locked".
                outcome => {
                    if let Err(e) = txn.rollback().await {
                        let _ = call.internal(e);
                    }
                    outcome?;
                    moved = Some(subject); // only a user moves
                }
            }
        }
        let name = match moved {
            Some(Subject::User(name)) => name.to_string(),
            _ => String::new(),
        };
        Err(moved_meanwhile(&name))
    }

    async fn insert_access_key(
        &self,
        txn: &WriteTxn,
        call: &Call,
        subject: &Subject,
        arn: &str,
    ) -> Result<(AccessKeyCreated, String), IamError> {
        let access_key_id = ids::access_key_id();
        let secret = new_secret();
        let sealed = self.keys.seal(secret.as_bytes(), &access_key_id).map_err(|e| call.internal(e))?;
        let key = NewKey { access_key_id, sealed, created_at: self.clock.now() };
        let owner = match self.insert_key_if_room(txn, call, subject, &key).await? {
            Some(owner) => owner,
            // Nothing inserted: no such user, or no room (or, on PostgreSQL, room made by a deletion its snapshot did
            // not see yet): the owner's locked row and a count taken after the lock tell which.
            None => {
                let (owner, count) = self.lock_key_owner_counting_keys(txn, call, subject).await?;
                if count >= MAX_ACCESS_KEYS_PER_USER {
                    return Err(no_room(&owner));
                }
                let row = key.row(call, &owner);
                access_key::Entity::insert(row).exec_without_returning(txn).await.map_err(|e| call.internal(e))?;
                owner
            }
        };
        self.audit(txn, call, "iam:CreateAccessKey", arn);
        let created = AccessKeyCreated {
            user_name: owner.user_name,
            access_key_id: key.access_key_id,
            secret_access_key: secret,
            status: AccessKeyStatus::Active,
            create_date: iso(key.created_at),
        };
        Ok((created, owner.path))
    }

    /// The new key inserted from its owner's locked row, only while the owner has room for it: the lock, the count and
    /// the insert in one statement, one round trip in SQLite's write lock (a locking read with the count, then the
    /// insert, took two). `None` when it inserted nothing. PostgreSQL counts with the statement's snapshot, taken
    /// before waiting for the lock, so it could miss a key added by the transaction it waited for: there the keys are
    /// counted again afterwards, and a key too many is refused (its caller rolls back).
    async fn insert_key_if_room(
        &self,
        txn: &WriteTxn,
        call: &Call,
        subject: &Subject,
        key: &NewKey,
    ) -> Result<Option<KeyOwner>, IamError> {
        use access_key::Column;
        let (mut source, owner_column) = match subject {
            Subject::Root => (account::Entity::find_by_id(call.account_id()).select_only().into_query(), None),
            Subject::User(name) => {
                let user = user_named(call, name).select_only().column(iam_user::Column::UserId);
                (user.into_query(), Some(Column::UserId))
            }
        };
        let room = key_count(call, subject).lt(MAX_ACCESS_KEYS_PER_USER.cast_signed());
        source
            .expr(Expr::val(key.access_key_id.as_str()))
            .expr(Expr::val(call.account_id()))
            .expr(Expr::val(key.sealed.clone()))
            .expr(Expr::val(AccessKeyStatus::Active.as_str()))
            .expr(Expr::val(key.created_at))
            .and_where(room)
            .lock_exclusive();
        let columns = owner_column.into_iter().chain([
            Column::AccessKeyId,
            Column::AccountId,
            Column::SecretCiphertext,
            Column::Status,
            Column::CreatedAt,
        ]);
        // The owner's name as stored (its case may differ from the request's), from the same round trip.
        let owner_name = Query::select()
            .column((iam_user::Entity, iam_user::Column::Name))
            .from(iam_user::Entity)
            .and_where(
                Expr::col((iam_user::Entity, iam_user::Column::UserId)).equals((access_key::Entity, Column::UserId)),
            )
            .to_owned();
        let mut insert = Query::insert();
        insert
            .into_table(access_key::Entity)
            .columns(columns)
            .select_from(source)
            .map_err(|e| call.internal(e))? // only if the source selected a value too many or too few
            .returning(Query::returning().exprs([
                Expr::col((access_key::Entity, Column::UserId)),
                Expr::SubQuery(None, Box::new(owner_name.into())),
                path_of_user(Expr::col((access_key::Entity, Column::UserId))),
            ]));
        let Some(row) = txn.query_one(&insert).await.map_err(|e| call.internal(e))? else {
            return Ok(None);
        };
        let owner = match subject {
            Subject::Root => KeyOwner::ROOT,
            Subject::User(_) => KeyOwner {
                user_id: row.try_get_by_index(0).map_err(|e| call.internal(e))?,
                user_name: row.try_get_by_index(1).map_err(|e| call.internal(e))?,
                path: row.try_get_by_index(2).map_err(|e| call.internal(e))?,
            },
        };
        if txn.get_database_backend() != DbBackend::Sqlite
            && self.count_keys(txn, call, &owner).await? > MAX_ACCESS_KEYS_PER_USER
        {
            return Err(no_room(&owner));
        }
        Ok(Some(owner))
    }

    /// `ListAccessKeys`: the named user's (or the caller's own) keys, oldest first, never with their secrets.
    pub async fn list_access_keys(
        &self,
        call: &Call,
        user: Option<UserName>,
    ) -> Result<Vec<AccessKeyMetadata>, IamError> {
        let (subject, _, arn) = self.key_subject(call, user).await?;
        self.authorize(call, "iam:ListAccessKeys", &arn).await?;
        let owner = self.key_owner(&self.db, call, &subject).await?;
        let rows = access_key::Entity::find()
            .filter(owned_by(call, &owner))
            .order_by_asc(access_key::Column::CreatedAt)
            .order_by_asc(access_key::Column::AccessKeyId)
            .all(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        Ok(rows.into_iter().map(|row| metadata(&owner, row)).collect())
    }

    /// `UpdateAccessKey`: activates or deactivates a key of the named user (or of the caller).
    pub async fn update_access_key(
        &self,
        call: &Call,
        user: Option<UserName>,
        access_key_id: AccessKeyId,
        status: AccessKeyStatus,
    ) -> Result<(), IamError> {
        let (subject, _, arn) = self.key_subject(call, user).await?;
        self.authorize(call, "iam:UpdateAccessKey", &arn).await?;

        let txn = self.begin(&call.ctx).await?;
        let owner = self.key_owner(&txn, call, &subject).await?;
        let key = self.owned_key(&txn, call, &owner, &access_key_id).await?;
        if key.status != status.as_str() {
            let mut row: access_key::ActiveModel = key.into();
            row.status = Set(status.as_str().to_owned());
            access_key::Entity::update(row).exec(&txn).await.map_err(|e| call.internal(e))?;
        }
        self.audit(&txn, call, "iam:UpdateAccessKey", &arn);
        txn.commit().await.map_err(|e| call.internal(e))?;
        self.access_changed(AccessChange::Everyone);
        Ok(())
    }

    /// `DeleteAccessKey`: the key stops working at once; its secret is gone for good.
    pub async fn delete_access_key(
        &self,
        call: &Call,
        user: Option<UserName>,
        access_key_id: AccessKeyId,
    ) -> Result<(), IamError> {
        let (subject, _, arn) = self.key_subject(call, user).await?;
        self.authorize(call, "iam:DeleteAccessKey", &arn).await?;

        let txn = self.begin(&call.ctx).await?;
        let owner = self.key_owner(&txn, call, &subject).await?;
        let key = self.owned_key(&txn, call, &owner, &access_key_id).await?;
        access_key::Entity::delete_by_id(key.access_key_id).exec(&txn).await.map_err(|e| call.internal(e))?;
        self.audit(&txn, call, "iam:DeleteAccessKey", &arn);
        txn.commit().await.map_err(|e| call.internal(e))?;
        self.access_changed(AccessChange::Everyone);
        Ok(())
    }

    /// `GetAccessKeyLastUsed`, authorized on the key owner's ARN (the root's for root keys). An id that matches no
    /// key is authorized against `…:user/*`, so only a caller who may read every user's keys learns it does not
    /// exist; anyone else gets `AccessDenied`, as for a key they may not see.
    pub async fn get_access_key_last_used(
        &self,
        call: &Call,
        access_key_id: AccessKeyId,
    ) -> Result<AccessKeyLastUsed, IamError> {
        let key = access_key::Entity::find_by_id(access_key_id.as_str().to_owned())
            .filter(access_key::Column::AccountId.eq(call.account_id()))
            .one(&self.db)
            .await
            .map_err(|e| call.internal(e))?;
        // The key with the ARN to authorize against and its owner's name; `None` for no such key (or, never expected
        // since deleting a user with keys is refused, a key whose user is gone).
        let found = match key {
            None => None,
            Some(key) => match key.user_id.clone() {
                None => Some((key, ids::root_arn(call.account_id()), String::new())),
                Some(user_id) => iam_user::Entity::find_by_id(user_id)
                    .filter(iam_user::Column::AccountId.eq(call.account_id()))
                    .one(&self.db)
                    .await
                    .map_err(|e| call.internal(e))?
                    .map(|user| (key, ids::user_arn(call.account_id(), &user.path, &user.name), user.name)),
            },
        };
        let arn = found.as_ref().map_or_else(|| ids::user_arn(call.account_id(), "/", "*"), |(_, arn, _)| arn.clone());
        self.authorize(call, "iam:GetAccessKeyLastUsed", &arn).await?;
        let (key, _, user_name) = found.ok_or_else(|| no_such_key(access_key_id.as_str()))?;
        Ok(match key.last_used_at {
            Some(at) => AccessKeyLastUsed {
                user_name,
                last_used_date: Some(iso(at)),
                service_name: key.last_used_service.unwrap_or_else(|| "N/A".into()),
                region: key.last_used_region.unwrap_or_else(|| "N/A".into()),
            },
            None => {
                AccessKeyLastUsed { user_name, last_used_date: None, service_name: "N/A".into(), region: "N/A".into() }
            }
        })
    }

    /// SigV4's key lookup (authentication, not an IAM action, so not authorized): the decrypted secret and the caller
    /// the request will act as. `None` for an unknown or inactive key, or one whose user no longer exists.
    pub async fn access_key_for_signature(
        &self,
        ctx: &RequestContext,
        access_key_id: &str,
    ) -> Result<Option<KeyForSigning>, IamError> {
        let now_ms = self.now_ms();
        if let Some(key) = self.auth.key(access_key_id, now_ms) {
            return Ok(Some(key));
        }
        let epoch = self.auth.epoch();
        let key = self.load_key_for_signature(ctx, access_key_id).await?;
        if let Some(key) = &key {
            self.auth.store_key(epoch, access_key_id, now_ms, key.clone());
        }
        Ok(key)
    }

    async fn load_key_for_signature(
        &self,
        ctx: &RequestContext,
        access_key_id: &str,
    ) -> Result<Option<KeyForSigning>, IamError> {
        let Some(key) = access_key::Entity::find_by_id(access_key_id.to_owned())
            .one(&self.db)
            .await
            .map_err(|e| ctx.internal(e))?
        else {
            return Ok(None);
        };
        if stored_status(&key.status) != AccessKeyStatus::Active {
            return Ok(None);
        }
        let identity = match &key.user_id {
            None => Identity::Root,
            Some(user_id) => {
                let user =
                    iam_user::Entity::find_by_id(user_id.clone()).one(&self.db).await.map_err(|e| ctx.internal(e))?;
                match user {
                    Some(user) if user.account_id == key.account_id => {
                        Identity::User { user_id: user.user_id, name: user.name, path: user.path }
                    }
                    _ => return Ok(None),
                }
            }
        };
        // The error texts below are fixed: neither may carry any part of the plaintext.
        let plaintext = self.keys.open(&key.secret_ciphertext, &key.access_key_id).map_err(|e| ctx.internal(e))?;
        let secret = String::from_utf8(plaintext).map_err(|_| {
            ctx.internal(format!("the sealed secret of access key `{}` is not text", key.access_key_id))
        })?;
        Ok(Some(KeyForSigning {
            secret: SigningSecret(secret),
            account_id: key.account_id.clone(),
            caller: Caller { account_id: key.account_id, identity, mfa_at: None, channel: Channel::Api },
        }))
    }

    /// Records that a verified request was signed with the key: when (this service's clock), for which service and
    /// in which region — at most once a minute for the same service and region, so a busy key does not turn every
    /// request into a write. Best effort: a failure is logged with the request id and does not fail the request.
    pub async fn record_access_key_use(&self, ctx: &RequestContext, access_key_id: &str, service: &str, region: &str) {
        if !self.auth.key_use_due(access_key_id, service, region, self.now_ms()) {
            return;
        }
        let result = access_key::Entity::update_many()
            .col_expr(access_key::Column::LastUsedAt, Expr::value(Value::from(self.clock.now())))
            .col_expr(access_key::Column::LastUsedService, Expr::value(clip(service)))
            .col_expr(access_key::Column::LastUsedRegion, Expr::value(clip(region)))
            .filter(access_key::Column::AccessKeyId.eq(access_key_id))
            .exec(self.writes())
            .await;
        if let Err(error) = result {
            self.auth.forget_key_use(access_key_id);
            tracing::warn!(request_id = %ctx.request_id, access_key_id, %error, "could not record access key use");
        }
    }

    /// Whose keys: the named user, or the caller itself. Returns the path and the ARN the action is authorized
    /// against — the user's (path `/` if the user does not exist, so a refused caller learns nothing), or the root's.
    async fn key_subject(&self, call: &Call, user: Option<UserName>) -> Result<(Subject, String, String), IamError> {
        let name = match (user, &call.caller.identity) {
            (Some(name), _) => name,
            (None, Identity::User { name, .. }) => UserName::parse(name)?,
            (None, Identity::Root) => return Ok((Subject::Root, "/".into(), ids::root_arn(call.account_id()))),
        };
        let path = self.user_path_or_root(call, &name).await?;
        let arn = self.user_arn_for(call, &path, name.as_str());
        Ok((Subject::User(name), path, arn))
    }

    async fn key_owner(
        &self,
        conn: &impl ConnectionTrait,
        call: &Call,
        subject: &Subject,
    ) -> Result<KeyOwner, IamError> {
        match subject {
            Subject::Root => Ok(KeyOwner::ROOT),
            Subject::User(name) => Ok(KeyOwner::user(self.user(conn, call, name).await?)),
        }
    }

    /// The key owner and how many keys it has, its row locked until the transaction ends (`FOR UPDATE`; on SQLite the
    /// write transaction already holds the database), so two concurrent creations queue instead of both counting one
    /// key and each adding a second. Asked only when [`Self::insert_key_if_room`] inserted nothing, to tell why. On
    /// SQLite one statement: the lock is the read, and the count is a subquery of it (in the write lock every
    /// statement is a round trip to SQLite's thread). PostgreSQL evaluates that subquery with the statement's
    /// snapshot, taken before waiting for the lock, so it could miss the key added by the transaction it waited for:
    /// there the keys are counted again, after the lock.
    async fn lock_key_owner_counting_keys(
        &self,
        txn: &WriteTxn,
        call: &Call,
        subject: &Subject,
    ) -> Result<(KeyOwner, u64), IamError> {
        let (owner, count) = self.lock_key_owner_with_count(txn, call, subject).await?;
        if txn.get_database_backend() == DbBackend::Sqlite {
            return Ok((owner, count));
        }
        let count = self.count_keys(txn, call, &owner).await?;
        Ok((owner, count))
    }

    /// The owner's keys, counted by a statement of their own (on PostgreSQL, with a snapshot taken after the lock).
    async fn count_keys(&self, txn: &WriteTxn, call: &Call, owner: &KeyOwner) -> Result<u64, IamError> {
        access_key::Entity::find().filter(owned_by(call, owner)).count(txn).await.map_err(|e| call.internal(e))
    }

    async fn lock_key_owner_with_count(
        &self,
        txn: &WriteTxn,
        call: &Call,
        subject: &Subject,
    ) -> Result<(KeyOwner, u64), IamError> {
        let key_count = key_count(call, subject);
        match subject {
            Subject::Root => {
                let count: i64 = account::Entity::find_by_id(call.account_id())
                    .select_only()
                    .expr_as(key_count, "key_count")
                    .lock_exclusive()
                    .into_tuple()
                    .one(txn)
                    .await
                    .map_err(|e| call.internal(e))?
                    .ok_or_else(|| call.internal("the caller's account row is missing"))?;
                Ok((KeyOwner::ROOT, count.unsigned_abs()))
            }
            Subject::User(name) => {
                let (user_id, user_name, path, count): (String, String, String, i64) = user_named(call, name)
                    .select_only()
                    .column(iam_user::Column::UserId)
                    .column(iam_user::Column::Name)
                    .column(iam_user::Column::Path)
                    .expr_as(key_count, "key_count")
                    .lock_exclusive()
                    .into_tuple()
                    .one(txn)
                    .await
                    .map_err(|e| call.internal(e))?
                    .ok_or_else(|| no_such_user(name.as_str()))?;
                Ok((KeyOwner { user_id: Some(user_id), user_name, path }, count.unsigned_abs()))
            }
        }
    }

    async fn owned_key(
        &self,
        conn: &impl ConnectionTrait,
        call: &Call,
        owner: &KeyOwner,
        access_key_id: &AccessKeyId,
    ) -> Result<access_key::Model, IamError> {
        access_key::Entity::find_by_id(access_key_id.as_str().to_owned())
            .filter(owned_by(call, owner))
            .one(conn)
            .await
            .map_err(|e| call.internal(e))?
            .ok_or_else(|| no_such_key(access_key_id.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_have_aws_shape() {
        let a = new_secret();
        assert_eq!(a.len(), SECRET_LEN);
        assert!(a.bytes().all(|b| SECRET_ALPHABET.contains(&b)), "{a}");
        assert_ne!(a, new_secret());
    }

    #[test]
    fn signing_secret_debug_is_redacted() {
        let shown = format!("{:?}", SigningSecret("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY".into()));
        assert!(!shown.contains("wJalr"), "{shown}");
    }
}
