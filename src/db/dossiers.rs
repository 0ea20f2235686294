//! Dossiers: creation, saves checked against the version they started from, submissions with
//! their frozen content and receipt, withdrawal, and the append-only history.
//!
//! Saves are optimistic: a save names the dossier version it read, and the `UPDATE` applies only
//! if the dossier is still at that version; otherwise the caller reads again and decides
//! (merging other sections, or showing the person a conflict on theirs).

use std::collections::BTreeMap;

use serde_json::Value;
use sqlx::FromRow;
use sqlx::types::Json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::outbox::QueueEmail;
use super::{Db, WritePool, stored, with_db};
use crate::domain::dossier::{DossierState, reference};
use crate::mail::RenderedEmail;

/// A dossier as its pages need it.
#[derive(Debug, Clone, PartialEq)]
pub struct Dossier {
    pub id: Uuid,
    pub call_id: Uuid,
    pub reference: String,
    pub organisation_id: Uuid,
    pub track: String,
    pub form_revision_id: Uuid,
    pub state: DossierState,
    pub network_id: Option<Uuid>,
    pub title: String,
    pub answers: Value,
    pub version: i64,
    pub section_versions: BTreeMap<String, i64>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
    pub submission_count: i64,
}

impl Dossier {
    /// The version of one section: how many saves changed it.
    pub fn section_version(&self, section: &str) -> i64 {
        self.section_versions.get(section).copied().unwrap_or(0)
    }
}

#[derive(FromRow)]
struct DossierRow {
    id: Uuid,
    call_id: Uuid,
    reference: String,
    organisation_id: Uuid,
    track: String,
    form_revision_id: Uuid,
    state: String,
    network_id: Option<Uuid>,
    title: String,
    answers: Json<Value>,
    version: i64,
    section_versions: Json<BTreeMap<String, i64>>,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
    submitted_at: Option<OffsetDateTime>,
    submission_count: i64,
}

macro_rules! dossier_columns {
    () => {
        "id, call_id, reference, organisation_id, track, form_revision_id, state, network_id, \
         title, answers, version, section_versions, created_at, updated_at, submitted_at, \
         submission_count"
    };
}

impl TryFrom<DossierRow> for Dossier {
    type Error = sqlx::Error;
    fn try_from(row: DossierRow) -> Result<Self, Self::Error> {
        let state = DossierState::parse(&row.state).ok_or_else(|| {
            sqlx::Error::Decode(format!("unknown dossier state `{}`", row.state).into())
        })?;
        Ok(Dossier {
            id: row.id,
            call_id: row.call_id,
            reference: row.reference,
            organisation_id: row.organisation_id,
            track: row.track,
            form_revision_id: row.form_revision_id,
            state,
            network_id: row.network_id,
            title: row.title,
            answers: row.answers.0,
            version: row.version,
            section_versions: row.section_versions.0,
            created_at: row.created_at,
            updated_at: row.updated_at,
            submitted_at: row.submitted_at,
            submission_count: row.submission_count,
        })
    }
}

/// What starts a dossier.
#[derive(Debug, Clone)]
pub struct NewDossier {
    pub call_id: Uuid,
    pub organisation_id: Uuid,
    pub track: String,
    pub form_revision_id: Uuid,
    pub created_by: Uuid,
}

/// A save of the answers, computed by the caller from the version it read.
#[derive(Debug, Clone)]
pub struct SaveAnswers<'a> {
    pub id: Uuid,
    /// The dossier version the new answers were computed from, and its section versions.
    pub read_version: i64,
    pub read_section_versions: &'a BTreeMap<String, i64>,
    /// The section saved, whose version goes up by one.
    pub section: &'a str,
    pub answers: &'a Value,
    pub title: &'a str,
    pub network_id: Option<Uuid>,
    pub by: Uuid,
}

/// How a save ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Written: the new dossier version and the new version of the section.
    Written { version: i64, section_version: i64 },
    /// Someone saved in between: read again.
    Stale,
}

