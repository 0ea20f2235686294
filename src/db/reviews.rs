//! Screening step 2 in the database: the call's evaluation grid (published revisions, the 2011
//! grid installed on first use), the review phase, reviewer assignments, declared conflicts of
//! interest, and the reviews themselves.

use sha2::{Digest, Sha256};
use sqlx::FromRow;
use sqlx::types::Json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::{Db, WritePool, stored, with_db};

/// A published grid revision.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct GridRevision {
    pub id: Uuid,
    pub revision: i64,
    pub source: String,
}

/// The review phase of a call (`review_phases`); closed and blind until the steering group
/// sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromRow)]
pub struct ReviewPhase {
    pub open: bool,
    pub blind: bool,
    pub reviewers_per_dossier: i64,
    pub exclude_own_network: bool,
}

impl Default for ReviewPhase {
    fn default() -> Self {
        ReviewPhase {
            open: false,
            blind: true,
            reviewers_per_dossier: 2,
            exclude_own_network: false,
        }
    }
}

/// A submitted review as stored.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct StoredReview {
    pub id: Uuid,
    pub dossier_id: Uuid,
    pub reviewer_id: Option<Uuid>,
    pub reviewer_name: String,
    pub grid_revision_id: Uuid,
    pub scores: Json<std::collections::BTreeMap<String, u8>>,
    pub bonus: Json<Vec<String>>,
    pub recommendation: String,
    pub comment: String,
    pub total_centi: i64,
    pub bonus_points: i64,
    pub submitted_at: OffsetDateTime,
}

/// A review to write.
pub struct NewReview<'a> {
    pub dossier_id: Uuid,
    pub reviewer_id: Uuid,
    pub reviewer_name: &'a str,
    pub grid_revision_id: Uuid,
    pub scores: &'a std::collections::BTreeMap<String, u8>,
    pub bonus: &'a [String],
    pub recommendation: &'a str,
    pub comment: &'a str,
    pub total_centi: i64,
    pub bonus_points: i64,
    pub at: OffsetDateTime,
}

/// Someone who may review: the back office's reviewers and referents.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Reviewer {
    pub id: Uuid,
    pub display_name: String,
    pub email: String,
    /// The network of a referent.
    pub network: Option<String>,
}

/// A line of a reviewer's queue.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct QueueLine {
    pub dossier_id: Uuid,
    pub reference: String,
    pub title: String,
    pub track: String,
    pub submitted_at: Option<OffsetDateTime>,
}

/// An assignment of a dossier, for the automatic assignment: the dossier, its network, and its
/// current reviewers.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct DossierToReview {
    pub id: Uuid,
    pub network: Option<String>,
}

