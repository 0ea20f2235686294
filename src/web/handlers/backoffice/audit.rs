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

/// The events an administrator can pick, by prefix: every family the platform records (a test
/// reads the sources for the names recorded and checks each has its family here).
pub const EVENTS: [&str; 21] = [
    "login.",
    "logout",
    "account.",
    "email.",
    "role.",
    "organisation.",
    "access.",
    "call.",
    "form.",
    "dossier.",
    "dossiers.",
    "routing.",
    "reviews.",
    "admissibility.",
    "decision.",
    "supporters.",
    "reminders.",
    "pole.",
    "proposal.",
    "meeting.",
    "progress.",
];

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

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// The event names recorded in the Rust files under `dir`: the string literals given as an
    /// `AuditEvent`'s `event` (or second argument of `AuditEvent::by`), to an `audit(…)` helper,
    /// or as a settings page's `EVENT`.
    fn recorded_events(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).expect("a source folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                recorded_events(&path, found);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).expect("a source file");
            // The event of `AuditEvent::by` comes after the actor, its first argument.
            for (at, _) in source.match_indices("AuditEvent::by(") {
                let rest = &source[at..];
                let Some(after) = rest.find(',').map(|comma| rest[comma + 1..].trim_start()) else {
                    continue;
                };
                if let Some(quoted) = after.strip_prefix('"') {
                    let name = &quoted[..quoted.find('"').expect("a closing quote")];
                    found.push(name.to_owned());
                }
            }
            for marker in ["event: \"", "audit(\"", "EVENT: &'static str = \""] {
                for (at, _) in source.match_indices(marker) {
                    let rest = &source[at + marker.len()..];
                    let name = &rest[..rest.find('"').expect("a closing quote")];
                    let is_event_name = !name.is_empty()
                        && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'.');
                    if is_event_name {
                        found.push(name.to_owned());
                    }
                }
            }
        }
    }

    #[test]
    fn the_journal_filter_offers_the_family_of_every_event_recorded() {
        let mut names = Vec::new();
        recorded_events(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut names);
        for expected in ["login.succeeded", "logout", "call.texts_updated", "form.published"] {
            assert!(names.iter().any(|n| n == expected), "{expected} not found: {names:?}");
        }
        let missing: Vec<&String> = names
            .iter()
            .filter(|name| {
                let family = name.find('.').map_or(name.as_str(), |dot| &name[..=dot]);
                !EVENTS.contains(&family)
            })
            .collect();
        assert_eq!(missing, Vec::<&String>::new(), "events whose family the filter lacks");
    }

    #[test]
    fn every_family_of_the_filter_has_a_label_in_both_languages() {
        for event in EVENTS {
            let key = format!("journal-event-{}", event.trim_end_matches('.'));
            for lang in crate::domain::lang::Lang::ALL {
                let label = i18n::t(lang, &key);
                assert!(!label.is_empty() && !label.contains(&key), "{key} in {}", lang.code());
            }
        }
    }
}