/// The `UPDATE` of a save: applies only if the dossier is still at the version read and in a
/// state the candidate may change.
const SAVE_SQL: &str = "UPDATE dossiers SET answers = $3, section_versions = $4, title = $5, \
     network_id = $6, version = version + 1, updated_by = $7, updated_at = $8 \
     WHERE id = $1 AND version = $2 AND state IN ($9, $10, $11)";

/// The states in which the candidate may change their answers.
const EDITABLE: [&str; 3] = [
    DossierState::Draft.code(),
    DossierState::Submitted.code(),
    DossierState::CorrectionRequested.code(),
];

fn saved(rows_affected: u64, read_version: i64, section_version: i64) -> Saved {
    if rows_affected == 1 {
        Saved::Written { version: read_version + 1, section_version }
    } else {
        Saved::Stale
    }
}

/// A save on its way to SQLite's group commit (`writer.rs`), with everything it binds.
#[derive(Debug, Clone)]
pub struct QueuedSave {
    id: Uuid,
    read_version: i64,
    answers: String,
    section_versions: String,
    section_version: i64,
    title: String,
    network_id: Option<Uuid>,
    by: Uuid,
    at: OffsetDateTime,
}

impl QueuedSave {
    /// Runs the save's `UPDATE` on a connection or in a transaction.
    pub(crate) async fn execute<'e, E>(&self, executor: E) -> Result<Saved, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Sqlite>,
    {
        let done = sqlx::query(SAVE_SQL)
            .bind(self.id)
            .bind(self.read_version)
            .bind(&self.answers)
            .bind(&self.section_versions)
            .bind(&self.title)
            .bind(self.network_id)
            .bind(self.by)
            .bind(self.at)
            .bind(EDITABLE[0])
            .bind(EDITABLE[1])
            .bind(EDITABLE[2])
            .execute(executor)
            .await?;
        Ok(saved(done.rows_affected(), self.read_version, self.section_version))
    }
}

/// One entry of a dossier's history.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct DossierEvent {
    pub at: OffsetDateTime,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub kind: String,
    pub from_state: Option<String>,
    pub to_state: String,
    pub note: Option<String>,
    pub submission_number: Option<i64>,
}

/// A submission: what was sent, frozen.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct Submission {
    pub number: i64,
    pub dossier_version: i64,
    pub submitted_at: OffsetDateTime,
    pub submitted_by: Option<Uuid>,
    pub form_revision_id: Uuid,
    pub sha256: String,
}

/// A submission to record, prepared by the caller (the receipt needs the number and instant
/// before the transaction).
#[derive(Debug, Clone)]
pub struct NewSubmission<'a> {
    pub dossier_id: Uuid,
    /// The dossier version the person saw when they pressed "submit".
    pub dossier_version: i64,
    pub number: i64,
    pub from: DossierState,
    pub to: DossierState,
    pub at: OffsetDateTime,
    pub by: Uuid,
    pub answers: &'a Value,
    pub sha256: &'a str,
    pub receipt: &'a [u8],
    /// The receipt email to the submitter, with the receipt attached.
    pub email: Option<(&'a str, &'a RenderedEmail, &'a str)>,
}

/// A move of a dossier from one state to another, as the history records it.
#[derive(Debug, Clone, Copy)]
pub struct Transition<'a> {
    pub id: Uuid,
    pub from: DossierState,
    pub to: DossierState,
    /// The history's name for it: `withdrawn`, …
    pub kind: &'a str,
    pub by: Uuid,
    pub note: Option<&'a str>,
    pub at: OffsetDateTime,
}

/// How a submission ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Submitted {
    /// Recorded now.
    New(Submission),
    /// That version was already submitted (a double click, a replayed form): nothing changed.
    Already(Submission),
    /// The dossier moved on since the person loaded the page (another save or submission).
    Stale,
}

