//! The back office's list of dossiers: what it is narrowed to (a referent's networks, track,
//! state, network, territory, sector, label, admissibility, score, full-text search), its
//! order and paging; the search index kept beside the dossiers; labels and saved views.
//!
//! The WHERE clause is written once, with only the filters in use (so each database plans the
//! query it really runs), and serves the list, its count and the exports (src/db/exports.rs).
//! The search itself is the one place where the two databases differ: FTS5 on SQLite, a GIN
//! index over `to_tsvector('simple', words)` on PostgreSQL; both get the same terms from
//! src/domain/search.rs.

use sqlx::FromRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{AuditEvent, RecordAudit};
use super::{Db, WritePool, stored, with_db};
use crate::domain::search::{Facet, Fts5Match, NO_NETWORK, Query};

/// One line of the back office's list of dossiers.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct StaffDossierRow {
    pub id: Uuid,
    pub reference: String,
    pub title: String,
    pub track: String,
    pub state: String,
    pub network_slug: Option<String>,
    pub organisation_name: String,
    pub submitted_at: Option<OffsetDateTime>,
    pub updated_at: OffsetDateTime,
    /// Messages from the candidate the back office has not read yet.
    pub unread: i64,
    /// The mean of the submitted reviews' totals, in hundredths of a point; None before any.
    pub score_centi: Option<i64>,
}

/// The columns the list can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortColumn {
    /// Submission date (the default, newest first).
    #[default]
    Submitted,
    Reference,
    Title,
    Organisation,
    State,
    /// Mean review total; dossiers without reviews last whatever the direction.
    Score,
}

impl SortColumn {
    pub const ALL: [SortColumn; 6] = [
        SortColumn::Submitted,
        SortColumn::Reference,
        SortColumn::Title,
        SortColumn::Organisation,
        SortColumn::State,
        SortColumn::Score,
    ];

    /// The name in URLs (`?tri=titre`).
    pub fn code(self) -> &'static str {
        match self {
            SortColumn::Submitted => "depot",
            SortColumn::Reference => "reference",
            SortColumn::Title => "titre",
            SortColumn::Organisation => "organisation",
            SortColumn::State => "etat",
            SortColumn::Score => "note",
        }
    }

    pub fn parse(code: &str) -> Option<SortColumn> {
        SortColumn::ALL.into_iter().find(|c| c.code() == code)
    }

    fn expression(self) -> &'static str {
        match self {
            SortColumn::Submitted => "d.submitted_at",
            SortColumn::Reference => "d.reference",
            SortColumn::Title => "LOWER(d.title)",
            SortColumn::Organisation => "LOWER(o.name)",
            SortColumn::State => "d.state",
            SortColumn::Score => {
                "(SELECT AVG(r.total_centi) FROM reviews r WHERE r.dossier_id = d.id)"
            }
        }
    }
}

/// An order of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: SortColumn,
    pub descending: bool,
}

impl Default for Sort {
    fn default() -> Sort {
        Sort { column: SortColumn::Submitted, descending: true }
    }
}

/// What the back office narrows the list to. `networks`: the referent's networks (None: all,
/// for the steering group). Territory codes, sector and admissibility are compared as given:
/// the web layer only passes known values.
#[derive(Debug, Clone, Default)]
pub struct StaffFilter {
    pub networks: Option<Vec<String>>,
    pub track: Option<String>,
    pub state: Option<String>,
    pub network: Option<String>,
    /// Only the dossiers routed to no network.
    pub unrouted: bool,
    /// Words of the answers, the title, the reference or the organisation's name.
    pub text: Option<Query>,
    pub department: Option<String>,
    pub region: Option<String>,
    pub region_2011: Option<String>,
    pub sector: Option<String>,
    pub label: Option<Uuid>,
    /// pass, warning or fail.
    pub admissibility: Option<String>,
    /// Bounds of the mean review total, in hundredths of a point (a dossier without review
    /// is outside any bound).
    pub score_min: Option<i64>,
    pub score_max: Option<i64>,
    pub sort: Sort,
    pub limit: i64,
    pub offset: i64,
    /// How a search is read on SQLite (tests and benchmarks compare the ways).
    pub plan: SearchPlan,
}

