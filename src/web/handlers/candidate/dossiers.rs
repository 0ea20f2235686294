//! `/espace/dossiers`: a candidate's dossiers — starting one on a track, filling it one section
//! per page, the summary of what is missing, submitting it, its receipts, withdrawing it.
//! Every dossier is reached through the session's own organisation (`dossiers::editable` and
//! `permissions`), never trusted from the request alone.

use std::sync::Arc;

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
use crate::auth::permissions;
use crate::auth::session::CurrentUser;
use crate::db::accounts::Account;
use crate::db::dossiers::Dossier;
use crate::domain::dossier::{TransitionError, Window};
use crate::domain::form::{self, Answers, Choice, FormSchema, Issue, Severity};
use crate::domain::lang::Lang;
use crate::dossiers::{self, DossierError, SaveOutcome, SubmitOutcome, SubmitRefusal, forms};
use crate::i18n;
use crate::web::error::AppError;
use crate::web::handlers::candidate::fields::{self, FieldView, IssueView, Widget};
use crate::web::page::Page;

impl From<DossierError> for AppError {
    fn from(error: DossierError) -> Self {
        match error {
            DossierError::NotFound => AppError::NotFound,
            DossierError::NotEditable(_)
            | DossierError::SectionClosed(_)
            | DossierError::NoOrganisation => AppError::Forbidden,
            DossierError::NoForm => AppError::NotFound,
            DossierError::Database(error) => AppError::from(error),
            DossierError::BrokenForm(reason) => {
                AppError::Internal(anyhow::anyhow!("unreadable form: {reason}"))
            }
            DossierError::Internal(error) => AppError::Internal(error),
        }
    }
}

/// The page of a dossier.
pub fn dossier_path(id: Uuid) -> String {
    format!("/espace/dossiers/{id}")
}

/// The page of one section of a dossier.
pub fn section_path(id: Uuid, section: &str) -> String {
    format!("/espace/dossiers/{id}/sections/{section}")
}

// ---------------------------------------------------------------------------------------------
// Starting a dossier
// ---------------------------------------------------------------------------------------------

