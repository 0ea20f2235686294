//! `/gestion/appel…`: the call's settings for the steering group and administrators — its
//! texts, calendar, tracks and quotas, and the forms of its tracks (import, preview, publish).

pub mod calendar;
pub mod edit;
pub mod forms;
pub mod texts;
pub mod tracks;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::db::Db;
use crate::db::accounts::Account;
use crate::db::audit::AuditEvent;
use crate::domain::call::Call;
use crate::domain::lang::Lang;
use crate::domain::role::Role;
use crate::i18n;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::page::Page;

/// The overview page.
pub const PATH: &str = "/gestion/appel";

/// Whether an account configures the call: the steering group (PRODUCT.md §1) and
/// administrators. Referents and reviewers have the back office, not this.
pub fn may_configure(account: &Account) -> bool {
    account.has_role(Role::Steering) || account.has_role(Role::Admin)
}

/// A member of the steering group or an administrator. Anyone else logged in gets the 403 page,
/// and the refusal is recorded in the audit log as the route table's refusals are.
pub struct SteeringMember(pub Account);

impl<S: Send + Sync> FromRequestParts<S> for SteeringMember {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let CurrentUser(account) = CurrentUser::from_request_parts(parts, state).await?;
        if may_configure(&account) {
            return Ok(SteeringMember(account));
        }
        let path = crate::web::router::loggable_path(parts.uri.path());
        tracing::warn!(user = %account.id, path = %path, "access refused: call settings");
        let Ok(ClientAddress(client)) = ClientAddress::from_request_parts(parts, state).await;
        if let Some(db) = parts.extensions.get::<Db>() {
            let event = AuditEvent::by(
                account.id,
                "access.refused",
                &client,
                serde_json::json!({ "method": parts.method.as_str(), "path": path }),
            );
            if let Err(error) = db.audit(&event, OffsetDateTime::now_utc()).await {
                return Err(AppError::from(error).into_response());
            }
        }
        Err(AppError::Forbidden.into_response())
    }
}

/// Errors of a settings form, by input id (the inputs of these pages are made from the call's
/// sections, phases and tracks, hence ids built at run time), in the order of the page. The
/// same methods as `web::forms::FormErrors`, so the shared partials render them.
#[derive(Debug, Clone, Default)]
pub struct Errors {
    errors: Vec<(String, String)>,
}

impl Errors {
    pub fn add(&mut self, field: impl Into<String>, message: impl Into<String>) {
        self.errors.push((field.into(), message.into()));
    }

    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn all(&self) -> &[(String, String)] {
        &self.errors
    }

    pub fn of(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    pub fn invalid(&self, field: &str) -> &'static str {
        if self.of(field).is_some() { "true" } else { "false" }
    }
}

/// The call's version as a page carries it in its hidden `_version` field.
pub fn version_token(version: OffsetDateTime) -> String {
    version.unix_timestamp_nanos().to_string()
}

/// The version a posted page carries; `None` when missing or unreadable (then the save is a
/// conflict: nothing is written on a guess).
pub fn parse_version(token: &str) -> Option<OffsetDateTime> {
    token
        .trim()
        .parse::<i128>()
        .ok()
        .and_then(|n| OffsetDateTime::from_unix_timestamp_nanos(n).ok())
}

/// The call the settings pages edit, read from the database (not the public pages' cache, which
/// may be older), with its version read first.
pub async fn editable_call(app: &AppState) -> Result<(Call, OffsetDateTime), AppError> {
    let call = app.db.current_call().await?.ok_or(AppError::NotFound)?;
    let version = app.db.call_version(call.id).await?.ok_or(AppError::NotFound)?;
    // Read again after the version: a change in between must make the next save a conflict.
    let call = app.db.current_call().await?.filter(|c| c.id == call.id).unwrap_or(call);
    Ok((call, version))
}

/// The value of a posted field; "" when absent. Line ends are made `\n` (browsers send `\r\n`).
pub fn posted(pairs: &[(String, String)], name: &str) -> String {
    pairs
        .iter()
        .rev()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.replace("\r\n", "\n").replace('\r', "\n"))
        .unwrap_or_default()
}

/// "Ce texte dépasse 200 caractères." or "Ce texte est obligatoire …", if it is either.
pub fn check_text(lang: Lang, text: &str, max: usize) -> Option<String> {
    if text.trim().is_empty() {
        return Some(i18n::t(lang, "call-settings-error-empty"));
    }
    let count = text.chars().count();
    (count > max).then(|| {
        i18n::t_args(
            lang,
            "call-settings-error-too-long",
            &[
                ("max", FluentValue::from(i64::try_from(max).unwrap_or(i64::MAX))),
                ("count", FluentValue::from(i64::try_from(count).unwrap_or(i64::MAX))),
            ],
        )
    })
}

/// The message shown when someone else changed the call meanwhile.
pub fn conflict_text(lang: Lang, version: OffsetDateTime) -> String {
    i18n::t_args(
        lang,
        "call-settings-conflict-text",
        &[("when", FluentValue::from(i18n::datetime(lang, version)))],
    )
}

/// `?fait=…`: what was just done, for the notice of the page a save redirects to.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DoneQuery {
    pub fait: String,
}

/// A link of the overview.
pub struct SettingsLink {
    pub href: &'static str,
    pub title: String,
    pub text: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/call_settings.html")]
pub struct OverviewPage {
    page: Page,
    call_title: String,
    /// "Dernière modification : …".
    changed: String,
    links: Vec<SettingsLink>,
}

/// `GET /gestion/appel`: what can be set, with links.
pub async fn overview(
    State(app): State<AppState>,
    page: Page,
    SteeringMember(_): SteeringMember,
) -> Result<OverviewPage, AppError> {
    let (call, version) = editable_call(&app).await?;
    let lang = page.lang;
    let link = |href, key: &str| SettingsLink {
        href,
        title: i18n::t(lang, &format!("call-settings-{key}-title")),
        text: i18n::t(lang, &format!("call-settings-{key}-text")),
    };
    let links = vec![
        link(texts::PATH, "texts"),
        link(calendar::PATH, "calendar"),
        link(tracks::PATH, "tracks"),
        link(forms::PATH, "forms"),
    ];
    Ok(OverviewPage {
        call_title: call.title.get(lang).to_owned(),
        changed: i18n::t_args(
            lang,
            "call-settings-changed",
            &[("when", FluentValue::from(i18n::datetime(lang, version)))],
        ),
        links,
        page,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_version_goes_through_the_page_unchanged() {
        let version = datetime!(2026-11-27 10:00:15.123456 UTC);
        assert_eq!(parse_version(&version_token(version)), Some(version));
        assert_eq!(parse_version(""), None);
        assert_eq!(parse_version("hier"), None);
    }

    #[test]
    fn posted_text_has_unix_line_ends() {
        let pairs = vec![("body".to_owned(), "Un\r\nDeux\rTrois".to_owned())];
        assert_eq!(posted(&pairs, "body"), "Un\nDeux\nTrois");
        assert_eq!(posted(&pairs, "absent"), "");
    }
}