/// How SQLite reads a search's page in an order other than the default one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchPlan {
    /// Whichever is expected to read less.
    #[default]
    Cheapest,
    /// Along the order's index, keeping the dossiers among the matches (only for the orders
    /// `walkable` knows; others are sorted).
    Walk,
    /// Every match read from the full-text index, then sorted.
    Sort,
}

/// A value bound to a numbered parameter of a query built here.
#[derive(Debug, Clone)]
pub(super) enum Bind {
    Text(String),
    Int(i64),
    Id(Uuid),
}

/// SQL text with its parameters, numbered as they are added.
#[derive(Debug, Default)]
pub(super) struct Sql {
    pub text: String,
    pub binds: Vec<Bind>,
}

impl Sql {
    /// Adds a parameter and returns its placeholder (`$3`).
    fn param(&mut self, bind: Bind) -> String {
        self.binds.push(bind);
        format!("${}", self.binds.len())
    }

    /// Adds parameters and returns their placeholders, for `IN (…)`: "$3, $4, $5".
    pub(super) fn params(&mut self, binds: impl IntoIterator<Item = Bind>) -> String {
        let placeholders: Vec<String> = binds.into_iter().map(|bind| self.param(bind)).collect();
        placeholders.join(", ")
    }
}

/// Binds every parameter of `$sql` to `$query`, in order.
macro_rules! bind_all {
    ($query:expr, $binds:expr) => {{
        let mut query = $query;
        for bind in $binds {
            query = match bind {
                Bind::Text(text) => query.bind(text),
                Bind::Int(number) => query.bind(number),
                Bind::Id(id) => query.bind(id),
            };
        }
        query
    }};
}
pub(super) use bind_all;

/// The columns of a list line (after `SELECT`).
pub(super) const LINE_COLUMNS: &str = "d.id, d.reference, d.title, d.track, d.state, \
     n.slug AS network_slug, o.name AS organisation_name, d.submitted_at, d.updated_at, \
     (SELECT COUNT(*) FROM dossier_messages m WHERE m.dossier_id = d.id \
      AND m.from_staff = FALSE AND m.read_at IS NULL) AS unread, \
     (SELECT CAST(ROUND(AVG(r.total_centi)) AS BIGINT) FROM reviews r \
      WHERE r.dossier_id = d.id) AS score_centi";

