//! `/connexion` and `/deconnexion`.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::header::{HeaderName, RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::OffsetDateTime;

use super::device;
use crate::app::AppState;
use crate::auth::session::{self, CurrentUser};
use crate::auth::{throttle, tokens};
use crate::db::audit::AuditEvent;
use crate::domain::email::EmailAddress;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::FormErrors;
use crate::web::page::Page;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginQuery {
    retour: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    password: String,
    retour: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/account/login.html")]
pub struct LoginPage {
    page: Page,
    email: String,
    retour: String,
    errors: FormErrors,
    notice: Option<String>,
}

/// Only a path of this platform is a place to come back to: never another site.
pub(crate) fn safe_return(target: &str) -> String {
    let ok = target.starts_with('/') && !target.starts_with("//") && !target.starts_with("/\\");
    if ok { target.to_owned() } else { String::new() }
}

/// `GET /connexion`.
pub async fn form(page: Page, Query(query): Query<LoginQuery>) -> LoginPage {
    LoginPage {
        page,
        email: String::new(),
        retour: safe_return(&query.retour),
        errors: FormErrors::default(),
        notice: None,
    }
}

/// `POST /connexion`: checks the password (same message and same cost whether the address is
/// unknown or the password wrong), refuses with 429 after too many failures, and opens a new
/// session. Side effects: an `auth_attempts` row, an audit event (`login.succeeded`,
/// `login.failed`, `login.throttled` or `login.unconfirmed`), a `sessions` row on success.
pub async fn submit(
    State(app): State<AppState>,
    page: Page,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let now = OffsetDateTime::now_utc();
    let email = EmailAddress::parse(&form.email).ok();
    let account_key = email.as_ref().map(|e| e.as_str().to_owned());
    let retour = safe_return(&form.retour);
    let lang = page.lang;
    let mut rendered = LoginPage {
        page,
        email: form.email.trim().to_owned(),
        retour: retour.clone(),
        errors: FormErrors::default(),
        notice: None,
    };
    let record = match &email {
        Some(email) => app.db.login_record(email).await?,
        None => None,
    };
    let subject = record.as_ref().map(|r| r.id);
    let audit = |event: &'static str, actor: Option<uuid::Uuid>| AuditEvent {
        event,
        actor,
        subject: if actor.is_some() { None } else { subject },
        client: &client,
        detail: serde_json::json!({ "known_account": subject.is_some() }),
    };
    let limit = throttle::LOGIN;
    if let Err(retry) =
        throttle::check(&app.db, limit, account_key.as_deref(), &client, now).await?
    {
        app.db.audit(&audit("login.throttled", None), now).await?;
        tracing::warn!(client = %client, "login refused: too many failures");
        rendered.errors.add("email", lang, "error-login-throttled");
        let mut response = (StatusCode::TOO_MANY_REQUESTS, rendered).into_response();
        if let Ok(value) = HeaderValue::from_str(&retry.whole_seconds().max(1).to_string()) {
            response.headers_mut().insert(RETRY_AFTER, value);
        }
        return Ok(response);
    }
    let hash = record.as_ref().and_then(|r| r.password_hash.clone());
    let password_ok = app.passwords.verify(form.password, hash).await?;
    let usable = record.as_ref().filter(|r| password_ok && r.disabled_at.is_none());
    let Some(record) = usable else {
        app.db.record_attempt("login", account_key.as_deref(), &client, false, now).await?;
        app.db.audit(&audit("login.failed", None), now).await?;
        tracing::info!(client = %client, "login failed");
        rendered.errors.add("email", lang, "error-login-failed");
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
    };
    if record.email_confirmed_at.is_none() {
        app.db.audit(&audit("login.unconfirmed", None), now).await?;
        rendered.notice = Some(crate::i18n::t(lang, "login-unconfirmed"));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
    }
    app.db.record_attempt("login", account_key.as_deref(), &client, true, now).await?;
    // Back-office accounts confirm a new device with an emailed code.
    let account = app.db.account(record.id).await?.ok_or(AppError::NotFound)?;
    if account.is_back_office() && !device::is_trusted(&app, &headers, record.id, now).await? {
        return device::start(&app, &account, &client, &retour, now).await;
    }
    let (token, token_hash) = tokens::new_token();
    app.db.create_session(&token_hash, record.id, now, session::LIFETIME).await?;
    app.db.audit(&audit("login.succeeded", Some(record.id)), now).await?;
    tracing::info!(user = %record.id, "login");
    let https = app.settings.is_https();
    let target = if retour.is_empty() { "/espace".to_owned() } else { retour };
    let mut response = Redirect::to(&target).into_response();
    if let Ok(cookie) = HeaderValue::from_str(&session::set_cookie(&token, https)) {
        response.headers_mut().insert(SET_COOKIE, cookie);
    }
    Ok(response)
}

const CLEAR_SITE_DATA: HeaderName = HeaderName::from_static("clear-site-data");

/// `POST /deconnexion`: ends the session on the server (the old cookie is worthless from now
/// on), removes the cookie and asks the browser to forget what it kept of the site.
pub async fn logout(
    State(app): State<AppState>,
    user: Option<CurrentUser>,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let https = app.settings.is_https();
    if let Some(token) = session::session_token(&headers, https) {
        app.db.delete_session(&tokens::hash(token)).await?;
    }
    if let Some(CurrentUser(account)) = user {
        let event = AuditEvent::by(account.id, "logout", &client, serde_json::json!({}));
        app.db.audit(&event, OffsetDateTime::now_utc()).await?;
        tracing::info!(user = %account.id, "logout");
    }
    let mut response = Redirect::to("/").into_response();
    let headers = response.headers_mut();
    if let Ok(cookie) = HeaderValue::from_str(&session::clear_cookie(https)) {
        headers.insert(SET_COOKIE, cookie);
    }
    headers
        .insert(CLEAR_SITE_DATA, HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""));
    Ok(response)
}
