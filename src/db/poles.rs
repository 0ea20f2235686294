//! Poles and the versions of their public content: a pole's people propose a version, the
//! steering group publishes or refuses it; the published version is copied onto the pole, so
//! the directory reads the pole only (src/domain/pole.rs says what a version holds).

use sqlx::FromRow;
use sqlx::types::Json;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::{Db, WritePool, fetch_as, stored, with_db};
use crate::domain::pole::PoleContent;

/// A pole as stored: its published content (empty before the first publication).
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct Pole {
    pub id: Uuid,
    pub call_id: Uuid,
    pub dossier_id: Uuid,
    pub slug: String,
    /// proposed, published, withdrawn.
    pub state: String,
    pub public_fields: String,
    pub content: Json<PoleContent>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub published_at: Option<OffsetDateTime>,
    pub updated_at: OffsetDateTime,
}

/// A proposed version of a pole's public content.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct PoleVersion {
    pub id: Uuid,
    pub number: i64,
    pub public_fields: String,
    pub content: Json<PoleContent>,
    pub proposed_by_name: String,
    pub proposed_at: OffsetDateTime,
    /// pending, published, refused, replaced.
    pub status: String,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<OffsetDateTime>,
    pub note: Option<String>,
    /// The point the version places the pole at; None: its lead commune's.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

/// A line of the steering group's list of poles.
#[derive(Debug, Clone, PartialEq, FromRow)]
pub struct PoleLine {
    pub id: Uuid,
    pub slug: String,
    pub state: String,
    pub reference: String,
    pub title: String,
    pub track: String,
    pub published_at: Option<OffsetDateTime>,
    /// Versions waiting for the steering group.
    pub pending: i64,
}

/// A version to propose.
pub struct NewVersion<'a> {
    pub call_id: Uuid,
    pub dossier_id: Uuid,
    /// The slug wanted (made unique with "-2", "-3"… when taken).
    pub slug: &'a str,
    pub public_fields: &'a str,
    pub content: &'a PoleContent,
    pub by: Uuid,
    pub by_name: &'a str,
    pub client: &'a str,
}

/// The steering group's decision on a pending version.
pub struct VersionDecision<'a> {
    pub pole_id: Uuid,
    pub version_id: Uuid,
    pub publish: bool,
    pub note: Option<&'a str>,
    pub by: Uuid,
    pub by_name: &'a str,
    pub client: &'a str,
}

/// The columns of `Pole` (src/db/progress.rs reads poles too).
pub(super) const POLE_COLUMNS: &str = "id, call_id, dossier_id, slug, state, public_fields, content, \
     latitude, longitude, published_at, updated_at";

const VERSION_COLUMNS: &str = "id, number, public_fields, content, proposed_by_name, proposed_at, \
     status, decided_by_name, decided_at, note, latitude, longitude";

impl Db {
    /// The pole made from a dossier, if any.
    pub async fn pole_of_dossier(&self, dossier_id: Uuid) -> Result<Option<Pole>, sqlx::Error> {
        let sql = format!("SELECT {POLE_COLUMNS} FROM poles WHERE dossier_id = $1");
        fetch_as!(self, sql, fetch_optional, dossier_id)
    }

    pub async fn pole(&self, id: Uuid) -> Result<Option<Pole>, sqlx::Error> {
        let sql = format!("SELECT {POLE_COLUMNS} FROM poles WHERE id = $1");
        fetch_as!(self, sql, fetch_optional, id)
    }

    /// A published pole by its page's address.
    pub async fn published_pole(&self, slug: &str) -> Result<Option<Pole>, sqlx::Error> {
        let sql =
            format!("SELECT {POLE_COLUMNS} FROM poles WHERE slug = $1 AND state = 'published'");
        fetch_as!(self, sql, fetch_optional, slug)
    }

    /// Every published pole of a call, by name.
    pub async fn published_poles(&self, call_id: Uuid) -> Result<Vec<Pole>, sqlx::Error> {
        let sql = format!(
            "SELECT {POLE_COLUMNS} FROM poles WHERE call_id = $1 AND state = 'published' \
             ORDER BY slug"
        );
        fetch_as!(self, sql, fetch_all, call_id)
    }

