//! Screening step 2 in the back office: a reviewer's queue (`/gestion/evaluations`), the review
//! form of an assigned dossier (`/gestion/dossiers/{id}/evaluation`), the review phase and the
//! automatic assignment (steering group), the manual assignment on a dossier's page, and the
//! reviews block of that page (blind until one's own review is in).

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
use crate::db::accounts::Account;
use crate::db::dossiers::Dossier;
use crate::db::reviews::ReviewPhase;
use crate::domain::call::Call;
use crate::domain::form::FormSchema;
use crate::domain::lang::Lang;
use crate::domain::review::{self, Grid, Track};
use crate::i18n;
use crate::reviews::{self, ReviewRefusal};
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::backoffice::dossiers::{
    StaffDossier, staff_dossier, staff_dossier_and_network,
};
use crate::web::page::Page;

/// The reviews block of a dossier's page.
pub struct ReviewsView {
    /// The reviewer may not see the others' scores yet (blind phase, own review not in).
    pub hidden: bool,
    /// Reviewers' names, one column each.
    pub reviewers: Vec<String>,
    /// Per criterion: label, weight, each reviewer's score, mean, median, spread.
    pub rows: Vec<ReviewRow>,
    /// Per reviewer: total on 100, bonus, recommendation, comment.
    pub totals: Vec<String>,
    pub bonuses: Vec<String>,
    pub recommendations: Vec<String>,
    pub comments: Vec<(String, String)>,
    pub mean_total: String,
    pub median_total: String,
    pub alerts: Vec<String>,
    /// The account may review this dossier now: (link text).
    pub review_link: Option<String>,
    /// The assigned reviewers' names.
    pub assigned: Vec<String>,
    /// Steering group: the reviewers one may assign (id, name, assigned).
    pub assign: Option<Vec<(Uuid, String, bool)>>,
}

pub struct ReviewRow {
    pub label: String,
    pub weight: u32,
    pub scores: Vec<String>,
    pub mean: String,
    pub median: String,
    pub spread: String,
    pub alert: bool,
}

/// The reviews block for `account` on `dossier`.
pub async fn reviews_view(
    app: &AppState,
    lang: Lang,
    account: &Account,
    dossier: &Dossier,
) -> Result<ReviewsView, AppError> {
    let phase = app.db.review_phase(dossier.call_id).await?;
    let stored = app.db.reviews_of(dossier.id).await?;
    let assigned_list = app.db.assigned_reviewers(dossier.id).await?;
    let assigned = assigned_list.iter().any(|r| r.id == account.id);
    let all = reviews::sees_all_reviews(account, &phase, assigned, &stored);
    let grid = reviews::current_grid(app, dossier.call_id).await?.grid;
    let track = Track::parse(&dossier.track).unwrap_or(Track::Established);
    let shown: Vec<_> =
        stored.iter().filter(|r| all || r.reviewer_id == Some(account.id)).cloned().collect();
    let scores = reviews::review_scores(&shown);
    let summary = review::summarise(&grid, track, &scores);
    let rows = grid
        .criteria
        .iter()
        .map(|criterion| {
            let stats = summary
                .as_ref()
                .and_then(|s| s.criteria.iter().find(|c| c.criterion == criterion.key));
            ReviewRow {
                label: criterion.label.get(lang).to_owned(),
                weight: criterion.weight(track),
                scores: shown
                    .iter()
                    .map(|r| r.scores.0.get(&criterion.key).map_or_else(String::new, u8::to_string))
                    .collect(),
                mean: stats.map(|s| s.mean.format(lang)).unwrap_or_default(),
                median: stats.map(|s| s.median.format(lang)).unwrap_or_default(),
                spread: stats.map(|s| s.spread.to_string()).unwrap_or_default(),
                alert: summary
                    .as_ref()
                    .is_some_and(|s| s.alerts.iter().any(|a| a.criterion == criterion.key)),
            }
        })
        .collect();
    let recommendation = |key: &str| {
        grid.recommendation(key).map_or_else(|| key.to_owned(), |r| r.label.get(lang).to_owned())
    };
    let review_link = (phase.open && assigned).then(|| {
        let own = stored.iter().any(|r| r.reviewer_id == Some(account.id));
        i18n::t(lang, if own { "reviews-edit-own" } else { "reviews-write-own" })
    });
    let assign = if account.is_steering() {
        let everyone = app.db.reviewers().await?;
        Some(
            everyone
                .into_iter()
                .map(|r| {
                    let on = assigned_list.iter().any(|a| a.id == r.id);
                    let name = if r.display_name.is_empty() { r.email } else { r.display_name };
                    (r.id, name, on)
                })
                .collect(),
        )
    } else {
        None
    };
    Ok(ReviewsView {
        hidden: !all,
        reviewers: shown.iter().map(|r| r.reviewer_name.clone()).collect(),
        rows,
        totals: shown
            .iter()
            .map(|r| review::format_centi(u64::try_from(r.total_centi).unwrap_or(0), lang))
            .collect(),
        bonuses: shown.iter().map(|r| format!("+{}", r.bonus_points)).collect(),
        recommendations: shown.iter().map(|r| recommendation(&r.recommendation)).collect(),
        comments: shown.iter().map(|r| (r.reviewer_name.clone(), r.comment.clone())).collect(),
        mean_total: summary.as_ref().map(|s| s.mean_total.format(lang)).unwrap_or_default(),
        median_total: summary.as_ref().map(|s| s.median_total.format(lang)).unwrap_or_default(),
        alerts: summary
            .as_ref()
            .map(|s| s.alerts.iter().map(|a| a.message(&grid).text(lang)).collect())
            .unwrap_or_default(),
        review_link,
        assigned: assigned_list
            .into_iter()
            .map(|r| if r.display_name.is_empty() { r.email } else { r.display_name })
            .collect(),
        assign,
    })
}

