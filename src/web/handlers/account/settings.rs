//! `/espace/mot-de-passe` and `/espace/adresse`: a logged-in person changes their password or
//! their address, proving first that they know the current password.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;
use serde_json::json;
use time::{Duration, OffsetDateTime};

use super::reset::{absolute, too_many};
use super::signup::NoticePage;
use crate::app::AppState;
use crate::auth::session::{self, CurrentUser};
use crate::auth::{throttle, tokens};
use crate::db::accounts::Account;
use crate::db::audit::AuditEvent;
use crate::db::credentials::{CHANGE_EMAIL, EmailChange, LinkState, Mail, NewLink, new_address};
use crate::domain::email::EmailAddress;
use crate::domain::password::NewPassword;
use crate::i18n;
use crate::mail::Email;
use crate::mail::templates::{ConfirmNewEmail, EmailChangedNotice};
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::FormErrors;
use crate::web::page::Page;

/// How long a link confirming a new address works.
pub const CHANGE_EMAIL_LIFETIME: Duration = Duration::DAY;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    current_password: String,
    password: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EmailForm {
    email: String,
    password: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/account/password.html")]
pub struct PasswordPage {
    page: Page,
    /// The account's address, for password managers.
    email: String,
    errors: FormErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/account/email.html")]
pub struct EmailPage {
    page: Page,
    /// "Adresse actuelle : …".
    current: String,
    /// The new address as typed.
    email: String,
    errors: FormErrors,
}

impl EmailPage {
    fn new(page: Page, account: &Account, email: String, errors: FormErrors) -> EmailPage {
        let current = i18n::t_args(
            page.lang,
            "credentials-email-current",
            &[("email", FluentValue::from(account.email.as_str()))],
        );
        EmailPage { page, current, email, errors }
    }
}

/// What checking the current password said.
enum Reauth {
    Confirmed,
    Wrong,
    Throttled(Duration),
}

/// Checks the current password of the person logged in as a login would: refused past
/// `throttle::LOGIN`, and a wrong one counts as a failed login of that account. Side effects:
/// for a wrong password an `auth_attempts` row and `login.reauth_failed`; when refused,
/// `login.throttled`. `purpose` names the form in the audit detail.
async fn reauthenticate(
    app: &AppState,
    account: &Account,
    client: &str,
    password: String,
    purpose: &str,
    now: OffsetDateTime,
) -> Result<Reauth, AppError> {
    let audit = |event| AuditEvent::by(account.id, event, client, json!({ "reauth": purpose }));
    let key = Some(account.email.as_str());
    if let Err(retry) = throttle::check(&app.db, throttle::LOGIN, key, client, now).await? {
        app.db.audit(&audit("login.throttled"), now).await?;
        tracing::warn!(user = %account.id, "re-authentication refused: too many failures");
        return Ok(Reauth::Throttled(retry));
    }
    let hash = app.db.password_hash(account.id).await?;
    if app.passwords.verify(password, hash).await? {
        return Ok(Reauth::Confirmed);
    }
    app.db.record_attempt(throttle::LOGIN.kind, key, client, false, now).await?;
    app.db.audit(&audit("login.reauth_failed"), now).await?;
    tracing::info!(user = %account.id, "re-authentication failed");
    Ok(Reauth::Wrong)
}

/// The hash of the request's own session, which a credential change keeps.
fn own_session(app: &AppState, headers: &HeaderMap) -> Option<String> {
    session::session_token(headers, app.settings.is_https()).map(tokens::hash)
}

/// `GET /espace/mot-de-passe`.
pub async fn password_form(page: Page, CurrentUser(account): CurrentUser) -> PasswordPage {
    PasswordPage { page, email: account.email, errors: FormErrors::default() }
}

/// `POST /espace/mot-de-passe`: the current password (see `reauthenticate`) and a new one
/// (the sign-up rules), each error next to its field. Then `Db::change_password`: every other
/// session of the account ends, this one stays, `account.password_changed` is recorded.
pub async fn change_password(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let now = OffsetDateTime::now_utc();
    let mut errors = FormErrors::default();
    let reauth =
        reauthenticate(&app, &account, &client, form.current_password, "password", now).await?;
    match reauth {
        Reauth::Throttled(retry) => {
            errors.add("current_password", lang, "credentials-error-reauth-throttled");
            let page = PasswordPage { page, email: account.email, errors };
            return Ok(too_many(page, retry));
        }
        Reauth::Wrong => errors.add("current_password", lang, "credentials-error-current-password"),
        Reauth::Confirmed => {}
    }
    let password = NewPassword::parse(&form.password, &account.email);
    if let Err(error) = &password {
        errors.add("password", lang, error.message_key());
    }
    let (Ok(password), true) = (password, errors.is_empty()) else {
        let page = PasswordPage { page, email: account.email, errors };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let password_hash = app.passwords.hash(password).await?;
    let keep = own_session(&app, &headers);
    app.db.change_password(account.id, &password_hash, keep.as_deref(), &client, now).await?;
    tracing::info!(user = %account.id, "password changed");
    Ok(NoticePage {
        title: page.t("credentials-password-done-title"),
        text: page.t("credentials-password-done-text"),
        link: Some(("/espace".to_owned(), page.t("credentials-back-to-space"))),
        action: None,
        page,
    }
    .into_response())
}

/// `GET /espace/adresse`.
pub async fn email_form(page: Page, CurrentUser(account): CurrentUser) -> EmailPage {
    EmailPage::new(page, &account, String::new(), FormErrors::default())
}

/// `POST /espace/adresse`: a new address and the current password (see `reauthenticate`).
/// Queues, with `account.email_change_requested`, in one transaction: a `confirm-new-email`
/// link (24 hours, once, for this person only) to the new address, if no account has it, and
/// an `email-changed-notice` to the current one. The page is the same whether or not the new
/// address is free (no enumeration); nothing changes until the link is followed.
pub async fn change_email(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(form): Form<EmailForm>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let now = OffsetDateTime::now_utc();
    let mut errors = FormErrors::default();
    let email = EmailAddress::parse(&form.email);
    match &email {
        Err(error) => errors.add("email", lang, error.message_key()),
        Ok(email) if email.as_str() == account.email => {
            errors.add("email", lang, "credentials-error-same-email");
        }
        Ok(_) => {}
    }
    let reauth = reauthenticate(&app, &account, &client, form.password, "email", now).await?;
    let typed = form.email.trim().to_owned();
    match reauth {
        Reauth::Throttled(retry) => {
            errors.add("password", lang, "credentials-error-reauth-throttled");
            return Ok(too_many(EmailPage::new(page, &account, typed, errors), retry));
        }
        Reauth::Wrong => errors.add("password", lang, "credentials-error-current-password"),
        Reauth::Confirmed => {}
    }
    let (Ok(email), true) = (email, errors.is_empty()) else {
        let page = EmailPage::new(page, &account, typed, errors);
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let free = app.db.user_id_by_email(&email).await?.is_none();
    let (token, token_hash) = tokens::new_token();
    let confirm = ConfirmNewEmail {
        lang: account.lang,
        link: absolute(&app, &format!("/espace/adresse/confirmer/{token}")),
    }
    .render()
    .map_err(anyhow::Error::from)?;
    let notice = EmailChangedNotice {
        lang: account.lang,
        new_email: email.to_string(),
        reset_link: absolute(&app, "/mot-de-passe-oublie"),
    }
    .render()
    .map_err(anyhow::Error::from)?;
    let payload = json!({ "email": email.as_str() }).to_string();
    let link = NewLink {
        token_hash: &token_hash,
        purpose: CHANGE_EMAIL,
        user_id: account.id,
        payload: &payload,
        lifetime: CHANGE_EMAIL_LIFETIME,
    };
    let to_new = Mail { to: email.as_str(), kind: ConfirmNewEmail::KIND, email: &confirm };
    let to_old = Mail { to: &account.email, kind: EmailChangedNotice::KIND, email: &notice };
    let event = AuditEvent::by(
        account.id,
        "account.email_change_requested",
        &client,
        json!({ "address_free": free }),
    );
    if free {
        app.db.send_link(Some(&link), &[to_new, to_old], &event, now).await?;
    } else {
        app.db.send_link(None, &[to_old], &event, now).await?;
    }
    app.mail_wakeup.notify_one();
    tracing::info!(user = %account.id, "email change requested");
    Ok(NoticePage {
        title: page.t("credentials-email-sent-title"),
        text: i18n::t_args(
            lang,
            "credentials-email-sent-text",
            &[("email", FluentValue::from(email.to_string()))],
        ),
        link: Some(("/espace".to_owned(), page.t("credentials-back-to-space"))),
        action: None,
        page,
    }
    .into_response())
}

/// The page for an address-change link that cannot be used.
fn unusable(page: Page, state: &LinkState) -> Response {
    let next = ("/espace/adresse".to_owned(), page.t("credentials-email-title"));
    let texts = [
        "credentials-email-expired-text",
        "credentials-email-used-text",
        "credentials-email-unknown-text",
    ];
    super::reset::unusable_link(page, state, texts, next)
}

/// `GET /espace/adresse/confirmer/{token}`: a button, not the change itself (mail scanners
/// open links); only for the person who asked, logged in.
pub async fn confirm_email_form(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if !tokens::looks_like_token(&token) {
        return Err(AppError::NotFound);
    }
    let now = OffsetDateTime::now_utc();
    let state = app.db.link_state(&tokens::hash(&token), CHANGE_EMAIL, now).await?;
    let address = match &state {
        LinkState::Valid { user_id, payload } if *user_id == account.id => new_address(payload),
        _ => None,
    };
    let Some(address) = address else {
        return Ok(unusable(page, &state));
    };
    let text = i18n::t_args(
        page.lang,
        "credentials-email-confirm-text",
        &[("email", FluentValue::from(address.to_string()))],
    );
    Ok(NoticePage {
        title: page.t("credentials-email-confirm-title"),
        text,
        link: None,
        action: Some((
            format!("/espace/adresse/confirmer/{token}"),
            page.t("credentials-email-confirm-button"),
        )),
        page,
    }
    .into_response())
}

/// `POST /espace/adresse/confirmer/{token}`: `Db::change_email` — the address switches if it is
/// still free (else a page that says so), every other session ends, `account.email_changed`.
pub async fn confirm_email(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if !tokens::looks_like_token(&token) {
        return Err(AppError::NotFound);
    }
    let now = OffsetDateTime::now_utc();
    let keep = own_session(&app, &headers);
    let changed = app
        .db
        .change_email(&tokens::hash(&token), account.id, keep.as_deref(), &client, now)
        .await?;
    let (status, title, text) = match changed {
        EmailChange::Changed(address) => {
            tracing::info!(user = %account.id, "email changed");
            let text = i18n::t_args(
                page.lang,
                "credentials-email-changed-text",
                &[("email", FluentValue::from(address))],
            );
            (StatusCode::OK, "credentials-email-changed-title", text)
        }
        EmailChange::Taken => (
            StatusCode::CONFLICT,
            "credentials-email-taken-title",
            page.t("credentials-email-taken-text"),
        ),
        EmailChange::NotUsable(state) => return Ok(unusable(page, &state)),
    };
    let link = if status == StatusCode::OK {
        ("/espace".to_owned(), page.t("credentials-back-to-space"))
    } else {
        ("/espace/adresse".to_owned(), page.t("credentials-email-title"))
    };
    let notice = NoticePage { title: page.t(title), text, link: Some(link), action: None, page };
    Ok((status, notice).into_response())
}
