//! Attachments through the dossier pages: a PDF joins the dossier and only its organisation can
//! download it; an oversized file, a renamed program and (with clamd) the EICAR test file are
//! refused with the reason next to the field, the draft intact and nothing of them stored.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;
use uuid::Uuid;

use crate::dossiers::{candidate, get, start};
use crate::storage::{eicar, exe, pdf, test_clamd};
use crate::support::{TestApp, TestDb, TestResponse};

/// Sends `bytes` as the file `name` to a dossier's file field, as the page's upload form does.
async fn upload(
    app: &TestApp,
    cookie: &str,
    id: Uuid,
    field: &str,
    name: &str,
    bytes: &[u8],
) -> TestResponse {
    let boundary = "ptce-test-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"fichier\"; filename=\"{name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let request = Request::post(format!("/espace/dossiers/{id}/pieces/{field}"))
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie)
        .body(Body::from(body))
        .expect("request");
    app.request(request).await
}

async fn file_rows(app: &TestApp) -> i64 {
    app.db.db.count_files().await.expect("count")
}

#[tokio::test]
async fn a_pdf_joins_the_dossier_and_only_its_organisation_can_download_it() {
    let app = TestApp::new().await;
    let cookie = candidate(&app, "cc@archer.fr", "Groupe Archer").await;
    let other = candidate(&app, "x@ailleurs.fr", "Ailleurs").await;
    let id = start(&app, &cookie).await;
    let sent = upload(&app, &cookie, id, "statutes", "statuts.pdf", &pdf()).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER, "{}", sent.body);
    assert_eq!(
        sent.header("location"),
        format!("/espace/dossiers/{id}/sections/documents?fait=fichier#f-statutes")
    );
    let dossier = app.db.db.dossier(id).await.expect("read").expect("dossier");
    assert_eq!(dossier.answers["statutes"]["name"], json!("statuts.pdf"));
    assert_eq!(dossier.answers["statutes"]["type"], json!("pdf"));
    let file = dossier.answers["statutes"]["id"].as_str().expect("id").to_owned();
    let page = get(&app, &format!("/espace/dossiers/{id}/sections/documents"), &cookie).await;
    assert_eq!(page.texts("#f-statutes .files a"), ["statuts.pdf"]);
    let download = get(&app, &format!("/espace/fichiers/{file}"), &cookie).await;
    assert_eq!(download.status, StatusCode::OK);
    assert_eq!(download.header("content-type"), "application/pdf");
    assert!(
        download.header("content-disposition").starts_with("attachment; filename=\"statuts.pdf\"")
    );
    let refused = get(&app, &format!("/espace/fichiers/{file}"), &other).await;
    assert_eq!(refused.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_11_mb_file_is_refused_with_the_reason_and_the_draft_is_intact() {
    let app = TestApp::new().await;
    let cookie = candidate(&app, "cc@archer.fr", "Groupe Archer").await;
    let id = start(&app, &cookie).await;
    let before = app.db.db.dossier(id).await.expect("read").expect("dossier");
    let mut big = pdf();
    big.resize(11 * 1_000_000, b' ');
    let refused = upload(&app, &cookie, id, "statutes", "statuts.pdf", &big).await;
    assert_eq!(refused.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(
        refused.texts("#f-statutes-error"),
        ["Le fichier dépasse la taille maximale de 10 Mo."]
    );
    let after = app.db.db.dossier(id).await.expect("read").expect("dossier");
    assert_eq!((after.version, &after.answers), (before.version, &before.answers));
    assert_eq!(file_rows(&app).await, 0);
}

#[tokio::test]
async fn a_program_renamed_pdf_is_refused_as_a_program() {
    let app = TestApp::new().await;
    let cookie = candidate(&app, "cc@archer.fr", "Groupe Archer").await;
    let id = start(&app, &cookie).await;
    let refused = upload(&app, &cookie, id, "statutes", "statuts.pdf", &exe()).await;
    assert_eq!(refused.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let message = refused.texts("#f-statutes-error");
    assert_eq!(message.len(), 1);
    assert!(message[0].contains("programme"), "{message:?}");
    assert_eq!(file_rows(&app).await, 0);
}

#[tokio::test]
async fn with_clamd_the_eicar_test_file_is_refused_and_nothing_of_it_is_stored() {
    let Some(clamd) =
        test_clamd("with_clamd_the_eicar_test_file_is_refused_and_nothing_of_it_is_stored")
    else {
        return;
    };
    let db = TestDb::new().await;
    db.db
        .install_call(
            &ptce::domain::call::CallTemplate::ptce_2011(),
            ptce::domain::call::CallDates::Shifted,
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("call");
    let address = clamd.address.clone();
    let app = TestApp::configured(db, ptce::web::router::routes(), |settings| {
        settings.clamd_address = Some(address);
    });
    let cookie = candidate(&app, "cc@archer.fr", "Groupe Archer").await;
    let id = start(&app, &cookie).await;
    let refused = upload(&app, &cookie, id, "statutes", "statuts.pdf", &eicar()).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    let message = refused.texts("#f-statutes-error");
    assert_eq!(message.len(), 1);
    assert!(message[0].contains("virus"), "{message:?}");
    assert_eq!(file_rows(&app).await, 0);
    let dossier = app.db.db.dossier(id).await.expect("read").expect("dossier");
    assert_eq!(dossier.answers, json!({}));
    let clean = upload(&app, &cookie, id, "statutes", "statuts.pdf", &pdf()).await;
    assert_eq!(clean.status, StatusCode::SEE_OTHER, "{}", clean.body);
    assert_eq!(file_rows(&app).await, 1);
}
