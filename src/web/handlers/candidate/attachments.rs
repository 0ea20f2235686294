//! Files attached to a dossier's file fields: uploading (multipart, streamed with a per-file
//! limit, type sniffed, scanned by clamd when configured), removing, and downloading — only by
//! people who may see the dossier, only once the antivirus said clean.

use std::convert::Infallible;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::multipart::Field;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::Value;
use time::OffsetDateTime;
use uuid::Uuid;

use super::dossiers::{Shown, section_page, section_path};
use crate::app::AppState;
use crate::auth::permissions;
use crate::auth::session::CurrentUser;
use crate::db::accounts::Account;
use crate::domain::form::{Answers, FileRef, Issue, Kind, Message, Severity};
use crate::domain::lang::Lang;
use crate::domain::upload::{FileType, UploadError};
use crate::dossiers::{self, Update, Updated, forms};
use crate::i18n;
use crate::storage::{self, AcceptError, StoredFile, UploadRequest};
use crate::web::error::AppError;
use crate::web::page::Page;

/// `POST /espace/dossiers/{id}/pieces/{field}`: attaches the file(s) sent as `fichier` to a
/// file field. A refusal (too large, wrong type, infected) shows the section again with the
/// reason next to the field; the draft is untouched.
pub async fn upload(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path((id, key)): Path<(Uuid, String)>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let dossier = dossiers::editable(&app, &account, id).await?;
    let schema = forms::schema(&app, dossier.form_revision_id).await?;
    let field = schema.field(&key).ok_or(AppError::NotFound)?;
    let section = schema.section_of(&key).map(|s| s.key.clone()).ok_or(AppError::NotFound)?;
    if let Err(closed) = dossiers::check_section_open(&app, &dossier, &section).await {
        let rendered =
            super::dossiers::closed_section_page(&app, page, &account, id, closed).await?;
        return Ok((StatusCode::FORBIDDEN, rendered).into_response());
    }
    let (many, max_count) = match &field.kind {
        Kind::File { .. } => (false, Some(1)),
        Kind::Files { max, .. } => (true, *max),
        _ => return Err(AppError::NotFound),
    };
    let limit = field.max_bytes().min(app.settings.max_upload_bytes());
    let allowed = field.file_types().to_vec();
    let now = OffsetDateTime::now_utc();
    let mut stored = Vec::new();
    let mut refusal: Option<(StatusCode, Message)> = None;
    let already = count_files(Answers::from_value(dossier.answers.clone()).get(&key));
    while let Ok(Some(part)) = multipart.next_field().await {
        if part.name() != Some("fichier") {
            continue;
        }
        let name = part.file_name().unwrap_or_default().to_owned();
        if name.is_empty() {
            continue;
        }
        if many && max_count.is_some_and(|m| already + stored.len() >= m) {
            let max = i64::try_from(max_count.unwrap_or_default()).unwrap_or_default();
            refusal = Some((StatusCode::UNPROCESSABLE_ENTITY, both(|l| too_many(l, max))));
            break;
        }
        let slot = FileSlot {
            dossier_id: id,
            field_path: &key,
            allowed: &allowed,
            uploaded_by: account.id,
            limit_bytes: limit,
        };
        match receive_file(&app, part, &name, &slot, now).await? {
            Ok(meta) => stored.push(FileRef {
                id: meta.id.to_string(),
                name: meta.original_name,
                size: u64::try_from(meta.size_bytes).unwrap_or_default(),
                file_type: meta.file_type.key().to_owned(),
            }),
            Err(refused) => {
                refusal = Some(refused);
                break;
            }
        }
        if !many {
            break;
        }
    }
    if stored.is_empty() && refusal.is_none() {
        refusal =
            Some((StatusCode::UNPROCESSABLE_ENTITY, both(|l| i18n::t(l, "dossier-file-missing"))));
    }
    if !stored.is_empty() {
        attach(&app, &account, id, &key, &section, many, &stored, now).await?;
    }
    if let Some((status, message)) = refusal {
        let issue = Issue {
            path: key.clone(),
            section: section.clone(),
            severity: Severity::Error,
            message,
            options: Vec::new(),
        };
        let shown = Shown { issues: vec![issue], ..Shown::default() };
        let rendered = section_page(&app, page, &account, id, &section, shown).await?;
        return Ok((status, rendered).into_response());
    }
    let anchor = schema.html_id(&key);
    Ok(Redirect::to(&format!("{}?fait=fichier#{anchor}", section_path(id, &section)))
        .into_response())
}