    /// The poles of a call for the steering group, those with a version to decide first.
    pub async fn pole_lines(&self, call_id: Uuid) -> Result<Vec<PoleLine>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT p.id, p.slug, p.state, d.reference, d.title, d.track, p.published_at, \
                 (SELECT COUNT(*) FROM pole_versions v WHERE v.pole_id = p.id \
                  AND v.status = 'pending') AS pending \
                 FROM poles p JOIN dossiers d ON d.id = p.dossier_id WHERE p.call_id = $1 \
                 ORDER BY pending DESC, d.reference",
            )
            .bind(call_id)
            .fetch_all(pool)
            .await
        })
    }

    /// A pole's versions, newest first.
    pub async fn pole_versions(&self, pole_id: Uuid) -> Result<Vec<PoleVersion>, sqlx::Error> {
        let sql = format!(
            "SELECT {VERSION_COLUMNS} FROM pole_versions WHERE pole_id = $1 ORDER BY number DESC"
        );
        fetch_as!(self, sql, fetch_all, pole_id)
    }

    /// Proposes a version: makes the pole on the first one (with a free slug), marks an older
    /// pending version replaced, and records the proposal in the audit journal. Returns the
    /// pole's id.
    pub async fn propose_pole_version(
        &self,
        new: &NewVersion<'_>,
        now: OffsetDateTime,
    ) -> Result<Uuid, sqlx::Error> {
        let at = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let existing: Option<Uuid> =
                sqlx::query_scalar("SELECT id FROM poles WHERE dossier_id = $1")
                    .bind(new.dossier_id)
                    .fetch_optional(&mut *tx)
                    .await?;
            let pole_id = match existing {
                Some(id) => id,
                None => {
                    let taken: Vec<String> = sqlx::query_scalar(
                        "SELECT slug FROM poles WHERE slug = $1 OR slug LIKE $2",
                    )
                    .bind(new.slug)
                    .bind(format!("{}-%", new.slug))
                    .fetch_all(&mut *tx)
                    .await?;
                    let slug = free_slug(new.slug, &taken);
                    let id = Uuid::now_v7();
                    sqlx::query(
                        "INSERT INTO poles (id, call_id, dossier_id, slug, state, public_fields, \
                         content, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, 'proposed', '', $5, $6, $6)",
                    )
                    .bind(id)
                    .bind(new.call_id)
                    .bind(new.dossier_id)
                    .bind(&slug)
                    .bind(Json(PoleContent::default()))
                    .bind(at)
                    .execute(&mut *tx)
                    .await?;
                    id
                }
            };
            // A change of content keeps the point proposed, else the one published.
            let pending: Option<(Option<f64>, Option<f64>)> = sqlx::query_as(
                "SELECT latitude, longitude FROM pole_versions WHERE pole_id = $1 \
                 AND status = 'pending' ORDER BY number DESC",
            )
            .bind(pole_id)
            .fetch_optional(&mut *tx)
            .await?;
            let (latitude, longitude) = match pending {
                Some(point) => point,
                None => {
                    sqlx::query_as("SELECT latitude, longitude FROM poles WHERE id = $1")
                        .bind(pole_id)
                        .fetch_one(&mut *tx)
                        .await?
                }
            };
            let number = tx
                .append_pole_version(&AppendedVersion {
                    pole_id,
                    public_fields: new.public_fields,
                    content: new.content,
                    point: latitude.zip(longitude),
                    by: new.by,
                    by_name: new.by_name,
                    at,
                })
                .await?;
            let event = AuditEvent::by(
                new.by,
                "pole.proposed",
                new.client,
                serde_json::json!({ "pole": pole_id, "version": number }),
            );
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(pole_id)
        })
    }

    /// Publishes or refuses a pending version. Publishing copies it onto the pole (state
    /// `published`, first publication date kept). False when the version is not pending (any
    /// more) or not the pole's.
    pub async fn decide_pole_version(
        &self,
        decision: &VersionDecision<'_>,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let at = stored(now);
        let _turn = self.write_turn().await;
        let status = if decision.publish { "published" } else { "refused" };
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            type Pending = (i64, String, Json<PoleContent>, Option<f64>, Option<f64>);
            let version: Option<Pending> = sqlx::query_as(
                "SELECT number, public_fields, content, latitude, longitude FROM pole_versions \
                 WHERE id = $1 AND pole_id = $2 AND status = 'pending'",
            )
            .bind(decision.version_id)
            .bind(decision.pole_id)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((number, fields, content, latitude, longitude)) = version else {
                return Ok(false);
            };
            sqlx::query(
                "UPDATE pole_versions SET status = $2, decided_by = $3, decided_by_name = $4, \
                 decided_at = $5, note = $6 WHERE id = $1",
            )
            .bind(decision.version_id)
            .bind(status)
            .bind(decision.by)
            .bind(decision.by_name)
            .bind(at)
            .bind(decision.note)
            .execute(&mut *tx)
            .await?;
            if decision.publish {
                sqlx::query(
                    "UPDATE poles SET state = 'published', public_fields = $2, content = $3, \
                     published_at = COALESCE(published_at, $4), updated_at = $4, \
                     latitude = $5, longitude = $6 WHERE id = $1",
                )
                .bind(decision.pole_id)
                .bind(&fields)
                .bind(&content)
                .bind(at)
                .bind(latitude)
                .bind(longitude)
                .execute(&mut *tx)
                .await?;
            }
            let event = AuditEvent::by(
                decision.by,
                if decision.publish { "pole.published" } else { "pole.refused" },
                decision.client,
                serde_json::json!({ "pole": decision.pole_id, "version": number }),
            );
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(true)
        })
    }

    /// Takes a published pole off the directory (its page then answers 404), or puts it back.
    pub async fn set_pole_withdrawn(
        &self,
        pole_id: Uuid,
        withdrawn: bool,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let at = stored(now);
        let _turn = self.write_turn().await;
        let (from, to) =
            if withdrawn { ("published", "withdrawn") } else { ("withdrawn", "published") };
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "UPDATE poles SET state = $2, updated_at = $4 WHERE id = $1 AND state = $3",
            )
            .bind(pole_id)
            .bind(to)
            .bind(from)
            .bind(at)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if done {
                let event = AuditEvent::by(
                    by,
                    if withdrawn { "pole.withdrawn" } else { "pole.restored" },
                    client,
                    serde_json::json!({ "pole": pole_id }),
                );
                tx.audit(&event, now).await?;
            }
            tx.commit().await?;
            Ok(done)
        })
    }
}

