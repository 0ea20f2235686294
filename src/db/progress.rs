//! The progress approach's storage: the periods the steering group sets, each pole's report for
//! a period (a draft, then submitted once and for all) and the reminders sent (at most one of
//! each kind per pole and period: the unique key is the guard against sending twice).

use serde_json::Value;
use sqlx::FromRow;
use sqlx::types::Json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::outbox::QueueEmail;
use super::poles::{POLE_COLUMNS, Pole};
use super::{Db, WritePool, fetch_as, stored, with_db};
use crate::mail::RenderedEmail;

/// A period reports are asked for. Dates are ISO days ("2013-03-31").
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Period {
    pub id: Uuid,
    pub call_id: Uuid,
    pub label: String,
    pub starts_on: String,
    pub ends_on: String,
    pub due_on: String,
}

/// A pole's report for a period.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct Report {
    pub id: Uuid,
    pub period_id: Uuid,
    pub pole_id: Uuid,
    pub form_revision_id: Uuid,
    pub answers: Json<Value>,
    /// draft, submitted.
    pub state: String,
    pub updated_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
}

/// Where a pole's report for a period stands, for the lists (no answers).
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ReportStatus {
    pub period_id: Uuid,
    pub pole_id: Uuid,
    pub state: String,
    pub updated_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
}

/// A submitted report of a published pole, with its period: what the public page and the
/// network's dashboard count.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct SubmittedReport {
    pub period_id: Uuid,
    pub pole_id: Uuid,
    pub form_revision_id: Uuid,
    pub answers: Json<Value>,
    pub submitted_at: OffsetDateTime,
}

/// A reminder already sent.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SentReminder {
    pub pole_id: Uuid,
    /// before, after.
    pub kind: String,
    pub sent_at: OffsetDateTime,
    pub recipients: i64,
}

/// A period to add.
pub struct NewPeriod<'a> {
    pub call_id: Uuid,
    pub label: &'a str,
    pub starts_on: &'a str,
    pub ends_on: &'a str,
    pub due_on: &'a str,
    pub by: Uuid,
    pub client: &'a str,
}

/// A report to save as a draft or to submit.
pub struct SaveReport<'a> {
    pub period_id: Uuid,
    pub pole_id: Uuid,
    pub form_revision_id: Uuid,
    pub answers: &'a Value,
    pub submit: bool,
    pub by: Uuid,
    pub client: &'a str,
}

/// A reminder to record for one pole, with its emails (one per member).
pub struct NewReminder<'a> {
    pub period_id: Uuid,
    pub pole_id: Uuid,
    /// before, after.
    pub kind: &'a str,
    pub by: Option<Uuid>,
    pub client: &'a str,
    pub email_kind: &'a str,
    pub emails: &'a [(String, RenderedEmail)],
}

const PERIOD_COLUMNS: &str = "id, call_id, label, starts_on, ends_on, due_on";
const REPORT_COLUMNS: &str =
    "id, period_id, pole_id, form_revision_id, answers, state, updated_at, submitted_at";

