//! Europe/Paris civil time: deadlines are instants in Paris time and dates are shown there.
//!
//! France follows the EU summer-time rule in force since 1996: summer time (UTC+2) from the last
//! Sunday of March at 01:00 UTC to the last Sunday of October at 01:00 UTC, UTC+1 otherwise.
//! Computing it here keeps a time-zone database out of the binary; every date the platform
//! handles (2011 onwards) falls under this rule.

use time::{Date, Duration, Month, OffsetDateTime, PrimitiveDateTime, Time, UtcOffset, Weekday};

const WINTER: UtcOffset = match UtcOffset::from_hms(1, 0, 0) {
    Ok(o) => o,
    Err(_) => panic!("valid offset"),
};
const SUMMER: UtcOffset = match UtcOffset::from_hms(2, 0, 0) {
    Ok(o) => o,
    Err(_) => panic!("valid offset"),
};

fn last_sunday(year: i32, month: Month) -> Date {
    let last_day = time::util::days_in_month(month, year);
    let mut date = Date::from_calendar_date(year, month, last_day).unwrap_or(Date::MIN);
    while date.weekday() != Weekday::Sunday {
        date = date.previous_day().unwrap_or(Date::MIN);
    }
    date
}

/// The offset of Paris civil time at an instant.
pub fn offset_at(instant: OffsetDateTime) -> UtcOffset {
    let utc = instant.to_offset(UtcOffset::UTC);
    let year = utc.year();
    let one_am = Time::from_hms(1, 0, 0).unwrap_or(Time::MIDNIGHT);
    let starts = PrimitiveDateTime::new(last_sunday(year, Month::March), one_am).assume_utc();
    let ends = PrimitiveDateTime::new(last_sunday(year, Month::October), one_am).assume_utc();
    if utc >= starts && utc < ends { SUMMER } else { WINTER }
}

/// The instant shown in Paris civil time.
pub fn to_paris(instant: OffsetDateTime) -> OffsetDateTime {
    instant.to_offset(offset_at(instant))
}

/// The instant at which a Paris calendar day begins (midnight, never inside a clock change,
/// which happens at 02:00 or 03:00).
pub fn start_of_day(date: Date) -> OffsetDateTime {
    let local = PrimitiveDateTime::new(date, Time::MIDNIGHT);
    let as_winter = local.assume_offset(WINTER);
    if offset_at(as_winter) == WINTER {
        as_winter.to_offset(UtcOffset::UTC)
    } else {
        local.assume_offset(SUMMER).to_offset(UtcOffset::UTC)
    }
}

/// The Paris calendar day of an instant.
pub fn date_of(instant: OffsetDateTime) -> Date {
    to_paris(instant).date()
}

/// The whole days and hours (or hours and minutes, under a day) left until a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Remaining {
    DaysHours { days: i64, hours: i64 },
    HoursMinutes { hours: i64, minutes: i64 },
    Over,
}

pub fn remaining(now: OffsetDateTime, deadline: OffsetDateTime) -> Remaining {
    let left = deadline - now;
    if left <= Duration::ZERO {
        return Remaining::Over;
    }
    if left >= Duration::DAY {
        Remaining::DaysHours { days: left.whole_days(), hours: left.whole_hours() % 24 }
    } else {
        Remaining::HoursMinutes { hours: left.whole_hours(), minutes: left.whole_minutes() % 60 }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn paris_is_one_hour_ahead_in_winter_and_two_in_summer() {
        assert_eq!(offset_at(datetime!(2011-11-30 12:00 UTC)), WINTER);
        assert_eq!(offset_at(datetime!(2011-07-01 12:00 UTC)), SUMMER);
    }

    #[test]
    fn summer_time_ends_on_the_last_sunday_of_october_at_one_utc() {
        // 30 October 2011 was the last Sunday of October 2011: the launch day of the call.
        assert_eq!(offset_at(datetime!(2011-10-30 00:59 UTC)), SUMMER);
        assert_eq!(offset_at(datetime!(2011-10-30 01:00 UTC)), WINTER);
        assert_eq!(offset_at(datetime!(2026-03-29 00:59 UTC)), WINTER);
        assert_eq!(offset_at(datetime!(2026-03-29 01:00 UTC)), SUMMER);
    }

    #[test]
    fn a_paris_day_starts_at_local_midnight_in_either_season() {
        assert_eq!(start_of_day(date!(2011 - 12 - 01)), datetime!(2011-11-30 23:00 UTC));
        assert_eq!(start_of_day(date!(2011 - 10 - 30)), datetime!(2011-10-29 22:00 UTC));
        assert_eq!(start_of_day(date!(2011 - 10 - 31)), datetime!(2011-10-30 23:00 UTC));
    }

    #[test]
    fn the_paris_date_of_a_late_evening_utc_instant_is_the_next_day() {
        assert_eq!(date_of(datetime!(2011-11-30 23:30 UTC)), date!(2011 - 12 - 01));
    }

    #[test]
    fn time_left_is_days_and_hours_then_hours_and_minutes() {
        let deadline = datetime!(2011-12-01 00:00 UTC);
        assert_eq!(
            remaining(datetime!(2011-11-28 18:30 UTC), deadline),
            Remaining::DaysHours { days: 2, hours: 5 }
        );
        assert_eq!(
            remaining(datetime!(2011-11-30 21:15 UTC), deadline),
            Remaining::HoursMinutes { hours: 2, minutes: 45 }
        );
        assert_eq!(remaining(deadline, deadline), Remaining::Over);
    }
}
