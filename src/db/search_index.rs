//! The back office's search index, written: an entry per listed dossier (`dossier_search`), on
//! SQLite its full-text row (`dossier_fts`: the words and the facet tokens of
//! src/domain/search.rs, row ids in the order of submission), and the queue of stale entries the
//! database fills itself (migration 0022's triggers) and src/search/mod.rs empties.

use sqlx::SqliteConnection;
use time::OffsetDateTime;
use uuid::Uuid;

use super::dossier_list::{Bind, Sql, bind_all};
use super::{Db, WritePool, stored, with_db};
use crate::domain::search::{Facet, NO_NETWORK};

/// Binds an entry's values to `$1`…`$8` of the upsert.
macro_rules! bind_entry {
    ($query:expr, $entry:expr, $now:expr) => {
        $query
            .bind($entry.dossier_id)
            .bind(&$entry.department)
            .bind(&$entry.region)
            .bind(&$entry.region_2011)
            .bind(&$entry.sectors)
            .bind(&$entry.admissibility)
            .bind(&$entry.words)
            .bind($now)
    };
}

/// What a dossier is found and filtered by (src/search/mod.rs computes it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchEntry {
    pub dossier_id: Uuid,
    pub department: Option<String>,
    pub region: Option<String>,
    pub region_2011: Option<String>,
    /// ",code,code," or "".
    pub sectors: String,
    pub admissibility: String,
    pub words: String,
}

/// A dossier waiting in the search queue: `words` when its entry must be computed again,
/// else its facets only; `seq` the change it was queued for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct Queued {
    pub dossier_id: Uuid,
    pub words: bool,
    pub seq: i64,
}

/// How a facet refresh went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refreshed {
    Done,
    /// The dossier has no entry yet: it must be indexed whole.
    NoEntry,
}