impl Db {
    /// Adds a period; false (nothing written) when the call already has one of that label.
    pub async fn create_progress_period(
        &self,
        new: &NewPeriod<'_>,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let at = stored(now);
        let id = Uuid::now_v7();
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "INSERT INTO progress_periods (id, call_id, label, starts_on, ends_on, due_on, \
                 created_at, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                 ON CONFLICT (call_id, label) DO NOTHING",
            )
            .bind(id)
            .bind(new.call_id)
            .bind(new.label)
            .bind(new.starts_on)
            .bind(new.ends_on)
            .bind(new.due_on)
            .bind(at)
            .bind(new.by)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if done {
                let event = AuditEvent::by(
                    new.by,
                    "progress.period_created",
                    new.client,
                    serde_json::json!({
                        "period": id,
                        "label": new.label,
                        "due_on": new.due_on,
                    }),
                );
                tx.audit(&event, now).await?;
            }
            tx.commit().await?;
            Ok(done)
        })
    }

    /// A call's periods, the earliest first.
    pub async fn progress_periods(&self, call_id: Uuid) -> Result<Vec<Period>, sqlx::Error> {
        let sql = format!(
            "SELECT {PERIOD_COLUMNS} FROM progress_periods WHERE call_id = $1 \
             ORDER BY starts_on, label"
        );
        fetch_as!(self, sql, fetch_all, call_id)
    }

    pub async fn progress_period(&self, id: Uuid) -> Result<Option<Period>, sqlx::Error> {
        let sql = format!("SELECT {PERIOD_COLUMNS} FROM progress_periods WHERE id = $1");
        fetch_as!(self, sql, fetch_optional, id)
    }

    /// A pole's report for a period, if one was saved.
    pub async fn progress_report(
        &self,
        period_id: Uuid,
        pole_id: Uuid,
    ) -> Result<Option<Report>, sqlx::Error> {
        let sql = format!(
            "SELECT {REPORT_COLUMNS} FROM progress_reports WHERE period_id = $1 AND pole_id = $2"
        );
        fetch_as!(self, sql, fetch_optional, period_id, pole_id)
    }

    /// Saves a pole's report as a draft, or submits it. A submitted report never changes: false
    /// (nothing written) when it already was. Submitting is audited.
    pub async fn save_progress_report(
        &self,
        save: &SaveReport<'_>,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let at = stored(now);
        let id = Uuid::now_v7();
        let state = if save.submit { "submitted" } else { "draft" };
        let submitted_at = save.submit.then_some(at);
        let submitted_by = save.submit.then_some(save.by);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "INSERT INTO progress_reports (id, period_id, pole_id, form_revision_id, answers, \
                 state, created_at, updated_at, updated_by, submitted_at, submitted_by) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $9, $10) \
                 ON CONFLICT (period_id, pole_id) DO UPDATE SET \
                 form_revision_id = excluded.form_revision_id, answers = excluded.answers, \
                 state = excluded.state, updated_at = excluded.updated_at, \
                 updated_by = excluded.updated_by, submitted_at = excluded.submitted_at, \
                 submitted_by = excluded.submitted_by \
                 WHERE progress_reports.state = 'draft'",
            )
            .bind(id)
            .bind(save.period_id)
            .bind(save.pole_id)
            .bind(save.form_revision_id)
            .bind(Json(save.answers))
            .bind(state)
            .bind(at)
            .bind(save.by)
            .bind(submitted_at)
            .bind(submitted_by)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if done && save.submit {
                let event = AuditEvent::by(
                    save.by,
                    "progress.report_submitted",
                    save.client,
                    serde_json::json!({ "period": save.period_id, "pole": save.pole_id }),
                );
                tx.audit(&event, now).await?;
            }
            tx.commit().await?;
            Ok(done)
        })
    }

    /// Where every report of a call's periods stands.
    pub async fn progress_report_statuses(
        &self,
        call_id: Uuid,
    ) -> Result<Vec<ReportStatus>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT r.period_id, r.pole_id, r.state, r.updated_at, r.submitted_at \
                 FROM progress_reports r JOIN progress_periods p ON p.id = r.period_id \
                 WHERE p.call_id = $1",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await
        })
    }

    /// The submitted reports of a call's published poles (one pole's when `pole` is given):
    /// the only reports anything public or any total counts.
    pub async fn submitted_progress_reports(
        &self,
        call_id: Uuid,
        pole: Option<Uuid>,
    ) -> Result<Vec<SubmittedReport>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT r.period_id, r.pole_id, r.form_revision_id, r.answers, r.submitted_at \
                 FROM progress_reports r \
                 JOIN progress_periods p ON p.id = r.period_id \
                 JOIN poles o ON o.id = r.pole_id \
                 WHERE p.call_id = $1 AND r.state = 'submitted' AND o.state = 'published' \
                 AND ($2 IS NULL OR r.pole_id = $2) \
                 ORDER BY p.starts_on, p.label, o.slug",
            )
            .bind(call_id)
            .bind(pole)
            .fetch_all(pool)
            .await
        })
    }

    /// The published poles whose dossier belongs to an organisation: the poles its people
    /// report for.
    pub async fn published_poles_of_organisation(
        &self,
        organisation_id: Uuid,
    ) -> Result<Vec<Pole>, sqlx::Error> {
        let sql = format!(
            "SELECT {POLE_COLUMNS} FROM poles WHERE state = 'published' \
             AND dossier_id IN (SELECT id FROM dossiers WHERE organisation_id = $1) ORDER BY slug"
        );
        fetch_as!(self, sql, fetch_all, organisation_id)
    }

    /// The reminders already sent for a period.
    pub async fn progress_reminders(
        &self,
        period_id: Uuid,
    ) -> Result<Vec<SentReminder>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT pole_id, kind, sent_at, recipients FROM progress_reminders \
                 WHERE period_id = $1 ORDER BY sent_at, pole_id",
            )
            .bind(period_id)
            .fetch_all(pool)
            .await
        })
    }

    /// Records a reminder to a pole and queues its emails, in one transaction, unless one of
    /// that kind was already sent to that pole for that period (then nothing is written and
    /// the answer is false).
    pub async fn record_progress_reminder(
        &self,
        reminder: &NewReminder<'_>,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let at = stored(now);
        let id = Uuid::now_v7();
        let recipients = i64::try_from(reminder.emails.len()).unwrap_or(i64::MAX);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "INSERT INTO progress_reminders (id, period_id, pole_id, kind, sent_at, sent_by, \
                 recipients) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (period_id, pole_id, kind) DO NOTHING",
            )
            .bind(id)
            .bind(reminder.period_id)
            .bind(reminder.pole_id)
            .bind(reminder.kind)
            .bind(at)
            .bind(reminder.by)
            .bind(recipients)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if done {
                for (to, email) in reminder.emails {
                    tx.queue_email(to, reminder.email_kind, email, now).await?;
                }
                let event = AuditEvent {
                    event: "progress.reminder_sent",
                    actor: reminder.by,
                    subject: None,
                    client: reminder.client,
                    detail: serde_json::json!({
                        "period": reminder.period_id,
                        "pole": reminder.pole_id,
                        "kind": reminder.kind,
                        "recipients": recipients,
                    }),
                };
                tx.audit(&event, now).await?;
            }
            tx.commit().await?;
            Ok(done)
        })
    }
}
