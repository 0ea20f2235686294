//! The rows of the back office's exports, read as a stream: the list of dossiers with the
//! list's filter (src/db/dossier_list.rs), without paging, row by row as the database gives them.

use futures_util::stream::BoxStream;
use sqlx::FromRow;
use uuid::Uuid;

use super::dossier_list::{Bind, LINE_COLUMNS, Sql, StaffDossierRow, StaffFilter, bind_all};
use super::{Db, with_db};

/// One exported dossier: the list's line and the lead organisation's commune.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct DossierExportRow {
    #[sqlx(flatten)]
    pub line: StaffDossierRow,
    /// The INSEE code answered for the lead organisation's commune (`lead_commune`), if any.
    pub lead_commune: Option<String>,
}

impl Db {
    /// Every dossier of the back office's list for this filter (its `limit` and `offset` are
    /// ignored), in the list's order, as a stream: rows arrive as the database reads them and
    /// none is kept, so memory stays flat however many there are. The stream holds a pooled
    /// connection until it is dropped or ends. The WHERE and ORDER BY clauses are the list's
    /// (src/db/dossier_list.rs); the commune comes out of the answers with `->>`, which SQLite
    /// (TEXT holding JSON) and PostgreSQL (JSONB) both read the same way.
    pub fn staff_dossier_rows(
        &self,
        call_id: Uuid,
        filter: &StaffFilter,
    ) -> BoxStream<'_, Result<DossierExportRow, sqlx::Error>> {
        let mut sql = Sql {
            text: format!(
                "SELECT {LINE_COLUMNS}, CAST(d.answers ->> 'lead_commune' AS TEXT) AS lead_commune"
            ),
            binds: Vec::new(),
        };
        self.list_from_where(&mut sql, call_id, filter, true);
        Db::list_order(&mut sql, filter.sort);
        with_db!(self, pool => {
            bind_all!(
                sqlx::query_as::<_, DossierExportRow>(sqlx::AssertSqlSafe(sql.text)),
                sql.binds
            )
            .fetch(pool)
        })
    }
}
