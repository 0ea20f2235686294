//! `GET /gestion/journal`: the audit log for administrators, filtered by event, person and dates.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use serde::Deserialize;
use time::Date;
use time::macros::format_description;

use crate::app::AppState;
use crate::db::audit::AuditFilter;
use crate::domain::paris;
use crate::i18n;
use crate::web::error::AppError;
use crate::web::page::Page;

/// The events an administrator can pick, by prefix.
pub const EVENTS: [&str; 7] =
    ["login.", "logout", "account.", "email.", "role.", "organisation.", "access."];

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct JournalQuery {
    evenement: String,
    personne: String,
    du: String,
    au: String,
}

pub struct EntryView {
    pub at: String,
    pub event: String,
    pub actor: String,
    pub subject: String,
    pub client: String,
    pub detail: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/journal.html")]
pub struct JournalPage {
    page: Page,
    query: JournalQuery,
    events: Vec<(&'static str, String)>,
    entries: Vec<EntryView>,
    /// Filters that could not be read, said on the page (and ignored).
    ignored: Vec<String>,
}

fn day(text: &str) -> Result<Option<Date>, ()> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    Date::parse(text.trim(), format_description!("[year]-[month]-[day]")).map(Some).map_err(|_| ())
}

/// The 200 latest events matching the filters. Unreadable dates and unknown events are ignored
/// and said so on the page.
pub async fn journal(
    State(app): State<AppState>,
    page: Page,
    Query(query): Query<JournalQuery>,
) -> Result<JournalPage, AppError> {
    let lang = page.lang;
    let mut ignored = Vec::new();
    let mut filter = AuditFilter::default();
    if EVENTS.contains(&query.evenement.as_str()) {
        filter.event_prefix = Some(query.evenement.clone());
    } else if !query.evenement.is_empty() {
        ignored.push(page.t("journal-ignored-event"));
    }
    let person = query.personne.trim();
    if !person.is_empty() {
        filter.person = Some(person.chars().take(100).collect());
    }
    match day(&query.du) {
        Ok(since) => filter.since = since.map(paris::start_of_day),
        Err(()) => ignored.push(page.t("journal-ignored-date")),
    }
    match day(&query.au) {
        Ok(until) => {
            filter.until = until.and_then(|d| d.next_day()).map(paris::start_of_day);
        }
        Err(()) => ignored.push(page.t("journal-ignored-date")),
    }
    let entries = app
        .db
        .audit_entries(&filter, 200)
        .await?
        .into_iter()
        .map(|e| {
            let local = paris::to_paris(e.at);
            EntryView {
                at: format!(
                    "{} {:02}:{:02}:{:02}",
                    i18n::date(lang, local.date()),
                    local.hour(),
                    local.minute(),
                    local.second()
                ),
                event: e.event,
                actor: e.actor_email.unwrap_or_default(),
                subject: e.subject_email.unwrap_or_default(),
                client: e.client,
                detail: e.detail,
            }
        })
        .collect();
    let events = EVENTS
        .iter()
        .map(|e| (*e, page.t(&format!("journal-event-{}", e.trim_end_matches('.')))))
        .collect();
    Ok(JournalPage { page, query, events, entries, ignored })
}
