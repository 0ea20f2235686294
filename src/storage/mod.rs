//! Attachments: an upload read within its size limit, checked (type by content, antivirus),
//! stored through a `FileStore` with its SHA-256, and given back only once the antivirus said
//! it is clean.
//!
//! The route writes the permission checks (file → dossier → organisation); this module
//! writes none: it trusts its caller on who may upload or download.

pub mod clamd;
pub mod database;

use std::future::Future;

use axum::extract::multipart::Field;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use uuid::Uuid;

pub use self::clamd::{Clamd, ClamdError, ScanVerdict};
pub use self::database::DatabaseStore;
use crate::db::Db;
use crate::db::files::FileMeta;
use crate::domain::upload::{self, FileType, ScanStatus, UploadError};

/// A file's record once stored.
pub type StoredFile = FileMeta;

/// Where file contents are kept. The database (`DatabaseStore`) is the default and the only
/// store today; an object store would be a second implementation (and an enum over both in
/// `AppState`, like `Db`). Errors are the database's because that is where every store keeps
/// the records.
pub trait FileStore: Send + Sync {
    /// Stores a new file: its record and its contents, both or neither.
    fn put(
        &self,
        meta: &FileMeta,
        contents: &[u8],
    ) -> impl Future<Output = Result<(), sqlx::Error>> + Send;

    /// A file's contents, if they are there.
    fn get(&self, id: Uuid) -> impl Future<Output = Result<Option<Vec<u8>>, sqlx::Error>> + Send;

    /// Deletes a file, record and contents; answers whether there was one.
    fn delete(&self, id: Uuid) -> impl Future<Output = Result<bool, sqlx::Error>> + Send;
}

/// An upload as a handler received it, with what the form field allows.
#[derive(Debug, Clone, Copy)]
pub struct UploadRequest<'a> {
    pub dossier_id: Option<Uuid>,
    /// The form field it answers, e.g. "statuts".
    pub field_path: &'a str,
    /// The name the browser sent; it is cleaned before it is kept.
    pub original_name: &'a str,
    pub bytes: &'a [u8],
    pub allowed: &'a [FileType],
    pub uploaded_by: Uuid,
    /// `ServeSettings::max_upload_bytes()`.
    pub limit_bytes: u64,
}

