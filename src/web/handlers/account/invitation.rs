//! `/invitation/{token}`: the emailed invitation to join an organisation. Opening the link
//! shows who invites to what and the one way on for the person at hand — join (logged in as
//! the invited address), log in first (that address has an account), or create the account
//! (it has none; the link proves the address) — and the form posts back to do it.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::app::AppState;
use crate::auth::session::{self, CurrentUser};
use crate::auth::tokens;
use crate::db::accounts::Account;
use crate::db::audit::AuditEvent;
use crate::db::organisations::{InvitationLink, InvitationPayload, Joined, Joiner, Organisation};
use crate::domain::paris;
use crate::domain::password::NewPassword;
use crate::i18n;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::FormErrors;
use crate::web::page::Page;

/// Where a member lands after joining.
const JOINED: &str = "/espace/organisation?fait=rejoint";
/// Where someone already a member is sent.
const ORGANISATION: &str = "/espace/organisation";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct JoinForm {
    name: String,
    password: String,
}

/// What the person who opened a usable link can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Logged in as the invited address, in no organisation: a button.
    Join,
    /// Already a member of the inviting organisation.
    AlreadyMember,
    /// In another organisation: leave it first.
    OtherOrganisation,
    /// Logged in with another address: log out first.
    OtherAccount,
    /// Not logged in, the address has an account: log in first.
    LogIn,
    /// Not logged in, no account: name and password.
    CreateAccount,
    /// The link cannot be used (unknown, expired, used, cancelled).
    Gone,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/account/invitation.html")]
pub struct InvitationPage {
    page: Page,
    title: String,
    /// The invitation itself, or why the link no longer works.
    texts: Vec<String>,
    step: Step,
    /// What the step says (the reason, the way on).
    step_text: String,
    /// The form's address: this page.
    action: String,
    /// The login page that brings the person back here.
    login_href: String,
    form: JoinForm,
    errors: FormErrors,
}

/// The page of a link that cannot be used, with its status.
fn gone(page: Page, link: &InvitationLink) -> Response {
    let (status, title, text) = match link {
        InvitationLink::Expired => {
            (StatusCode::GONE, "invitation-expired-title", "invitation-expired-text")
        }
        InvitationLink::Used => (StatusCode::GONE, "invitation-used-title", "invitation-used-text"),
        InvitationLink::Cancelled => {
            (StatusCode::GONE, "invitation-cancelled-title", "invitation-cancelled-text")
        }
        InvitationLink::Unknown | InvitationLink::Pending { .. } => {
            (StatusCode::NOT_FOUND, "invitation-unknown-title", "invitation-unknown-text")
        }
    };
    let rendered = InvitationPage {
        title: page.t(title),
        texts: vec![page.t(text)],
        step: Step::Gone,
        step_text: String::new(),
        action: String::new(),
        login_href: String::new(),
        form: JoinForm::default(),
        errors: FormErrors::default(),
        page,
    };
    (status, rendered).into_response()
}

/// Which step the person is at, from who is logged in and the invited address's account.
fn step_for(
    user: Option<&Account>,
    organisation: &Organisation,
    payload: &InvitationPayload,
    account_exists: bool,
) -> Step {
    match user {
        Some(user) if user.email != payload.email => Step::OtherAccount,
        Some(user) => match user.organisation_id {
            None => Step::Join,
            Some(id) if id == organisation.id => Step::AlreadyMember,
            Some(_) => Step::OtherOrganisation,
        },
        None if account_exists => Step::LogIn,
        None => Step::CreateAccount,
    }
}

/// The page of a usable invitation at `step`.
fn pending_page(
    page: Page,
    token: &str,
    user: Option<&Account>,
    organisation: &Organisation,
    payload: &InvitationPayload,
    expires_at: OffsetDateTime,
    step: Step,
) -> InvitationPage {
    let lang = page.lang;
    let arg = |v: &str| FluentValue::from(v.to_owned());
    let t = |key: &str, args: &[(&'static str, FluentValue<'_>)]| i18n::t_args(lang, key, args);
    let organisation_name = arg(&organisation.name);
    let email = arg(&payload.email);
    let action = format!("/invitation/{token}");
    let login_href = format!(
        "/connexion?retour={}",
        url::form_urlencoded::byte_serialize(action.as_bytes()).collect::<String>()
    );
    let step_text = match step {
        Step::Join | Step::Gone => String::new(),
        Step::AlreadyMember => page.t("invitation-already-member"),
        Step::OtherOrganisation => {
            t("invitation-other-organisation", &[("organisation", organisation_name.clone())])
        }
        Step::OtherAccount => t(
            "invitation-other-account",
            &[("email", email.clone()), ("current", arg(user.map_or("", |u| u.email.as_str())))],
        ),
        Step::LogIn => t("invitation-log-in", &[("email", email.clone())]),
        Step::CreateAccount => page.t("invitation-create"),
    };
    let title = if step == Step::OtherOrganisation {
        page.t("invitation-other-organisation-title")
    } else {
        t("invitation-title", &[("organisation", organisation_name.clone())])
    };
    let texts = vec![
        t(
            "invitation-intro",
            &[("inviter", arg(&payload.inviter_name)), ("organisation", organisation_name)],
        ),
        t(
            "invitation-for",
            &[("email", email), ("date", arg(&i18n::date(lang, paris::date_of(expires_at))))],
        ),
    ];
    InvitationPage {
        page,
        title,
        texts,
        step,
        step_text,
        action,
        login_href,
        form: JoinForm::default(),
        errors: FormErrors::default(),
    }
}

