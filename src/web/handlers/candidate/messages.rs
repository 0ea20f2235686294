//! `/espace/dossiers/{id}/messages`: the dossier's message thread as its candidates see it —
//! the messages exchanged with the referents, and a form to write one. Private annotations of
//! the back office never reach this page.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::permissions;
use crate::auth::session::CurrentUser;
use crate::db::accounts::Account;
use crate::db::dossiers::Dossier;
use crate::exchanges;
use crate::web::error::AppError;
use crate::web::handlers::backoffice::dossiers::{ThreadLine, thread_line};
use crate::web::page::Page;

#[derive(Template, WebTemplate)]
#[template(path = "pages/candidate/messages.html")]
pub struct MessagesPage {
    page: Page,
    id: Uuid,
    reference: String,
    title: String,
    thread: Vec<ThreadLine>,
    message_text: String,
    message_error: Option<String>,
    sent: bool,
}

/// The dossier if the account is one of its organisation's members (else, as for any dossier
/// one may not see, "not found").
async fn own_dossier(app: &AppState, account: &Account, id: Uuid) -> Result<Dossier, AppError> {
    let dossier = app.db.dossier(id).await?.ok_or(AppError::NotFound)?;
    if !permissions::is_dossier_member(account, &dossier) {
        return Err(AppError::NotFound);
    }
    Ok(dossier)
}

async fn render(
    app: &AppState,
    page: Page,
    dossier: &Dossier,
    message_text: String,
    message_error: Option<String>,
    sent: bool,
) -> Result<MessagesPage, AppError> {
    let lang = page.lang;
    let thread = app
        .db
        .dossier_messages(dossier.id)
        .await?
        .into_iter()
        .map(|m| thread_line(lang, m))
        .collect();
    Ok(MessagesPage {
        page,
        id: dossier.id,
        reference: dossier.reference.clone(),
        title: dossier.title.clone(),
        thread,
        message_text,
        message_error,
        sent,
    })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ThreadQuery {
    fait: String,
}

/// `GET /espace/dossiers/{id}/messages`: reading marks the referents' messages as read.
pub async fn thread(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path(id): Path<Uuid>,
    axum::extract::Query(query): axum::extract::Query<ThreadQuery>,
) -> Result<Response, AppError> {
    let dossier = own_dossier(&app, &account, id).await?;
    app.db.mark_messages_read(id, true, OffsetDateTime::now_utc()).await?;
    let sent = query.fait == "envoye";
    Ok(render(&app, page, &dossier, String::new(), None, sent).await?.into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MessageForm {
    texte: String,
}

/// `POST /espace/dossiers/{id}/messages`: a message to the referents (notified by email).
pub async fn send(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path(id): Path<Uuid>,
    Form(form): Form<MessageForm>,
) -> Result<Response, AppError> {
    let dossier = own_dossier(&app, &account, id).await?;
    let now = OffsetDateTime::now_utc();
    match exchanges::post_message(&app, &account, &dossier, false, &form.texte, now).await? {
        Ok(_) => Ok(Redirect::to(&format!("/espace/dossiers/{id}/messages?fait=envoye#thread"))
            .into_response()),
        Err(refusal) => {
            let error = Some(refusal.message().text(page.lang));
            let rendered = render(&app, page, &dossier, form.texte, error, false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
    }
}
