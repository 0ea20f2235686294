//! `/espace/organisation`: the organisation of the person logged in — its name and SIRET, its
//! members, its pending invitations — and what members do there: edit it, invite a colleague,
//! cancel an invitation, leave. Every query is keyed by the session's own organisation, never
//! by an id from the request.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::auth::tokens;
use crate::db::accounts::Account;
use crate::db::organisations::{Invited, Left, NewInvitation};
use crate::domain::email::EmailAddress;
use crate::domain::paris;
use crate::domain::siret::Siret;
use crate::i18n;
use crate::mail::Email;
use crate::mail::templates::Invitation;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::FormErrors;
use crate::web::page::Page;

/// How long an invitation link works.
pub const INVITATION_LIFETIME: Duration = Duration::days(7);
/// At most this many invitations per organisation in 24 hours (cancelled ones count).
pub const DAILY_INVITATIONS: i64 = 20;
/// The longest organisation name accepted.
const NAME_MAX_CHARS: usize = 150;

const PATH: &str = "/espace/organisation";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OrganisationForm {
    name: String,
    siret: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    email: String,
}

/// What a redirect after an action says it did (`?fait=`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Done {
    fait: String,
}

pub struct MemberView {
    name: String,
    email: String,
    is_you: bool,
}

pub struct InvitationView {
    email: String,
    sent_on: String,
    expires_on: String,
}

/// The organisation part of the page, absent for an account without organisation.
pub struct OrganisationView {
    members: Vec<MemberView>,
    invitations: Vec<InvitationView>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/candidate/organisation.html")]
pub struct OrganisationPage {
    page: Page,
    organisation: Option<OrganisationView>,
    notice: Option<String>,
    /// The identity form: the stored values, or the input sent back with its errors.
    form: OrganisationForm,
    invite_email: String,
    /// The errors of whichever form was sent: `name`, `siret`, `invite-email` or `leave`.
    errors: FormErrors,
}

impl OrganisationPage {
    fn respond(self, status: StatusCode) -> Response {
        (status, self).into_response()
    }
}

/// The page for `account`, with its organisation as stored. `form` (if given) replaces the
/// stored name and SIRET, to send input back with its errors.
async fn load(
    app: &AppState,
    page: Page,
    account: &Account,
    form: Option<OrganisationForm>,
) -> Result<OrganisationPage, AppError> {
    let lang = page.lang;
    let sent_back = form.is_some();
    let mut rendered = OrganisationPage {
        page,
        organisation: None,
        notice: None,
        form: form.unwrap_or_default(),
        invite_email: String::new(),
        errors: FormErrors::default(),
    };
    let Some(organisation_id) = account.organisation_id else {
        return Ok(rendered);
    };
    let Some(organisation) = app.db.organisation(organisation_id).await? else {
        return Ok(rendered);
    };
    let now = OffsetDateTime::now_utc();
    let members = app.db.organisation_members(organisation_id).await?;
    let invitations = app.db.pending_invitations(organisation_id, now).await?;
    let day = |at: OffsetDateTime| i18n::date(lang, paris::date_of(at));
    if !sent_back {
        rendered.form = OrganisationForm {
            name: organisation.name,
            siret: organisation
                .siret
                .as_deref()
                .and_then(|s| Siret::parse(s).ok())
                .map_or_else(|| organisation.siret.clone().unwrap_or_default(), |s| s.to_string()),
        };
    }
    rendered.organisation = Some(OrganisationView {
        members: members
            .into_iter()
            .map(|m| MemberView {
                is_you: m.id == account.id,
                name: m.display_name,
                email: m.email,
            })
            .collect(),
        invitations: invitations
            .into_iter()
            .map(|i| InvitationView {
                sent_on: day(i.sent_at),
                expires_on: day(i.expires_at),
                email: i.email,
            })
            .collect(),
    });
    Ok(rendered)
}

/// The organisation of an account, or the page that explains it has none (409 for an action).
async fn organisation_of(
    app: &AppState,
    page: &Page,
    account: &Account,
) -> Result<Result<Uuid, Response>, AppError> {
    match account.organisation_id {
        Some(id) => Ok(Ok(id)),
        None => {
            Ok(Err(load(app, page.clone(), account, None).await?.respond(StatusCode::CONFLICT)))
        }
    }
}

fn done(what: &str) -> Redirect {
    Redirect::to(&format!("{PATH}?fait={what}"))
}

/// `GET /espace/organisation`: the organisation, its members and pending invitations, and
/// the forms to edit it, invite and leave; for an account without organisation, why not.
pub async fn show(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Query(query): Query<Done>,
) -> Result<OrganisationPage, AppError> {
    let key = match query.fait.as_str() {
        "enregistre" => Some("organisation-done-saved"),
        "invitation" => Some("organisation-done-invited"),
        "annulee" => Some("organisation-done-cancelled"),
        "rejoint" => Some("organisation-done-joined"),
        "quittee" => Some("organisation-done-left"),
        _ => None,
    };
    let notice = key.map(|k| page.t(k));
    let mut rendered = load(&app, page, &account, None).await?;
    rendered.notice = notice;
    Ok(rendered)
}

/// `POST /espace/organisation`: a new name (1 to 150 characters) and an optional SIRET (14
/// digits with a valid key); each error next to its field, input kept. Side effect:
/// audit `organisation.updated`.
pub async fn update(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(form): Form<OrganisationForm>,
) -> Result<Response, AppError> {
    let organisation_id = match organisation_of(&app, &page, &account).await? {
        Ok(id) => id,
        Err(refused) => return Ok(refused),
    };
    let lang = page.lang;
    let mut errors = FormErrors::default();
    let name = form.name.trim();
    if name.is_empty() {
        errors.add("name", lang, "error-organisation-empty");
    } else if name.chars().count() > NAME_MAX_CHARS {
        errors.add("name", lang, "error-text-too-long");
    }
    let siret = match form.siret.trim() {
        "" => None,
        text => match Siret::parse(text) {
            Ok(siret) => Some(siret),
            Err(error) => {
                errors.add("siret", lang, error.message_key());
                None
            }
        },
    };
    if !errors.is_empty() {
        let mut rendered = load(&app, page, &account, Some(form)).await?;
        rendered.errors = errors;
        return Ok(rendered.respond(StatusCode::UNPROCESSABLE_ENTITY));
    }
    let now = OffsetDateTime::now_utc();
    app.db
        .update_organisation(organisation_id, name, siret.as_ref(), account.id, &client, now)
        .await?;
    tracing::info!(user = %account.id, organisation = %organisation_id, "organisation updated");
    Ok(done("enregistre").into_response())
}

/// `POST /espace/organisation/invitations`: emails a colleague a link to join (7 days, single
/// use); a new invitation of the same address replaces the pending one. Refused for a
/// member's address (422) and past 20 invitations a day (429). Side effects: a `tokens` row,
/// the `invitation` email, audit `organisation.invited`.
pub async fn invite(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let organisation_id = match organisation_of(&app, &page, &account).await? {
        Ok(id) => id,
        Err(refused) => return Ok(refused),
    };
    let lang = page.lang;
    let refuse = async |page: Page, key: &'static str, status: StatusCode| {
        let mut rendered = load(&app, page, &account, None).await?;
        rendered.errors.add("invite-email", lang, key);
        rendered.invite_email = form.email.trim().to_owned();
        Ok::<_, AppError>(rendered.respond(status))
    };
    let email = match EmailAddress::parse(&form.email) {
        Ok(email) => email,
        Err(error) => {
            return refuse(page, error.message_key(), StatusCode::UNPROCESSABLE_ENTITY).await;
        }
    };
    let Some(organisation) = app.db.organisation(organisation_id).await? else {
        return Err(AppError::NotFound);
    };
    let now = OffsetDateTime::now_utc();
    let (token, token_hash) = tokens::new_token();
    let inviter = if account.display_name.is_empty() {
        account.email.clone()
    } else {
        account.display_name.clone()
    };
    let message = Invitation {
        lang,
        organisation: organisation.name,
        inviter: inviter.clone(),
        link: format!(
            "{}/invitation/{token}",
            app.settings.base_url.as_str().trim_end_matches('/')
        ),
    }
    .render()
    .map_err(anyhow::Error::from)?;
    let new = NewInvitation {
        organisation_id,
        email: &email,
        inviter_id: account.id,
        inviter_name: &inviter,
        token_hash: &token_hash,
        lifetime: INVITATION_LIFETIME,
        daily_limit: DAILY_INVITATIONS,
        email_kind: Invitation::KIND,
        message: &message,
    };
    match app.db.invite_to_organisation(&new, &client, now).await? {
        Invited::Sent => {
            app.mail_wakeup.notify_one();
            tracing::info!(user = %account.id, organisation = %organisation_id, "invitation sent");
            Ok(done("invitation").into_response())
        }
        Invited::AlreadyMember => {
            refuse(page, "organisation-error-already-member", StatusCode::UNPROCESSABLE_ENTITY)
                .await
        }
        Invited::Throttled => {
            tracing::warn!(organisation = %organisation_id, "invitations refused: daily limit");
            refuse(page, "organisation-error-invite-throttled", StatusCode::TOO_MANY_REQUESTS).await
        }
    }
}

