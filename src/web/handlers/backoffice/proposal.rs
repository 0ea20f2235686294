//! `/gestion/proposition`: the steering group's costed support and funding proposal — the
//! totals of the selected dossiers against the envelope it sets, its scenarios side by side,
//! each scenario's form (which poles, which amount each; an amount above the one requested is
//! refused next to its field) and its exports as XLSX and as a PDF report.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, RawForm, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::db::audit::AuditEvent;
use crate::domain::lang::Lang;
use crate::domain::proposal::Line;
use crate::i18n;
use crate::proposal::report::{self, Table};
use crate::proposal::{
    self as use_cases, Proposal, SaveOutcome, Scenario, ScenarioErrors, ScenarioForm,
};
use crate::web::client::ClientAddress;
use crate::web::content::PublishedCall;
use crate::web::error::AppError;
use crate::web::page::Page;

/// A table as the page shows it: text cells, numbers aligned right.
pub struct TableView {
    pub id: &'static str,
    pub caption: String,
    pub columns: Vec<String>,
    /// Per column: whether it holds numbers.
    pub numeric: Vec<bool>,
    pub rows: Vec<Vec<String>>,
    pub total: Option<Vec<String>>,
}

impl TableView {
    fn of(table: &Table, lang: Lang) -> TableView {
        let numeric = (0..table.columns.len())
            .map(|i| {
                table
                    .rows
                    .iter()
                    .chain(&table.total)
                    .any(|r| r.get(i).is_some_and(|v| v.is_number()))
            })
            .collect();
        let shown = |row: &Vec<report::Value>| row.iter().map(|v| v.shown(lang)).collect();
        TableView {
            id: table.id,
            caption: table.caption.clone(),
            columns: table.columns.clone(),
            numeric,
            rows: table.rows.iter().map(shown).collect(),
            total: table.total.as_ref().map(shown),
        }
    }

    /// The class of a cell of column `i`.
    pub fn class(&self, i: &usize) -> &'static str {
        if self.numeric.get(*i).copied().unwrap_or(false) { "number" } else { "" }
    }
}

/// A scenario in the list: its name, page and exports.
pub struct ScenarioLink {
    pub name: String,
    pub href: String,
}

