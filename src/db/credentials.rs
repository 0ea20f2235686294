//! Credentials after sign-up: reset links, password changes, address changes, and the sessions
//! each of them ends.

use serde_json::json;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::outbox::QueueEmail;
use super::{Db, WritePool, with_db};
use crate::domain::email::EmailAddress;
use crate::domain::lang::Lang;
use crate::mail::RenderedEmail;

/// The `tokens.purpose` of a password-reset link.
pub const RESET_PASSWORD: &str = "reset-password";
/// The `tokens.purpose` of a link confirming a new address; its payload is `{"email": …}`.
pub const CHANGE_EMAIL: &str = "change-email";

/// Someone an email may be sent to about their account: an account that is not disabled,
/// confirmed or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holder {
    pub id: Uuid,
    pub lang: Lang,
}

/// Where a one-time link stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkState {
    /// Not used, not expired; for `take`-ing functions, now used.
    Valid {
        user_id: Uuid,
        payload: String,
    },
    Expired,
    Used,
    /// No such link for this purpose (or, for an address change, not this person's).
    Unknown,
}

/// A one-time link to write.
#[derive(Debug, Clone)]
pub struct NewLink<'a> {
    pub token_hash: &'a str,
    pub purpose: &'a str,
    pub user_id: Uuid,
    /// JSON.
    pub payload: &'a str,
    pub lifetime: Duration,
}

/// An email to queue with what caused it.
#[derive(Debug, Clone, Copy)]
pub struct Mail<'a> {
    pub to: &'a str,
    pub kind: &'a str,
    pub email: &'a RenderedEmail,
}

/// What following an address-change link did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EmailChange {
    /// The account now has this address.
    Changed(String),
    /// Another account took the address meanwhile: nothing changed (the link is used up).
    Taken,
    /// Expired, used, unknown, or another person's link: nothing changed.
    NotUsable(LinkState),
}

/// The new address an address-change link carries (`{"email": …}`).
pub fn new_address(payload: &str) -> Option<EmailAddress> {
    let payload: serde_json::Value = serde_json::from_str(payload).ok()?;
    EmailAddress::parse(payload.get("email")?.as_str()?).ok()
}

/// Reads a one-time link in a transaction and, when `take` and it is usable by `owner` (any
/// owner when `None`), marks it used. Expiry is compared here, in Rust, on decoded instants.
macro_rules! link_in {
    ($tx:expr, $hash:expr, $purpose:expr, $owner:expr, $now:expr, take: $take:expr) => {{
        let row: Option<(Option<Uuid>, String, OffsetDateTime, Option<OffsetDateTime>)> =
            sqlx::query_as(
                "SELECT user_id, payload, expires_at, used_at FROM tokens \
                 WHERE token_hash = $1 AND purpose = $2",
            )
            .bind($hash)
            .bind($purpose)
            .fetch_optional(&mut *$tx)
            .await?;
        let owner: Option<Uuid> = $owner;
        match row {
            None | Some((None, ..)) => LinkState::Unknown,
            Some((Some(user), ..)) if owner.is_some_and(|o| o != user) => LinkState::Unknown,
            Some((_, _, _, Some(_))) => LinkState::Used,
            Some((_, _, expires_at, None)) if expires_at <= $now => LinkState::Expired,
            Some((Some(user_id), payload, _, None)) => {
                // The `used_at IS NULL` guard makes a concurrent second use lose (PostgreSQL
                // re-checks it once the first commits).
                let taken = if $take {
                    sqlx::query(
                        "UPDATE tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
                    )
                    .bind($now)
                    .bind($hash)
                    .execute(&mut *$tx)
                    .await?
                    .rows_affected()
                        == 1
                } else {
                    true
                };
                if taken { LinkState::Valid { user_id, payload } } else { LinkState::Used }
            }
        }
    }};
}

/// Ends the sessions of a user, all of them or all but the one whose hash is `keep`.
macro_rules! end_sessions_in {
    ($tx:expr, $user:expr, $keep:expr) => {{
        let keep: Option<&str> = $keep;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND ($2 IS NULL OR token_hash <> $2)")
            .bind($user)
            .bind(keep)
            .execute(&mut *$tx)
            .await?
            .rows_affected()
    }};
}

impl Db {
    /// The account of an address, if it is not disabled, with its language for emails.
    pub async fn holder(&self, email: &EmailAddress) -> Result<Option<Holder>, sqlx::Error> {
        let row: Option<(Uuid, String)> = with_db!(self, pool => sqlx::query_as(
            "SELECT id, lang FROM users WHERE email = $1 AND disabled_at IS NULL",
        )
        .bind(email.as_str())
        .fetch_optional(pool)
        .await)?;
        Ok(row.map(|(id, lang)| Holder { id, lang: Lang::parse(&lang).unwrap_or_default() }))
    }

    /// The stored password hash of an account (`None` for one that never set a password).
    pub async fn password_hash(&self, user_id: Uuid) -> Result<Option<String>, sqlx::Error> {
        let hash: Option<Option<String>> = with_db!(self, pool => sqlx::query_scalar(
            "SELECT password_hash FROM users WHERE id = $1",
        )
        .bind(user_id)
        .fetch_optional(pool)
        .await)?;
        Ok(hash.flatten())
    }

