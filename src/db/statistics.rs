//! The numbers of the statistics page, counted by the database (dossiers by track and state,
//! network, department; first submissions; drafts), and the reminders of drafts: who gets one,
//! the record of each sending with its emails and audit event, and the people who opted out.

use sqlx::FromRow;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::outbox::QueueEmail;
use super::{Db, WritePool, stored, with_db};
use crate::mail::RenderedEmail;

/// Which dossiers are counted: those of a call, and for a referent those of their networks.
#[derive(Debug, Clone, Default)]
pub struct StatisticsScope {
    /// The networks (slugs) whose dossiers are counted; `None` for all (steering group).
    pub networks: Option<Vec<String>>,
}

impl StatisticsScope {
    /// The networks as one comma-separated text for the `LIKE` of the queries (slugs hold no
    /// comma), as the dossier list does.
    fn bound(&self) -> Option<String> {
        self.networks.as_ref().map(|n| format!(",{},", n.join(",")))
    }
}

/// The dossiers every count below reads: `$1` the call, `$2` the networks as
/// `StatisticsScope::bound` gives them (NULL for all); `d` a dossier, `n` its network. Joined to
/// each query by `concat!`, so that no SQL text is assembled at run time.
macro_rules! in_scope {
    () => {
        "LEFT JOIN networks n ON n.id = d.network_id WHERE d.call_id = $1 \
         AND ($2 IS NULL OR $2 LIKE '%,' || COALESCE(n.slug, '-') || ',%')"
    };
}

/// How many dossiers have a track and a state.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct TrackStateCount {
    pub track: String,
    pub state: String,
    pub count: i64,
}

/// How many submitted dossiers a network (its slug; `None`: routed to none) has.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct NetworkCount {
    pub network: Option<String>,
    pub count: i64,
}

/// How many submitted dossiers have their lead organisation in a department (the INSEE code's
/// department part: "26", "2A", "974"; `None`: no commune answered).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct DepartmentCount {
    pub department: Option<String>,
    pub count: i64,
}

/// One draft of a person who gets the reminder.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ReminderDraft {
    pub user_id: Uuid,
    pub email: String,
    pub lang: String,
    pub reference: String,
    pub title: String,
    pub track: String,
}

/// A reminder sent.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SentReminder {
    pub sent_at: OffsetDateTime,
    /// The sender's name or address; `None` once that account is erased.
    pub sent_by: Option<String>,
    pub recipients: i64,
    pub drafts: i64,
}

/// A reminder to record: its emails (one per person) and what it counts.
pub struct NewReminder<'a> {
    pub call_id: Uuid,
    pub by: Uuid,
    pub client: &'a str,
    pub emails: &'a [(String, RenderedEmail)],
    pub kind: &'a str,
    pub drafts: i64,
}

impl Db {
    /// Dossiers of every state (drafts included) by track and state.
    pub async fn count_by_track_and_state(
        &self,
        call_id: Uuid,
        scope: &StatisticsScope,
    ) -> Result<Vec<TrackStateCount>, sqlx::Error> {
        let sql = concat!(
            "SELECT d.track, d.state, COUNT(*) AS count FROM dossiers d ",
            in_scope!(),
            " GROUP BY d.track, d.state ORDER BY d.track, d.state"
        );
        self.scoped_rows(sql, call_id, scope).await
    }

    /// Submitted dossiers (not drafts) by network.
    pub async fn count_by_network(
        &self,
        call_id: Uuid,
        scope: &StatisticsScope,
    ) -> Result<Vec<NetworkCount>, sqlx::Error> {
        let sql = concat!(
            "SELECT n.slug AS network, COUNT(*) AS count FROM dossiers d ",
            in_scope!(),
            " AND d.state <> 'draft' GROUP BY n.slug ORDER BY n.slug IS NULL, n.slug"
        );
        self.scoped_rows(sql, call_id, scope).await
    }

    /// Submitted dossiers (not drafts) by the department of their lead organisation's commune:
    /// the first two characters of its INSEE code, three overseas ("97…"). The answers are
    /// read with `->>`, which SQLite (JSON text) and PostgreSQL (JSONB) read alike; regions
    /// are unions of departments (`domain::territory`), added up from these rows.
    pub async fn count_by_department(
        &self,
        call_id: Uuid,
        scope: &StatisticsScope,
    ) -> Result<Vec<DepartmentCount>, sqlx::Error> {
        let sql = concat!(
            "SELECT CASE WHEN SUBSTR(c.commune, 1, 2) = '97' THEN SUBSTR(c.commune, 1, 3) \
             ELSE SUBSTR(c.commune, 1, 2) END AS department, COUNT(*) AS count FROM \
             (SELECT CAST(d.answers ->> 'lead_commune' AS TEXT) AS commune FROM dossiers d ",
            in_scope!(),
            " AND d.state <> 'draft') c GROUP BY 1 ORDER BY 1"
        );
        self.scoped_rows(sql, call_id, scope).await
    }

