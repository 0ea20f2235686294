//! A call for applications (appel à candidatures): its public texts, partner networks, tracks and
//! calendar of phases, and the rules that place the calendar in time.

use serde::Deserialize;
use time::{Date, Duration, OffsetDateTime};

use super::lang::Localized;
use super::paris;

/// The 2011 PTCE call, shipped as data: the default call template of a new installation.
pub const PTCE_2011: &str = include_str!("../../data/calls/ptce-2011.toml");

/// How a call template's calendar is placed when it is installed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CallDates {
    /// Keep the template's intervals but open the application window on the install day.
    Shifted,
    /// Keep the template's own dates (archive mode: for 2011, the window closed long ago).
    Original,
}

impl CallDates {
    pub fn code(self) -> &'static str {
        match self {
            CallDates::Shifted => "shifted",
            CallDates::Original => "original",
        }
    }

    pub fn parse(code: &str) -> Option<CallDates> {
        match code {
            "shifted" => Some(CallDates::Shifted),
            "original" => Some(CallDates::Original),
            _ => None,
        }
    }
}

/// A call template as written in `data/calls/*.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CallTemplate {
    pub slug: String,
    pub year: i32,
    pub title: Localized,
    pub tagline: Localized,
    pub summary: Localized,
    pub sections: Vec<Section>,
    pub networks: Vec<PartnerNetwork>,
    pub tracks: Vec<Track>,
    pub phases: Vec<PhaseTemplate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub slug: String,
    pub title: Localized,
    /// CommonMark; rendered and sanitised on output.
    pub body: Localized,
}

/// A partner network (réseau co-porteur) with the referent it names for the call.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartnerNetwork {
    pub slug: String,
    pub name: Localized,
    pub description: Localized,
    pub referent: String,
    pub email: String,
}

/// A track (parcours): a kind of response, with its target quota.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Track {
    pub slug: String,
    pub name: Localized,
    pub description: Localized,
    /// About how many responses the call means to select; none for expressions of interest.
    pub quota: Option<i64>,
    pub account_required: bool,
}

/// A phase of the calendar as a template gives it: inclusive Paris calendar days.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseTemplate {
    pub slug: String,
    pub name: Localized,
    pub description: Localized,
    pub start: toml::value::Datetime,
    pub end: toml::value::Datetime,
    pub tentative: bool,
}

/// A phase placed in time: from `starts_at` (included) to `ends_at` (excluded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phase {
    pub slug: String,
    pub name: Localized,
    pub description: Localized,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub tentative: bool,
}

impl Phase {
    pub fn is_current(&self, now: OffsetDateTime) -> bool {
        self.starts_at <= now && now < self.ends_at
    }

    /// The first Paris day of the phase.
    pub fn first_day(&self) -> Date {
        paris::date_of(self.starts_at)
    }

    /// The last Paris day of the phase (the day before its exclusive end).
    pub fn last_day(&self) -> Date {
        paris::date_of(self.ends_at - Duration::SECOND)
    }
}

/// A call as installed: what the public pages show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub id: uuid::Uuid,
    pub slug: String,
    pub year: i32,
    pub title: Localized,
    pub tagline: Localized,
    pub summary: Localized,
    pub dates: CallDates,
    pub sections: Vec<Section>,
    pub networks: Vec<PartnerNetwork>,
    pub tracks: Vec<Track>,
    /// In calendar order.
    pub phases: Vec<Phase>,
}

impl Call {
    pub fn moment(&self, now: OffsetDateTime) -> Moment<'_> {
        moment(&self.phases, now)
    }

    pub fn deadline(&self) -> Option<OffsetDateTime> {
        deadline(&self.phases)
    }
}

