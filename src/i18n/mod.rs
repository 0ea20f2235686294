//! Translations (Fluent files under `locales/`) and French/English formatting of dates.

use std::sync::LazyLock;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use time::{Date, Month, OffsetDateTime};
use unic_langid::LanguageIdentifier;

use crate::domain::lang::Lang;
use crate::domain::paris::{self, Remaining};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "fr",
        // Isolation marks around arguments would show as stray characters in plain-text emails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FR: LazyLock<LanguageIdentifier> = LazyLock::new(|| "fr".parse().unwrap_or_default());
static EN: LazyLock<LanguageIdentifier> = LazyLock::new(|| "en".parse().unwrap_or_default());

fn id(lang: Lang) -> &'static LanguageIdentifier {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
    }
}

/// The message `key` in `lang`.
pub fn t(lang: Lang, key: &str) -> String {
    LOCALES.lookup(id(lang), key)
}

/// The message `key` in `lang` with named arguments.
pub fn t_args(lang: Lang, key: &str, args: &[(&'static str, FluentValue<'_>)]) -> String {
    let map = args.iter().map(|(k, v)| (std::borrow::Cow::Borrowed(*k), v.clone())).collect();
    LOCALES.lookup_with_args(id(lang), key, &map)
}

fn month_name(lang: Lang, month: Month) -> &'static str {
    const FR_MONTHS: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const EN_MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let index = usize::from(u8::from(month) - 1);
    match lang {
        Lang::Fr => FR_MONTHS[index],
        Lang::En => EN_MONTHS[index],
    }
}

/// A calendar day as written in running text: "1er décembre 2011", "1 December 2011".
pub fn date(lang: Lang, date: Date) -> String {
    let day = date.day();
    let month = month_name(lang, date.month());
    match lang {
        Lang::Fr if day == 1 => format!("1er {month} {}", date.year()),
        _ => format!("{day} {month} {}", date.year()),
    }
}

/// A span of days: "du 31 octobre au 30 novembre 2011", "31 October – 30 November 2011", or a
/// single date when both ends are the same day.
pub fn date_range(lang: Lang, first: Date, last: Date) -> String {
    if first == last {
        return date(lang, first);
    }
    let day = match lang {
        Lang::Fr if first.day() == 1 => "1er".to_owned(),
        _ => first.day().to_string(),
    };
    let start = if first.year() != last.year() {
        date(lang, first)
    } else if first.month() != last.month() {
        format!("{day} {}", month_name(lang, first.month()))
    } else {
        day
    };
    match lang {
        Lang::Fr => format!("du {start} au {}", date(lang, last)),
        Lang::En if first.year() == last.year() && first.month() == last.month() => {
            format!("{start}–{}", date(lang, last))
        }
        Lang::En => format!("{start} – {}", date(lang, last)),
    }
}

/// An instant in Paris time: "30 novembre 2011 à 23 h 59", "30 November 2011 at 23:59".
pub fn datetime(lang: Lang, instant: OffsetDateTime) -> String {
    let local = paris::to_paris(instant);
    let day = date(lang, local.date());
    match lang {
        Lang::Fr => format!("{day} à {} h {:02}", local.hour(), local.minute()),
        Lang::En => format!("{day} at {:02}:{:02}", local.hour(), local.minute()),
    }
}

/// An instant in Paris time for a table cell, short and of one width: "30/11/2011 23:59" in
/// French, "2011-11-30 23:59" in English (day and month are ambiguous in English).
pub fn datetime_short(lang: Lang, instant: OffsetDateTime) -> String {
    let local = paris::to_paris(instant);
    let (day, month, year) = (local.day(), u8::from(local.month()), local.year());
    let time = format!("{:02}:{:02}", local.hour(), local.minute());
    match lang {
        Lang::Fr => format!("{day:02}/{month:02}/{year} {time}"),
        Lang::En => format!("{year}-{month:02}-{day:02} {time}"),
    }
}

/// An instant to the second in Paris time, with its offset, as a receipt states it:
/// "30 novembre 2011 à 23:59:58 (UTC+01:00)", "30 November 2011 at 23:59:58 (UTC+01:00)".
pub fn timestamp(lang: Lang, instant: OffsetDateTime) -> String {
    let local = paris::to_paris(instant);
    let day = date(lang, local.date());
    let offset = local.offset();
    let sign = if offset.is_negative() { '-' } else { '+' };
    let time = format!("{:02}:{:02}:{:02}", local.hour(), local.minute(), local.second());
    let zone = format!(
        "UTC{sign}{:02}:{:02}",
        offset.whole_hours().unsigned_abs(),
        offset.minutes_past_hour().unsigned_abs()
    );
    match lang {
        Lang::Fr => format!("{day} à {time} ({zone})"),
        Lang::En => format!("{day} at {time} ({zone})"),
    }
}