impl Db {
    /// Proposes a point for a pole (None: back to its lead commune's) as a new version: the
    /// pending version's content, else the published one's, else the last proposed, with the
    /// point; it goes live when the steering group publishes that version. False when the
    /// pole has no version yet to start from.
    pub async fn propose_pole_point(
        &self,
        pole_id: Uuid,
        point: Option<(f64, f64)>,
        by: Uuid,
        by_name: &str,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let at = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let pending: Option<(String, Json<PoleContent>)> = sqlx::query_as(
                "SELECT public_fields, content FROM pole_versions WHERE pole_id = $1 \
                 AND status = 'pending' ORDER BY number DESC",
            )
            .bind(pole_id)
            .fetch_optional(&mut *tx)
            .await?;
            let base = match pending {
                Some(base) => Some(base),
                None => {
                    let live: Option<(String, Json<PoleContent>)> = sqlx::query_as(
                        "SELECT public_fields, content FROM poles WHERE id = $1 \
                         AND state <> 'proposed'",
                    )
                    .bind(pole_id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    match live {
                        Some(live) => Some(live),
                        None => {
                            sqlx::query_as(
                                "SELECT public_fields, content FROM pole_versions \
                                 WHERE pole_id = $1 ORDER BY number DESC",
                            )
                            .bind(pole_id)
                            .fetch_optional(&mut *tx)
                            .await?
                        }
                    }
                }
            };
            let Some((fields, content)) = base else { return Ok(false) };
            let number = tx
                .append_pole_version(&AppendedVersion {
                    pole_id,
                    public_fields: &fields,
                    content: &content,
                    point,
                    by,
                    by_name,
                    at,
                })
                .await?;
            let event = AuditEvent::by(
                by,
                "pole.proposed",
                client,
                serde_json::json!({ "pole": pole_id, "version": number, "point": point.is_some() }),
            );
            tx.audit(&event, now).await?;
            tx.commit().await?;
            Ok(true)
        })
    }

    /// The steering group places a pole itself (None: back to its lead commune's): live at
    /// once, and on the version waiting for a decision too, so that publishing it later does
    /// not move the pole back. False for an unknown pole.
    pub async fn set_pole_point(
        &self,
        pole_id: Uuid,
        point: Option<(f64, f64)>,
        by: Uuid,
        client: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        let at = stored(now);
        let (latitude, longitude) = (point.map(|p| p.0), point.map(|p| p.1));
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let done = sqlx::query(
                "UPDATE poles SET latitude = $2, longitude = $3, updated_at = $4 WHERE id = $1",
            )
            .bind(pole_id)
            .bind(latitude)
            .bind(longitude)
            .bind(at)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                == 1;
            if done {
                sqlx::query(
                    "UPDATE pole_versions SET latitude = $2, longitude = $3 WHERE pole_id = $1 \
                     AND status = 'pending'",
                )
                .bind(pole_id)
                .bind(latitude)
                .bind(longitude)
                .execute(&mut *tx)
                .await?;
                let event = AuditEvent::by(
                    by,
                    "pole.placed",
                    client,
                    serde_json::json!({ "pole": pole_id, "point": point.is_some() }),
                );
                tx.audit(&event, now).await?;
            }
            tx.commit().await?;
            Ok(done)
        })
    }
}

