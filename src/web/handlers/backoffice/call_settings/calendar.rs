//! `/gestion/appel/calendrier`: the first and last Paris day of each phase and whether its date
//! is still to be confirmed; checked by `domain::call::check_calendar`. When the first
//! meeting's phase moves, the meeting moves with it and its invitees may be told.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use super::edit::{self, CallPart, Outcome, Shown};
use super::{DoneQuery, Errors, SteeringMember, posted, version_token};
use crate::app::AppState;
use crate::db::call_settings::CallChange;
use crate::domain::call::{
    CalendarError, Call, PhaseDay, PhaseDays, PhaseDaysInput, check_calendar,
};
use crate::domain::event::FIRST_MEETING_PHASE;
use crate::domain::lang::Lang;
use crate::events;
use crate::i18n;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::page::Page;

pub const PATH: &str = "/gestion/appel/calendrier";

/// The id of the block of phases, where a mistake about the whole calendar is shown.
const CALENDAR_ID: &str = "phases";

/// The box "Prévenir les invités du changement", named as on the meeting's own page.
const NOTIFY: &str = "prevenir";

/// The box offered in the first meeting's phase when its meeting has invitees to tell.
pub struct NotifyBox {
    pub checked: bool,
    /// How many would get the email.
    pub hint: String,
}

/// A phase's inputs.
pub struct PhaseRow {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub first: String,
    pub last: String,
    pub tentative: bool,
    /// On a conflict: the days saved meanwhile ("du 31 octobre au 30 novembre 2011").
    pub stored: Option<String>,
    /// The first meeting's phase, when its meeting has invitees who have not declined.
    pub notify: Option<NotifyBox>,
}

impl PhaseRow {
    pub fn id(&self, part: &str) -> String {
        format!("phase-{}-{part}", self.slug)
    }

    pub fn name_of(&self, part: &str) -> String {
        format!("phase.{}.{part}", self.slug)
    }

