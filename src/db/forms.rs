//! Published form revisions: the schema of each track's form, as the source text the steering
//! group imported. A revision is never changed once published; publishing makes a new one.

use sha2::{Digest, Sha256};
use sqlx::FromRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::{Db, WritePool, with_db};

/// One published revision of a track's form.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct FormRevision {
    pub id: Uuid,
    pub call_id: Uuid,
    pub track: String,
    pub revision: i64,
    pub source: String,
    pub sha256: String,
    pub published_at: OffsetDateTime,
}

/// The columns of `FormRevision`, for `concat!` (SQL is never built with `format!`).
macro_rules! columns {
    () => {
        "id, call_id, track, revision, source, sha256, published_at"
    };
}

impl Db {
    /// Publishes `source` as the next revision of a track's form, unless it is the same text as
    /// the current revision (then the current one is returned). Returns the revision in force.
    pub async fn publish_form(
        &self,
        call_id: Uuid,
        track: &str,
        source: &str,
        by: Option<Uuid>,
        now: OffsetDateTime,
    ) -> Result<FormRevision, sqlx::Error> {
        let sha256 = hex::encode(Sha256::digest(source.as_bytes()));
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let current: Option<FormRevision> = sqlx::query_as(concat!(
                "SELECT ",
                columns!(),
                " FROM form_revisions WHERE call_id = $1 AND track = $2 \
                 ORDER BY revision DESC LIMIT 1"
            ))
            .bind(call_id)
            .bind(track)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(current) = current.as_ref().filter(|c| c.sha256 == sha256) {
                return Ok(current.clone());
            }
            let revision = current.map_or(1, |c| c.revision + 1);
            let published: FormRevision = sqlx::query_as(concat!(
                "INSERT INTO form_revisions (id, call_id, track, revision, source, sha256, \
                 published_at, published_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                 RETURNING ",
                columns!()
            ))
            .bind(Uuid::now_v7())
            .bind(call_id)
            .bind(track)
            .bind(revision)
            .bind(source)
            .bind(&sha256)
            .bind(now)
            .bind(by)
            .fetch_one(&mut *tx)
            .await?;
            tx.commit().await?;
            Ok(published)
        })
    }

    /// The revision of a track's form that new dossiers start on: the latest one.
    pub async fn current_form(
        &self,
        call_id: Uuid,
        track: &str,
    ) -> Result<Option<FormRevision>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(concat!(
                "SELECT ",
                columns!(),
                " FROM form_revisions WHERE call_id = $1 AND track = $2 \
                 ORDER BY revision DESC LIMIT 1"
            ))
            .bind(call_id)
            .bind(track)
            .fetch_optional(pool)
            .await
        })
    }

    /// One revision, by id (a dossier names the revision it was started on).
    pub async fn form_revision(&self, id: Uuid) -> Result<Option<FormRevision>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(concat!("SELECT ",
                columns!(),
                " FROM form_revisions WHERE id = $1"))
                .bind(id)
                .fetch_optional(pool)
                .await
        })
    }
}
