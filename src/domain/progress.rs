//! The progress approach (démarche de progrès) without I/O: periods and their input, when a
//! reminder is due, the indicators of a period report read from its form schema, a pole's
//! series over periods, and network totals (sums of the reports' answers, ratios recomputed on
//! the sums).

use std::collections::BTreeMap;

use serde_json::{Value, json};
use time::{Date, Duration, Month};

use super::form::{
    self, Answers, ComputedValue, FormSchema, Kind, format_decimal, format_integer, format_percent,
};
use super::lang::{Lang, Localized};
use super::money::Money;

/// The track under which the period report's form is published (`form_revisions.track`).
pub const REPORT_TRACK: &str = "report";

/// How long before the due date the first reminder goes out.
pub const REMINDER_LEAD: Duration = Duration::days(14);

/// The longest label of a period.
pub const LABEL_MAX: usize = 40;

/// Where a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportState {
    Draft,
    Submitted,
}

impl ReportState {
    pub fn code(self) -> &'static str {
        match self {
            ReportState::Draft => "draft",
            ReportState::Submitted => "submitted",
        }
    }

    pub fn parse(code: &str) -> Option<ReportState> {
        match code {
            "draft" => Some(ReportState::Draft),
            "submitted" => Some(ReportState::Submitted),
            _ => None,
        }
    }
}

/// A period's dates as typed in the back office's form.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeriodInput {
    pub label: String,
    pub starts_on: String,
    pub ends_on: String,
    pub due_on: String,
}

/// A period that reads: its label, the days it covers and the day reports are due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodDates {
    pub label: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub due_on: Date,
}

/// A problem with a period's input: the field (`label`, `starts_on`, `ends_on`, `due_on`) and
/// the message key (`progress.ftl`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodIssue {
    pub field: &'static str,
    pub message: &'static str,
}

/// Reads a period: a label not already taken (`taken`, compared without case), three dates
/// (`2013-03-31` as a date input posts, or `31/03/2013`), the end not before the start and the
/// due date not before the end.
pub fn parse_period(
    input: &PeriodInput,
    taken: &[String],
) -> Result<PeriodDates, Vec<PeriodIssue>> {
    let mut issues = Vec::new();
    let label = input.label.split_whitespace().collect::<Vec<_>>().join(" ");
    if label.is_empty() {
        issues.push(PeriodIssue { field: "label", message: "progress-error-label-missing" });
    } else if label.chars().count() > LABEL_MAX {
        issues.push(PeriodIssue { field: "label", message: "progress-error-label-long" });
    } else if taken.iter().any(|t| t.to_lowercase() == label.to_lowercase()) {
        issues.push(PeriodIssue { field: "label", message: "progress-error-label-taken" });
    }
    let mut date = |field: &'static str, text: &str| {
        if text.trim().is_empty() {
            issues.push(PeriodIssue { field, message: "progress-error-date-missing" });
            return None;
        }
        let day = form::parse_date(text);
        if day.is_none() {
            issues.push(PeriodIssue { field, message: "progress-error-date-unreadable" });
        }
        day
    };
    let starts_on = date("starts_on", &input.starts_on);
    let ends_on = date("ends_on", &input.ends_on);
    let due_on = date("due_on", &input.due_on);
    if let (Some(start), Some(end)) = (starts_on, ends_on)
        && end < start
    {
        issues.push(PeriodIssue { field: "ends_on", message: "progress-error-end-before-start" });
    }
    if let (Some(end), Some(due)) = (ends_on, due_on)
        && due < end
    {
        issues.push(PeriodIssue { field: "due_on", message: "progress-error-due-before-end" });
    }
    match (starts_on, ends_on, due_on) {
        (Some(starts_on), Some(ends_on), Some(due_on)) if issues.is_empty() => {
            Ok(PeriodDates { label, starts_on, ends_on, due_on })
        }
        _ => Err(issues),
    }
}

/// The period the form proposes: the calendar year after the last period's end (the year after
/// the call's when there is none), due on 31 March of the year after it.
pub fn next_yearly(last_end: Option<Date>, call_year: i32) -> PeriodInput {
    let year = last_end.map_or(call_year + 1, |end| end.year() + 1);
    let day = |y, m, d| Date::from_calendar_date(y, m, d).map(form::iso_date).unwrap_or_default();
    PeriodInput {
        label: year.to_string(),
        starts_on: day(year, Month::January, 1),
        ends_on: day(year, Month::December, 31),
        due_on: day(year + 1, Month::March, 31),
    }
}