    /// `aria-describedby` of a day input: its hint, and its error if any.
    pub fn described_by(&self, part: &str, errors: &Errors) -> String {
        let id = self.id(part);
        if errors.of(&id).is_some() { format!("days-hint {id}-error") } else { "days-hint".into() }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/call_calendar.html")]
pub struct CalendarPage {
    page: Page,
    version: String,
    phases: Vec<PhaseRow>,
    errors: Errors,
    notice: Option<String>,
    conflict: Option<String>,
    call_id: Uuid,
    /// Whether the box telling the first meeting's invitees is ticked: the posted state when
    /// the page is shown again, ticked otherwise.
    notify_checked: bool,
}

fn field_id(phase: &str, part: &str) -> String {
    format!("phase-{phase}-{part}")
}

/// A phase's days as posted: first, last, and whether they are still to be confirmed.
fn posted_days(pairs: &[(String, String)], slug: &str) -> (String, String, bool) {
    let name = |part: &str| format!("phase.{slug}.{part}");
    (
        posted(pairs, &name("first")),
        posted(pairs, &name("last")),
        posted(pairs, &name("tentative")) == "oui",
    )
}

/// A phase's name in the page's language, by slug.
fn phase_name(call: &Call, slug: &str, lang: Lang) -> String {
    call.phases
        .iter()
        .find(|p| p.slug == slug)
        .map_or_else(|| slug.to_owned(), |p| p.name.get(lang).to_owned())
}

/// Each calendar mistake next to its input.
fn errors_of(call: &Call, mistakes: &[CalendarError], lang: Lang) -> Errors {
    let mut errors = Errors::default();
    for mistake in mistakes {
        match mistake {
            CalendarError::NotADate { phase, day } => {
                let (part, key) = match day {
                    PhaseDay::First => ("first", "call-settings-error-first-day"),
                    PhaseDay::Last => ("last", "call-settings-error-last-day"),
                };
                errors.add(field_id(phase, part), i18n::t(lang, key));
            }
            CalendarError::LastBeforeFirst { phase } => {
                errors.add(
                    field_id(phase, "last"),
                    i18n::t(lang, "call-settings-error-last-before-first"),
                );
            }
            CalendarError::OutOfOrder { phase, previous } => errors.add(
                field_id(phase, "first"),
                i18n::t_args(
                    lang,
                    "call-settings-error-phase-order",
                    &[("previous", FluentValue::from(phase_name(call, previous, lang)))],
                ),
            ),
            CalendarError::NoApplicationsPhase => {
                errors.add(CALENDAR_ID, i18n::t(lang, "call-settings-error-no-applications"));
            }
        }
    }
    errors
}

fn calendar_page(
    page: Page,
    call: &Call,
    version: OffsetDateTime,
    shown: Shown<'_>,
) -> CalendarPage {
    let lang = page.lang;
    let Shown { posted: posted_pairs, errors, notice, conflict } = shown;
    let phases = call
        .phases
        .iter()
        .map(|p| {
            let (first, last, tentative) = match posted_pairs {
                Some(pairs) => posted_days(pairs, &p.slug),
                None => (p.first_day().to_string(), p.last_day().to_string(), p.tentative),
            };
            let stored_days = (p.first_day().to_string(), p.last_day().to_string());
            let stored = (conflict.is_some()
                && ((first.trim(), last.trim())
                    != (stored_days.0.as_str(), stored_days.1.as_str())
                    || tentative != p.tentative))
                .then(|| {
                    let mut text = i18n::date_range(lang, p.first_day(), p.last_day());
                    if p.tentative {
                        text.push_str(&format!(" ({})", i18n::t(lang, "call-settings-tentative")));
                    }
                    text
                });
            PhaseRow {
                slug: p.slug.clone(),
                name: p.name.get(lang).to_owned(),
                description: p.description.get(lang).to_owned(),
                first,
                last,
                tentative,
                stored,
                notify: None,
            }
        })
        .collect();
    let notify_checked = posted_pairs.is_none_or(|pairs| posted(pairs, NOTIFY) == "oui");
    CalendarPage {
        version: version_token(version),
        phases,
        errors,
        notice,
        conflict,
        call_id: call.id,
        notify_checked,
        page,
    }
}

/// Offers the box telling the first meeting's invitees of a move, in its phase, when the
/// meeting (not cancelled) has invitees who have not declined.
async fn offer_notify(app: &AppState, shown: &mut CalendarPage) -> Result<(), AppError> {
    let Some(meeting) = events::phase_meeting(app, shown.call_id, FIRST_MEETING_PHASE).await?
    else {
        return Ok(());
    };
    let count = events::to_tell(&app.db.event_invitations(meeting.id).await?);
    if count == 0 {
        return Ok(());
    }
    let lang = shown.page.lang;
    let checked = shown.notify_checked;
    if let Some(row) = shown.phases.iter_mut().find(|p| p.slug == FIRST_MEETING_PHASE) {
        let count = i64::try_from(count).unwrap_or(i64::MAX);
        row.notify = Some(NotifyBox {
            checked,
            hint: i18n::t_args(
                lang,
                "call-settings-notify-hint",
                &[("count", FluentValue::from(count))],
            ),
        });
    }
    Ok(())
}

/// The calendar: the days of every phase, checked by `domain::call::check_calendar`.
pub struct Calendar;

impl CallPart for Calendar {
    type Checked = Vec<PhaseDays>;
    type Page = CalendarPage;
    const PATH: &'static str = PATH;
    const EVENT: &'static str = "call.calendar_updated";
    const SAVED: &'static str = "call-settings-calendar-saved";

    fn read(call: &Call, pairs: &[(String, String)], lang: Lang) -> Result<Vec<PhaseDays>, Errors> {
        let typed: Vec<(&str, (String, String, bool))> =
            call.phases.iter().map(|p| (p.slug.as_str(), posted_days(pairs, &p.slug))).collect();
        let inputs: Vec<PhaseDaysInput<'_>> = typed
            .iter()
            .map(|(slug, (first, last, tentative))| PhaseDaysInput {
                slug,
                first,
                last,
                tentative: *tentative,
            })
            .collect();
        check_calendar(&inputs).map_err(|mistakes| errors_of(call, &mistakes, lang))
    }

    fn audit_detail(call: &Call, phases: &Vec<PhaseDays>) -> serde_json::Value {
        let detail: Vec<_> = phases
            .iter()
            .map(|p| {
                serde_json::json!({
                    "phase": p.slug,
                    "first": p.first.to_string(),
                    "last": p.last.to_string(),
                    "tentative": p.tentative,
                })
            })
            .collect();
        serde_json::json!({ "call": call.slug, "phases": detail })
    }

    fn change(phases: &Vec<PhaseDays>) -> CallChange<'_> {
        CallChange::Calendar(phases)
    }

    fn page(page: Page, call: &Call, version: OffsetDateTime, shown: Shown<'_>) -> CalendarPage {
        calendar_page(page, call, version, shown)
    }
}

/// `?fait=enregistre&envoyees=2`: a save, and how many of the first meeting's invitees were
/// told it moved (absent when it did not move or the box was unticked).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CalendarDone {
    pub fait: String,
    /// Read as text: a hand-made address shows the plain notice, never an error.
    pub envoyees: String,
}