impl Db {
    /// `FROM … WHERE …` of the list for this filter, after `sql`'s text.
    ///
    /// `lines`: the list's columns are read (organisation, network); a count joins only what
    /// its filters need, so that counting 100 000 dossiers reads one index.
    pub(super) fn list_from_where(
        &self,
        sql: &mut Sql,
        call_id: Uuid,
        filter: &StaffFilter,
        lines: bool,
    ) {
        sql.text.push_str(" FROM dossiers d");
        if lines {
            sql.text.push_str(" JOIN organisations o ON o.id = d.organisation_id");
        }
        if lines || filter.networks.is_some() || filter.network.is_some() {
            sql.text.push_str(" LEFT JOIN networks n ON n.id = d.network_id");
        }
        let needs_search = filter.text.is_some()
            || filter.department.is_some()
            || filter.region.is_some()
            || filter.region_2011.is_some()
            || filter.sector.is_some()
            || filter.admissibility.is_some();
        if needs_search {
            sql.text.push_str(" JOIN dossier_search s ON s.dossier_id = d.id");
        }
        let call = sql.param(Bind::Id(call_id));
        sql.text.push_str(&format!(" WHERE d.call_id = {call} AND d.state <> 'draft'"));
        if let Some(networks) = &filter.networks {
            if networks.is_empty() {
                sql.text.push_str(" AND 1 = 0");
            } else {
                let list = sql.params(networks.iter().map(|n| Bind::Text(n.clone())));
                sql.text.push_str(&format!(" AND n.slug IN ({list})"));
            }
        }
        let equal = |sql: &mut Sql, column: &str, value: &Option<String>| {
            if let Some(value) = value {
                let p = sql.param(Bind::Text(value.clone()));
                sql.text.push_str(&format!(" AND {column} = {p}"));
            }
        };
        equal(sql, "d.track", &filter.track);
        equal(sql, "d.state", &filter.state);
        equal(sql, "n.slug", &filter.network);
        equal(sql, "s.department", &filter.department);
        equal(sql, "s.region", &filter.region);
        equal(sql, "s.region_2011", &filter.region_2011);
        equal(sql, "s.admissibility", &filter.admissibility);
        if filter.unrouted {
            sql.text.push_str(" AND d.network_id IS NULL");
        }
        if let Some(sector) = &filter.sector {
            let p = sql.param(Bind::Text(format!("%,{},%", like_escape(sector))));
            sql.text.push_str(&format!(" AND s.sectors LIKE {p} ESCAPE '\\'"));
        }
        if let Some(label) = filter.label {
            let p = sql.param(Bind::Id(label));
            sql.text.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM dossier_labels dl WHERE dl.dossier_id = d.id \
                 AND dl.label_id = {p})"
            ));
        }
        for (bound, operator) in [(filter.score_min, ">="), (filter.score_max, "<=")] {
            if let Some(bound) = bound {
                let p = sql.param(Bind::Int(bound));
                sql.text.push_str(&format!(
                    " AND (SELECT AVG(r.total_centi) FROM reviews r WHERE r.dossier_id = d.id) \
                     {operator} {p}"
                ));
            }
        }
        if let Some(query) = &filter.text {
            match self {
                Db::Sqlite(..) => {
                    let p = sql.param(Bind::Text(query.fts5()));
                    sql.text.push_str(&format!(
                        " AND s.search_id IN (SELECT rowid FROM dossier_fts \
                         WHERE dossier_fts MATCH {p})"
                    ));
                }
                Db::Postgres(..) => {
                    let p = sql.param(Bind::Text(query.tsquery()));
                    sql.text.push_str(&format!(
                        " AND to_tsvector('simple', s.words) @@ to_tsquery('simple', {p})"
                    ));
                }
            }
        }
    }

    /// `ORDER BY …` of the list: the chosen column, then the reference to keep pages stable.
    pub(super) fn list_order(sql: &mut Sql, sort: Sort) {
        let direction = if sort.descending { "DESC" } else { "ASC" };
        let expression = sort.column.expression();
        // NULLs (no submission date, no review) last in both databases and both directions;
        // the default order (submission, newest first) follows the index of migration 0017.
        sql.text.push_str(&format!(" ORDER BY {expression} {direction} NULLS LAST, d.reference"));
    }

    /// A page of the list and how many dossiers the filter keeps in all.
    pub async fn staff_dossiers(
        &self,
        call_id: Uuid,
        filter: &StaffFilter,
    ) -> Result<(Vec<StaffDossierRow>, i64), sqlx::Error> {
        if let (Db::Sqlite(pool, _), Some(query)) = (self, &filter.text)
            && filter.score_min.is_none()
            && filter.score_max.is_none()
        {
            return self.searched_page(pool, call_id, filter, query).await;
        }
        let mut list = Sql { text: format!("SELECT {LINE_COLUMNS}"), binds: Vec::new() };
        self.list_from_where(&mut list, call_id, filter, true);
        Db::list_order(&mut list, filter.sort);
        let limit = list.param(Bind::Int(filter.limit));
        let offset = list.param(Bind::Int(filter.offset));
        list.text.push_str(&format!(" LIMIT {limit} OFFSET {offset}"));
        let mut count = Sql { text: "SELECT COUNT(*)".to_owned(), binds: Vec::new() };
        self.list_from_where(&mut count, call_id, filter, false);
        with_db!(self, pool => {
            let rows: Vec<StaffDossierRow> = bind_all!(
                sqlx::query_as(sqlx::AssertSqlSafe(list.text)),
                list.binds
            )
            .fetch_all(pool)
            .await?;
            let total: i64 =
                bind_all!(sqlx::query_scalar(sqlx::AssertSqlSafe(count.text)), count.binds)
                    .fetch_one(pool)
                    .await?;
            Ok((rows, total))
        })
    }
}