/// `POST /espace/organisation/invitations/annuler`: cancels the pending invitation of an
/// address to the member's own organisation; its link stops working. Any other address —
/// including one invited by another organisation — is 404. Side effect: audit
/// `organisation.invitation_cancelled`.
pub async fn cancel_invitation(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let (Some(organisation_id), Ok(email)) =
        (account.organisation_id, EmailAddress::parse(&form.email))
    else {
        return Err(AppError::NotFound);
    };
    let now = OffsetDateTime::now_utc();
    let cancelled =
        app.db.cancel_invitation(organisation_id, email.as_str(), account.id, &client, now).await?;
    if !cancelled {
        return Err(AppError::NotFound);
    }
    tracing::info!(user = %account.id, organisation = %organisation_id, "invitation cancelled");
    Ok(done("annulee").into_response())
}

/// `POST /espace/organisation/quitter`: the member leaves (their account stays, without
/// organisation); the last member is refused with the reason (409). Side effect: audit
/// `organisation.left`.
pub async fn leave(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
) -> Result<Response, AppError> {
    let now = OffsetDateTime::now_utc();
    match app.db.leave_organisation(account.id, &client, now).await? {
        Left::Left => {
            tracing::info!(user = %account.id, "left organisation");
            Ok(done("quittee").into_response())
        }
        Left::LastMember => {
            let lang = page.lang;
            let mut rendered = load(&app, page, &account, None).await?;
            rendered.errors.add("leave", lang, "organisation-error-last-member");
            Ok(rendered.respond(StatusCode::CONFLICT))
        }
        Left::NotMember => {
            Ok(load(&app, page, &account, None).await?.respond(StatusCode::CONFLICT))
        }
    }
}