/// A reminder of a period's report: shortly before the due date, or once it has passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderKind {
    Before,
    After,
}

impl ReminderKind {
    pub fn code(self) -> &'static str {
        match self {
            ReminderKind::Before => "before",
            ReminderKind::After => "after",
        }
    }

    pub fn parse(code: &str) -> Option<ReminderKind> {
        match code {
            "before" => Some(ReminderKind::Before),
            "after" => Some(ReminderKind::After),
            _ => None,
        }
    }
}

/// The reminder due on `today` (Paris) for reports due on `due_on`: within [`REMINDER_LEAD`]
/// before it (the due day included), the one before; after it, the one after; earlier, none.
pub fn reminder_due(today: Date, due_on: Date) -> Option<ReminderKind> {
    if today > due_on {
        Some(ReminderKind::After)
    } else if today >= due_on - REMINDER_LEAD {
        Some(ReminderKind::Before)
    } else {
        None
    }
}

/// How an indicator's values add up and read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// People, things: summed, shown as "1 234".
    Count,
    /// FTE, tonnes, m²: summed, shown as "12,5".
    Decimal,
    /// Euros, held in cents: summed, shown as "12 000 €".
    Money,
    /// A percentage typed by the pole: averaged over the reports that give it.
    Percent,
    /// A value the form computes from other answers: recomputed on the totals.
    Computed,
}

/// One indicator of the report: a public numeric (or computed) field.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub key: String,
    pub label: Localized,
    pub measure: Measure,
}

/// The indicators of one section of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorGroup {
    pub key: String,
    pub title: Localized,
    pub indicators: Vec<Indicator>,
}

/// The report's public indicators by section, in form order: the fields marked `public` whose
/// value is a number (integer, decimal, money, percent) or computed. Text answers are never
/// among them.
pub fn indicators(schema: &FormSchema) -> Vec<IndicatorGroup> {
    schema
        .sections
        .iter()
        .map(|section| IndicatorGroup {
            key: section.key.clone(),
            title: section.title.clone(),
            indicators: section
                .fields
                .iter()
                .filter(|f| f.public)
                .filter_map(|f| {
                    let measure = match f.kind {
                        Kind::Integer { .. } => Measure::Count,
                        Kind::Decimal { .. } => Measure::Decimal,
                        Kind::Money { .. } => Measure::Money,
                        Kind::Percent { .. } => Measure::Percent,
                        Kind::Computed { .. } => Measure::Computed,
                        _ => return None,
                    };
                    Some(Indicator { key: f.key.clone(), label: f.label.clone(), measure })
                })
                .collect(),
        })
        .filter(|g| !g.indicators.is_empty())
        .collect()
}

/// A value of an indicator, with how it reads (a computed value says its own unit).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Amount {
    Count(f64),
    Decimal(f64),
    /// Cents.
    Money(i64),
    Percent(f64),
}

impl Amount {
    /// The number a chart draws (euros for money).
    pub fn number(self) -> f64 {
        match self {
            Amount::Count(n) | Amount::Decimal(n) | Amount::Percent(n) => n,
            Amount::Money(cents) => cents as f64 / 100.0,
        }
    }

    /// As a person reads it: "1 234", "12,5", "12 000 €", "27,5 %".
    pub fn display(self, lang: Lang) -> String {
        match self {
            Amount::Count(n) => format_integer(n.round() as i64),
            Amount::Decimal(n) => format_decimal(n),
            Amount::Money(cents) => Money::from_cents(cents).format(lang),
            Amount::Percent(n) => format_percent(n),
        }
    }

    /// A number of the same kind (a chart's axis): money given in euros.
    pub fn like(self, number: f64) -> Amount {
        match self {
            Amount::Count(_) => Amount::Count(number),
            Amount::Decimal(_) => Amount::Decimal(number),
            Amount::Money(_) => Amount::Money((number * 100.0).round() as i64),
            Amount::Percent(_) => Amount::Percent(number),
        }
    }
}

