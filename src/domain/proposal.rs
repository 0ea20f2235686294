//! The costed support and funding proposal's arithmetic (proposition chiffrée): what a selected
//! dossier's answers say about money (amount requested, budget, resources, support needs), the
//! totals of a set of dossiers by track, region, cost category, programme year, funder and
//! need, the balance against the envelope, and the check of an amount a scenario grants.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::domain::lang::Lang;
use crate::domain::money::{Money, MoneyError};

/// The answers the proposal reads (the same keys in both tracks' forms, data/forms/*.toml).
pub const REQUESTED_FIELD: &str = "amount_requested";
pub const BUDGET_FIELD: &str = "budget";
pub const RESOURCES_FIELD: &str = "resources";
pub const NEEDS_FIELD: &str = "support_needs";
/// The funder of a resources row that is the call itself.
pub const CALL_SOURCE: &str = "appel-ptce";
/// The status of a resources row whose funding is secured (the other one is "sollicite").
pub const SECURED_STATUS: &str = "acquis";

/// A row of a dossier's budget table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CostLine {
    /// The programme year's option ("1", "2", "3").
    pub year: String,
    pub category: String,
    pub amount: Money,
}

/// A row of a dossier's resources table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceLine {
    pub year: String,
    pub source: String,
    pub secured: bool,
    pub amount: Money,
}

/// What a dossier's answers say about money and support.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Figures {
    /// The amount requested from the call; zero when not answered.
    pub requested: Money,
    pub costs: Vec<CostLine>,
    pub resources: Vec<ResourceLine>,
    pub needs: Vec<String>,
}

/// An amount answer: integer cents. Anything else (a draft's text, a negative number) counts
/// as nothing rather than as a guess: a submitted dossier's answers were checked by its form.
fn cents(value: Option<&Value>) -> Money {
    value.and_then(Value::as_i64).filter(|c| *c >= 0).map(Money::from_cents).unwrap_or_default()
}

fn text(row: &Value, key: &str) -> String {
    match row.get(key) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

fn rows<'a>(answers: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    answers.get(key).and_then(Value::as_array).into_iter().flatten()
}

impl Figures {
    /// Reads a dossier's answers (amounts are integer cents, tables arrays of objects, choices
    /// arrays of option values). Rows without an amount count for zero; unknown keys are kept
    /// as they are, so that the totals still add up to the answers.
    pub fn from_answers(answers: &Value) -> Figures {
        let costs = rows(answers, BUDGET_FIELD)
            .map(|row| CostLine {
                year: text(row, "year"),
                category: text(row, "category"),
                amount: cents(row.get("amount")),
            })
            .collect();
        let resources = rows(answers, RESOURCES_FIELD)
            .map(|row| ResourceLine {
                year: text(row, "year"),
                source: text(row, "source"),
                secured: text(row, "status") == SECURED_STATUS,
                amount: cents(row.get("amount")),
            })
            .collect();
        let mut needs: Vec<String> =
            rows(answers, NEEDS_FIELD).filter_map(Value::as_str).map(str::to_owned).collect();
        needs.sort();
        needs.dedup();
        Figures { requested: cents(answers.get(REQUESTED_FIELD)), costs, resources, needs }
    }
}

/// A selected dossier as the proposal counts it: its keys for the breakdowns and its figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Opaque: the dossier's id.
    pub dossier: String,
    pub track: String,
    /// Region codes (of 2011 and of now) of its lead commune; "?" when unknown.
    pub region_2011: String,
    pub region_current: String,
    pub figures: Figures,
}

/// One line of a breakdown. Each breakdown fills the measures that make sense for it: by
/// track or region, dossiers, requested, granted and costs; by cost category, costs; by year,
/// costs, resources and the call's share; by funder, resources and secured; by need, dossiers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Line {
    /// The option value or region code.
    pub key: String,
    pub dossiers: u32,
    pub requested: Money,
    pub granted: Money,
    pub costs: Money,
    pub resources: Money,
    /// Resources already secured (acquis).
    pub secured: Money,
    /// Resources asked from the call itself (funder `appel-ptce`).
    pub call: Money,
}

