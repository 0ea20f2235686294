//! iCalendar files (RFC 5545) for the network's meetings: one VEVENT per meeting, CRLF line
//! endings, lines folded at 75 octets without splitting a character, texts escaped; published
//! (the page's file, a change emailed to invitees) or cancelled (RFC 5546 `METHOD:CANCEL`).

use time::{Date, OffsetDateTime, UtcOffset};

/// When an event starts or ends: a whole day (all-day events, e.g. a meeting whose time is not
/// known yet) or an instant, written in UTC so that no VTIMEZONE block is needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IcsTime {
    /// `VALUE=DATE`; as an end, the day after the last one (RFC 5545 §3.6.1: DTEND excluded).
    Day(Date),
    At(OffsetDateTime),
}

/// What a file asks of the calendar that opens it (RFC 5546 §1.4, §3.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IcsMethod {
    /// Add or update the event (same UID, higher SEQUENCE: the copy is replaced).
    Publish,
    /// The event is cancelled: calendars remove or strike their copy. RFC 5546 §3.2.5 asks for
    /// ORGANIZER, the ATTENDEEs concerned, SEQUENCE and `STATUS:CANCELLED`.
    Cancel,
}

impl IcsMethod {
    pub fn code(self) -> &'static str {
        match self {
            IcsMethod::Publish => "PUBLISH",
            IcsMethod::Cancel => "CANCEL",
        }
    }
}

/// The STATUS of an event (RFC 5545 §3.8.1.11).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IcsStatus {
    Confirmed,
    /// A date still to be confirmed.
    Tentative,
    Cancelled,
}

impl IcsStatus {
    pub fn code(self) -> &'static str {
        match self {
            IcsStatus::Confirmed => "CONFIRMED",
            IcsStatus::Tentative => "TENTATIVE",
            IcsStatus::Cancelled => "CANCELLED",
        }
    }
}

/// Someone named in an event: its organizer, or the attendee a message is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IcsPerson<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

/// One event of a calendar file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent<'a> {
    /// Globally unique and stable across downloads, e.g. `<uuid>@ptce.example.org`.
    pub uid: &'a str,
    /// When this file was made.
    pub stamp: OffsetDateTime,
    pub start: IcsTime,
    pub end: IcsTime,
    pub summary: &'a str,
    pub description: &'a str,
    pub location: &'a str,
    /// The event's public page.
    pub url: Option<&'a str>,
    pub status: IcsStatus,
    /// Bumped when the event changes, so calendars replace their copy.
    pub sequence: i64,
    /// Who sends it (required with `METHOD:CANCEL`).
    pub organizer: Option<IcsPerson<'a>>,
    /// The person a message is addressed to (required with `METHOD:CANCEL`).
    pub attendee: Option<IcsPerson<'a>>,
}

/// The longest line, in octets, before folding (RFC 5545 §3.1), the CRLF not counted.
const MAX_OCTETS: usize = 75;

/// A whole `text/calendar` file publishing the events.
pub fn calendar(events: &[IcsEvent<'_>]) -> String {
    calendar_for(IcsMethod::Publish, events)
}

/// A whole `text/calendar` file holding the events, with the method given.
pub fn calendar_for(method: IcsMethod, events: &[IcsEvent<'_>]) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//PTCE//Rencontres du reseau//FR".into(),
        "CALSCALE:GREGORIAN".into(),
        format!("METHOD:{}", method.code()),
    ];
    for event in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", escape(event.uid)));
        lines.push(format!("DTSTAMP:{}", utc(event.stamp)));
        lines.push(time_property("DTSTART", event.start));
        lines.push(time_property("DTEND", event.end));
        lines.push(format!("SEQUENCE:{}", event.sequence));
        if let Some(organizer) = event.organizer {
            lines.push(person("ORGANIZER", "", organizer));
        }
        if let Some(attendee) = event.attendee {
            lines.push(person("ATTENDEE", ";ROLE=REQ-PARTICIPANT", attendee));
        }
        lines.push(format!("SUMMARY:{}", escape(event.summary)));
        if !event.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(event.description)));
        }
        if !event.location.is_empty() {
            lines.push(format!("LOCATION:{}", escape(event.location)));
        }
        if let Some(url) = event.url {
            // A URI value, not text: not escaped (RFC 5545 §3.3.13).
            lines.push(format!("URL:{url}"));
        }
        lines.push(format!("STATUS:{}", event.status.code()));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|line| fold(line)).collect()
}

