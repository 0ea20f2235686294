//! Device checks for back-office logins (ASVS 6.3.3): a one-time code emailed on a login from a
//! new device, and the devices trusted for 30 days afterwards. All kept in `tokens`, by hash:
//! `pending-login` (the half-done login, held by a short cookie), `login-code` (the code, hashed
//! with its user), `trusted-device` (the long cookie of a device that passed).

use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::outbox::QueueEmail;
use super::{Db, WritePool, with_db};
use crate::mail::RenderedEmail;

/// What a new device check writes.
pub struct DeviceCheck<'a> {
    pub user_id: Uuid,
    pub pending_hash: &'a str,
    pub code_hash: &'a str,
    pub lifetime: Duration,
    /// The email with the code: address, kind, message.
    pub email: (&'a str, &'a str, &'a RenderedEmail),
}

impl Db {
    /// Starts a device check in one transaction: earlier unfinished checks of the user are
    /// closed, the pending login and its code are written, and the code email is queued.
    pub async fn start_device_check(
        &self,
        check: &DeviceCheck<'_>,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "UPDATE tokens SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL \
                 AND purpose IN ('pending-login', 'login-code')",
            )
            .bind(now)
            .bind(check.user_id)
            .execute(&mut *tx)
            .await?;
            for (hash, purpose) in [(check.pending_hash, "pending-login"), (check.code_hash, "login-code")] {
                sqlx::query(
                    "INSERT INTO tokens (token_hash, purpose, user_id, payload, created_at, expires_at) \
                     VALUES ($1, $2, $3, '{}', $4, $5)",
                )
                .bind(hash)
                .bind(purpose)
                .bind(check.user_id)
                .bind(now)
                .bind(now + check.lifetime)
                .execute(&mut *tx)
                .await?;
            }
            let (to, kind, email) = check.email;
            tx.queue_email(to, kind, email, now).await?;
            tx.commit().await
        })
    }

    /// The user of a pending login, while it is open.
    pub async fn pending_login(
        &self,
        pending_hash: &str,
        now: OffsetDateTime,
    ) -> Result<Option<Uuid>, sqlx::Error> {
        with_db!(self, pool => sqlx::query_scalar(
            "SELECT user_id FROM tokens WHERE token_hash = $1 AND purpose = 'pending-login' \
             AND used_at IS NULL AND expires_at > $2",
        )
        .bind(pending_hash)
        .bind(now)
        .fetch_optional(pool)
        .await
        .map(Option::flatten))
    }

    /// Uses the code of a pending login, once: true when it matches, is unused and unexpired;
    /// the pending login is then closed too.
    pub async fn use_login_code(
        &self,
        user_id: Uuid,
        pending_hash: &str,
        code_hash: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let used = sqlx::query(
                "UPDATE tokens SET used_at = $1 WHERE token_hash = $2 AND purpose = 'login-code' \
                 AND user_id = $3 AND used_at IS NULL AND expires_at > $1",
            )
            .bind(now)
            .bind(code_hash)
            .bind(user_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if used == 1 {
                sqlx::query("UPDATE tokens SET used_at = $1 WHERE token_hash = $2")
                    .bind(now)
                    .bind(pending_hash)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(used == 1)
        })
    }

    /// Remembers a device that passed the check.
    pub async fn trust_device(
        &self,
        user_id: Uuid,
        device_hash: &str,
        now: OffsetDateTime,
        lifetime: Duration,
    ) -> Result<(), sqlx::Error> {
        with_db!(self, pool => sqlx::query(
            "INSERT INTO tokens (token_hash, purpose, user_id, payload, created_at, expires_at) \
             VALUES ($1, 'trusted-device', $2, '{}', $3, $4)",
        )
        .bind(device_hash)
        .bind(user_id)
        .bind(now)
        .bind(now + lifetime)
        .execute(pool)
        .await
        .map(|_| ()))
    }

    /// Whether this device passed a check for this user less than its lifetime ago.
    pub async fn is_trusted_device(
        &self,
        user_id: Uuid,
        device_hash: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        with_db!(self, pool => {
            let found: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM tokens WHERE token_hash = $1 AND purpose = 'trusted-device' \
                 AND user_id = $2 AND expires_at > $3",
            )
            .bind(device_hash)
            .bind(user_id)
            .bind(now)
            .fetch_one(pool)
            .await?;
            Ok(found > 0)
        })
    }
}
