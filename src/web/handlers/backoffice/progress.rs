//! `/gestion/progres`: the steering group's side of the progress approach — the network's
//! dashboard (every indicator's total per period, one indicator by region and by sector, only
//! submitted reports of published poles), and the periods: adding one (yearly by default),
//! where its reports stand, and the reminders due before or after its due date.

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
use crate::domain::form;
use crate::domain::progress::{PeriodInput, ReminderKind, ReportState, next_yearly};
use crate::i18n;
use crate::progress::view::{self, BreakdownView, IndicatorsView, PeriodCount, RegionLevel};
use crate::progress::{self, Reminded};
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::page::Page;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DashboardQuery {
    indicateur: String,
    regions: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/progress.html")]
pub struct DashboardPage {
    page: Page,
    periods: Vec<PeriodCount>,
    totals: IndicatorsView,
    choices: Vec<(String, String)>,
    chosen_key: String,
    chosen_label: String,
    chart: Option<String>,
    by_region: BreakdownView,
    by_sector: BreakdownView,
    columns: Vec<String>,
    level: &'static str,
    /// "La valeur « … » du filtre est inconnue : …".
    ignored: Vec<String>,
}

/// `GET /gestion/progres?indicateur=jobs_fte&regions=2011`: unknown filter values are ignored
/// and said so.
pub async fn dashboard(
    State(app): State<AppState>,
    page: Page,
    Query(query): Query<DashboardQuery>,
) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let lang = page.lang;
    let mut ignored = Vec::new();
    let level = match RegionLevel::parse(&query.regions) {
        Some(level) => level,
        None => {
            if !query.regions.is_empty() {
                ignored.push(page.t("progress-filter-ignored"));
            }
            RegionLevel::Regions2011
        }
    };
    let dashboard = view::dashboard(&app, &call.call, lang, &query.indicateur, level).await?;
    let (chosen_key, chosen_label) = dashboard.chosen.clone().unwrap_or_default();
    if !query.indicateur.is_empty() && chosen_key != query.indicateur && ignored.is_empty() {
        ignored.push(page.t("progress-filter-ignored"));
    }
    Ok(DashboardPage {
        periods: dashboard.periods,
        totals: dashboard.totals,
        choices: dashboard.choices,
        chosen_key,
        chosen_label,
        chart: dashboard.chart,
        by_region: dashboard.by_region,
        by_sector: dashboard.by_sector,
        columns: dashboard.columns,
        level: level.code(),
        ignored,
        page,
    }
    .into_response())
}

/// A period as the steering group sees it.
pub struct PeriodLine {
    pub id: Uuid,
    pub label: String,
    pub span: String,
    pub due: String,
    pub submitted: usize,
    pub drafts: usize,
    pub poles: usize,
    /// "Relance avant l'échéance : 2 pôles le 17 mars 2013", …
    pub reminders: Vec<String>,
    /// The reminder the button would send today, if any.
    pub due_reminder: Option<String>,
}

