//! `/gestion/poles/{id}/point`: the steering group places a pole on the map itself (or puts
//! it back at its lead commune's point); as the one who publishes, it changes the map at once
//! (and the version waiting for its decision, so that publishing it does not undo this).

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
use crate::i18n;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::candidate::pole_point::{PointInput, PointPage, describe, read};
use crate::web::page::Page;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Shown {
    fait: String,
}

async fn render(
    app: &AppState,
    page: Page,
    pole: &Pole,
    typed: Option<&PointInput>,
    errors: Vec<(String, String)>,
    notice: Option<String>,
) -> Result<PointPage, AppError> {
    let lang = page.lang;
    let versions = app.db.pole_versions(pole.id).await?;
    let pending = versions.iter().find(|v| v.status == "pending");
    let live = pole.latitude.zip(pole.longitude);
    let title = pending
        .or(versions.first())
        .map(|v| v.content.0.name.clone())
        .unwrap_or_else(|| pole.content.0.name.clone());
    let (latitude, longitude) = match typed {
        Some(input) => (input.latitude.clone(), input.longitude.clone()),
        None => {
            live.map_or((String::new(), String::new()), |(la, lo)| (la.to_string(), lo.to_string()))
        }
    };
    Ok(PointPage {
        title,
        back_href: format!("/gestion/poles/{}", pole.id),
        back_label: i18n::t(lang, "promotion-point-back-pole"),
        notice,
        current: describe(lang, live),
        pending: pending.map(|v| describe(lang, v.latitude.zip(v.longitude))),
        errors,
        action: format!("/gestion/poles/{}/point", pole.id),
        latitude,
        longitude,
        submit_label: i18n::t(lang, "promotion-point-save"),
        page,
    })
}

/// `GET /gestion/poles/{id}/point`.
pub async fn form(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<Uuid>,
    Query(shown): Query<Shown>,
) -> Result<Response, AppError> {
    let pole = app.db.pole(id).await?.ok_or(AppError::NotFound)?;
    let notice = (shown.fait == "place").then(|| page.t("promotion-point-notice-saved"));
    Ok(render(&app, page, &pole, None, Vec::new(), notice).await?.into_response())
}

/// `POST /gestion/poles/{id}/point`: places the pole (or back at its commune's point) at once;
/// a point that does not read, or outside France, is refused next to its field (422).
pub async fn save(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    Form(input): Form<PointInput>,
) -> Result<Response, AppError> {
    let pole = app.db.pole(id).await?.ok_or(AppError::NotFound)?;
    let point = match read(page.lang, &input) {
        Ok(point) => point.map(|p| (p.latitude(), p.longitude())),
        Err(errors) => {
            let rendered = render(&app, page, &pole, Some(&input), errors, None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
        }
    };
    let now = OffsetDateTime::now_utc();
    app.db.set_pole_point(pole.id, point, account.id, &client, now).await?;
    Ok(Redirect::to(&format!("/gestion/poles/{id}/point?fait=place")).into_response())
}
