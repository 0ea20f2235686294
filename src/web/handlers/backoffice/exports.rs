//! `/gestion/dossiers.csv`, `.xlsx` and `.ods`: the back office's list of dossiers as a file,
//! with the list's filters (same query string) and the account's scope (a referent gets only
//! their network's dossiers), every dossier and not a page, streamed from the database.

use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde_json::json;
use time::{OffsetDateTime, PrimitiveDateTime};
use tokio::sync::Semaphore;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::auth::throttle;
use crate::db::accounts::Account;
use crate::db::audit::AuditEvent;
use crate::db::exports::DossierExportRow;
use crate::domain::call::Call;
use crate::domain::dossier::DossierState;
use crate::domain::lang::Lang;
use crate::domain::paris;
use crate::domain::territory::{Gazetteer, InseeCode};
use crate::exports::{self, Cell, ExportError, Format};
use crate::i18n;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::backoffice::dossier_list::{ListQuery, filter_of};
use crate::web::page::Page;

/// Exports written at once by this process; the others wait their turn. An export keeps a core
/// and a database connection busy for a few seconds at 100 000 dossiers: a double click or an
/// impatient reload must not take the whole pool.
static RUNNING: Semaphore = Semaphore::const_new(2);

/// The columns of the file: the list's, then where the lead organisation is.
const COLUMNS: [&str; 13] = [
    "staff-dossiers-col-reference",
    "staff-dossiers-col-title",
    "staff-dossiers-col-organisation",
    "staff-dossiers-col-track",
    "staff-dossiers-col-state",
    "staff-dossiers-col-network",
    "staff-dossiers-col-submitted",
    "staff-dossiers-export-col-updated",
    "staff-dossiers-col-unread",
    "staff-dossiers-export-col-commune",
    "staff-dossiers-export-col-department",
    "staff-dossiers-export-col-region",
    "staff-dossiers-export-col-region-2011",
];

/// `GET /gestion/dossiers.csv`: `;`, UTF-8 with a byte-order mark, formulas neutralised.
pub async fn csv(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    export(&app, page.lang, &account, &client, &query, Format::Csv).await
}

/// `GET /gestion/dossiers.xlsx`.
pub async fn xlsx(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    export(&app, page.lang, &account, &client, &query, Format::Xlsx).await
}

/// `GET /gestion/dossiers.ods`.
pub async fn ods(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    export(&app, page.lang, &account, &client, &query, Format::Ods).await
}

/// The list as a file, as an attachment named after the day (`dossiers-2011-11-15.csv`).
/// Side effect: a `dossiers.exported` audit event with the format, the number of dossiers and
/// the filter (the candidates' data leaves the platform).
async fn export(
    app: &AppState,
    lang: Lang,
    account: &Account,
    client: &str,
    query: &ListQuery,
    format: Format,
) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let call = &call.call;
    throttled(app, account, client).await?;
    let labels = app.db.labels(call.id).await?;
    // A search that does not read exports the list without it, as the list shows it.
    let (filter, _) = filter_of(account, call, &labels, query);
    let header: Vec<String> = COLUMNS.iter().map(|key| i18n::t(lang, key)).collect();
    let names = Names::of(call, lang);
    let rows =
        app.db.staff_dossier_rows(call.id, &filter).map(|row| row.map(|row| names.cells(row)));
    let spooled = {
        let _turn = RUNNING.acquire().await.map_err(anyhow::Error::from)?;
        let sheet = i18n::t(lang, "staff-dossiers-export-sheet");
        exports::spool(format, &sheet, header, rows).await.map_err(export_error)?
    };

    let now = OffsetDateTime::now_utc();
    let event = AuditEvent::by(
        account.id,
        "dossiers.exported",
        client,
        json!({
            "format": format.extension(),
            "count": spooled.rows,
            "filter": query
                .pairs()
                .into_iter()
                .map(|(name, value)| (name.to_owned(), json!(value)))
                .collect::<serde_json::Map<_, _>>(),
        }),
    );
    app.db.audit(&event, now).await?;

    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(spooled.len));
    let filename = format!("dossiers-{}.{}", paris::date_of(now), format.extension());
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    Ok((headers, Body::from_stream(spooled.chunks())).into_response())
}