/// `GET /invitation/{token}`: what the invitation is and the way on; nothing is used up
/// here (mail scanners open links).
pub async fn show(
    State(app): State<AppState>,
    page: Page,
    user: Option<CurrentUser>,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if !tokens::looks_like_token(&token) {
        return Ok(gone(page, &InvitationLink::Unknown));
    }
    let now = OffsetDateTime::now_utc();
    let link = app.db.invitation_link(&tokens::hash(&token), now).await?;
    let InvitationLink::Pending { organisation, payload, expires_at, account } = &link else {
        return Ok(gone(page, &link));
    };
    let user = user.map(|CurrentUser(account)| account);
    let step = step_for(user.as_ref(), organisation, payload, account.is_some());
    Ok(pending_page(page, &token, user.as_ref(), organisation, payload, *expires_at, step)
        .into_response())
}

/// `POST /invitation/{token}`: joins the organisation — the account logged in, or a new
/// account (name and password; confirmed, since the link proves the address) which is then
/// logged in. Someone not logged in whose address has an account is sent to log in first; a
/// member of another organisation is refused (409) until they leave it. Side effects (by
/// `Db::accept_invitation`): the link used, the membership, audit `organisation.joined`
/// (and `account.created`, `login.succeeded` with a session for a new account).
pub async fn accept(
    State(app): State<AppState>,
    page: Page,
    user: Option<CurrentUser>,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
    Form(form): Form<JoinForm>,
) -> Result<Response, AppError> {
    if !tokens::looks_like_token(&token) {
        return Ok(gone(page, &InvitationLink::Unknown));
    }
    let token_hash = tokens::hash(&token);
    let now = OffsetDateTime::now_utc();
    let link = app.db.invitation_link(&token_hash, now).await?;
    let InvitationLink::Pending { organisation, payload, expires_at, account } = &link else {
        return Ok(gone(page, &link));
    };
    let user = user.map(|CurrentUser(account)| account);
    let step = step_for(user.as_ref(), organisation, payload, account.is_some());
    let render = |page: Page, step: Step| {
        pending_page(page, &token, user.as_ref(), organisation, payload, *expires_at, step)
    };
    let joiner_id = match step {
        Step::Join => user.as_ref().map(|u| u.id),
        Step::LogIn => return Ok(Redirect::to(&render(page, step).login_href).into_response()),
        Step::AlreadyMember => return Ok(Redirect::to(ORGANISATION).into_response()),
        Step::OtherOrganisation => {
            return Ok((StatusCode::CONFLICT, render(page, step)).into_response());
        }
        Step::OtherAccount => {
            return Ok((StatusCode::FORBIDDEN, render(page, step)).into_response());
        }
        Step::CreateAccount | Step::Gone => None,
    };
    let outcome = match joiner_id {
        Some(id) => {
            app.db.accept_invitation(&token_hash, &Joiner::Existing(id), &client, now).await?
        }
        None => {
            let lang = page.lang;
            let mut errors = FormErrors::default();
            let name = form.name.trim();
            if name.is_empty() {
                errors.add("name", lang, "error-name-empty");
            } else if name.chars().count() > 120 {
                errors.add("name", lang, "error-text-too-long");
            }
            let password = NewPassword::parse(&form.password, &payload.email);
            if let Err(error) = &password {
                errors.add("password", lang, error.message_key());
            }
            let (Ok(password), true) = (password, errors.is_empty()) else {
                let mut rendered = render(page, Step::CreateAccount);
                rendered.form =
                    JoinForm { name: form.name.trim().to_owned(), password: String::new() };
                rendered.errors = errors;
                return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
            };
            let password_hash = app.passwords.hash(password).await?;
            let joiner = Joiner::New { display_name: name, password_hash: &password_hash, lang };
            app.db.accept_invitation(&token_hash, &joiner, &client, now).await?
        }
    };
    match outcome {
        Joined::Joined { user_id, organisation_id } => {
            tracing::info!(user = %user_id, organisation = %organisation_id, "joined organisation");
            let mut response = Redirect::to(JOINED).into_response();
            if joiner_id.is_none() {
                let (session_token, session_hash) = tokens::new_token();
                app.db.create_session(&session_hash, user_id, now, session::LIFETIME).await?;
                let event = AuditEvent::by(
                    user_id,
                    "login.succeeded",
                    &client,
                    serde_json::json!({ "via": "invitation" }),
                );
                app.db.audit(&event, now).await?;
                let cookie = session::set_cookie(&session_token, app.settings.is_https());
                if let Ok(cookie) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().insert(SET_COOKIE, cookie);
                }
            }
            Ok(response)
        }
        Joined::AlreadyMember => Ok(Redirect::to(ORGANISATION).into_response()),
        Joined::OtherOrganisation => {
            Ok((StatusCode::CONFLICT, render(page, Step::OtherOrganisation)).into_response())
        }
        Joined::WrongAccount => {
            Ok((StatusCode::FORBIDDEN, render(page, Step::OtherAccount)).into_response())
        }
        Joined::AccountExists => {
            Ok(Redirect::to(&render(page, Step::LogIn).login_href).into_response())
        }
        Joined::LinkNotUsable => {
            let link = app.db.invitation_link(&token_hash, now).await?;
            Ok(gone(page, &link))
        }
    }
}
