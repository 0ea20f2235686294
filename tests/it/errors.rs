//! What a person sees when something goes wrong: a page in their language, never a stack trace.

use anyhow::anyhow;
use axum::http::StatusCode;
use axum::routing::get;
use ptce::web::error::AppError;

use crate::support::{TestApp, TestDb};

#[tokio::test]
async fn an_unknown_address_shows_the_not_found_page_in_french() {
    let app = TestApp::new().await;
    let page = app.get("/pas-de-page-ici").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(page.texts("h1"), ["Page introuvable"]);
    assert_eq!(page.texts("main a.button"), ["Retour à l’accueil"]);
    assert_eq!(page.texts(".reference").len(), 0, "a 404 needs no reference");
}

#[tokio::test]
async fn the_not_found_page_follows_the_chosen_language() {
    let app = TestApp::new().await;
    let page = app.get_with("/nowhere", &[("cookie", "lang=en")]).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert_eq!(page.texts("h1"), ["Page not found"]);
    let asset = app.get("/static/css/missing.css").await;
    assert_eq!(asset.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn an_internal_error_shows_a_reference_and_hides_its_cause() {
    let routes = ptce::web::router::routes().route(
        "/boom",
        get(|| async { Err::<(), _>(AppError::Internal(anyhow!("secret table xyz is corrupt"))) }),
    );
    let app = TestApp::on(TestDb::new().await, routes);
    let page = app.get("/boom").await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(page.texts("h1"), ["Une erreur s’est produite"]);
    let request_id = page.header("x-request-id").to_owned();
    assert_eq!(request_id.len(), 36, "a UUID request id");
    assert_eq!(
        page.texts(".reference"),
        [format!("Référence à communiquer si le problème persiste : {request_id}")]
    );
    assert!(!page.body.contains("secret table"));
}

#[tokio::test]
async fn a_panicking_handler_gives_the_error_page_not_a_dropped_connection() {
    let routes = ptce::web::router::routes().route(
        "/panic",
        get(|| async {
            let empty: Vec<String> = Vec::new();
            empty[3].clone()
        }),
    );
    let app = TestApp::on(TestDb::new().await, routes);
    let page = app.get_with("/panic", &[("accept-language", "en")]).await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(page.texts("h1"), ["Something went wrong"]);
    assert!(!page.body.contains("index out of bounds"));
}

#[tokio::test]
async fn when_the_database_is_gone_pages_answer_503_and_health_says_unavailable() {
    let app = TestApp::new().await;
    app.db.db.close().await;
    let page = app.get("/appel").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.texts("h1"), ["Service momentanément indisponible"]);
    assert_eq!(page.header("retry-after"), "5");
    let health = app.get("/healthz").await;
    assert_eq!(health.status, StatusCode::SERVICE_UNAVAILABLE);
    let json: serde_json::Value = serde_json::from_str(&health.body).expect("json");
    assert_eq!(json["status"], "unavailable");
}

#[tokio::test]
async fn the_health_check_names_the_database_backend() {
    let app = TestApp::new().await;
    let health = app.get("/healthz").await;
    assert_eq!(health.status, StatusCode::OK);
    let json: serde_json::Value = serde_json::from_str(&health.body).expect("json");
    let expected =
        if crate::support::postgres_admin_url().is_some() { "postgres" } else { "sqlite" };
    assert_eq!(json, serde_json::json!({ "status": "ok", "database": expected }));
}
