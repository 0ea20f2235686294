//! `/mot-de-passe-oublie` and `/mot-de-passe/nouveau/{token}`: a forgotten password replaced
//! through a link emailed to the account's address.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;
use serde_json::json;
use time::{Duration, OffsetDateTime};

use super::signup::NoticePage;
use crate::app::AppState;
use crate::auth::{throttle, tokens};
use crate::db::audit::AuditEvent;
use crate::db::credentials::{LinkState, Mail, NewLink, RESET_PASSWORD};
use crate::domain::email::EmailAddress;
use crate::domain::password::NewPassword;
use crate::mail::Email;
use crate::mail::templates::ResetPassword;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::FormErrors;
use crate::web::page::Page;

/// How long a reset link works.
pub const RESET_LIFETIME: Duration = Duration::HOUR;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ForgotForm {
    email: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewPasswordForm {
    password: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/account/forgot.html")]
pub struct ForgotPage {
    page: Page,
    email: String,
    errors: FormErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/account/reset.html")]
pub struct ResetPage {
    page: Page,
    action: String,
    errors: FormErrors,
}

/// An absolute address on this platform, for links in emails.
pub(super) fn absolute(app: &AppState, path: &str) -> String {
    format!("{}{path}", app.settings.base_url.as_str().trim_end_matches('/'))
}

/// A page refused for too many attempts: 429 with `Retry-After` in whole seconds.
pub(super) fn too_many(page: impl IntoResponse, retry: Duration) -> Response {
    let mut response = (StatusCode::TOO_MANY_REQUESTS, page).into_response();
    if let Ok(value) = HeaderValue::from_str(&retry.whole_seconds().max(1).to_string()) {
        response.headers_mut().insert(RETRY_AFTER, value);
    }
    response
}

/// `GET /mot-de-passe-oublie`.
pub async fn forgot_form(page: Page) -> ForgotPage {
    ForgotPage { page, email: String::new(), errors: FormErrors::default() }
}

/// `POST /mot-de-passe-oublie`: the same page whether or not the address has an account (no
/// enumeration). For an account that is not disabled, writes a reset link (1 hour, once) and
/// queues the `reset-password` email in the account's language, in one transaction. Every
/// request counts against `throttle::RESET` (per address and per client address); past it,
/// 429. Side effects: an `auth_attempts` row, an audit event (`account.reset_requested`, or
/// `account.reset_throttled`).
pub async fn forgot(
    State(app): State<AppState>,
    page: Page,
    ClientAddress(client): ClientAddress,
    Form(form): Form<ForgotForm>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let mut rendered =
        ForgotPage { page, email: form.email.trim().to_owned(), errors: FormErrors::default() };
    let email = match EmailAddress::parse(&form.email) {
        Ok(email) => email,
        Err(error) => {
            rendered.errors.add("email", lang, error.message_key());
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
        }
    };
    let now = OffsetDateTime::now_utc();
    let holder = app.db.holder(&email).await?;
    let subject = holder.map(|h| h.id);
    let limit = throttle::RESET;
    if let Err(retry) = throttle::check(&app.db, limit, Some(email.as_str()), &client, now).await? {
        let event = AuditEvent {
            event: "account.reset_throttled",
            actor: None,
            subject,
            client: &client,
            detail: json!({ "known_account": subject.is_some() }),
        };
        app.db.audit(&event, now).await?;
        tracing::warn!(client = %client, "password reset refused: too many requests");
        rendered.errors.add("email", lang, "credentials-error-reset-throttled");
        return Ok(too_many(rendered, retry));
    }
    app.db.record_attempt(limit.kind, Some(email.as_str()), &client, true, now).await?;
    let event = AuditEvent {
        event: "account.reset_requested",
        actor: None,
        subject,
        client: &client,
        detail: json!({ "known_account": subject.is_some() }),
    };
    match holder {
        Some(holder) => {
            let (token, token_hash) = tokens::new_token();
            let link = absolute(&app, &format!("/mot-de-passe/nouveau/{token}"));
            let rendered_email =
                ResetPassword { lang: holder.lang, link }.render().map_err(anyhow::Error::from)?;
            let link = NewLink {
                token_hash: &token_hash,
                purpose: RESET_PASSWORD,
                user_id: holder.id,
                payload: "{}",
                lifetime: RESET_LIFETIME,
            };
            let mail =
                Mail { to: email.as_str(), kind: ResetPassword::KIND, email: &rendered_email };
            app.db.send_link(Some(&link), &[mail], &event, now).await?;
            app.mail_wakeup.notify_one();
        }
        None => app.db.audit(&event, now).await?,
    }
    tracing::info!(user = ?subject, "password reset requested");
    let page = rendered.page;
    Ok(NoticePage {
        title: page.t("credentials-forgot-sent-title"),
        text: crate::i18n::t_args(
            lang,
            "credentials-forgot-sent-text",
            &[("email", FluentValue::from(email.to_string()))],
        ),
        link: None,
        action: None,
        page,
    }
    .into_response())
}

/// The page for a one-time link that cannot be used: `texts` are the message keys for an
/// expired, a used and an unknown link; `next` is where to go on (address, label).
pub(super) fn unusable_link(
    page: Page,
    state: &LinkState,
    texts: [&str; 3],
    next: (String, String),
) -> Response {
    let (status, title, text) = match state {
        LinkState::Expired => (StatusCode::GONE, "link-expired-title", texts[0]),
        LinkState::Used => (StatusCode::GONE, "link-used-title", texts[1]),
        LinkState::Valid { .. } | LinkState::Unknown => {
            (StatusCode::NOT_FOUND, "link-unknown-title", texts[2])
        }
    };
    let notice = NoticePage {
        title: page.t(title),
        text: page.t(text),
        link: Some(next),
        action: None,
        page,
    };
    (status, notice).into_response()
}

/// The page for a reset link that cannot be used, with the way to ask for another.
fn unusable(page: Page, state: &LinkState) -> Response {
    let next = ("/mot-de-passe-oublie".to_owned(), page.t("credentials-reset-ask-again"));
    let texts = [
        "credentials-reset-expired-text",
        "credentials-reset-used-text",
        "credentials-reset-unknown-text",
    ];
    unusable_link(page, state, texts, next)
}

/// A page whose address carries a reset secret: kept by no cache.
fn not_stored(mut response: Response) -> Response {
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// `GET /mot-de-passe/nouveau/{token}`: the new-password form, or why the link no longer
/// works. Opening the link uses nothing up.
pub async fn new_password_form(
    State(app): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if !tokens::looks_like_token(&token) {
        return Err(AppError::NotFound);
    }
    let now = OffsetDateTime::now_utc();
    let state = app.db.link_state(&tokens::hash(&token), RESET_PASSWORD, now).await?;
    if !matches!(state, LinkState::Valid { .. }) {
        return Ok(unusable(page, &state));
    }
    Ok(not_stored(
        ResetPage {
            page,
            action: format!("/mot-de-passe/nouveau/{token}"),
            errors: FormErrors::default(),
        }
        .into_response(),
    ))
}

/// `POST /mot-de-passe/nouveau/{token}`: checks the new password (errors next to the field;
/// the link stays usable), then sets it through the link, once (`Db::reset_password`: address
/// confirmed, every session ended, `account.password_reset` recorded). The person is not
/// logged in: they log in with the new password, like anyone else.
pub async fn new_password(
    State(app): State<AppState>,
    page: Page,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
    Form(form): Form<NewPasswordForm>,
) -> Result<Response, AppError> {
    if !tokens::looks_like_token(&token) {
        return Err(AppError::NotFound);
    }
    let token_hash = tokens::hash(&token);
    let now = OffsetDateTime::now_utc();
    let state = app.db.link_state(&token_hash, RESET_PASSWORD, now).await?;
    let LinkState::Valid { user_id, .. } = state else {
        return Ok(unusable(page, &state));
    };
    let email = app.db.account(user_id).await?.map(|a| a.email).unwrap_or_default();
    let password = match NewPassword::parse(&form.password, &email) {
        Ok(password) => password,
        Err(error) => {
            let mut errors = FormErrors::default();
            errors.add("password", page.lang, error.message_key());
            let page = ResetPage { page, action: format!("/mot-de-passe/nouveau/{token}"), errors };
            return Ok(not_stored((StatusCode::UNPROCESSABLE_ENTITY, page).into_response()));
        }
    };
    let password_hash = app.passwords.hash(password).await?;
    let state = app.db.reset_password(&token_hash, &password_hash, &client, now).await?;
    let LinkState::Valid { user_id, .. } = state else {
        // Used by a concurrent request meanwhile.
        return Ok(unusable(page, &state));
    };
    tracing::info!(user = %user_id, "password reset");
    Ok(NoticePage {
        title: page.t("credentials-reset-done-title"),
        text: page.t("credentials-reset-done-text"),
        link: Some(("/connexion".to_owned(), page.t("nav-login"))),
        action: None,
        page,
    }
    .into_response())
}
