//! The call's institutional partners (objective 5 of the call), which the steering group adds,
//! changes and removes, and /partenaires lists; each change is in the audit journal.

use sqlx::FromRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::{Db, WritePool, fetch_as, stored, with_db};
use crate::domain::partner::Partner;

/// A partner as stored.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct PartnerRow {
    pub id: Uuid,
    pub name: String,
    /// A code of src/domain/partner.rs `PartnerKind`.
    pub kind: String,
    pub website: String,
    pub description: String,
    pub updated_at: OffsetDateTime,
}

/// Who changes the list, for the audit journal.
pub struct PartnerChange<'a> {
    pub by: Uuid,
    pub client: &'a str,
}

const COLUMNS: &str = "id, name, kind, website, description, updated_at";

impl Db {
    /// The partners of a call, by kind code then name (the page orders kinds itself).
    pub async fn partners(&self, call_id: Uuid) -> Result<Vec<PartnerRow>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM partners WHERE call_id = $1 ORDER BY kind, name");
        fetch_as!(self, sql, fetch_all, call_id)
    }

    pub async fn partner(
        &self,
        call_id: Uuid,
        id: Uuid,
    ) -> Result<Option<PartnerRow>, sqlx::Error> {
        let sql = format!("SELECT {COLUMNS} FROM partners WHERE call_id = $1 AND id = $2");
        fetch_as!(self, sql, fetch_optional, call_id, id)
    }

    /// Adds a partner to a call; returns its id.
    pub async fn add_partner(
        &self,
        call_id: Uuid,
        partner: &Partner,
        change: &PartnerChange<'_>,
        now: OffsetDateTime,
    ) -> Result<Uuid, sqlx::Error> {
        let at = stored(now);
        let id = Uuid::now_v7();
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO partners (id, call_id, name, kind, website, description, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
            )
            .bind(id)
            .bind(call_id)
            .bind(&partner.name)
            .bind(partner.kind.code())
            .bind(&partner.website)
            .bind(&partner.description)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            let event = AuditEvent::by(
                change.by,
                "call.partner.added",
                change.client,
                serde_json::json!({ "partner": id, "name": partner.name }),
            );
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(id)
        })
    }

    /// Changes a partner of a call; false when there is no such partner.
    pub async fn update_partner(
        &self,
        call_id: Uuid,
        id: Uuid,
        partner: &Partner,
        change: &PartnerChange<'_>,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let at = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "UPDATE partners SET name = $3, kind = $4, website = $5, description = $6, \
                 updated_at = $7 WHERE call_id = $1 AND id = $2",
            )
            .bind(call_id)
            .bind(id)
            .bind(&partner.name)
            .bind(partner.kind.code())
            .bind(&partner.website)
            .bind(&partner.description)
            .bind(at)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if done {
                let event = AuditEvent::by(
                    change.by,
                    "call.partner.changed",
                    change.client,
                    serde_json::json!({ "partner": id, "name": partner.name }),
                );
                tx.audit(&event, now).await?;
            }
            tx.commit().await?;
            Ok(done)
        })
    }

    /// Removes a partner of a call; false when there is no such partner.
    pub async fn remove_partner(
        &self,
        call_id: Uuid,
        id: Uuid,
        change: &PartnerChange<'_>,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let name: Option<String> =
                sqlx::query_scalar("SELECT name FROM partners WHERE call_id = $1 AND id = $2")
                    .bind(call_id)
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let Some(name) = name else { return Ok(false) };
            sqlx::query("DELETE FROM partners WHERE call_id = $1 AND id = $2")
                .bind(call_id)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            let event = AuditEvent::by(
                change.by,
                "call.partner.removed",
                change.client,
                serde_json::json!({ "partner": id, "name": name }),
            );
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(true)
        })
    }
}
