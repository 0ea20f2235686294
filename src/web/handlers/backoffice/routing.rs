//! `/gestion/appel/routage`: the call's routing rules, tried in order when a dossier is submitted
//! without a network chosen by the candidate (department, region or answer → partner network).
//! The steering group adds and removes them; a rule naming an unknown field is refused with the
//! reason next to that input.

use std::sync::Arc;

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
use crate::domain::call::Call;
use crate::domain::form::FormSchema;
use crate::domain::lang::Lang;
use crate::domain::routing::{RoutingRule, RuleInput, RuleTest};
use crate::domain::territory::Gazetteer;
use crate::dossiers::forms;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::page::Page;

const PATH: &str = "/gestion/appel/routage";

/// A rule as the table shows it.
pub struct RuleLine {
    pub id: Uuid,
    pub position: i64,
    pub track: String,
    pub test: String,
    pub field: String,
    pub values: String,
    pub network: String,
}

#[derive(Debug, Default, Deserialize, Clone)]
#[serde(default)]
pub struct RuleForm {
    parcours: String,
    test: String,
    champ: String,
    valeurs: String,
    reseau: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/routing.html")]
pub struct RoutingPage {
    page: Page,
    rules: Vec<RuleLine>,
    tracks: Vec<(String, String)>,
    tests: Vec<(String, String)>,
    networks: Vec<(String, String)>,
    input: RuleForm,
    /// Errors by input name: `track`, `test`, `field`, `values`, `network`.
    errors: Vec<(&'static str, String)>,
    notice: Option<String>,
}

impl RoutingPage {
    fn error(&self, input: &str) -> Option<&str> {
        self.errors.iter().find(|(i, _)| *i == input).map(|(_, m)| m.as_str())
    }
}

async fn call_forms(
    app: &AppState,
    call: &Call,
) -> Result<Vec<(String, Arc<FormSchema>)>, AppError> {
    let mut forms = Vec::new();
    for track in call.tracks.iter().filter(|t| t.account_required) {
        if let Some(revision) = app.db.current_form(call.id, &track.slug).await? {
            forms.push((track.slug.clone(), forms::schema(app, revision.id).await?));
        }
    }
    Ok(forms)
}

async fn render(
    app: &AppState,
    page: Page,
    input: RuleForm,
    errors: Vec<(&'static str, String)>,
    notice: Option<String>,
) -> Result<RoutingPage, AppError> {
    let lang = page.lang;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let call = &call.call;
    let network_name = |slug: &str| {
        call.networks
            .iter()
            .find(|n| n.slug == slug)
            .map_or_else(|| slug.to_owned(), |n| n.name.get(lang).to_owned())
    };
    let track_name = |slug: &str| {
        call.tracks
            .iter()
            .find(|t| t.slug == slug)
            .map_or_else(|| slug.to_owned(), |t| t.name.get(lang).to_owned())
    };
    let rules = app
        .db
        .routing_rules(call.id)
        .await?
        .into_iter()
        .map(|stored| RuleLine {
            id: stored.id,
            position: stored.position,
            track: stored
                .rule
                .track
                .as_deref()
                .map_or_else(|| page.t("routing-every-track"), track_name),
            test: stored.rule.test.label().get(lang).to_owned(),
            field: stored.rule.field.clone().unwrap_or_default(),
            values: stored.rule.values.join(", "),
            network: network_name(&stored.rule.network),
        })
        .collect();
    Ok(RoutingPage {
        rules,
        tracks: call
            .tracks
            .iter()
            .filter(|t| t.account_required)
            .map(|t| (t.slug.clone(), t.name.get(lang).to_owned()))
            .collect(),
        tests: RuleTest::ALL
            .iter()
            .map(|t| (t.code().to_owned(), t.label().get(lang).to_owned()))
            .collect(),
        networks: call
            .networks
            .iter()
            .map(|n| (n.slug.clone(), n.name.get(lang).to_owned()))
            .collect(),
        input,
        errors,
        notice,
        page,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DoneQuery {
    fait: String,
}

/// `GET /gestion/appel/routage`.
pub async fn form(
    State(app): State<AppState>,
    page: Page,
    Query(query): Query<DoneQuery>,
) -> Result<Response, AppError> {
    let notice = match query.fait.as_str() {
        "ajoutee" => Some(page.t("routing-notice-added")),
        "retiree" => Some(page.t("routing-notice-removed")),
        _ => None,
    };
    Ok(render(&app, page, RuleForm::default(), Vec::new(), notice).await?.into_response())
}

/// `POST /gestion/appel/routage`: adds a rule at the end of the order.
pub async fn add(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(posted): Form<RuleForm>,
) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let call = &call.call;
    let forms = call_forms(&app, call).await?;
    let forms: Vec<(&str, &FormSchema)> = forms.iter().map(|(t, s)| (t.as_str(), &**s)).collect();
    let networks: Vec<&str> = call.networks.iter().map(|n| n.slug.as_str()).collect();
    let input = RuleInput {
        track: &posted.parcours,
        test: &posted.test,
        field: &posted.champ,
        values: &posted.valeurs,
        network: &posted.reseau,
    };
    match RoutingRule::parse(&input, &forms, &networks, Gazetteer::global()) {
        Ok(rule) => {
            let now = OffsetDateTime::now_utc();
            app.db.add_routing_rule(call.id, &rule, account.id, &client, now).await?;
            Ok(Redirect::to(&format!("{PATH}?fait=ajoutee")).into_response())
        }
        Err(errors) => {
            let lang: Lang = page.lang;
            let errors = errors.into_iter().map(|e| (e.input, e.message.text(lang))).collect();
            let rendered = render(&app, page, posted, errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
    }
}

/// `POST /gestion/appel/routage/{rule}/suppression`.
pub async fn remove(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(rule): Path<Uuid>,
) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let now = OffsetDateTime::now_utc();
    if !app.db.delete_routing_rule(call.call.id, rule, account.id, &client, now).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("{PATH}?fait=retiree")).into_response())
}