/// A date input of the form.
pub struct DateField {
    pub field: &'static str,
    pub name: &'static str,
    pub label: String,
    pub value: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/progress_periods.html")]
pub struct PeriodsPage {
    page: Page,
    periods: Vec<PeriodLine>,
    input: PeriodInput,
    dates: Vec<DateField>,
    errors: Vec<(String, String)>,
    notice: Option<String>,
}

impl PeriodsPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    fn described(&self, field: &str) -> String {
        match self.error(field) {
            Some(_) => format!("{field}-hint {field}-error"),
            None => format!("{field}-hint"),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Shown {
    fait: String,
    envoyees: usize,
    deja: usize,
}

/// `GET /gestion/progres/periodes`.
pub async fn periods(
    State(app): State<AppState>,
    page: Page,
    Query(shown): Query<Shown>,
) -> Result<Response, AppError> {
    let notice = match shown.fait.as_str() {
        "ajoutee" => Some(page.t("progress-notice-period-added")),
        "relances" => Some(i18n::t_args(
            page.lang,
            "progress-notice-reminded",
            &[("sent", shown.envoyees.into()), ("already", shown.deja.into())],
        )),
        "aucune" => Some(page.t("progress-notice-no-reminder")),
        _ => None,
    };
    Ok(render_periods(&app, page, None, Vec::new(), notice).await?.into_response())
}

async fn render_periods(
    app: &AppState,
    page: Page,
    input: Option<PeriodInput>,
    errors: Vec<(String, String)>,
    notice: Option<String>,
) -> Result<PeriodsPage, AppError> {
    let lang = page.lang;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let call = &call.call;
    let list = app.db.progress_periods(call.id).await?;
    let statuses = app.db.progress_report_statuses(call.id).await?;
    let poles = app.db.published_poles(call.id).await?.len();
    let today = crate::domain::paris::date_of(OffsetDateTime::now_utc());
    let mut periods = Vec::new();
    for period in &list {
        let count = |state: ReportState| {
            statuses.iter().filter(|s| s.period_id == period.id && s.state == state.code()).count()
        };
        let sent = app.db.progress_reminders(period.id).await?;
        let reminders = [ReminderKind::Before, ReminderKind::After]
            .into_iter()
            .filter_map(|kind| {
                let of_kind: Vec<_> = sent.iter().filter(|r| r.kind == kind.code()).collect();
                let last = of_kind.iter().map(|r| r.sent_at).max()?;
                Some(i18n::t_args(
                    lang,
                    &format!("progress-reminders-{}", kind.code()),
                    &[
                        ("count", of_kind.len().into()),
                        ("date", i18n::date(lang, last.date()).into()),
                    ],
                ))
            })
            .collect();
        let due_reminder = progress::day(&period.due_on)
            .and_then(|due| crate::domain::progress::reminder_due(today, due))
            .map(|kind| page.t(&format!("progress-remind-{}", kind.code())));
        periods.push(PeriodLine {
            id: period.id,
            label: period.label.clone(),
            span: progress::span_text(period, lang),
            due: progress::due_text(period, lang),
            submitted: count(ReportState::Submitted),
            drafts: count(ReportState::Draft),
            poles,
            reminders,
            due_reminder,
        });
    }
    let last_end = list.iter().filter_map(|p| progress::day(&p.ends_on)).max();
    let input = input.unwrap_or_else(|| next_yearly(last_end, call.year));
    let date = |field, name, key: &str, value: &str| DateField {
        field,
        name,
        label: page.t(key),
        value: value.to_owned(),
    };
    let dates = vec![
        date("starts_on", "debut", "progress-field-starts", &input.starts_on),
        date("ends_on", "fin", "progress-field-ends", &input.ends_on),
        date("due_on", "echeance", "progress-field-due", &input.due_on),
    ];
    Ok(PeriodsPage { periods, input, dates, errors, notice, page })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PeriodForm {
    libelle: String,
    debut: String,
    fin: String,
    echeance: String,
}

/// `POST /gestion/progres/periodes`: adds the period, or the form again with the messages next
/// to the fields and what was typed (422).
pub async fn create_period(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(posted): Form<PeriodForm>,
) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let input = PeriodInput {
        label: posted.libelle,
        starts_on: posted.debut,
        ends_on: posted.fin,
        due_on: posted.echeance,
    };
    let now = OffsetDateTime::now_utc();
    match progress::create_period(&app, &account, call.call.id, &input, &client, now).await? {
        Ok(_) => Ok(Redirect::to("/gestion/progres/periodes?fait=ajoutee").into_response()),
        Err(issues) => {
            let lang = page.lang;
            let errors = issues
                .iter()
                .map(|issue| (issue.field.to_owned(), i18n::t(lang, issue.message)))
                .collect();
            // Dates that read are shown as the date inputs expect them.
            let iso = |text: &str| form::parse_date(text).map_or(text.to_owned(), form::iso_date);
            let input = PeriodInput {
                starts_on: iso(&input.starts_on),
                ends_on: iso(&input.ends_on),
                due_on: iso(&input.due_on),
                ..input
            };
            let rendered = render_periods(&app, page, Some(input), errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
    }
}

/// `POST /gestion/progres/periodes/{id}/relances`: sends the reminder due today to the poles
/// whose report is not submitted — never twice the same to a pole for a period.
pub async fn remind(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let period = app
        .db
        .progress_period(id)
        .await?
        .filter(|p| p.call_id == call.call.id)
        .ok_or(AppError::NotFound)?;
    let now = OffsetDateTime::now_utc();
    let Reminded { kind, poles, already, .. } =
        progress::send_reminders(&app, Some(&account), &period, &client, now).await?;
    let target = match kind {
        None => "/gestion/progres/periodes?fait=aucune".to_owned(),
        Some(_) => {
            format!("/gestion/progres/periodes?fait=relances&envoyees={poles}&deja={already}")
        }
    };
    Ok(Redirect::to(&target).into_response())
}
