//! The rows of the back office's exports, read as a stream: the list of dossiers with the
//! list's filter (src/db/exchanges.rs), without paging, row by row as the database gives them.

use futures_util::stream::BoxStream;
use sqlx::FromRow;
use time::OffsetDateTime;
use uuid::Uuid;

use super::exchanges::StaffFilter;
use super::{Db, with_db};

/// One exported dossier: the list's columns and the lead organisation's commune.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct DossierExportRow {
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
    /// The INSEE code answered for the lead organisation's commune (`lead_commune`), if any.
    pub lead_commune: Option<String>,
}

/// The list's query without paging. The WHERE clause is `Db::staff_dossiers`'s, word for word
/// (tests/it/exports.rs checks that both give the same dossiers for each filter). The commune
/// comes out of the answers with `->>`, which SQLite (TEXT holding JSON) and PostgreSQL (JSONB)
/// both read the same way.
const ROWS_SQL: &str = "SELECT d.id, d.reference, d.title, d.track, d.state, \
     n.slug AS network_slug, o.name AS organisation_name, d.submitted_at, d.updated_at, \
     (SELECT COUNT(*) FROM dossier_messages m WHERE m.dossier_id = d.id \
      AND m.from_staff = $8 AND m.read_at IS NULL) AS unread, \
     CAST(d.answers ->> 'lead_commune' AS TEXT) AS lead_commune \
     FROM dossiers d JOIN organisations o ON o.id = d.organisation_id \
     LEFT JOIN networks n ON n.id = d.network_id \
     WHERE d.call_id = $1 AND d.state <> 'draft' \
     AND ($2 IS NULL OR $2 LIKE '%,' || COALESCE(n.slug, '-') || ',%') \
     AND ($3 IS NULL OR d.track = $3) AND ($4 IS NULL OR d.state = $4) \
     AND ($5 IS NULL OR n.slug = $5) AND ($6 = 0 OR d.network_id IS NULL) \
     AND ($7 IS NULL OR LOWER(d.title) LIKE $7 ESCAPE '\\' \
          OR LOWER(d.reference) LIKE $7 ESCAPE '\\' \
          OR LOWER(o.name) LIKE $7 ESCAPE '\\') \
     ORDER BY d.submitted_at DESC, d.reference";

impl Db {
    /// Every dossier of the back office's list for this filter (its `limit` and `offset` are
    /// ignored), in the list's order, as a stream: rows arrive as the database reads them and
    /// none is kept, so memory stays flat however many there are. The stream holds a pooled
    /// connection until it is dropped or ends.
    pub fn staff_dossier_rows(
        &self,
        call_id: Uuid,
        filter: &StaffFilter,
    ) -> BoxStream<'_, Result<DossierExportRow, sqlx::Error>> {
        // The referent's networks as one comma-separated text, as in `staff_dossiers`.
        let scope = filter.networks.as_ref().map(|n| format!(",{},", n.join(",")));
        let text = filter.text.as_deref().map(|t| format!("%{}%", like_escape(&t.to_lowercase())));
        let (track, state, network) =
            (filter.track.clone(), filter.state.clone(), filter.network.clone());
        let unrouted = i64::from(filter.unrouted);
        with_db!(self, pool => {
            sqlx::query_as::<_, DossierExportRow>(ROWS_SQL)
                .bind(call_id)
                .bind(scope)
                .bind(track)
                .bind(state)
                .bind(network)
                .bind(unrouted)
                .bind(text)
                .bind(false)
                .fetch(pool)
        })
    }
}

fn like_escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}