    /// When each dossier was first submitted, oldest first. Days are Paris days, which neither
    /// database computes the same way: the use case counts them from these instants.
    pub async fn first_submissions(
        &self,
        call_id: Uuid,
        scope: &StatisticsScope,
    ) -> Result<Vec<OffsetDateTime>, sqlx::Error> {
        let sql = concat!(
            "SELECT s.submitted_at FROM dossier_submissions s \
             JOIN dossiers d ON d.id = s.dossier_id ",
            in_scope!(),
            " AND s.number = 1 ORDER BY s.submitted_at"
        );
        let rows: Vec<(OffsetDateTime,)> = self.scoped_rows(sql, call_id, scope).await?;
        Ok(rows.into_iter().map(|(at,)| at).collect())
    }

    /// The rows of a query over the dossiers in scope (`in_scope!`).
    async fn scoped_rows<T>(
        &self,
        sql: &'static str,
        call_id: Uuid,
        scope: &StatisticsScope,
    ) -> Result<Vec<T>, sqlx::Error>
    where
        T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin,
    {
        with_db!(self, pool => {
            sqlx::query_as(sql).bind(call_id).bind(scope.bound()).fetch_all(pool).await
        })
    }

    /// The drafts of a call to remind, one row per (person, draft): each draft's authors (who
    /// started it and who last changed it) whose account is active and confirmed and who did
    /// not opt out. An erased account is no longer there (its drafts name no one).
    pub async fn reminder_drafts(&self, call_id: Uuid) -> Result<Vec<ReminderDraft>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT DISTINCT u.id AS user_id, u.email, u.lang, d.reference, d.title, d.track \
                 FROM dossiers d JOIN users u ON u.id = d.created_by OR u.id = d.updated_by \
                 WHERE d.call_id = $1 AND d.state = 'draft' AND u.disabled_at IS NULL \
                 AND u.email_confirmed_at IS NOT NULL \
                 AND NOT EXISTS (SELECT 1 FROM reminder_opt_outs o WHERE o.user_id = u.id) \
                 ORDER BY u.email, d.reference",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await
        })
    }

    /// The last reminder of a call sent since `since`, if any.
    pub async fn last_reminder(
        &self,
        call_id: Uuid,
        since: OffsetDateTime,
    ) -> Result<Option<SentReminder>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT r.sent_at, COALESCE(NULLIF(u.display_name, ''), u.email) AS sent_by, \
                 r.recipients, r.drafts FROM draft_reminders r \
                 LEFT JOIN users u ON u.id = r.sent_by \
                 WHERE r.call_id = $1 AND r.sent_at >= $2 ORDER BY r.sent_at DESC, r.id DESC \
                 LIMIT 1",
            )
            .bind(call_id)
            .bind(stored(since))
            .fetch_optional(pool)
            .await
        })
    }

    /// Records a reminder: its row, its emails in the outbox and the audit event, in one
    /// transaction.
    pub async fn record_reminder(
        &self,
        reminder: &NewReminder<'_>,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        let now = stored(now);
        let id = Uuid::now_v7();
        let recipients = i64::try_from(reminder.emails.len()).unwrap_or(i64::MAX);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO draft_reminders (id, call_id, sent_at, sent_by, recipients, drafts) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(reminder.call_id)
            .bind(now)
            .bind(reminder.by)
            .bind(recipients)
            .bind(reminder.drafts)
            .execute(&mut *tx)
            .await?;
            for (to, email) in reminder.emails {
                tx.queue_email(to, reminder.kind, email, now).await?;
            }
            let event = AuditEvent {
                event: "reminders.sent",
                actor: Some(reminder.by),
                subject: None,
                client: reminder.client,
                detail: serde_json::json!({
                    "reminder": id,
                    "recipients": recipients,
                    "drafts": reminder.drafts,
                }),
            };
            tx.audit(&event, now).await?;
            tx.commit().await
        })
    }

    /// Since when a person declines reminders, if they do.
    pub async fn reminder_opt_out(
        &self,
        user_id: Uuid,
    ) -> Result<Option<OffsetDateTime>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_scalar("SELECT created_at FROM reminder_opt_outs WHERE user_id = $1")
                .bind(user_id)
                .fetch_optional(pool)
                .await
        })
    }

    /// Declines (`true`) or accepts again (`false`) reminders for a person.
    pub async fn set_reminder_opt_out(
        &self,
        user_id: Uuid,
        declined: bool,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            if declined {
                sqlx::query(
                    "INSERT INTO reminder_opt_outs (user_id, created_at) VALUES ($1, $2) \
                     ON CONFLICT (user_id) DO NOTHING",
                )
                .bind(user_id)
                .bind(stored(now))
                .execute(pool)
                .await
                .map(|_| ())
            } else {
                sqlx::query("DELETE FROM reminder_opt_outs WHERE user_id = $1")
                    .bind(user_id)
                    .execute(pool)
                    .await
                    .map(|_| ())
            }
        })
    }
}
