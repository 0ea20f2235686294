//! Sessions: a random cookie whose hash names a row in `sessions`, so every server shares them.
//! New value at each login (no fixation), idle timeout (SESSION_IDLE_MINUTES) and an absolute
//! lifetime of 7 days; `HttpOnly`, `SameSite=Lax`, and `Secure` with the `__Host-` prefix over https.

use axum::extract::{FromRequestParts, Request, State};
use axum::http::header::{CACHE_CONTROL, COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use time::{Duration, OffsetDateTime};

use super::tokens;
use crate::app::AppState;
use crate::db::accounts::Account;
use crate::db::audit::AuditEvent;
use crate::web::error::AppError;
use crate::web::router::Access;

/// How long a session may live, however active.
pub const LIFETIME: Duration = Duration::days(7);

/// The account of the request's session, when it has a live one.
#[derive(Debug, Clone)]
pub struct CurrentUser(pub Account);

/// The session cookie's name: with the `__Host-` prefix whenever the platform is served over
/// https (the browser then insists on `Secure`, `Path=/` and no `Domain`).
pub fn cookie_name(https: bool) -> &'static str {
    if https { "__Host-ptce_session" } else { "ptce_session" }
}

/// The `Set-Cookie` value that hands a new session to the browser.
pub fn set_cookie(token: &str, https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!(
        "{}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}",
        cookie_name(https),
        LIFETIME.whole_seconds()
    )
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(https: bool) -> String {
    let secure = if https { "; Secure" } else { "" };
    format!("{}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}", cookie_name(https))
}

/// A cookie of the platform other than the session's (device check): same attributes, its own
/// name (`__Host-` prefixed over https) and lifetime in seconds (0 removes it).
pub fn other_cookie(name: &str, value: &str, max_age: i64, https: bool) -> String {
    let (prefix, secure) = if https { ("__Host-", "; Secure") } else { ("", "") };
    format!("{prefix}{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

/// The value of one of the `other_cookie`s, if well-formed.
pub fn other_cookie_value<'h>(headers: &'h HeaderMap, name: &str, https: bool) -> Option<&'h str> {
    let full = if https { format!("__Host-{name}") } else { name.to_owned() };
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == full)
        .map(|(_, v)| v)
        .filter(|v| tokens::looks_like_token(v))
}

/// The session cookie's value, if the request carries a well-formed one.
pub fn session_token(headers: &HeaderMap, https: bool) -> Option<&str> {
    let name = cookie_name(https);
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
        .filter(|v| tokens::looks_like_token(v))
}

/// Loads the account of the session cookie, if any, for handlers and templates; a cookie that
/// names no live session is removed. Pages seen while logged in are never stored by caches.
pub async fn load(State(app): State<AppState>, mut request: Request, next: Next) -> Response {
    let https = app.settings.is_https();
    let Some(token) = session_token(request.headers(), https).map(str::to_owned) else {
        return next.run(request).await;
    };
    let idle = Duration::minutes(i64::try_from(app.settings.session_idle_minutes).unwrap_or(120));
    let account = match app
        .db
        .session_account(&tokens::hash(&token), OffsetDateTime::now_utc(), idle)
        .await
    {
        Ok(account) => account,
        Err(error) => return AppError::from(error).into_response(),
    };
    let logged_in = account.is_some();
    if let Some(account) = account {
        request.extensions_mut().insert(CurrentUser(account));
        // For `require`, which records refusals in the audit log.
        request.extensions_mut().insert(app.db.clone());
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if logged_in {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else if let Ok(clear) = HeaderValue::from_str(&clear_cookie(https)) {
        headers.append(SET_COOKIE, clear);
    }
    response
}

/// The login page, with the way back to `uri`.
fn to_login(uri: &axum::http::Uri) -> Response {
    let back = uri.path_and_query().map_or("/", |p| p.as_str());
    let target = format!(
        "/connexion?retour={}",
        url::form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>()
    );
    Redirect::to(&target).into_response()
}

/// Whether a route of this `Access` lets this logged-in account in (the back office's menu
/// shows only such links).
pub fn admits(access: Access, account: &Account) -> bool {
    use crate::domain::role::Role;
    match access {
        Access::Public | Access::Account => true,
        Access::BackOffice => account.is_back_office(),
        Access::Steering => account.has_role(Role::Steering) || account.has_role(Role::Admin),
        Access::Admin => account.has_role(Role::Admin),
    }
}

/// Enforces a route's `Access`: anonymous people go to the login page (which brings them
/// back), people logged in without the right get the 403 page, and the refusal is logged.
pub async fn require(access: Access, request: Request, next: Next) -> Response {
    let user = request.extensions().get::<CurrentUser>();
    let allowed = match (access, user) {
        (Access::Public, _) => true,
        (_, None) => return to_login(request.uri()),
        (access, Some(CurrentUser(account))) => admits(access, account),
    };
    if !allowed {
        let actor = user.map(|CurrentUser(a)| a.id);
        let path = crate::web::router::loggable_path(request.uri().path());
        tracing::warn!(user = ?actor, path = %path, "access refused");
        let client = request
            .extensions()
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map_or_else(|| "unknown".to_owned(), |c| c.0.ip().to_string());
        if let Some(db) = request.extensions().get::<crate::db::Db>() {
            let event = AuditEvent {
                event: "access.refused",
                actor,
                subject: None,
                client: &client,
                detail: serde_json::json!({ "method": request.method().as_str(), "path": path }),
            };
            if let Err(error) = db.audit(&event, OffsetDateTime::now_utc()).await {
                return AppError::from(error).into_response();
            }
        }
        return AppError::Forbidden.into_response();
    }
    next.run(request).await
}

/// Pages for people logged in: anyone else is sent to the login page, which brings them back.
impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        if let Some(user) = parts.extensions.get::<CurrentUser>() {
            return Ok(user.clone());
        }
        Err(to_login(&parts.uri))
    }
}

impl<S: Send + Sync> axum::extract::OptionalFromRequestParts<S> for CurrentUser {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Self::Rejection> {
        Ok(parts.extensions.get::<CurrentUser>().cloned())
    }
}
