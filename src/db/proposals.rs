//! The costed proposal in the database: the selected dossiers it counts (decisions retenu and
//! retenu sous réserve, prepared or released), the envelope of a call, and the scenarios with
//! the amount each grants to each dossier. Every change is audited.

use sqlx::FromRow;
use sqlx::types::Json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::{Db, WritePool, fetch_as, stored, with_db};
use crate::domain::money::Money;

/// A dossier with a selection decision, prepared or released.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct SelectedDossier {
    pub id: Uuid,
    pub reference: String,
    pub title: String,
    pub track: String,
    pub answers: Json<serde_json::Value>,
    pub organisation: String,
    /// `selected` or `selected-with-conditions`.
    pub outcome: String,
    /// None while the decision is only prepared.
    pub released_at: Option<OffsetDateTime>,
}

/// A scenario as stored, without its lines.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct StoredScenario {
    pub id: Uuid,
    pub name: String,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
    /// Who saved it last; None once that account is erased.
    pub updated_by_name: Option<String>,
}

/// A dossier of a scenario and the amount granted to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScenarioLine {
    pub scenario_id: Uuid,
    pub dossier_id: Uuid,
    pub granted: Money,
}

#[derive(FromRow)]
struct LineRow {
    scenario_id: Uuid,
    dossier_id: Uuid,
    granted_cents: i64,
}

impl From<LineRow> for ScenarioLine {
    fn from(row: LineRow) -> ScenarioLine {
        ScenarioLine {
            scenario_id: row.scenario_id,
            dossier_id: row.dossier_id,
            granted: Money::from_cents(row.granted_cents),
        }
    }
}

/// A scenario to save: a new one (`id` None) or a change of one of the call.
pub struct ScenarioSave<'a> {
    pub id: Option<Uuid>,
    pub call_id: Uuid,
    pub name: &'a str,
    /// Each dossier kept, with the amount granted.
    pub lines: &'a [(Uuid, Money)],
    pub by: Uuid,
    pub client: &'a str,
}

/// What saving a scenario did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    /// Saved under this id.
    Saved(Uuid),
    /// Another scenario of the call has this name.
    NameTaken,
    /// The scenario to change does not exist (any more) in this call.
    Missing,
}

const SCENARIO_COLUMNS: &str = "s.id, s.name, s.created_at, s.updated_at, \
     u.display_name AS updated_by_name FROM proposal_scenarios s \
     LEFT JOIN users u ON u.id = s.updated_by";

