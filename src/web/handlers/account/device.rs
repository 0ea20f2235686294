//! `/connexion/code`: the second step of a back-office login from a new device (ASVS 6.3.3, the
//! "trusted device" pattern of Démarches Simplifiées): a 6-digit code sent by email, valid 10
//! minutes and once; the device is then trusted for 30 days.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::header::{RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use rand::Rng;
use serde::Deserialize;
use serde_json::json;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::session::{self, other_cookie, other_cookie_value};
use crate::auth::{throttle, tokens};
use crate::db::accounts::Account;
use crate::db::audit::AuditEvent;
use crate::db::devices::DeviceCheck;
use crate::mail::Email;
use crate::mail::templates::DeviceCode;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::FormErrors;
use crate::web::page::Page;

/// The half-done login's cookie.
pub const PENDING_COOKIE: &str = "ptce_pending";
/// The trusted device's cookie.
pub const DEVICE_COOKIE: &str = "ptce_device";
/// How long a code (and the half-done login) lasts.
pub const CODE_LIFETIME: Duration = Duration::minutes(10);
/// How long a device stays trusted.
pub const TRUST_LIFETIME: Duration = Duration::days(30);

fn code_hash(user: Uuid, code: &str) -> String {
    tokens::hash(&format!("{user}:{}", code.trim()))
}

/// Whether the request comes from a device this user made trusted.
pub async fn is_trusted(
    app: &AppState,
    headers: &HeaderMap,
    user: Uuid,
    now: OffsetDateTime,
) -> Result<bool, AppError> {
    let https = app.settings.is_https();
    match other_cookie_value(headers, DEVICE_COOKIE, https) {
        Some(token) => Ok(app.db.is_trusted_device(user, &tokens::hash(token), now).await?),
        None => Ok(false),
    }
}

/// Starts the check after a right password: emails a code, holds the half-done login in a
/// 10-minute cookie, and sends the person to the code page. Side effects: tokens rows, an outbox
/// email, the audit event `login.code_sent`.
pub async fn start(
    app: &AppState,
    account: &Account,
    client: &str,
    retour: &str,
    now: OffsetDateTime,
) -> Result<Response, AppError> {
    let code = format!("{:06}", rand::rng().random_range(0..1_000_000));
    let email = DeviceCode { lang: account.lang, code: code.clone() }
        .render()
        .map_err(anyhow::Error::from)?;
    let (pending, pending_hash) = tokens::new_token();
    let check = DeviceCheck {
        user_id: account.id,
        pending_hash: &pending_hash,
        code_hash: &code_hash(account.id, &code),
        lifetime: CODE_LIFETIME,
        email: (&account.email, DeviceCode::KIND, &email),
    };
    app.db.start_device_check(&check, now).await?;
    app.mail_wakeup.notify_one();
    let audit = AuditEvent {
        event: "login.code_sent",
        actor: None,
        subject: Some(account.id),
        client,
        detail: json!({}),
    };
    app.db.audit(&audit, now).await?;
    let target = if retour.is_empty() {
        "/connexion/code".to_owned()
    } else {
        format!(
            "/connexion/code?retour={}",
            url::form_urlencoded::byte_serialize(retour.as_bytes()).collect::<String>()
        )
    };
    let mut response = Redirect::to(&target).into_response();
    let https = app.settings.is_https();
    let cookie = other_cookie(PENDING_COOKIE, &pending, CODE_LIFETIME.whole_seconds(), https);
    if let Ok(cookie) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeQuery {
    retour: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CodeForm {
    code: String,
    retour: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/account/device.html")]
pub struct CodePage {
    page: Page,
    retour: String,
    errors: FormErrors,
}

fn expired(page: Page) -> Response {
    let notice = super::signup::NoticePage {
        title: page.t("device-expired-title"),
        text: page.t("device-expired-text"),
        link: Some(("/connexion".to_owned(), page.t("nav-login"))),
        action: None,
        page,
    };
    (StatusCode::GONE, notice).into_response()
}

/// `GET /connexion/code`.
pub async fn form(
    State(app): State<AppState>,
    page: Page,
    headers: HeaderMap,
    Query(query): Query<CodeQuery>,
) -> Result<Response, AppError> {
    let https = app.settings.is_https();
    let now = OffsetDateTime::now_utc();
    let open = match other_cookie_value(&headers, PENDING_COOKIE, https) {
        Some(token) => app.db.pending_login(&tokens::hash(token), now).await?.is_some(),
        None => false,
    };
    if !open {
        return Ok(expired(page));
    }
    let retour = super::login::safe_return(&query.retour);
    Ok(CodePage { page, retour, errors: FormErrors::default() }.into_response())
}

/// `POST /connexion/code`: a right code opens the session and trusts the device for 30 days; a
/// wrong one is said next to the field, and after 5 the login starts over.
pub async fn submit(
    State(app): State<AppState>,
    page: Page,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    Form(form): Form<CodeForm>,
) -> Result<Response, AppError> {
    let https = app.settings.is_https();
    let now = OffsetDateTime::now_utc();
    let Some(pending) = other_cookie_value(&headers, PENDING_COOKIE, https) else {
        return Ok(expired(page));
    };
    let pending_hash = tokens::hash(pending);
    let Some(user) = app.db.pending_login(&pending_hash, now).await? else {
        return Ok(expired(page));
    };
    let retour = super::login::safe_return(&form.retour);
    let key = user.to_string();
    let lang = page.lang;
    if let Err(retry) =
        throttle::check(&app.db, throttle::DEVICE_CODE, Some(&key), &client, now).await?
    {
        let mut errors = FormErrors::default();
        errors.add("code", lang, "device-error-throttled");
        let mut response =
            (StatusCode::TOO_MANY_REQUESTS, CodePage { page, retour, errors }).into_response();
        if let Ok(value) = HeaderValue::from_str(&retry.whole_seconds().max(1).to_string()) {
            response.headers_mut().insert(RETRY_AFTER, value);
        }
        return Ok(response);
    }
    let code: String = form.code.chars().filter(char::is_ascii_digit).take(6).collect();
    let right = code.len() == 6
        && app.db.use_login_code(user, &pending_hash, &code_hash(user, &code), now).await?;
    if !right {
        app.db.record_attempt("device-code", Some(&key), &client, false, now).await?;
        let audit = AuditEvent {
            event: "login.code_failed",
            actor: None,
            subject: Some(user),
            client: &client,
            detail: json!({}),
        };
        app.db.audit(&audit, now).await?;
        let mut errors = FormErrors::default();
        errors.add("code", lang, "device-error-code");
        return Ok(
            (StatusCode::UNPROCESSABLE_ENTITY, CodePage { page, retour, errors }).into_response()
        );
    }
    let (device, device_hash) = tokens::new_token();
    app.db.trust_device(user, &device_hash, now, TRUST_LIFETIME).await?;
    let (token, token_hash) = tokens::new_token();
    app.db.create_session(&token_hash, user, now, session::LIFETIME).await?;
    let audit = AuditEvent::by(user, "login.succeeded", &client, json!({ "new_device": true }));
    app.db.audit(&audit, now).await?;
    let target = if retour.is_empty() { "/gestion".to_owned() } else { retour };
    let mut response = Redirect::to(&target).into_response();
    let cookies = [
        session::set_cookie(&token, https),
        other_cookie(DEVICE_COOKIE, &device, TRUST_LIFETIME.whole_seconds(), https),
        other_cookie(PENDING_COOKIE, "", 0, https),
    ];
    for cookie in cookies {
        if let Ok(cookie) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(SET_COOKIE, cookie);
        }
    }
    Ok(response)
}
