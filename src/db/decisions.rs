//! Selection in the database: each track's territorial rule, the decisions the steering group
//! prepares, and their release — the only moment a dossier's state changes to its outcome, its
//! history says so and the candidate's decision email is queued.

use sqlx::FromRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::outbox::QueueEmail;
use super::{Db, WritePool, stored, with_db};
use crate::mail::RenderedEmail;

/// A decision as stored.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct StoredDecision {
    pub dossier_id: Uuid,
    pub outcome: String,
    pub motivation: String,
    pub target_track: Option<String>,
    pub prepared_at: OffsetDateTime,
    pub released_at: Option<OffsetDateTime>,
}

/// A track's territorial rule.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SelectionRule {
    pub per_region: Option<i64>,
    /// `2011` or `current`.
    pub regions: String,
}

impl Default for SelectionRule {
    fn default() -> Self {
        SelectionRule { per_region: None, regions: "2011".to_owned() }
    }
}

/// A dossier of a track as the selection board needs it.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct BoardDossier {
    pub id: Uuid,
    pub reference: String,
    pub title: String,
    pub state: String,
    pub answers: sqlx::types::Json<serde_json::Value>,
    pub organisation_id: Uuid,
}

/// A decision to release, with the emails to queue (one per member of the organisation).
pub struct Release<'a> {
    pub dossier_id: Uuid,
    pub from_state: &'a str,
    pub to_state: &'a str,
    pub note: &'a str,
    pub emails: &'a [(String, RenderedEmail)],
    pub kind: &'a str,
    /// The outcome's code, kept with the letters.
    pub outcome: &'a str,
    /// The letter in each language: (`fr`/`en`, subject, body), variables filled.
    pub letters: &'a [(&'a str, String, String)],
    /// For a redirection: the track the dossier moves to (history: `moved-to-<track>`).
    pub new_track: Option<&'a str>,
}

impl Db {
    pub async fn selection_rule(
        &self,
        call_id: Uuid,
        track: &str,
    ) -> Result<SelectionRule, sqlx::Error> {
        let found: Option<SelectionRule> = with_db!(self, pool => {
            sqlx::query_as(
                "SELECT per_region, regions FROM selection_rules WHERE call_id = $1 AND track = $2",
            )
            .bind(call_id)
            .bind(track)
            .fetch_optional(pool)
            .await?
        });
        Ok(found.unwrap_or_default())
    }

