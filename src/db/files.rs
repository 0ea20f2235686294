//! Uploaded files: their records (`files`) and, for the database store, their contents
//! (`file_contents`, a table of its own so that listing files never reads them).
//!
//! Times are stored in UTC whole seconds, like the outbox's, so that SQLite's text sorts as the
//! instants do.

use std::future::Future;

use sqlx::FromRow;
use time::{OffsetDateTime, UtcOffset};
use uuid::Uuid;

use super::{Db, WritePool, with_db};
use crate::domain::upload::{FileType, ScanStatus};

/// What is known of an uploaded file, without its contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileMeta {
    pub id: Uuid,
    pub dossier_id: Option<Uuid>,
    /// The form field it answers, e.g. "statuts" or "letters".
    pub field_path: String,
    /// The name it was sent under, cleaned (`domain::upload::clean_name`).
    pub original_name: String,
    pub file_type: FileType,
    pub size_bytes: i64,
    /// SHA-256 of the contents, lower-case hex.
    pub sha256: String,
    pub scan_status: ScanStatus,
    pub scanned_at: Option<OffsetDateTime>,
    /// What the antivirus found in a file found infected after it was stored.
    pub scan_signature: Option<String>,
    /// `None` once the sender's account was erased.
    pub uploaded_by: Option<Uuid>,
    pub created_at: OffsetDateTime,
}

/// The instant as stored: UTC, whole seconds.
pub fn stored(at: OffsetDateTime) -> OffsetDateTime {
    let at = at.to_offset(UtcOffset::UTC);
    at.replace_nanosecond(0).unwrap_or(at)
}

#[derive(FromRow)]
struct FileRow {
    id: Uuid,
    dossier_id: Option<Uuid>,
    field_path: String,
    original_name: String,
    file_type: String,
    size_bytes: i64,
    sha256: String,
    scan_status: String,
    scanned_at: Option<OffsetDateTime>,
    scan_signature: Option<String>,
    uploaded_by: Option<Uuid>,
    created_at: OffsetDateTime,
}

/// The columns of `FileRow`, for `concat!` (SQL is never built with `format!`).
macro_rules! columns {
    () => {
        "id, dossier_id, field_path, original_name, file_type, size_bytes, sha256, scan_status, \
         scanned_at, scan_signature, uploaded_by, created_at"
    };
}

impl TryFrom<FileRow> for FileMeta {
    type Error = sqlx::Error;

    fn try_from(row: FileRow) -> Result<Self, Self::Error> {
        // The table's CHECK constraints admit only known codes; a stranger is a decoding error.
        let decode = |what: String| sqlx::Error::Decode(what.into());
        Ok(FileMeta {
            file_type: FileType::from_key(&row.file_type)
                .ok_or_else(|| decode(format!("unknown file type `{}`", row.file_type)))?,
            scan_status: ScanStatus::from_key(&row.scan_status)
                .ok_or_else(|| decode(format!("unknown scan status `{}`", row.scan_status)))?,
            id: row.id,
            dossier_id: row.dossier_id,
            field_path: row.field_path,
            original_name: row.original_name,
            size_bytes: row.size_bytes,
            sha256: row.sha256,
            scanned_at: row.scanned_at,
            scan_signature: row.scan_signature,
            uploaded_by: row.uploaded_by,
            created_at: row.created_at,
        })
    }
}

fn metas(rows: Vec<FileRow>) -> Result<Vec<FileMeta>, sqlx::Error> {
    rows.into_iter().map(FileMeta::try_from).collect()
}

/// Writes a file in the caller's transaction, so that it exists if and only if what it belongs
/// to is committed (e.g. a dossier save that carries it).
pub trait InsertFile {
    /// Inserts the record and, when `contents` is given (the database store), the contents.
    fn insert_file(
        &mut self,
        meta: &FileMeta,
        contents: Option<&[u8]>,
    ) -> impl Future<Output = Result<(), sqlx::Error>> + Send;
}

/// One implementation per backend from one text, so the SQL is written once.
macro_rules! insert_file_in {
    ($($database:ty),+) => {$(
        impl InsertFile for sqlx::Transaction<'_, $database> {
            fn insert_file(
                &mut self,
                meta: &FileMeta,
                contents: Option<&[u8]>,
            ) -> impl Future<Output = Result<(), sqlx::Error>> + Send {
                async move {
                    sqlx::query(
                        "INSERT INTO files (id, dossier_id, field_path, original_name, file_type, \
                         size_bytes, sha256, scan_status, scanned_at, scan_signature, uploaded_by, \
                         created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                    )
                    .bind(meta.id)
                    .bind(meta.dossier_id)
                    .bind(&meta.field_path)
                    .bind(&meta.original_name)
                    .bind(meta.file_type.key())
                    .bind(meta.size_bytes)
                    .bind(&meta.sha256)
                    .bind(meta.scan_status.key())
                    .bind(meta.scanned_at.map(stored))
                    .bind(&meta.scan_signature)
                    .bind(meta.uploaded_by)
                    .bind(stored(meta.created_at))
                    .execute(&mut **self)
                    .await?;
                    if let Some(contents) = contents {
                        sqlx::query("INSERT INTO file_contents (file_id, data) VALUES ($1, $2)")
                            .bind(meta.id)
                            .bind(contents)
                            .execute(&mut **self)
                            .await?;
                    }
                    Ok(())
                }
            }
        }
    )+};
}

