//! The decision letters in the back office: `/gestion/selection/courriers`, where the steering
//! group writes the letter of each outcome in French and English (variables listed, a preview
//! for a real dossier, versions kept); the release of one dossier's decision from its page; the
//! decision panel of the dossier page; and the letter as PDF once released.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::db::accounts::Account;
use crate::db::dossiers::Dossier;
use crate::domain::call::Call;
use crate::domain::lang::Lang;
use crate::domain::review::{FieldIssue, Outcome, Track, Variable};
use crate::i18n;
use crate::selection::{self as use_cases, letters};
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::backoffice::dossiers::staff_dossier;
use crate::web::page::Page;

/// One letter's editor: an outcome in a language.
pub struct LetterForm {
    pub anchor: String,
    pub outcome: String,
    pub lang: String,
    pub lang_name: String,
    pub subject: String,
    pub body: String,
    pub subject_error: Option<String>,
    pub body_error: Option<String>,
    /// "Texte par défaut de l'appel" or "Version du … par …".
    pub version: String,
    pub preview_subject: String,
    pub preview_html: String,
}

/// An outcome's two letters.
pub struct OutcomeLetters {
    pub code: String,
    pub label: String,
    pub forms: Vec<LetterForm>,
}

/// A saved version, for the history.
pub struct VersionLine {
    pub at: String,
    pub who: String,
    pub outcome: String,
    pub lang: String,
    pub subject: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/letters.html")]
pub struct LettersPage {
    page: Page,
    variables: Vec<(String, String)>,
    /// What the previews are filled with: "dossier A-0003 — Pôle …" or "an example".
    preview_of: String,
    outcomes: Vec<OutcomeLetters>,
    versions: Vec<VersionLine>,
    notice: Option<String>,
    error: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LettersQuery {
    fait: String,
}

/// A letter posted back with its issues, to show in its form.
struct Posted {
    outcome: Outcome,
    lang: Lang,
    subject: String,
    body: String,
    issues: Vec<FieldIssue>,
}

/// `GET /gestion/selection/courriers`.
pub async fn page(
    State(app): State<AppState>,
    page: Page,
    Query(query): Query<LettersQuery>,
) -> Result<LettersPage, AppError> {
    let notice =
        (query.fait == "enregistre").then(|| i18n::t(page.lang, "decisions-letters-saved"));
    render(&app, page, notice, None).await
}

/// The dossier the previews are made with: one with a prepared or released decision, else the
/// first submitted dossier of a track, else made-up values.
async fn example(
    app: &AppState,
    call: &Call,
    lang: Lang,
) -> Result<(String, Option<(Dossier, String, String)>), AppError> {
    let decisions = app.db.decisions(call.id).await?;
    let mut chosen = None;
    for decision in &decisions {
        if let Some(dossier) = app.db.dossier(decision.dossier_id).await? {
            chosen = Some((dossier, decision.motivation.clone()));
            break;
        }
    }
    if chosen.is_none() {
        for track in [Track::Established, Track::Emerging] {
            let first = app.db.board_dossiers(call.id, track.slug()).await?.into_iter().next();
            if let Some(first) = first
                && let Some(dossier) = app.db.dossier(first.id).await?
            {
                chosen = Some((dossier, i18n::t(lang, "decisions-letters-sample-motivation")));
                break;
            }
        }
    }
    let Some((dossier, motivation)) = chosen else {
        return Ok((i18n::t(lang, "decisions-letters-preview-sample"), None));
    };
    let organisation =
        app.db.organisation(dossier.organisation_id).await?.map(|o| o.name).unwrap_or_default();
    let of = i18n::t_args(
        lang,
        "decisions-letters-preview-of",
        &[("reference", dossier.reference.clone().into()), ("title", dossier.title.clone().into())],
    );
    Ok((of, Some((dossier, organisation, motivation))))
}

async fn render(
    app: &AppState,
    page: Page,
    notice: Option<String>,
    posted: Option<Posted>,
) -> Result<LettersPage, AppError> {
    let lang = page.lang;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let call = &call.call;
    let texts = letters::texts(app, call.id).await?;
    let base = app.settings.base_url.as_str().trim_end_matches('/').to_owned();
    let (preview_of, example) = example(app, call, lang).await?;
    let sample_id = Uuid::nil();
    let mut outcomes = Vec::new();
    for outcome in Outcome::ALL {
        let mut forms = Vec::new();
        for letter_lang in [Lang::Fr, Lang::En] {
            let letter = texts.letter(outcome, letter_lang);
            let facts = match &example {
                Some((dossier, organisation, _)) => letters::DossierFacts {
                    id: dossier.id,
                    reference: &dossier.reference,
                    title: &dossier.title,
                    organisation,
                    track: track_after(outcome, &dossier.track),
                },
                None => letters::DossierFacts {
                    id: sample_id,
                    reference: "A-0001",
                    title: "Pôle de coopération exemple",
                    organisation: "Association exemple",
                    track: track_after(outcome, "established"),
                },
            };
            let motivation = example.as_ref().map_or_else(
                || i18n::t(letter_lang, "decisions-letters-sample-motivation"),
                |(_, _, m)| m.clone(),
            );
            let values = letters::values(&base, call, &facts, outcome, &motivation, letter_lang);
            let (preview_subject, preview_body) = letter.fill(&values);
            let version = match texts.version(outcome, letter_lang) {
                Some(v) => i18n::t_args(
                    lang,
                    "decisions-letters-version",
                    &[
                        ("date", i18n::datetime(lang, v.saved_at).into()),
                        ("who", v.saved_by.clone().unwrap_or_else(|| "—".to_owned()).into()),
                    ],
                ),
                None => i18n::t(lang, "decisions-letters-default"),
            };
            let mut form = LetterForm {
                anchor: format!("lettre-{}-{}", outcome.code(), letter_lang.code()),
                outcome: outcome.code().to_owned(),
                lang: letter_lang.code().to_owned(),
                lang_name: i18n::t(lang, &format!("decisions-letters-lang-{}", letter_lang.code())),
                subject: letter.subject.source().to_owned(),
                body: letter.body.source().to_owned(),
                subject_error: None,
                body_error: None,
                version,
                preview_subject,
                preview_html: letters::body_html(&preview_body),
            };
            if let Some(p) =
                posted.as_ref().filter(|p| p.outcome == outcome && p.lang == letter_lang)
            {
                form.subject = p.subject.clone();
                form.body = p.body.clone();
                let said = |field: &str| {
                    p.issues.iter().find(|i| i.field == field).map(|i| i.message.text(lang))
                };
                form.subject_error = said("subject");
                form.body_error = said("body");
            }
            forms.push(form);
        }
        outcomes.push(OutcomeLetters {
            code: outcome.code().to_owned(),
            label: outcome.label(lang).to_owned(),
            forms,
        });
    }
    let versions = texts
        .versions
        .iter()
        .take(50)
        .map(|v| VersionLine {
            at: i18n::datetime(lang, v.saved_at),
            who: v.saved_by.clone().unwrap_or_default(),
            outcome: Outcome::parse(&v.outcome)
                .map_or_else(|| v.outcome.clone(), |o| o.label(lang).to_owned()),
            lang: i18n::t(lang, &format!("decisions-letters-lang-{}", v.lang)),
            subject: v.subject.clone(),
        })
        .collect();
    Ok(LettersPage {
        variables: Variable::ALL
            .iter()
            .map(|v| (format!("{{{}}}", v.name()), v.description().text(lang)))
            .collect(),
        preview_of,
        outcomes,
        versions,
        notice,
        error: posted.is_some(),
        page,
    })
}

/// The track a letter names: a redirection's is the one the dossier goes to.
fn track_after(outcome: Outcome, slug: &str) -> &str {
    match Track::parse(slug) {
        Some(track) if outcome == Outcome::Redirected => track.other().slug(),
        _ => slug,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LetterPost {
    outcome: String,
    langue: String,
    subject: String,
    body: String,
}

/// `POST /gestion/selection/courriers`: saves a new version of one letter; a text that does not
/// read comes back with the reason next to its field.
pub async fn save(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(form): Form<LetterPost>,
) -> Result<Response, AppError> {
    let (Some(outcome), Some(lang)) = (Outcome::parse(&form.outcome), Lang::parse(&form.langue))
    else {
        let rendered = render(&app, page, None, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
    };
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let now = OffsetDateTime::now_utc();
    let saved = letters::save(
        &app,
        &account,
        call.call.id,
        outcome,
        lang,
        &form.subject,
        &form.body,
        &client,
        now,
    )
    .await?;
    match saved {
        Ok(()) => Ok(Redirect::to(&format!(
            "/gestion/selection/courriers?fait=enregistre#lettre-{}-{}",
            outcome.code(),
            lang.code()
        ))
        .into_response()),
        Err(issues) => {
            let posted = Posted { outcome, lang, subject: form.subject, body: form.body, issues };
            let rendered = render(&app, page, None, Some(posted)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
    }
}

/// `POST /gestion/dossiers/{id}/decision/publication`: releases this dossier's prepared
/// decision only.
pub async fn release_one(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let dossier = staff_dossier(&app, &account, &client, id).await?;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let now = OffsetDateTime::now_utc();
    use_cases::release(&app, &account, &call.call, Some(dossier.id), &client, now).await?;
    Ok(Redirect::to(&format!("/gestion/dossiers/{id}#decision")).into_response())
}

/// `GET /gestion/dossiers/{id}/decision.pdf`: the letter of the released decision, in the
/// page's language (404 before the release).
pub async fn pdf(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let dossier = staff_dossier(&app, &account, &client, id).await?;
    letter_pdf(&app, page.lang, &dossier).await
}

/// The decision letter of a dossier as a PDF download; 404 when no decision was released.
pub async fn letter_pdf(
    app: &AppState,
    lang: Lang,
    dossier: &Dossier,
) -> Result<Response, AppError> {
    let letter =
        app.db.released_letter(dossier.id, lang.code()).await?.ok_or(AppError::NotFound)?;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let organisation =
        app.db.organisation(dossier.organisation_id).await?.map(|o| o.name).unwrap_or_default();
    let doc = letters::document(lang, &call.call, &dossier.reference, &organisation, &letter);
    let pdf = tokio::task::spawn_blocking(move || letters::render(&doc))
        .await
        .map_err(|e| AppError::Internal(e.into()))??;
    let filename = letters::filename(lang, &dossier.reference);
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    Ok((headers, pdf).into_response())
}

/// The decision part of the back office's dossier page (steering group and administrators).
pub struct DecisionPanel {
    /// The decision's label, empty when none is prepared.
    pub outcome: String,
    pub motivation: String,
    /// "Publiée le …", empty while prepared.
    pub released: String,
    pub can_release: bool,
    pub letter_href: String,
    pub board_href: String,
}

/// The decision panel of a dossier, for the steering group only (`None` for others).
pub async fn panel(
    app: &AppState,
    lang: Lang,
    account: &Account,
    dossier: &Dossier,
) -> Result<Option<DecisionPanel>, AppError> {
    if !account.is_steering() {
        return Ok(None);
    }
    let decision = app.db.decision(dossier.id).await?;
    let outcome = decision.as_ref().and_then(|d| Outcome::parse(&d.outcome));
    let released_at = decision.as_ref().and_then(|d| d.released_at);
    let letter = app.db.released_letter(dossier.id, lang.code()).await?;
    Ok(Some(DecisionPanel {
        outcome: outcome.map(|o| o.label(lang).to_owned()).unwrap_or_default(),
        motivation: decision.as_ref().map(|d| d.motivation.clone()).unwrap_or_default(),
        released: released_at
            .map(|at| {
                i18n::t_args(
                    lang,
                    "decisions-panel-released",
                    &[("date", i18n::datetime(lang, at).into())],
                )
            })
            .unwrap_or_default(),
        can_release: outcome.is_some() && released_at.is_none(),
        letter_href: if letter.is_some() {
            format!("/gestion/dossiers/{}/decision.pdf", dossier.id)
        } else {
            String::new()
        },
        board_href: format!("/gestion/selection?parcours={}#d-{}", dossier.track, dossier.id),
    }))
}
