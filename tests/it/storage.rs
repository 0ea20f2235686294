//! Attachments (SECURITY.md 3.2.1, 5.2.x, 5.3.x, 5.4.x): uploads checked by content, stored in
//! the database with their SHA-256, read within their size limit, given out as attachments
//! only once clean; with a real clamd (`TEST_CLAMD_ADDRESS`, started by scripts/ci/clamd.sh),
//! the EICAR test file is refused and nothing of it is stored.

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart};
use axum::http::{Request, StatusCode};
use axum::response::IntoResponse;
use axum::routing::post;
use futures_util::StreamExt;
use http_body_util::BodyExt;
use ptce::db::Db;
use ptce::db::accounts::NewStaff;
use ptce::domain::email::EmailAddress;
use ptce::domain::lang::Lang;
use ptce::domain::role::Role;
use ptce::domain::upload::{FileType, Found, ScanStatus, UploadError};
use ptce::jobs::scan::{Rescan, rescan_pending_once};
use ptce::storage::{
    self, AcceptError, Clamd, DatabaseStore, Download, FileStore, UploadRequest,
    read_multipart_field_limited,
};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use tower::ServiceExt;
use uuid::Uuid;

use crate::support::TestDb;

const TEN_MB: u64 = 10 * 1024 * 1024;

/// The EICAR test file, assembled at run time from pieces (one reversed) so that neither the
/// source nor the test binary holds it whole.
pub(crate) fn eicar() -> Vec<u8> {
    let tail: String = "*H+H$!ELIF-TSET-".chars().rev().collect();
    [r"X5O!P%@AP[4\PZX54(P^)7CC)7}$", "EICAR-STANDARD-ANTIVIRUS", &tail].concat().into_bytes()
}

pub(crate) fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n\
      2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
        .to_vec()
}

fn png() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    png.extend([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, 0xc4, 0x89]);
    png.extend(b"\x00\x00\x00\x00IEND\xaeB`\x82");
    png
}

/// A Windows program: the DOS header, then zeros.
pub(crate) fn exe() -> Vec<u8> {
    let mut exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00".to_vec();
    exe.resize(1024, 0);
    exe
}

/// The clamd the tests scan with. Unset: skipped, unless in CI (`CI` set), where that fails —
/// the antivirus tests must never pass by not running.
pub(crate) fn test_clamd(test: &str) -> Option<Clamd> {
    match std::env::var("TEST_CLAMD_ADDRESS") {
        Ok(address) if !address.is_empty() => Some(Clamd::new(address)),
        _ if std::env::var_os("CI").is_some() => {
            panic!("TEST_CLAMD_ADDRESS is unset in CI: scripts/test starts clamd and sets it")
        }
        _ => {
            eprintln!(
                "{test}: skipped, TEST_CLAMD_ADDRESS unset (start clamd with scripts/ci/clamd.sh)"
            );
            None
        }
    }
}

/// An address where nothing listens.
fn unreachable_clamd() -> Clamd {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address").to_string();
    drop(listener);
    Clamd::new(address)
}

async fn uploader(db: &Db) -> Uuid {
    let email = EmailAddress::parse("claire.dupuis@ptce.localhost").expect("email");
    let new = NewStaff {
        email: &email,
        display_name: "Claire Dupuis",
        password_hash: None,
        role: Role::Admin,
        network_slug: None,
    };
    db.upsert_staff(&new, OffsetDateTime::now_utc()).await.expect("account")
}

fn request<'a>(
    name: &'a str,
    bytes: &'a [u8],
    allowed: &'a [FileType],
    by: Uuid,
) -> UploadRequest<'a> {
    UploadRequest {
        dossier_id: None,
        field_path: "statuts",
        original_name: name,
        bytes,
        allowed,
        uploaded_by: by,
        limit_bytes: TEN_MB,
    }
}

/// Rows in `files` and in `file_contents`.
async fn rows(db: &Db) -> (i64, i64) {
    const FILES: &str = "SELECT COUNT(*) FROM files";
    const CONTENTS: &str = "SELECT COUNT(*) FROM file_contents";
    let count = async |sql: &'static str| -> i64 {
        match db {
            Db::Sqlite(pool, _) => sqlx::query_scalar(sql).fetch_one(pool).await,
            Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
        }
        .expect("count")
    };
    (count(FILES).await, count(CONTENTS).await)
}

