//! `/inscription`: a candidate creates an account for their organisation, then confirms the
//! address through the emailed link.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use time::{Duration, OffsetDateTime};

use crate::app::AppState;
use crate::auth::{throttle, tokens};
use axum::http::HeaderValue;
use axum::http::header::RETRY_AFTER;
use serde_json::json;

use crate::db::accounts::{NewCandidate, SignUp, TokenUse};
use crate::db::audit::AuditEvent;
use crate::domain::email::EmailAddress;
use crate::domain::password::NewPassword;
use crate::mail::Email;
use crate::mail::templates::{AccountExists, ConfirmAccount};
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::FormErrors;
use crate::web::page::Page;

/// How long a confirmation link works.
pub const CONFIRMATION_LIFETIME: Duration = Duration::DAY;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignUpForm {
    name: String,
    organisation: String,
    email: String,
    password: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/account/signup.html")]
pub struct SignUpPage {
    page: Page,
    form: SignUpForm,
    errors: FormErrors,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/account/notice.html")]
pub struct NoticePage {
    pub(crate) page: Page,
    pub(crate) title: String,
    pub(crate) text: String,
    pub(crate) link: Option<(String, String)>,
    pub(crate) action: Option<(String, String)>,
}

/// `GET /inscription`.
pub async fn form(page: Page) -> SignUpPage {
    SignUpPage { page, form: SignUpForm::default(), errors: FormErrors::default() }
}

/// `POST /inscription`: checks every field (each error next to its field, input kept), then
/// writes the account, its organisation, the confirmation token and the confirmation email in
/// one transaction. An address that already has an account gets the same answer on screen (no
/// account enumeration); nothing is written for it but an `account-exists` email to it.
pub async fn submit(
    State(app): State<AppState>,
    page: Page,
    ClientAddress(client): ClientAddress,
    Form(form): Form<SignUpForm>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let mut errors = FormErrors::default();
    let name = form.name.trim();
    if name.is_empty() {
        errors.add("name", lang, "error-name-empty");
    } else if name.chars().count() > 120 {
        errors.add("name", lang, "error-text-too-long");
    }
    let organisation = form.organisation.trim();
    if organisation.is_empty() {
        errors.add("organisation", lang, "error-organisation-empty");
    } else if organisation.chars().count() > 150 {
        errors.add("organisation", lang, "error-text-too-long");
    }
    let email = EmailAddress::parse(&form.email);
    if let Err(error) = &email {
        errors.add("email", lang, error.message_key());
    }
    let password = NewPassword::parse(&form.password, form.email.trim());
    if let Err(error) = &password {
        errors.add("password", lang, error.message_key());
    }
    let (Ok(email), Ok(password), true) = (email, password, errors.is_empty()) else {
        let form = SignUpForm { password: String::new(), ..form };
        return Ok(
            (StatusCode::UNPROCESSABLE_ENTITY, SignUpPage { page, form, errors }).into_response()
        );
    };
    let now = OffsetDateTime::now_utc();
    let limit = throttle::SIGNUP;
    if let Err(retry) = throttle::check(&app.db, limit, Some(email.as_str()), &client, now).await? {
        tracing::warn!(client = %client, "sign-up refused: too many requests");
        errors.add("email", lang, "error-signup-throttled");
        let form = SignUpForm { password: String::new(), ..form };
        let mut response =
            (StatusCode::TOO_MANY_REQUESTS, SignUpPage { page, form, errors }).into_response();
        if let Ok(value) = HeaderValue::from_str(&retry.whole_seconds().max(1).to_string()) {
            response.headers_mut().insert(RETRY_AFTER, value);
        }
        return Ok(response);
    }
    app.db.record_attempt(limit.kind, Some(email.as_str()), &client, true, now).await?;
    let password_hash = app.passwords.hash(password).await?;
    let (token, token_hash) = tokens::new_token();
    let link = format!(
        "{}/inscription/confirmer/{token}",
        app.settings.base_url.as_str().trim_end_matches('/')
    );
    let confirmation = ConfirmAccount { lang, link }.render().map_err(anyhow::Error::from)?;
    let candidate = NewCandidate {
        email: &email,
        display_name: name,
        organisation_name: organisation,
        siret: None,
        password_hash: &password_hash,
        lang,
    };
    let created = app
        .db
        .create_candidate(
            &candidate,
            &token_hash,
            Some((ConfirmAccount::KIND, &confirmation)),
            now,
            CONFIRMATION_LIFETIME,
        )
        .await?;
    let (event, user) = match created {
        SignUp::Created(user) => ("account.created", Some(user)),
        SignUp::LinkSentAgain(user) => ("account.link_sent_again", Some(user)),
        SignUp::AlreadyActive => {
            queue_account_exists(&app, &email, now).await?;
            ("account.signup_existing", None)
        }
    };
    app.mail_wakeup.notify_one();
    let audit =
        AuditEvent { event, actor: user, subject: None, client: &client, detail: json!({}) };
    app.db.audit(&audit, now).await?;
    tracing::info!(user = ?user, "{event}");
    Ok(NoticePage {
        title: page.t("signup-sent-title"),
        text: crate::i18n::t_args(
            lang,
            "signup-sent-text",
            &[("email", fluent_templates::fluent_bundle::FluentValue::from(email.to_string()))],
        ),
        link: None,
        action: None,
        page,
    }
    .into_response())
}

/// Tells the owner of an active account that someone tried to sign up with their address,
/// with the ways in (log in, choose a new password): the screen said nothing different.
async fn queue_account_exists(
    app: &AppState,
    email: &EmailAddress,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let Some(holder) = app.db.holder(email).await? else {
        // Disabled: nothing to offer.
        return Ok(());
    };
    let notice = AccountExists {
        lang: holder.lang,
        login_link: super::reset::absolute(app, "/connexion"),
        reset_link: super::reset::absolute(app, "/mot-de-passe-oublie"),
    }
    .render()
    .map_err(anyhow::Error::from)?;
    app.db.queue_email(email.as_str(), AccountExists::KIND, &notice, now).await?;
    Ok(())
}

/// `GET /inscription/confirmer/{token}`: a button, not the confirmation itself, so that mail
/// scanners that open links do not use up the token.
pub async fn confirm_form(page: Page, Path(token): Path<String>) -> Result<NoticePage, AppError> {
    if !tokens::looks_like_token(&token) {
        return Err(AppError::NotFound);
    }
    Ok(NoticePage {
        title: page.t("confirm-title"),
        text: page.t("confirm-text"),
        link: None,
        action: Some((format!("/inscription/confirmer/{token}"), page.t("confirm-button"))),
        page,
    })
}

/// `POST /inscription/confirmer/{token}`: confirms the address once; an expired or used link
/// gets a page that says so and how to go on.
pub async fn confirm(
    State(app): State<AppState>,
    page: Page,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if !tokens::looks_like_token(&token) {
        return Err(AppError::NotFound);
    }
    let now = OffsetDateTime::now_utc();
    let used = app.db.use_token(&tokens::hash(&token), "confirm-email", now).await?;
    let (status, title, text) = match used {
        TokenUse::Used { user_id: Some(user), .. } => {
            app.db.confirm_email(user, now).await?;
            let audit = AuditEvent::by(user, "email.confirmed", &client, json!({}));
            app.db.audit(&audit, now).await?;
            tracing::info!(user = %user, "email confirmed");
            (StatusCode::OK, "confirmed-title", "confirmed-text")
        }
        TokenUse::Expired => (StatusCode::GONE, "link-expired-title", "link-expired-text"),
        TokenUse::AlreadyUsed => (StatusCode::GONE, "link-used-title", "link-used-text"),
        TokenUse::Used { user_id: None, .. } | TokenUse::Unknown => {
            (StatusCode::NOT_FOUND, "link-unknown-title", "link-unknown-text")
        }
    };
    let notice = NoticePage {
        title: page.t(title),
        text: page.t(text),
        link: Some(("/connexion".to_owned(), page.t("nav-login"))),
        action: None,
        page,
    };
    Ok((status, notice).into_response())
}