/// Up to how many matches a search in another order than the default one sorts them; above,
/// it walks that order's index (measured on the benchmark's database, docs/PERFORMANCE.md: a
/// sorted match costs about 5 µs, a row of the walk about 1 µs, and a walk reads
/// (offset + limit) × dossiers / matches rows).
const SORT_AT_MOST: i64 = 2000;

/// The orders a search can follow along an index of the search entries (migration 0023)
/// instead of sorting every match: the index, and the ORDER BY it gives (`title_key` is
/// `LOWER(title)`, the list's own order).
fn walkable(sort: Sort) -> Option<(&'static str, &'static str)> {
    match (sort.column, sort.descending) {
        (SortColumn::Reference, false) => Some(("dossier_search_reference_order", "s.reference")),
        (SortColumn::Reference, true) => {
            Some(("dossier_search_reference_order", "s.reference DESC"))
        }
        (SortColumn::Title, false) => {
            Some(("dossier_search_title_order", "s.title_key, s.reference"))
        }
        _ => None,
    }
}

/// The MATCH expression of SQLite's full-text index for a search with the list's filters
/// (all but the score range); None when nothing can match (a referent of no network). The call
/// is left out when the database holds one only (every row has it: one doclist less to read).
fn fts_match(
    call_id: Uuid,
    only_call: bool,
    filter: &StaffFilter,
    query: &Query,
) -> Option<String> {
    let mut expression = Fts5Match::default();
    if !only_call {
        expression.require(Facet::Call, &call_id.simple().to_string());
    }
    if let Some(networks) = &filter.networks
        && !expression.require_any(Facet::Network, networks)
    {
        return None;
    }
    let facets = [
        (Facet::Track, &filter.track),
        (Facet::State, &filter.state),
        (Facet::Network, &filter.network),
        (Facet::Department, &filter.department),
        (Facet::Region, &filter.region),
        (Facet::Region2011, &filter.region_2011),
        (Facet::Sector, &filter.sector),
        (Facet::Admissibility, &filter.admissibility),
    ];
    for (facet, value) in facets {
        if let Some(value) = value {
            expression.require(facet, value);
        }
    }
    if filter.unrouted {
        expression.require(Facet::Network, NO_NETWORK);
    }
    if let Some(label) = filter.label {
        expression.require(Facet::Label, &label.simple().to_string());
    }
    expression.search(query);
    Some(expression.expression())
}

