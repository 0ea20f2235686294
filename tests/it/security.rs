//! Headers every response carries (SECURITY.md 3.4.x, 4.1.1).

use axum::http::StatusCode;

use crate::support::TestApp;

const PAGES: [&str; 7] =
    ["/", "/appel", "/calendrier", "/contacts", "/confidentialite", "/accessibilite", "/nope"];

#[tokio::test]
async fn every_page_forbids_framing_sniffing_and_foreign_scripts() {
    let app = TestApp::new().await;
    for path in PAGES.into_iter().chain(["/healthz", "/static/css/app.css"]) {
        let response = app.get(path).await;
        let csp = response.header("content-security-policy");
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("default-src 'self'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(response.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(response.header("x-frame-options"), "DENY", "{path}");
        assert_eq!(response.header("referrer-policy"), "strict-origin-when-cross-origin", "{path}");
        assert_eq!(response.header("strict-transport-security"), "", "{path}: plain http");
    }
}

#[tokio::test]
async fn every_text_response_names_its_charset() {
    let app = TestApp::new().await;
    for path in PAGES {
        assert_eq!(app.get(path).await.header("content-type"), "text/html; charset=utf-8");
    }
    assert_eq!(
        app.get("/static/css/app.css").await.header("content-type"),
        "text/css; charset=utf-8"
    );
    assert_eq!(
        app.get("/static/images/logo.svg").await.header("content-type"),
        "image/svg+xml; charset=utf-8"
    );
}

#[tokio::test]
async fn a_static_file_is_revalidated_by_its_etag() {
    let app = TestApp::new().await;
    let first = app.get("/static/css/app.css").await;
    assert_eq!(first.status, StatusCode::OK);
    let etag = first.header("etag").to_owned();
    assert_eq!(etag.len(), 34, "a quoted 128-bit hash: {etag}");
    let again = app.get_with("/static/css/app.css", &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(again.body, "");
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let app = TestApp::new().await;
    let a = app.get("/").await.header("x-request-id").to_owned();
    let b = app.get("/").await.header("x-request-id").to_owned();
    assert_eq!(a.len(), 36);
    assert_ne!(a, b);
}

#[tokio::test]
async fn the_call_text_reaches_the_page_only_through_the_sanitiser() {
    // The markdown of a section may be edited by the steering group: anything active is removed.
    let html = ptce::web::markdown::render(
        "Texte <a href=\"javascript:alert(1)\" onclick=\"x()\">lien</a><iframe src=\"//e\"></iframe>",
        "t",
    );
    assert_eq!(html, "<p>Texte <a rel=\"noopener noreferrer\">lien</a></p>\n");
}

#[test]
fn a_token_in_a_path_never_reaches_the_logs() {
    let token = "A-ZG9YlXAsBMzkLESG_eXQ1Q5jY69957gpF9NPNjS98";
    assert_eq!(
        ptce::web::router::loggable_path(&format!("/inscription/confirmer/{token}")),
        "/inscription/confirmer/{token}"
    );
    assert_eq!(ptce::web::router::loggable_path("/appel"), "/appel");
}