/// One criterion of the review form.
pub struct ScoreInput {
    pub key: String,
    pub name: String,
    pub label: String,
    pub description: String,
    pub weight: u32,
    pub chosen: Option<u8>,
    pub error: Option<String>,
}

impl ScoreInput {
    /// Whether `value` is the score chosen.
    pub fn is(&self, value: &u8) -> bool {
        self.chosen == Some(*value)
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/review.html")]
pub struct ReviewPage {
    page: Page,
    id: Uuid,
    reference: String,
    title: String,
    scale: Vec<(u8, String)>,
    criteria: Vec<ScoreInput>,
    bonus: Vec<(String, String, u32, bool)>,
    recommendations: Vec<(String, String, bool)>,
    recommendation_error: Option<String>,
    comment: String,
    comment_error: Option<String>,
    /// Shown instead of the form: the phase is closed, or the dossier is not assigned.
    refusal: Option<String>,
    errors: Vec<(String, String)>,
}

fn review_page(
    page: Page,
    grid: &Grid,
    track: Track,
    dossier: &Dossier,
    pairs: &[(String, String)],
    issues: &[review::FieldIssue],
    refusal: Option<String>,
) -> ReviewPage {
    let lang = page.lang;
    let posted = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let issue = |name: &str| issues.iter().find(|i| i.field == name).map(|i| i.message.text(lang));
    ReviewPage {
        id: dossier.id,
        reference: dossier.reference.clone(),
        title: dossier.title.clone(),
        scale: grid.scale.iter().map(|l| (l.value, l.label.get(lang).to_owned())).collect(),
        criteria: grid
            .criteria
            .iter()
            .map(|c| ScoreInput {
                key: c.key.clone(),
                name: c.field(),
                label: c.label.get(lang).to_owned(),
                description: c.description.get(lang).to_owned(),
                weight: c.weight(track),
                chosen: posted(&c.field()).and_then(|v| v.parse().ok()),
                error: issue(&c.field()),
            })
            .collect(),
        bonus: grid
            .bonus
            .items
            .iter()
            .map(|b| {
                (b.field(), b.label.get(lang).to_owned(), b.points, posted(&b.field()).is_some())
            })
            .collect(),
        recommendations: grid
            .recommendations
            .iter()
            .map(|r| {
                (
                    r.key.clone(),
                    r.label.get(lang).to_owned(),
                    posted("recommendation") == Some(&r.key),
                )
            })
            .collect(),
        recommendation_error: issue("recommendation"),
        comment: posted("comment").unwrap_or_default().to_owned(),
        comment_error: issue("comment"),
        refusal,
        errors: issues.iter().map(|i| (i.field.clone(), i.message.text(lang))).collect(),
        page,
    }
}

/// The stored review of the account as posted pairs, to fill the form again.
async fn own_pairs(
    app: &AppState,
    account: &Account,
    dossier: &Dossier,
) -> Result<Vec<(String, String)>, AppError> {
    let stored = app.db.reviews_of(dossier.id).await?;
    let Some(own) = stored.into_iter().find(|r| r.reviewer_id == Some(account.id)) else {
        return Ok(Vec::new());
    };
    let mut pairs: Vec<(String, String)> =
        own.scores.0.iter().map(|(k, v)| (format!("score-{k}"), v.to_string())).collect();
    pairs.extend(own.bonus.0.iter().map(|b| (format!("bonus-{b}"), "on".to_owned())));
    pairs.push(("recommendation".to_owned(), own.recommendation));
    pairs.push(("comment".to_owned(), own.comment));
    Ok(pairs)
}

/// `GET /gestion/dossiers/{id}/evaluation`: the review form (filled with one's review if any).
pub async fn form(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let dossier = staff_dossier(&app, &account, &client, id).await?;
    let grid = reviews::current_grid(&app, dossier.call_id).await?;
    let track = Track::parse(&dossier.track).unwrap_or(Track::Established);
    let phase = app.db.review_phase(dossier.call_id).await?;
    let refusal = refusal_text(page.lang, &app, &account, &dossier, &phase).await?;
    let pairs = own_pairs(&app, &account, &dossier).await?;
    Ok(review_page(page, &grid.grid, track, &dossier, &pairs, &[], refusal).into_response())
}

async fn refusal_text(
    lang: Lang,
    app: &AppState,
    account: &Account,
    dossier: &Dossier,
    phase: &ReviewPhase,
) -> Result<Option<String>, AppError> {
    Ok(if !phase.open {
        Some(i18n::t(lang, "reviews-phase-closed"))
    } else if !app.db.is_assigned(dossier.id, account.id).await? {
        Some(i18n::t(lang, "reviews-not-assigned"))
    } else {
        None
    })
}

/// `POST /gestion/dossiers/{id}/evaluation`: submits the review.
pub async fn submit(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    RawForm(body): RawForm,
) -> Result<Response, AppError> {
    let dossier = staff_dossier(&app, &account, &client, id).await?;
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let now = OffsetDateTime::now_utc();
    let grid = reviews::current_grid(&app, dossier.call_id).await?;
    let track = Track::parse(&dossier.track).unwrap_or(Track::Established);
    match reviews::submit_review(&app, &account, &dossier, &pairs, now).await? {
        Ok(()) => Ok(Redirect::to(&format!("/gestion/dossiers/{id}?fait=evaluation#reviews"))
            .into_response()),
        Err(ReviewRefusal::Invalid(issues)) => {
            let rendered = review_page(page, &grid.grid, track, &dossier, &pairs, &issues, None);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
        Err(ReviewRefusal::PhaseClosed | ReviewRefusal::NotAssigned) => {
            let phase = app.db.review_phase(dossier.call_id).await?;
            let refusal = refusal_text(page.lang, &app, &account, &dossier, &phase).await?;
            let rendered = review_page(page, &grid.grid, track, &dossier, &pairs, &[], refusal);
            Ok((StatusCode::FORBIDDEN, rendered).into_response())
        }
    }
}

/// `POST /gestion/dossiers/{id}/evaluateurs` (steering group): the dossier's reviewers, as
/// ticked (`evaluateur` = user id, several).
pub async fn assign(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    RawForm(body): RawForm,
) -> Result<Response, AppError> {
    let dossier = staff_dossier(&app, &account, &client, id).await?;
    let chosen: Vec<Uuid> = url::form_urlencoded::parse(&body)
        .filter(|(k, _)| k == "evaluateur")
        .filter_map(|(_, v)| Uuid::parse_str(&v).ok())
        .collect();
    let eligible = app.db.reviewers().await?;
    let pairs: Vec<(Uuid, Uuid)> = chosen
        .into_iter()
        .filter(|c| eligible.iter().any(|r| r.id == *c))
        .map(|reviewer| (dossier.id, reviewer))
        .collect();
    app.db.assign_reviewers(&pairs, account.id, &client, OffsetDateTime::now_utc()).await?;
    Ok(Redirect::to(&format!("/gestion/dossiers/{id}?fait=evaluateurs#reviews")).into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/reviews.html")]
pub struct QueuePage {
    page: Page,
    /// (dossier id, reference, title, track, reviewed).
    queue: Vec<(Uuid, String, String, String, bool)>,
    phase_open: bool,
    /// The steering group's settings form, and the result of an automatic assignment.
    settings: Option<ReviewPhase>,
    notice: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct QueueQuery {
    fait: String,
    n: u64,
}

/// `GET /gestion/evaluations`: the dossiers assigned to the account; for the steering group,
/// the review phase's settings and the automatic assignment too.
pub async fn queue(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Query(query): Query<QueueQuery>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let call = &call.call;
    let phase = app.db.review_phase(call.id).await?;
    let queue = app
        .db
        .review_queue(account.id)
        .await?
        .into_iter()
        .map(|(line, done)| {
            let track = call
                .tracks
                .iter()
                .find(|t| t.slug == line.track)
                .map_or_else(|| line.track.clone(), |t| t.name.get(lang).to_owned());
            (line.dossier_id, line.reference, line.title, track, done)
        })
        .collect();
    let notice = match query.fait.as_str() {
        "reglages" => Some(i18n::t(lang, "reviews-notice-settings")),
        "attribution" => Some(i18n::t_args(
            lang,
            "reviews-notice-assigned",
            &[("count", fluent_templates::fluent_bundle::FluentValue::from(query.n))],
        )),
        _ => None,
    };
    let rendered = QueuePage {
        queue,
        phase_open: phase.open,
        settings: account.is_steering().then_some(phase),
        notice,
        page,
    };
    Ok(rendered.into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PhaseForm {
    ouverte: String,
    aveugle: String,
    par_dossier: String,
    hors_reseau: String,
}

/// `POST /gestion/evaluations/reglages` (steering group): the review phase.
pub async fn settings(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(form): Form<PhaseForm>,
) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let phase = ReviewPhase {
        open: form.ouverte == "oui",
        blind: form.aveugle == "oui",
        reviewers_per_dossier: form.par_dossier.trim().parse::<i64>().unwrap_or(2).clamp(1, 10),
        exclude_own_network: form.hors_reseau == "oui",
    };
    let now = OffsetDateTime::now_utc();
    app.db.set_review_phase(call.call.id, &phase, account.id, &client, now).await?;
    Ok(Redirect::to("/gestion/evaluations?fait=reglages").into_response())
}

/// `POST /gestion/evaluations/attribution` (steering group): assigns reviewers automatically.
pub async fn assign_all(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let now = OffsetDateTime::now_utc();
    let added = reviews::assign_automatically(&app, &account, call.call.id, &client, now).await?;
    Ok(Redirect::to(&format!("/gestion/evaluations?fait=attribution&n={added}")).into_response())
}

/// A check of the admissibility block as shown.
pub struct CheckLine {
    pub key: String,
    pub label: String,
    pub status: String,
    pub status_code: String,
    pub reason: String,
    /// "Confirmé par … le …" or "Modifié par … : comment", once a referent has spoken.
    pub confirmed: Option<String>,
    pub confirmed_code: String,
}

/// The admissibility block: the computed checks and what referents said of each; `may_confirm`
/// for the network's referents and the steering group (not for reviewers only assigned).
pub struct AdmissibilityView {
    pub checks: Vec<CheckLine>,
    pub statuses: Vec<(String, String)>,
    pub may_confirm: bool,
}

/// The admissibility checks of a submitted dossier, computed (with its call and form schema)
/// and as confirmed.
pub async fn admissibility_view(
    app: &AppState,
    lang: Lang,
    account: &Account,
    seen: &StaffDossier,
    call: &Call,
    schema: &FormSchema,
) -> Result<AdmissibilityView, AppError> {
    use crate::domain::admissibility::Status;
    let dossier = &seen.dossier;
    let computed = crate::reviews::admissibility_with(call, schema, dossier);
    let confirmations = app.db.confirmations(dossier.id).await?;
    let may_confirm =
        crate::auth::permissions::can_view_dossier(account, dossier, seen.network.as_deref());
    let label = |code: &str| Status::parse(code).map_or(code.to_owned(), |s| s.label().text(lang));
    let checks = computed
        .into_iter()
        .map(|c| {
            let said = confirmations.iter().find(|x| x.check_key == c.key);
            CheckLine {
                key: c.key.to_owned(),
                label: c.label.text(lang),
                status: c.status.label().text(lang),
                status_code: c.status.code().to_owned(),
                reason: c.reason.text(lang),
                confirmed: said.map(|x| {
                    let when = i18n::datetime(lang, x.confirmed_at);
                    let mut text =
                        format!("{} — {} ({when})", label(&x.status), x.confirmed_by_name);
                    if !x.comment.is_empty() {
                        text.push_str(" : ");
                        text.push_str(&x.comment);
                    }
                    text
                }),
                confirmed_code: said.map(|x| x.status.clone()).unwrap_or_default(),
            }
        })
        .collect();
    Ok(AdmissibilityView {
        checks,
        statuses: Status::ALL.iter().map(|s| (s.code().to_owned(), s.label().text(lang))).collect(),
        may_confirm,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConfirmForm {
    verification: String,
    statut: String,
    commentaire: String,
}

/// `POST /gestion/dossiers/{id}/recevabilite`: a referent confirms a computed check, or
/// overrides it — then a comment is required.
pub async fn confirm(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, AppError> {
    use crate::domain::admissibility::Status;
    let lang = page.lang;
    let seen = staff_dossier_and_network(&app, &account, &client, id).await?;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let schema = crate::dossiers::forms::schema(&app, seen.dossier.form_revision_id).await?;
    let view = admissibility_view(&app, lang, &account, &seen, &call.call, &schema).await?;
    if !view.may_confirm {
        return Err(AppError::Forbidden);
    }
    let Some(check) = view.checks.iter().find(|c| c.key == form.verification) else {
        return Err(AppError::NotFound);
    };
    let Some(status) = Status::parse(&form.statut) else { return Err(AppError::NotFound) };
    let comment = form.commentaire.trim();
    if status.code() != check.status_code && comment.is_empty() {
        let rendered = crate::web::handlers::backoffice::dossiers::page_with_error(
            &app,
            page,
            &account,
            &seen,
            i18n::t_args(
                lang,
                "admissibility-comment-required",
                &[(
                    "check",
                    fluent_templates::fluent_bundle::FluentValue::from(check.label.as_str()),
                )],
            ),
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
    }
    let now = OffsetDateTime::now_utc();
    let by = (account.id, account.display_name.as_str());
    app.db.confirm_check(id, &check.key, status.code(), comment, by, &client, now).await?;
    // The list's admissibility filter follows the confirmed statuses.
    crate::search::index_after_change(&app, id).await;
    Ok(Redirect::to(&format!("/gestion/dossiers/{id}?fait=recevabilite#admissibility"))
        .into_response())
}
