//! `GET /gestion/dossiers/{id}/fichiers.zip`: every file of a dossier in one ZIP for the back
//! office — the receipts of its submissions, the attachments of its answers and of its
//! messages — for a referent of its network or the steering group; counted against the
//! account's export limit and written to the audit journal.

use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::db::audit::AuditEvent;
use crate::domain::upload;
use crate::dossiers::receipt;
use crate::exports::archive::{self, Entry};
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::backoffice::dossiers::staff_dossier;
use crate::web::handlers::backoffice::exports::throttled;

/// Where a file goes in the archive, by what it answers.
enum Source {
    Receipt(i64),
    File(Uuid),
}

/// The archive, with `LISEZ-MOI.txt` naming the files left out.
pub async fn zip(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let dossier = staff_dossier(&app, &account, &client, id).await?;
    throttled(&app, &account, &client).await?;
    let mut entries = Vec::new();
    let mut sources = Vec::new();
    for submission in app.db.submissions(id).await? {
        entries.push(Entry {
            folder: "recepisses".to_owned(),
            name: receipt::filename(&dossier.reference, submission.number),
        });
        sources.push(Source::Receipt(submission.number));
    }
    for file in app.db.files_of_dossier(id).await? {
        entries.push(Entry {
            folder: file.field_path.clone(),
            name: upload::download_name(&file.original_name, file.file_type),
        });
        sources.push(Source::File(file.id));
    }
    let readme = |left_out: &[String]| {
        let mut text = format!(
            "Dossier {} — {}\r\nFichiers du dossier au {} (UTC).\r\n",
            dossier.reference,
            dossier.title,
            OffsetDateTime::now_utc().date()
        );
        if !left_out.is_empty() {
            text.push_str(
                "\r\nFichiers non joints (en attente d’analyse antivirus, ou refusés par elle) :\r\n",
            );
            for path in left_out {
                text.push_str(&format!("- {path}\r\n"));
            }
        }
        text
    };
    let (db, files) = (&app.db, &app.files);
    let spooled = archive::write(&entries, readme, |i| {
        let source = &sources[i];
        async move {
            let read = match source {
                Source::Receipt(number) => db.receipt(id, *number).await,
                Source::File(file) => crate::storage::download(db, files, *file)
                    .await
                    .map(|found| found.map(|d| d.contents)),
            };
            read.map_err(std::io::Error::other)
        }
    })
    .await
    .map_err(anyhow::Error::from)?;
    let event = AuditEvent::by(
        account.id,
        "dossier.files_exported",
        &client,
        serde_json::json!({ "dossier": id, "files": spooled.rows }),
    );
    app.db.audit(&event, OffsetDateTime::now_utc()).await?;
    let mut headers = HeaderMap::new();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/zip"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(spooled.len));
    let name = format!("dossier-{}-fichiers.zip", dossier.reference);
    if let Ok(value) = HeaderValue::from_str(&upload::content_disposition(&name)) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    Ok((headers, Body::from_stream(spooled.chunks())).into_response())
}