    /// Where a one-time link of `purpose` stands at `now`, without using it (for the page that
    /// shows the button or the form).
    pub async fn link_state(
        &self,
        token_hash: &str,
        purpose: &str,
        now: OffsetDateTime,
    ) -> Result<LinkState, sqlx::Error> {
        with_db!(self, pool => {
            let mut conn = pool.acquire().await?;
            Ok(link_in!(conn, token_hash, purpose, None, now, take: false))
        })
    }

    /// Writes a one-time link (if any) and the emails about it, with the audit event, in one
    /// transaction: all of it or nothing. The caller wakes the mail worker after.
    pub async fn send_link(
        &self,
        link: Option<&NewLink<'_>>,
        mails: &[Mail<'_>],
        event: &AuditEvent<'_>,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            if let Some(link) = link {
                sqlx::query(
                    "INSERT INTO tokens (token_hash, purpose, user_id, payload, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(link.token_hash)
                .bind(link.purpose)
                .bind(link.user_id)
                .bind(link.payload)
                .bind(now)
                .bind(now + link.lifetime)
                .execute(&mut *tx)
                .await?;
            }
            for mail in mails {
                tx.queue_email(mail.to, mail.kind, mail.email, now).await?;
            }
            tx.audit(event, now).await?;
            tx.commit().await
        })
    }

    /// Sets a new password through a reset link, once. Side effects, in one transaction: the
    /// link and every other unused reset link of the account are used up, the address is
    /// confirmed if it was not (the person read the mail), every session of the account ends,
    /// and `account.password_reset` is recorded. Nothing changes unless the link is valid.
    pub async fn reset_password(
        &self,
        token_hash: &str,
        password_hash: &str,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<LinkState, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let state = link_in!(tx, token_hash, RESET_PASSWORD, None, now, take: true);
            let LinkState::Valid { user_id, .. } = &state else {
                return Ok(state);
            };
            sqlx::query(
                "UPDATE users SET password_hash = $1, \
                 email_confirmed_at = COALESCE(email_confirmed_at, $2), updated_at = $2 WHERE id = $3",
            )
            .bind(password_hash)
            .bind(now)
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query(
                "UPDATE tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
            )
            .bind(now)
            .bind(user_id)
            .bind(RESET_PASSWORD)
            .execute(&mut *tx)
            .await?;
            let ended = end_sessions_in!(tx, user_id, None);
            let detail = json!({ "sessions_ended": ended });
            let event = AuditEvent::by(*user_id, "account.password_reset", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(state)
        })
    }

    /// Replaces the password of a logged-in person. Side effects, in one transaction: every
    /// other session of the account ends (the one whose hash is `keep` stays), and
    /// `account.password_changed` is recorded.
    pub async fn change_password(
        &self,
        user_id: Uuid,
        password_hash: &str,
        keep: Option<&str>,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
                .bind(password_hash)
                .bind(now)
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
            let ended = end_sessions_in!(tx, user_id, keep);
            let detail = json!({ "sessions_ended": ended });
            let event = AuditEvent::by(user_id, "account.password_changed", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await
        })
    }

    /// Switches the address of `user_id` to the one its change link carries, once, if no other
    /// account has it. Side effects, in one transaction: the link is used up (also when the
    /// address is taken), the new address counts as confirmed, every other session of the
    /// account ends (`keep` stays), and `account.email_changed` is recorded.
    pub async fn change_email(
        &self,
        token_hash: &str,
        user_id: Uuid,
        keep: Option<&str>,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<EmailChange, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let state = link_in!(tx, token_hash, CHANGE_EMAIL, Some(user_id), now, take: true);
            let LinkState::Valid { payload, .. } = &state else {
                return Ok(EmailChange::NotUsable(state));
            };
            let Some(address) = new_address(payload) else {
                tx.commit().await?;
                return Ok(EmailChange::NotUsable(LinkState::Unknown));
            };
            let holder: Option<Uuid> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
                .bind(address.as_str())
                .fetch_optional(&mut *tx)
                .await?;
            if holder.is_some() {
                tx.commit().await?;
                return Ok(EmailChange::Taken);
            }
            let updated = sqlx::query(
                "UPDATE users SET email = $1, email_confirmed_at = COALESCE(email_confirmed_at, $2), \
                 updated_at = $2 WHERE id = $3",
            )
            .bind(address.as_str())
            .bind(now)
            .bind(user_id)
            .execute(&mut *tx)
            .await;
            match updated {
                Ok(_) => {}
                // Taken by a sign-up between the check and the update: nothing is written.
                Err(sqlx::Error::Database(error)) if error.is_unique_violation() => {
                    return Ok(EmailChange::Taken);
                }
                Err(error) => return Err(error),
            }
            let ended = end_sessions_in!(tx, user_id, keep);
            let detail = json!({ "sessions_ended": ended });
            let event = AuditEvent::by(user_id, "account.email_changed", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(EmailChange::Changed(address.as_str().to_owned()))
        })
    }
}
