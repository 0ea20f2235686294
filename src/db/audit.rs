//! The audit log: appending events (inside the transaction of what they record, or alone) and
//! reading them back with filters for administrators.

use std::future::Future;

use sqlx::FromRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{Db, WritePool, with_db};

/// An event to record. `detail` must never hold a password, a token or a message body.
#[derive(Debug, Clone)]
pub struct AuditEvent<'a> {
    pub event: &'a str,
    pub actor: Option<Uuid>,
    pub subject: Option<Uuid>,
    pub client: &'a str,
    pub detail: serde_json::Value,
}

impl<'a> AuditEvent<'a> {
    /// An event done by `actor` (no subject).
    pub fn by(
        actor: Uuid,
        event: &'a str,
        client: &'a str,
        detail: serde_json::Value,
    ) -> AuditEvent<'a> {
        AuditEvent { event, actor: Some(actor), subject: None, client, detail }
    }
}

/// Appends an event within the caller's transaction.
pub trait RecordAudit {
    fn audit(
        &mut self,
        event: &AuditEvent<'_>,
        now: OffsetDateTime,
    ) -> impl Future<Output = Result<(), sqlx::Error>> + Send;
}

macro_rules! record_audit_in {
    ($($database:ty),+) => {$(
        impl RecordAudit for sqlx::Transaction<'_, $database> {
            fn audit(
                &mut self,
                event: &AuditEvent<'_>,
                now: OffsetDateTime,
            ) -> impl Future<Output = Result<(), sqlx::Error>> + Send {
                async move {
                    sqlx::query(
                        "INSERT INTO audit_log (id, at, event, actor_id, subject_id, client, detail) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(Uuid::now_v7())
                    .bind(now)
                    .bind(event.event)
                    .bind(event.actor)
                    .bind(event.subject)
                    .bind(sanitize_client(event.client))
                    .bind(event.detail.to_string())
                    .execute(&mut **self)
                    .await
                    .map(|_| ())
                }
            }
        }
    )+};
}

record_audit_in!(sqlx::Sqlite, sqlx::Postgres);

/// A client address as logged: printable ASCII only, at most 64 characters (ASVS 16.4.1: no
/// line break or control character reaches a log).
fn sanitize_client(client: &str) -> String {
    client.chars().filter(|c| c.is_ascii_graphic()).take(64).collect()
}

/// A recorded event as the administrators' page shows it.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct AuditEntry {
    pub at: OffsetDateTime,
    pub event: String,
    pub actor_email: Option<String>,
    pub subject_email: Option<String>,
    pub client: String,
    pub detail: String,
}

/// What an administrator narrows the log to.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Events starting with this text (`login.` for every login event).
    pub event_prefix: Option<String>,
    /// Events whose actor or subject has an address containing this text.
    pub person: Option<String>,
    pub since: Option<OffsetDateTime>,
    pub until: Option<OffsetDateTime>,
}

impl Db {
    /// Appends an event in a transaction of its own.
    pub async fn audit(
        &self,
        event: &AuditEvent<'_>,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            tx.audit(event, now).await?;
            tx.commit().await
        })
    }

    /// The most recent events matching the filter, newest first.
    pub async fn audit_entries(
        &self,
        filter: &AuditFilter,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, sqlx::Error> {
        let prefix = filter.event_prefix.as_deref().map(|p| format!("{}%", escape_like(p)));
        let person =
            filter.person.as_deref().map(|p| format!("%{}%", escape_like(&p.to_lowercase())));
        with_db!(self, pool => sqlx::query_as(
            "SELECT a.at, a.event, actor.email AS actor_email, subject.email AS subject_email, \
             a.client, a.detail FROM audit_log a \
             LEFT JOIN users actor ON actor.id = a.actor_id \
             LEFT JOIN users subject ON subject.id = a.subject_id \
             WHERE ($1 IS NULL OR a.event LIKE $1 ESCAPE '\\') \
             AND ($2 IS NULL OR actor.email LIKE $2 ESCAPE '\\' OR subject.email LIKE $2 ESCAPE '\\') \
             AND ($3 IS NULL OR a.at >= $3) AND ($4 IS NULL OR a.at < $4) \
             ORDER BY a.at DESC, a.id DESC LIMIT $5",
        )
        .bind(prefix)
        .bind(person)
        .bind(filter.since)
        .bind(filter.until)
        .bind(limit)
        .fetch_all(pool)
        .await)
    }
}

fn escape_like(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_address_cannot_break_a_log_line() {
        assert_eq!(
            sanitize_client("1.2.3.4\r\nFAKE login.succeeded"),
            "1.2.3.4FAKElogin.succeeded"
        );
    }

    #[test]
    fn like_wildcards_in_a_filter_are_literal() {
        assert_eq!(escape_like("a_b%c\\"), "a\\_b\\%c\\\\");
    }
}
