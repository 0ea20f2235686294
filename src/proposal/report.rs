//! The proposal's tables in a language — the same ones on the page, in the XLSX export and in
//! the PDF report (which adds bar charts of the totals by region and by cost category).

use std::io::Cursor;

use super::{Labels, Proposal, Scenario, Selected};
use crate::domain::call::Call;
use crate::domain::lang::Lang;
use crate::domain::money::Money;
use crate::domain::proposal::{Balance, Line, Totals};
use crate::exports::{self, Cell, ExportError, Format};
use crate::i18n;

/// A cell of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Count(u32),
    Money(Money),
}

impl Value {
    /// As the page and the PDF show it.
    pub fn shown(&self, lang: Lang) -> String {
        match self {
            Value::Text(text) => text.clone(),
            Value::Count(n) => n.to_string(),
            Value::Money(m) => m.format(lang),
        }
    }

    pub fn is_number(&self) -> bool {
        !matches!(self, Value::Text(_))
    }

    /// As a spreadsheet cell: amounts in euros, numbers a spreadsheet can add up (an amount
    /// with cents, which the forms allow but budgets rarely have, is written as text rather
    /// than rounded).
    fn cell(&self, lang: Lang) -> Cell {
        match self {
            Value::Text(text) => Cell::Text(text.clone()),
            Value::Count(n) => Cell::Integer(i64::from(*n)),
            Value::Money(m) if m.cents() % 100 == 0 => Cell::Integer(m.cents() / 100),
            Value::Money(m) => Cell::Text(m.to_input(lang)),
        }
    }
}

/// A table with a caption, its column titles, rows and (optionally) a total row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// The HTML id of the table on the page.
    pub id: &'static str,
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    pub total: Option<Vec<Value>>,
}

impl Table {
    fn shown_rows(&self, lang: Lang) -> Vec<Vec<String>> {
        self.rows
            .iter()
            .chain(&self.total)
            .map(|row| row.iter().map(|v| v.shown(lang)).collect())
            .collect()
    }
}

