//! Meetings of the network (rencontres): what the steering group types to create or change one,
//! read into Paris instants, and the answers an invitee gives (RSVP).

use time::{Date, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset};

use super::paris;

/// The calendar phase of a call template that is also a meeting, installed with the call.
pub const FIRST_MEETING_PHASE: &str = "first-meeting";

/// The longest title, place and description accepted, in characters.
pub const MAX_TITLE: usize = 200;
pub const MAX_PLACE: usize = 300;
pub const MAX_DESCRIPTION: usize = 5000;
/// The longest comment an invitee may leave, and the most people one answer may bring.
pub const MAX_COMMENT: usize = 1000;
pub const MAX_GUESTS: i64 = 20;

/// An invitee's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rsvp {
    Yes,
    Maybe,
    No,
}

impl Rsvp {
    pub const ALL: [Rsvp; 3] = [Rsvp::Yes, Rsvp::Maybe, Rsvp::No];

    /// As stored and as the form sends it.
    pub fn code(self) -> &'static str {
        match self {
            Rsvp::Yes => "yes",
            Rsvp::Maybe => "maybe",
            Rsvp::No => "no",
        }
    }

    pub fn parse(code: &str) -> Option<Rsvp> {
        Rsvp::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether a reminder goes to someone who answered this.
    pub fn is_coming(self) -> bool {
        matches!(self, Rsvp::Yes | Rsvp::Maybe)
    }
}

/// When a meeting takes place: a whole Paris day (time not set yet) or a span of Paris time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Schedule {
    pub starts_at: OffsetDateTime,
    /// Excluded: the next midnight for a whole day.
    pub ends_at: OffsetDateTime,
    pub all_day: bool,
}

impl Schedule {
    /// The whole Paris day `day`.
    pub fn day(day: Date) -> Schedule {
        let next = day.next_day().unwrap_or(day);
        Schedule {
            starts_at: paris::start_of_day(day),
            ends_at: paris::start_of_day(next),
            all_day: true,
        }
    }

    /// The Paris days `first` to `last`, whole (a calendar phase's span).
    pub fn days(first: Date, last: Date) -> Schedule {
        let next = last.next_day().unwrap_or(last);
        Schedule {
            starts_at: paris::start_of_day(first),
            ends_at: paris::start_of_day(next),
            all_day: true,
        }
    }

    /// The Paris day it starts on.
    pub fn first_day(&self) -> Date {
        paris::date_of(self.starts_at)
    }

    /// The last Paris day it covers (its end is excluded).
    pub fn last_day(&self) -> Date {
        paris::date_of(self.ends_at - time::Duration::SECOND).max(self.first_day())
    }

    /// The whole Paris days it covers, as a calendar phase holds them.
    pub fn phase_span(&self) -> (OffsetDateTime, OffsetDateTime) {
        let whole = Schedule::days(self.first_day(), self.last_day());
        (whole.starts_at, whole.ends_at)
    }

    /// Moved to the Paris days `first` to `last` of its calendar phase: a meeting over whole
    /// days takes them; a meeting with times on one day keeps its Paris wall-clock times on the
    /// new day, unless the phase now spans several days (then it covers them whole).
    pub fn follow_phase(&self, first: Date, last: Date) -> Schedule {
        if self.all_day || first != last || self.first_day() != self.last_day() {
            return Schedule::days(first, last);
        }
        let (start, end) = (paris::to_paris(self.starts_at), paris::to_paris(self.ends_at));
        Schedule {
            starts_at: paris_instant(first, start.time()),
            ends_at: paris_instant(first, end.time()),
            all_day: false,
        }
    }
}

/// Whether a change tells invitees something they act on: the day, the times, the place, or
/// whether the date is confirmed. A new title or description alone does not.
pub fn changes_date_or_place(before: &EventDraft, after: &EventDraft) -> bool {
    before.schedule != after.schedule
        || before.place != after.place
        || before.tentative != after.tentative
}

/// What the steering group typed on the meeting form, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventInput {
    pub title_fr: String,
    pub title_en: String,
    /// `YYYY-MM-DD` (date input) or `DD/MM/YYYY`.
    pub date: String,
    /// `HH:MM` or `HHhMM`, both empty for a whole day.
    pub start: String,
    pub end: String,
    pub place: String,
    pub description_fr: String,
    pub description_en: String,
    /// "Date à confirmer".
    pub tentative: bool,
}

