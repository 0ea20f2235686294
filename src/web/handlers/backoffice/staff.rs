//! Back-office people: the first administrator through the setup link (`/installation/{token}`),
//! the administrators' page that lists and invites them (`/gestion/utilisateurs`), and the
//! invitation link where the invitee chooses a password (`/invitation-gestion/{token}`).

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;
use time::{Duration, OffsetDateTime};

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::auth::tokens;
use crate::db::staff::{self, InviteStaff, LinkRefusal, NewStaffAccount, StaffInvitation};
use crate::domain::email::EmailAddress;
use crate::domain::lang::Lang;
use crate::domain::password::NewPassword;
use crate::domain::role::Role;
use crate::i18n;
use crate::mail::Email;
use crate::mail::templates;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::FormErrors;
use crate::web::handlers::account::signup::NoticePage;
use crate::web::page::Page;

/// How long a back-office invitation works.
pub const INVITATION_LIFETIME: Duration = Duration::days(7);

fn refusal_page(page: Page, refusal: LinkRefusal) -> Response {
    let (status, key) = match refusal {
        LinkRefusal::Unknown => (StatusCode::NOT_FOUND, "staff-link-unknown"),
        LinkRefusal::Expired => (StatusCode::GONE, "staff-link-expired"),
        LinkRefusal::Used => (StatusCode::GONE, "staff-link-used"),
        LinkRefusal::AdminExists => (StatusCode::GONE, "staff-link-admin-exists"),
        LinkRefusal::AddressTaken => (StatusCode::CONFLICT, "staff-link-address-taken"),
    };
    let notice = NoticePage {
        title: page.t("staff-link-title"),
        text: page.t(key),
        link: Some(("/connexion".to_owned(), page.t("nav-login"))),
        action: None,
        page,
    };
    (status, notice).into_response()
}