/// The value of an indicator in a report's answers: `None` when unanswered, unreadable (text
/// kept as typed) or not computable.
pub fn value_of(schema: &FormSchema, answers: &Answers, indicator: &Indicator) -> Option<Amount> {
    if indicator.measure == Measure::Computed {
        return match form::computed(schema, answers).remove(&indicator.key)? {
            ComputedValue::Money(cents) => Some(Amount::Money(cents)),
            ComputedValue::Percent(n) => Some(Amount::Percent(n)),
            ComputedValue::Number(n) => Some(Amount::Decimal(n)),
            ComputedValue::Text(_) | ComputedValue::Unknown => None,
        };
    }
    let Some(Value::Number(n)) = answers.get(&indicator.key) else { return None };
    match indicator.measure {
        Measure::Count => n.as_f64().map(Amount::Count),
        Measure::Decimal => n.as_f64().map(Amount::Decimal),
        Measure::Money => n.as_i64().map(Amount::Money),
        Measure::Percent => n.as_f64().map(Amount::Percent),
        Measure::Computed => None,
    }
}

/// One indicator over periods: a value (or none) per period, in the periods' order.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub key: String,
    pub values: Vec<Option<Amount>>,
}

impl Series {
    /// Whether any period has a value (a chart is worth drawing).
    pub fn has_values(&self) -> bool {
        self.values.iter().any(Option::is_some)
    }
}

/// The series of every indicator of `groups` from one report per period (`None`: no report).
pub fn series(
    schema: &FormSchema,
    groups: &[IndicatorGroup],
    reports: &[Option<&Answers>],
) -> Vec<Series> {
    groups
        .iter()
        .flat_map(|g| &g.indicators)
        .map(|indicator| Series {
            key: indicator.key.clone(),
            values: reports
                .iter()
                .map(|answers| answers.and_then(|a| value_of(schema, a, indicator)))
                .collect(),
        })
        .collect()
}

/// Several reports added up into one set of answers: counts, decimals and money summed over the
/// reports that answer them (unanswered everywhere: left unanswered), percentages averaged; the
/// computed indicators then read the sums (a network's share of SSE members is its SSE members
/// over all its members, not an average of shares).
pub fn add_up(schema: &FormSchema, reports: &[&Answers]) -> Answers {
    let mut total = Answers::new();
    for field in schema.fields() {
        let numbers: Vec<&serde_json::Number> = reports
            .iter()
            .filter_map(|a| match a.get(&field.key) {
                Some(Value::Number(n)) => Some(n),
                _ => None,
            })
            .collect();
        if numbers.is_empty() {
            continue;
        }
        let value = match field.kind {
            Kind::Integer { .. } | Kind::Money { .. } => {
                json!(numbers.iter().filter_map(|n| n.as_i64()).sum::<i64>())
            }
            Kind::Decimal { .. } => {
                let sum: f64 = numbers.iter().filter_map(|n| n.as_f64()).sum();
                json!((sum * 100.0).round() / 100.0)
            }
            Kind::Percent { .. } => {
                let sum: f64 = numbers.iter().filter_map(|n| n.as_f64()).sum();
                json!(sum / numbers.len() as f64)
            }
            _ => continue,
        };
        total.set(&field.key, value);
    }
    total
}

/// Reports grouped by a key (a region, a sector), each group added up, with its number of
/// reports. A report counted under several keys (a pole with two sectors) adds to each.
pub fn totals_by<'a>(
    schema: &FormSchema,
    reports: impl IntoIterator<Item = (Vec<String>, &'a Answers)>,
) -> BTreeMap<String, (usize, Answers)> {
    let mut groups: BTreeMap<String, Vec<&Answers>> = BTreeMap::new();
    for (keys, answers) in reports {
        for key in keys {
            let list = groups.entry(key).or_default();
            if !list.iter().any(|a| std::ptr::eq(*a, answers)) {
                list.push(answers);
            }
        }
    }
    groups.into_iter().map(|(key, list)| (key, (list.len(), add_up(schema, &list)))).collect()
}