impl Db {
    /// The dossiers of a call with a decision retenu or retenu sous réserve, prepared or
    /// released, by reference.
    pub async fn proposal_dossiers(
        &self,
        call_id: Uuid,
    ) -> Result<Vec<SelectedDossier>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT d.id, d.reference, d.title, d.track, d.answers, o.name AS organisation, \
                 x.outcome, x.released_at FROM decisions x \
                 JOIN dossiers d ON d.id = x.dossier_id \
                 JOIN organisations o ON o.id = d.organisation_id \
                 WHERE d.call_id = $1 AND x.outcome IN ('selected', 'selected-with-conditions') \
                 ORDER BY d.reference",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await
        })
    }

    /// The envelope set for a call's proposal, if any.
    pub async fn proposal_envelope(&self, call_id: Uuid) -> Result<Option<Money>, sqlx::Error> {
        let cents: Option<i64> = with_db!(self, pool => {
            sqlx::query_scalar("SELECT amount_cents FROM proposal_envelopes WHERE call_id = $1")
                .bind(call_id)
                .fetch_optional(pool)
                .await?
        });
        Ok(cents.map(Money::from_cents))
    }

    /// Sets the envelope of a call's proposal. Audited.
    pub async fn set_proposal_envelope(
        &self,
        call_id: Uuid,
        amount: Money,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        let now = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO proposal_envelopes (call_id, amount_cents, updated_at, updated_by) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (call_id) DO UPDATE SET \
                 amount_cents = excluded.amount_cents, updated_at = excluded.updated_at, \
                 updated_by = excluded.updated_by",
            )
            .bind(call_id)
            .bind(amount.cents())
            .bind(now)
            .bind(by)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({ "call": call_id, "amount_cents": amount.cents() });
            tx.audit(&AuditEvent::by(by, "proposal.envelope_set", client, detail), now).await?;
            tx.commit().await
        })
    }

    /// The scenarios of a call, oldest first.
    pub async fn proposal_scenarios(
        &self,
        call_id: Uuid,
    ) -> Result<Vec<StoredScenario>, sqlx::Error> {
        let sql =
            format!("SELECT {SCENARIO_COLUMNS} WHERE s.call_id = $1 ORDER BY s.created_at, s.name");
        fetch_as!(self, sql, fetch_all, call_id)
    }

    /// A scenario of a call.
    pub async fn proposal_scenario(
        &self,
        call_id: Uuid,
        id: Uuid,
    ) -> Result<Option<StoredScenario>, sqlx::Error> {
        let sql = format!("SELECT {SCENARIO_COLUMNS} WHERE s.call_id = $1 AND s.id = $2");
        fetch_as!(self, sql, fetch_optional, call_id, id)
    }

    /// The lines of every scenario of a call.
    pub async fn proposal_scenario_lines(
        &self,
        call_id: Uuid,
    ) -> Result<Vec<ScenarioLine>, sqlx::Error> {
        let rows: Vec<LineRow> = with_db!(self, pool => {
            sqlx::query_as(
                "SELECT l.scenario_id, l.dossier_id, l.granted_cents \
                 FROM proposal_scenario_lines l \
                 JOIN proposal_scenarios s ON s.id = l.scenario_id WHERE s.call_id = $1",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().map(ScenarioLine::from).collect())
    }

    /// Creates or changes a scenario: its name and all its lines, in one transaction. Audited
    /// (`proposal.scenario_created` or `proposal.scenario_updated`, with the count of dossiers
    /// and the total granted).
    pub async fn save_proposal_scenario(
        &self,
        save: &ScenarioSave<'_>,
        now: OffsetDateTime,
    ) -> Result<Saved, sqlx::Error> {
        let now = stored(now);
        let id = save.id.unwrap_or_else(Uuid::now_v7);
        let total: i64 = save.lines.iter().map(|(_, m)| m.cents()).fold(0, i64::saturating_add);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let taken: Option<Uuid> = sqlx::query_scalar(
                "SELECT id FROM proposal_scenarios WHERE call_id = $1 AND name = $2 AND id <> $3",
            )
            .bind(save.call_id)
            .bind(save.name)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            if taken.is_some() {
                tx.rollback().await?;
                return Ok(Saved::NameTaken);
            }
            let event = if save.id.is_some() {
                let changed = sqlx::query(
                    "UPDATE proposal_scenarios SET name = $3, updated_at = $4, updated_by = $5 \
                     WHERE id = $1 AND call_id = $2",
                )
                .bind(id)
                .bind(save.call_id)
                .bind(save.name)
                .bind(now)
                .bind(save.by)
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if changed != 1 {
                    tx.rollback().await?;
                    return Ok(Saved::Missing);
                }
                sqlx::query("DELETE FROM proposal_scenario_lines WHERE scenario_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                "proposal.scenario_updated"
            } else {
                sqlx::query(
                    "INSERT INTO proposal_scenarios (id, call_id, name, created_at, created_by, \
                     updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $4, $5)",
                )
                .bind(id)
                .bind(save.call_id)
                .bind(save.name)
                .bind(now)
                .bind(save.by)
                .execute(&mut *tx)
                .await?;
                "proposal.scenario_created"
            };
            for (dossier, granted) in save.lines {
                sqlx::query(
                    "INSERT INTO proposal_scenario_lines (scenario_id, dossier_id, granted_cents) \
                     VALUES ($1, $2, $3)",
                )
                .bind(id)
                .bind(dossier)
                .bind(granted.cents())
                .execute(&mut *tx)
                .await?;
            }
            let detail = serde_json::json!({
                "scenario": id,
                "name": save.name,
                "dossiers": save.lines.len(),
                "granted_cents": total,
            });
            tx.audit(&AuditEvent::by(save.by, event, save.client, detail), now).await?;
            tx.commit().await?;
            Ok(Saved::Saved(id))
        })
    }

    /// Deletes a scenario of a call and its lines. Audited. False when there was none.
    pub async fn delete_proposal_scenario(
        &self,
        call_id: Uuid,
        id: Uuid,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let now = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let name: Option<String> = sqlx::query_scalar(
                "SELECT name FROM proposal_scenarios WHERE id = $1 AND call_id = $2",
            )
            .bind(id)
            .bind(call_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(name) = name else {
                tx.rollback().await?;
                return Ok(false);
            };
            sqlx::query("DELETE FROM proposal_scenario_lines WHERE scenario_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM proposal_scenarios WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let detail = serde_json::json!({ "scenario": id, "name": name });
            let event = AuditEvent::by(by, "proposal.scenario_deleted", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(true)
        })
    }
}