impl Db {
    /// Starts a dossier in state draft with empty answers, and records its creation in the
    /// history. Its reference is the next number of its track in the call.
    pub async fn create_dossier(
        &self,
        new: &NewDossier,
        now: OffsetDateTime,
    ) -> Result<Dossier, sqlx::Error> {
        let now = stored(now);
        let id = Uuid::now_v7();
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            // Concurrent creations on PostgreSQL may pick the same number: the unique reference
            // refuses the second, which the caller sees as an error to retry (rare: creating a
            // dossier is a deliberate click).
            let count: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM dossiers WHERE call_id = $1 AND track = $2",
            )
            .bind(new.call_id)
            .bind(&new.track)
            .fetch_one(&mut *tx)
            .await?;
            let row: DossierRow = sqlx::query_as(concat!(
                "INSERT INTO dossiers (id, call_id, reference, organisation_id, track, \
                 form_revision_id, state, title, answers, version, section_versions, created_by, \
                 created_at, updated_by, updated_at, submission_count) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, '', $8, 0, $9, $10, $11, $10, $11, 0) \
                 RETURNING ",
                dossier_columns!()
            ))
            .bind(id)
            .bind(new.call_id)
            .bind(reference(&new.track, count + 1))
            .bind(new.organisation_id)
            .bind(&new.track)
            .bind(new.form_revision_id)
            .bind(DossierState::Draft.code())
            .bind(Json(Value::Object(Default::default())))
            .bind(Json(BTreeMap::<String, i64>::new()))
            .bind(new.created_by)
            .bind(now)
            .fetch_one(&mut *tx)
            .await?;
            sqlx::query(
                "INSERT INTO dossier_events (id, dossier_id, at, actor_id, kind, to_state) \
                 VALUES ($1, $2, $3, $4, 'created', $5)",
            )
            .bind(Uuid::now_v7())
            .bind(id)
            .bind(now)
            .bind(new.created_by)
            .bind(DossierState::Draft.code())
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Dossier::try_from(row)
        })
    }

    pub async fn dossier(&self, id: Uuid) -> Result<Option<Dossier>, sqlx::Error> {
        with_db!(self, pool => {
            let row: Option<DossierRow> =
                sqlx::query_as(concat!("SELECT ", dossier_columns!(), " FROM dossiers WHERE id = $1"))
                    .bind(id)
                    .fetch_optional(pool)
                    .await?;
            row.map(Dossier::try_from).transpose()
        })
    }

    /// The dossiers of an organisation, newest first.
    pub async fn dossiers_of_organisation(
        &self,
        organisation_id: Uuid,
    ) -> Result<Vec<Dossier>, sqlx::Error> {
        with_db!(self, pool => {
            let rows: Vec<DossierRow> = sqlx::query_as(concat!(
                "SELECT ",
                dossier_columns!(),
                " FROM dossiers WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC"
            ))
            .bind(organisation_id)
            .fetch_all(pool)
            .await?;
            rows.into_iter().map(Dossier::try_from).collect()
        })
    }

    /// Writes new answers if the dossier is still at `read_version` and editable by its
    /// candidate: one statement, so one transaction. No history row: saves are not events.
    pub async fn save_answers(
        &self,
        save: &SaveAnswers<'_>,
        now: OffsetDateTime,
    ) -> Result<Saved, sqlx::Error> {
        let mut sections = save.read_section_versions.clone();
        let section_version = sections.get(save.section).copied().unwrap_or(0) + 1;
        sections.insert(save.section.to_owned(), section_version);
        match self {
            // Group commit: the saves waiting at the same moment share one transaction.
            Db::Sqlite(pool, writer) => {
                let queued = QueuedSave {
                    id: save.id,
                    read_version: save.read_version,
                    answers: save.answers.to_string(),
                    section_versions: serde_json::to_string(&sections)
                        .map_err(|e| sqlx::Error::Encode(Box::new(e)))?,
                    section_version,
                    title: save.title.to_owned(),
                    network_id: save.network_id,
                    by: save.by,
                    at: stored(now),
                };
                writer.save(pool, queued).await
            }
            Db::Postgres(pool) => {
                let done = sqlx::query(SAVE_SQL)
                    .bind(save.id)
                    .bind(save.read_version)
                    .bind(Json(save.answers))
                    .bind(Json(&sections))
                    .bind(save.title)
                    .bind(save.network_id)
                    .bind(save.by)
                    .bind(stored(now))
                    .bind(EDITABLE[0])
                    .bind(EDITABLE[1])
                    .bind(EDITABLE[2])
                    .execute(pool)
                    .await?;
                Ok(saved(done.rows_affected(), save.read_version, section_version))
            }
        }
    }

    /// Records a submission in one transaction: the frozen answers and receipt, the new state,
    /// a history row, and the receipt email with its attachment. A second submission of the same
    /// dossier version changes nothing and returns the first.
    pub async fn record_submission(
        &self,
        new: &NewSubmission<'_>,
    ) -> Result<Submitted, sqlx::Error> {
        let at = stored(new.at);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let existing: Option<Submission> = sqlx::query_as(
                "SELECT number, dossier_version, submitted_at, submitted_by, form_revision_id, \
                 sha256 FROM dossier_submissions WHERE dossier_id = $1 AND dossier_version = $2",
            )
            .bind(new.dossier_id)
            .bind(new.dossier_version)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(existing) = existing {
                return Ok(Submitted::Already(existing));
            }
            let moved = sqlx::query(
                "UPDATE dossiers SET state = $4, submitted_at = $5, submission_count = $3 \
                 WHERE id = $1 AND version = $2 AND submission_count = $3 - 1 AND state = $6",
            )
            .bind(new.dossier_id)
            .bind(new.dossier_version)
            .bind(new.number)
            .bind(new.to.code())
            .bind(at)
            .bind(new.from.code())
            .execute(&mut *tx)
            .await?;
            if moved.rows_affected() != 1 {
                return Ok(Submitted::Stale);
            }
            let submission: Submission = sqlx::query_as(
                "INSERT INTO dossier_submissions (dossier_id, number, dossier_version, \
                 submitted_at, submitted_by, form_revision_id, answers, sha256, receipt) \
                 SELECT id, $2, version, $3, $4, form_revision_id, $5, $6, $7 FROM dossiers \
                 WHERE id = $1 \
                 RETURNING number, dossier_version, submitted_at, submitted_by, \
                 form_revision_id, sha256",
            )
            .bind(new.dossier_id)
            .bind(new.number)
            .bind(at)
            .bind(new.by)
            .bind(Json(new.answers))
            .bind(new.sha256)
            .bind(new.receipt)
            .fetch_one(&mut *tx)
            .await?;
            let kind = if new.number == 1 { "submitted" } else { "resubmitted" };
            sqlx::query(
                "INSERT INTO dossier_events (id, dossier_id, at, actor_id, kind, from_state, \
                 to_state, submission_number) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(Uuid::now_v7())
            .bind(new.dossier_id)
            .bind(at)
            .bind(new.by)
            .bind(kind)
            .bind(new.from.code())
            .bind(new.to.code())
            .bind(new.number)
            .execute(&mut *tx)
            .await?;
            if let Some((to, email, filename)) = new.email {
                let outbox_id = tx.queue_email(to, "submission-receipt", email, at).await?;
                sqlx::query(
                    "INSERT INTO outbox_attachments (outbox_id, position, filename, \
                     content_type, data) VALUES ($1, 0, $2, 'application/pdf', $3)",
                )
                .bind(outbox_id)
                .bind(filename)
                .bind(new.receipt)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok(Submitted::New(submission))
        })
    }

    /// Moves a dossier from `from` to `to` with a history row, if it is still in `from`.
    /// Returns whether it moved.
    pub async fn move_dossier(&self, step: &Transition<'_>) -> Result<bool, sqlx::Error> {
        let Transition { id, from, to, kind, by, note, at } = *step;
        let now = stored(at);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let moved = sqlx::query(
                "UPDATE dossiers SET state = $3, version = version + 1, updated_by = $4, \
                 updated_at = $5 WHERE id = $1 AND state = $2",
            )
            .bind(id)
            .bind(from.code())
            .bind(to.code())
            .bind(by)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if moved.rows_affected() != 1 {
                return Ok(false);
            }
            sqlx::query(
                "INSERT INTO dossier_events (id, dossier_id, at, actor_id, kind, from_state, \
                 to_state, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(Uuid::now_v7())
            .bind(id)
            .bind(now)
            .bind(by)
            .bind(kind)
            .bind(from.code())
            .bind(to.code())
            .bind(note)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(true)
        })
    }

    /// The history of a dossier, oldest first, with the names of the people who acted.
    pub async fn dossier_events(&self, id: Uuid) -> Result<Vec<DossierEvent>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT e.at, e.actor_id, u.display_name AS actor_name, e.kind, e.from_state, \
                 e.to_state, e.note, e.submission_number FROM dossier_events e \
                 LEFT JOIN users u ON u.id = e.actor_id WHERE e.dossier_id = $1 \
                 ORDER BY e.at, e.id",
            )
            .bind(id)
            .fetch_all(pool)
            .await
        })
    }

    /// The submissions of a dossier, first first.
    pub async fn submissions(&self, id: Uuid) -> Result<Vec<Submission>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT number, dossier_version, submitted_at, submitted_by, form_revision_id, \
                 sha256 FROM dossier_submissions WHERE dossier_id = $1 ORDER BY number",
            )
            .bind(id)
            .fetch_all(pool)
            .await
        })
    }

    /// The receipt (PDF) of one submission.
    pub async fn receipt(&self, id: Uuid, number: i64) -> Result<Option<Vec<u8>>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_scalar(
                "SELECT receipt FROM dossier_submissions WHERE dossier_id = $1 AND number = $2",
            )
            .bind(id)
            .bind(number)
            .fetch_optional(pool)
            .await
        })
    }
}