/// A version to add as the pole's pending one.
struct AppendedVersion<'a> {
    pole_id: Uuid,
    public_fields: &'a str,
    content: &'a PoleContent,
    point: Option<(f64, f64)>,
    by: Uuid,
    by_name: &'a str,
    at: OffsetDateTime,
}

/// Adds a pending version within the caller's transaction: the pending one before it is
/// replaced; returns its number.
trait AppendPoleVersion {
    fn append_pole_version(
        &mut self,
        version: &AppendedVersion<'_>,
    ) -> impl Future<Output = Result<i64, sqlx::Error>> + Send;
}

/// One implementation per backend from one text, so the SQL is written once.
macro_rules! append_pole_version_in {
    ($($database:ty),+) => {$(
        impl AppendPoleVersion for sqlx::Transaction<'_, $database> {
            fn append_pole_version(
                &mut self,
                version: &AppendedVersion<'_>,
            ) -> impl Future<Output = Result<i64, sqlx::Error>> + Send {
                async move {
                    sqlx::query(
                        "UPDATE pole_versions SET status = 'replaced' WHERE pole_id = $1 \
                         AND status = 'pending'",
                    )
                    .bind(version.pole_id)
                    .execute(&mut **self)
                    .await?;
                    let number: i64 = sqlx::query_scalar(
                        "SELECT COALESCE(MAX(number), 0) + 1 FROM pole_versions WHERE pole_id = $1",
                    )
                    .bind(version.pole_id)
                    .fetch_one(&mut **self)
                    .await?;
                    sqlx::query(
                        "INSERT INTO pole_versions (id, pole_id, number, public_fields, content, \
                         proposed_by, proposed_by_name, proposed_at, status, latitude, longitude) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'pending', $9, $10)",
                    )
                    .bind(Uuid::now_v7())
                    .bind(version.pole_id)
                    .bind(number)
                    .bind(version.public_fields)
                    .bind(Json(version.content))
                    .bind(version.by)
                    .bind(version.by_name)
                    .bind(version.at)
                    .bind(version.point.map(|(latitude, _)| latitude))
                    .bind(version.point.map(|(_, longitude)| longitude))
                    .execute(&mut **self)
                    .await?;
                    Ok(number)
                }
            }
        }
    )+};
}

append_pole_version_in!(sqlx::Sqlite, sqlx::Postgres);

/// `wanted`, or `wanted-2`, `wanted-3`… the first not in `taken`.
fn free_slug(wanted: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == wanted) {
        return wanted.to_owned();
    }
    (2..).map(|n| format!("{wanted}-{n}")).find(|s| !taken.contains(s)).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_slug_gets_the_first_free_number() {
        assert_eq!(free_slug("pole-sud", &[]), "pole-sud");
        let taken = ["pole-sud".to_owned(), "pole-sud-2".to_owned(), "pole-sud-ouest".to_owned()];
        assert_eq!(free_slug("pole-sud", &taken), "pole-sud-3");
    }
}
