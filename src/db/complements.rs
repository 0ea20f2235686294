//! Requests for a complement (a referent reopens named sections of a dossier for its candidate)
//! and the state moves of screening around them: taking a dossier into screening, asking for a
//! complement, sending it. Each move is one transaction with its history row (and audit entry,
//! message, emails where it has them).

use sqlx::FromRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::exchanges::{InsertMessage, NewMessage};
use super::outbox::QueueEmail;
use super::{Db, WritePool, stored, with_db};
use crate::domain::dossier::DossierState;
use crate::mail::RenderedEmail;

/// A request for a complement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Complement {
    pub id: Uuid,
    pub dossier_id: Uuid,
    pub requested_by: Option<Uuid>,
    /// The referent's name (none once their account was erased).
    pub requested_by_name: Option<String>,
    pub requested_at: OffsetDateTime,
    /// The keys of the sections reopened, in the form's order as the referent ticked them.
    pub sections: Vec<String>,
    pub message: String,
    pub answered_at: Option<OffsetDateTime>,
}

#[derive(FromRow)]
struct ComplementRow {
    id: Uuid,
    dossier_id: Uuid,
    requested_by: Option<Uuid>,
    requested_by_name: Option<String>,
    requested_at: OffsetDateTime,
    sections: String,
    message: String,
    answered_at: Option<OffsetDateTime>,
}

impl From<ComplementRow> for Complement {
    fn from(row: ComplementRow) -> Self {
        Complement {
            id: row.id,
            dossier_id: row.dossier_id,
            requested_by: row.requested_by,
            requested_by_name: row.requested_by_name,
            requested_at: row.requested_at,
            sections: row
                .sections
                .split(',')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            message: row.message,
            answered_at: row.answered_at,
        }
    }
}

macro_rules! complement_select {
    ($tail:literal) => {
        concat!(
            "SELECT c.id, c.dossier_id, c.requested_by, u.display_name AS requested_by_name, \
             c.requested_at, c.sections, c.message, c.answered_at FROM dossier_complements c \
             LEFT JOIN users u ON u.id = c.requested_by ",
            $tail
        )
    };
}

/// A request to record: the dossier's move, the request and the message to the candidate.
pub struct NewComplement<'a> {
    pub dossier_id: Uuid,
    /// The state the dossier was read in (submitted or screening).
    pub from: DossierState,
    pub by: Uuid,
    pub client: &'a str,
    pub sections: &'a [String],
    /// The message posted in the thread (its body is the request's message), with the emails
    /// it sends to the candidate's organisation.
    pub message: &'a NewMessage<'a>,
}

/// The candidate's complement, sent: the dossier's move and the emails to the referents.
pub struct SentComplement<'a> {
    pub dossier_id: Uuid,
    pub complement_id: Option<Uuid>,
    pub by: Uuid,
    pub notify: &'a [(String, RenderedEmail)],
    pub kind: &'a str,
    pub at: OffsetDateTime,
}

/// The state change, guarded by the state read, with its history row: one text for every move
/// of this module.
const MOVE_SQL: &str = "UPDATE dossiers SET state = $3, version = version + 1, updated_by = $4, \
                        updated_at = $5 WHERE id = $1 AND state = $2";
const EVENT_SQL: &str = "INSERT INTO dossier_events (id, dossier_id, at, actor_id, kind, \
                         from_state, to_state, note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

impl Db {
    /// The open request of a dossier (not answered yet), if any.
    pub async fn open_complement(
        &self,
        dossier_id: Uuid,
    ) -> Result<Option<Complement>, sqlx::Error> {
        let row: Option<ComplementRow> = with_db!(self, pool => {
            sqlx::query_as(complement_select!(
                "WHERE c.dossier_id = $1 AND c.answered_at IS NULL \
                 ORDER BY c.requested_at DESC, c.id DESC LIMIT 1"
            ))
            .bind(dossier_id)
            .fetch_optional(pool)
            .await
        })?;
        Ok(row.map(Complement::from))
    }

    /// Every request made on a dossier, oldest first.
    pub async fn complements(&self, dossier_id: Uuid) -> Result<Vec<Complement>, sqlx::Error> {
        let rows: Vec<ComplementRow> = with_db!(self, pool => {
            sqlx::query_as(complement_select!(
                "WHERE c.dossier_id = $1 ORDER BY c.requested_at, c.id"
            ))
            .bind(dossier_id)
            .fetch_all(pool)
            .await
        })?;
        Ok(rows.into_iter().map(Complement::from).collect())
    }