impl Db {
    /// The submission of one version of a dossier, if that version was submitted.
    pub async fn submission_of_version(
        &self,
        id: Uuid,
        version: i64,
    ) -> Result<Option<Submission>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT number, dossier_version, submitted_at, submitted_by, form_revision_id, \
                 sha256 FROM dossier_submissions WHERE dossier_id = $1 AND dossier_version = $2",
            )
            .bind(id)
            .bind(version)
            .fetch_optional(pool)
            .await
        })
    }

    /// The id of a partner network by slug.
    pub async fn network_id(&self, slug: &str) -> Result<Option<Uuid>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_scalar("SELECT id FROM networks WHERE slug = $1")
                .bind(slug)
                .fetch_optional(pool)
                .await
        })
    }
}

/// Typed text kept from a save that arrived without a live session.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct KeptInput {
    pub body: String,
    pub created_at: OffsetDateTime,
}

/// Kept text older than this is no longer given back (and is purged).
pub const KEPT_INPUT_LIFETIME: time::Duration = time::Duration::days(2);

impl Db {
    /// Keeps the body of a save under the hash of a one-time token (the token travels in the
    /// link back to the page after logging in). Older kept texts are purged on the way.
    pub async fn keep_input(
        &self,
        token: &str,
        dossier_id: Uuid,
        section: &str,
        body: &str,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        let now = stored(now);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query("DELETE FROM kept_inputs WHERE created_at < $1")
                .bind(now - KEPT_INPUT_LIFETIME)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "INSERT INTO kept_inputs (token_hash, dossier_id, section, body, created_at) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(crate::auth::tokens::hash(token))
            .bind(dossier_id)
            .bind(section)
            .bind(body)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// The kept text of a token for this dossier section, if it is still there; it is then
    /// removed (given back once).
    pub async fn take_kept_input(
        &self,
        token: &str,
        dossier_id: Uuid,
        section: &str,
    ) -> Result<Option<KeptInput>, sqlx::Error> {
        let cutoff = stored(OffsetDateTime::now_utc()) - KEPT_INPUT_LIFETIME;
        with_db!(self, pool => {
            sqlx::query_as(
                "DELETE FROM kept_inputs WHERE token_hash = $1 AND dossier_id = $2 \
                 AND section = $3 AND created_at >= $4 RETURNING body, created_at",
            )
            .bind(crate::auth::tokens::hash(token))
            .bind(dossier_id)
            .bind(section)
            .bind(cutoff)
            .fetch_optional(pool)
            .await
        })
    }
}

impl Db {
    /// The person who started a dossier (none once their account is erased).
    pub async fn dossier_creator(&self, id: Uuid) -> Result<Option<Uuid>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_scalar("SELECT created_by FROM dossiers WHERE id = $1")
                .bind(id)
                .fetch_one(pool)
                .await
        })
    }
}