impl Db {
    /// A page of a search on SQLite: counted by the full-text index alone (the filters are
    /// facet tokens of its rows), read in the default order from the index's row order, in
    /// another order along that order's index (probing the full-text index for each dossier)
    /// or by sorting the matches — whichever is expected to read less.
    async fn searched_page(
        &self,
        pool: &sqlx::SqlitePool,
        call_id: Uuid,
        filter: &StaffFilter,
        query: &Query,
    ) -> Result<(Vec<StaffDossierRow>, i64), sqlx::Error> {
        let calls: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM calls").fetch_one(pool).await?;
        let Some(expression) = fts_match(call_id, calls == 1, filter, query) else {
            return Ok((Vec::new(), 0));
        };
        // An order walked along its index needs the matches as a set: they also give the count.
        let walks = walkable(filter.sort).is_some() || filter.sort.column == SortColumn::Score;
        let (total, matches) = if walks && filter.plan != SearchPlan::Sort {
            let matches = Matches::read(pool, &expression).await?;
            (matches.len, Some(matches))
        } else {
            let total: i64 =
                sqlx::query_scalar("SELECT COUNT(*) FROM dossier_fts WHERE dossier_fts MATCH $1")
                    .bind(&expression)
                    .fetch_one(pool)
                    .await?;
            (total, None)
        };
        if total == 0 || filter.offset >= total {
            return Ok((Vec::new(), total));
        }
        let page = Page { call_id, expression: &expression, total, matches: matches.as_ref() };
        let ids = match filter.sort {
            Sort { column: SortColumn::Submitted, descending: true } => {
                let rows: Vec<i64> = sqlx::query_scalar(
                    "SELECT rowid FROM dossier_fts WHERE dossier_fts MATCH $1 \
                     ORDER BY rowid DESC LIMIT $2 OFFSET $3",
                )
                .bind(&expression)
                .bind(filter.limit)
                .bind(filter.offset)
                .fetch_all(pool)
                .await?;
                dossiers_of_rows(pool, &rows).await?
            }
            Sort { column: SortColumn::Score, descending } => {
                page.by_score(pool, filter.plan, descending, filter.limit, filter.offset).await?
            }
            sort => page.sorted(pool, filter.plan, sort, "", filter.limit, filter.offset).await?,
        };
        let rows = self.lines(&ids).await?;
        Ok((rows, total))
    }

    /// The list's lines of these dossiers, in this order.
    async fn lines(&self, ids: &[Uuid]) -> Result<Vec<StaffDossierRow>, sqlx::Error> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::default();
        let list = sql.params(ids.iter().map(|id| Bind::Id(*id)));
        sql.text = format!(
            "SELECT {LINE_COLUMNS} FROM dossiers d JOIN organisations o ON o.id = d.organisation_id \
             LEFT JOIN networks n ON n.id = d.network_id WHERE d.id IN ({list})"
        );
        let mut rows: Vec<StaffDossierRow> = with_db!(self, pool => {
            bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.text)), sql.binds)
                .fetch_all(pool)
                .await?
        });
        rows.sort_by_key(|row| ids.iter().position(|id| *id == row.id));
        Ok(rows)
    }
}

/// The dossiers of full-text rows, in the rows' order.
async fn dossiers_of_rows(pool: &sqlx::SqlitePool, rows: &[i64]) -> Result<Vec<Uuid>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = Sql::default();
    let list = sql.params(rows.iter().map(|row| Bind::Int(*row)));
    sql.text =
        format!("SELECT search_id, dossier_id FROM dossier_search WHERE search_id IN ({list})");
    let mut pairs: Vec<(i64, Uuid)> =
        bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.text)), sql.binds).fetch_all(pool).await?;
    pairs.sort_by_key(|(row, _)| rows.iter().position(|r| r == row));
    Ok(pairs.into_iter().map(|(_, id)| id).collect())
}

/// A search's matches on SQLite, to be put in an order other than the default.
struct Page<'a> {
    call_id: Uuid,
    expression: &'a str,
    /// How many dossiers match.
    total: i64,
    /// The matches as a set, read when the order may be walked.
    matches: Option<&'a Matches>,
}

