//! `/gestion/selection`: the steering group's selection board of a track — the ranked dossiers,
//! the suggested selection under the quota and the per-region rule with each dossier's reason,
//! the prepared decisions against the quota, the territorial balance — and the release of the
//! decisions (nothing reaches a candidate before it).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, RawForm, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::db::decisions::SelectionRule;
use crate::domain::lang::Lang;
use crate::domain::review::{self, Outcome, Track};
use crate::domain::selection;
use crate::i18n;
use crate::selection::{self as use_cases, Board};
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::backoffice::dossiers::staff_dossier;
use crate::web::page::Page;

/// A line of the board as shown.
pub struct Line {
    pub id: Uuid,
    pub place: String,
    pub reference: String,
    pub title: String,
    pub department: String,
    pub region: String,
    pub score: String,
    pub suggested: bool,
    pub reason: String,
    pub decision: String,
    pub released: bool,
    pub outcome: String,
    pub motivation: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/selection.html")]
pub struct BoardPage {
    page: Page,
    track: String,
    tracks: Vec<(String, String, bool)>,
    quota_text: String,
    per_region: String,
    regions_2011: bool,
    lines: Vec<Line>,
    outcomes: Vec<(String, String)>,
    /// By region: name, prepared selection, candidates.
    balance: Vec<(String, u32, u32)>,
    departments: Vec<(String, u32, u32)>,
    /// The map of the prepared selection by region (statistics.rs), beside the balance.
    selection_map: crate::web::handlers::backoffice::statistics::SelectionMap,
    unreleased: usize,
    notice: Option<String>,
    error: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BoardQuery {
    parcours: String,
    fait: String,
    n: u64,
    /// The map's regions: `2011` or `actuelles` (the rule's by default).
    carte: String,
}

fn track_of(slug: &str) -> Track {
    Track::parse(slug).unwrap_or(Track::Established)
}

/// `GET /gestion/selection?parcours=established`.
pub async fn board(
    State(app): State<AppState>,
    page: Page,
    Query(query): Query<BoardQuery>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let notice = match query.fait.as_str() {
        "regle" => Some(i18n::t(lang, "selection-notice-rule")),
        "suggestion" | "publication" => Some(i18n::t_args(
            lang,
            if query.fait == "suggestion" {
                "selection-notice-applied"
            } else {
                "selection-notice-released"
            },
            &[("count", fluent_templates::fluent_bundle::FluentValue::from(query.n))],
        )),
        "decision" => Some(i18n::t(lang, "selection-notice-decision")),
        _ => None,
    };
    let rendered = render(&app, page, track_of(&query.parcours), notice, None).await?;
    let mut rendered = rendered;
    rendered.selection_map = rendered.selection_map.at(lang, &query.carte);
    Ok(rendered.into_response())
}

async fn render(
    app: &AppState,
    page: Page,
    track: Track,
    notice: Option<String>,
    error: Option<String>,
) -> Result<BoardPage, AppError> {
    let lang = page.lang;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let call = &call.call;
    let board: Board = use_cases::board(app, call, track).await?;
    let suggested = &board.suggestion.selected;
    let lines: Vec<Line> = board
        .lines
        .iter()
        .map(|l| {
            let id = l.dossier.id.to_string();
            let reason = board
                .suggestion
                .verdicts
                .iter()
                .find(|v| v.dossier == id)
                .map(|v| v.reason.message().text(lang))
                .unwrap_or_default();
            let outcome = l.decision.as_ref().and_then(|d| Outcome::parse(&d.outcome));
            // A dossier redirected here is decided afresh in this track: its released
            // redirection is history, not this board's decision.
            let arrived = outcome == Some(Outcome::Redirected)
                && l.decision.as_ref().and_then(|d| d.target_track.as_deref())
                    == Some(track.slug());
            let (outcome, decision) =
                if arrived { (None, None) } else { (outcome, l.decision.as_ref()) };
            Line {
                id: l.dossier.id,
                place: l.place.map(|p| p.to_string()).unwrap_or_default(),
                reference: l.dossier.reference.clone(),
                title: l.dossier.title.clone(),
                department: l.department.clone(),
                region: l.region_name.clone(),
                score: l
                    .score_centi
                    .map(|s| review::format_centi(u64::from(s), lang))
                    .unwrap_or_else(|| i18n::t(lang, "selection-not-reviewed")),
                suggested: suggested.contains(&id),
                reason,
                decision: outcome.map(|o| o.label(lang).to_owned()).unwrap_or_default(),
                released: decision.is_some_and(|d| d.released_at.is_some()),
                outcome: outcome.map(|o| o.code().to_owned()).unwrap_or_default(),
                motivation: decision.map(|d| d.motivation.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let decided = board.decided_selection();
    let candidates = board.candidates();
    let counted = selection::balance(&decided, &candidates);
    let region_name = |key: &str| {
        candidates
            .iter()
            .find(|c| c.region == key)
            .map_or(key.to_owned(), |c| c.region_name.clone())
    };
    let quota_text = i18n::t_args(
        lang,
        "selection-quota",
        &[
            ("selected", fluent_templates::fluent_bundle::FluentValue::from(decided.len())),
            (
                "quota",
                fluent_templates::fluent_bundle::FluentValue::from(
                    board.quota.map_or_else(|| "—".to_owned(), |q| q.to_string()),
                ),
            ),
        ],
    );
    let unreleased = board
        .lines
        .iter()
        .filter(|l| l.decision.as_ref().is_some_and(|d| d.released_at.is_none()))
        .count();
    Ok(BoardPage {
        track: track.slug().to_owned(),
        tracks: call
            .tracks
            .iter()
            .filter(|t| Track::parse(&t.slug).is_some())
            .map(|t| (t.slug.clone(), t.name.get(lang).to_owned(), t.slug == track.slug()))
            .collect(),
        quota_text,
        per_region: board.rule.per_region.map(|n| n.to_string()).unwrap_or_default(),
        regions_2011: board.rule.regions != "current",
        lines,
        outcomes: Outcome::ALL
            .iter()
            .map(|o| (o.code().to_owned(), o.label(lang).to_owned()))
            .collect(),
        balance: counted
            .regions
            .iter()
            .map(|r| (region_name(&r.key), r.selected, r.candidates))
            .collect(),
        departments: counted
            .departments
            .iter()
            .map(|r| (r.key.clone(), r.selected, r.candidates))
            .collect(),
        selection_map: crate::web::handlers::backoffice::statistics::SelectionMap::of(lang, &board),
        unreleased,
        notice,
        error,
        page,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RuleForm {
    parcours: String,
    par_region: String,
    regions: String,
}

/// `POST /gestion/selection/regle`: "at most N per region" (empty: no limit), regions of 2011
/// or current ones.
pub async fn rule(
    State(app): State<AppState>,
    page: Page,
    Form(form): Form<RuleForm>,
) -> Result<Response, AppError> {
    let track = track_of(&form.parcours);
    let text = form.par_region.trim();
    let per_region = match text {
        "" => None,
        n => match n.parse::<i64>() {
            Ok(n) if (1..=100).contains(&n) => Some(n),
            _ => {
                let error = Some(i18n::t(page.lang, "selection-rule-invalid"));
                let rendered = render(&app, page, track, None, error).await?;
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
            }
        },
    };
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let regions = if form.regions == "current" { "current" } else { "2011" }.to_owned();
    app.db
        .set_selection_rule(call.call.id, track.slug(), &SelectionRule { per_region, regions })
        .await?;
    Ok(Redirect::to(&format!("/gestion/selection?parcours={}&fait=regle", track.slug()))
        .into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TrackForm {
    parcours: String,
}

/// `POST /gestion/selection/suggestion`: prepares "retenu" for the suggested dossiers that
/// have no decision yet.
pub async fn apply(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(form): Form<TrackForm>,
) -> Result<Response, AppError> {
    let track = track_of(&form.parcours);
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let board = use_cases::board(&app, &call.call, track).await?;
    let now = OffsetDateTime::now_utc();
    let n = use_cases::apply_suggestion(&app, &account, &board, &client, now).await?;
    Ok(Redirect::to(&format!("/gestion/selection?parcours={}&fait=suggestion&n={n}", track.slug()))
        .into_response())
}

/// `POST /gestion/dossiers/{id}/decision`: prepares (or changes, until released) a decision.
pub async fn prepare(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    RawForm(body): RawForm,
) -> Result<Response, AppError> {
    let dossier = staff_dossier(&app, &account, &client, id).await?;
    let track = track_of(&dossier.track);
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    match review::parse_decision(track, &pairs) {
        Ok(decision) => {
            let now = OffsetDateTime::now_utc();
            let target = decision.target_track.map(Track::slug);
            let code = decision.outcome.code();
            app.db
                .prepare_decision(id, code, &decision.motivation, target, account.id, &client, now)
                .await?;
            Ok(Redirect::to(&format!(
                "/gestion/selection?parcours={}&fait=decision#d-{id}",
                track.slug()
            ))
            .into_response())
        }
        Err(issues) => {
            let lang: Lang = page.lang;
            let error = issues.iter().map(|i| i.message.text(lang)).collect::<Vec<_>>().join(" ");
            let error = Some(format!("{} — {}", dossier.reference, error));
            let rendered = render(&app, page, track, None, error).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReleaseForm {
    parcours: String,
    dossier: String,
}

/// `POST /gestion/selection/publication`: releases the prepared decisions (all, or the one of
/// `dossier`): states change, emails go.
pub async fn release(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(form): Form<ReleaseForm>,
) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let only = Uuid::parse_str(form.dossier.trim()).ok();
    let now = OffsetDateTime::now_utc();
    let n = use_cases::release(&app, &account, &call.call, only, &client, now).await?;
    let track = track_of(&form.parcours);
    Ok(Redirect::to(&format!(
        "/gestion/selection?parcours={}&fait=publication&n={n}",
        track.slug()
    ))
    .into_response())
}