/// `GET /gestion/appel/calendrier`.
pub async fn form(
    State(app): State<AppState>,
    page: Page,
    SteeringMember(_): SteeringMember,
    Query(query): Query<CalendarDone>,
) -> Result<CalendarPage, AppError> {
    let lang = page.lang;
    let done = DoneQuery { fait: query.fait };
    let mut shown = edit::show::<Calendar>(&app, page, &done).await?;
    if done.fait == "enregistre" && query.envoyees == "echec" {
        shown.notice = Some(i18n::t(lang, "call-settings-calendar-saved-not-notified"));
    } else if done.fait == "enregistre"
        && let Ok(told) = query.envoyees.trim().parse::<u32>()
    {
        shown.notice = Some(i18n::t_args(
            lang,
            "call-settings-calendar-saved-notified",
            &[("count", FluentValue::from(told))],
        ));
    }
    offer_notify(&app, &mut shown).await?;
    Ok(shown)
}

/// `POST /gestion/appel/calendrier`: saves the days of every phase if they hold together and
/// nobody changed the call since the page was read. Side effects: the phases (and the first
/// meeting, moved with its phase), the call's version, `call.calendar_updated` in the audit
/// log, the public pages' cache emptied; then, when the first meeting's days or times moved
/// and the box "Prévenir les invités du changement" was kept, one `event-update` email to
/// each of its invitees who has not declined (see `events::tell_moved`). A refused save (422,
/// 409) writes and sends nothing, and the page keeps the box as it was.
pub async fn save(
    State(app): State<AppState>,
    page: Page,
    SteeringMember(account): SteeringMember,
    ClientAddress(client): ClientAddress,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let call = app.db.current_call().await?.ok_or(AppError::NotFound)?;
    // The meeting as it is before the save: the emails give its former date.
    let former = events::phase_meeting(&app, call.id, FIRST_MEETING_PHASE).await?;
    let notify = posted(&pairs, NOTIFY) == "oui";
    match edit::save_part::<Calendar>(&app, page, &account, &client, &pairs).await? {
        Outcome::Saved => {
            let now = OffsetDateTime::now_utc();
            // The calendar is saved whatever happens next: a failure to tell the invitees is
            // said on the page (they can be told from the meeting's page), not a 500.
            let told = match former {
                Some(former) if notify => {
                    events::tell_moved(&app, &account, &former, &client, now).await.map_err(
                        |error| tracing::error!(%error, "the first meeting's invitees were not told"),
                    )
                }
                _ => Ok(None),
            };
            let mut to = format!("{PATH}?fait=enregistre");
            match told {
                Ok(Some(told)) => to.push_str(&format!("&envoyees={told}")),
                Ok(None) => {}
                Err(()) => to.push_str("&envoyees=echec"),
            }
            Ok(Redirect::to(&to).into_response())
        }
        Outcome::Refused(status, mut shown) => {
            offer_notify(&app, &mut shown).await?;
            Ok((status, shown).into_response())
        }
    }
}