/// The totals of a set of dossiers, each with the amount granted to it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Totals {
    pub dossiers: u32,
    pub requested: Money,
    pub granted: Money,
    pub costs: Money,
    pub resources: Money,
    pub by_track: Vec<Line>,
    pub by_region_2011: Vec<Line>,
    pub by_region_current: Vec<Line>,
    pub by_category: Vec<Line>,
    pub by_year: Vec<Line>,
    pub by_source: Vec<Line>,
    pub by_need: Vec<Line>,
}

/// The totals do not fit in 64-bit cents (some 92 million billion euros): unreadable answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the proposal's totals are too large")
    }
}

impl std::error::Error for TooLarge {}

/// Sums in 128 bits, checked once into money at the end.
#[derive(Default)]
struct Acc {
    dossiers: u32,
    requested: i128,
    granted: i128,
    costs: i128,
    resources: i128,
    secured: i128,
    call: i128,
}

fn money(cents: i128) -> Result<Money, TooLarge> {
    i64::try_from(cents).map(Money::from_cents).map_err(|_| TooLarge)
}

impl Acc {
    fn line(&self, key: &str) -> Result<Line, TooLarge> {
        Ok(Line {
            key: key.to_owned(),
            dossiers: self.dossiers,
            requested: money(self.requested)?,
            granted: money(self.granted)?,
            costs: money(self.costs)?,
            resources: money(self.resources)?,
            secured: money(self.secured)?,
            call: money(self.call)?,
        })
    }
}

fn lines(map: &BTreeMap<String, Acc>) -> Result<Vec<Line>, TooLarge> {
    map.iter().map(|(key, acc)| acc.line(key)).collect()
}

/// The totals of `entries`, each with the amount granted to it (the amount requested, for the
/// proposal as a whole). Breakdown lines come in key order; a dossier's costs count in its
/// track's and regions' lines too.
pub fn totals(entries: &[(&Entry, Money)]) -> Result<Totals, TooLarge> {
    let mut all = Acc::default();
    let mut by_track: BTreeMap<String, Acc> = BTreeMap::new();
    let mut by_region_2011: BTreeMap<String, Acc> = BTreeMap::new();
    let mut by_region_current: BTreeMap<String, Acc> = BTreeMap::new();
    let mut by_category: BTreeMap<String, Acc> = BTreeMap::new();
    let mut by_year: BTreeMap<String, Acc> = BTreeMap::new();
    let mut by_source: BTreeMap<String, Acc> = BTreeMap::new();
    let mut by_need: BTreeMap<String, Acc> = BTreeMap::new();
    for (entry, granted) in entries {
        let figures = &entry.figures;
        let costs: i128 = figures.costs.iter().map(|c| i128::from(c.amount.cents())).sum();
        let resources: i128 = figures.resources.iter().map(|r| i128::from(r.amount.cents())).sum();
        for acc in [
            &mut all,
            by_track.entry(entry.track.clone()).or_default(),
            by_region_2011.entry(entry.region_2011.clone()).or_default(),
            by_region_current.entry(entry.region_current.clone()).or_default(),
        ] {
            acc.dossiers += 1;
            acc.requested += i128::from(figures.requested.cents());
            acc.granted += i128::from(granted.cents());
            acc.costs += costs;
        }
        all.resources += resources;
        for cost in &figures.costs {
            let amount = i128::from(cost.amount.cents());
            by_category.entry(cost.category.clone()).or_default().costs += amount;
            by_year.entry(cost.year.clone()).or_default().costs += amount;
        }
        for resource in &figures.resources {
            let amount = i128::from(resource.amount.cents());
            let year = by_year.entry(resource.year.clone()).or_default();
            year.resources += amount;
            if resource.source == CALL_SOURCE {
                year.call += amount;
            }
            let source = by_source.entry(resource.source.clone()).or_default();
            source.resources += amount;
            if resource.secured {
                source.secured += amount;
            }
        }
        for need in &figures.needs {
            by_need.entry(need.clone()).or_default().dossiers += 1;
        }
    }
    Ok(Totals {
        dossiers: all.dossiers,
        requested: money(all.requested)?,
        granted: money(all.granted)?,
        costs: money(all.costs)?,
        resources: money(all.resources)?,
        by_track: lines(&by_track)?,
        by_region_2011: lines(&by_region_2011)?,
        by_region_current: lines(&by_region_current)?,
        by_category: lines(&by_category)?,
        by_year: lines(&by_year)?,
        by_source: lines(&by_source)?,
        by_need: lines(&by_need)?,
    })
}