/// The slug of the phase during which dossiers can be submitted.
pub const APPLICATIONS_PHASE: &str = "applications";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TemplateError {
    #[error("the call template is not valid TOML or misses a field: {0}")]
    Syntax(String),
    #[error("phase `{phase}`: `{value}` is not a date (expected YYYY-MM-DD)")]
    NotADate { phase: String, value: String },
    #[error("phase `{phase}` ends before it starts")]
    EndsBeforeStart { phase: String },
    #[error("the call template has no `{APPLICATIONS_PHASE}` phase")]
    NoApplicationsPhase,
    #[error("two {what} share the slug `{slug}`")]
    DuplicateSlug { what: &'static str, slug: String },
}

impl CallTemplate {
    pub fn parse(text: &str) -> Result<CallTemplate, TemplateError> {
        let template: CallTemplate =
            toml::from_str(text).map_err(|e| TemplateError::Syntax(e.to_string()))?;
        template.check()?;
        Ok(template)
    }

    /// The 2011 PTCE call shipped with the application.
    pub fn ptce_2011() -> CallTemplate {
        // The file is part of the binary and covered by a test: failing here is a build defect.
        CallTemplate::parse(PTCE_2011).expect("data/calls/ptce-2011.toml is a valid call template")
    }

    fn check(&self) -> Result<(), TemplateError> {
        fn unique<'a>(
            what: &'static str,
            slugs: impl Iterator<Item = &'a str>,
        ) -> Result<(), TemplateError> {
            let mut seen = std::collections::HashSet::new();
            for slug in slugs {
                if !seen.insert(slug) {
                    return Err(TemplateError::DuplicateSlug { what, slug: slug.to_owned() });
                }
            }
            Ok(())
        }
        unique("sections", self.sections.iter().map(|s| s.slug.as_str()))?;
        unique("networks", self.networks.iter().map(|s| s.slug.as_str()))?;
        unique("tracks", self.tracks.iter().map(|s| s.slug.as_str()))?;
        unique("phases", self.phases.iter().map(|s| s.slug.as_str()))?;
        for phase in &self.phases {
            let (start, end) = phase.days()?;
            if end < start {
                return Err(TemplateError::EndsBeforeStart { phase: phase.slug.clone() });
            }
        }
        if !self.phases.iter().any(|p| p.slug == APPLICATIONS_PHASE) {
            return Err(TemplateError::NoApplicationsPhase);
        }
        Ok(())
    }

    /// Places the calendar in time. `Shifted` keeps every interval of the template but moves the
    /// whole calendar so that the application window opens on the Paris day of `now`; `Original`
    /// keeps the template's dates.
    pub fn place_phases(
        &self,
        dates: CallDates,
        now: OffsetDateTime,
    ) -> Result<Vec<Phase>, TemplateError> {
        let shift = match dates {
            CallDates::Original => Duration::ZERO,
            CallDates::Shifted => {
                let applications = self
                    .phases
                    .iter()
                    .find(|p| p.slug == APPLICATIONS_PHASE)
                    .ok_or(TemplateError::NoApplicationsPhase)?;
                let (opens, _) = applications.days()?;
                paris::date_of(now) - opens
            }
        };
        self.phases
            .iter()
            .map(|p| {
                let (start, end) = p.days()?;
                let (starts_at, ends_at) = day_span(start + shift, end + shift);
                Ok(Phase {
                    slug: p.slug.clone(),
                    name: p.name.clone(),
                    description: p.description.clone(),
                    starts_at,
                    ends_at,
                    tentative: p.tentative,
                })
            })
            .collect()
    }
}

impl PhaseTemplate {
    fn days(&self) -> Result<(Date, Date), TemplateError> {
        let day = |value: &toml::value::Datetime| {
            let not_a_date =
                || TemplateError::NotADate { phase: self.slug.clone(), value: value.to_string() };
            match (value.date, value.time, value.offset) {
                (Some(d), None, None) => {
                    let month = time::Month::try_from(d.month).map_err(|_| not_a_date())?;
                    Date::from_calendar_date(i32::from(d.year), month, d.day)
                        .map_err(|_| not_a_date())
                }
                _ => Err(not_a_date()),
            }
        };
        Ok((day(&self.start)?, day(&self.end)?))
    }
}