impl Db {
    /// Writes queued entries in one transaction and takes them off the queue (unless they
    /// changed again meanwhile): `Some(entry)` a whole entry, `None` the facets only — or, for
    /// a dossier with no entry yet, marks it to be computed whole and returns it (a draft or a
    /// dossier gone just leaves the queue).
    pub async fn apply_index(
        &self,
        work: &[(Queued, Option<SearchEntry>)],
        now: OffsetDateTime,
    ) -> Result<Vec<Uuid>, sqlx::Error> {
        let mut whole = Vec::new();
        if work.is_empty() {
            return Ok(whole);
        }
        let now = stored(now);
        let upsert = "INSERT INTO dossier_search (dossier_id, search_id, department, region, \
             region_2011, sectors, admissibility, words, indexed_at) \
             VALUES ($1, (SELECT COALESCE(MIN(search_id), 0) - 1 FROM dossier_search), \
             $2, $3, $4, $5, $6, $7, $8) \
             ON CONFLICT (dossier_id) DO UPDATE SET department = excluded.department, \
             region = excluded.region, region_2011 = excluded.region_2011, \
             sectors = excluded.sectors, admissibility = excluded.admissibility, \
             words = excluded.words, indexed_at = excluded.indexed_at";
        let dequeue = "DELETE FROM search_queue WHERE dossier_id = $1 AND seq = $2";
        let whole_next_time = "UPDATE search_queue SET words = TRUE WHERE dossier_id = $1";
        match self {
            Db::Sqlite(pool, _) => {
                let _turn = self.write_turn().await;
                let mut tx = pool.begin_write().await?;
                for (queued, entry) in work {
                    if let Some(entry) = entry {
                        bind_entry!(sqlx::query(upsert), entry, now).execute(&mut *tx).await?;
                    }
                    let listed = entry.is_some() || !queued.words;
                    if listed && write_fts(&mut tx, queued.dossier_id).await? == Refreshed::NoEntry
                    {
                        sqlx::query(whole_next_time)
                            .bind(queued.dossier_id)
                            .execute(&mut *tx)
                            .await?;
                        whole.push(queued.dossier_id);
                        continue;
                    }
                    sqlx::query(dequeue)
                        .bind(queued.dossier_id)
                        .bind(queued.seq)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(whole)
            }
            Db::Postgres(pool) => {
                // PostgreSQL numbers entries itself and filters on the columns.
                let upsert = upsert.replace(
                    "(SELECT COALESCE(MIN(search_id), 0) - 1 FROM dossier_search)",
                    "nextval(pg_get_serial_sequence('dossier_search', 'search_id'))",
                );
                let mut tx = pool.begin().await?;
                for (queued, entry) in work {
                    if let Some(entry) = entry {
                        bind_entry!(sqlx::query(sqlx::AssertSqlSafe(upsert.as_str())), entry, now)
                            .execute(&mut *tx)
                            .await?;
                    }
                    let done = sqlx::query(
                        "UPDATE dossier_search s SET submitted_at = d.submitted_at, \
                         call_id = d.call_id, reference = d.reference, title_key = LOWER(d.title) \
                         FROM dossiers d WHERE d.id = s.dossier_id AND s.dossier_id = $1",
                    )
                    .bind(queued.dossier_id)
                    .execute(&mut *tx)
                    .await?;
                    if done.rows_affected() == 0 && !queued.words {
                        sqlx::query(whole_next_time)
                            .bind(queued.dossier_id)
                            .execute(&mut *tx)
                            .await?;
                        whole.push(queued.dossier_id);
                        continue;
                    }
                    sqlx::query(dequeue)
                        .bind(queued.dossier_id)
                        .bind(queued.seq)
                        .execute(&mut *tx)
                        .await?;
                }
                tx.commit().await?;
                Ok(whole)
            }
        }
    }

    /// Up to `limit` stale entries, earliest submission first (on SQLite, new full-text rows
    /// are numbered in that order; ties in the reverse order of reference, so that the list's
    /// order — latest first, then by reference — is the rows' order backwards). A queue longer
    /// than `limit` (a backlog: after `ptce generate`, a migration) is read along the list's
    /// order index backwards; a short one, the usual case, is read whole and sorted.
    pub async fn search_queue(&self, limit: i64) -> Result<Vec<Queued>, sqlx::Error> {
        let order = "ORDER BY d.call_id DESC, d.submitted_at, d.reference DESC LIMIT $1";
        let backlog = self.search_queue_length().await? > limit;
        let from = match (self, backlog) {
            (Db::Sqlite(..), true) => {
                "FROM dossiers d INDEXED BY dossiers_list_order \
                 JOIN search_queue q ON q.dossier_id = d.id"
            }
            // SQLite keeps the left table of a CROSS JOIN outside: the queue, not the dossiers.
            (Db::Sqlite(..), false) => {
                "FROM search_queue q CROSS JOIN dossiers d ON d.id = q.dossier_id"
            }
            (Db::Postgres(..), _) => "FROM search_queue q JOIN dossiers d ON d.id = q.dossier_id",
        };
        let sql = format!("SELECT q.dossier_id, q.words, q.seq {from} {order}");
        with_db!(self, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(limit).fetch_all(pool).await
        })
    }

    /// The queue's entries for these dossiers, in their order.
    pub async fn queued(&self, dossiers: &[Uuid]) -> Result<Vec<Queued>, sqlx::Error> {
        let mut queued = Vec::with_capacity(dossiers.len());
        // A bulk action's dossiers, a few hundred statement parameters at a time.
        for some in dossiers.chunks(500) {
            let mut sql = Sql::default();
            let list = sql.params(some.iter().map(|id| Bind::Id(*id)));
            sql.text = format!(
                "SELECT dossier_id, words, seq FROM search_queue WHERE dossier_id IN ({list})"
            );
            let rows: Vec<Queued> = with_db!(self, pool => {
                bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.text)), sql.binds)
                    .fetch_all(pool)
                    .await?
            });
            queued.extend(rows);
        }
        let position: std::collections::HashMap<Uuid, usize> =
            dossiers.iter().enumerate().map(|(at, id)| (*id, at)).collect();
        queued.sort_by_key(|q| position.get(&q.dossier_id).copied());
        Ok(queued)
    }

    /// How many entries are stale.
    pub async fn search_queue_length(&self) -> Result<i64, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM search_queue").fetch_one(pool).await
        })
    }
}