/// Where a total stands against the envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Balance {
    /// No envelope set yet.
    NoEnvelope,
    /// Within the envelope, with this much left (zero: exactly the envelope).
    Within { left: Money },
    /// Above the envelope by this much.
    Over { by: Money },
}

pub fn balance(envelope: Option<Money>, total: Money) -> Balance {
    let Some(envelope) = envelope else { return Balance::NoEnvelope };
    // Two non-negative amounts: their difference always fits.
    let left = envelope.cents().saturating_sub(total.cents());
    if left >= 0 {
        Balance::Within { left: Money::from_cents(left) }
    } else {
        Balance::Over { by: Money::from_cents(left.saturating_neg()) }
    }
}

/// Why an amount typed for a dossier of a scenario is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    /// Not an amount, or a negative one.
    Unreadable(MoneyError),
    /// More than the dossier asked for.
    AboveRequested { requested: Money },
}

impl AmountError {
    /// The message shown next to the field.
    pub fn message(self, lang: Lang) -> String {
        match (self, lang) {
            (AmountError::Unreadable(e), _) => e.message(lang),
            (AmountError::AboveRequested { requested }, Lang::Fr) => format!(
                "montant refusé : il dépasse le montant demandé par le dossier ({})",
                requested.format_fr()
            ),
            (AmountError::AboveRequested { requested }, Lang::En) => format!(
                "amount refused: it is above the amount the dossier requested ({})",
                requested.format_en()
            ),
        }
    }
}

/// The amount a scenario grants a dossier, as typed: empty means the amount requested; it may
/// be less (zero included), never more, never negative.
pub fn granted_amount(typed: &str, requested: Money) -> Result<Money, AmountError> {
    if typed.trim().is_empty() {
        return Ok(requested);
    }
    let amount = Money::parse(typed).map_err(AmountError::Unreadable)?;
    if amount > requested {
        return Err(AmountError::AboveRequested { requested });
    }
    Ok(amount)
}

/// The longest name a scenario may have, in characters.
pub const NAME_MAX: usize = 120;

/// Why a scenario's name is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameError {
    Empty,
    TooLong,
}

impl NameError {
    pub fn message(self, lang: Lang) -> String {
        match (self, lang) {
            (NameError::Empty, Lang::Fr) => "donnez un nom au scénario".to_owned(),
            (NameError::Empty, Lang::En) => "give the scenario a name".to_owned(),
            (NameError::TooLong, Lang::Fr) => format!("{NAME_MAX} caractères au plus"),
            (NameError::TooLong, Lang::En) => format!("{NAME_MAX} characters at most"),
        }
    }
}