pub struct TrackChoice {
    slug: String,
    name: String,
    description: String,
    /// "Environ 10 dossiers retenus".
    quota: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/candidate/dossier_new.html")]
pub struct NewDossierPage {
    page: Page,
    tracks: Vec<TrackChoice>,
    has_organisation: bool,
    window: String,
    error: Option<String>,
}

async fn new_page(
    app: &AppState,
    page: Page,
    account: &Account,
    error: Option<String>,
) -> Result<NewDossierPage, AppError> {
    let lang = page.lang;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let tracks = call
        .call
        .tracks
        .iter()
        .filter(|t| t.account_required)
        .map(|t| TrackChoice {
            slug: t.slug.clone(),
            name: t.name.get(lang).to_owned(),
            description: t.description.get(lang).to_owned(),
            quota: t.quota.map(|q| i18n::t_args(lang, "dossier-new-quota", &[("quota", q.into())])),
        })
        .collect();
    let window = Window::of(&call.call.phases, OffsetDateTime::now_utc());
    Ok(NewDossierPage {
        page,
        tracks,
        has_organisation: account.organisation_id.is_some(),
        window: window_text(lang, window),
        error,
    })
}

/// `GET /espace/dossiers/nouveau`: the tracks one can apply to, to choose from.
pub async fn new_form(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
) -> Result<NewDossierPage, AppError> {
    new_page(&app, page, &account, None).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StartForm {
    parcours: String,
}

/// `POST /espace/dossiers`: starts a dossier on the chosen track and opens its first section.
pub async fn start(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Form(form): Form<StartForm>,
) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let now = OffsetDateTime::now_utc();
    match dossiers::start(&app, &account, &call.call, &form.parcours, now).await {
        Ok(dossier) => {
            let schema = forms::schema(&app, dossier.form_revision_id).await?;
            let first = schema.sections.first().map(|s| s.key.clone()).unwrap_or_default();
            Ok(Redirect::to(&section_path(dossier.id, &first)).into_response())
        }
        Err(DossierError::NoForm | DossierError::NoOrganisation) => {
            let lang = page.lang;
            let rendered =
                new_page(&app, page, &account, Some(i18n::t(lang, "dossier-new-choose"))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

/// "Ouvert jusqu'au 30 novembre 2011 à 23 h 59", "Fermé depuis le …", "Ouvre le …".
pub fn window_text(lang: Lang, window: Window) -> String {
    match window {
        Window::Open { closes_at } => i18n::t_args(
            lang,
            "dossier-window-open",
            &[
                ("deadline", i18n::datetime(lang, closes_at - time::Duration::SECOND).into()),
                (
                    "left",
                    i18n::remaining(
                        lang,
                        crate::domain::paris::remaining(OffsetDateTime::now_utc(), closes_at),
                    )
                    .into(),
                ),
            ],
        ),
        Window::NotYetOpen { opens_at } => i18n::t_args(
            lang,
            "dossier-window-not-yet",
            &[("opens", i18n::datetime(lang, opens_at).into())],
        ),
        Window::Closed { closed_at } => i18n::t_args(
            lang,
            "dossier-window-closed",
            &[("deadline", i18n::datetime(lang, closed_at - time::Duration::SECOND).into())],
        ),
    }
}

// ---------------------------------------------------------------------------------------------
// The dossier's page: summary, what is missing, submission, history, receipts
// ---------------------------------------------------------------------------------------------

pub struct SectionLine {
    title: String,
    href: String,
    /// "5 réponses obligatoires sur 7".
    count_text: String,
    errors: usize,
    errors_text: String,
    warnings: usize,
    warnings_text: String,
    complete: bool,
}

pub struct EventLine {
    at: String,
    what: String,
    who: String,
}

pub struct ReceiptLine {
    number: i64,
    at: String,
    sha256: String,
    href: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/candidate/dossier.html")]
pub struct DossierPage {
    page: Page,
    id: Uuid,
    reference: String,
    title: String,
    track: String,
    /// The partner network the candidate chose (or "not chosen yet").
    network: String,
    state: String,
    state_code: &'static str,
    version: i64,
    sections: Vec<SectionLine>,
    issues: Vec<IssueView>,
    blocking: usize,
    window: String,
    can_submit: bool,
    /// Submitted, and not changed since.
    unchanged: bool,
    can_withdraw: bool,
    submitted_once: bool,
    events: Vec<EventLine>,
    receipts: Vec<ReceiptLine>,
    /// The released decision's letter (`None` until the steering group releases it).
    decision: Option<super::decision::DecisionView>,
    notice: Option<String>,
    refusal: Option<String>,
    /// The complement asked for, while the dossier awaits it.
    complement: Option<ComplementView>,
}

/// A request for a complement as the candidate's pages show it.
pub struct ComplementView {
    /// "Message de Camille Martin, le 2 décembre 2011 à 10 h 00 :".
    from: String,
    message: String,
    /// The reopened sections: (title, link).
    sections: Vec<(String, String)>,
    /// Blocking answers left in the reopened sections.
    blocking: usize,
}

/// The open request for a complement of a dossier that awaits one, as shown.
async fn complement_view(
    app: &AppState,
    lang: Lang,
    dossier: &Dossier,
    schema: &FormSchema,
    issues: &[Issue],
) -> Result<Option<ComplementView>, AppError> {
    if dossier.state != crate::domain::dossier::DossierState::CorrectionRequested {
        return Ok(None);
    }
    let Some(open) = app.db.open_complement(dossier.id).await? else {
        return Ok(None);
    };
    let name =
        open.requested_by_name.clone().unwrap_or_else(|| i18n::t(lang, "complements-someone"));
    Ok(Some(ComplementView {
        from: i18n::t_args(
            lang,
            "complements-banner-from",
            &[("name", name.into()), ("at", i18n::datetime(lang, open.requested_at).into())],
        ),
        message: open.message.clone(),
        sections: schema
            .sections
            .iter()
            .filter(|s| open.sections.contains(&s.key))
            .map(|s| (s.title.get(lang).to_owned(), section_path(dossier.id, &s.key)))
            .collect(),
        blocking: issues
            .iter()
            .filter(|i| i.severity == Severity::Error && open.sections.contains(&i.section))
            .count(),
    }))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Notice {
    fait: String,
}

/// The dossier a logged-in person may see, with its schema.
async fn visible_dossier(
    app: &AppState,
    account: &Account,
    id: Uuid,
) -> Result<(Dossier, Arc<FormSchema>), AppError> {
    let dossier = app.db.dossier(id).await?.ok_or(AppError::NotFound)?;
    if !permissions::is_dossier_member(account, &dossier) {
        // Staff will read dossiers in the back office (issue 5); here, only the candidates.
        return Err(AppError::NotFound);
    }
    let schema = forms::schema(app, dossier.form_revision_id).await?;
    Ok((dossier, schema))
}

async fn dossier_page(
    app: &AppState,
    page: Page,
    account: &Account,
    id: Uuid,
    notice: Option<String>,
    refusal: Option<String>,
) -> Result<DossierPage, AppError> {
    let lang = page.lang;
    let (dossier, schema) = visible_dossier(app, account, id).await?;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let now = OffsetDateTime::now_utc();
    let networks = Choice::from_networks(&call.call.networks);
    let ctx = dossiers::context(&networks, now);
    let answers = Answers::from_value(dossier.answers.clone());
    let progress = form::progress(&schema, &dossier.track, &answers, &ctx);
    let issues = form::validate(&schema, &dossier.track, &answers, &ctx);
    let sections = progress
        .sections
        .iter()
        .filter(|s| s.visible)
        .map(|s| {
            let n = |n: usize| fluent_templates::fluent_bundle::FluentValue::from(n);
            SectionLine {
                title: s.title.get(lang).to_owned(),
                href: section_path(dossier.id, &s.key),
                count_text: i18n::t_args(
                    lang,
                    "dossier-progress-count",
                    &[("answered", n(s.required_answered)), ("total", n(s.required_total))],
                ),
                errors: s.errors,
                errors_text: i18n::t_args(
                    lang,
                    "dossier-progress-errors",
                    &[("count", n(s.errors))],
                ),
                warnings: s.warnings,
                warnings_text: i18n::t_args(
                    lang,
                    "dossier-progress-warnings",
                    &[("count", n(s.warnings))],
                ),
                complete: s.errors == 0 && s.required_answered >= s.required_total,
            }
        })
        .collect();
    let blocking = issues.iter().filter(|i| i.severity == Severity::Error).count();
    let issue_views = issues
        .iter()
        .map(|issue| fields::issue_view(&schema, issue, lang, Some(dossier.id)))
        .collect();
    let window = Window::of(&call.call.phases, now);
    let editable = permissions::can_edit_dossier(account, &dossier);
    let events = app
        .db
        .dossier_events(dossier.id)
        .await?
        .into_iter()
        .map(|e| EventLine {
            at: i18n::datetime(lang, e.at),
            what: event_text(lang, &e.kind, e.submission_number),
            who: e.actor_name.unwrap_or_default(),
        })
        .collect();
    let submissions = app.db.submissions(dossier.id).await?;
    // Nothing changed since the last submission: nothing new to submit.
    let unchanged = submissions.last().is_some_and(|s| s.dossier_version == dossier.version);
    let receipts = submissions
        .into_iter()
        .map(|s| ReceiptLine {
            number: s.number,
            at: i18n::datetime(lang, s.submitted_at),
            sha256: s.sha256,
            href: format!("{}/recepisses/{}", dossier_path(dossier.id), s.number),
        })
        .collect();
    let track = call
        .call
        .tracks
        .iter()
        .find(|t| t.slug == dossier.track)
        .map(|t| t.name.get(lang).to_owned())
        .unwrap_or_else(|| dossier.track.clone());
    let complement = complement_view(app, lang, &dossier, &schema, &issues).await?;
    // A dossier awaiting a complement is sent with the complement's own form.
    let submittable_state = dossier.state.submit(window).is_ok()
        && complement.is_none()
        && dossier.state != crate::domain::dossier::DossierState::CorrectionRequested;
    let chosen = answers.get(dossiers::NETWORK_FIELD).and_then(serde_json::Value::as_str);
    let network = match chosen {
        Some(slug) => call
            .call
            .networks
            .iter()
            .find(|n| n.slug == slug)
            .map(|n| n.name.get(lang).to_owned())
            .unwrap_or_else(|| i18n::t(lang, "dossier-network-unknown")),
        None => i18n::t(lang, "dossier-network-none"),
    };
    Ok(DossierPage {
        id: dossier.id,
        reference: dossier.reference.clone(),
        title: if dossier.title.is_empty() {
            i18n::t(lang, "dossier-untitled")
        } else {
            dossier.title.clone()
        },
        track,
        network,
        state: dossier.state.label(lang).to_owned(),
        state_code: dossier.state.code(),
        version: dossier.version,
        sections,
        issues: issue_views,
        blocking,
        window: window_text(lang, window),
        can_submit: editable && submittable_state && !unchanged,
        unchanged,
        can_withdraw: permissions::is_dossier_member(account, &dossier)
            && dossier.state.withdraw().is_ok(),
        submitted_once: dossier.submission_count > 0,
        events,
        receipts,
        decision: super::decision::view(app, lang, &dossier).await?,
        notice,
        refusal,
        complement,
        page,
    })
}

fn event_text(lang: Lang, kind: &str, number: Option<i64>) -> String {
    let key = format!("dossier-event-{kind}");
    let args = [("number", number.unwrap_or_default().into())];
    let text = i18n::t_args(lang, &key, &args);
    if text == key { kind.to_owned() } else { text }
}

/// `GET /espace/dossiers/{id}`: the dossier at a glance.
pub async fn show(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path(id): Path<Uuid>,
    Query(notice): Query<Notice>,
) -> Result<DossierPage, AppError> {
    let lang = page.lang;
    let notice = match notice.fait.as_str() {
        "depose" => Some(i18n::t(lang, "dossier-notice-submitted")),
        "deja-depose" => Some(i18n::t(lang, "dossier-notice-already-submitted")),
        "retire" => Some(i18n::t(lang, "dossier-notice-withdrawn")),
        "complement" => Some(i18n::t(lang, "complements-notice-sent")),
        _ => None,
    };
    dossier_page(&app, page, &account, id, notice, None).await
}

/// `POST /espace/dossiers/{id}/complement`: sends the complement asked for (the reopened
/// sections are checked like a submission); the dossier goes back to screening.
pub async fn send_complement(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let now = OffsetDateTime::now_utc();
    match crate::exchanges::complements::send_complement(&app, &account, id, now).await {
        Ok(Ok(())) => {
            Ok(Redirect::to(&format!("{}?fait=complement", dossier_path(id))).into_response())
        }
        Ok(Err(crate::exchanges::complements::SendRefusal::Incomplete(_))) => {
            let text = i18n::t(lang, "complements-refused-incomplete");
            let rendered = dossier_page(&app, page, &account, id, None, Some(text)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
        Err(DossierError::NotEditable(_)) => {
            let text = i18n::t(lang, "dossier-refused-state");
            let rendered = dossier_page(&app, page, &account, id, None, Some(text)).await?;
            Ok((StatusCode::CONFLICT, rendered).into_response())
        }
        Err(error) => Err(error.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SubmitForm {
    version: i64,
}

/// `POST /espace/dossiers/{id}/depot`: submits the dossier as the person saw it.
pub async fn submit(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path(id): Path<Uuid>,
    Form(form): Form<SubmitForm>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let now = OffsetDateTime::now_utc();
    match dossiers::submit(&app, &account, id, form.version, now).await? {
        SubmitOutcome::Submitted(_) => {
            Ok(Redirect::to(&format!("{}?fait=depose", dossier_path(id))).into_response())
        }
        SubmitOutcome::AlreadySubmitted(_) => {
            Ok(Redirect::to(&format!("{}?fait=deja-depose", dossier_path(id))).into_response())
        }
        SubmitOutcome::Refused(refusal) => {
            let (status, text) = match refusal {
                SubmitRefusal::Incomplete(_) => {
                    (StatusCode::UNPROCESSABLE_ENTITY, i18n::t(lang, "dossier-refused-incomplete"))
                }
                SubmitRefusal::Changed => {
                    (StatusCode::CONFLICT, i18n::t(lang, "dossier-refused-changed"))
                }
                SubmitRefusal::Window(TransitionError::Closed { closed_at }) => (
                    StatusCode::FORBIDDEN,
                    i18n::t_args(
                        lang,
                        "dossier-refused-closed",
                        &[(
                            "deadline",
                            i18n::datetime(lang, closed_at - time::Duration::SECOND).into(),
                        )],
                    ),
                ),
                SubmitRefusal::Window(TransitionError::NotYetOpen { opens_at }) => (
                    StatusCode::FORBIDDEN,
                    i18n::t_args(
                        lang,
                        "dossier-refused-not-yet",
                        &[("opens", i18n::datetime(lang, opens_at).into())],
                    ),
                ),
                SubmitRefusal::Window(TransitionError::NotAllowed { .. }) => {
                    (StatusCode::FORBIDDEN, i18n::t(lang, "dossier-refused-state"))
                }
            };
            let rendered = dossier_page(&app, page, &account, id, None, Some(text)).await?;
            Ok((status, rendered).into_response())
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct WithdrawForm {
    motif: String,
    confirmer: String,
}

/// `POST /espace/dossiers/{id}/retrait`: withdraws the dossier, once confirmed.
pub async fn withdraw(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path(id): Path<Uuid>,
    Form(form): Form<WithdrawForm>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    if form.confirmer != "oui" {
        let text = i18n::t(lang, "dossier-withdraw-confirm-missing");
        let rendered = dossier_page(&app, page, &account, id, None, Some(text)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
    }
    let reason: String = form.motif.trim().chars().take(1000).collect();
    let reason = Some(reason.as_str()).filter(|r| !r.is_empty());
    dossiers::withdraw(&app, &account, id, reason, OffsetDateTime::now_utc()).await?;
    Ok(Redirect::to(&format!("{}?fait=retire", dossier_path(id))).into_response())
}

/// `GET /espace/dossiers/{id}/recepisses/{number}`: a receipt, as a PDF download.
pub async fn receipt(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    Path((id, number)): Path<(Uuid, i64)>,
) -> Result<Response, AppError> {
    let (dossier, _) = visible_dossier(&app, &account, id).await?;
    let pdf = app.db.receipt(id, number).await?.ok_or(AppError::NotFound)?;
    let filename = dossiers::receipt::filename(&dossier.reference, number);
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    Ok((headers, pdf).into_response())
}

// ---------------------------------------------------------------------------------------------
// One section per page
// ---------------------------------------------------------------------------------------------

pub struct StepLink {
    title: String,
    href: String,
    current: bool,
    complete: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/candidate/dossier_section.html")]
pub struct SectionPage {
    page: Page,
    id: Uuid,
    reference: String,
    dossier_title: String,
    title: String,
    help: Option<String>,
    action: String,
    section_version: i64,
    fields: Vec<FieldView>,
    issues: Vec<IssueView>,
    steps: Vec<StepLink>,
    /// "Étape 3 sur 12".
    step_text: String,
    next: Option<String>,
    previous: Option<String>,
    editable: bool,
    notice: Option<String>,
    conflict: bool,
    kept: bool,
    /// Why the section cannot be changed while the dossier awaits a complement on others.
    closed: Option<String>,
    /// The section is one a complement reopened.
    reopened: bool,
}

/// What a section page shows besides the stored answers.
#[derive(Default)]
pub(super) struct Shown {
    /// The answers to show, when they are not the stored ones (input sent back).
    pub answers: Option<Answers>,
    pub issues: Vec<Issue>,
    pub notice: Option<String>,
    /// Conflict: the stored answers and the fields that differ.
    pub conflict: Option<(Answers, Vec<String>)>,
    /// The section version the form carries, when it is not the stored one.
    pub section_version: Option<i64>,
    pub kept: bool,
}

pub(super) async fn section_page(
    app: &AppState,
    page: Page,
    account: &Account,
    id: Uuid,
    section_key: &str,
    shown: Shown,
) -> Result<SectionPage, AppError> {
    let lang = page.lang;
    let (dossier, schema) = visible_dossier(app, account, id).await?;
    let Some(section) = schema.section(section_key) else {
        return Err(AppError::NotFound);
    };
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let now = OffsetDateTime::now_utc();
    let networks = Choice::from_networks(&call.call.networks);
    let ctx = dossiers::context(&networks, now);
    let stored = Answers::from_value(dossier.answers.clone());
    let answers = shown.answers.unwrap_or_else(|| stored.clone());
    let progress = form::progress(&schema, &dossier.track, &answers, &ctx);
    let visible: Vec<_> = progress.sections.iter().filter(|s| s.visible).collect();
    let position = visible.iter().position(|s| s.key == section_key).unwrap_or(0);
    let steps = visible
        .iter()
        .map(|s| StepLink {
            title: s.title.get(lang).to_owned(),
            href: section_path(dossier.id, &s.key),
            current: s.key == section_key,
            complete: s.errors == 0 && s.required_answered >= s.required_total,
        })
        .collect();
    let next = visible.get(position + 1).map(|s| s.key.clone());
    let previous = position.checked_sub(1).and_then(|p| visible.get(p)).map(|s| s.key.clone());
    let conflict = shown.conflict.is_some();
    let fields = fields::section_fields(&fields::Build {
        schema: &schema,
        section,
        track: &dossier.track,
        answers: &answers,
        issues: &shown.issues,
        conflict: shown.conflict.as_ref().map(|(theirs, keys)| (theirs, keys.as_slice())),
        ctx: &ctx,
        lang,
        dossier_id: dossier.id,
    });
    let issues =
        shown.issues.iter().map(|issue| fields::issue_view(&schema, issue, lang, None)).collect();
    let reopened = crate::exchanges::complements::reopened_sections(app, &dossier).await?;
    let is_open = reopened.as_ref().is_none_or(|open| open.iter().any(|k| k == section_key));
    let closed = (!is_open).then(|| {
        let titles: Vec<&str> = schema
            .sections
            .iter()
            .filter(|s| reopened.as_ref().is_some_and(|open| open.contains(&s.key)))
            .map(|s| s.title.get(lang))
            .collect();
        i18n::t_args(lang, "complements-section-closed", &[("sections", titles.join(", ").into())])
    });
    Ok(SectionPage {
        id: dossier.id,
        reference: dossier.reference.clone(),
        dossier_title: dossier.title.clone(),
        title: section.title.get(lang).to_owned(),
        help: section.help.as_ref().map(|h| h.get(lang).to_owned()),
        action: section_path(dossier.id, section_key),
        section_version: shown
            .section_version
            .unwrap_or_else(|| dossier.section_version(section_key)),
        fields,
        issues,
        steps,
        step_text: i18n::t_args(
            lang,
            "dossier-step-count",
            &[
                ("position", i64::try_from(position + 1).unwrap_or_default().into()),
                ("count", i64::try_from(visible.len()).unwrap_or_default().into()),
            ],
        ),
        next,
        previous,
        editable: permissions::can_edit_dossier(account, &dossier) && is_open,
        notice: shown.notice,
        conflict,
        kept: shown.kept,
        reopened: reopened.is_some() && is_open,
        closed,
        page,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SectionQuery {
    reprise: String,
    fait: String,
}

/// `GET /espace/dossiers/{id}/sections/{section}`: one section of the form, filled with the
/// stored answers — or with input kept from a save that arrived after the session expired.
pub async fn section(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path((id, section_key)): Path<(Uuid, String)>,
    Query(query): Query<SectionQuery>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let notice = match query.fait.as_str() {
        "enregistre" => Some(i18n::t(lang, "dossier-notice-saved")),
        "fichier" => Some(i18n::t(lang, "dossier-notice-file-added")),
        "fichier-retire" => Some(i18n::t(lang, "dossier-notice-file-removed")),
        _ => None,
    };
    let mut shown = Shown { notice, ..Shown::default() };
    let (dossier, schema) = visible_dossier(&app, &account, id).await?;
    if !query.reprise.is_empty()
        && let Some(kept) = app.db.take_kept_input(&query.reprise, id, &section_key).await?
    {
        let pairs: Vec<(String, String)> =
            url::form_urlencoded::parse(kept.body.as_bytes()).into_owned().collect();
        let stored = Answers::from_value(dossier.answers.clone());
        let input = form::read_section(
            &schema,
            &section_key,
            &pairs,
            &dossiers::places::GAZETTEER_PLACES,
            &stored,
        );
        shown.answers = Some(input.answers);
        shown.issues = input.issues;
        shown.section_version =
            pairs.iter().find(|(k, _)| k == "_version").and_then(|(_, v)| v.parse().ok());
        shown.kept = true;
    }
    let rendered = section_page(&app, page, &account, id, &section_key, shown).await?;
    Ok(rendered.into_response())
}

/// `POST /espace/dossiers/{id}/sections/{section}`: saves the section. Buttons: `_action` =
/// `save` (stay), `next` (go on to the next section), `summary`. With `X-Autosave: 1` (the
/// script saving while typing), answers JSON instead of a page. A post without a live session
/// keeps the typed text and sends the person to log in, then back to the page with it.
pub async fn save(
    State(app): State<AppState>,
    page: Page,
    user: Option<CurrentUser>,
    headers: HeaderMap,
    Path((id, section_key)): Path<(Uuid, String)>,
    body: String,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let autosave = headers.get("x-autosave").is_some_and(|v| v == "1");
    let Some(CurrentUser(account)) = user else {
        return keep_input(&app, id, &section_key, &body, autosave).await;
    };
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    let value = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let base_version: i64 = value("_version").and_then(|v| v.parse().ok()).unwrap_or(-1);
    let action = value("_action").unwrap_or("save").to_owned();
    let now = OffsetDateTime::now_utc();
    let outcome =
        match dossiers::save_section(&app, &account, id, &section_key, base_version, &pairs, now)
            .await
        {
            Ok(outcome) => outcome,
            Err(DossierError::NotEditable(state)) if autosave => {
                return Ok(autosave_answer(StatusCode::CONFLICT, "locked", state.code(), 0));
            }
            Err(DossierError::SectionClosed(_)) if autosave => {
                let state = crate::domain::dossier::DossierState::CorrectionRequested;
                return Ok(autosave_answer(StatusCode::CONFLICT, "locked", state.code(), 0));
            }
            Err(closed @ DossierError::SectionClosed(_)) => {
                let rendered = closed_section_page(&app, page, &account, id, closed).await?;
                return Ok((StatusCode::FORBIDDEN, rendered).into_response());
            }
            Err(error) => return Err(error.into()),
        };
    match outcome {
        SaveOutcome::Saved { section_version, issues, answers } => {
            if autosave {
                return Ok(autosave_answer(StatusCode::OK, "saved", "", section_version));
            }
            // Saved either way; the person stays on the page only when something they typed
            // needs correcting. Answers still missing are listed on the summary, not forced.
            let blocking = issues
                .iter()
                .any(|i| i.severity == Severity::Error && is_typed(answers.at(&i.path)));
            if !blocking {
                let target = match action.as_str() {
                    "next" => next_section(&app, id, &section_key).await?,
                    "summary" => None,
                    _ => Some(section_key.clone()),
                };
                let href = match target {
                    Some(key) if key == section_key => {
                        format!("{}?fait=enregistre", section_path(id, &key))
                    }
                    Some(key) => section_path(id, &key),
                    None => dossier_path(id),
                };
                return Ok(Redirect::to(&href).into_response());
            }
            let shown = Shown {
                issues,
                notice: Some(i18n::t(lang, "dossier-notice-saved-with-errors")),
                ..Shown::default()
            };
            let rendered = section_page(&app, page, &account, id, &section_key, shown).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
        SaveOutcome::Conflict { mine, theirs, fields, section_version } => {
            if autosave {
                return Ok(autosave_answer(StatusCode::CONFLICT, "conflict", "", section_version));
            }
            let shown = Shown {
                answers: Some(mine),
                conflict: Some((theirs, fields)),
                section_version: Some(section_version),
                ..Shown::default()
            };
            let rendered = section_page(&app, page, &account, id, &section_key, shown).await?;
            Ok((StatusCode::CONFLICT, rendered).into_response())
        }
    }
}

/// The page of a section a change was refused on because the dossier awaits a complement on
/// other sections (`SectionClosed`): the stored answers, read-only, with the reason (which
/// `section_page` gives any section not reopened).
pub(super) async fn closed_section_page(
    app: &AppState,
    page: Page,
    account: &Account,
    id: Uuid,
    error: DossierError,
) -> Result<SectionPage, AppError> {
    let DossierError::SectionClosed(section) = error else {
        return Err(error.into());
    };
    section_page(app, page, account, id, &section, Shown::default()).await
}

/// Whether a value is something a person typed or picked (not absent, not blank, not a list).
fn is_typed(value: Option<&serde_json::Value>) -> bool {
    use serde_json::Value;
    match value {
        Some(Value::String(text)) => !text.trim().is_empty(),
        Some(Value::Number(_) | Value::Bool(_)) => true,
        _ => false,
    }
}

/// The key of the visible section after `section_key`, if any.
async fn next_section(
    app: &AppState,
    id: Uuid,
    section_key: &str,
) -> Result<Option<String>, AppError> {
    let dossier = app.db.dossier(id).await?.ok_or(AppError::NotFound)?;
    let schema = forms::schema(app, dossier.form_revision_id).await?;
    let answers = Answers::from_value(dossier.answers);
    let visible: Vec<&str> = schema
        .sections
        .iter()
        .filter(|s| schema.section_visible(&s.key, &answers))
        .map(|s| s.key.as_str())
        .collect();
    let position = visible.iter().position(|k| *k == section_key);
    Ok(position.and_then(|p| visible.get(p + 1)).map(|k| (*k).to_owned()))
}

fn autosave_answer(status: StatusCode, what: &str, state: &str, section_version: i64) -> Response {
    let body = serde_json::json!({ "status": what, "state": state, "version": section_version });
    (status, axum::Json(body)).into_response()
}

/// A save without a live session: the typed text is kept (if the dossier exists) under a
/// one-time token, and the person is sent to log in, then back to the section with it.
async fn keep_input(
    app: &AppState,
    id: Uuid,
    section_key: &str,
    body: &str,
    autosave: bool,
) -> Result<Response, AppError> {
    if autosave {
        return Ok(autosave_answer(StatusCode::UNAUTHORIZED, "logged-out", "", 0));
    }
    let back = match app.db.dossier(id).await? {
        Some(_) => {
            let (token, _) = crate::auth::tokens::new_token();
            app.db.keep_input(&token, id, section_key, body, OffsetDateTime::now_utc()).await?;
            format!("{}?reprise={token}", section_path(id, section_key))
        }
        None => section_path(id, section_key),
    };
    let target = format!(
        "/connexion?retour={}&session=expiree",
        url::form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>()
    );
    Ok(Redirect::to(&target).into_response())
}
