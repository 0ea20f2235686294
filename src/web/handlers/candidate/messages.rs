//! `/espace/dossiers/{id}/messages`: the dossier's message thread as its candidates see it —
//! the messages exchanged with the referents, with their files, and a form to write one (files
//! may be attached). Private annotations of the back office never reach this page. The reading
//! of a message form (text and files) is shared with the back office's side of the thread.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::permissions;
use crate::auth::session::CurrentUser;
use crate::db::accounts::Account;
use crate::db::dossiers::Dossier;
use crate::domain::form::Message;
use crate::domain::lang::Lang;
use crate::domain::upload::{self, FileType};
use crate::exchanges;
use crate::i18n;
use crate::storage::{self, StoredFile};
use crate::web::error::AppError;
use crate::web::handlers::backoffice::dossiers::{ThreadLine, thread_lines};
use crate::web::handlers::candidate::attachments::{FileSlot, pending_page, receive_file};
use crate::web::handlers::candidate::fields::size_text;
use crate::web::page::Page;

/// The most files one message carries.
pub const MAX_MESSAGE_FILES: usize = 5;

/// The `field_path` of the files of a thread (they answer no form field).
pub const MESSAGE_FILE_PATH: &str = "message";

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
    files: FilesField,
    sent: bool,
}

/// The file field of a message form: what it accepts, and a refusal to show next to it.
pub struct FilesField {
    pub accept: String,
    pub hint: String,
    pub error: Option<String>,
}