/// Where a file sent through a page goes, and what it may be.
pub(crate) struct FileSlot<'a> {
    pub dossier_id: Uuid,
    /// The form field it answers ("statutes"), or `message` for a file of the thread.
    pub field_path: &'a str,
    pub allowed: &'a [FileType],
    pub uploaded_by: Uuid,
    /// The per-file limit (the field's, never above `max_upload_bytes`).
    pub limit_bytes: u64,
}

/// Receives one file part of a multipart form, sent as `name`: read within the limit, then
/// checked and stored by `storage::accept_upload` (antivirus, type by content). A refusal is
/// the HTTP status and the message to show next to the field; only a failing store is an
/// error. Every page that takes files goes through here.
pub(crate) async fn receive_file(
    app: &AppState,
    part: Field<'_>,
    name: &str,
    slot: &FileSlot<'_>,
    now: OffsetDateTime,
) -> Result<Result<StoredFile, (StatusCode, Message)>, AppError> {
    let bytes = match storage::read_multipart_field_limited(part, slot.limit_bytes).await {
        Ok(bytes) => bytes,
        Err(error) => return Ok(Err((storage::http_status(&error), upload_message(&error)))),
    };
    let request = UploadRequest {
        dossier_id: Some(slot.dossier_id),
        field_path: slot.field_path,
        original_name: name,
        bytes: &bytes,
        allowed: slot.allowed,
        uploaded_by: slot.uploaded_by,
        limit_bytes: slot.limit_bytes,
    };
    match storage::accept_upload(&app.files, app.scanner.as_ref(), request, now).await {
        Ok(meta) => Ok(Ok(meta)),
        Err(AcceptError::Refused(error)) => {
            Ok(Err((storage::http_status(&error), upload_message(&error))))
        }
        Err(AcceptError::Store(error)) => Err(error.into()),
    }
}

/// A message in both languages from a function of the language.
fn both(text: impl Fn(Lang) -> String) -> Message {
    Message::new(text(Lang::Fr), text(Lang::En))
}

fn upload_message(error: &UploadError) -> Message {
    both(|lang| error.message(lang))
}

fn too_many(lang: Lang, max: i64) -> String {
    i18n::t_args(lang, "dossier-file-too-many", &[("max", max.into())])
}

/// How many files a file field's answer holds.
fn count_files(value: Option<&Value>) -> usize {
    match value {
        Some(Value::Array(items)) => items.len(),
        Some(Value::Object(_)) => 1,
        _ => 0,
    }
}

/// Writes the new file references into the answers (replacing the file of a single-file field,
/// whose old file is then deleted).
#[allow(clippy::too_many_arguments)]
async fn attach(
    app: &AppState,
    account: &Account,
    id: Uuid,
    key: &str,
    section: &str,
    many: bool,
    files: &[FileRef],
    now: OffsetDateTime,
) -> Result<(), AppError> {
    // The file a single-file field held, as last read: deleted once the new one is written.
    let mut replaced = None;
    let updated = dossiers::update_answers(
        app,
        account,
        id,
        section,
        now,
        |_, _, stored| -> Result<Update<Infallible>, AppError> {
            let mut answers = stored.clone();
            let value = if many {
                let mut list = match answers.get(key) {
                    Some(Value::Array(items)) => items.clone(),
                    _ => Vec::new(),
                };
                list.extend(files.iter().map(FileRef::to_value));
                Value::Array(list)
            } else {
                replaced = answers
                    .get(key)
                    .and_then(FileRef::from_value)
                    .and_then(|f| Uuid::parse_str(&f.id).ok());
                files.last().map(FileRef::to_value).unwrap_or(Value::Null)
            };
            answers.set(key, value);
            Ok(Update::Write(answers))
        },
    )
    .await?;
    match updated {
        Updated::Written(_) => {
            if let Some(old) = replaced {
                app.db.delete_file(old).await?;
            }
            Ok(())
        }
        Updated::Stopped(never) => match never {},
    }
}