impl Page<'_> {
    /// `limit` matching dossiers from `offset` in `sort`, among those `extra` (an SQL
    /// condition on the dossier `d` or its entry `s`, or "") keeps: along the order's index when there are many matches,
    /// else by sorting them.
    async fn sorted(
        &self,
        pool: &sqlx::SqlitePool,
        plan: SearchPlan,
        sort: Sort,
        extra: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Uuid>, sqlx::Error> {
        if let (Some((index, order)), Some(matches)) = (walkable(sort), self.matches)
            && (plan == SearchPlan::Walk
                || (plan == SearchPlan::Cheapest && self.total > SORT_AT_MOST))
        {
            return self.walk(pool, matches, (index, order), extra, limit, offset).await;
        }
        let direction = if sort.descending { "DESC" } else { "ASC" };
        let expression = sort.column.expression();
        let organisation = if sort.column == SortColumn::Organisation {
            "JOIN organisations o ON o.id = d.organisation_id"
        } else {
            ""
        };
        let sql = format!(
            "SELECT d.id FROM dossier_fts JOIN dossier_search s ON s.search_id = dossier_fts.rowid \
             JOIN dossiers d ON d.id = s.dossier_id {organisation} \
             WHERE dossier_fts MATCH $1 {extra} \
             ORDER BY {expression} {direction} NULLS LAST, d.reference LIMIT $2 OFFSET $3"
        );
        sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .bind(self.expression)
            .bind(limit)
            .bind(offset)
            .fetch_all(pool)
            .await
    }

    /// Walks an order's index (covering: no dossier row is read), keeping the matching
    /// dossiers, until `offset + limit` are found. The index is read in chunks that double
    /// (a statement left running to its end would read every dossier of the call).
    async fn walk(
        &self,
        pool: &sqlx::SqlitePool,
        matches: &Matches,
        (index, order): (&str, &str),
        extra: &str,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Uuid>, sqlx::Error> {
        let sql = format!(
            "SELECT s.search_id, s.dossier_id FROM dossier_search s INDEXED BY {index} \
             WHERE s.call_id = $1 {extra} ORDER BY {order} LIMIT $2 OFFSET $3"
        );
        let (mut skipped, mut ids) = (0, Vec::new());
        let (mut read, mut chunk) = (0_i64, ((offset + limit) * 4).max(256));
        loop {
            let rows: Vec<(i64, Uuid)> = sqlx::query_as(sqlx::AssertSqlSafe(sql.as_str()))
                .bind(self.call_id)
                .bind(chunk)
                .bind(read)
                .fetch_all(pool)
                .await?;
            let last = (rows.len() as i64) < chunk;
            for (row, id) in rows {
                if !matches.contains(row) {
                    continue;
                }
                if skipped < offset {
                    skipped += 1;
                    continue;
                }
                ids.push(id);
                if ids.len() as i64 >= limit {
                    return Ok(ids);
                }
            }
            if last {
                return Ok(ids);
            }
            read += chunk;
            chunk = chunk.saturating_mul(2);
        }
    }

    /// By mean review total: the reviewed matches first (few: read from the reviews), then
    /// the others by reference, as the list's SQL order has them (NULLS LAST).
    async fn by_score(
        &self,
        pool: &sqlx::SqlitePool,
        plan: SearchPlan,
        descending: bool,
        limit: i64,
        offset: i64,
    ) -> Result<Vec<Uuid>, sqlx::Error> {
        let sort = Sort { column: SortColumn::Score, descending };
        let Some(matches) = self.matches.filter(|_| {
            plan == SearchPlan::Walk || (plan == SearchPlan::Cheapest && self.total > SORT_AT_MOST)
        }) else {
            return self.sorted(pool, plan, sort, "", limit, offset).await;
        };
        let mut reviewed: Vec<(f64, String, Uuid, i64)> = sqlx::query_as(
            "SELECT AVG(r.total_centi) AS score, d.reference, d.id, s.search_id FROM reviews r \
             JOIN dossiers d ON d.id = r.dossier_id JOIN dossier_search s ON s.dossier_id = d.id \
             WHERE d.call_id = $1 GROUP BY d.id, d.reference, s.search_id",
        )
        .bind(self.call_id)
        .fetch_all(pool)
        .await?;
        reviewed.retain(|(_, _, _, row)| matches.contains(*row));
        reviewed.sort_by(|a, b| {
            let by_score = if descending { b.0.total_cmp(&a.0) } else { a.0.total_cmp(&b.0) };
            by_score.then_with(|| a.1.cmp(&b.1))
        });
        let scored = reviewed.len() as i64;
        let mut ids: Vec<Uuid> = reviewed
            .iter()
            .skip(usize::try_from(offset).unwrap_or(usize::MAX))
            .take(usize::try_from(limit).unwrap_or(usize::MAX))
            .map(|(_, _, id, _)| *id)
            .collect();
        let wanted = limit - ids.len() as i64;
        if wanted > 0 {
            let by_reference = walkable(Sort { column: SortColumn::Reference, descending: false })
                .unwrap_or(("dossier_search_reference_order", "s.reference"));
            let not_reviewed =
                "AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.dossier_id = s.dossier_id)";
            let from = (offset - scored).max(0);
            ids.extend(self.walk(pool, matches, by_reference, not_reviewed, wanted, from).await?);
        }
        Ok(ids)
    }
}

/// The rows of the full-text index a search matches, as a set: read in one statement (the
/// row ids joined by commas), so that a walk along an order's index checks each dossier in
/// memory instead of asking the index again.
struct Matches {
    bits: Vec<u64>,
    /// How many rows match.
    len: i64,
}

impl Matches {
    async fn read(pool: &sqlx::SqlitePool, expression: &str) -> Result<Matches, sqlx::Error> {
        let rows: Option<String> = sqlx::query_scalar(
            "SELECT group_concat(rowid) FROM dossier_fts WHERE dossier_fts MATCH $1",
        )
        .bind(expression)
        .fetch_one(pool)
        .await?;
        let (mut bits, mut len) = (Vec::new(), 0);
        for row in rows.as_deref().unwrap_or("").split(',') {
            let Ok(row) = row.parse::<usize>() else { continue };
            len += 1;
            let word = row / 64;
            if bits.len() <= word {
                bits.resize(word + 1, 0);
            }
            bits[word] |= 1 << (row % 64);
        }
        Ok(Matches { bits, len })
    }

    fn contains(&self, row: i64) -> bool {
        usize::try_from(row)
            .ok()
            .and_then(|row| self.bits.get(row / 64).map(|word| word & (1 << (row % 64)) != 0))
            .unwrap_or(false)
    }
}

/// A label of the back office.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct Label {
    pub id: Uuid,
    pub name: String,
}