impl FilesField {
    pub fn new(app: &AppState, lang: Lang, error: Option<String>) -> FilesField {
        let size = size_text(lang, app.settings.max_upload_bytes());
        let count = i64::try_from(MAX_MESSAGE_FILES).unwrap_or_default();
        FilesField {
            accept: upload::accept_attribute(&FileType::ALL),
            hint: i18n::t_args(
                lang,
                "message-files-hint",
                &[("size", size.into()), ("count", count.into())],
            ),
            error,
        }
    }
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

fn files_base(id: Uuid) -> String {
    format!("/espace/dossiers/{id}/messages/fichiers")
}

async fn render(
    app: &AppState,
    page: Page,
    dossier: &Dossier,
    input: MessageInput,
    sent: bool,
) -> Result<MessagesPage, AppError> {
    let lang = page.lang;
    let thread = thread_lines(app, lang, dossier.id, &files_base(dossier.id)).await?;
    let (message_error, files_error) = match &input.refusal {
        Some(MessageRefusal::Text(refusal)) => (Some(refusal.message().text(lang)), None),
        Some(MessageRefusal::Files(message)) => (None, Some(message.text(lang))),
        None => (None, None),
    };
    Ok(MessagesPage {
        id: dossier.id,
        reference: dossier.reference.clone(),
        title: dossier.title.clone(),
        thread,
        message_text: input.text,
        message_error,
        files: FilesField::new(app, lang, files_error),
        sent,
        page,
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
    Ok(render(&app, page, &dossier, MessageInput::default(), sent).await?.into_response())
}

/// Why a message was not sent.
pub enum MessageRefusal {
    Text(exchanges::TextRefusal),
    /// A file refused (size, type, antivirus) or too many files.
    Files(Message),
}

/// A message form as read: the text as typed, the files stored for it, or why not.
#[derive(Default)]
pub struct MessageInput {
    pub text: String,
    pub files: Vec<StoredFile>,
    pub refusal: Option<MessageRefusal>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TextOnly {
    texte: String,
}

/// Reads a message form of a dossier's thread — `texte`, and the files sent as `fichiers` when
/// the form is multipart — storing each file through the upload checks
/// (`attachments::receive_file`). On a refusal (text or file), the files already stored are
/// deleted and the refusal says why; the text is kept either way.
pub async fn read_message(
    app: &AppState,
    request: Request,
    dossier_id: Uuid,
    by: Uuid,
    now: OffsetDateTime,
) -> Result<MessageInput, AppError> {
    let multipart = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    let mut input = MessageInput::default();
    // A body that does not read as a form is an empty message: refused as such, with its
    // message, like any other.
    if !multipart {
        if let Ok(axum::Form(form)) = axum::Form::<TextOnly>::from_request(request, app).await {
            input.text = form.texte;
        }
    } else if let Ok(mut parts) = Multipart::from_request(request, app).await {
        let limit = app.settings.max_upload_bytes();
        let slot = FileSlot {
            dossier_id,
            field_path: MESSAGE_FILE_PATH,
            allowed: &FileType::ALL,
            uploaded_by: by,
            limit_bytes: limit,
        };
        while let Ok(Some(part)) = parts.next_field().await {
            match part.name() {
                Some("texte") => input.text = part.text().await.unwrap_or_default(),
                Some("fichiers") if input.refusal.is_none() => {
                    let name = part.file_name().unwrap_or_default().to_owned();
                    if name.is_empty() {
                        continue;
                    }
                    if input.files.len() >= MAX_MESSAGE_FILES {
                        let count = i64::try_from(MAX_MESSAGE_FILES).unwrap_or_default();
                        let text = |lang| {
                            i18n::t_args(lang, "message-files-too-many", &[("count", count.into())])
                        };
                        let message = Message::new(text(Lang::Fr), text(Lang::En));
                        input.refusal = Some(MessageRefusal::Files(message));
                        continue;
                    }
                    match receive_file(app, part, &name, &slot, now).await? {
                        Ok(file) => input.files.push(file),
                        Err((_, message)) => input.refusal = Some(MessageRefusal::Files(message)),
                    }
                }
                _ => {}
            }
        }
    }
    if input.refusal.is_none()
        && let Err(refusal) = exchanges::parse_text(&input.text)
    {
        input.refusal = Some(MessageRefusal::Text(refusal));
    }
    if input.refusal.is_some() {
        for file in input.files.drain(..) {
            app.db.delete_file(file.id).await?;
        }
    }
    Ok(input)
}

/// `POST /espace/dossiers/{id}/messages`: a message to the referents, with files if any
/// (notified by email, without the message or its files).
pub async fn send(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path(id): Path<Uuid>,
    request: Request,
) -> Result<Response, AppError> {
    let dossier = own_dossier(&app, &account, id).await?;
    let now = OffsetDateTime::now_utc();
    let input = read_message(&app, request, dossier.id, account.id, now).await?;
    if input.refusal.is_some() {
        let rendered = render(&app, page, &dossier, input, false).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
    }
    let files: Vec<Uuid> = input.files.iter().map(|f| f.id).collect();
    match exchanges::post_message(&app, &account, &dossier, false, &input.text, &files, now).await?
    {
        Ok(_) => Ok(Redirect::to(&format!("/espace/dossiers/{id}/messages?fait=envoye#thread"))
            .into_response()),
        Err(refusal) => {
            let input = MessageInput { refusal: Some(MessageRefusal::Text(refusal)), ..input };
            let rendered = render(&app, page, &dossier, input, false).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response())
        }
    }
}

/// A file of a message of the dossier's thread, to someone the caller checked may read the
/// thread: 404 when the file is not one of this thread's, a waiting page while the antivirus
/// has not cleared it.
pub async fn give_message_file(
    app: &AppState,
    page: Page,
    dossier_id: Uuid,
    file: Uuid,
    back: String,
) -> Result<Response, AppError> {
    if !app.db.is_message_file(dossier_id, file).await? {
        return Err(AppError::NotFound);
    }
    match storage::download(&app.db, &app.files, file).await? {
        Some(download) => Ok(download.into_response()),
        None => {
            let meta = app.db.file_meta(file).await?.ok_or(AppError::NotFound)?;
            if meta.scan_status.is_downloadable() {
                return Err(AppError::NotFound);
            }
            Ok((StatusCode::CONFLICT, pending_page(page, back)).into_response())
        }
    }
}

/// `GET /espace/dossiers/{id}/messages/fichiers/{file}`: a file of the thread, for the
/// members of the dossier's organisation.
pub async fn download(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path((id, file)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let dossier = own_dossier(&app, &account, id).await?;
    let back = format!("/espace/dossiers/{}/messages", dossier.id);
    give_message_file(&app, page, dossier.id, file, back).await
}