fn refusal(result: Result<storage::StoredFile, AcceptError>) -> UploadError {
    match result {
        Err(AcceptError::Refused(error)) => error,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_pdf_is_stored_with_its_sha256_and_read_back_whole() {
    let test = TestDb::new().await;
    let store = DatabaseStore::new(test.db.clone());
    let by = uploader(&test.db).await;
    let bytes = pdf();
    let now = OffsetDateTime::now_utc();
    let stored = storage::accept_upload(
        &store,
        None,
        request("C:\\Mes documents\\Statuts signés.pdf", &bytes, &[FileType::Pdf], by),
        now,
    )
    .await
    .expect("stored");
    assert_eq!(stored.sha256, hex::encode(Sha256::digest(&bytes)));
    assert_eq!(stored.original_name, "Statuts signés.pdf");
    assert_eq!(stored.file_type, FileType::Pdf);
    assert_eq!(stored.size_bytes, i64::try_from(bytes.len()).expect("size"));
    assert_eq!(stored.scan_status, ScanStatus::NotScanned);
    assert_eq!(stored.uploaded_by, Some(by));
    assert_eq!(test.db.file_meta(stored.id).await.expect("read"), Some(stored.clone()));
    assert_eq!(test.db.files_uploaded_by(by).await.expect("read"), std::slice::from_ref(&stored));

    let download = storage::download(&test.db, &store, stored.id).await.expect("read");
    let download = download.expect("a file stored without antivirus may be downloaded");
    assert_eq!(download.contents, bytes);
    assert_eq!(hex::encode(Sha256::digest(&download.contents)), stored.sha256);
    assert_eq!(rows(&test.db).await, (1, 1));

    assert!(store.delete(stored.id).await.expect("delete"));
    assert_eq!(rows(&test.db).await, (0, 0));
    assert_eq!(storage::download(&test.db, &store, stored.id).await.expect("read"), None);
}

#[tokio::test]
async fn a_download_is_an_attachment_with_a_safe_name_and_no_sniffing() {
    let test = TestDb::new().await;
    let store = DatabaseStore::new(test.db.clone());
    let by = uploader(&test.db).await;
    let bytes = pdf();
    let name = "rapport \"final\"\r\n.exe";
    let stored =
        storage::accept_upload(&store, None, request(name, &bytes, &[FileType::Pdf], by), {
            OffsetDateTime::now_utc()
        })
        .await
        .expect("stored");
    let download: Download =
        storage::download(&test.db, &store, stored.id).await.expect("read").expect("there");
    let response = download.into_response();
    let header = |name: &str| {
        response.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned()
    };
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header("content-type"), "application/pdf");
    assert_eq!(
        header("content-disposition"),
        "attachment; filename=\"rapport _final_ .exe.pdf\"; \
         filename*=UTF-8''rapport%20%22final%22%20.exe.pdf"
    );
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert_eq!(
        header("content-security-policy"),
        "sandbox; default-src 'none'; frame-ancestors 'none'"
    );
    assert_eq!(header("cache-control"), "private, no-store");
    let body = response.into_body().collect().await.expect("body").to_bytes();
    assert_eq!(body.as_ref(), bytes.as_slice());
}

#[tokio::test]
async fn an_executable_renamed_pdf_is_refused_as_a_program_and_not_stored() {
    let test = TestDb::new().await;
    let store = DatabaseStore::new(test.db.clone());
    let by = uploader(&test.db).await;
    let bytes = exe();
    let allowed = [FileType::Pdf, FileType::Odt, FileType::Docx];
    let result = storage::accept_upload(
        &store,
        None,
        request("statuts.pdf", &bytes, &allowed, by),
        OffsetDateTime::now_utc(),
    )
    .await;
    let error = refusal(result);
    assert_eq!(
        error,
        UploadError::WrongType { allowed: allowed.to_vec(), found: Found::Executable }
    );
    assert_eq!(
        error.message(Lang::Fr),
        "Ce fichier n’est pas d’un type accepté (PDF, ODT ou DOCX) : son contenu ressemble à un \
         programme exécutable."
    );
    assert_eq!(storage::http_status(&error), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(rows(&test.db).await, (0, 0));
}

#[tokio::test]
async fn a_png_is_refused_by_a_field_that_allows_only_pdf() {
    let test = TestDb::new().await;
    let store = DatabaseStore::new(test.db.clone());
    let by = uploader(&test.db).await;
    let bytes = png();
    let result = storage::accept_upload(
        &store,
        None,
        request("statuts.pdf", &bytes, &[FileType::Pdf], by),
        OffsetDateTime::now_utc(),
    )
    .await;
    let error = refusal(result);
    assert_eq!(
        error,
        UploadError::WrongType { allowed: vec![FileType::Pdf], found: Found::Type(FileType::Png) }
    );
    assert_eq!(
        error.message(Lang::En),
        "This file is not of an accepted type (PDF): its content is in PNG format."
    );
    assert_eq!(rows(&test.db).await, (0, 0));
}

#[tokio::test]
async fn with_clamd_the_eicar_test_file_is_refused_as_infected_and_nothing_of_it_is_stored() {
    let Some(clamd) = test_clamd("with_clamd_the_eicar_test_file_is_refused") else {
        return;
    };
    let test = TestDb::new().await;
    let store = DatabaseStore::new(test.db.clone());
    let by = uploader(&test.db).await;
    let bytes = eicar();
    let result = storage::accept_upload(
        &store,
        Some(&clamd),
        request("statuts.pdf", &bytes, &[FileType::Pdf], by),
        OffsetDateTime::now_utc(),
    )
    .await;
    let error = refusal(result);
    assert_eq!(error, UploadError::Infected { signature: "eicar.com.UNOFFICIAL".into() });
    assert_eq!(
        error.message(Lang::Fr),
        "L’antivirus a détecté un virus ou un logiciel malveillant dans ce fichier \
         (eicar.com.UNOFFICIAL) : il est refusé et n’a pas été enregistré."
    );
    assert_eq!(storage::http_status(&error), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(rows(&test.db).await, (0, 0));
}

#[tokio::test]
async fn with_clamd_a_clean_pdf_is_stored_as_clean_and_downloadable() {
    let Some(clamd) = test_clamd("with_clamd_a_clean_pdf_is_stored_as_clean") else {
        return;
    };
    clamd.ping().await.expect("clamd answers PING");
    let test = TestDb::new().await;
    let store = DatabaseStore::new(test.db.clone());
    let by = uploader(&test.db).await;
    let bytes = pdf();
    let now = OffsetDateTime::now_utc();
    let stored = storage::accept_upload(
        &store,
        Some(&clamd),
        request("statuts.pdf", &bytes, &[FileType::Pdf], by),
        now,
    )
    .await
    .expect("stored");
    assert_eq!(stored.scan_status, ScanStatus::Clean);
    assert_eq!(stored.scanned_at, Some(now.replace_nanosecond(0).expect("whole second")));
    let download = storage::download(&test.db, &store, stored.id).await.expect("read");
    assert_eq!(download.map(|d| d.contents), Some(bytes));
}

#[tokio::test]
async fn with_clamd_unreachable_a_file_is_stored_pending_and_not_downloadable_until_rescanned() {
    let test = TestDb::new().await;
    let store = DatabaseStore::new(test.db.clone());
    let by = uploader(&test.db).await;
    let bytes = pdf();
    let now = OffsetDateTime::now_utc();
    let down = unreachable_clamd();
    let stored = storage::accept_upload(
        &store,
        Some(&down),
        request("statuts.pdf", &bytes, &[FileType::Pdf], by),
        now,
    )
    .await
    .expect("stored while the antivirus is down");
    assert_eq!(stored.scan_status, ScanStatus::Pending);
    assert_eq!(stored.scanned_at, None);
    assert_eq!(rows(&test.db).await, (1, 1));
    assert_eq!(storage::download(&test.db, &store, stored.id).await.expect("read"), None);

    let still_down = rescan_pending_once(&test.db, &store, &down, now).await.expect("rescan");
    assert_eq!(still_down, Rescan { clean: 0, infected: 0, still_pending: 1 });
    assert_eq!(storage::download(&test.db, &store, stored.id).await.expect("read"), None);

    let Some(clamd) = test_clamd("a_pending_file_becomes_downloadable_once_clamd_finds_it_clean")
    else {
        return;
    };
    let done = rescan_pending_once(&test.db, &store, &clamd, now).await.expect("rescan");
    assert_eq!(done, Rescan { clean: 1, infected: 0, still_pending: 0 });
    let meta = test.db.file_meta(stored.id).await.expect("read").expect("there");
    assert_eq!(meta.scan_status, ScanStatus::Clean);
    let download = storage::download(&test.db, &store, stored.id).await.expect("read");
    assert_eq!(download.map(|d| d.contents), Some(bytes));
}

#[tokio::test]
async fn a_pending_file_found_infected_by_the_rescan_loses_its_contents() {
    let Some(clamd) = test_clamd("a_pending_file_found_infected_by_the_rescan") else {
        return;
    };
    let test = TestDb::new().await;
    let store = DatabaseStore::new(test.db.clone());
    let by = uploader(&test.db).await;
    let now = OffsetDateTime::now_utc();
    // Written as the store would have while clamd was down (the type check is bypassed here:
    // the job must not rely on it).
    let bytes = eicar();
    let meta = ptce::db::files::FileMeta {
        id: Uuid::now_v7(),
        dossier_id: None,
        field_path: "letters".into(),
        original_name: "lettre.pdf".into(),
        file_type: FileType::Pdf,
        size_bytes: 68,
        sha256: hex::encode(Sha256::digest(&bytes)),
        scan_status: ScanStatus::Pending,
        scanned_at: None,
        scan_signature: None,
        uploaded_by: Some(by),
        created_at: now,
    };
    store.put(&meta, &bytes).await.expect("stored");
    let done = rescan_pending_once(&test.db, &store, &clamd, now).await.expect("rescan");
    assert_eq!(done, Rescan { clean: 0, infected: 1, still_pending: 0 });
    let after = test.db.file_meta(meta.id).await.expect("read").expect("the record stays");
    assert_eq!(after.scan_status, ScanStatus::Infected);
    assert_eq!(after.scan_signature.as_deref(), Some("eicar.com.UNOFFICIAL"));
    assert_eq!(rows(&test.db).await, (1, 0));
    assert_eq!(storage::download(&test.db, &store, meta.id).await.expect("read"), None);
}

/// A route that reads the `file` field of a multipart form within `limit`, answering 200 with
/// the length read or the refusal's status.
fn upload_route(limit: u64, body_limit: Option<usize>) -> Router {
    let handler = async move |mut form: Multipart| -> (StatusCode, String) {
        while let Ok(Some(field)) = form.next_field().await {
            if field.name() == Some("file") {
                return match read_multipart_field_limited(field, limit).await {
                    Ok(bytes) => (StatusCode::OK, bytes.len().to_string()),
                    Err(error) => (storage::http_status(&error), error.message(Lang::Fr)),
                };
            }
        }
        (StatusCode::BAD_REQUEST, "no file".into())
    };
    let body_limit = body_limit.map_or(DefaultBodyLimit::disable(), DefaultBodyLimit::max);
    Router::new().route("/upload", post(handler)).layer(body_limit)
}

/// A multipart body with one `file` field of `size` bytes, sent in 64 KiB chunks; `sent`
/// counts the bytes the server pulled.
fn multipart_body(size: usize, sent: std::sync::Arc<std::sync::atomic::AtomicUsize>) -> Body {
    use std::sync::atomic::Ordering;
    let head = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n\
                Content-Type: application/pdf\r\n\r\n";
    let tail = "\r\n--XyZ--\r\n";
    let chunk = vec![b'a'; 64 * 1024];
    let mut parts: Vec<Vec<u8>> = vec![head.as_bytes().to_vec()];
    let mut left = size;
    while left > 0 {
        let n = left.min(chunk.len());
        parts.push(chunk[..n].to_vec());
        left -= n;
    }
    parts.push(tail.as_bytes().to_vec());
    // Like a network: each part is a separate arrival (the reader waits between two), counted
    // when the server pulls it.
    let stream = futures_util::stream::iter(parts).then(move |part| {
        let sent = sent.clone();
        async move {
            tokio::task::yield_now().await;
            sent.fetch_add(part.len(), Ordering::SeqCst);
            Ok::<_, std::io::Error>(axum::body::Bytes::from(part))
        }
    });
    Body::from_stream(stream)
}

async fn send(router: Router, size: usize) -> (StatusCode, String, usize) {
    let sent = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let request = Request::post("/upload")
        .header("content-type", "multipart/form-data; boundary=XyZ")
        .body(multipart_body(size, sent.clone()))
        .expect("request");
    let response = router.oneshot(request).await.expect("infallible");
    let status = response.status();
    let body = response.into_body().collect().await.expect("body").to_bytes();
    (
        status,
        String::from_utf8_lossy(&body).into_owned(),
        sent.load(std::sync::atomic::Ordering::SeqCst),
    )
}

#[tokio::test]
async fn an_oversized_upload_is_refused_while_it_arrives_never_read_whole() {
    let limit = TEN_MB;
    // The route's own limit is off, so that the reader's limit is the one tested.
    let (status, body, pulled) = send(upload_route(limit, None), 11 * 1024 * 1024).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(body, "Le fichier dépasse la taille maximale de 10 Mo.");
    let limit = usize::try_from(limit).expect("usize");
    assert!(pulled <= limit + 3 * 64 * 1024, "read {pulled} bytes of an 11 MB upload");

    let (status, body, _) = send(upload_route(TEN_MB, None), 3 * 1024 * 1024 + 5).await;
    assert_eq!((status, body), (StatusCode::OK, (3 * 1024 * 1024 + 5).to_string()));

    // A body cut by the route's limit is "too large" too, not an interrupted upload.
    let route = upload_route(TEN_MB, Some(storage::body_limit(1024 * 1024, 1)));
    let (status, body, _) = send(route, 3 * 1024 * 1024).await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, "Le fichier dépasse la taille maximale de 10 Mo.")
    );
}