/// Who does something to labels, for the audit journal.
pub struct Actor<'a> {
    pub id: Uuid,
    pub client: &'a str,
}

impl Db {
    /// The call's labels, by name.
    pub async fn labels(&self, call_id: Uuid) -> Result<Vec<Label>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as("SELECT id, name FROM labels WHERE call_id = $1 ORDER BY LOWER(name)")
                .bind(call_id)
                .fetch_all(pool)
                .await
        })
    }

    /// The label of this name, made if the call has none yet.
    pub async fn label_named(
        &self,
        call_id: Uuid,
        name: &str,
        by: Uuid,
        now: OffsetDateTime,
    ) -> Result<Label, sqlx::Error> {
        let at = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            sqlx::query(
                "INSERT INTO labels (id, call_id, name, created_by, created_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT (call_id, name) DO NOTHING",
            )
            .bind(Uuid::now_v7())
            .bind(call_id)
            .bind(name)
            .bind(by)
            .bind(at)
            .execute(pool)
            .await?;
            sqlx::query_as("SELECT id, name FROM labels WHERE call_id = $1 AND name = $2")
                .bind(call_id)
                .bind(name)
                .fetch_one(pool)
                .await
        })
    }

    /// The labels of some dossiers: (dossier, label name), by dossier then name.
    pub async fn labels_of(&self, dossiers: &[Uuid]) -> Result<Vec<(Uuid, Label)>, sqlx::Error> {
        if dossiers.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::default();
        let list = sql.params(dossiers.iter().map(|id| Bind::Id(*id)));
        sql.text = format!(
            "SELECT dl.dossier_id, l.id, l.name FROM dossier_labels dl \
             JOIN labels l ON l.id = dl.label_id WHERE dl.dossier_id IN ({list}) \
             ORDER BY dl.dossier_id, LOWER(l.name)"
        );
        let rows: Vec<(Uuid, Uuid, String)> = with_db!(self, pool => {
            bind_all!(sqlx::query_as(sqlx::AssertSqlSafe(sql.text)), sql.binds)
                .fetch_all(pool)
                .await?
        });
        Ok(rows.into_iter().map(|(dossier, id, name)| (dossier, Label { id, name })).collect())
    }

    /// Puts a label on dossiers (or takes it off), with one audit entry; returns how many
    /// dossiers changed.
    pub async fn set_label(
        &self,
        dossiers: &[Uuid],
        label: &Label,
        on: bool,
        actor: &Actor<'_>,
        now: OffsetDateTime,
    ) -> Result<u64, sqlx::Error> {
        let at = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let mut changed = 0;
            for dossier in dossiers {
                let done = if on {
                    sqlx::query(
                        "INSERT INTO dossier_labels (dossier_id, label_id, added_by, added_at) \
                         VALUES ($1, $2, $3, $4) ON CONFLICT (dossier_id, label_id) DO NOTHING",
                    )
                    .bind(dossier)
                    .bind(label.id)
                    .bind(actor.id)
                    .bind(at)
                    .execute(&mut *tx)
                    .await?
                } else {
                    sqlx::query("DELETE FROM dossier_labels WHERE dossier_id = $1 AND label_id = $2")
                        .bind(dossier)
                        .bind(label.id)
                        .execute(&mut *tx)
                        .await?
                };
                changed += done.rows_affected();
            }
            if changed > 0 {
                let detail = serde_json::json!({ "label": label.name, "dossiers": dossiers });
                let event = AuditEvent::by(
                    actor.id,
                    if on { "dossier.labelled" } else { "dossier.unlabelled" },
                    actor.client,
                    detail,
                );
                tx.audit(&event, now).await?;
            }
            tx.commit().await?;
            Ok(changed)
        })
    }
}

