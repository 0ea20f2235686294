//! `/espace/progres`: the people of a published pole fill its period reports (démarche de
//! progrès) — the list of periods with where each report stands, and the report's form on one
//! page: save a draft, submit (the errors next to the fields), then the submitted figures
//! read-only. Someone who is not one of the pole's people gets 404.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::db::accounts::Account;
use crate::db::poles::Pole;
use crate::db::progress::Period;
use crate::domain::form::{self, Answers, Issue};
use crate::domain::progress::{REPORT_TRACK, ReportState};
use crate::progress::{self, Saved};
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::candidate::fields::{self, IssueView, Widget};
use crate::web::handlers::public::interest::SectionView;
use crate::web::page::Page;

/// A period of a pole, as the list shows it.
pub struct PeriodLine {
    pub label: String,
    pub span: String,
    pub due: String,
    pub status: String,
    pub submitted: bool,
    pub href: String,
}

/// A pole of the account, with its periods.
pub struct PoleLines {
    pub name: String,
    pub public_link: String,
    pub periods: Vec<PeriodLine>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/candidate/progress_list.html")]
pub struct ListPage {
    page: Page,
    poles: Vec<PoleLines>,
}

/// `GET /espace/progres`: the account's published poles and, for each period, where its
/// report stands.
pub async fn list(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let mut poles = Vec::new();
    for pole in progress::member_poles(&app, &account).await? {
        let mut periods = Vec::new();
        for period in app.db.progress_periods(pole.call_id).await? {
            let report = progress::report(&app, &pole, &period).await?;
            periods.push(PeriodLine {
                label: period.label.clone(),
                span: progress::span_text(&period, lang),
                due: progress::due_text(&period, lang),
                status: progress::status_text(report.as_ref(), lang),
                submitted: matches!(report, Some((_, ReportState::Submitted))),
                href: format!("/espace/progres/{}/{}", pole.id, period.id),
            });
        }
        poles.push(PoleLines {
            name: pole.content.0.name.clone(),
            public_link: format!("/poles/{}", pole.slug),
            periods,
        });
    }
    Ok(ListPage { page, poles }.into_response())
}

/// A submitted figure, read-only: (label, value).
pub struct SubmittedSection {
    pub title: String,
    pub lines: Vec<(String, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/candidate/progress_report.html")]
pub struct ReportPage {
    page: Page,
    pole: String,
    public_link: String,
    period: String,
    span: String,
    due: String,
    action: String,
    title: String,
    help: Option<String>,
    status: String,
    /// The form (a draft or nothing yet); empty once submitted.
    sections: Vec<SectionView>,
    issues: Vec<IssueView>,
    /// Once submitted: what was submitted.
    submitted: Vec<SubmittedSection>,
    notice: Option<String>,
}

/// The pole and the period if the account is one of the pole's people and the period is the
/// pole's call's; 404 otherwise (nothing is revealed to others).
async fn reach(
    app: &AppState,
    account: &Account,
    pole_id: Uuid,
    period_id: Uuid,
) -> Result<(Pole, Period), AppError> {
    let pole = progress::member_pole(app, account, pole_id).await?.ok_or(AppError::NotFound)?;
    let period = app
        .db
        .progress_period(period_id)
        .await?
        .filter(|p| p.call_id == pole.call_id)
        .ok_or(AppError::NotFound)?;
    Ok((pole, period))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Shown {
    fait: String,
}

/// `GET /espace/progres/{pole}/{period}`.
pub async fn form(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path((pole_id, period_id)): Path<(Uuid, Uuid)>,
    Query(shown): Query<Shown>,
) -> Result<Response, AppError> {
    let (pole, period) = reach(&app, &account, pole_id, period_id).await?;
    let notice = match shown.fait.as_str() {
        "enregistre" => Some(page.t("progress-notice-saved")),
        "depose" => Some(page.t("progress-notice-submitted")),
        _ => None,
    };
    let stored = progress::report(&app, &pole, &period).await?;
    let answers =
        stored.as_ref().map(|(r, _)| Answers::from_value(r.answers.0.clone())).unwrap_or_default();
    Ok(render(&app, page, &pole, &period, &answers, &[], notice).await?.into_response())
}

/// `POST /espace/progres/{pole}/{period}`: `action=enregistrer` saves a draft (values that do
/// not read are kept as typed and said next to their field); `action=deposer` submits, or
/// shows every error next to its field (422) with the input kept as a draft.
pub async fn save(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path((pole_id, period_id)): Path<(Uuid, Uuid)>,
    body: String,
) -> Result<Response, AppError> {
    let (pole, period) = reach(&app, &account, pole_id, period_id).await?;
    let pairs: Vec<(String, String)> =
        url::form_urlencoded::parse(body.as_bytes()).into_owned().collect();
    let submit = pairs.iter().any(|(k, v)| k == "action" && v == "deposer");
    let now = OffsetDateTime::now_utc();
    let here = format!("/espace/progres/{pole_id}/{period_id}");
    let saved =
        progress::save(&app, &account, &pole, &period, &pairs, submit, &client, now).await?;
    Ok(match saved {
        Saved::Draft { unreadable, .. } if unreadable.is_empty() => {
            Redirect::to(&format!("{here}?fait=enregistre")).into_response()
        }
        Saved::Draft { answers, unreadable } => {
            let notice = Some(page.t("progress-notice-saved-with-issues"));
            let rendered =
                render(&app, page, &pole, &period, &answers, &unreadable, notice).await?;
            (StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response()
        }
        Saved::Invalid { answers, issues } => {
            let rendered = render(&app, page, &pole, &period, &answers, &issues, None).await?;
            (StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response()
        }
        Saved::Submitted => Redirect::to(&format!("{here}?fait=depose")).into_response(),
        Saved::AlreadySubmitted => {
            let notice = Some(page.t("progress-notice-already-submitted"));
            let rendered = render(&app, page, &pole, &period, &Answers::new(), &[], notice).await?;
            (StatusCode::CONFLICT, rendered).into_response()
        }
    })
}

async fn render(
    app: &AppState,
    page: Page,
    pole: &Pole,
    period: &Period,
    answers: &Answers,
    issues: &[Issue],
    notice: Option<String>,
) -> Result<ReportPage, AppError> {
    let lang = page.lang;
    let now = OffsetDateTime::now_utc();
    let ctx = progress::context(now);
    let stored = progress::report(app, pole, period).await?;
    // A submitted report is shown as it was submitted, on the form it was filled on.
    let (schema, submitted_answers) = match &stored {
        Some((report, ReportState::Submitted)) => (
            crate::dossiers::forms::schema(app, report.form_revision_id)
                .await
                .map_err(anyhow::Error::new)?,
            Some(Answers::from_value(report.answers.0.clone())),
        ),
        _ => (progress::report_form(app, pole.call_id).await?.schema, None),
    };
    let mut sections = Vec::new();
    let mut submitted = Vec::new();
    match &submitted_answers {
        Some(done) => {
            let computed = form::computed(&schema, done);
            for section in &schema.sections {
                let lines = section
                    .fields
                    .iter()
                    .filter(|f| f.takes_answer() || computed.contains_key(&f.key))
                    .map(|f| {
                        let value = match computed.get(&f.key) {
                            Some(value) => value.display(lang),
                            None => form::display(f, done.get(&f.key), lang, &ctx),
                        };
                        let value =
                            if value.is_empty() { page.t("progress-missing") } else { value };
                        (f.label.get(lang).to_owned(), value)
                    })
                    .collect();
                submitted
                    .push(SubmittedSection { title: section.title.get(lang).to_owned(), lines });
            }
        }
        None => {
            for section in
                schema.sections.iter().filter(|s| schema.section_visible(&s.key, answers))
            {
                sections.push(SectionView {
                    id: schema.section_html_id(&section.key),
                    title: section.title.get(lang).to_owned(),
                    help: section.help.as_ref().map(|h| h.get(lang).to_owned()),
                    fields: fields::section_fields(&fields::Build {
                        schema: &schema,
                        section,
                        track: REPORT_TRACK,
                        answers,
                        issues,
                        conflict: None,
                        ctx: &ctx,
                        lang,
                        // The report has no file question: no upload address is made from it.
                        dossier_id: Uuid::nil(),
                    }),
                });
            }
        }
    }
    Ok(ReportPage {
        pole: pole.content.0.name.clone(),
        public_link: format!("/poles/{}", pole.slug),
        period: period.label.clone(),
        span: progress::span_text(period, lang),
        due: progress::due_text(period, lang),
        action: format!("/espace/progres/{}/{}", pole.id, period.id),
        title: schema.title.get(lang).to_owned(),
        help: schema.help.as_ref().map(|h| h.get(lang).to_owned()),
        status: progress::status_text(stored.as_ref(), lang),
        sections,
        issues: issues.iter().map(|i| fields::issue_view(&schema, i, lang, None)).collect(),
        submitted,
        notice,
        page,
    })
}