insert_file_in!(sqlx::Sqlite, sqlx::Postgres);

impl Db {
    /// Writes a file's record and contents in one transaction: both or neither.
    pub async fn insert_file(&self, meta: &FileMeta, contents: &[u8]) -> Result<(), sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            tx.insert_file(meta, Some(contents)).await?;
            tx.commit().await
        })
    }

    /// One file's record, whatever its scan status (the caller checks who may see it).
    pub async fn file_meta(&self, id: Uuid) -> Result<Option<FileMeta>, sqlx::Error> {
        let row: Option<FileRow> = with_db!(self, pool => {
            sqlx::query_as(concat!("SELECT ", columns!(), " FROM files WHERE id = $1"))
                .bind(id)
                .fetch_optional(pool)
                .await
        })?;
        row.map(FileMeta::try_from).transpose()
    }

    /// The files of a dossier, by field, then oldest first.
    pub async fn files_of_dossier(&self, dossier_id: Uuid) -> Result<Vec<FileMeta>, sqlx::Error> {
        let rows: Vec<FileRow> = with_db!(self, pool => {
            sqlx::query_as(concat!(
                "SELECT ",
                columns!(),
                " FROM files WHERE dossier_id = $1 ORDER BY field_path, created_at, id"
            ))
            .bind(dossier_id)
                .fetch_all(pool)
                .await
        })?;
        metas(rows)
    }

    /// The files a person sent, oldest first (for the "my data" export).
    pub async fn files_uploaded_by(&self, user_id: Uuid) -> Result<Vec<FileMeta>, sqlx::Error> {
        let rows: Vec<FileRow> = with_db!(self, pool => {
            sqlx::query_as(concat!(
                "SELECT ",
                columns!(),
                " FROM files WHERE uploaded_by = $1 ORDER BY created_at, id"
            ))
            .bind(user_id)
            .fetch_all(pool)
            .await
        })?;
        metas(rows)
    }

    /// A file's contents, if they are stored here (none for a file found infected).
    pub async fn file_contents(&self, id: Uuid) -> Result<Option<Vec<u8>>, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_scalar("SELECT data FROM file_contents WHERE file_id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await
        })
    }

    /// Deletes a file, record and contents; answers whether there was one.
    pub async fn delete_file(&self, id: Uuid) -> Result<bool, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query("DELETE FROM files WHERE id = $1")
                .bind(id)
                .execute(pool)
                .await
                .map(|done| done.rows_affected() > 0)
        })
    }

    /// Files stored while the antivirus did not answer, oldest first.
    pub async fn pending_files(&self, limit: usize) -> Result<Vec<FileMeta>, sqlx::Error> {
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows: Vec<FileRow> = with_db!(self, pool => {
            sqlx::query_as(concat!(
                "SELECT ",
                columns!(),
                " FROM files WHERE scan_status = 'pending' ORDER BY created_at, id LIMIT $1"
            ))
            .bind(limit)
            .fetch_all(pool)
            .await
        })?;
        metas(rows)
    }

    /// Records that the antivirus found a pending file clean: it may now be downloaded.
    /// Answers whether the file was still pending (another server may have scanned it first).
    pub async fn mark_file_clean(
        &self,
        id: Uuid,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query(
                "UPDATE files SET scan_status = 'clean', scanned_at = $2 \
                 WHERE id = $1 AND scan_status = 'pending'",
            )
            .bind(id)
            .bind(stored(now))
            .execute(pool)
            .await
            .map(|done| done.rows_affected() > 0)
        })
    }

    /// Records that the antivirus found a pending file infected, and deletes its contents in
    /// the same transaction; the record stays, so that its dossier shows what happened.
    /// Answers whether the file was still pending.
    pub async fn mark_file_infected(
        &self,
        id: Uuid,
        signature: &str,
        now: OffsetDateTime,
    ) -> Result<bool, sqlx::Error> {
        with_db!(self, pool => {
            let mut tx = pool.begin_write().await?;
            let marked = sqlx::query(
                "UPDATE files SET scan_status = 'infected', scanned_at = $2, scan_signature = $3 \
                 WHERE id = $1 AND scan_status = 'pending'",
            )
            .bind(id)
            .bind(stored(now))
            .bind(signature)
            .execute(&mut *tx)
            .await?
            .rows_affected()
                > 0;
            if marked {
                sqlx::query("DELETE FROM file_contents WHERE file_id = $1")
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            tx.commit().await?;
            Ok(marked)
        })
    }
}

impl Db {
    /// How many files are stored, whatever their dossier (tests and the operator's checks).
    pub async fn count_files(&self) -> Result<i64, sqlx::Error> {
        with_db!(self, pool => {
            sqlx::query_scalar("SELECT COUNT(*) FROM files").fetch_one(pool).await
        })
    }
}