/// A saved filter of the list.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct SavedView {
    pub id: Uuid,
    pub name: String,
    /// The list's query string, without `?`.
    pub query: String,
}

impl Db {
    /// An account's saved views of a call's list, by name.
    pub async fn saved_views(
        &self,
        account_id: Uuid,
        call_id: Uuid,
    ) -> Result<Vec<SavedView>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_as(
                "SELECT id, name, query FROM saved_views WHERE account_id = $1 AND call_id = $2 \
                 ORDER BY LOWER(name)",
            )
            .bind(account_id)
            .bind(call_id)
            .fetch_all(pool)
            .await
        })
    }

    /// Saves a view; one of the same name is replaced.
    pub async fn save_view(
        &self,
        account_id: Uuid,
        call_id: Uuid,
        name: &str,
        query: &str,
        now: OffsetDateTime,
    ) -> Result<(), sqlx::Error> {
        let at = stored(now);
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            sqlx::query(
                "INSERT INTO saved_views (id, account_id, call_id, name, query, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (account_id, call_id, name) \
                 DO UPDATE SET query = excluded.query, created_at = excluded.created_at",
            )
            .bind(Uuid::now_v7())
            .bind(account_id)
            .bind(call_id)
            .bind(name)
            .bind(query)
            .bind(at)
            .execute(pool)
            .await
            .map(|_| ())
        })
    }

    /// Deletes one of the account's views; false if it has none with this id.
    pub async fn delete_view(&self, account_id: Uuid, id: Uuid) -> Result<bool, sqlx::Error> {
        let _turn = self.write_turn().await;
        with_db!(self, pool => {
            sqlx::query("DELETE FROM saved_views WHERE id = $1 AND account_id = $2")
                .bind(id)
                .bind(account_id)
                .execute(pool)
                .await
                .map(|done| done.rows_affected() == 1)
        })
    }
}

/// `%`, `_` and `\` taken literally in a LIKE pattern.
fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}
