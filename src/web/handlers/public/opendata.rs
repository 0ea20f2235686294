//! `/donnees`: the open data of the network — the published poles as CSV, JSON and GeoJSON,
//! their Frictionless Data package, and the page that lists them with their licence. The files
//! are made on each request from the published poles (src/opendata builds them), cached briefly
//! by browsers and proxies, and readable by other sites (CORS open): that is what they are for.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_ORIGIN, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, ETAG,
    IF_NONE_MATCH, LAST_MODIFIED,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

use crate::app::AppState;
use crate::domain::lang::Lang;
use crate::i18n;
use crate::opendata::{self, COLUMNS, Labels, PoleRecord};
use crate::web::error::AppError;
use crate::web::handlers::public::poles::pole_view;
use crate::web::page::Page;

/// Short enough for a publication to show within minutes, long enough to spare the database
/// a portal that polls.
const CACHE: &str = "public, max-age=300";

/// The published poles as records, the codes of the tracks that make poles, and when the
/// newest of them last changed. No call installed: nothing.
async fn gather(
    app: &AppState,
) -> Result<(Vec<PoleRecord>, Vec<String>, Option<OffsetDateTime>), AppError> {
    let Some(call) = app.content.call(&app.db).await? else {
        return Ok((Vec::new(), Vec::new(), None));
    };
    let call = &call.call;
    // Expressions of interest (form C) need no account and never become dossiers, nor poles.
    let tracks =
        call.tracks.iter().filter(|t| t.account_required).map(|t| t.slug.clone()).collect();
    let poles = app.db.published_poles(call.id).await?;
    let newest = poles.iter().map(|p| p.updated_at).max();
    let mut records = Vec::with_capacity(poles.len());
    for pole in &poles {
        // Labels in French, the call's language, as the package's descriptions say.
        let view = pole_view(app, call, Lang::Fr, &pole.content.0).await?;
        let labels = Labels {
            sectors: view.sectors,
            profile: view.profile,
            mutualisations: view.mutualisations,
            members: view.members.into_iter().map(|(name, _)| name).collect(),
        };
        records.push(PoleRecord::new(pole, &app.settings.base_url, labels));
    }
    Ok((records, tracks, newest))
}

/// IMF-fixdate, the form of HTTP dates (RFC 9110 §5.6.7).
const HTTP_DATE: &[BorrowedFormatItem<'static>] = format_description!(
    "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
);

/// Whether `If-None-Match` names this ETag (or any, `*`); weak forms compare equal.
fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers.get_all(IF_NONE_MATCH).iter().filter_map(|v| v.to_str().ok()).any(|list| {
        list.split(',').map(str::trim).any(|tag| tag == "*" || tag.trim_start_matches("W/") == etag)
    })
}

/// A file of `/donnees`: its type, shown in the browser under its name, an ETag of its content
/// (and the time of the newest change when it holds poles), a short public cache, open CORS.
fn file(
    request: &HeaderMap,
    body: String,
    content_type: &'static str,
    filename: &'static str,
    last_modified: Option<OffsetDateTime>,
) -> Result<Response, AppError> {
    let etag = format!("\"{}\"", hex::encode(&Sha256::digest(body.as_bytes())[..16]));
    let mut headers = HeaderMap::new();
    headers.insert(ETAG, HeaderValue::from_str(&etag).map_err(anyhow::Error::from)?);
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(CACHE));
    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    if let Some(moment) = last_modified {
        let date = moment.to_offset(time::UtcOffset::UTC).format(HTTP_DATE);
        let date = date.map_err(anyhow::Error::from)?;
        headers.insert(LAST_MODIFIED, HeaderValue::from_str(&date).map_err(anyhow::Error::from)?);
    }
    if not_modified(request, &etag) {
        return Ok((StatusCode::NOT_MODIFIED, headers).into_response());
    }
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    let disposition = format!("inline; filename=\"{filename}\"");
    headers.insert(
        CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).map_err(anyhow::Error::from)?,
    );
    Ok((headers, body).into_response())
}

/// `GET /donnees/poles.csv`.
pub async fn csv(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let (records, _, newest) = gather(&app).await?;
    let body = opendata::csv(&records);
    file(&headers, body, "text/csv; charset=utf-8", opendata::CSV_FILE, newest)
}

/// `GET /donnees/poles.json`.
pub async fn json(State(app): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    let (records, _, newest) = gather(&app).await?;
    let body = opendata::json(&records);
    file(&headers, body, "application/json", opendata::JSON_FILE, newest)
}

/// `GET /donnees/poles.geojson`.
pub async fn geojson(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let (records, _, newest) = gather(&app).await?;
    let body = opendata::geojson(&records);
    file(&headers, body, "application/geo+json", opendata::GEOJSON_FILE, newest)
}

/// `GET /donnees/datapackage.json`: the description of the files; it changes with the
/// call's tracks only, hence its ETag and no `Last-Modified`.
pub async fn datapackage(
    State(app): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let tracks = match app.content.call(&app.db).await? {
        Some(call) => {
            call.call.tracks.iter().filter(|t| t.account_required).map(|t| t.slug.clone()).collect()
        }
        None => Vec::new(),
    };
    let body = opendata::datapackage(&app.settings.base_url, &tracks);
    file(&headers, body, "application/json", opendata::PACKAGE_FILE, None)
}

/// A column as the page documents it.
pub struct ColumnRow {
    pub name: &'static str,
    pub title: String,
    pub description: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/opendata.html")]
pub struct OpenDataPage {
    page: Page,
    count_text: String,
    columns: Vec<ColumnRow>,
    licence_url: &'static str,
}

/// `GET /donnees`: the files, their licence, their columns, how many poles they hold.
pub async fn page(State(app): State<AppState>, page: Page) -> Result<OpenDataPage, AppError> {
    let count = match app.content.call(&app.db).await? {
        Some(call) => app.db.published_poles(call.call.id).await?.len(),
        None => 0,
    };
    let lang = page.lang;
    let count_text = i18n::t_args(lang, "opendata-count", &[("count", FluentValue::from(count))]);
    let columns = COLUMNS
        .iter()
        .map(|column| ColumnRow {
            name: column.name,
            title: opendata::column_title(lang, column),
            description: opendata::column_description(lang, column),
        })
        .collect();
    Ok(OpenDataPage { page, count_text, columns, licence_url: opendata::LICENCE_URL })
}