/// "29 jours et 6 heures", "2 hours and 45 minutes".
pub fn remaining(lang: Lang, left: Remaining) -> String {
    let (key, a, b) = match left {
        Remaining::DaysHours { days, hours } => ("remaining-days-hours", days, hours),
        Remaining::HoursMinutes { hours, minutes } => ("remaining-hours-minutes", hours, minutes),
        Remaining::Over => return t(lang, "remaining-over"),
    };
    t_args(lang, key, &[("a", FluentValue::from(a)), ("b", FluentValue::from(b))])
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn a_receipt_timestamp_gives_the_second_and_the_paris_offset_of_that_day() {
        let winter = datetime!(2011-11-30 22:59:58 UTC);
        assert_eq!(timestamp(Lang::Fr, winter), "30 novembre 2011 à 23:59:58 (UTC+01:00)");
        let summer = datetime!(2012-07-14 08:00:05 UTC);
        assert_eq!(timestamp(Lang::En, summer), "14 July 2012 at 10:00:05 (UTC+02:00)");
    }

    #[test]
    fn a_short_datetime_is_in_paris_time_with_zero_padded_numbers() {
        let winter = datetime!(2011-12-01 08:05:00 UTC);
        assert_eq!(datetime_short(Lang::Fr, winter), "01/12/2011 09:05");
        assert_eq!(datetime_short(Lang::En, winter), "2011-12-01 09:05");
        let summer = datetime!(2012-07-14 22:30:00 UTC);
        assert_eq!(datetime_short(Lang::Fr, summer), "15/07/2012 00:30");
    }

    #[test]
    fn dates_read_naturally_in_both_languages() {
        assert_eq!(date(Lang::Fr, date!(2011 - 12 - 01)), "1er décembre 2011");
        assert_eq!(date(Lang::En, date!(2011 - 12 - 01)), "1 December 2011");
        assert_eq!(
            date_range(Lang::Fr, date!(2011 - 10 - 31), date!(2011 - 11 - 30)),
            "du 31 octobre au 30 novembre 2011"
        );
        assert_eq!(
            date_range(Lang::Fr, date!(2011 - 12 - 01), date!(2011 - 12 - 15)),
            "du 1er au 15 décembre 2011"
        );
        assert_eq!(
            date_range(Lang::En, date!(2011 - 12 - 01), date!(2011 - 12 - 15)),
            "1–15 December 2011"
        );
        assert_eq!(
            date_range(Lang::En, date!(2011 - 12 - 16), date!(2012 - 01 - 15)),
            "16 December 2011 – 15 January 2012"
        );
    }

    #[test]
    fn the_2011_deadline_reads_as_paris_time() {
        let last_minute = datetime!(2011-11-30 22:59 UTC);
        assert_eq!(datetime(Lang::Fr, last_minute), "30 novembre 2011 à 23 h 59");
        assert_eq!(datetime(Lang::En, last_minute), "30 November 2011 at 23:59");
    }

    #[test]
    fn time_left_agrees_in_number() {
        let left = Remaining::DaysHours { days: 1, hours: 2 };
        assert_eq!(remaining(Lang::Fr, left), "1 jour et 2 heures");
        assert_eq!(remaining(Lang::En, left), "1 day and 2 hours");
        let left = Remaining::HoursMinutes { hours: 0, minutes: 1 };
        assert_eq!(remaining(Lang::Fr, left), "0 heure et 1 minute");
        assert_eq!(remaining(Lang::En, left), "0 hours and 1 minute");
    }

    #[test]
    fn every_french_message_has_an_english_twin_and_back() {
        let keys = |text: &str| -> std::collections::BTreeSet<String> {
            text.lines()
                .filter(|l| !l.starts_with([' ', '#', '-', '\t']) && l.contains(" ="))
                .filter_map(|l| l.split(" =").next().map(str::to_owned))
                .collect()
        };
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
        let files = |lang: &str| -> std::collections::BTreeSet<String> {
            std::fs::read_dir(folder.join(lang))
                .expect("locales folder")
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(files("fr"), files("en"), "the same files in both languages");
        assert!(files("fr").contains("main.ftl"));
        for file in files("fr") {
            let read = |lang: &str| std::fs::read_to_string(folder.join(lang).join(&file));
            let fr = keys(&read("fr").expect("fr"));
            let en = keys(&read("en").expect("en"));
            assert!(fr.len() >= 5, "{file} holds messages");
            assert_eq!(fr.difference(&en).collect::<Vec<_>>(), Vec::<&String>::new(), "{file}");
            assert_eq!(en.difference(&fr).collect::<Vec<_>>(), Vec::<&String>::new(), "{file}");
        }
    }
}
