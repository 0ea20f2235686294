//! `/gestion/partenaires`: the steering group keeps the list of the call's institutional
//! partners that /partenaires shows — add, change, remove; bad input is said next to the
//! field with what was typed kept.

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
use crate::db::partners::PartnerChange;
use crate::domain::partner::{PartnerInput, PartnerKind, parse_partner};
use crate::i18n;
use crate::promotion;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::page::Page;

/// A line of the list.
pub struct Line {
    pub id: Uuid,
    pub name: String,
    pub kind: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/partners.html")]
pub struct ListPage {
    page: Page,
    lines: Vec<Line>,
    notice: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Shown {
    fait: String,
}

async fn call_id(app: &AppState) -> Result<Uuid, AppError> {
    Ok(app.content.call(&app.db).await?.ok_or(AppError::NotFound)?.call.id)
}

fn kind_label(lang: crate::domain::lang::Lang, code: &str) -> String {
    let kind = PartnerKind::parse(code).unwrap_or(PartnerKind::Other);
    i18n::t(lang, &format!("promotion-kind-{}", kind.code()))
}

/// `GET /gestion/partenaires`.
pub async fn list(
    State(app): State<AppState>,
    page: Page,
    Query(shown): Query<Shown>,
) -> Result<Response, AppError> {
    let call = call_id(&app).await?;
    let lang = page.lang;
    let lines = app
        .db
        .partners(call)
        .await?
        .into_iter()
        .map(|p| Line { id: p.id, kind: kind_label(lang, &p.kind), name: p.name })
        .collect();
    let notice = match shown.fait.as_str() {
        "ajoute" => Some(page.t("promotion-bo-notice-added")),
        "modifie" => Some(page.t("promotion-bo-notice-changed")),
        "retire" => Some(page.t("promotion-bo-notice-removed")),
        _ => None,
    };
    Ok(ListPage { page, lines, notice }.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/partner.html")]
pub struct FormPage {
    page: Page,
    heading: String,
    action: String,
    /// (code, label, selected).
    kinds: Vec<(&'static str, String, bool)>,
    name: String,
    website: String,
    description: String,
    errors: Vec<(String, String)>,
}

impl FormPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

/// The form as posted.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Posted {
    nom: String,
    #[serde(rename = "type")]
    kind: String,
    site: String,
    description: String,
}

impl Posted {
    fn input(&self) -> PartnerInput {
        PartnerInput {
            name: self.nom.clone(),
            kind: self.kind.clone(),
            website: self.site.clone(),
            description: self.description.clone(),
        }
    }
}

fn form_page(
    page: Page,
    heading_key: &str,
    action: String,
    input: &PartnerInput,
    errors: Vec<(String, String)>,
) -> FormPage {
    let lang = page.lang;
    FormPage {
        heading: i18n::t(lang, heading_key),
        action,
        kinds: promotion::partner_kinds()
            .map(|(k, key)| (k.code(), i18n::t(lang, &key), k.code() == input.kind))
            .collect(),
        name: input.name.clone(),
        website: input.website.clone(),
        description: input.description.clone(),
        errors,
        page,
    }
}

fn issues(lang: crate::domain::lang::Lang, input: &PartnerInput) -> Vec<(String, String)> {
    match parse_partner(input) {
        Ok(_) => Vec::new(),
        Err(issues) => {
            issues.iter().map(|i| (i.field.to_owned(), i18n::t(lang, i.message))).collect()
        }
    }
}

/// `GET /gestion/partenaires/nouveau`.
pub async fn new_form(page: Page) -> Response {
    let input = PartnerInput { kind: PartnerKind::State.code().to_owned(), ..Default::default() };
    let action = "/gestion/partenaires".to_owned();
    form_page(page, "promotion-bo-new", action, &input, Vec::new()).into_response()
}

/// `POST /gestion/partenaires`: adds the partner.
pub async fn add(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(posted): Form<Posted>,
) -> Result<Response, AppError> {
    let call = call_id(&app).await?;
    let input = posted.input();
    let Ok(partner) = parse_partner(&input) else {
        let errors = issues(page.lang, &input);
        let action = "/gestion/partenaires".to_owned();
        let rendered = form_page(page, "promotion-bo-new", action, &input, errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
    };
    let change = PartnerChange { by: account.id, client: &client };
    app.db.add_partner(call, &partner, &change, OffsetDateTime::now_utc()).await?;
    Ok(Redirect::to("/gestion/partenaires?fait=ajoute").into_response())
}

/// `GET /gestion/partenaires/{id}`.
pub async fn edit_form(
    State(app): State<AppState>,
    page: Page,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let call = call_id(&app).await?;
    let partner = app.db.partner(call, id).await?.ok_or(AppError::NotFound)?;
    let input = PartnerInput {
        name: partner.name,
        kind: partner.kind,
        website: partner.website,
        description: partner.description,
    };
    let action = format!("/gestion/partenaires/{id}");
    Ok(form_page(page, "promotion-bo-edit", action, &input, Vec::new()).into_response())
}

/// `POST /gestion/partenaires/{id}`: changes the partner.
pub async fn update(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    Form(posted): Form<Posted>,
) -> Result<Response, AppError> {
    let call = call_id(&app).await?;
    let input = posted.input();
    let Ok(partner) = parse_partner(&input) else {
        let errors = issues(page.lang, &input);
        let action = format!("/gestion/partenaires/{id}");
        let rendered = form_page(page, "promotion-bo-edit", action, &input, errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
    };
    let change = PartnerChange { by: account.id, client: &client };
    if !app.db.update_partner(call, id, &partner, &change, OffsetDateTime::now_utc()).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to("/gestion/partenaires?fait=modifie").into_response())
}

/// `POST /gestion/partenaires/{id}/suppression`: removes the partner.
pub async fn remove(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let call = call_id(&app).await?;
    let change = PartnerChange { by: account.id, client: &client };
    if !app.db.remove_partner(call, id, &change, OffsetDateTime::now_utc()).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to("/gestion/partenaires?fait=retire").into_response())
}
