//! THE route table: every URL the platform answers, grouped by audience, and the middleware
//! every request goes through.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use fluent_templates::fluent_bundle::FluentValue;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::app::AppState;
use crate::auth::session;
use crate::domain::lang::Lang;
use crate::i18n;
use crate::web::error::{self, ErrorPage};
use crate::web::handlers::account::{login, signup};
use crate::web::handlers::public::{health, pages};
use crate::web::handlers::{backoffice, candidate};
use crate::web::page::Page;
use crate::web::{assets, locale, security};

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Every route of the platform.
pub fn routes() -> Router<AppState> {
    Router::new()
        // Public: anyone, no account.
        .route("/", get(pages::home))
        .route("/appel", get(pages::call))
        .route("/calendrier", get(pages::calendar))
        .route("/contacts", get(pages::contacts))
        .route("/confidentialite", get(pages::privacy))
        .route("/accessibilite", get(pages::accessibility))
        // Getting in and out.
        .route("/connexion", get(login::form).post(login::submit))
        .route("/deconnexion", post(login::logout))
        .route("/inscription", get(signup::form).post(signup::submit))
        .route(
            "/inscription/confirmer/{token}",
            get(signup::confirm_form).post(signup::confirm),
        )
        // Candidates: their own space.
        .route("/espace", get(candidate::space))
        // Back office: referents, reviewers, steering group, administrators.
        .route("/gestion", get(backoffice::home))
        // Machines: load balancers, static files.
        .route("/healthz", get(health::healthz))
        .route("/static/{*path}", get(assets::serve))
        .fallback(error::not_found)
}

/// The router with its middleware, as `serve` and the tests run it.
pub fn build_router(state: AppState) -> Router {
    with_middleware(routes(), state)
}

/// Wraps a route table in the middleware every request goes through (request id, tracing,
/// security headers, language, error pages, panic guard).
pub fn with_middleware(routes: Router<AppState>, state: AppState) -> Router {
    let https = state.settings.is_https();
    // Cross-site form posts are refused (403) from Sec-Fetch-Site / Origin: no token to thread
    // through forms, and it holds across servers.
    let csrf = tower_http::csrf::CsrfLayer::new()
        .add_trusted_origin(state.settings.base_url.origin().ascii_serialization())
        .unwrap_or_else(|_| tower_http::csrf::CsrfLayer::new());
    routes
        .layer(middleware::from_fn_with_state(state.clone(), session::load))
        .with_state(state)
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
                    let id = request
                        .headers()
                        .get(REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default();
                    tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
                }))
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(middleware::from_fn(move |req, next| security::headers(https, req, next)))
                .layer(middleware::from_fn(locale::resolve))
                .layer(middleware::from_fn(render_error_pages))
                .layer(csrf)
                .layer(CatchPanicLayer::custom(|_| {
                    tracing::error!("a handler panicked");
                    ErrorPage::Internal.into_response()
                })),
        )
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/errors/error.html")]
struct ErrorTemplate {
    page: Page,
    title: String,
    text: String,
    reference: Option<String>,
}

/// Gives responses marked with an `ErrorPage` their page, in the person's language, with the
/// request id for a 500 so that the log line can be found.
async fn render_error_pages(request: Request, next: Next) -> Response {
    let lang = request
        .extensions()
        .get::<Lang>()
        .copied()
        .unwrap_or_default();
    let path = request.uri().path().to_owned();
    let request_id = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let response = next.run(request).await;
    let Some(kind) = response.extensions().get::<ErrorPage>().copied() else {
        return response;
    };
    let (title, text) = match kind {
        ErrorPage::NotFound => ("error-404-title", "error-404-text"),
        ErrorPage::Forbidden => ("error-403-title", "error-403-text"),
        ErrorPage::Internal => ("error-500-title", "error-500-text"),
        ErrorPage::Unavailable => ("error-503-title", "error-503-text"),
    };
    let reference = request_id
        .filter(|_| matches!(kind, ErrorPage::Internal | ErrorPage::Unavailable))
        .map(|id| i18n::t_args(lang, "error-request-id", &[("id", FluentValue::from(id))]));
    let page = ErrorTemplate {
        page: Page::new(lang, path),
        title: i18n::t(lang, title),
        text: i18n::t(lang, text),
        reference,
    };
    let mut rendered = (kind.status(), page).into_response();
    if kind == ErrorPage::Unavailable {
        rendered
            .headers_mut()
            .insert("retry-after", HeaderValue::from_static("5"));
    }
    if rendered.status() != kind.status() {
        // Rendering the error page itself failed: fall back to the bare status.
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    rendered
}