/// A meeting ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDraft {
    pub title_fr: String,
    /// The French title when none was given in English.
    pub title_en: String,
    pub schedule: Schedule,
    pub place: String,
    pub description_fr: String,
    pub description_en: String,
    pub tentative: bool,
}

/// What is wrong with a form, by field (the form's input names), as message keys of
/// `events.ftl`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputIssue {
    pub field: &'static str,
    pub key: &'static str,
}

/// A Paris calendar day as typed.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let (year, month, day) = if let Some((y, rest)) = text.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        (y, m, d)
    } else {
        let mut parts = text.split('/');
        let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() {
            return None;
        }
        (y, m, d)
    };
    let year: i32 = year.parse().ok().filter(|y| (2000..=2100).contains(y))?;
    let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
    Date::from_calendar_date(year, month, day.parse().ok()?).ok()
}

/// A time of day as typed: `14:30`, `14h30`, `14h`, `9:05`.
pub fn parse_time(text: &str) -> Option<Time> {
    let text = text.trim().to_lowercase();
    let (hours, minutes) = text.split_once(':').or_else(|| text.split_once('h'))?;
    let hours: u8 = hours.trim().parse().ok()?;
    let minutes: u8 = if minutes.trim().is_empty() { 0 } else { minutes.trim().parse().ok()? };
    Time::from_hms(hours, minutes, 0).ok()
}

/// The instant of a Paris wall-clock time. A time in the hour skipped in spring reads as winter
/// time (02:30 is 03:30 summer time); one in the hour repeated in autumn, as the first one.
pub fn paris_instant(day: Date, at: Time) -> OffsetDateTime {
    let local = PrimitiveDateTime::new(day, at);
    let summer = UtcOffset::from_hms(2, 0, 0).unwrap_or(UtcOffset::UTC);
    let winter = UtcOffset::from_hms(1, 0, 0).unwrap_or(UtcOffset::UTC);
    let as_summer = local.assume_offset(summer);
    let instant =
        if paris::offset_at(as_summer) == summer { as_summer } else { local.assume_offset(winter) };
    instant.to_offset(UtcOffset::UTC)
}

/// Reads the form: the French title and the date are required; both times or neither; the end
/// after the start; lengths bounded. Every issue is returned, each for its field.
pub fn parse_input(input: &EventInput) -> Result<EventDraft, Vec<InputIssue>> {
    let mut issues = Vec::new();
    let mut issue = |field, key| issues.push(InputIssue { field, key });
    let title_fr = input.title_fr.trim();
    if title_fr.is_empty() {
        issue("titre", "events-error-title-required");
    } else if title_fr.chars().count() > MAX_TITLE {
        issue("titre", "events-error-title-long");
    }
    if input.title_en.trim().chars().count() > MAX_TITLE {
        issue("titre_en", "events-error-title-long");
    }
    if input.place.trim().chars().count() > MAX_PLACE {
        issue("lieu", "events-error-place-long");
    }
    if input.description_fr.trim().chars().count() > MAX_DESCRIPTION {
        issue("description", "events-error-description-long");
    }
    if input.description_en.trim().chars().count() > MAX_DESCRIPTION {
        issue("description_en", "events-error-description-long");
    }
    let day = if input.date.trim().is_empty() {
        issue("date", "events-error-date-required");
        None
    } else {
        let day = parse_date(&input.date);
        if day.is_none() {
            issue("date", "events-error-date-invalid");
        }
        day
    };
    let start = (!input.start.trim().is_empty()).then(|| parse_time(&input.start));
    let end = (!input.end.trim().is_empty()).then(|| parse_time(&input.end));
    if start == Some(None) {
        issue("debut", "events-error-time-invalid");
    }
    if end == Some(None) {
        issue("fin", "events-error-time-invalid");
    }
    let schedule = match (day, start.flatten(), end.flatten()) {
        (Some(day), None, None) if start.is_none() && end.is_none() => Some(Schedule::day(day)),
        (Some(day), Some(start), Some(end)) => {
            let (starts_at, ends_at) = (paris_instant(day, start), paris_instant(day, end));
            if ends_at <= starts_at {
                issue("fin", "events-error-end-before-start");
                None
            } else {
                Some(Schedule { starts_at, ends_at, all_day: false })
            }
        }
        (_, Some(_), None) if end.is_none() => {
            issue("fin", "events-error-end-required");
            None
        }
        (_, None, Some(_)) if start.is_none() => {
            issue("debut", "events-error-start-required");
            None
        }
        _ => None,
    };
    match schedule {
        Some(schedule) if issues.is_empty() => {
            let title_en = match input.title_en.trim() {
                "" => title_fr.to_owned(),
                english => english.to_owned(),
            };
            Ok(EventDraft {
                title_fr: title_fr.to_owned(),
                title_en,
                schedule,
                place: input.place.trim().to_owned(),
                description_fr: input.description_fr.trim().to_owned(),
                description_en: input.description_en.trim().to_owned(),
                tentative: input.tentative,
            })
        }
        _ => Err(issues),
    }
}

