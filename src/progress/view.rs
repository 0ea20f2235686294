//! What pages show of the indicators: per section of the report, a chart per indicator (SVG)
//! and a table of the same numbers (indicators in rows, periods in columns) — for a pole's
//! public page and for the network's dashboard.

use std::collections::BTreeMap;

use uuid::Uuid;

use super::chart::{self, Bar};
use crate::app::AppState;
use crate::db::poles::Pole;
use crate::domain::form::{Answers, FormSchema};
use crate::domain::lang::Lang;
use crate::domain::progress::{self, Amount, IndicatorGroup, Series};
use crate::domain::territory::{Gazetteer, InseeCode};
use crate::i18n;

/// One chart: its indicator's label and the SVG (with its own accessible title).
pub struct ChartView {
    pub label: String,
    pub svg: String,
}

/// One line of a table: the indicator and a cell per period.
pub struct RowView {
    pub label: String,
    pub cells: Vec<String>,
}

/// One section of the report: its charts and its table.
pub struct GroupView {
    pub id: String,
    pub title: String,
    pub charts: Vec<ChartView>,
    pub rows: Vec<RowView>,
}

/// Indicators over periods.
pub struct IndicatorsView {
    /// The periods' labels, the table's columns.
    pub columns: Vec<String>,
    pub groups: Vec<GroupView>,
}

impl IndicatorsView {
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// The view of `series` (one value per column): indicators without any value left out, and
/// sections left empty by that too; charts drawn when `charts`.
pub fn indicators_view(
    groups: &[IndicatorGroup],
    series: &[Series],
    columns: Vec<String>,
    lang: Lang,
    id_prefix: &str,
    charts: bool,
) -> IndicatorsView {
    let missing = i18n::t(lang, "progress-missing");
    let groups = groups
        .iter()
        .map(|group| {
            let mut view = GroupView {
                id: format!("{id_prefix}-{}", group.key.replace('_', "-")),
                title: group.title.get(lang).to_owned(),
                charts: Vec::new(),
                rows: Vec::new(),
            };
            for indicator in &group.indicators {
                let Some(s) = series.iter().find(|s| s.key == indicator.key) else { continue };
                if !s.has_values() {
                    continue;
                }
                let label = indicator.label.get(lang).to_owned();
                view.rows.push(RowView {
                    label: label.clone(),
                    cells: s
                        .values
                        .iter()
                        .map(|v| v.map_or_else(|| missing.clone(), |v| v.display(lang)))
                        .collect(),
                });
                if charts {
                    let bars: Vec<Bar> = columns
                        .iter()
                        .zip(&s.values)
                        .map(|(c, v)| Bar { label: c.clone(), value: *v })
                        .collect();
                    let id = format!("{id_prefix}-{}", indicator.key.replace('_', "-"));
                    view.charts.push(ChartView {
                        svg: chart::bars(&id, &label, &bars, lang, &missing),
                        label,
                    });
                }
            }
            view
        })
        .filter(|g| !g.rows.is_empty())
        .collect();
    IndicatorsView { columns, groups }
}

/// The progress section of a pole's public page: the indicators of its submitted reports, one
/// column per period it reported for. Drafts and private answers (the comment) never appear.
pub async fn pole_section(
    app: &AppState,
    pole: &Pole,
    lang: Lang,
) -> anyhow::Result<IndicatorsView> {
    let form = super::report_form(app, pole.call_id).await?;
    let periods = app.db.progress_periods(pole.call_id).await?;
    let reports = app.db.submitted_progress_reports(pole.call_id, Some(pole.id)).await?;
    let mut columns = Vec::new();
    let mut answers = Vec::new();
    for period in &periods {
        if let Some(report) = reports.iter().find(|r| r.period_id == period.id) {
            columns.push(period.label.clone());
            answers.push(Answers::from_value(report.answers.0.clone()));
        }
    }
    let groups = progress::indicators(&form.schema);
    let reports: Vec<Option<&Answers>> = answers.iter().map(Some).collect();
    let series = progress::series(&form.schema, &groups, &reports);
    Ok(indicators_view(&groups, &series, columns, lang, "indicateur", true))
}

/// How the dashboard groups poles by place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionLevel {
    /// Regions as of 2011 (the call's).
    Regions2011,
    /// Regions since 2016.
    Current,
}

impl RegionLevel {
    pub fn parse(code: &str) -> Option<RegionLevel> {
        match code {
            "2011" => Some(RegionLevel::Regions2011),
            "actuelles" => Some(RegionLevel::Current),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            RegionLevel::Regions2011 => "2011",
            RegionLevel::Current => "actuelles",
        }
    }
}

/// A table of one indicator: a line per region or sector, a cell per period.
pub struct BreakdownView {
    pub rows: Vec<RowView>,
}

/// One period's count of reports.
pub struct PeriodCount {
    pub label: String,
    pub due: String,
    /// "2 / 3".
    pub submitted: String,
}

/// The network's dashboard.
pub struct Dashboard {
    pub periods: Vec<PeriodCount>,
    /// Every indicator's network total per period (no chart).
    pub totals: IndicatorsView,
    /// The indicators one can pick: (key, label).
    pub choices: Vec<(String, String)>,
    /// The indicator picked: its label, its chart of network totals.
    pub chosen: Option<(String, String)>,
    pub chart: Option<String>,
    pub by_region: BreakdownView,
    pub by_sector: BreakdownView,
    pub columns: Vec<String>,
}