/// Where a call stands at an instant, as the home page tells it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Moment<'a> {
    /// Before the first phase.
    NotYetOpen { next: &'a Phase },
    /// Inside a phase.
    During { phase: &'a Phase },
    /// Between two phases.
    Between { next: &'a Phase },
    /// After the last phase.
    Over,
}

/// Where the calendar stands at `now`. Phases are in calendar order.
pub fn moment(phases: &[Phase], now: OffsetDateTime) -> Moment<'_> {
    if let Some(phase) = phases.iter().find(|p| p.is_current(now)) {
        return Moment::During { phase };
    }
    match phases.iter().find(|p| p.starts_at > now) {
        Some(next) if phases.iter().all(|p| p.starts_at > now) => Moment::NotYetOpen { next },
        Some(next) => Moment::Between { next },
        None => Moment::Over,
    }
}

/// The instant after which submissions are refused.
pub fn deadline(phases: &[Phase]) -> Option<OffsetDateTime> {
    phases.iter().find(|p| p.slug == APPLICATIONS_PHASE).map(|p| p.ends_at)
}

/// The first and last Paris day of a phase as the steering group types them on the calendar
/// page (`YYYY-MM-DD` from a date input, or `DD/MM/YYYY` typed in a browser without one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseDaysInput<'a> {
    pub slug: &'a str,
    pub first: &'a str,
    pub last: &'a str,
    pub tentative: bool,
}

/// Which day of a phase a calendar mistake is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhaseDay {
    First,
    Last,
}

/// A mistake in an edited calendar; each names the phase (and the day) it is about, so that the
/// page can show it next to its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarError {
    /// Not a date, or a year outside 2000–2100.
    NotADate { phase: String, day: PhaseDay },
    /// The last day comes before the first.
    LastBeforeFirst { phase: String },
    /// The phase starts on or before the last day of the phase before it.
    OutOfOrder { phase: String, previous: String },
    /// No phase is the applications phase: nothing would open or close submission.
    NoApplicationsPhase,
}

/// An edited phase, checked, with the instants it is stored as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhaseDays {
    pub slug: String,
    pub first: Date,
    pub last: Date,
    pub starts_at: OffsetDateTime,
    pub ends_at: OffsetDateTime,
    pub tentative: bool,
}