/// Lines in the order of the forms' options (unknown keys after them, as they are; an empty
/// key as "not answered"), each with its label.
fn ordered<'a>(
    lines: &'a [Line],
    order: &[(String, String)],
    lang: Lang,
) -> Vec<(String, &'a Line)> {
    let mut out: Vec<(usize, String, &Line)> = lines
        .iter()
        .map(|line| match order.iter().position(|(value, _)| *value == line.key) {
            Some(at) => (at, order[at].1.clone(), line),
            None if line.key.is_empty() => {
                (usize::MAX, i18n::t(lang, "proposal-not-answered"), line)
            }
            None => (order.len(), line.key.clone(), line),
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    out.into_iter().map(|(_, label, line)| (label, line)).collect()
}

/// Lines by region name.
fn by_name<'a>(
    lines: &'a [Line],
    names: &std::collections::BTreeMap<String, String>,
    lang: Lang,
) -> Vec<(String, &'a Line)> {
    let mut out: Vec<(String, &Line)> = lines
        .iter()
        .map(|line| {
            let name = match names.get(&line.key).map(String::as_str) {
                Some("?") | None => i18n::t(lang, "proposal-region-unknown"),
                Some(name) => name.to_owned(),
            };
            (name, line)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The breakdowns of some totals: by track, region of 2011 and of now (dossiers, requested,
/// `granted` when it is a scenario's, costs), by cost category, by programme year, by funder,
/// by support need.
pub fn tables(totals: &Totals, labels: &Labels, lang: Lang, granted: bool) -> Vec<Table> {
    let t = |key: &str| i18n::t(lang, key);
    let money = Value::Money;
    let place = |id, caption: &str, first: &str, lines: Vec<(String, &Line)>| {
        let mut columns = vec![t(first), t("proposal-col-dossiers"), t("proposal-col-requested")];
        if granted {
            columns.push(t("proposal-col-granted"));
        }
        columns.push(t("proposal-col-costs"));
        let row = |label: Value, l: &Line| {
            let mut row = vec![label, Value::Count(l.dossiers), money(l.requested)];
            if granted {
                row.push(money(l.granted));
            }
            row.push(money(l.costs));
            row
        };
        let all = Line {
            dossiers: totals.dossiers,
            requested: totals.requested,
            granted: totals.granted,
            costs: totals.costs,
            ..Line::default()
        };
        Table {
            id,
            caption: t(caption),
            columns,
            rows: lines.into_iter().map(|(label, l)| row(Value::Text(label), l)).collect(),
            total: Some(row(Value::Text(t("proposal-total")), &all)),
        }
    };
    let total_of = |f: fn(&Line) -> Money, lines: &[Line]| {
        Money::from_cents(lines.iter().map(|l| f(l).cents()).fold(0, i64::saturating_add))
    };
    let by_year = &totals.by_year;
    let by_source = &totals.by_source;
    vec![
        place(
            "par-parcours",
            "proposal-by-track",
            "proposal-col-track",
            ordered(&totals.by_track, &labels.tracks, lang),
        ),
        place(
            "par-region-2011",
            "proposal-by-region-2011",
            "proposal-col-region-2011",
            by_name(&totals.by_region_2011, &labels.regions_2011, lang),
        ),
        place(
            "par-region-actuelle",
            "proposal-by-region-current",
            "proposal-col-region-current",
            by_name(&totals.by_region_current, &labels.regions_current, lang),
        ),
        Table {
            id: "par-poste",
            caption: t("proposal-by-category"),
            columns: vec![t("proposal-col-category"), t("proposal-col-costs")],
            rows: ordered(&totals.by_category, &labels.categories, lang)
                .into_iter()
                .map(|(label, l)| vec![Value::Text(label), money(l.costs)])
                .collect(),
            total: Some(vec![Value::Text(t("proposal-total")), money(totals.costs)]),
        },
        Table {
            id: "par-annee",
            caption: t("proposal-by-year"),
            columns: vec![
                t("proposal-col-year"),
                t("proposal-col-costs"),
                t("proposal-col-resources"),
                t("proposal-col-call-share"),
            ],
            rows: ordered(by_year, &labels.years, lang)
                .into_iter()
                .map(|(label, l)| {
                    vec![Value::Text(label), money(l.costs), money(l.resources), money(l.call)]
                })
                .collect(),
            total: Some(vec![
                Value::Text(t("proposal-total")),
                money(totals.costs),
                money(totals.resources),
                money(total_of(|l| l.call, by_year)),
            ]),
        },
        Table {
            id: "par-financeur",
            caption: t("proposal-by-source"),
            columns: vec![
                t("proposal-col-source"),
                t("proposal-col-resources"),
                t("proposal-col-secured"),
            ],
            rows: ordered(by_source, &labels.sources, lang)
                .into_iter()
                .map(|(label, l)| vec![Value::Text(label), money(l.resources), money(l.secured)])
                .collect(),
            total: Some(vec![
                Value::Text(t("proposal-total")),
                money(totals.resources),
                money(total_of(|l| l.secured, by_source)),
            ]),
        },
        Table {
            id: "par-besoin",
            caption: t("proposal-by-need"),
            columns: vec![t("proposal-col-need"), t("proposal-col-dossiers")],
            rows: ordered(&totals.by_need, &labels.needs, lang)
                .into_iter()
                .map(|(label, l)| vec![Value::Text(label), Value::Count(l.dossiers)])
                .collect(),
            total: None,
        },
    ]
}

/// The label of a dossier's decision, "(préparée)" while not released.
pub fn decision(s: &Selected, lang: Lang) -> String {
    let label = s.outcome.label(lang);
    if s.released {
        label.to_owned()
    } else {
        format!("{label} ({})", i18n::t(lang, "proposal-prepared"))
    }
}

/// The selected dossiers (those of `scenario` only, when given, with the amount it grants).
pub fn dossiers_table(proposal: &Proposal, scenario: Option<&Scenario>, lang: Lang) -> Table {
    let t = |key: &str| i18n::t(lang, key);
    let track = |slug: &str| -> String {
        let found = proposal.labels.tracks.iter().find(|(s, _)| s == slug);
        found.map_or_else(|| slug.to_owned(), |(_, name)| name.clone())
    };
    let mut columns = vec![
        t("proposal-col-reference"),
        t("proposal-col-pole"),
        t("proposal-col-organisation"),
        t("proposal-col-track"),
        t("proposal-col-region-2011"),
        t("proposal-col-region-current"),
        t("proposal-col-decision"),
        t("proposal-col-requested"),
    ];
    if scenario.is_some() {
        columns.push(t("proposal-col-granted"));
    }
    let mut rows = Vec::new();
    for s in &proposal.selected {
        let granted = scenario.map(|sc| sc.granted(s.id));
        if granted == Some(None) {
            continue;
        }
        let mut row = vec![
            Value::Text(s.reference.clone()),
            Value::Text(s.title.clone()),
            Value::Text(s.organisation.clone()),
            Value::Text(track(&s.entry.track)),
            Value::Text(s.region_2011_name.clone()),
            Value::Text(s.region_current_name.clone()),
            Value::Text(decision(s, lang)),
            Value::Money(s.requested()),
        ];
        if let Some(Some(amount)) = granted {
            row.push(Value::Money(amount));
        }
        rows.push(row);
    }
    let totals = scenario.map_or(&proposal.totals, |s| &s.totals);
    let mut total = vec![Value::Text(t("proposal-total"))];
    total.extend((0..6).map(|_| Value::Text(String::new())));
    total.push(Value::Money(totals.requested));
    if scenario.is_some() {
        total.push(Value::Money(totals.granted));
    }
    Table {
        id: "dossiers",
        caption: t(if scenario.is_some() {
            "proposal-scenario-dossiers"
        } else {
            "proposal-dossiers"
        }),
        columns,
        rows,
        total: Some(total),
    }
}

/// "Reste 12 000 €", "Dépassement de 3 000 €", "Enveloppe non fixée".
pub fn balance_text(balance: Balance, lang: Lang) -> String {
    use fluent_templates::fluent_bundle::FluentValue;
    match balance {
        Balance::NoEnvelope => i18n::t(lang, "proposal-no-envelope"),
        Balance::Within { left } => i18n::t_args(
            lang,
            "proposal-balance-left",
            &[("amount", FluentValue::from(left.format(lang)))],
        ),
        Balance::Over { by } => i18n::t_args(
            lang,
            "proposal-balance-over",
            &[("amount", FluentValue::from(by.format(lang)))],
        ),
    }
}

/// The summary lines of a scenario: dossiers, envelope, total requested and granted, balance.
pub fn summary(proposal: &Proposal, scenario: &Scenario, lang: Lang) -> Vec<(String, Value)> {
    let t = |key: &str| i18n::t(lang, key);
    let mut lines = vec![
        (t("proposal-col-dossiers"), Value::Count(scenario.totals.dossiers)),
        (t("proposal-col-requested"), Value::Money(scenario.totals.requested)),
        (t("proposal-col-granted"), Value::Money(scenario.totals.granted)),
    ];
    if let Some(envelope) = proposal.envelope {
        lines.push((t("proposal-envelope"), Value::Money(envelope)));
    }
    lines.push((t("proposal-balance"), Value::Text(balance_text(scenario.balance, lang))));
    lines
}

/// A scenario as an XLSX workbook of one sheet: its dossiers with the amounts requested and
/// granted and their total, the summary against the envelope, then each breakdown under its
/// caption. Text is always a text cell (never a formula), as in every export.
pub fn xlsx(proposal: &Proposal, scenario: &Scenario, lang: Lang) -> Result<Vec<u8>, ExportError> {
    let dossiers = dossiers_table(proposal, Some(scenario), lang);
    let cells = |row: &[Value]| row.iter().map(|v| v.cell(lang)).collect::<Vec<Cell>>();
    let mut rows: Vec<Vec<Cell>> = dossiers.rows.iter().map(|r| cells(r)).collect();
    rows.extend(dossiers.total.iter().map(|r| cells(r)));
    rows.push(Vec::new());
    rows.push(vec![
        Cell::Text(i18n::t(lang, "proposal-col-scenario")),
        Cell::Text(scenario.stored.name.clone()),
    ]);
    for (label, value) in summary(proposal, scenario, lang) {
        rows.push(vec![Cell::Text(label), value.cell(lang)]);
    }
    for table in tables(&scenario.totals, &proposal.labels, lang, true) {
        rows.push(Vec::new());
        rows.push(vec![Cell::Text(table.caption.clone())]);
        rows.push(table.columns.iter().map(|c| Cell::Text(c.clone())).collect());
        rows.extend(table.rows.iter().chain(&table.total).map(|r| cells(r)));
    }
    let sheet = i18n::t(lang, "proposal-sheet");
    let (out, _) =
        exports::write(Format::Xlsx, &sheet, &dossiers.columns, rows, Cursor::new(Vec::new()))?;
    Ok(out.into_inner())
}

/// Bars of an amount per line of a table: its first column and the column `at`.
fn bars(table: &Table, at: usize, lang: Lang) -> Vec<ptce_pdf::Bar> {
    table
        .rows
        .iter()
        .filter_map(|row| match (row.first(), row.get(at)) {
            (Some(label), Some(Value::Money(m))) => Some(ptce_pdf::Bar {
                label: label.shown(lang),
                value: m.cents(),
                text: m.format(lang),
            }),
            _ => None,
        })
        .collect()
}

/// A scenario as a PDF report: summary, dossiers, then each breakdown as a table — with bar
/// charts of the amounts granted by region and of the costs by category.
pub fn pdf_document(
    call: &Call,
    proposal: &Proposal,
    scenario: &Scenario,
    lang: Lang,
) -> ptce_pdf::Document {
    use ptce_pdf::Block;
    let t = |key: &str| i18n::t(lang, key);
    let table = |table: &Table| Block::Table {
        columns: table.columns.clone(),
        rows: table.shown_rows(lang),
    };
    // On an A4 page, the dossiers without their lead organisation, track and current region.
    let mut dossiers = dossiers_table(proposal, Some(scenario), lang);
    let keep = |row: &[Value]| -> Vec<Value> {
        row.iter()
            .enumerate()
            .filter(|(i, _)| ![2, 3, 5].contains(i))
            .map(|(_, v)| v.clone())
            .collect()
    };
    dossiers.columns = dossiers
        .columns
        .iter()
        .enumerate()
        .filter(|(i, _)| ![2, 3, 5].contains(i))
        .map(|(_, c)| c.clone())
        .collect();
    dossiers.rows = dossiers.rows.iter().map(|r| keep(r)).collect();
    dossiers.total = dossiers.total.as_deref().map(keep);
    let mut blocks = vec![
        Block::Paragraph(t("proposal-counted")),
        Block::Heading(dossiers.caption.clone()),
        table(&dossiers),
    ];
    for breakdown in tables(&scenario.totals, &proposal.labels, lang, true) {
        blocks.push(Block::Heading(breakdown.caption.clone()));
        let chart = match breakdown.id {
            // The granted column of the region tables (label, dossiers, requested, granted).
            "par-region-2011" | "par-region-actuelle" => Some((3, "proposal-chart-granted")),
            "par-poste" => Some((1, "proposal-chart-costs")),
            _ => None,
        };
        if let Some((at, caption)) = chart {
            let bars = bars(&breakdown, at, lang);
            if !bars.is_empty() {
                blocks.push(Block::Bars { caption: t(caption), bars });
            }
        }
        blocks.push(table(&breakdown));
    }
    if scenario.dropped > 0 {
        blocks.push(Block::Notice(t("proposal-dropped")));
    }
    ptce_pdf::Document {
        lang: match lang {
            Lang::Fr => ptce_pdf::Lang::Fr,
            Lang::En => ptce_pdf::Lang::En,
        },
        title: format!("{} — {}", t("proposal-title"), scenario.stored.name),
        subtitle: Some(call.title.get(lang).to_owned()),
        meta: summary(proposal, scenario, lang)
            .into_iter()
            .map(|(label, value)| (label, value.shown(lang)))
            .collect(),
        blocks,
        footer: format!(
            "{} — {} — {}",
            call.title.get(lang),
            t("proposal-title"),
            scenario.stored.name
        ),
        created_at: None,
    }
}

/// Renders the report (CPU-bound: call it with `spawn_blocking`).
pub fn render(doc: &ptce_pdf::Document) -> anyhow::Result<Vec<u8>> {
    ptce_pdf::render(doc).map_err(|e| anyhow::anyhow!("rendering a proposal report: {e}"))
}

/// A file name for a scenario's export: "proposition-scenario-sobre.xlsx".
pub fn filename(lang: Lang, scenario: &str, extension: &str) -> String {
    let slug: String = crate::domain::pole::slug(scenario);
    let base = match lang {
        Lang::Fr => "proposition",
        Lang::En => "proposal",
    };
    if slug.is_empty() {
        format!("{base}.{extension}")
    } else {
        format!("{base}-{slug}.{extension}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_euros_in_a_spreadsheet_and_text_only_when_they_have_cents() {
        let whole = Value::Money(Money::from_euros(12_000).expect("fits"));
        assert_eq!(whole.cell(Lang::Fr), Cell::Integer(12_000));
        assert_eq!(
            Value::Money(Money::from_cents(1_050)).cell(Lang::Fr),
            Cell::Text("10,50".into())
        );
        assert_eq!(Value::Count(3).cell(Lang::En), Cell::Integer(3));
        assert_eq!(whole.shown(Lang::En), "€12,000");
    }

    #[test]
    fn lines_follow_the_forms_order_and_unknown_keys_come_after() {
        let line = |key: &str| Line { key: key.into(), ..Line::default() };
        let lines = [line("zzz"), line("personnel"), line(""), line("investissement")];
        let order = [
            ("personnel".to_owned(), "Personnel".to_owned()),
            ("investissement".to_owned(), "Investissement".to_owned()),
        ];
        let labels: Vec<String> =
            ordered(&lines, &order, Lang::Fr).into_iter().map(|(label, _)| label).collect();
        assert_eq!(labels, ["Personnel", "Investissement", "zzz", "Non renseigné"]);
    }
}