fn role_label(lang: Lang, role: Role, network: Option<&str>) -> String {
    let role = i18n::t(lang, &format!("role-{}", role.code()));
    match network {
        Some(network) => format!("{role} — {}", network.to_uppercase()),
        None => role,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AccountForm {
    email: String,
    name: String,
    password: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/staff_account.html")]
pub struct AccountPage {
    page: Page,
    action: String,
    title: String,
    intro: String,
    submit: String,
    /// The setup form asks for the address; an invitation knows it.
    ask_email: bool,
    form: AccountForm,
    errors: FormErrors,
}

/// Checks the name and password (and the address, when asked); every error next to its field.
fn read_account(
    form: &AccountForm,
    email: Option<&str>,
    lang: Lang,
    errors: &mut FormErrors,
) -> Option<(EmailAddress, NewPassword)> {
    let address = email.unwrap_or(&form.email);
    let email =
        EmailAddress::parse(address).map_err(|e| errors.add("email", lang, e.message_key()));
    let name = form.name.trim();
    if name.is_empty() {
        errors.add("name", lang, "error-name-empty");
    } else if name.chars().count() > 120 {
        errors.add("name", lang, "error-text-too-long");
    }
    let password = NewPassword::parse(&form.password, address)
        .map_err(|e| errors.add("password", lang, e.message_key()));
    match (email, password) {
        (Ok(email), Ok(password)) if errors.is_empty() => Some((email, password)),
        _ => None,
    }
}

/// `GET /installation/{token}`: the form of the first administrator.
pub async fn setup_form(
    State(app): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    let now = OffsetDateTime::now_utc();
    if !tokens::looks_like_token(&token) {
        return Ok(refusal_page(page, LinkRefusal::Unknown));
    }
    if let Err(refusal) = app.db.staff_link(&tokens::hash(&token), staff::SETUP, now).await? {
        return Ok(refusal_page(page, refusal));
    }
    if app.db.count_admins().await? > 0 {
        return Ok(refusal_page(page, LinkRefusal::AdminExists));
    }
    Ok(AccountPage {
        action: format!("/installation/{token}"),
        title: page.t("setup-title"),
        intro: page.t("setup-intro"),
        submit: page.t("setup-submit"),
        ask_email: true,
        form: AccountForm::default(),
        errors: FormErrors::default(),
        page,
    }
    .into_response())
}

/// `POST /installation/{token}`: creates the first administrator, once, while none exists.
pub async fn setup(
    State(app): State<AppState>,
    page: Page,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
    Form(form): Form<AccountForm>,
) -> Result<Response, AppError> {
    if !tokens::looks_like_token(&token) {
        return Ok(refusal_page(page, LinkRefusal::Unknown));
    }
    let mut errors = FormErrors::default();
    let Some((email, password)) = read_account(&form, None, page.lang, &mut errors) else {
        let form = AccountForm { password: String::new(), ..form };
        let rendered = AccountPage {
            action: format!("/installation/{token}"),
            title: page.t("setup-title"),
            intro: page.t("setup-intro"),
            submit: page.t("setup-submit"),
            ask_email: true,
            form,
            errors,
            page,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
    };
    let password_hash = app.passwords.hash(password).await?;
    let account = NewStaffAccount { display_name: form.name.trim(), password_hash: &password_hash };
    let now = OffsetDateTime::now_utc();
    match app.db.create_first_admin(&tokens::hash(&token), &email, &account, &client, now).await? {
        Err(refusal) => Ok(refusal_page(page, refusal)),
        Ok(id) => {
            tracing::info!(user = %id, "first administrator created");
            Ok(accepted(page))
        }
    }
}

fn accepted(page: Page) -> Response {
    NoticePage {
        title: page.t("staff-accepted-title"),
        text: page.t("staff-accepted-text"),
        link: Some(("/connexion".to_owned(), page.t("nav-login"))),
        action: None,
        page,
    }
    .into_response()
}

pub struct MemberView {
    pub email: String,
    pub name: String,
    pub role: String,
    pub network: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InviteForm {
    email: String,
    role: String,
    network: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/staff.html")]
pub struct StaffPage {
    page: Page,
    members: Vec<MemberView>,
    roles: Vec<(&'static str, String)>,
    networks: Vec<(String, String)>,
    form: InviteForm,
    errors: FormErrors,
    notice: Option<String>,
}

async fn staff_page(
    app: &AppState,
    page: Page,
    form: InviteForm,
    errors: FormErrors,
    notice: Option<String>,
) -> Result<StaffPage, AppError> {
    let lang = page.lang;
    let members = app
        .db
        .staff_members()
        .await?
        .into_iter()
        .map(|m| MemberView {
            email: m.email,
            name: m.display_name,
            role: Role::parse(&m.role)
                .map_or(m.role.clone(), |r| i18n::t(lang, &format!("role-{}", r.code()))),
            network: m.network.unwrap_or_default(),
        })
        .collect();
    let roles = Role::ALL
        .iter()
        .map(|r| (r.code(), i18n::t(lang, &format!("role-{}", r.code()))))
        .collect();
    let networks = match app.content.call(&app.db).await? {
        Some(call) => call
            .call
            .networks
            .iter()
            .map(|n| (n.slug.clone(), n.name.get(lang).to_owned()))
            .collect(),
        None => Vec::new(),
    };
    Ok(StaffPage { page, members, roles, networks, form, errors, notice })
}

/// `GET /gestion/utilisateurs`.
pub async fn list(State(app): State<AppState>, page: Page) -> Result<StaffPage, AppError> {
    staff_page(&app, page, InviteForm::default(), FormErrors::default(), None).await
}

/// `POST /gestion/utilisateurs`: invites a back-office person by email (link valid 7 days).
/// Side effects in one transaction: the link, the email, `role.invited` in the audit log.
pub async fn invite(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(admin): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(form): Form<InviteForm>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let mut errors = FormErrors::default();
    let email =
        EmailAddress::parse(&form.email).map_err(|e| errors.add("email", lang, e.message_key()));
    let role = Role::parse(&form.role);
    if role.is_none() {
        errors.add("role", lang, "staff-error-role");
    }
    let network = Some(form.network.trim()).filter(|n| !n.is_empty()).map(str::to_owned);
    let network_ok = match (&role, &network) {
        (Some(role), Some(slug)) => role.needs_network() && app.db.network_exists(slug).await?,
        (Some(role), None) => !role.needs_network(),
        (None, _) => true,
    };
    if !network_ok {
        errors.add("network", lang, "staff-error-network");
    }
    let (Ok(email), Some(role), true) = (email, role, errors.is_empty()) else {
        let rendered = staff_page(&app, page, form, errors, None).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, rendered).into_response());
    };
    let (token, token_hash) = tokens::new_token();
    let link = format!(
        "{}/invitation-gestion/{token}",
        app.settings.base_url.as_str().trim_end_matches('/')
    );
    let message = templates::StaffInvitation {
        lang: Lang::Fr,
        role: role_label(Lang::Fr, role, network.as_deref()),
        link,
    }
    .render()
    .map_err(anyhow::Error::from)?;
    let invitation = StaffInvitation { email: email.to_string(), role, network };
    let now = OffsetDateTime::now_utc();
    let kind = templates::StaffInvitation::KIND;
    let invite = InviteStaff {
        token_hash: &token_hash,
        invitation: &invitation,
        inviter: admin.id,
        mail: (kind, &message),
        client: &client,
        lifetime: INVITATION_LIFETIME,
    };
    app.db.invite_staff(&invite, now).await?;
    app.mail_wakeup.notify_one();
    let notice =
        i18n::t_args(lang, "staff-invited", &[("email", FluentValue::from(email.to_string()))]);
    Ok(staff_page(&app, page, InviteForm::default(), FormErrors::default(), Some(notice))
        .await?
        .into_response())
}

async fn invitation_page(
    app: &AppState,
    page: Page,
    token: &str,
    form: AccountForm,
    errors: FormErrors,
) -> Result<Response, AppError> {
    let now = OffsetDateTime::now_utc();
    let invitation =
        match app.db.staff_link(&tokens::hash(token), staff::STAFF_INVITATION, now).await? {
            Err(refusal) => return Ok(refusal_page(page, refusal)),
            Ok(Some(invitation)) => invitation,
            Ok(None) => return Ok(refusal_page(page, LinkRefusal::Unknown)),
        };
    let lang = page.lang;
    let role = role_label(lang, invitation.role, invitation.network.as_deref());
    let intro = i18n::t_args(
        lang,
        "staff-accept-intro",
        &[
            ("email", FluentValue::from(invitation.email.clone())),
            ("role", FluentValue::from(role)),
        ],
    );
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let rendered = AccountPage {
        action: format!("/invitation-gestion/{token}"),
        title: page.t("staff-accept-title"),
        intro,
        submit: page.t("staff-accept-submit"),
        ask_email: false,
        form: AccountForm { email: invitation.email, password: String::new(), ..form },
        errors,
        page,
    };
    Ok((status, rendered).into_response())
}

/// `GET /invitation-gestion/{token}`.
pub async fn accept_form(
    State(app): State<AppState>,
    page: Page,
    Path(token): Path<String>,
) -> Result<Response, AppError> {
    if !tokens::looks_like_token(&token) {
        return Ok(refusal_page(page, LinkRefusal::Unknown));
    }
    invitation_page(&app, page, &token, AccountForm::default(), FormErrors::default()).await
}

/// `POST /invitation-gestion/{token}`: creates the invited account with its role, once.
pub async fn accept(
    State(app): State<AppState>,
    page: Page,
    ClientAddress(client): ClientAddress,
    Path(token): Path<String>,
    Form(form): Form<AccountForm>,
) -> Result<Response, AppError> {
    if !tokens::looks_like_token(&token) {
        return Ok(refusal_page(page, LinkRefusal::Unknown));
    }
    let now = OffsetDateTime::now_utc();
    let invited =
        match app.db.staff_link(&tokens::hash(&token), staff::STAFF_INVITATION, now).await? {
            Ok(Some(invitation)) => invitation.email,
            Ok(None) => return Ok(refusal_page(page, LinkRefusal::Unknown)),
            Err(refusal) => return Ok(refusal_page(page, refusal)),
        };
    let mut errors = FormErrors::default();
    let Some((_, password)) = read_account(&form, Some(&invited), page.lang, &mut errors) else {
        return invitation_page(&app, page, &token, form, errors).await;
    };
    let password_hash = app.passwords.hash(password).await?;
    let account = NewStaffAccount { display_name: form.name.trim(), password_hash: &password_hash };
    match app.db.accept_staff_invitation(&tokens::hash(&token), &account, &client, now).await? {
        Err(refusal) => Ok(refusal_page(page, refusal)),
        Ok(id) => {
            tracing::info!(user = %id, "back-office invitation accepted");
            Ok(accepted(page))
        }
    }
}