/// The form's fields for a stored meeting (times empty for a whole day).
pub fn input_of(draft: &EventDraft) -> EventInput {
    let start = paris::to_paris(draft.schedule.starts_at);
    let end = paris::to_paris(draft.schedule.ends_at);
    let day = start.date();
    let clock = |at: OffsetDateTime| format!("{:02}:{:02}", at.hour(), at.minute());
    EventInput {
        title_fr: draft.title_fr.clone(),
        title_en: if draft.title_en == draft.title_fr {
            String::new()
        } else {
            draft.title_en.clone()
        },
        date: format!("{:04}-{:02}-{:02}", day.year(), u8::from(day.month()), day.day()),
        start: if draft.schedule.all_day { String::new() } else { clock(start) },
        end: if draft.schedule.all_day { String::new() } else { clock(end) },
        place: draft.place.clone(),
        description_fr: draft.description_fr.clone(),
        description_en: draft.description_en.clone(),
        tentative: draft.tentative,
    }
}

/// Whether answers are still taken: until the meeting ends.
pub fn answers_open(ends_at: OffsetDateTime, now: OffsetDateTime) -> bool {
    now < ends_at
}

/// How many people one answer brings, as typed: 1 by default, 0 for "no".
pub fn parse_guests(text: &str, answer: Rsvp) -> Result<i64, &'static str> {
    if answer == Rsvp::No {
        return Ok(0);
    }
    match text.trim() {
        "" => Ok(1),
        typed => match typed.parse::<i64>() {
            Ok(n) if (1..=MAX_GUESTS).contains(&n) => Ok(n),
            _ => Err("events-error-guests"),
        },
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime, time};

    use super::*;

    fn input(date: &str, start: &str, end: &str) -> EventInput {
        EventInput {
            title_fr: "Rencontre régionale".into(),
            date: date.into(),
            start: start.into(),
            end: end.into(),
            ..EventInput::default()
        }
    }

    #[test]
    fn a_day_without_times_is_the_whole_paris_day() {
        let draft = parse_input(&input("2012-02-15", "", "")).expect("valid");
        assert_eq!(
            draft.schedule,
            Schedule {
                starts_at: datetime!(2012-02-14 23:00 UTC),
                ends_at: datetime!(2012-02-15 23:00 UTC),
                all_day: true
            }
        );
        assert_eq!(draft.title_en, "Rencontre régionale");
    }

    #[test]
    fn times_are_paris_wall_clock_in_winter_and_in_summer() {
        let winter = parse_input(&input("15/02/2012", "10h", "17:30")).expect("valid");
        assert_eq!(winter.schedule.starts_at, datetime!(2012-02-15 09:00 UTC));
        assert_eq!(winter.schedule.ends_at, datetime!(2012-02-15 16:30 UTC));
        let summer = parse_input(&input("2012-06-15", "10:00", "12:00")).expect("valid");
        assert_eq!(summer.schedule.starts_at, datetime!(2012-06-15 08:00 UTC));
        assert_eq!(
            paris_instant(date!(2012 - 03 - 25), time!(2:30)),
            datetime!(2012-03-25 01:30 UTC)
        );
        assert_eq!(
            paris_instant(date!(2012 - 10 - 28), time!(2:30)),
            datetime!(2012-10-28 00:30 UTC)
        );
    }

    #[test]
    fn bad_input_is_reported_on_each_field() {
        let issues = parse_input(&EventInput {
            title_fr: " ".into(),
            date: "31/02/2012".into(),
            start: "25:00".into(),
            ..EventInput::default()
        })
        .expect_err("invalid");
        assert_eq!(
            issues,
            [
                InputIssue { field: "titre", key: "events-error-title-required" },
                InputIssue { field: "date", key: "events-error-date-invalid" },
                InputIssue { field: "debut", key: "events-error-time-invalid" },
            ]
        );
        let issues = parse_input(&input("2012-02-15", "14:00", "")).expect_err("no end");
        assert_eq!(issues, [InputIssue { field: "fin", key: "events-error-end-required" }]);
        let issues = parse_input(&input("2012-02-15", "14:00", "13:00")).expect_err("reversed");
        assert_eq!(issues, [InputIssue { field: "fin", key: "events-error-end-before-start" }]);
    }

    #[test]
    fn a_stored_meeting_gives_back_the_form_it_was_typed_from() {
        let typed = EventInput {
            title_fr: "Atelier".into(),
            title_en: "Workshop".into(),
            date: "2012-06-15".into(),
            start: "09:30".into(),
            end: "12:00".into(),
            place: "Lyon".into(),
            description_fr: "Texte".into(),
            description_en: String::new(),
            tentative: true,
        };
        assert_eq!(input_of(&parse_input(&typed).expect("valid")), typed);
    }

    #[test]
    fn the_number_of_people_is_one_by_default_and_bounded() {
        assert_eq!(parse_guests("", Rsvp::Yes), Ok(1));
        assert_eq!(parse_guests(" 3 ", Rsvp::Maybe), Ok(3));
        assert_eq!(parse_guests("0", Rsvp::Yes), Err("events-error-guests"));
        assert_eq!(parse_guests("21", Rsvp::Yes), Err("events-error-guests"));
        assert_eq!(parse_guests("deux", Rsvp::Yes), Err("events-error-guests"));
        assert_eq!(parse_guests("5", Rsvp::No), Ok(0));
        assert_eq!(Rsvp::parse("maybe"), Some(Rsvp::Maybe));
        assert_eq!(Rsvp::parse("peut-être"), None);
    }

    #[test]
    fn a_meeting_follows_its_phase_keeping_its_times_on_a_single_day() {
        let timed = parse_input(&input("2012-02-15", "10:00", "17:00")).expect("valid").schedule;
        let moved = timed.follow_phase(date!(2012 - 06 - 20), date!(2012 - 06 - 20));
        assert_eq!(
            moved,
            Schedule {
                starts_at: datetime!(2012-06-20 08:00 UTC),
                ends_at: datetime!(2012-06-20 15:00 UTC),
                all_day: false
            }
        );
        let spread = timed.follow_phase(date!(2012 - 06 - 20), date!(2012 - 06 - 21));
        assert_eq!(
            spread,
            Schedule {
                starts_at: datetime!(2012-06-19 22:00 UTC),
                ends_at: datetime!(2012-06-21 22:00 UTC),
                all_day: true
            }
        );
        assert_eq!(spread.phase_span(), (spread.starts_at, spread.ends_at));
        assert_eq!(
            timed.phase_span(),
            (datetime!(2012-02-14 23:00 UTC), datetime!(2012-02-15 23:00 UTC))
        );
    }

    #[test]
    fn only_a_change_of_date_times_place_or_confirmation_is_told_to_invitees() {
        let before = parse_input(&input("2099-06-15", "10:00", "17:00")).expect("valid");
        let retitled = EventDraft {
            title_fr: "Autre".into(),
            description_fr: "Texte".into(),
            ..before.clone()
        };
        assert!(!changes_date_or_place(&before, &retitled));
        let moved = parse_input(&input("2099-06-16", "10:00", "17:00")).expect("valid");
        assert!(changes_date_or_place(&before, &moved));
        let elsewhere = EventDraft { place: "Lyon".into(), ..before.clone() };
        assert!(changes_date_or_place(&before, &elsewhere));
        let confirmed = EventDraft { tentative: true, ..before.clone() };
        assert!(changes_date_or_place(&before, &confirmed));
    }
}