/// Counts an export against the account's limit (`throttle::EXPORT`, shared by every server
/// through the database); past it, 429 with `Retry-After`.
pub(crate) async fn throttled(
    app: &AppState,
    account: &Account,
    client: &str,
) -> Result<(), AppError> {
    let now = OffsetDateTime::now_utc();
    let limit = throttle::EXPORT;
    let key = Some(account.email.as_str());
    if let Err(retry) = throttle::check(&app.db, limit, key, client, now).await? {
        return Err(AppError::TooManyRequests(retry));
    }
    app.db.record_attempt(limit.kind, key, client, true, now).await?;
    Ok(())
}

/// A database error while reading the rows is the database's (503 when it is away); anything
/// else is an internal error.
fn export_error(error: ExportError) -> AppError {
    match error {
        ExportError::Rows(source) => match source.downcast::<sqlx::Error>() {
            Ok(error) => AppError::from(*error),
            Err(other) => AppError::Internal(ExportError::Rows(other).into()),
        },
        other => AppError::Internal(other.into()),
    }
}

/// What the codes of a row read as, in the reader's language.
struct Names {
    lang: Lang,
    tracks: Vec<(String, String)>,
    networks: Vec<(String, String)>,
    unrouted: String,
}

impl Names {
    fn of(call: &Call, lang: Lang) -> Names {
        Names {
            lang,
            tracks: call
                .tracks
                .iter()
                .map(|t| (t.slug.clone(), t.name.get(lang).to_owned()))
                .collect(),
            networks: call
                .networks
                .iter()
                .map(|n| (n.slug.clone(), n.name.get(lang).to_owned()))
                .collect(),
            unrouted: i18n::t(lang, "staff-dossiers-unrouted"),
        }
    }

    fn name<'a>(list: &'a [(String, String)], slug: &'a str) -> &'a str {
        list.iter().find(|(s, _)| s == slug).map_or(slug, |(_, name)| name.as_str())
    }

    /// A row of the file. The title and the organisation's name are the candidates' words:
    /// text cells, whatever they start with.
    fn cells(&self, export: DossierExportRow) -> Vec<Cell> {
        let DossierExportRow { line: row, lead_commune } = export;
        let state = DossierState::parse(&row.state)
            .map_or_else(|| row.state.clone(), |s| s.label(self.lang).to_owned());
        let network = match &row.network_slug {
            Some(slug) => Names::name(&self.networks, slug).to_owned(),
            None => self.unrouted.clone(),
        };
        let commune = lead_commune.as_deref().map(str::trim).filter(|c| !c.is_empty());
        let place = commune
            .and_then(|c| InseeCode::parse(c).ok())
            .and_then(|code| Gazetteer::global().commune(&code));
        let (commune, department, region, region_2011) = match (place, commune) {
            (Some(place), _) => (
                Cell::Text(format!("{} ({})", place.name(), place.code().as_str())),
                Cell::Text(format!(
                    "{} — {}",
                    place.department().code(),
                    place.department().name()
                )),
                Cell::from(place.region().name()),
                Cell::from(place.region_2011().name()),
            ),
            // A commune typed but not found: shown as typed.
            (None, Some(typed)) => (Cell::from(typed), Cell::Empty, Cell::Empty, Cell::Empty),
            (None, None) => (Cell::Empty, Cell::Empty, Cell::Empty, Cell::Empty),
        };
        vec![
            Cell::Text(row.reference),
            Cell::Text(row.title),
            Cell::Text(row.organisation_name),
            Cell::from(Names::name(&self.tracks, &row.track)),
            Cell::Text(state),
            Cell::Text(network),
            row.submitted_at.map_or(Cell::Empty, paris_time),
            paris_time(row.updated_at),
            Cell::Integer(row.unread),
            commune,
            department,
            region,
            region_2011,
        ]
    }
}

/// An instant as a Paris date and time, to the second.
fn paris_time(at: OffsetDateTime) -> Cell {
    let local = paris::to_paris(at);
    Cell::DateTime(PrimitiveDateTime::new(local.date(), local.time()))
}