/// The scenarios side by side: a column per scenario (the whole selection first), a row per
/// measure.
pub struct Comparison {
    pub columns: Vec<ScenarioLink>,
    pub rows: Vec<(String, Vec<String>)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/proposal.html")]
pub struct ProposalPage {
    page: Page,
    notice: Option<String>,
    has_dossiers: bool,
    summary: Vec<(String, String)>,
    envelope: String,
    envelope_error: Option<String>,
    comparison: Comparison,
    has_scenarios: bool,
    dossiers: TableView,
    tables: Vec<TableView>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Shown {
    fait: String,
}

async fn call(app: &AppState) -> Result<std::sync::Arc<PublishedCall>, AppError> {
    app.content.call(&app.db).await?.ok_or(AppError::NotFound)
}

fn scenario_href(id: Uuid) -> String {
    format!("/gestion/proposition/scenarios/{id}")
}

fn comparison(proposal: &Proposal, lang: Lang) -> Comparison {
    let t = |key: &str| i18n::t(lang, key);
    let mut columns = vec![ScenarioLink { name: t("proposal-scenarios-all"), href: String::new() }];
    columns.extend(
        proposal.scenarios.iter().map(|s| ScenarioLink {
            name: s.stored.name.clone(),
            href: scenario_href(s.stored.id),
        }),
    );
    let all = (&proposal.totals, proposal.balance, true);
    let each: Vec<_> = std::iter::once(all)
        .chain(proposal.scenarios.iter().map(|s| (&s.totals, s.balance, false)))
        .collect();
    let mut rows = vec![
        (t("proposal-col-dossiers"), each.iter().map(|(x, _, _)| x.dossiers.to_string()).collect()),
        (
            t("proposal-col-granted"),
            each.iter()
                .map(|(x, _, all)| if *all { x.requested } else { x.granted }.format(lang))
                .collect(),
        ),
        (
            t("proposal-balance"),
            each.iter().map(|(_, b, _)| report::balance_text(*b, lang)).collect(),
        ),
    ];
    // The amount proposed in each region of 2011, for the regions of the whole selection.
    let mut regions: Vec<(&String, &String)> = proposal.labels.regions_2011.iter().collect();
    regions.sort_by(|a, b| a.1.cmp(b.1));
    for (code, name) in regions {
        let amount = |lines: &[Line], all: bool| {
            let line = lines.iter().find(|l| l.key == *code);
            line.map_or_else(Default::default, |l| if all { l.requested } else { l.granted })
        };
        let name = if name == "?" { t("proposal-region-unknown") } else { name.clone() };
        rows.push((
            format!("{} — {name}", t("proposal-col-region-2011")),
            each.iter().map(|(x, _, all)| amount(&x.by_region_2011, *all).format(lang)).collect(),
        ));
    }
    Comparison { columns, rows }
}

async fn render(
    app: &AppState,
    page: Page,
    notice: Option<String>,
    envelope_typed: Option<String>,
    envelope_error: Option<String>,
) -> Result<ProposalPage, AppError> {
    let lang = page.lang;
    let call = call(app).await?;
    let proposal = use_cases::proposal(app, &call.call, lang).await?;
    let t = |key: &str| i18n::t(lang, key);
    let mut summary = vec![
        (t("proposal-col-dossiers"), proposal.totals.dossiers.to_string()),
        (t("proposal-requested-total"), proposal.totals.requested.format(lang)),
    ];
    if let Some(envelope) = proposal.envelope {
        summary.push((t("proposal-envelope"), envelope.format(lang)));
    }
    summary.push((t("proposal-balance"), report::balance_text(proposal.balance, lang)));
    let envelope = envelope_typed
        .unwrap_or_else(|| proposal.envelope.map(|m| m.to_input(lang)).unwrap_or_default());
    Ok(ProposalPage {
        notice,
        has_dossiers: !proposal.selected.is_empty(),
        summary,
        envelope,
        envelope_error,
        comparison: comparison(&proposal, lang),
        has_scenarios: !proposal.scenarios.is_empty(),
        dossiers: TableView::of(&report::dossiers_table(&proposal, None, lang), lang),
        tables: report::tables(&proposal.totals, &proposal.labels, lang, false)
            .iter()
            .map(|t| TableView::of(t, lang))
            .collect(),
        page,
    })
}

/// `GET /gestion/proposition`.
pub async fn page(
    State(app): State<AppState>,
    page: Page,
    Query(shown): Query<Shown>,
) -> Result<Response, AppError> {
    let notice = match shown.fait.as_str() {
        "enveloppe" => Some(page.t("proposal-notice-envelope")),
        "supprime" => Some(page.t("proposal-notice-deleted")),
        _ => None,
    };
    Ok(render(&app, page, notice, None, None).await?.into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EnvelopeInput {
    enveloppe: String,
}

/// `POST /gestion/proposition/enveloppe`: sets the envelope; an unreadable or negative amount
/// is said next to the field.
pub async fn envelope(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(input): Form<EnvelopeInput>,
) -> Result<Response, AppError> {
    let call = call(&app).await?;
    let now = OffsetDateTime::now_utc();
    match use_cases::set_envelope(&app, &account, &call.call, &input.enveloppe, &client, now)
        .await?
    {
        Ok(_) => Ok(Redirect::to("/gestion/proposition?fait=enveloppe").into_response()),
        Err(e) => {
            let error = Some(e.message(page.lang));
            let rendered = render(&app, page, None, Some(input.enveloppe), error).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
    }
}

/// A selected dossier in a scenario's form.
pub struct FormLine {
    pub id: Uuid,
    pub reference: String,
    pub title: String,
    pub region: String,
    pub decision: String,
    pub requested: String,
    pub included: bool,
    pub amount: String,
    pub error: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/proposal_scenario.html")]
pub struct ScenarioPage {
    page: Page,
    heading: String,
    action: String,
    saved: Option<Uuid>,
    notice: Option<String>,
    has_errors: bool,
    name: String,
    name_error: Option<String>,
    lines: Vec<FormLine>,
    updated: String,
    summary: Vec<(String, String)>,
    dropped: bool,
    dossiers: Option<TableView>,
    tables: Vec<TableView>,
}

fn scenario_page(
    page: Page,
    proposal: &Proposal,
    scenario: Option<&Scenario>,
    form: &ScenarioForm,
    errors: &ScenarioErrors,
    notice: Option<String>,
) -> ScenarioPage {
    let lang = page.lang;
    let lines = proposal
        .selected
        .iter()
        .map(|s| FormLine {
            id: s.id,
            reference: s.reference.clone(),
            title: s.title.clone(),
            region: s.region_2011_name.clone(),
            decision: report::decision(s, lang),
            requested: s.requested().format(lang),
            included: form.included.contains(&s.id),
            amount: form.amounts.get(&s.id).cloned().unwrap_or_default(),
            error: errors.amounts.get(&s.id).cloned(),
        })
        .collect();
    let updated = scenario.map_or_else(String::new, |s| {
        i18n::t_args(
            lang,
            "proposal-scenario-updated",
            &[
                ("date", FluentValue::from(i18n::datetime(lang, s.stored.updated_at))),
                ("name", FluentValue::from(s.stored.updated_by_name.clone().unwrap_or_default())),
            ],
        )
    });
    ScenarioPage {
        heading: scenario
            .map_or_else(|| page.t("proposal-scenario-new-title"), |s| s.stored.name.clone()),
        action: scenario.map_or_else(
            || "/gestion/proposition/scenarios".to_owned(),
            |s| scenario_href(s.stored.id),
        ),
        saved: scenario.map(|s| s.stored.id),
        notice,
        has_errors: !errors.is_empty(),
        name: form.name.clone(),
        name_error: errors.name.clone(),
        lines,
        updated,
        summary: scenario.map_or_else(Vec::new, |s| {
            report::summary(proposal, s, lang)
                .into_iter()
                .map(|(label, value)| (label, value.shown(lang)))
                .collect()
        }),
        dropped: scenario.is_some_and(|s| s.dropped > 0),
        dossiers: scenario
            .map(|s| TableView::of(&report::dossiers_table(proposal, Some(s), lang), lang)),
        tables: scenario.map_or_else(Vec::new, |s| {
            report::tables(&s.totals, &proposal.labels, lang, true)
                .iter()
                .map(|t| TableView::of(t, lang))
                .collect()
        }),
        page,
    }
}

/// `GET /gestion/proposition/scenarios/nouveau`: every selected dossier kept at the amount it
/// requested, to be changed.
pub async fn new_form(State(app): State<AppState>, page: Page) -> Result<Response, AppError> {
    let call = call(&app).await?;
    let proposal = use_cases::proposal(&app, &call.call, page.lang).await?;
    let form = ScenarioForm::of(&proposal.selected, None, page.lang);
    let errors = ScenarioErrors::default();
    Ok(scenario_page(page, &proposal, None, &form, &errors, None).into_response())
}

/// `GET /gestion/proposition/scenarios/{id}`.
pub async fn scenario(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<Uuid>,
    Query(shown): Query<Shown>,
) -> Result<Response, AppError> {
    let call = call(&app).await?;
    let proposal = use_cases::proposal(&app, &call.call, page.lang).await?;
    let scenario = proposal.scenario(id).ok_or(AppError::NotFound)?;
    let form = ScenarioForm::of(&proposal.selected, Some(scenario), page.lang);
    let notice = (shown.fait == "enregistre").then(|| page.t("proposal-notice-saved"));
    let errors = ScenarioErrors::default();
    Ok(scenario_page(page, &proposal, Some(scenario), &form, &errors, notice).into_response())
}

#[allow(clippy::too_many_arguments, reason = "the extractors of the two save routes")]
async fn save(
    app: AppState,
    page: Page,
    account: crate::db::accounts::Account,
    client: String,
    id: Option<Uuid>,
    body: &[u8],
) -> Result<Response, AppError> {
    let lang = page.lang;
    let call = call(&app).await?;
    let proposal = use_cases::proposal(&app, &call.call, lang).await?;
    let scenario = match id {
        Some(id) => Some(proposal.scenario(id).ok_or(AppError::NotFound)?),
        None => None,
    };
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(body).into_owned().collect();
    let form = ScenarioForm::parse(&pairs);
    let now = OffsetDateTime::now_utc();
    let outcome = use_cases::save_scenario(
        &app,
        &account,
        &call.call,
        &proposal.selected,
        id,
        &form,
        lang,
        &client,
        now,
    )
    .await?;
    match outcome {
        SaveOutcome::Saved(id) => {
            Ok(Redirect::to(&format!("{}?fait=enregistre", scenario_href(id))).into_response())
        }
        SaveOutcome::Missing => Err(AppError::NotFound),
        SaveOutcome::Invalid(errors) => {
            let rendered = scenario_page(page, &proposal, scenario, &form, &errors, None);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
    }
}

/// `POST /gestion/proposition/scenarios`: creates a scenario.
pub async fn create(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    RawForm(body): RawForm,
) -> Result<Response, AppError> {
    save(app, page, account, client, None, &body).await
}

/// `POST /gestion/proposition/scenarios/{id}`: changes a scenario.
pub async fn update(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    RawForm(body): RawForm,
) -> Result<Response, AppError> {
    save(app, page, account, client, Some(id), &body).await
}

/// `POST /gestion/proposition/scenarios/{id}/suppression`.
pub async fn delete(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let call = call(&app).await?;
    let now = OffsetDateTime::now_utc();
    if !app.db.delete_proposal_scenario(call.call.id, id, account.id, &client, now).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to("/gestion/proposition?fait=supprime").into_response())
}

fn download(content_type: &'static str, filename: &str, body: Vec<u8>) -> Response {
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    (headers, body).into_response()
}

/// The proposal and one of its scenarios, the export audited.
async fn exported(
    app: &AppState,
    lang: Lang,
    account: &crate::db::accounts::Account,
    client: &str,
    id: Uuid,
    format: &str,
) -> Result<(std::sync::Arc<PublishedCall>, Proposal), AppError> {
    let call = call(app).await?;
    let proposal = use_cases::proposal(app, &call.call, lang).await?;
    proposal.scenario(id).ok_or(AppError::NotFound)?;
    let detail = serde_json::json!({ "scenario": id, "format": format });
    let event = AuditEvent::by(account.id, "proposal.exported", client, detail);
    app.db.audit(&event, OffsetDateTime::now_utc()).await?;
    Ok((call, proposal))
}

/// `GET /gestion/proposition/scenarios/{id}/proposition.xlsx`.
pub async fn xlsx(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let (_, proposal) = exported(&app, lang, &account, &client, id, "xlsx").await?;
    let name = proposal.scenario(id).map(|s| s.stored.name.clone()).unwrap_or_default();
    let body = tokio::task::spawn_blocking(move || {
        let scenario = proposal.scenario(id).ok_or_else(|| anyhow::anyhow!("scenario gone"))?;
        report::xlsx(&proposal, scenario, lang).map_err(anyhow::Error::from)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))??;
    let content_type = crate::exports::Format::Xlsx.content_type();
    Ok(download(content_type, &report::filename(lang, &name, "xlsx"), body))
}

/// `GET /gestion/proposition/scenarios/{id}/proposition.pdf`.
pub async fn pdf(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let (call, proposal) = exported(&app, lang, &account, &client, id, "pdf").await?;
    let scenario = proposal.scenario(id).ok_or(AppError::NotFound)?;
    let name = scenario.stored.name.clone();
    let doc = report::pdf_document(&call.call, &proposal, scenario, lang);
    let body = tokio::task::spawn_blocking(move || report::render(&doc))
        .await
        .map_err(|e| AppError::Internal(e.into()))??;
    Ok(download("application/pdf", &report::filename(lang, &name, "pdf"), body))
}