/// The stored entry and the dossier's current facets, as read by `write_fts`.
#[derive(sqlx::FromRow)]
struct FtsSource {
    search_id: i64,
    indexed_submission: Option<OffsetDateTime>,
    submitted_at: Option<OffsetDateTime>,
    call_id: Uuid,
    state: String,
    track: String,
    network: Option<String>,
    department: Option<String>,
    region: Option<String>,
    region_2011: Option<String>,
    sectors: String,
    admissibility: String,
    words: String,
}

/// Writes a dossier's full-text row on SQLite: its stored words and its current facets, and the
/// entry's keys of the walked orders. A dossier submitted since its row was written takes a new
/// row id after every other, so that the rows' order is the order of submission.
async fn write_fts(
    conn: &mut SqliteConnection,
    dossier_id: Uuid,
) -> Result<Refreshed, sqlx::Error> {
    let source: Option<FtsSource> = sqlx::query_as(
        "SELECT s.search_id, s.submitted_at AS indexed_submission, d.submitted_at, d.call_id, \
         d.state, d.track, n.slug AS network, s.department, s.region, s.region_2011, s.sectors, \
         s.admissibility, s.words FROM dossier_search s JOIN dossiers d ON d.id = s.dossier_id \
         LEFT JOIN networks n ON n.id = d.network_id WHERE s.dossier_id = $1",
    )
    .bind(dossier_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(source) = source else { return Ok(Refreshed::NoEntry) };
    let labels: Vec<Uuid> =
        sqlx::query_scalar("SELECT label_id FROM dossier_labels WHERE dossier_id = $1")
            .bind(dossier_id)
            .fetch_all(&mut *conn)
            .await?;
    sqlx::query("DELETE FROM dossier_fts WHERE rowid = $1")
        .bind(source.search_id)
        .execute(&mut *conn)
        .await?;
    let search_id = if source.search_id > 0 && source.indexed_submission == source.submitted_at {
        source.search_id
    } else {
        sqlx::query_scalar("SELECT COALESCE(MAX(search_id), 0) + 1 FROM dossier_search")
            .fetch_one(&mut *conn)
            .await?
    };
    // The row id, and the keys of the orders a search walks (migration 0023).
    sqlx::query(
        "UPDATE dossier_search SET search_id = $2, submitted_at = $3, \
         (call_id, reference, title_key) = \
         (SELECT d.call_id, d.reference, LOWER(d.title) FROM dossiers d WHERE d.id = $1) \
         WHERE dossier_id = $1",
    )
    .bind(dossier_id)
    .bind(search_id)
    .bind(source.submitted_at)
    .execute(&mut *conn)
    .await?;
    let mut row = source.words.clone();
    let mut facet = |facet: Facet, value: &str| {
        row.push(' ');
        row.push_str(&facet.token(value));
    };
    facet(Facet::Call, &source.call_id.simple().to_string());
    facet(Facet::State, &source.state);
    facet(Facet::Track, &source.track);
    facet(Facet::Network, source.network.as_deref().unwrap_or(NO_NETWORK));
    for (kind, value) in [
        (Facet::Department, &source.department),
        (Facet::Region, &source.region),
        (Facet::Region2011, &source.region_2011),
    ] {
        if let Some(value) = value {
            facet(kind, value);
        }
    }
    for sector in source.sectors.split(',').filter(|s| !s.is_empty()) {
        facet(Facet::Sector, sector);
    }
    for label in &labels {
        facet(Facet::Label, &label.simple().to_string());
    }
    facet(Facet::Admissibility, &source.admissibility);
    sqlx::query("INSERT INTO dossier_fts (rowid, words) VALUES ($1, $2)")
        .bind(search_id)
        .bind(row)
        .execute(&mut *conn)
        .await?;
    Ok(Refreshed::Done)
}