    /// Takes a submitted dossier into screening: the state, a `screening_started` history row,
    /// an audit entry. False when the dossier is no longer submitted.
    pub async fn take_into_screening(
        &self,
        dossier_id: Uuid,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let now = stored(now);
        let (from, to) = (DossierState::Submitted, DossierState::Screening);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let moved = sqlx::query(MOVE_SQL)
                .bind(dossier_id)
                .bind(from.code())
                .bind(to.code())
                .bind(by)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            if moved.rows_affected() != 1 {
                return Ok(false);
            }
            sqlx::query(EVENT_SQL)
                .bind(Uuid::now_v7())
                .bind(dossier_id)
                .bind(now)
                .bind(by)
                .bind("screening_started")
                .bind(from.code())
                .bind(to.code())
                .bind(None::<String>)
                .execute(&mut *tx)
                .await?;
            let detail = serde_json::json!({ "dossier": dossier_id });
            let event = AuditEvent::by(by, "dossier.screening_started", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(true)
        })
    }

    /// Records a request for a complement in one transaction: the dossier to
    /// `correction_requested`, a `complement_requested` history row (its note: the section
    /// keys), the request, the message in the thread with its emails, an audit entry. `None`
    /// when the dossier left the state it was read in.
    pub async fn request_complement(
        &self,
        new: &NewComplement<'_>,
    ) -> Result<Option<Uuid>, sqlx::Error> {
        let now = stored(new.message.at);
        let to = DossierState::CorrectionRequested;
        let id = Uuid::now_v7();
        let message_id = Uuid::now_v7();
        let sections = new.sections.join(",");
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let moved = sqlx::query(MOVE_SQL)
                .bind(new.dossier_id)
                .bind(new.from.code())
                .bind(to.code())
                .bind(new.by)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            if moved.rows_affected() != 1 {
                return Ok(None);
            }
            sqlx::query(EVENT_SQL)
                .bind(Uuid::now_v7())
                .bind(new.dossier_id)
                .bind(now)
                .bind(new.by)
                .bind("complement_requested")
                .bind(new.from.code())
                .bind(to.code())
                .bind(&sections)
                .execute(&mut *tx)
                .await?;
            tx.insert_message(message_id, new.message).await?;
            sqlx::query(
                "INSERT INTO dossier_complements (id, dossier_id, requested_by, requested_at, \
                 sections, message, message_id) VALUES ($1, $2, $3, $4, $5, $6, $7)",
            )
            .bind(id)
            .bind(new.dossier_id)
            .bind(new.by)
            .bind(now)
            .bind(&sections)
            .bind(new.message.body)
            .bind(message_id)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({
                "dossier": new.dossier_id, "sections": new.sections,
            });
            let event = AuditEvent::by(new.by, "dossier.complement_requested", new.client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(Some(id))
        })
    }

    /// Records the candidate's complement in one transaction: the dossier back to screening
    /// (its submission date untouched), the request answered, a `complement_sent` history row,
    /// the emails to the referents. False when the dossier no longer awaits a complement.
    pub async fn send_complement(&self, sent: &SentComplement<'_>) -> Result<bool, sqlx::Error> {
        let now = stored(sent.at);
        let from = DossierState::CorrectionRequested;
        let to = DossierState::Screening;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let moved = sqlx::query(MOVE_SQL)
                .bind(sent.dossier_id)
                .bind(from.code())
                .bind(to.code())
                .bind(sent.by)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            if moved.rows_affected() != 1 {
                return Ok(false);
            }
            if let Some(complement) = sent.complement_id {
                sqlx::query(
                    "UPDATE dossier_complements SET answered_at = $2, answered_by = $3 \
                     WHERE id = $1 AND answered_at IS NULL",
                )
                .bind(complement)
                .bind(now)
                .bind(sent.by)
                .execute(&mut *tx)
                .await?;
            }
            sqlx::query(EVENT_SQL)
                .bind(Uuid::now_v7())
                .bind(sent.dossier_id)
                .bind(now)
                .bind(sent.by)
                .bind("complement_sent")
                .bind(from.code())
                .bind(to.code())
                .bind(None::<String>)
                .execute(&mut *tx)
                .await?;
            for (to, email) in sent.notify {
                tx.queue_email(to, sent.kind, email, now).await?;
            }
            tx.commit().await?;
            Ok(true)
        })
    }
}