/// A pole's region (at `level`) from its lead commune; "" when unknown.
fn region_of(pole: &Pole, level: RegionLevel) -> String {
    let places = Gazetteer::global();
    InseeCode::parse(&pole.content.0.lead_commune)
        .ok()
        .and_then(|code| places.commune(&code))
        .map(|c| match level {
            RegionLevel::Regions2011 => c.region_2011().name().to_owned(),
            RegionLevel::Current => c.region().name().to_owned(),
        })
        .unwrap_or_default()
}

/// The network's totals: every period, the submitted reports of published poles added up
/// (ratios recomputed on the sums); for the indicator `chosen` (the first one when unknown),
/// a chart of the totals and the totals by region and by sector (a pole with several sectors
/// counts in each).
pub async fn dashboard(
    app: &AppState,
    call: &crate::domain::call::Call,
    lang: Lang,
    chosen: &str,
    level: RegionLevel,
) -> anyhow::Result<Dashboard> {
    let form = super::report_form(app, call.id).await?;
    let schema: &FormSchema = &form.schema;
    let periods = app.db.progress_periods(call.id).await?;
    let reports = app.db.submitted_progress_reports(call.id, None).await?;
    let poles = app.db.published_poles(call.id).await?;
    let groups = progress::indicators(schema);
    let columns: Vec<String> = periods.iter().map(|p| p.label.clone()).collect();
    let answers: Vec<(Uuid, Uuid, Answers)> = reports
        .iter()
        .map(|r| (r.period_id, r.pole_id, Answers::from_value(r.answers.0.clone())))
        .collect();
    let of_period = |period: Uuid| -> Vec<&(Uuid, Uuid, Answers)> {
        answers.iter().filter(|(p, _, _)| *p == period).collect()
    };
    let totals: Vec<Option<Answers>> = periods
        .iter()
        .map(|p| {
            let list: Vec<&Answers> = of_period(p.id).into_iter().map(|(_, _, a)| a).collect();
            (!list.is_empty()).then(|| progress::add_up(schema, &list))
        })
        .collect();
    let refs: Vec<Option<&Answers>> = totals.iter().map(Option::as_ref).collect();
    let series = progress::series(schema, &groups, &refs);
    let period_counts = periods
        .iter()
        .map(|p| PeriodCount {
            label: p.label.clone(),
            due: super::due_text(p, lang),
            submitted: format!("{} / {}", of_period(p.id).len(), poles.len()),
        })
        .collect();
    let indicators: Vec<&progress::Indicator> = groups.iter().flat_map(|g| &g.indicators).collect();
    let picked = indicators.iter().find(|i| i.key == chosen).or(indicators.first()).copied();
    let missing = i18n::t(lang, "progress-missing");
    let mut chart = None;
    let mut by_region = BreakdownView { rows: Vec::new() };
    let mut by_sector = BreakdownView { rows: Vec::new() };
    if let Some(indicator) = picked {
        let label = indicator.label.get(lang).to_owned();
        if let Some(s) = series.iter().find(|s| s.key == indicator.key) {
            let bars: Vec<Bar> = columns
                .iter()
                .zip(&s.values)
                .map(|(c, v)| Bar { label: c.clone(), value: *v })
                .collect();
            chart = Some(chart::bars("reseau", &label, &bars, lang, &missing));
        }
        // Per key (region, sector): a value per period.
        let breakdown = |key_of: &dyn Fn(&Pole) -> Vec<String>| -> BreakdownView {
            let mut table: BTreeMap<String, Vec<Option<Amount>>> = BTreeMap::new();
            for (i, period) in periods.iter().enumerate() {
                let items = of_period(period.id).into_iter().filter_map(|(_, pole_id, a)| {
                    let pole = poles.iter().find(|p| p.id == *pole_id)?;
                    Some((key_of(pole), a))
                });
                for (key, (_, total)) in progress::totals_by(schema, items) {
                    let row = table.entry(key).or_insert_with(|| vec![None; periods.len()]);
                    row[i] = progress::value_of(schema, &total, indicator);
                }
            }
            BreakdownView {
                rows: table
                    .into_iter()
                    .map(|(key, values)| RowView {
                        label: if key.is_empty() { i18n::t(lang, "progress-unknown") } else { key },
                        cells: values
                            .iter()
                            .map(|v| v.map_or_else(|| missing.clone(), |v| v.display(lang)))
                            .collect(),
                    })
                    .collect(),
            }
        };
        by_region = breakdown(&|pole| vec![region_of(pole, level)]);
        let mut sector_labels: BTreeMap<Uuid, Vec<String>> = BTreeMap::new();
        for pole in &poles {
            let view =
                crate::web::handlers::public::poles::pole_view(app, call, lang, &pole.content.0)
                    .await
                    .map_err(|e| anyhow::anyhow!("{e:?}"))?;
            let sectors = if view.sectors.is_empty() { vec![String::new()] } else { view.sectors };
            sector_labels.insert(pole.id, sectors);
        }
        by_sector = breakdown(&|pole| sector_labels.get(&pole.id).cloned().unwrap_or_default());
    }
    Ok(Dashboard {
        periods: period_counts,
        totals: indicators_view(&groups, &series, columns.clone(), lang, "total", false),
        choices: indicators.iter().map(|i| (i.key.clone(), i.label.get(lang).to_owned())).collect(),
        chosen: picked.map(|i| (i.key.clone(), i.label.get(lang).to_owned())),
        chart,
        by_region,
        by_sector,
        columns,
    })
}