/// The years a calendar day may fall in: typing mistakes (`0211`, `20111`) are caught.
const CALENDAR_YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A Paris calendar day as typed: `2011-11-30` or `30/11/2011`, within 2000–2100.
pub fn parse_day(text: &str) -> Option<Date> {
    let text = text.trim();
    let (year, month, day) = if let Some((d, rest)) = text.split_once('/') {
        let (m, y) = rest.split_once('/')?;
        (y, m, d)
    } else {
        let mut parts = text.splitn(3, '-');
        (parts.next()?, parts.next()?, parts.next()?)
    };
    let number = |s: &str, digits: std::ops::RangeInclusive<usize>| -> Option<u32> {
        (digits.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = i32::try_from(number(year, 4..=4)?).ok()?;
    let month = time::Month::try_from(u8::try_from(number(month, 1..=2)?).ok()?).ok()?;
    let day = u8::try_from(number(day, 1..=2)?).ok()?;
    let date = Date::from_calendar_date(year, month, day).ok()?;
    CALENDAR_YEARS.contains(&date.year()).then_some(date)
}

/// The instants a phase of inclusive Paris days is stored as: from the start of its first day
/// (included) to the start of the day after its last (excluded) — as `place_phases` places a
/// template's phases.
pub fn day_span(first: Date, last: Date) -> (OffsetDateTime, OffsetDateTime) {
    (paris::start_of_day(first), paris::start_of_day(last + Duration::DAY))
}

/// Checks a calendar edited phase by phase (in calendar order): every day is a date, no phase
/// ends before it starts, each phase starts after the previous one ends, and the applications
/// phase is there. Every mistake is reported, not only the first.
pub fn check_calendar(phases: &[PhaseDaysInput<'_>]) -> Result<Vec<PhaseDays>, Vec<CalendarError>> {
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    // The last phase read whole, for the order check: (slug, last day).
    let mut previous: Option<(&str, Date)> = None;
    for input in phases {
        let phase = || input.slug.to_owned();
        let first = parse_day(input.first);
        let last = parse_day(input.last);
        if first.is_none() {
            errors.push(CalendarError::NotADate { phase: phase(), day: PhaseDay::First });
        }
        if last.is_none() {
            errors.push(CalendarError::NotADate { phase: phase(), day: PhaseDay::Last });
        }
        let (Some(first), Some(last)) = (first, last) else {
            previous = None;
            continue;
        };
        if last < first {
            errors.push(CalendarError::LastBeforeFirst { phase: phase() });
            previous = None;
            continue;
        }
        if let Some((before, its_last)) = previous
            && first <= its_last
        {
            errors.push(CalendarError::OutOfOrder { phase: phase(), previous: before.to_owned() });
        }
        previous = Some((input.slug, last));
        let (starts_at, ends_at) = day_span(first, last);
        checked.push(PhaseDays {
            slug: phase(),
            first,
            last,
            starts_at,
            ends_at,
            tentative: input.tentative,
        });
    }
    if !phases.iter().any(|p| p.slug == APPLICATIONS_PHASE) {
        errors.push(CalendarError::NoApplicationsPhase);
    }
    if errors.is_empty() { Ok(checked) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn the_shipped_2011_call_has_eight_sections_five_networks_three_tracks_and_five_phases() {
        let call = CallTemplate::ptce_2011();
        assert_eq!(
            call.title.fr,
            "Valoriser et développer les Pôles Territoriaux de Coopération Economique"
        );
        assert_eq!(call.sections.len(), 8);
        let networks: Vec<_> = call.networks.iter().map(|n| n.slug.as_str()).collect();
        assert_eq!(networks, ["labo-ess", "coorace", "rtes", "iris", "cncres"]);
        let tracks: Vec<_> = call.tracks.iter().map(|t| (t.slug.as_str(), t.quota)).collect();
        assert_eq!(tracks, [("established", Some(10)), ("emerging", Some(20)), ("interest", None)]);
        assert_eq!(call.phases.len(), 5);
        for section in &call.sections {
            assert!(!section.body.fr.trim().is_empty(), "{} has a French body", section.slug);
            assert!(!section.body.en.trim().is_empty(), "{} has an English body", section.slug);
        }
    }

    #[test]
    fn original_dates_keep_the_2011_application_window_in_paris_time() {
        let call = CallTemplate::ptce_2011();
        let phases = call.place_phases(CallDates::Original, datetime!(2026-11-27 10:00 UTC));
        let phases = phases.expect("placed");
        let applications = &phases[1];
        assert_eq!(applications.slug, "applications");
        assert_eq!(applications.starts_at, datetime!(2011-10-30 23:00 UTC));
        assert_eq!(applications.ends_at, datetime!(2011-11-30 23:00 UTC));
        assert_eq!(applications.first_day(), date!(2011 - 10 - 31));
        assert_eq!(applications.last_day(), date!(2011 - 11 - 30));
        assert_eq!(deadline(&phases), Some(datetime!(2011-11-30 23:00 UTC)));
    }

    #[test]
    fn shifted_dates_open_the_application_window_on_the_install_day_with_the_2011_intervals() {
        let call = CallTemplate::ptce_2011();
        let now = datetime!(2026-11-27 10:00 UTC);
        let phases = call.place_phases(CallDates::Shifted, now).expect("placed");
        let days: Vec<_> = phases.iter().map(|p| (p.first_day(), p.last_day())).collect();
        // 31 Oct 2011 → 27 Nov 2026; every interval is kept (15 Feb is 107 days after 31 Oct).
        assert_eq!(
            days,
            [
                (date!(2026 - 11 - 26), date!(2026 - 11 - 26)),
                (date!(2026 - 11 - 27), date!(2026 - 12 - 27)),
                (date!(2026 - 12 - 28), date!(2027 - 01 - 11)),
                (date!(2027 - 01 - 12), date!(2027 - 02 - 11)),
                (date!(2027 - 03 - 14), date!(2027 - 03 - 14)),
            ]
        );
        assert!(phases[1].is_current(now));
        assert_eq!(moment(&phases, now), Moment::During { phase: &phases[1] });
    }

    #[test]
    fn the_moment_is_between_phases_in_a_gap_and_over_after_the_last() {
        let call = CallTemplate::ptce_2011();
        let phases =
            call.place_phases(CallDates::Original, datetime!(2011-01-01 0:00 UTC)).expect("ok");
        assert_eq!(
            moment(&phases, datetime!(2012-02-01 12:00 UTC)),
            Moment::Between { next: &phases[4] }
        );
        assert_eq!(
            moment(&phases, datetime!(2011-10-01 12:00 UTC)),
            Moment::NotYetOpen { next: &phases[0] }
        );
        assert_eq!(moment(&phases, datetime!(2026-11-27 12:00 UTC)), Moment::Over);
    }

    #[test]
    fn a_template_with_a_phase_ending_before_it_starts_is_refused() {
        let text = PTCE_2011.replacen("end = 2011-10-30", "end = 2011-10-01", 1);
        assert_eq!(
            CallTemplate::parse(&text).err(),
            Some(TemplateError::EndsBeforeStart { phase: "launch".into() })
        );
    }

    fn input<'a>(slug: &'a str, first: &'a str, last: &'a str) -> PhaseDaysInput<'a> {
        PhaseDaysInput { slug, first, last, tentative: false }
    }

    #[test]
    fn a_day_is_read_from_a_date_input_or_as_french_people_write_it() {
        assert_eq!(parse_day("2011-11-30"), Some(date!(2011 - 11 - 30)));
        assert_eq!(parse_day(" 30/11/2011 "), Some(date!(2011 - 11 - 30)));
        assert_eq!(parse_day("1/2/2012"), Some(date!(2012 - 02 - 01)));
        assert_eq!(parse_day("2011-02-30"), None);
        assert_eq!(parse_day("0211-11-30"), None);
        assert_eq!(parse_day("2011-11-30T10:00"), None);
        assert_eq!(parse_day("+2011-11-30"), None);
        assert_eq!(parse_day(""), None);
    }

    #[test]
    fn an_edited_calendar_is_stored_as_place_phases_places_the_template() {
        let call = CallTemplate::ptce_2011();
        let placed = call.place_phases(CallDates::Original, datetime!(2026-11-27 10:00 UTC));
        let placed = placed.expect("placed");
        let typed: Vec<(String, String, String)> = placed
            .iter()
            .map(|p| (p.slug.clone(), p.first_day().to_string(), p.last_day().to_string()))
            .collect();
        let inputs: Vec<_> = typed.iter().map(|(s, f, l)| input(s, f, l)).collect();
        let checked = check_calendar(&inputs).expect("the 2011 calendar is valid");
        let spans: Vec<_> = checked.iter().map(|p| (p.starts_at, p.ends_at)).collect();
        let expected: Vec<_> = placed.iter().map(|p| (p.starts_at, p.ends_at)).collect();
        assert_eq!(spans, expected);
        assert_eq!(
            day_span(date!(2011 - 10 - 31), date!(2011 - 11 - 30)),
            (datetime!(2011-10-30 23:00 UTC), datetime!(2011-11-30 23:00 UTC))
        );
    }

    #[test]
    fn a_calendar_with_a_last_day_before_the_first_is_refused_for_that_phase() {
        let inputs = [
            input("launch", "2011-10-30", "2011-10-30"),
            input("applications", "2011-11-30", "2011-10-31"),
        ];
        assert_eq!(
            check_calendar(&inputs),
            Err(vec![CalendarError::LastBeforeFirst { phase: "applications".into() }])
        );
    }

    #[test]
    fn every_calendar_mistake_is_reported_at_once() {
        let inputs = [
            input("launch", "2011-10-30", "demain"),
            input("applications", "2011-10-31", "2011-11-30"),
            input("screening", "2011-11-30", "2011-12-15"),
        ];
        assert_eq!(
            check_calendar(&inputs),
            Err(vec![
                CalendarError::NotADate { phase: "launch".into(), day: PhaseDay::Last },
                CalendarError::OutOfOrder {
                    phase: "screening".into(),
                    previous: "applications".into()
                },
            ])
        );
        let without = [input("launch", "2011-10-30", "2011-10-30")];
        assert_eq!(check_calendar(&without), Err(vec![CalendarError::NoApplicationsPhase]));
    }
}