    pub async fn set_selection_rule(
        &self,
        call_id: Uuid,
        track: &str,
        rule: &SelectionRule,
    ) -> Result<(), sqlx::Error> {
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            sqlx::query(
                "INSERT INTO selection_rules (call_id, track, per_region, regions) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (call_id, track) DO UPDATE SET \
                 per_region = excluded.per_region, regions = excluded.regions",
            )
            .bind(call_id)
            .bind(track)
            .bind(rule.per_region)
            .bind(&rule.regions)
            .execute(pool)
            .await
            .map(|_| ())
        })
    }

    /// The submitted dossiers of a track (not drafts, not withdrawn), by reference.
    pub async fn board_dossiers(
        &self,
        call_id: Uuid,
        track: &str,
    ) -> Result<Vec<BoardDossier>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT id, reference, title, state, answers, organisation_id FROM dossiers \
                 WHERE call_id = $1 AND track = $2 AND state NOT IN ('draft', 'withdrawn') \
                 ORDER BY reference",
            )
            .bind(call_id)
            .bind(track)
            .fetch_all(pool)
            .await
        })
    }

    /// The decisions of a call's dossiers.
    pub async fn decisions(&self, call_id: Uuid) -> Result<Vec<StoredDecision>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT x.dossier_id, x.outcome, x.motivation, x.target_track, x.prepared_at, \
                 x.released_at FROM decisions x JOIN dossiers d ON d.id = x.dossier_id \
                 WHERE d.call_id = $1",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await
        })
    }

    pub async fn decision(&self, dossier_id: Uuid) -> Result<Option<StoredDecision>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT dossier_id, outcome, motivation, target_track, prepared_at, released_at \
                 FROM decisions WHERE dossier_id = $1",
            )
            .bind(dossier_id)
            .fetch_optional(pool)
            .await
        })
    }

    /// Prepares (or changes, until released) the decision of a dossier. Audited. False when the
    /// decision was already released (a released decision does not change here) — except a
    /// released redirection: the dossier is then decided again in its new track.
    #[allow(clippy::too_many_arguments, reason = "one statement of the decision")]
    pub async fn prepare_decision(
        &self,
        dossier_id: Uuid,
        outcome: &str,
        motivation: &str,
        target_track: Option<&str>,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let now = stored(now);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let changed = sqlx::query(
                "INSERT INTO decisions (dossier_id, outcome, motivation, target_track, prepared_at, \
                 prepared_by) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dossier_id) DO UPDATE \
                 SET outcome = excluded.outcome, motivation = excluded.motivation, \
                 target_track = excluded.target_track, prepared_at = excluded.prepared_at, \
                 prepared_by = excluded.prepared_by, released_at = NULL, released_by = NULL \
                 WHERE decisions.released_at IS NULL OR (decisions.outcome = 'redirected' \
                 AND decisions.target_track = (SELECT track FROM dossiers WHERE id = $1))",
            )
            .bind(dossier_id)
            .bind(outcome)
            .bind(motivation)
            .bind(target_track)
            .bind(now)
            .bind(by)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if changed == 1 {
                let detail = serde_json::json!({ "dossier": dossier_id, "outcome": outcome });
                let event = AuditEvent::by(by, "decision.prepared", client, detail);
                tx.audit(&event, now).await?;
            }
            tx.commit().await?;
            Ok(changed == 1)
        })
    }

    /// Releases a prepared decision, in one transaction: the dossier's new state (and track, for
    /// a redirection), history rows, the letters, the decision emails, `released_at`. False when there was nothing to release (no
    /// decision, already released, or the dossier moved meanwhile).
    pub async fn release_decision(
        &self,
        release: &Release<'_>,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let now = stored(now);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let marked = sqlx::query(
                "UPDATE decisions SET released_at = $2, released_by = $3 \
                 WHERE dossier_id = $1 AND released_at IS NULL",
            )
            .bind(release.dossier_id)
            .bind(now)
            .bind(by)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if marked != 1 {
                return Ok(false);
            }
            let moved = sqlx::query(
                "UPDATE dossiers SET state = $3, track = COALESCE($6, track), \
                 version = version + 1, updated_by = $4, updated_at = $5 \
                 WHERE id = $1 AND state = $2",
            )
            .bind(release.dossier_id)
            .bind(release.from_state)
            .bind(release.to_state)
            .bind(by)
            .bind(now)
            .bind(release.new_track)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if moved != 1 {
                tx.rollback().await?;
                return Ok(false);
            }
            sqlx::query(
                "INSERT INTO dossier_events (id, dossier_id, at, actor_id, kind, from_state, \
                 to_state, note) VALUES ($1, $2, $3, $4, 'decision', $5, $6, $7)",
            )
            .bind(Uuid::now_v7())
            .bind(release.dossier_id)
            .bind(now)
            .bind(by)
            .bind(release.from_state)
            .bind(release.to_state)
            .bind(release.note)
            .execute(&mut *tx)
            .await?;
            if let Some(track) = release.new_track {
                sqlx::query(
                    "INSERT INTO dossier_events (id, dossier_id, at, actor_id, kind, from_state, \
                     to_state) VALUES ($1, $2, $3, $4, $5, $6, $6)",
                )
                .bind(Uuid::now_v7())
                .bind(release.dossier_id)
                .bind(now)
                .bind(by)
                .bind(format!("moved-to-{track}"))
                .bind(release.to_state)
                .execute(&mut *tx)
                .await?;
            }
            for (lang, subject, body) in release.letters {
                sqlx::query(
                    "INSERT INTO decision_letters (id, dossier_id, released_at, lang, outcome, \
                     subject, body) VALUES ($7, $1, $2, $3, $4, $5, $6)",
                )
                .bind(release.dossier_id)
                .bind(now)
                .bind(*lang)
                .bind(release.outcome)
                .bind(subject)
                .bind(body)
                .bind(Uuid::now_v7())
                .execute(&mut *tx)
                .await?;
            }
            for (to, email) in release.emails {
                tx.queue_email(to, release.kind, email, now).await?;
            }
            let detail = serde_json::json!({
                "dossier": release.dossier_id,
                "state": release.to_state,
                "track": release.new_track,
            });
            let event = AuditEvent::by(by, "decision.released", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(true)
        })
    }
}
