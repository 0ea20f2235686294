//! Decision letters in the database: the versions of the texts the steering group writes per
//! outcome and language (who saved which, when), and the letters of released decisions, frozen
//! as they were sent (written by `release_decision` in `decisions.rs`).

use sqlx::FromRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::{Db, WritePool, stored, with_db};

/// A saved version of a letter's texts.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct LetterVersion {
    pub outcome: String,
    pub lang: String,
    pub subject: String,
    pub body: String,
    pub saved_at: OffsetDateTime,
    /// Who saved it, when the account still exists.
    pub saved_by: Option<String>,
}

/// The letter a dossier received, in one language.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ReleasedLetter {
    pub outcome: String,
    pub subject: String,
    pub body: String,
    pub released_at: OffsetDateTime,
}

/// A letter to save.
pub struct NewLetterVersion<'a> {
    pub call_id: Uuid,
    pub outcome: &'a str,
    pub lang: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
}

impl Db {
    /// Every saved version of a call's letters, newest first.
    pub async fn letter_versions(&self, call_id: Uuid) -> Result<Vec<LetterVersion>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT v.outcome, v.lang, v.subject, v.body, v.saved_at, u.display_name AS saved_by \
                 FROM decision_letter_versions v LEFT JOIN users u ON u.id = v.saved_by \
                 WHERE v.call_id = $1 ORDER BY v.saved_at DESC, v.id DESC",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await
        })
    }

    /// Saves a new version of a letter (the older ones are kept). Audited.
    pub async fn save_letter_version(
        &self,
        letter: &NewLetterVersion<'_>,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        let now = stored(now);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO decision_letter_versions (id, call_id, outcome, lang, subject, body, \
                 saved_at, saved_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(Uuid::now_v7())
            .bind(letter.call_id)
            .bind(letter.outcome)
            .bind(letter.lang)
            .bind(letter.subject)
            .bind(letter.body)
            .bind(now)
            .bind(by)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "outcome": letter.outcome, "lang": letter.lang });
            let event = AuditEvent::by(by, "decision.letter-saved", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(())
        })
    }

    /// The letter of a dossier's latest released decision, in a language.
    pub async fn released_letter(
        &self,
        dossier_id: Uuid,
        lang: &str,
    ) -> Result<Option<ReleasedLetter>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT outcome, subject, body, released_at FROM decision_letters \
                 WHERE dossier_id = $1 AND lang = $2 ORDER BY released_at DESC, id DESC LIMIT 1",
            )
            .bind(dossier_id)
            .bind(lang)
            .fetch_optional(pool)
            .await
        })
    }
}