impl Db {
    /// The id of the call's current grid revision (its text is read by `grid_revision`, once
    /// per server); the bundled 2011 grid becomes revision 1 when there is none.
    pub async fn current_grid(
        &self,
        call_id: Uuid,
        now: OffsetDateTime,
    ) -> Result<Uuid, sqlx::Error> {
        const SELECT: &str =
            "SELECT id FROM grid_revisions WHERE call_id = $1 ORDER BY revision DESC LIMIT 1";
        let found: Option<Uuid> = with_db!(self, pool => {
            sqlx::query_scalar(SELECT).bind(call_id).fetch_optional(pool).await?
        });
        if let Some(found) = found {
            return Ok(found);
        }
        let source = crate::domain::review::SOURCE_2011;
        let sha256 = hex::encode(Sha256::digest(source.as_bytes()));
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            sqlx::query(
                "INSERT INTO grid_revisions (id, call_id, revision, source, sha256, published_at) \
                 VALUES ($1, $2, 1, $3, $4, $5) ON CONFLICT (call_id, revision) DO NOTHING",
            )
            .bind(Uuid::now_v7())
            .bind(call_id)
            .bind(source)
            .bind(sha256)
            .bind(stored(now))
            .execute(pool)
            .await?;
            sqlx::query_scalar(SELECT).bind(call_id).fetch_one(pool).await
        })
    }

    pub async fn grid_revision(&self, id: Uuid) -> Result<Option<GridRevision>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as("SELECT id, revision, source FROM grid_revisions WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await
        })
    }

    pub async fn review_phase(&self, call_id: Uuid) -> Result<ReviewPhase, sqlx::Error> {
        let found: Option<ReviewPhase> = with_db!(self, pool => {
            sqlx::query_as(
                "SELECT open, blind, reviewers_per_dossier, exclude_own_network \
                 FROM review_phases WHERE call_id = $1",
            )
            .bind(call_id)
            .fetch_optional(pool)
            .await?
        });
        Ok(found.unwrap_or_default())
    }

    /// Sets the review phase. Audited.
    pub async fn set_review_phase(
        &self,
        call_id: Uuid,
        phase: &ReviewPhase,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        let now = stored(now);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO review_phases (call_id, open, blind, reviewers_per_dossier, \
                 exclude_own_network, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (call_id) DO UPDATE SET open = excluded.open, blind = excluded.blind, \
                 reviewers_per_dossier = excluded.reviewers_per_dossier, \
                 exclude_own_network = excluded.exclude_own_network, \
                 updated_at = excluded.updated_at, updated_by = excluded.updated_by",
            )
            .bind(call_id)
            .bind(phase.open)
            .bind(phase.blind)
            .bind(phase.reviewers_per_dossier)
            .bind(phase.exclude_own_network)
            .bind(now)
            .bind(by)
            .execute(&mut *tx)
            .await?;
            let detail = serde_json::json!({
                "open": phase.open, "blind": phase.blind,
                "reviewers_per_dossier": phase.reviewers_per_dossier,
                "exclude_own_network": phase.exclude_own_network,
            });
            let event = AuditEvent::by(by, "reviews.phase_set", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await
        })
    }

    /// Everyone who may be given dossiers to review: reviewers and referents, not disabled.
    pub async fn reviewers(&self) -> Result<Vec<Reviewer>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT u.id, u.display_name, u.email, MAX(n.slug) AS network FROM users u \
                 JOIN user_roles r ON r.user_id = u.id LEFT JOIN networks n ON n.id = r.network_id \
                 WHERE r.role IN ('reviewer', 'referent') AND u.disabled_at IS NULL \
                 GROUP BY u.id, u.display_name, u.email ORDER BY u.display_name, u.email",
            )
            .fetch_all(pool)
            .await
        })
    }

    /// The reviewers assigned to a dossier, by name.
    pub async fn assigned_reviewers(&self, dossier_id: Uuid) -> Result<Vec<Reviewer>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT u.id, u.display_name, u.email, NULL AS network FROM review_assignments a \
                 JOIN users u ON u.id = a.reviewer_id WHERE a.dossier_id = $1 \
                 ORDER BY u.display_name, u.email",
            )
            .bind(dossier_id)
            .fetch_all(pool)
            .await
        })
    }

    pub async fn is_assigned(&self, dossier_id: Uuid, reviewer: Uuid) -> Result<bool, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM review_assignments WHERE dossier_id = $1 AND reviewer_id = $2",
            )
            .bind(dossier_id)
            .bind(reviewer)
            .fetch_one(pool)
            .await
            .map(|n| n > 0)
        })
    }

    /// Assigns reviewers to dossiers (pairs already assigned or in conflict are skipped).
    /// Returns how many were added. Audited once.
    pub async fn assign_reviewers(
        &self,
        pairs: &[(Uuid, Uuid)],
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<u64, sqlx::Error> {
        let now = stored(now);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut added = 0;
            for (dossier, reviewer) in pairs {
                added += sqlx::query(
                    "INSERT INTO review_assignments (dossier_id, reviewer_id, assigned_at, \
                     assigned_by) SELECT $1, $2, $3, $4 WHERE NOT EXISTS (SELECT 1 FROM \
                     conflicts_of_interest c WHERE c.dossier_id = $1 AND c.reviewer_id = $2) \
                     ON CONFLICT (dossier_id, reviewer_id) DO NOTHING",
                )
                .bind(dossier)
                .bind(reviewer)
                .bind(now)
                .bind(by)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            }
            let detail = serde_json::json!({ "requested": pairs.len(), "added": added });
            let event = AuditEvent::by(by, "reviews.assigned", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(added)
        })
    }

    /// A reviewer declares a conflict of interest: they are no longer assigned the dossier.
    pub async fn declare_conflict(
        &self,
        dossier_id: Uuid,
        reviewer: Uuid,
        reason: &str,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        let now = stored(now);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO conflicts_of_interest (dossier_id, reviewer_id, declared_at, reason) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT (dossier_id, reviewer_id) DO NOTHING",
            )
            .bind(dossier_id)
            .bind(reviewer)
            .bind(now)
            .bind(reason)
            .execute(&mut *tx)
            .await?;
            sqlx::query("DELETE FROM review_assignments WHERE dossier_id = $1 AND reviewer_id = $2")
                .bind(dossier_id)
                .bind(reviewer)
                .execute(&mut *tx)
                .await?;
            tx.commit().await
        })
    }

    /// The declared conflicts: (dossier, reviewer) pairs.
    pub async fn conflicts(&self) -> Result<Vec<(Uuid, Uuid)>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as("SELECT dossier_id, reviewer_id FROM conflicts_of_interest")
                .fetch_all(pool)
                .await
        })
    }

    /// The submitted dossiers of a call awaiting screening, with their network, for the
    /// automatic assignment; and all current assignments as (dossier, reviewer) pairs.
    pub async fn dossiers_to_review(
        &self,
        call_id: Uuid,
    ) -> Result<(Vec<DossierToReview>, Vec<(Uuid, Uuid)>), sqlx::Error> {
        with_db!(self, pool => {
            let dossiers = sqlx::query_as(
                "SELECT d.id, n.slug AS network FROM dossiers d \
                 LEFT JOIN networks n ON n.id = d.network_id \
                 WHERE d.call_id = $1 AND d.state IN ('submitted', 'screening') ORDER BY d.reference",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await?;
            let assigned = sqlx::query_as(
                "SELECT a.dossier_id, a.reviewer_id FROM review_assignments a \
                 JOIN dossiers d ON d.id = a.dossier_id WHERE d.call_id = $1",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await?;
            Ok((dossiers, assigned))
        })
    }

    /// The dossiers assigned to a reviewer, and whether they reviewed each.
    pub async fn review_queue(
        &self,
        reviewer: Uuid,
    ) -> Result<Vec<(QueueLine, bool)>, sqlx::Error> {
        #[derive(FromRow)]
        struct Row {
            #[sqlx(flatten)]
            line: QueueLine,
            done: i64,
        }
        let rows: Vec<Row> = with_db!(self, pool => {
            sqlx::query_as(
                "SELECT d.id AS dossier_id, d.reference, d.title, d.track, d.submitted_at, \
                 (SELECT COUNT(*) FROM reviews r WHERE r.dossier_id = d.id \
                  AND r.reviewer_id = $1) AS done \
                 FROM review_assignments a JOIN dossiers d ON d.id = a.dossier_id \
                 WHERE a.reviewer_id = $1 ORDER BY d.reference",
            )
            .bind(reviewer)
            .fetch_all(pool)
            .await?
        });
        Ok(rows.into_iter().map(|r| (r.line, r.done > 0)).collect())
    }

    /// Writes a reviewer's review of a dossier (a second submission replaces the first).
    pub async fn save_review(&self, new: &NewReview<'_>) -> Result<(), sqlx::Error> {
        let at = stored(new.at);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            sqlx::query(
                "INSERT INTO reviews (id, dossier_id, reviewer_id, reviewer_name, grid_revision_id, \
                 scores, bonus, recommendation, comment, total_centi, bonus_points, submitted_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
                 ON CONFLICT (dossier_id, reviewer_id) DO UPDATE SET \
                 grid_revision_id = excluded.grid_revision_id, scores = excluded.scores, \
                 bonus = excluded.bonus, recommendation = excluded.recommendation, \
                 comment = excluded.comment, total_centi = excluded.total_centi, \
                 bonus_points = excluded.bonus_points, submitted_at = excluded.submitted_at",
            )
            .bind(Uuid::now_v7())
            .bind(new.dossier_id)
            .bind(new.reviewer_id)
            .bind(new.reviewer_name)
            .bind(new.grid_revision_id)
            .bind(Json(new.scores))
            .bind(Json(new.bonus))
            .bind(new.recommendation)
            .bind(new.comment)
            .bind(new.total_centi)
            .bind(new.bonus_points)
            .bind(at)
            .execute(pool)
            .await
            .map(|_| ())
        })
    }

    /// The reviews of a dossier, first submitted first.
    pub async fn reviews_of(&self, dossier_id: Uuid) -> Result<Vec<StoredReview>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT id, dossier_id, reviewer_id, reviewer_name, grid_revision_id, scores, bonus, \
                 recommendation, comment, total_centi, bonus_points, submitted_at FROM reviews \
                 WHERE dossier_id = $1 ORDER BY submitted_at, id",
            )
            .bind(dossier_id)
            .fetch_all(pool)
            .await
        })
    }

    /// Every review of the submitted dossiers of a call on a track, with the dossier's
    /// reference, title and lead commune, for the ranking and the selection board.
    pub async fn reviews_of_track(
        &self,
        call_id: Uuid,
        track: &str,
    ) -> Result<Vec<StoredReview>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT r.id, r.dossier_id, r.reviewer_id, r.reviewer_name, r.grid_revision_id, \
                 r.scores, r.bonus, r.recommendation, r.comment, r.total_centi, r.bonus_points, \
                 r.submitted_at FROM reviews r JOIN dossiers d ON d.id = r.dossier_id \
                 WHERE d.call_id = $1 AND d.track = $2 ORDER BY d.reference, r.submitted_at",
            )
            .bind(call_id)
            .bind(track)
            .fetch_all(pool)
            .await
        })
    }
}