/// `ORGANIZER;CN="PTCE":mailto:ne-pas-repondre@ptce.example`: the name as a quoted parameter
/// (which may hold neither a double quote nor a control character, RFC 5545 §3.1), the address
/// as a `mailto:` URI.
fn person(name: &str, params: &str, who: IcsPerson<'_>) -> String {
    let cn: String = who.name.chars().filter(|c| *c != '"' && !c.is_control()).collect();
    let email: String =
        who.email.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect();
    if cn.trim().is_empty() {
        format!("{name}{params}:mailto:{email}")
    } else {
        format!("{name};CN=\"{}\"{params}:mailto:{email}", cn.trim())
    }
}

fn time_property(name: &str, at: IcsTime) -> String {
    match at {
        IcsTime::Day(day) => format!("{name};VALUE=DATE:{}", basic_date(day)),
        IcsTime::At(instant) => format!("{name}:{}", utc(instant)),
    }
}

fn basic_date(day: Date) -> String {
    format!("{:04}{:02}{:02}", day.year(), u8::from(day.month()), day.day())
}

/// `20120215T090000Z`.
fn utc(instant: OffsetDateTime) -> String {
    let at = instant.to_offset(UtcOffset::UTC);
    format!("{}T{:02}{:02}{:02}Z", basic_date(at.date()), at.hour(), at.minute(), at.second())
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped, line breaks as
/// `\n` (a CRLF or a lone CR counts as one break).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            // Other control characters are not allowed in a TEXT value.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded (RFC 5545 §3.1): at most 75 octets per physical line, each
/// continuation starting with a space (which counts in its 75), never cutting a UTF-8
/// character; every physical line ends with CRLF.
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3 + 2);
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > MAX_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};

    use super::*;

    #[test]
    fn commas_semicolons_backslashes_and_line_breaks_are_escaped() {
        assert_eq!(
            escape("Salle 2, bât. A; niveau \\1\r\nAccueil\nCafé\r"),
            "Salle 2\\, bât. A\\; niveau \\\\1\\nAccueil\\nCafé\\n"
        );
    }

    #[test]
    fn a_short_line_is_not_folded_and_ends_with_crlf() {
        assert_eq!(fold("SUMMARY:Rencontre"), "SUMMARY:Rencontre\r\n");
        let exactly = "X".repeat(75);
        assert_eq!(fold(&exactly), format!("{exactly}\r\n"));
    }

    #[test]
    fn a_long_line_with_accents_is_folded_at_75_octets_without_cutting_a_character() {
        // 73 ASCII octets then "é" (2 octets) reaches 75 exactly; the next "é" goes on.
        let line = format!("{}ééé", "D".repeat(73));
        let folded = fold(&line);
        let physical: Vec<&str> = folded.split("\r\n").collect();
        assert_eq!(physical, [format!("{}é", "D".repeat(73)).as_str(), " éé", ""]);
        // 74 ASCII octets: "é" would end at octet 76, so it starts the next line whole.
        let folded = fold(&format!("{}é", "D".repeat(74)));
        assert_eq!(folded, format!("{}\r\n é\r\n", "D".repeat(74)));
        for part in fold(&"Première réunion « été » ".repeat(20)).split("\r\n") {
            assert!(part.len() <= 75, "{part:?} is {} octets", part.len());
        }
    }

    #[test]
    fn unfolding_gives_back_the_line() {
        let line = format!("DESCRIPTION:{}", "Lancement officiel, à Paris ; ".repeat(9));
        let unfolded = fold(&line).trim_end_matches("\r\n").replace("\r\n ", "");
        assert_eq!(unfolded, line);
    }

    #[test]
    fn an_all_day_tentative_event_is_written_with_dates_and_a_timed_one_in_utc() {
        let all_day = IcsEvent {
            uid: "0190-a@ptce.test",
            stamp: datetime!(2026-11-27 10:00:05 UTC),
            start: IcsTime::Day(date!(2012 - 02 - 15)),
            end: IcsTime::Day(date!(2012 - 02 - 16)),
            summary: "Première réunion, lancement",
            description: "Ligne 1\nLigne 2",
            location: "",
            url: Some("https://ptce.test/rencontres/0190-a"),
            status: IcsStatus::Tentative,
            sequence: 0,
            organizer: None,
            attendee: None,
        };
        let timed = IcsEvent {
            uid: "0190-b@ptce.test",
            start: IcsTime::At(datetime!(2012-02-15 10:00 +01:00)),
            end: IcsTime::At(datetime!(2012-02-15 17:30 +01:00)),
            summary: "Atelier",
            description: "",
            location: "Lyon; salle 3",
            url: None,
            status: IcsStatus::Confirmed,
            sequence: 2,
            ..all_day.clone()
        };
        assert_eq!(
            calendar(&[all_day, timed]),
            "BEGIN:VCALENDAR\r\n\
             VERSION:2.0\r\n\
             PRODID:-//PTCE//Rencontres du reseau//FR\r\n\
             CALSCALE:GREGORIAN\r\n\
             METHOD:PUBLISH\r\n\
             BEGIN:VEVENT\r\n\
             UID:0190-a@ptce.test\r\n\
             DTSTAMP:20261127T100005Z\r\n\
             DTSTART;VALUE=DATE:20120215\r\n\
             DTEND;VALUE=DATE:20120216\r\n\
             SEQUENCE:0\r\n\
             SUMMARY:Première réunion\\, lancement\r\n\
             DESCRIPTION:Ligne 1\\nLigne 2\r\n\
             URL:https://ptce.test/rencontres/0190-a\r\n\
             STATUS:TENTATIVE\r\n\
             END:VEVENT\r\n\
             BEGIN:VEVENT\r\n\
             UID:0190-b@ptce.test\r\n\
             DTSTAMP:20261127T100005Z\r\n\
             DTSTART:20120215T090000Z\r\n\
             DTEND:20120215T163000Z\r\n\
             SEQUENCE:2\r\n\
             SUMMARY:Atelier\r\n\
             LOCATION:Lyon\\; salle 3\r\n\
             STATUS:CONFIRMED\r\n\
             END:VEVENT\r\n\
             END:VCALENDAR\r\n"
        );
    }

    #[test]
    fn a_cancellation_names_its_organizer_and_attendee_and_is_cancelled() {
        let cancelled = IcsEvent {
            uid: "0190-a@ptce.test",
            stamp: datetime!(2026-11-27 10:00:05 UTC),
            start: IcsTime::Day(date!(2099 - 06 - 15)),
            end: IcsTime::Day(date!(2099 - 06 - 16)),
            summary: "Rencontre",
            description: "",
            location: "",
            url: None,
            status: IcsStatus::Cancelled,
            sequence: 3,
            organizer: Some(IcsPerson {
                name: "PTCE \"copil\"",
                email: "ne-pas-repondre@ptce.test",
            }),
            attendee: Some(IcsPerson { name: "Élise Durand", email: "elise@castres.fr" }),
        };
        assert_eq!(
            calendar_for(IcsMethod::Cancel, &[cancelled]),
            "BEGIN:VCALENDAR\r\n\
             VERSION:2.0\r\n\
             PRODID:-//PTCE//Rencontres du reseau//FR\r\n\
             CALSCALE:GREGORIAN\r\n\
             METHOD:CANCEL\r\n\
             BEGIN:VEVENT\r\n\
             UID:0190-a@ptce.test\r\n\
             DTSTAMP:20261127T100005Z\r\n\
             DTSTART;VALUE=DATE:20990615\r\n\
             DTEND;VALUE=DATE:20990616\r\n\
             SEQUENCE:3\r\n\
             ORGANIZER;CN=\"PTCE copil\":mailto:ne-pas-repondre@ptce.test\r\n\
             ATTENDEE;CN=\"Élise Durand\";ROLE=REQ-PARTICIPANT:mailto:elise@castres.fr\r\n\
             SUMMARY:Rencontre\r\n\
             STATUS:CANCELLED\r\n\
             END:VEVENT\r\n\
             END:VCALENDAR\r\n"
        );
    }
}