/// `POST /espace/dossiers/{id}/pieces/{field}/{file}/suppression`: takes a file out of the
/// dossier and deletes it. The body is ignored (the button sits in the upload form).
pub async fn remove(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path((id, key, file)): Path<(Uuid, String, Uuid)>,
) -> Result<Response, AppError> {
    let dossier = dossiers::editable(&app, &account, id).await?;
    let schema = forms::schema(&app, dossier.form_revision_id).await?;
    let section = schema.section_of(&key).map(|s| s.key.clone()).ok_or(AppError::NotFound)?;
    if let Err(closed) = dossiers::check_section_open(&app, &dossier, &section).await {
        let rendered =
            super::dossiers::closed_section_page(&app, page, &account, id, closed).await?;
        return Ok((StatusCode::FORBIDDEN, rendered).into_response());
    }
    let now = OffsetDateTime::now_utc();
    let updated = dossiers::update_answers(
        &app,
        &account,
        id,
        &section,
        now,
        |_, _, stored| -> Result<Update<Infallible>, AppError> {
            let mut answers = stored.clone();
            match answers.get(&key) {
                Some(Value::Array(items)) => {
                    let kept: Vec<Value> = items
                        .iter()
                        .filter(|v| FileRef::from_value(v).is_none_or(|f| f.id != file.to_string()))
                        .cloned()
                        .collect();
                    if kept.len() == items.len() {
                        return Err(AppError::NotFound);
                    }
                    answers.set(&key, Value::Array(kept));
                }
                Some(one) if FileRef::from_value(one).is_some_and(|f| f.id == file.to_string()) => {
                    answers.remove(&key);
                }
                _ => return Err(AppError::NotFound),
            }
            Ok(Update::Write(answers))
        },
    )
    .await?;
    match updated {
        Updated::Written(_) => {
            app.db.delete_file(file).await?;
            let anchor = schema.html_id(&key);
            let target = format!("{}?fait=fichier-retire#{anchor}", section_path(id, &section));
            Ok(Redirect::to(&target).into_response())
        }
        Updated::Stopped(never) => match never {},
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/candidate/file_pending.html")]
pub struct PendingPage {
    page: Page,
    back: String,
}

/// The page saying a file waits for the antivirus, with a link `back`.
pub(crate) fn pending_page(page: Page, back: String) -> PendingPage {
    PendingPage { page, back }
}

/// `GET /espace/fichiers/{file}`: a file of a dossier the person may see, as an attachment;
/// a file the antivirus has not cleared yet is not given out.
pub async fn download(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path(file): Path<Uuid>,
) -> Result<Response, AppError> {
    let meta = app.db.file_meta(file).await?.ok_or(AppError::NotFound)?;
    let dossier_id = meta.dossier_id.ok_or(AppError::NotFound)?;
    let dossier = app.db.dossier(dossier_id).await?.ok_or(AppError::NotFound)?;
    if !permissions::is_dossier_member(&account, &dossier) {
        return Err(AppError::NotFound);
    }
    match storage::download(&app.db, &app.files, file).await? {
        Some(download) => Ok(download.into_response()),
        None if meta.scan_status.is_downloadable() => Err(AppError::NotFound),
        None => {
            let back = section_path(dossier.id, &meta.field_path);
            let back = match forms::schema(&app, dossier.form_revision_id).await {
                Ok(schema) => schema
                    .section_of(&meta.field_path)
                    .map(|s| section_path(dossier.id, &s.key))
                    .unwrap_or(back),
                Err(_) => back,
            };
            Ok((StatusCode::CONFLICT, PendingPage { page, back }).into_response())
        }
    }
}
