//! `/gestion/poles`: the steering group publishes the poles of the network — the list of poles
//! with the versions waiting for a decision, each pole's page with the version proposed beside
//! the published one, the decision (publish, or refuse with a note), taking a pole off the
//! directory or putting it back, and the history of versions.

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
use crate::i18n;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::public::poles::{PoleView, pole_view};
use crate::web::page::Page;

/// A line of the list.
pub struct Line {
    pub id: Uuid,
    pub reference: String,
    pub title: String,
    pub track: String,
    pub state: String,
    pub pending: bool,
    pub link: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/poles.html")]
pub struct ListPage {
    page: Page,
    lines: Vec<Line>,
}

/// `GET /gestion/poles`.
pub async fn list(State(app): State<AppState>, page: Page) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let lang = page.lang;
    let lines = app
        .db
        .pole_lines(call.call.id)
        .await?
        .into_iter()
        .map(|l| Line {
            id: l.id,
            reference: l.reference,
            title: l.title,
            track: call
                .call
                .tracks
                .iter()
                .find(|t| t.slug == l.track)
                .map_or_else(|| l.track.clone(), |t| t.name.get(lang).to_owned()),
            state: i18n::t(lang, &format!("poles-state-{}", l.state)),
            pending: l.pending > 0,
            link: (l.state == "published").then(|| format!("/poles/{}", l.slug)),
        })
        .collect();
    Ok(ListPage { page, lines }.into_response())
}

/// A version as the steering group sees it.
pub struct VersionView {
    pub id: Uuid,
    pub number: i64,
    pub proposed: String,
    pub status: String,
    pub decided: String,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/pole.html")]
pub struct PolePage {
    page: Page,
    id: Uuid,
    title: String,
    state: String,
    published: bool,
    withdrawn: bool,
    link: Option<String>,
    /// The version waiting for a decision: (id, number, its view).
    pending: Option<(Uuid, i64)>,
    /// What the pending version would show, if any.
    pole: Option<PoleView>,
    /// What the directory shows now (published poles).
    live: Option<PoleView>,
    versions: Vec<VersionView>,
    note: String,
    note_error: Option<String>,
    notice: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Shown {
    fait: String,
}

/// `GET /gestion/poles/{id}`.
pub async fn page(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<Uuid>,
    Query(shown): Query<Shown>,
) -> Result<Response, AppError> {
    let pole = app.db.pole(id).await?.ok_or(AppError::NotFound)?;
    let notice = match shown.fait.as_str() {
        "publie" => Some(page.t("poles-notice-published")),
        "refuse" => Some(page.t("poles-notice-refused")),
        "retire" => Some(page.t("poles-notice-withdrawn")),
        "remis" => Some(page.t("poles-notice-restored")),
        _ => None,
    };
    Ok(render(&app, page, &pole, String::new(), None, notice).await?.into_response())
}

async fn render(
    app: &AppState,
    page: Page,
    pole: &Pole,
    note: String,
    note_error: Option<String>,
    notice: Option<String>,
) -> Result<PolePage, AppError> {
    let lang = page.lang;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let versions = app.db.pole_versions(pole.id).await?;
    let pending = versions.iter().find(|v| v.status == "pending");
    let view = match pending {
        Some(v) => Some(pole_view(app, &call.call, lang, &v.content.0).await?),
        None => None,
    };
    let live = match pole.state.as_str() {
        "proposed" => None,
        _ => Some(pole_view(app, &call.call, lang, &pole.content.0).await?),
    };
    let title =
        pending.map(|v| v.content.0.name.clone()).unwrap_or_else(|| pole.content.0.name.clone());
    Ok(PolePage {
        id: pole.id,
        title,
        state: i18n::t(lang, &format!("poles-state-{}", pole.state)),
        published: pole.state == "published",
        withdrawn: pole.state == "withdrawn",
        link: (pole.state == "published").then(|| format!("/poles/{}", pole.slug)),
        pending: pending.map(|v| (v.id, v.number)),
        pole: view,
        live,
        versions: versions
            .iter()
            .map(|v| VersionView {
                id: v.id,
                number: v.number,
                proposed: format!(
                    "{} — {}",
                    i18n::datetime(lang, v.proposed_at),
                    v.proposed_by_name
                ),
                status: i18n::t(lang, &format!("poles-version-{}", v.status)),
                decided: match (&v.decided_by_name, v.decided_at) {
                    (Some(who), Some(at)) => format!("{} — {who}", i18n::datetime(lang, at)),
                    _ => String::new(),
                },
                note: v.note.clone().unwrap_or_default(),
            })
            .collect(),
        note,
        note_error,
        notice,
        page,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DecisionInput {
    /// `publier` or `refuser`.
    decision: String,
    note: String,
}

/// `POST /gestion/poles/{id}/versions/{version}`: publishes the version, or refuses it with a
/// note (required: it is sent to the pole's people).
pub async fn decide(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path((id, version)): Path<(Uuid, Uuid)>,
    Form(input): Form<DecisionInput>,
) -> Result<Response, AppError> {
    let pole = app.db.pole(id).await?.ok_or(AppError::NotFound)?;
    let publish = match input.decision.as_str() {
        "publier" => true,
        "refuser" => false,
        _ => return Err(AppError::NotFound),
    };
    let note = input.note.trim();
    if !publish && note.is_empty() {
        let error = Some(page.t("poles-error-note-required"));
        let rendered = render(&app, page, &pole, input.note.clone(), error, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
    }
    let note = (!note.is_empty()).then_some(note);
    let now = OffsetDateTime::now_utc();
    let done =
        crate::poles::decide(&app, &account, &pole, version, publish, note, &client, now).await?;
    let fait = match (done, publish) {
        (false, _) => "",
        (true, true) => "publie",
        (true, false) => "refuse",
    };
    Ok(Redirect::to(&format!("/gestion/poles/{id}?fait={fait}")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WithdrawInput {
    /// `retirer` or `remettre`.
    action: String,
}

/// `POST /gestion/poles/{id}/annuaire`: takes a published pole off the directory or puts it
/// back.
pub async fn withdraw(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    Form(input): Form<WithdrawInput>,
) -> Result<Response, AppError> {
    let pole = app.db.pole(id).await?.ok_or(AppError::NotFound)?;
    let withdrawn = input.action == "retirer";
    let now = OffsetDateTime::now_utc();
    let done = app.db.set_pole_withdrawn(pole.id, withdrawn, account.id, &client, now).await?;
    let fait = match (done, withdrawn) {
        (false, _) => "",
        (true, true) => "retire",
        (true, false) => "remis",
    };
    Ok(Redirect::to(&format!("/gestion/poles/{id}?fait={fait}")).into_response())
}
