//! `/espace/dossiers/{id}/publication/point`: a pole's people place it on the map themselves
//! (latitude and longitude, refused outside France next to the field) or go back to their
//! lead commune's point. Like any change of the pole's public page, the point is proposed as a
//! new version and goes live once the steering group publishes it. The page is shared with
//! the steering group's (backoffice/pole_point.rs), which places the pole at once.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::db::poles::Pole;
use crate::domain::lang::Lang;
use crate::domain::map_point::MapPoint;
use crate::i18n;
use crate::poles;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::page::Page;

#[derive(Template, WebTemplate)]
#[template(path = "pages/promotion/point.html")]
pub struct PointPage {
    pub page: Page,
    pub title: String,
    pub back_href: String,
    pub back_label: String,
    pub notice: Option<String>,
    /// The point the map uses today, as words.
    pub current: String,
    /// The point of the version waiting for the steering group, if any.
    pub pending: Option<String>,
    /// (field, message): next to each field, and in the summary.
    pub errors: Vec<(String, String)>,
    pub action: String,
    pub latitude: String,
    pub longitude: String,
    pub submit_label: String,
}

impl PointPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

/// A stored point as words: "45.04421, 5.05232", or the lead commune's.
pub fn describe(lang: Lang, point: Option<(f64, f64)>) -> String {
    match point {
        Some((latitude, longitude)) => format!("{latitude}, {longitude}"),
        None => i18n::t(lang, "promotion-point-commune"),
    }
}

/// The form as posted: `action` is `placer` or `effacer`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PointInput {
    pub action: String,
    pub latitude: String,
    pub longitude: String,
}

/// What the form asks: Ok(None) to go back to the commune's point, Ok(Some) a point in
/// France, Err the messages next to their fields.
pub fn read(lang: Lang, input: &PointInput) -> Result<Option<MapPoint>, Vec<(String, String)>> {
    if input.action == "effacer" {
        return Ok(None);
    }
    MapPoint::parse(&input.latitude, &input.longitude).map(Some).map_err(|issues| {
        issues.iter().map(|i| (i.field().to_owned(), i18n::t(lang, i.message()))).collect()
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Shown {
    fait: String,
}

/// The pole of a dossier whose people the account is among, once it has a version; 404
/// otherwise (its existence is not revealed to others).
async fn own_pole(
    app: &AppState,
    account: &crate::db::accounts::Account,
    id: Uuid,
) -> Result<Pole, AppError> {
    let dossier = app.db.dossier(id).await?.ok_or(AppError::NotFound)?;
    if !poles::is_pole_member(account, &dossier) || !poles::may_be_published(&dossier) {
        return Err(AppError::NotFound);
    }
    app.db.pole_of_dossier(dossier.id).await?.ok_or(AppError::NotFound)
}

async fn render(
    app: &AppState,
    page: Page,
    id: Uuid,
    pole: &Pole,
    typed: Option<&PointInput>,
    errors: Vec<(String, String)>,
    notice: Option<String>,
) -> Result<PointPage, AppError> {
    let lang = page.lang;
    let versions = app.db.pole_versions(pole.id).await?;
    let pending = versions.iter().find(|v| v.status == "pending");
    let live = pole.latitude.zip(pole.longitude);
    let shown = pending.map_or(live, |v| v.latitude.zip(v.longitude));
    let title = versions
        .first()
        .map(|v| v.content.0.name.clone())
        .unwrap_or_else(|| pole.content.0.name.clone());
    let (latitude, longitude) = match typed {
        Some(input) => (input.latitude.clone(), input.longitude.clone()),
        None => shown
            .map_or((String::new(), String::new()), |(la, lo)| (la.to_string(), lo.to_string())),
    };
    Ok(PointPage {
        title,
        back_href: format!("/espace/dossiers/{id}/publication"),
        back_label: i18n::t(lang, "poles-publication-title"),
        notice,
        current: describe(lang, live),
        pending: pending.map(|v| describe(lang, v.latitude.zip(v.longitude))),
        errors,
        action: format!("/espace/dossiers/{id}/publication/point"),
        latitude,
        longitude,
        submit_label: i18n::t(lang, "promotion-point-propose"),
        page,
    })
}

/// `GET /espace/dossiers/{id}/publication/point`.
pub async fn form(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path(id): Path<Uuid>,
    Query(shown): Query<Shown>,
) -> Result<Response, AppError> {
    let pole = own_pole(&app, &account, id).await?;
    let notice = (shown.fait == "propose").then(|| page.t("promotion-point-notice-proposed"));
    Ok(render(&app, page, id, &pole, None, Vec::new(), notice).await?.into_response())
}

/// `POST /espace/dossiers/{id}/publication/point`: proposes the point (or the commune's) as a
/// new version for the steering group; a point that does not read, or outside France, is
/// refused next to its field (422) with what was typed kept.
pub async fn propose(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    Form(input): Form<PointInput>,
) -> Result<Response, AppError> {
    let pole = own_pole(&app, &account, id).await?;
    let point = match read(page.lang, &input) {
        Ok(point) => point,
        Err(errors) => {
            let rendered = render(&app, page, id, &pole, Some(&input), errors, None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
        }
    };
    let point = point.map(|p| (p.latitude(), p.longitude()));
    let now = OffsetDateTime::now_utc();
    let by_name = &account.display_name;
    if !app.db.propose_pole_point(pole.id, point, account.id, by_name, &client, now).await? {
        let errors = vec![("latitude".to_owned(), page.t("promotion-point-error-no-version"))];
        let rendered = render(&app, page, id, &pole, Some(&input), errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
    }
    Ok(Redirect::to(&format!("/espace/dossiers/{id}/publication/point?fait=propose"))
        .into_response())
}
