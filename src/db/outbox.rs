//! The email outbox: messages queued in the transaction of what caused them, claimed by the
//! worker (several servers may run one each), then marked sent or failed.
//!
//! Times are stored in UTC whole seconds: SQLite keeps them as RFC 3339 text, which then sorts
//! and compares as text exactly like the instants it holds (fractions of a second would not).

use std::future::Future;

use sqlx::FromRow;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::{Db, WritePool, stored, with_db};
use crate::mail::RenderedEmail;

/// After this many failed attempts a message is no longer tried; it stays in the outbox, with
/// its last error, for an administrator to see.
pub const MAX_ATTEMPTS: i64 = 10;

/// How long a worker holds the messages it claimed; past this, another worker may take them.
pub const CLAIM_LEASE: Duration = Duration::minutes(2);

/// Errors longer than this are cut before they are stored.
const MAX_ERROR_CHARS: usize = 1000;

/// Queues an email in the caller's transaction, so that it exists if and only if what caused it
/// is committed. After the commit, the caller wakes the worker: `app.mail_wakeup.notify_one()`.
pub trait QueueEmail {
    /// Writes the message to the outbox, due at once; returns its id. `kind` is the template
    /// name (`Email::KIND`).
    fn queue_email(
        &mut self,
        to: &str,
        kind: &str,
        email: &RenderedEmail,
        now: OffsetDateTime,
    ) -> impl Future<Output = Result<Uuid, sqlx::Error>> + Send;
}

/// One implementation per backend from one text, so the SQL is written once.
macro_rules! queue_email_in {
    ($($database:ty),+) => {$(
        impl QueueEmail for sqlx::Transaction<'_, $database> {
            fn queue_email(
                &mut self,
                to: &str,
                kind: &str,
                email: &RenderedEmail,
                now: OffsetDateTime,
            ) -> impl Future<Output = Result<Uuid, sqlx::Error>> + Send {
                async move {
                    let id = Uuid::now_v7();
                    let now = stored(now);
                    sqlx::query(
                        "INSERT INTO outbox (id, to_address, subject, body_text, body_html, kind, \
                         created_at, next_attempt_at, attempts) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 0)",
                    )
                    .bind(id)
                    .bind(to)
                    .bind(&email.subject)
                    .bind(&email.text)
                    .bind(&email.html)
                    .bind(kind)
                    .bind(now)
                    .execute(&mut **self)
                    .await?;
                    Ok(id)
                }
            }
        }
    )+};
}

queue_email_in!(sqlx::Sqlite, sqlx::Postgres);

/// A message a worker has claimed and now sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutgoingEmail {
    pub id: Uuid,
    pub to: String,
    pub kind: String,
    /// Failed attempts so far.
    pub attempts: i64,
    pub email: RenderedEmail,
    pub attachments: Vec<EmailAttachment>,
}

/// A file attached to a queued message (a submission's receipt).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct EmailAttachment {
    pub filename: String,
    pub content_type: String,
    pub data: Vec<u8>,
}

#[derive(FromRow)]
struct AttachmentRow {
    outbox_id: Uuid,
    filename: String,
    content_type: String,
    data: Vec<u8>,
}

#[derive(FromRow)]
struct OutgoingRow {
    id: Uuid,
    to_address: String,
    kind: String,
    attempts: i64,
    subject: String,
    body_text: String,
    body_html: String,
}

impl From<OutgoingRow> for OutgoingEmail {
    fn from(row: OutgoingRow) -> Self {
        OutgoingEmail {
            id: row.id,
            to: row.to_address,
            kind: row.kind,
            attempts: row.attempts,
            email: RenderedEmail { subject: row.subject, text: row.body_text, html: row.body_html },
            attachments: Vec::new(),
        }
    }
}

/// A message's delivery state, as an administrator (or a test) sees it; no body.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct OutboxEntry {
    pub id: Uuid,
    pub to_address: String,
    pub kind: String,
    pub subject: String,
    pub created_at: OffsetDateTime,
    pub next_attempt_at: OffsetDateTime,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub sent_at: Option<OffsetDateTime>,
    pub claimed_until: Option<OffsetDateTime>,
}

/// The claim, with the backend's row lock: PostgreSQL skips rows another worker is claiming at
/// the same instant; SQLite needs none inside BEGIN IMMEDIATE, where writers take turns.
macro_rules! claim_sql {
    ($lock:literal) => {
        concat!(
            "WITH due AS (SELECT id FROM outbox \
             WHERE sent_at IS NULL AND next_attempt_at <= $1 AND attempts < $3 \
             AND (claimed_until IS NULL OR claimed_until <= $1) \
             ORDER BY next_attempt_at, id LIMIT $4",
            $lock,
            ") UPDATE outbox SET claimed_until = $2 WHERE id IN (SELECT id FROM due) \
             RETURNING id, to_address, kind, attempts, subject, body_text, body_html"
        )
    };
}