/// Why an upload was not stored.
#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    /// Refused, with a message for the person (`UploadError::message`).
    #[error(transparent)]
    Refused(#[from] UploadError),
    /// The store failed; nothing was stored.
    #[error(transparent)]
    Store(#[from] sqlx::Error),
}

/// Accepts an upload: checks its size, has `scanner` scan it when there is one, checks that its
/// content is one of `allowed` (never trusting the name), then stores record and contents
/// through `store` in one transaction with the contents' SHA-256. The scan comes before the type
/// check so that malware is called malware (and logged) whatever it pretends to be.
///
/// Side effects: one new `files` row and its contents, nothing else. An infected file is
/// refused and nothing of it is written (a warning is logged with the signature, the sender's
/// id and the field). When clamd cannot be reached, the file is stored as `pending`: it cannot
/// be downloaded until the rescan job (`jobs::scan`) finds it clean. When clamd answers with an
/// error about the file itself (e.g. larger than its StreamMaxLength), the upload is refused
/// as `ScannerUnavailable` and an error is logged for the operator. With no scanner configured,
/// the file is stored as `not_scanned`.
pub async fn accept_upload(
    store: &impl FileStore,
    scanner: Option<&Clamd>,
    request: UploadRequest<'_>,
    now: OffsetDateTime,
) -> Result<StoredFile, AcceptError> {
    upload::check_size(request.bytes, request.limit_bytes)?;
    let (scan_status, scanned_at) = match scanner {
        None => (ScanStatus::NotScanned, None),
        Some(clamd) => match clamd.scan(request.bytes).await {
            Ok(ScanVerdict::Clean) => (ScanStatus::Clean, Some(now)),
            Ok(ScanVerdict::Infected(signature)) => {
                tracing::warn!(
                    %signature, uploaded_by = %request.uploaded_by, field = request.field_path,
                    "an infected upload was refused"
                );
                return Err(UploadError::Infected { signature }.into());
            }
            Err(error) if error.is_unavailable() => {
                tracing::warn!(
                    %error,
                    "the antivirus is unavailable: the upload is kept as pending, not downloadable"
                );
                (ScanStatus::Pending, None)
            }
            Err(error) => {
                tracing::error!(%error, "the antivirus refused to scan an upload");
                return Err(UploadError::ScannerUnavailable.into());
            }
        },
    };
    let file_type = upload::check_upload(request.bytes, request.allowed, request.limit_bytes)?;
    let meta = FileMeta {
        id: Uuid::now_v7(),
        dossier_id: request.dossier_id,
        field_path: request.field_path.to_owned(),
        original_name: upload::clean_name(request.original_name),
        file_type,
        size_bytes: i64::try_from(request.bytes.len()).unwrap_or(i64::MAX),
        sha256: hex::encode(Sha256::digest(request.bytes)),
        scan_status,
        scanned_at: scanned_at.map(crate::db::files::stored),
        scan_signature: None,
        uploaded_by: Some(request.uploaded_by),
        created_at: crate::db::files::stored(now),
    };
    store.put(&meta, request.bytes).await?;
    Ok(meta)
}

/// Reads one field of a multipart body, stopping as soon as it passes `limit_bytes`: an
/// oversized file is refused after at most the limit plus one chunk was read, never held whole.
/// A body cut by the route's `DefaultBodyLimit` is `TooLarge` too; any other failure of the
/// request is `Interrupted`.
pub async fn read_multipart_field_limited(
    mut field: Field<'_>,
    limit_bytes: u64,
) -> Result<Vec<u8>, UploadError> {
    let limit = usize::try_from(limit_bytes).unwrap_or(usize::MAX);
    let mut bytes = Vec::with_capacity(limit.min(1024 * 1024));
    loop {
        match field.chunk().await {
            Ok(Some(chunk)) => {
                if chunk.len() > limit.saturating_sub(bytes.len()) {
                    return Err(UploadError::TooLarge { limit_bytes });
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(bytes),
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(UploadError::TooLarge { limit_bytes });
            }
            Err(_) => return Err(UploadError::Interrupted),
        }
    }
}

/// The body limit an upload route sets (`DefaultBodyLimit::max`) for forms carrying up to
/// `files` files of `limit_bytes`: the files plus 64 KiB for the multipart framing and the
/// other fields.
pub fn body_limit(limit_bytes: u64, files: usize) -> usize {
    let limit = usize::try_from(limit_bytes).unwrap_or(usize::MAX);
    limit.saturating_mul(files).saturating_add(64 * 1024)
}

/// The HTTP status an upload refusal is answered with.
pub fn http_status(error: &UploadError) -> StatusCode {
    match error {
        UploadError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        UploadError::WrongType { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        UploadError::Empty | UploadError::UnpacksTooLarge | UploadError::Infected { .. } => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        UploadError::ScannerUnavailable => StatusCode::SERVICE_UNAVAILABLE,
        UploadError::Interrupted => StatusCode::BAD_REQUEST,
    }
}

/// A file ready to be given out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    pub meta: FileMeta,
    pub contents: Vec<u8>,
}

/// A file and its contents, only if it may be given out: its scan status is `clean` or
/// `not_scanned` and its contents are there. `None` for a missing, pending or infected file
/// (`db.file_meta` tells which). Checks nobody's rights: the caller did.
pub async fn download(
    db: &Db,
    store: &impl FileStore,
    id: Uuid,
) -> Result<Option<Download>, sqlx::Error> {
    let Some(meta) = db.file_meta(id).await? else {
        return Ok(None);
    };
    if !meta.scan_status.is_downloadable() {
        return Ok(None);
    }
    Ok(store.get(id).await?.map(|contents| Download { meta, contents }))
}

/// The response that gives a file out (SECURITY.md 3.2.1): saved, never shown in the page
/// (`Content-Disposition: attachment` with a safe name ending with the type's extension), its
/// real media type, `nosniff`, and a CSP `sandbox` in case a browser renders it anyway; not
/// cached.
impl IntoResponse for Download {
    fn into_response(self) -> Response {
        let name = upload::download_name(&self.meta.original_name, self.meta.file_type);
        let disposition = HeaderValue::from_str(&upload::content_disposition(&name))
            .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
        (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(self.meta.file_type.mime())),
                (header::CONTENT_DISPOSITION, disposition),
                (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
                (
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static("sandbox; default-src 'none'; frame-ancestors 'none'"),
                ),
                (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
            ],
            self.contents,
        )
            .into_response()
    }
}
