//! `/espace/mes-donnees`: what the platform holds about the person logged in, its download as a
//! ZIP, and the erasure of their account (RGPD; ASVS 4.0.3 8.3.2).

use std::io::Write;

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::header::{
    CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE, RETRY_AFTER, SET_COOKIE,
};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};
use time::{OffsetDateTime, PrimitiveDateTime};
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::session::{self, CurrentUser};
use crate::auth::{throttle, tokens};
use crate::db::audit::AuditEvent;
use crate::db::my_data::{AuditRole, MyData, Purge};
use crate::domain::lang::Lang;
use crate::domain::paris;
use crate::i18n;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::forms::FormErrors;
use crate::web::page::Page;

/// The value the confirmation checkbox sends.
const CONFIRMED: &str = "oui";

/// At most this many audit events are listed on the page; the download has them all.
const EVENTS_SHOWN: usize = 20;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ErasureForm {
    password: String,
    confirmer: String,
}

/// One line of a table on the page, already in the person's language.
pub struct SessionView {
    created: String,
    last_seen: String,
    expires: String,
    current: bool,
}

pub struct EventView {
    at: String,
    event: String,
    role: String,
}

pub struct EmailView {
    subject: String,
    queued: String,
    sent: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/account/my_data.html")]
pub struct MyDataPage {
    page: Page,
    email: String,
    name: String,
    language: String,
    created: String,
    confirmed: String,
    roles: Vec<String>,
    /// Name, SIRET (or "—"), and whether the person is its last member.
    organisation: Option<(String, String, bool)>,
    sessions: Vec<SessionView>,
    events: Vec<EventView>,
    events_intro: String,
    emails: Vec<EmailView>,
    links_and_attempts: String,
    errors: FormErrors,
    confirm_checked: bool,
}

/// Reuses the one-message page of the account pages (sign-up, confirmation).
#[derive(Template, WebTemplate)]
#[template(path = "pages/account/notice.html")]
pub struct ErasedPage {
    page: Page,
    title: String,
    text: String,
    link: Option<(String, String)>,
    action: Option<(String, String)>,
}

fn when(lang: Lang, at: OffsetDateTime) -> String {
    i18n::datetime(lang, at)
}

/// A message with numbers as its arguments.
fn count(lang: Lang, key: &str, numbers: &[(&'static str, usize)]) -> String {
    let args: Vec<(&'static str, FluentValue<'_>)> =
        numbers.iter().map(|(name, n)| (*name, FluentValue::from(*n))).collect();
    i18n::t_args(lang, key, &args)
}

fn view(page: Page, data: MyData, errors: FormErrors, confirm_checked: bool) -> MyDataPage {
    let lang = page.lang;
    let none = || "—".to_owned();
    let account = &data.account;
    let role_name = |role: AuditRole| {
        i18n::t(
            lang,
            match role {
                AuditRole::Actor => "my-data-event-actor",
                AuditRole::Subject => "my-data-event-subject",
                AuditRole::ActorAndSubject => "my-data-event-both",
                AuditRole::Mentioned => "my-data-event-mentioned",
            },
        )
    };
    MyDataPage {
        email: account.email.clone(),
        name: account.display_name.clone(),
        language: Lang::parse(&account.lang).unwrap_or_default().endonym().to_owned(),
        created: when(lang, account.created_at),
        confirmed: account.email_confirmed_at.map_or_else(none, |at| when(lang, at)),
        roles: data
            .roles
            .iter()
            .map(|r| {
                let name = i18n::t(lang, &format!("role-{}", r.role));
                match &r.network {
                    Some(network) => format!("{name} — {}", network.to_uppercase()),
                    None => name,
                }
            })
            .collect(),
        organisation: data
            .organisation
            .as_ref()
            .map(|o| (o.name.clone(), o.siret.clone().unwrap_or_else(none), o.members <= 1)),
        sessions: data
            .sessions
            .iter()
            .map(|s| SessionView {
                created: when(lang, s.created_at),
                last_seen: when(lang, s.last_seen_at),
                expires: when(lang, s.expires_at),
                current: s.current,
            })
            .collect(),
        events_intro: count(lang, "my-data-events-intro", &[("count", data.audit_log.len())]),
        events: data
            .audit_log
            .iter()
            .rev()
            .take(EVENTS_SHOWN)
            .map(|e| EventView {
                at: when(lang, e.at),
                event: e.event.clone(),
                role: role_name(e.role),
            })
            .collect(),
        emails: data
            .emails
            .iter()
            .map(|e| EmailView {
                subject: e.subject.clone(),
                queued: when(lang, e.created_at),
                sent: e
                    .sent_at
                    .map_or_else(|| i18n::t(lang, "my-data-email-not-sent"), |at| when(lang, at)),
            })
            .collect(),
        links_and_attempts: count(
            lang,
            "my-data-links-and-attempts",
            &[("links", data.tokens.len()), ("attempts", data.auth_attempts.len())],
        ),
        errors,
        confirm_checked,
        page,
    }
}

/// The hash of the request's session cookie, which names the current session.
fn current_session(app: &AppState, headers: &HeaderMap) -> Option<String> {
    session::session_token(headers, app.settings.is_https()).map(tokens::hash)
}

async fn load(app: &AppState, user: Uuid, headers: &HeaderMap) -> Result<MyData, AppError> {
    app.db.my_data(user, current_session(app, headers).as_deref()).await?.ok_or(AppError::NotFound)
}

/// `GET /espace/mes-donnees`: what the platform holds, what erasure removes and keeps, the
/// download button and the erasure form.
pub async fn show(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    headers: HeaderMap,
) -> Result<MyDataPage, AppError> {
    let data = load(&app, account.id, &headers).await?;
    Ok(view(page, data, FormErrors::default(), false))
}

/// The document `donnees.json` holds: the time of the export, then every section of `MyData`.
#[derive(Serialize)]
struct Export<'a> {
    format: &'static str,
    #[serde(with = "time::serde::rfc3339")]
    generated_at: OffsetDateTime,
    #[serde(flatten)]
    data: &'a MyData,
    /// The names of the files under `fichiers/`.
    files: Vec<&'a str>,
}

/// A file of the person's, copied into the archive under `fichiers/`.
pub struct ExportFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

const README: &str = "\
Vos données sur la plateforme des PTCE
======================================

Cette archive contient tout ce que la plateforme détient sur vous au moment du téléchargement.

- donnees.json : vos données, au format JSON (lisible dans un éditeur de texte) :
  account (votre compte ; le mot de passe n'est jamais conservé en clair, seule son empreinte
  l'est, et elle n'est pas exportée), organisation, roles (rôles dans la gestion de l'appel),
  sessions (connexions ouvertes : création, dernière activité, fin), tokens (liens à usage
  unique envoyés par courriel), auth_attempts (tentatives de connexion faites avec votre
  adresse), audit_log (événements du journal de sécurité où vous agissez ou êtes concerné ;
  role : actor = vous avez agi, subject = votre compte est concerné, mentioned = votre adresse
  figure dans le détail), emails (messages adressés à votre adresse : objet et texte).
  Les dates sont en temps universel (UTC), au format RFC 3339.
- fichiers/ : les fichiers que vous avez déposés (pièces jointes de vos dossiers), lorsqu'il y
  en a.

Pour faire effacer votre compte : page « Mes données » de votre espace.


Your data on the PTCE platform
==============================

This archive holds everything the platform holds about you at the time of the download.

- donnees.json: your data, as JSON (readable in a text editor): account (your account; the
  password is never stored in clear, only its hash is, and the hash is not exported),
  organisation, roles (roles in running the call), sessions (open logins: created, last
  active, end), tokens (single-use links sent by email), auth_attempts (login attempts made
  with your address), audit_log (security log events where you act or are concerned; role:
  actor = you acted, subject = your account is concerned, mentioned = your address appears in
  the detail), emails (messages to your address: subject and text).
  Times are in Coordinated Universal Time (UTC), as RFC 3339.
- fichiers/: the files you uploaded (attachments of your dossiers), when there are any.

To have your account erased: the \"My data\" page of your space.
";

/// The archive: `donnees.json`, `LISEZMOI.txt`, and each file under `fichiers/`.
fn archive(data: &MyData, files: &[ExportFile], now: OffsetDateTime) -> anyhow::Result<Vec<u8>> {
    let local = paris::to_paris(now);
    let stamp = zip::DateTime::try_from(PrimitiveDateTime::new(local.date(), local.time()))
        .unwrap_or_default();
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(stamp)
        .unix_permissions(0o644);
    let document = Export {
        format: "ptce-mes-donnees/1",
        generated_at: now,
        data,
        files: files.iter().map(|f| f.name.as_str()).collect(),
    };
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("donnees.json", options)?;
    serde_json::to_writer_pretty(&mut zip, &document)?;
    zip.write_all(b"\n")?;
    zip.start_file("LISEZMOI.txt", options)?;
    zip.write_all(README.as_bytes())?;
    for file in files {
        zip.start_file(format!("fichiers/{}", file.name), options)?;
        zip.write_all(&file.bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// `GET /espace/mes-donnees/export`: the ZIP of everything about the person. Side effect: an
/// `account.exported` audit event.
pub async fn export(
    State(app): State<AppState>,
    ClientAddress(client): ClientAddress,
    CurrentUser(account): CurrentUser,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let now = OffsetDateTime::now_utc();
    let data = load(&app, account.id, &headers).await?;
    // The files of the person's dossiers (attachments) arrive with the dossiers: read them
    // here from the file storage, with names that cannot leave `fichiers/` (the storage's own
    // ids), and they go into the archive beside donnees.json.
    let files: Vec<ExportFile> = Vec::new();
    let bytes = archive(&data, &files, now)?;
    let event = AuditEvent::by(account.id, "account.exported", &client, serde_json::json!({}));
    app.db.audit(&event, now).await?;
    let date = paris::date_of(now);
    let disposition = format!(
        "attachment; filename=\"ptce-mes-donnees-{:04}-{:02}-{:02}.zip\"",
        date.year(),
        u8::from(date.month()),
        date.day()
    );
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/zip"));
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

const CLEAR_SITE_DATA: HeaderName = HeaderName::from_static("clear-site-data");

/// `POST /espace/mes-donnees/effacement`: with the current password and the confirmation box,
/// erases the account (`Db::erase_account`: one transaction, see there for what is deleted,
/// anonymised and recorded), wipes the erased bytes from the database files
/// (`Db::purge_erased`) and the copies of the deleted emails the file transport wrote, then
/// ends the session in the browser. Without both fields, or with a wrong password, nothing is
/// erased and the reason is shown next to the field; a wrong password counts as a failed login
/// (`auth_attempts`, throttled like logins) and is recorded as `account.erasure_refused`.
pub async fn erase(
    State(app): State<AppState>,
    mut page: Page,
    ClientAddress(client): ClientAddress,
    CurrentUser(account): CurrentUser,
    headers: HeaderMap,
    Form(form): Form<ErasureForm>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let now = OffsetDateTime::now_utc();
    let confirmed = form.confirmer == CONFIRMED;
    let mut errors = FormErrors::default();
    if form.password.is_empty() {
        errors.add("password", lang, "my-data-error-password-empty");
    }
    if !confirmed {
        errors.add("confirmer", lang, "my-data-error-confirm");
    }
    let refuse = |status: StatusCode, errors: FormErrors, data: MyData, page: Page| {
        (status, view(page, data, errors, confirmed)).into_response()
    };
    if !errors.is_empty() {
        let data = load(&app, account.id, &headers).await?;
        return Ok(refuse(StatusCode::UNPROCESSABLE_ENTITY, errors, data, page));
    }
    let limit = throttle::LOGIN;
    if let Err(retry) = throttle::check(&app.db, limit, Some(&account.email), &client, now).await? {
        tracing::warn!(client = %client, "erasure refused: too many failed passwords");
        errors.add("password", lang, "my-data-error-throttled");
        let data = load(&app, account.id, &headers).await?;
        let mut response = refuse(StatusCode::TOO_MANY_REQUESTS, errors, data, page);
        if let Ok(value) = HeaderValue::from_str(&retry.whole_seconds().max(1).to_string()) {
            response.headers_mut().insert(RETRY_AFTER, value);
        }
        return Ok(response);
    }
    let hash = app.db.password_hash(account.id).await?;
    if !app.passwords.verify(form.password, hash).await? {
        app.db.record_attempt(limit.kind, Some(&account.email), &client, false, now).await?;
        let event = AuditEvent::by(
            account.id,
            "account.erasure_refused",
            &client,
            serde_json::json!({ "reason": "wrong_password" }),
        );
        app.db.audit(&event, now).await?;
        errors.add("password", lang, "my-data-error-password-wrong");
        let data = load(&app, account.id, &headers).await?;
        return Ok(refuse(StatusCode::UNPROCESSABLE_ENTITY, errors, data, page));
    }

    let erased = app.db.erase_account(account.id, &client, now).await?;
    match app.db.purge_erased(&account.email).await {
        Ok(Purge::Complete) => {}
        Ok(Purge::Rebuilt) => {
            tracing::info!("account erased: a stale copy was left in a page, the file was rebuilt");
        }
        Ok(Purge::WalStillInUse) => tracing::warn!(
            "account erased; readers kept the SQLite write-ahead log from being emptied: the \
             erased rows leave it at the next checkpoint"
        ),
        Ok(Purge::AddressStillLive) => tracing::warn!(
            "account erased; its address is still in the database file as data outside the \
             account (e.g. a referent contact published in the call)"
        ),
        Err(error) => tracing::error!(
            %error,
            "account erased, but wiping the database files failed: the erased bytes stay on \
             disk until the next checkpoint or VACUUM"
        ),
    }
    if let Some(erased) = &erased {
        remove_sent_copies(&app, &erased.email_ids).await;
        tracing::info!(
            sessions = erased.sessions,
            emails = erased.emails,
            audit_events = erased.audit_events_anonymised,
            organisation_removed = erased.organisation_removed,
            "account erased"
        );
    }

    page.user = None;
    let done = ErasedPage {
        title: page.t("my-data-erased-title"),
        text: page.t("my-data-erased-text"),
        link: Some(("/".to_owned(), page.t("error-back-home"))),
        action: None,
        page,
    };
    let mut response = done.into_response();
    let headers = response.headers_mut();
    if let Ok(cookie) = HeaderValue::from_str(&session::clear_cookie(app.settings.is_https())) {
        headers.insert(SET_COOKIE, cookie);
    }
    headers
        .insert(CLEAR_SITE_DATA, HeaderValue::from_static("\"cache\", \"cookies\", \"storage\""));
    Ok(response)
}

/// Without SMTP, the email worker writes each message to `MAIL_DIR/<time>-<id>.eml`: those
/// copies of the erased messages go too. Best effort: a failure is logged.
async fn remove_sent_copies(app: &AppState, ids: &[Uuid]) {
    if app.settings.smtp_url.is_some() || ids.is_empty() {
        return;
    }
    let suffixes: Vec<String> = ids.iter().map(|id| format!("-{id}.eml")).collect();
    let Ok(mut entries) = tokio::fs::read_dir(&app.settings.mail_dir).await else {
        return;
    };
    while let Ok(Some(entry)) = entries.next_entry().await {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if suffixes.iter().any(|s| name.ends_with(s.as_str()))
            && let Err(error) = tokio::fs::remove_file(entry.path()).await
        {
            tracing::warn!(%error, file = %name, "could not remove the copy of an erased email");
        }
    }
}
