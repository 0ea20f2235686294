//! `/espace/dossiers/{id}/publication`: once their dossier is selected (decision released), its
//! people choose what the network's directory shows of their pole and propose it to the
//! steering group, with a preview of exactly what will be public; later changes go the same
//! way. The state of the last proposal and of the public page is shown.

use std::collections::BTreeSet;

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
use crate::db::accounts::Account;
use crate::db::dossiers::Dossier;
use crate::domain::pole::{InputIssue, PoleContent, PublicField, PublicationInput};
use crate::i18n;
use crate::poles;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::public::poles::{PoleView, pole_view};
use crate::web::page::Page;

/// A public group offered on the form: (code, label, hint, ticked).
pub struct FieldChoice {
    pub code: &'static str,
    pub label: String,
    pub hint: String,
    pub ticked: bool,
}

/// A version as its people see it in the history.
pub struct VersionLine {
    pub number: i64,
    pub proposed: String,
    pub status: String,
    pub note: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/candidate/publication.html")]
pub struct PublicationPage {
    page: Page,
    id: Uuid,
    reference: String,
    title: String,
    fields: Vec<FieldChoice>,
    description: String,
    website: String,
    contact_name: String,
    contact_email: String,
    /// (field, message): next to each field, and in the summary.
    errors: Vec<(String, String)>,
    /// The preview: exactly what would be public.
    pole: PoleView,
    /// The public page's address once published.
    public_link: Option<String>,
    /// "En attente de publication par le comité de pilotage", …
    status: Option<String>,
    versions: Vec<VersionLine>,
    notice: Option<String>,
}

impl PublicationPage {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }
}

/// The dossier if the account is one of its people and it may be published; 404 otherwise
/// (its existence is not revealed to others).
async fn publishable(app: &AppState, account: &Account, id: Uuid) -> Result<Dossier, AppError> {
    let dossier = app.db.dossier(id).await?.ok_or(AppError::NotFound)?;
    if !poles::is_pole_member(account, &dossier) || !poles::may_be_published(&dossier) {
        return Err(AppError::NotFound);
    }
    Ok(dossier)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Shown {
    fait: String,
}

/// `GET /espace/dossiers/{id}/publication`.
pub async fn form(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path(id): Path<Uuid>,
    Query(shown): Query<Shown>,
) -> Result<Response, AppError> {
    let dossier = publishable(&app, &account, id).await?;
    let notice = (shown.fait == "propose").then(|| page.t("poles-notice-proposed"));
    let rendered = render(&app, page, &dossier, None, Vec::new(), notice).await?;
    Ok(rendered.into_response())
}

/// `POST /espace/dossiers/{id}/publication`: proposes the version; with a problem, the form
/// again with the messages next to the fields and everything typed kept (422).
pub async fn propose(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let dossier = publishable(&app, &account, id).await?;
    let mut input = PublicationInput::default();
    for (name, value) in pairs {
        match name.as_str() {
            "public" => input.fields.push(value),
            "description" => input.description = value,
            "site" => input.website = value,
            "contact_nom" => input.contact_name = value,
            "contact_courriel" => input.contact_email = value,
            _ => {}
        }
    }
    let year = year_of(&app).await?;
    let now = OffsetDateTime::now_utc();
    match poles::propose(&app, &account, &dossier, &input, year, &client, now).await? {
        Ok(_) => Ok(Redirect::to(&format!("/espace/dossiers/{id}/publication?fait=propose"))
            .into_response()),
        Err(issues) => {
            let lang = page.lang;
            let errors = issues
                .iter()
                .map(|InputIssue { field, message }| ((*field).to_owned(), i18n::t(lang, message)))
                .collect();
            let rendered = render(&app, page, &dossier, Some(&input), errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
    }
}

async fn year_of(app: &AppState) -> Result<i32, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    Ok(call.call.year)
}

async fn render(
    app: &AppState,
    page: Page,
    dossier: &Dossier,
    typed: Option<&PublicationInput>,
    errors: Vec<(String, String)>,
    notice: Option<String>,
) -> Result<PublicationPage, AppError> {
    let lang = page.lang;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let call = &call.call;
    let current = poles::publication(app, dossier, call.year).await?;
    // What the form shows: what was just typed, else the last proposal, else the answers.
    let (fields, content): (BTreeSet<PublicField>, PoleContent) = match typed {
        Some(input) => {
            let fields = input.fields.iter().filter_map(|c| PublicField::parse(c)).collect();
            let mut content = current.content.clone();
            content.description.clone_from(&input.description);
            content.website.clone_from(&input.website);
            content.contact_name.clone_from(&input.contact_name);
            content.contact_email.clone_from(&input.contact_email);
            (fields, content)
        }
        None => (current.fields.clone(), current.content.clone()),
    };
    let pole = pole_view(app, call, lang, &content.public(&fields)).await?;
    let status = current.versions.first().map(|last| match last.status.as_str() {
        "pending" => page.t("poles-status-pending"),
        "refused" => page.t("poles-status-refused"),
        _ if current.pole.as_ref().is_some_and(|p| p.state == "withdrawn") => {
            page.t("poles-status-withdrawn")
        }
        _ => page.t("poles-status-published"),
    });
    let public_link = current
        .pole
        .as_ref()
        .filter(|p| p.state == "published")
        .map(|p| format!("/poles/{}", p.slug));
    let versions = current
        .versions
        .iter()
        .map(|v| VersionLine {
            number: v.number,
            proposed: format!("{} — {}", i18n::datetime(lang, v.proposed_at), v.proposed_by_name),
            status: page.t(&format!("poles-version-{}", v.status)),
            note: v.note.clone().unwrap_or_default(),
        })
        .collect();
    Ok(PublicationPage {
        id: dossier.id,
        reference: dossier.reference.clone(),
        title: dossier.title.clone(),
        fields: PublicField::ALL
            .into_iter()
            .map(|f| FieldChoice {
                code: f.code(),
                label: page.t(&format!("poles-field-{}", f.code())),
                hint: page.t(&format!("poles-field-{}-hint", f.code())),
                ticked: fields.contains(&f),
            })
            .collect(),
        description: content.description,
        website: content.website,
        contact_name: content.contact_name,
        contact_email: content.contact_email,
        errors,
        pole,
        public_link,
        status,
        versions,
        notice,
        page,
    })
}