impl Db {
    /// Queues an email in a transaction of its own, for a caller that has none.
    pub async fn queue_email(
        &self,
        to: &str,
        kind: &str,
        email: &RenderedEmail,
        now: OffsetDateTime,
    ) -> Result<Uuid, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let id = tx.queue_email(to, kind, email, now).await?;
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Takes up to `limit` messages that are due and neither sent, given up, nor held by another
    /// worker, and holds them for `CLAIM_LEASE`. Oldest due first.
    pub async fn claim_due_emails(
        &self,
        now: OffsetDateTime,
        limit: usize,
    ) -> Result<Vec<OutgoingEmail>, sqlx::Error> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let now = stored(now);
        let until = now + CLAIM_LEASE;
        let mut rows: Vec<OutgoingRow> = match self {
            Db::Sqlite(pool, _) => {
                let mut tx = pool.begin_write().await?;
                let rows = sqlx::query_as(claim_sql!(""))
                    .bind(now)
                    .bind(until)
                    .bind(MAX_ATTEMPTS)
                    .bind(limit)
                    .fetch_all(&mut *tx)
                    .await?;
                tx.commit().await?;
                rows
            }
            Db::Postgres(pool) => {
                let mut tx = pool.begin_write().await?;
                let rows = sqlx::query_as(claim_sql!(" FOR UPDATE SKIP LOCKED"))
                    .bind(now)
                    .bind(until)
                    .bind(MAX_ATTEMPTS)
                    .bind(limit)
                    .fetch_all(&mut *tx)
                    .await?;
                tx.commit().await?;
                rows
            }
        };
        // RETURNING gives no order: UUID v7 ids sort by queueing time.
        rows.sort_by_key(|r| r.id);
        let mut claimed: Vec<OutgoingEmail> = rows.into_iter().map(OutgoingEmail::from).collect();
        for email in &mut claimed {
            email.attachments = self.email_attachments(email.id).await?;
        }
        Ok(claimed)
    }

    /// The files attached to a queued message, in order.
    pub async fn email_attachments(&self, id: Uuid) -> Result<Vec<EmailAttachment>, sqlx::Error> {
        let rows: Vec<AttachmentRow> = with_db!(self, pool => {
            sqlx::query_as(
                "SELECT outbox_id, filename, content_type, data FROM outbox_attachments \
                 WHERE outbox_id = $1 ORDER BY position",
            )
            .bind(id)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .filter(|row| row.outbox_id == id)
            .map(|row| EmailAttachment {
                filename: row.filename,
                content_type: row.content_type,
                data: row.data,
            })
            .collect())
    }

    /// Records a delivered message; it is never sent again. The last error, if any, stays.
    pub async fn mark_email_sent(&self, id: Uuid, now: OffsetDateTime) -> Result<(), sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query(
                "UPDATE outbox SET sent_at = $2, claimed_until = NULL \
                 WHERE id = $1 AND sent_at IS NULL",
            )
            .bind(id)
            .bind(stored(now))
            .execute(pool)
            .await
            .map(|_| ())
        })
    }

    /// Records a failed attempt: one more attempt, the error, and when to try again (ignored
    /// once `MAX_ATTEMPTS` is reached: the message is then no longer claimed).
    pub async fn mark_email_failed(
        &self,
        id: Uuid,
        error: &str,
        next_attempt_at: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        let error: String = error.chars().take(MAX_ERROR_CHARS).collect();
        with_db!(self, pool => {
            sqlx::query(
                "UPDATE outbox SET attempts = attempts + 1, last_error = $2, \
                 next_attempt_at = $3, claimed_until = NULL \
                 WHERE id = $1 AND sent_at IS NULL",
            )
            .bind(id)
            .bind(&error)
            .bind(stored(next_attempt_at))
            .execute(pool)
            .await
            .map(|_| ())
        })
    }

    /// The delivery state of one message.
    pub async fn outbox_entry(&self, id: Uuid) -> Result<Option<OutboxEntry>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT id, to_address, kind, subject, created_at, next_attempt_at, attempts, \
                 last_error, sent_at, claimed_until FROM outbox WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await
        })
    }

    /// Every message queued for an address, oldest first (erasure and tests read it).
    pub async fn outbox_entries_for(&self, to: &str) -> Result<Vec<OutboxEntry>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT id, to_address, kind, subject, created_at, next_attempt_at, attempts, \
                 last_error, sent_at, claimed_until FROM outbox WHERE to_address = $1 ORDER BY id",
            )
            .bind(to)
            .fetch_all(pool)
            .await
        })
    }
}

/// When to try again after the `attempts`-th failed attempt (1-based): 1 min, 5 min, 30 min,
/// 2 h, 6 h, then every 12 h; `None` once `MAX_ATTEMPTS` attempts have failed.
pub fn retry_delay(attempts: i64) -> Option<Duration> {
    match attempts {
        ..=1 => Some(Duration::minutes(1)),
        2 => Some(Duration::minutes(5)),
        3 => Some(Duration::minutes(30)),
        4 => Some(Duration::hours(2)),
        5 => Some(Duration::hours(6)),
        n if n < MAX_ATTEMPTS => Some(Duration::hours(12)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use time::UtcOffset;

    use super::*;

    #[test]
    fn retries_back_off_then_stop_after_ten_attempts() {
        let delays: Vec<Option<Duration>> = (1..=11).map(retry_delay).collect();
        assert_eq!(
            delays,
            [
                Some(Duration::minutes(1)),
                Some(Duration::minutes(5)),
                Some(Duration::minutes(30)),
                Some(Duration::hours(2)),
                Some(Duration::hours(6)),
                Some(Duration::hours(12)),
                Some(Duration::hours(12)),
                Some(Duration::hours(12)),
                Some(Duration::hours(12)),
                None,
                None,
            ]
        );
    }

    #[test]
    fn stored_instants_are_utc_whole_seconds() {
        let at = time::macros::datetime!(2026-03-01 10:00:00.987654 +01:00);
        assert_eq!(stored(at), time::macros::datetime!(2026-03-01 09:00:00 UTC));
        assert_eq!(stored(at).offset(), UtcOffset::UTC);
    }
}