/// A referent's confirmation or override of one admissibility check.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Confirmation {
    pub check_key: String,
    pub status: String,
    pub comment: String,
    pub confirmed_by_name: String,
    pub confirmed_at: OffsetDateTime,
}

impl Db {
    pub async fn confirmations(&self, dossier_id: Uuid) -> Result<Vec<Confirmation>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT check_key, status, comment, confirmed_by_name, confirmed_at \
                 FROM admissibility_confirmations WHERE dossier_id = $1",
            )
            .bind(dossier_id)
            .fetch_all(pool)
            .await
        })
    }

    /// Confirms or overrides a check (the latest word replaces the previous one). Audited.
    #[allow(clippy::too_many_arguments, reason = "one statement of the confirmation")]
    pub async fn confirm_check(
        &self,
        dossier_id: Uuid,
        check_key: &str,
        status: &str,
        comment: &str,
        by: (Uuid, &str),
        client: &str,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        let now = stored(now);
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            sqlx::query(
                "INSERT INTO admissibility_confirmations (dossier_id, check_key, status, comment, \
                 confirmed_by, confirmed_by_name, confirmed_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
                 ON CONFLICT (dossier_id, check_key) DO UPDATE SET status = excluded.status, \
                 comment = excluded.comment, confirmed_by = excluded.confirmed_by, \
                 confirmed_by_name = excluded.confirmed_by_name, confirmed_at = excluded.confirmed_at",
            )
            .bind(dossier_id)
            .bind(check_key)
            .bind(status)
            .bind(comment)
            .bind(by.0)
            .bind(by.1)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            let detail =
                serde_json::json!({ "dossier": dossier_id, "check": check_key, "status": status });
            let event = AuditEvent::by(by.0, "admissibility.confirmed", client, detail);
            tx.audit(&event, now).await?;
            tx.commit().await
        })
    }
}