/// A scenario's name, spaces around dropped and runs of spaces made one.
pub fn scenario_name(typed: &str) -> Result<String, NameError> {
    let name = typed.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().count() > NAME_MAX {
        return Err(NameError::TooLong);
    }
    Ok(name)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn euros(n: i64) -> Money {
        Money::from_euros(n).expect("fits")
    }

    fn entry(id: &str, track: &str, region: &str, answers: Value) -> Entry {
        Entry {
            dossier: id.to_owned(),
            track: track.to_owned(),
            region_2011: region.to_owned(),
            region_current: format!("new-{region}"),
            figures: Figures::from_answers(&answers),
        }
    }

    fn answers(requested: i64, costs: &[(&str, &str, i64)], needs: &[&str]) -> Value {
        let budget: Vec<Value> = costs
            .iter()
            .map(|(year, category, euros)| {
                json!({ "year": year, "category": category, "amount": euros * 100 })
            })
            .collect();
        let total: i64 = costs.iter().map(|c| c.2).sum();
        json!({
            "amount_requested": requested * 100,
            "budget": budget,
            "resources": [
                { "year": "1", "source": "appel-ptce", "amount": requested * 100, "status": "sollicite" },
                { "year": "1", "source": "autofinancement", "amount": (total - requested) * 100, "status": "acquis" }
            ],
            "support_needs": needs,
        })
    }

    #[test]
    fn answers_are_read_as_cents_rows_and_needs() {
        let figures = Figures::from_answers(&json!({
            "amount_requested": 2_500_000,
            "budget": [
                { "year": "1", "category": "personnel", "amount": 10_000_000 },
                { "year": 2, "category": "investissement" }
            ],
            "resources": [{ "year": "1", "source": "etat", "amount": 150, "status": "acquis" }],
            "support_needs": ["etude", "accompagnement", "etude"],
        }));
        assert_eq!(figures.requested, euros(25_000));
        assert_eq!(
            figures.costs,
            [
                CostLine { year: "1".into(), category: "personnel".into(), amount: euros(100_000) },
                CostLine {
                    year: "2".into(),
                    category: "investissement".into(),
                    amount: Money::ZERO
                },
            ]
        );
        assert_eq!(
            figures.resources,
            [ResourceLine {
                year: "1".into(),
                source: "etat".into(),
                secured: true,
                amount: Money::from_cents(150)
            }]
        );
        assert_eq!(figures.needs, ["accompagnement", "etude"]);
    }

    #[test]
    fn a_draft_s_text_or_negative_amount_counts_for_nothing() {
        let figures = Figures::from_answers(&json!({
            "amount_requested": "12 000",
            "budget": [{ "year": "1", "category": "personnel", "amount": -500 }],
        }));
        assert_eq!(figures.requested, Money::ZERO);
        assert_eq!(figures.costs[0].amount, Money::ZERO);
        assert_eq!(Figures::from_answers(&json!(null)), Figures::default());
    }

    #[test]
    fn totals_add_up_by_track_region_category_year_funder_and_need() {
        let a = entry(
            "a",
            "established",
            "82",
            answers(
                30_000,
                &[("1", "personnel", 50_000), ("2", "investissement", 20_000)],
                &["etude", "accompagnement"],
            ),
        );
        let b = entry(
            "b",
            "emerging",
            "82",
            answers(10_000, &[("1", "personnel", 15_000)], &["accompagnement"]),
        );
        let c = entry(
            "c",
            "emerging",
            "53",
            answers(5_000, &[("1", "prestations", 8_000)], &["etude"]),
        );
        let totals =
            totals(&[(&a, euros(25_000)), (&b, euros(10_000)), (&c, Money::ZERO)]).expect("fits");
        assert_eq!(totals.dossiers, 3);
        assert_eq!(totals.requested, euros(45_000));
        assert_eq!(totals.granted, euros(35_000));
        assert_eq!(totals.costs, euros(93_000));
        assert_eq!(totals.resources, euros(93_000));
        let keys = |lines: &[Line]| lines.iter().map(|l| l.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&totals.by_region_2011), ["53", "82"]);
        assert_eq!(
            totals.by_region_2011[1],
            Line {
                key: "82".into(),
                dossiers: 2,
                requested: euros(40_000),
                granted: euros(35_000),
                costs: euros(85_000),
                ..Line::default()
            }
        );
        assert_eq!(keys(&totals.by_region_current), ["new-53", "new-82"]);
        assert_eq!(
            totals.by_track.iter().map(|l| (l.dossiers, l.requested)).collect::<Vec<_>>(),
            [(2, euros(15_000)), (1, euros(30_000))]
        );
        assert_eq!(
            totals.by_category.iter().map(|l| (l.key.as_str(), l.costs)).collect::<Vec<_>>(),
            [
                ("investissement", euros(20_000)),
                ("personnel", euros(65_000)),
                ("prestations", euros(8_000))
            ]
        );
        assert_eq!(
            totals.by_year.iter().map(|l| (l.costs, l.resources, l.call)).collect::<Vec<_>>(),
            [
                (euros(73_000), euros(93_000), euros(45_000)),
                (euros(20_000), Money::ZERO, Money::ZERO)
            ]
        );
        assert_eq!(
            totals.by_source.iter().map(|l| (l.resources, l.secured)).collect::<Vec<_>>(),
            [(euros(45_000), Money::ZERO), (euros(48_000), euros(48_000))]
        );
        assert_eq!(
            totals.by_need.iter().map(|l| (l.key.as_str(), l.dossiers)).collect::<Vec<_>>(),
            [("accompagnement", 2), ("etude", 2)]
        );
    }

    #[test]
    fn the_totals_of_nothing_are_zero_and_overflow_is_refused() {
        assert_eq!(totals(&[]), Ok(Totals::default()));
        let mut big = entry("a", "emerging", "82", json!({}));
        big.figures.requested = Money::from_cents(i64::MAX);
        assert_eq!(totals(&[(&big, Money::ZERO), (&big, Money::ZERO)]), Err(TooLarge));
    }

    #[test]
    fn the_balance_says_what_is_left_or_how_much_is_over() {
        assert_eq!(balance(None, euros(5)), Balance::NoEnvelope);
        assert_eq!(balance(Some(euros(100)), euros(60)), Balance::Within { left: euros(40) });
        assert_eq!(balance(Some(euros(100)), euros(100)), Balance::Within { left: Money::ZERO });
        assert_eq!(balance(Some(euros(100)), euros(130)), Balance::Over { by: euros(30) });
    }

    #[test]
    fn a_granted_amount_is_at_most_the_requested_one_and_empty_means_all_of_it() {
        let requested = euros(25_000);
        assert_eq!(granted_amount("", requested), Ok(requested));
        assert_eq!(granted_amount(" 20 000 € ", requested), Ok(euros(20_000)));
        assert_eq!(granted_amount("0", requested), Ok(Money::ZERO));
        assert_eq!(granted_amount("25000", requested), Ok(requested));
        let above = granted_amount("25 000,01", requested);
        assert_eq!(above, Err(AmountError::AboveRequested { requested }));
        assert_eq!(
            above.expect_err("refused").message(Lang::Fr),
            "montant refusé : il dépasse le montant demandé par le dossier (25\u{202f}000\u{a0}€)"
        );
        assert_eq!(
            above.expect_err("refused").message(Lang::En),
            "amount refused: it is above the amount the dossier requested (€25,000)"
        );
        let negative = granted_amount("-5", requested).expect_err("refused");
        assert_eq!(negative, AmountError::Unreadable(MoneyError::Negative));
        assert_eq!(negative.message(Lang::Fr), "montant invalide : il ne peut pas être négatif");
        assert_eq!(
            granted_amount("douze", requested),
            Err(AmountError::Unreadable(MoneyError::NotADigit('d')))
        );
    }

    #[test]
    fn a_scenario_name_is_trimmed_and_neither_empty_nor_too_long() {
        assert_eq!(scenario_name("  Scénario   A "), Ok("Scénario A".to_owned()));
        assert_eq!(scenario_name(" \t"), Err(NameError::Empty));
        assert_eq!(scenario_name(&"é".repeat(NAME_MAX)).map(|n| n.len()), Ok(NAME_MAX * 2));
        assert_eq!(scenario_name(&"é".repeat(NAME_MAX + 1)), Err(NameError::TooLong));
        assert_eq!(NameError::Empty.message(Lang::Fr), "donnez un nom au scénario");
    }
}