/// The round top of a chart's axis for values up to `max`: 1, 2, 2.5 or 5 times a power of
/// ten (at least `max`; 1 when there is nothing above zero).
pub fn axis_top(max: f64) -> f64 {
    if !max.is_finite() || max <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(max.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|step| step * power)
        .find(|top| *top >= max * (1.0 - 1e-9))
        .unwrap_or(10.0 * power)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn schema() -> FormSchema {
        FormSchema::from_toml(form::REPORT).expect("the shipped report form reads")
    }

    fn report(pairs: &[(&str, Value)]) -> Answers {
        let mut answers = Answers::new();
        for (key, value) in pairs {
            answers.set(key, value.clone());
        }
        answers
    }

    fn indicator(schema: &FormSchema, key: &str) -> Indicator {
        indicators(schema)
            .into_iter()
            .flat_map(|g| g.indicators)
            .find(|i| i.key == key)
            .expect("indicator")
    }

    #[test]
    fn the_shipped_report_has_the_grid_indicators_and_keeps_the_comment_private() {
        let schema = schema();
        let groups = indicators(&schema);
        let keys: Vec<&str> = groups.iter().map(|g| g.key.as_str()).collect();
        assert_eq!(
            keys,
            ["members", "jobs", "economy", "cooperation", "territory", "governance", "environment"]
        );
        let all: Vec<&str> =
            groups.iter().flat_map(|g| &g.indicators).map(|i| i.key.as_str()).collect();
        assert_eq!(all.len(), 30);
        assert!(all.contains(&"ess_share") && all.contains(&"tonnes_reused"));
        assert!(!all.contains(&"highlights"));
        assert_eq!(indicator(&schema, "jobs_fte").measure, Measure::Decimal);
        assert_eq!(indicator(&schema, "turnover").measure, Measure::Money);
        assert_eq!(indicator(&schema, "self_financing").measure, Measure::Computed);
    }

    #[test]
    fn a_period_reads_and_its_mistakes_are_said_per_field() {
        let input = PeriodInput {
            label: " 2012 ".to_owned(),
            starts_on: "2012-01-01".to_owned(),
            ends_on: "31/12/2012".to_owned(),
            due_on: "2013-03-31".to_owned(),
        };
        assert_eq!(
            parse_period(&input, &[]),
            Ok(PeriodDates {
                label: "2012".to_owned(),
                starts_on: date!(2012 - 01 - 01),
                ends_on: date!(2012 - 12 - 31),
                due_on: date!(2013 - 03 - 31),
            })
        );
        let bad = PeriodInput {
            label: "2012".to_owned(),
            starts_on: "2012-06-01".to_owned(),
            ends_on: "2012-01-31".to_owned(),
            due_on: "demain".to_owned(),
        };
        assert_eq!(
            parse_period(&bad, &["2012".to_owned()]),
            Err(vec![
                PeriodIssue { field: "label", message: "progress-error-label-taken" },
                PeriodIssue { field: "due_on", message: "progress-error-date-unreadable" },
                PeriodIssue { field: "ends_on", message: "progress-error-end-before-start" },
            ])
        );
        let due_early = PeriodInput { due_on: "2012-12-30".to_owned(), ..input.clone() };
        assert_eq!(
            parse_period(&due_early, &[]),
            Err(vec![PeriodIssue { field: "due_on", message: "progress-error-due-before-end" }])
        );
    }

    #[test]
    fn the_next_period_is_the_calendar_year_after_the_last_due_on_31_march() {
        assert_eq!(
            next_yearly(None, 2011),
            PeriodInput {
                label: "2012".to_owned(),
                starts_on: "2012-01-01".to_owned(),
                ends_on: "2012-12-31".to_owned(),
                due_on: "2013-03-31".to_owned(),
            }
        );
        assert_eq!(next_yearly(Some(date!(2012 - 12 - 31)), 2011).label, "2013");
    }

    #[test]
    fn the_reminder_before_comes_in_the_last_fortnight_and_the_one_after_past_the_due_day() {
        let due = date!(2013 - 03 - 31);
        assert_eq!(reminder_due(date!(2013 - 03 - 16), due), None);
        assert_eq!(reminder_due(date!(2013 - 03 - 17), due), Some(ReminderKind::Before));
        assert_eq!(reminder_due(due, due), Some(ReminderKind::Before));
        assert_eq!(reminder_due(date!(2013 - 04 - 01), due), Some(ReminderKind::After));
    }

    #[test]
    fn a_pole_series_has_one_value_per_period_and_none_where_it_did_not_report() {
        let schema = schema();
        let groups = indicators(&schema);
        let first = report(&[
            ("members_ess", json!(6)),
            ("members_non_ess", json!(2)),
            ("members_authorities", json!(1)),
            ("members_research_training", json!(1)),
            ("members_other", json!(0)),
            ("jobs_fte", json!(12.5)),
            ("turnover", json!(45_000_000)),
        ]);
        let series = series(&schema, &groups, &[Some(&first), None]);
        let of = |key: &str| series.iter().find(|s| s.key == key).expect("series").clone();
        assert_eq!(of("members_ess").values, [Some(Amount::Count(6.0)), None]);
        assert_eq!(of("members_total").values, [Some(Amount::Decimal(10.0)), None]);
        assert_eq!(of("ess_share").values, [Some(Amount::Percent(60.0)), None]);
        assert_eq!(of("jobs_fte").values, [Some(Amount::Decimal(12.5)), None]);
        assert_eq!(of("turnover").values, [Some(Amount::Money(45_000_000)), None]);
        assert!(!of("tonnes_reused").has_values());
        assert_eq!(Amount::Money(45_000_000).display(Lang::Fr), "450\u{202f}000\u{a0}€");
        assert_eq!(Amount::Percent(60.0).display(Lang::Fr), "60\u{a0}%");
        assert_eq!(Amount::Count(12_345.0).display(Lang::Fr), "12\u{202f}345");
    }

    #[test]
    fn network_totals_add_counts_and_recompute_ratios_on_the_sums() {
        let schema = schema();
        let a = report(&[
            ("members_ess", json!(6)),
            ("members_non_ess", json!(2)),
            ("members_authorities", json!(1)),
            ("members_research_training", json!(1)),
            ("members_other", json!(0)),
            ("jobs_fte", json!(12.5)),
            ("total_income", json!(100_000)),
            ("public_income", json!(50_000)),
            ("private_grants", json!(0)),
        ]);
        let b = report(&[
            ("members_ess", json!(3)),
            ("members_non_ess", json!(7)),
            ("members_authorities", json!(0)),
            ("members_research_training", json!(0)),
            ("members_other", json!(0)),
            ("jobs_fte", json!(3.25)),
            ("total_income", json!(300_000)),
            ("public_income", json!(50_000)),
            ("private_grants", json!(50_000)),
        ]);
        let total = add_up(&schema, &[&a, &b]);
        assert_eq!(total.get("members_ess"), Some(&json!(9)));
        assert_eq!(total.get("jobs_fte"), Some(&json!(15.75)));
        assert_eq!(total.get("tonnes_reused"), None);
        let share = value_of(&schema, &total, &indicator(&schema, "ess_share"));
        assert_eq!(share, Some(Amount::Percent(45.0)));
        // (400 000 − 100 000 − 50 000) / 400 000, not the mean of 50 % and 66,7 %.
        let ratio = value_of(&schema, &total, &indicator(&schema, "self_financing"));
        assert_eq!(ratio, Some(Amount::Percent(62.5)));

        let by = totals_by(
            &schema,
            [
                (vec!["Rhône-Alpes".to_owned()], &a),
                (vec!["Rhône-Alpes".to_owned(), "Bretagne".to_owned()], &b),
            ],
        );
        assert_eq!(by.keys().collect::<Vec<_>>(), ["Bretagne", "Rhône-Alpes"]);
        assert_eq!(by["Rhône-Alpes"].0, 2);
        assert_eq!(by["Bretagne"].1.get("members_ess"), Some(&json!(3)));
    }

    #[test]
    fn the_axis_top_is_a_round_number_at_or_above_the_largest_value() {
        assert_eq!(axis_top(0.0), 1.0);
        assert_eq!(axis_top(7.0), 10.0);
        assert_eq!(axis_top(12.5), 20.0);
        assert_eq!(axis_top(20.0), 20.0);
        assert_eq!(axis_top(230.0), 250.0);
        assert_eq!(axis_top(4100.0), 5000.0);
    }
}
