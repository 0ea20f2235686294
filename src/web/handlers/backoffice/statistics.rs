//! `/gestion/statistiques`: the call's numbers for the steering group (all dossiers) and the
//! referents (their networks' only) — by track and state, network, region (2011 and current,
//! with a map), department, first submissions per day, drafts before the deadline — and the
//! steering group's reminder to the authors of drafts, confirmed before it is sent.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::db::accounts::Account;
use crate::db::statistics::SentReminder;
use crate::domain::call::Call;
use crate::domain::dossier::DossierState;
use crate::domain::lang::Lang;
use crate::domain::territory::Gazetteer;
use crate::domain::territory::map::{self, MapLevel, MapTexts};
use crate::i18n;
use crate::statistics::{self as use_cases, chart};
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::page::Page;

/// The levels a map is switched between, as the query string names them.
pub const MAP_LEVELS: [(&str, MapLevel, &str); 3] = [
    ("2011", MapLevel::Regions2011, "map-level-2011"),
    ("actuelles", MapLevel::RegionsCurrent, "map-level-current"),
    ("departements", MapLevel::Departments, "map-level-departments"),
];

/// The level a `carte=` value names; regions of 2011 by default (the call's own).
pub fn map_level(value: &str) -> MapLevel {
    MAP_LEVELS.iter().find(|(slug, _, _)| *slug == value).map_or(MapLevel::Regions2011, |l| l.1)
}

/// The message of a map's caption at a level: `<prefix>-2011`, `-actuelles`, `-departements`.
pub fn map_caption_key(prefix: &str, level: MapLevel) -> String {
    let slug = MAP_LEVELS.iter().find(|l| l.1 == level).map_or("2011", |l| l.0);
    format!("{prefix}-{slug}")
}

/// The name of an area of a level, from its code.
fn area_name(level: MapLevel, code: &str) -> String {
    let gazetteer = Gazetteer::global();
    let name = match level {
        MapLevel::Regions2011 => gazetteer.region_2011(code).map(|r| r.name()),
        MapLevel::RegionsCurrent => gazetteer.region_current(code).map(|r| r.name()),
        MapLevel::Departments => gazetteer.department(code).map(|d| d.name()),
    };
    name.unwrap_or(code).to_owned()
}

/// "Rhône-Alpes : 3 dossiers".
fn area_count(lang: Lang, name: &str, count: u32) -> String {
    i18n::t_args(
        lang,
        "map-area",
        &[("area", FluentValue::from(name)), ("count", FluentValue::from(count))],
    )
}

/// The choropleth of counts by area code at a level, its accessible name saying what it shows
/// (`caption`) and every non-zero area's count, largest first.
pub fn choropleth(lang: Lang, level: MapLevel, counts: &[(String, u32)], caption: &str) -> String {
    let mut shown: Vec<(String, u32)> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(code, n)| (area_name(level, code), *n))
        .collect();
    shown.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let label = if shown.is_empty() {
        i18n::t_args(lang, "map-label-empty", &[("caption", FluentValue::from(caption))])
    } else {
        let areas: Vec<String> = shown.iter().map(|(name, n)| area_count(lang, name, *n)).collect();
        i18n::t_args(
            lang,
            "map-label",
            &[
                ("caption", FluentValue::from(caption)),
                ("areas", FluentValue::from(areas.join(", "))),
            ],
        )
    };
    let legend = i18n::t(lang, "map-legend");
    let title = |name: &str, count: u32| area_count(lang, name, count);
    map::choropleth(level, counts, &MapTexts { label: &label, legend: &legend, title: &title })
}

/// The plain links that switch a map between levels (no JavaScript): (address, label, shown).
pub fn map_links(
    lang: Lang,
    base: &str,
    level: MapLevel,
    levels: &[(&str, MapLevel, &str)],
) -> Vec<(String, String, bool)> {
    let join = if base.contains('?') { '&' } else { '?' };
    levels
        .iter()
        .map(|(slug, l, key)| {
            (format!("{base}{join}carte={slug}#carte"), i18n::t(lang, key), *l == level)
        })
        .collect()
}

/// A row of the table by track and state: the state, its count per track, its total.
pub struct StateRow {
    pub state: String,
    pub counts: Vec<u32>,
    pub total: u32,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/statistics.html")]
pub struct StatisticsPage {
    page: Page,
    /// The account has a scope with numbers (steering group, referents).
    allowed: bool,
    scope_text: Option<String>,
    summary: String,
    tracks: Vec<String>,
    states: Vec<StateRow>,
    track_totals: Vec<u32>,
    total: u32,
    networks: Vec<(String, u32)>,
    regions_2011: Vec<(String, u32)>,
    regions_current: Vec<(String, u32)>,
    departments: Vec<(String, String, u32)>,
    unplaced: Option<String>,
    map_caption: String,
    map_links: Vec<(String, String, bool)>,
    map_svg: String,
    days: Vec<(String, u32)>,
    chart_svg: String,
    drafts: Vec<(String, u32)>,
    drafts_total: u32,
    deadline: Option<String>,
    may_remind: bool,
    last_reminder: Option<String>,
    notice: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StatisticsQuery {
    carte: String,
    fait: String,
    n: u64,
}

fn track_name(call: &Call, lang: Lang, slug: &str) -> String {
    call.tracks
        .iter()
        .find(|t| t.slug == slug)
        .map_or_else(|| slug.to_owned(), |t| t.name.get(lang).to_owned())
}

/// Areas with a count, largest first, then by name.
fn named_areas(level: MapLevel, counts: &[(String, u32)]) -> Vec<(String, u32)> {
    let mut rows: Vec<(String, u32)> = counts
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(code, n)| (area_name(level, code), *n))
        .collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    rows
}

/// "le 28 novembre 2011 à 18 h 30 par Camille Martin, à 3 personnes".
fn reminder_text(lang: Lang, sent: &SentReminder) -> String {
    i18n::t_args(
        lang,
        "statistics-reminder-sent",
        &[
            ("when", FluentValue::from(i18n::datetime(lang, sent.sent_at))),
            ("by", FluentValue::from(sent.sent_by.clone().unwrap_or_else(|| "—".to_owned()))),
            ("people", FluentValue::from(sent.recipients)),
        ],
    )
}

fn deadline_text(lang: Lang, call: &Call, now: OffsetDateTime) -> Option<String> {
    call.deadline().map(|deadline| {
        let when = i18n::datetime(lang, deadline - time::Duration::MINUTE);
        let key = if deadline > now { "statistics-deadline" } else { "statistics-deadline-passed" };
        i18n::t_args(lang, key, &[("when", FluentValue::from(when))])
    })
}

/// `GET /gestion/statistiques?carte=2011|actuelles|departements`.
pub async fn page(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Query(query): Query<StatisticsQuery>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let call = &call.call;
    let now = OffsetDateTime::now_utc();
    let allowed = use_cases::may_see(&account);
    let scope = use_cases::scope_of(&account);
    let numbers = use_cases::statistics(&app, call.id, &scope).await?;

    let scope_text = scope.networks.as_ref().filter(|_| allowed).map(|slugs| {
        let names: Vec<String> = slugs
            .iter()
            .map(|slug| {
                call.networks
                    .iter()
                    .find(|n| n.slug == *slug)
                    .map_or_else(|| slug.clone(), |n| n.name.get(lang).to_owned())
            })
            .collect();
        i18n::t_args(lang, "statistics-scope", &[("networks", FluentValue::from(names.join(", ")))])
    });

    // Tracks of the call, then any other track a dossier has; states in their lifecycle order.
    let mut track_slugs: Vec<String> = call.tracks.iter().map(|t| t.slug.clone()).collect();
    for row in &numbers.by_track_state {
        if !track_slugs.contains(&row.track) {
            track_slugs.push(row.track.clone());
        }
    }
    track_slugs.retain(|slug| numbers.by_track_state.iter().any(|r| r.track == *slug));
    let cell = |track: &str, state: &str| -> u32 {
        numbers
            .by_track_state
            .iter()
            .filter(|r| r.track == track && r.state == state)
            .map(|r| u32::try_from(r.count).unwrap_or(0))
            .sum()
    };
    let mut state_codes: Vec<String> =
        DossierState::ALL.iter().map(|s| s.code().to_owned()).collect();
    for row in &numbers.by_track_state {
        if !state_codes.contains(&row.state) {
            state_codes.push(row.state.clone());
        }
    }
    let states: Vec<StateRow> = state_codes
        .iter()
        .map(|state| {
            let counts: Vec<u32> = track_slugs.iter().map(|t| cell(t, state)).collect();
            let total = counts.iter().sum();
            let label = DossierState::parse(state)
                .map_or_else(|| state.clone(), |s| s.label(lang).to_owned());
            StateRow { state: label, counts, total }
        })
        .filter(|row| row.total > 0)
        .collect();
    let track_totals: Vec<u32> =
        (0..track_slugs.len()).map(|i| states.iter().map(|r| r.counts[i]).sum()).collect();
    let total = track_totals.iter().sum();

    // Networks in the call's order, the dossiers routed to none last.
    let mut networks: Vec<(usize, String, u32)> = numbers
        .by_network
        .iter()
        .map(|row| {
            let found = row
                .network
                .as_ref()
                .and_then(|slug| call.networks.iter().position(|n| n.slug == *slug));
            let name = match (&row.network, found) {
                (_, Some(i)) => call.networks[i].name.get(lang).to_owned(),
                (Some(slug), None) => slug.clone(),
                (None, None) => i18n::t(lang, "statistics-no-network"),
            };
            let rank = found.unwrap_or(call.networks.len() + usize::from(row.network.is_none()));
            (rank, name, u32::try_from(row.count).unwrap_or(0))
        })
        .collect();
    networks.sort();
    let networks = networks.into_iter().map(|(_, name, n)| (name, n)).collect();

    let level = map_level(&query.carte);
    let counts = numbers.by_area(level);
    let map_caption = i18n::t(lang, &map_caption_key("statistics-map-caption", level));
    let map_svg = choropleth(lang, level, &counts, &map_caption);

    let departments = numbers
        .by_department
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(code, n)| (code.clone(), area_name(MapLevel::Departments, code), *n))
        .collect();
    let unplaced = (numbers.unplaced > 0).then(|| {
        i18n::t_args(lang, "statistics-unplaced", &[("count", FluentValue::from(numbers.unplaced))])
    });

    let days: Vec<(String, u32)> =
        numbers.per_day.iter().map(|(day, n)| (i18n::date(lang, *day), *n)).collect();
    let bars: Vec<chart::Bar> = numbers
        .per_day
        .iter()
        .map(|(day, n)| chart::Bar {
            label: format!("{:02}/{:02}", day.day(), u8::from(day.month())),
            title: i18n::t_args(
                lang,
                "statistics-day-bar",
                &[
                    ("day", FluentValue::from(i18n::date(lang, *day))),
                    ("count", FluentValue::from(*n)),
                ],
            ),
            value: *n,
        })
        .collect();
    let chart_svg = match (numbers.per_day.first(), numbers.per_day.last()) {
        (Some((first, _)), Some((last, _))) => {
            let first_submissions: u32 = numbers.per_day.iter().map(|(_, n)| n).sum();
            let label = i18n::t_args(
                lang,
                "statistics-chart-label",
                &[
                    ("range", FluentValue::from(i18n::date_range(lang, *first, *last))),
                    ("count", FluentValue::from(first_submissions)),
                ],
            );
            chart::bars(&bars, &label)
        }
        _ => String::new(),
    };

    // Tracks in the call's order.
    let mut drafts = numbers.drafts_by_track();
    drafts.sort_by_key(|(slug, _)| {
        call.tracks.iter().position(|t| t.slug == *slug).unwrap_or(usize::MAX)
    });
    let drafts: Vec<(String, u32)> =
        drafts.into_iter().map(|(slug, n)| (track_name(call, lang, &slug), n)).collect();
    let drafts_total = drafts.iter().map(|(_, n)| n).sum();
    let submitted = numbers.submitted();
    let summary = i18n::t_args(
        lang,
        "statistics-summary",
        &[("submitted", FluentValue::from(submitted)), ("drafts", FluentValue::from(drafts_total))],
    );
    let may_remind = use_cases::may_remind(&account);
    let last_reminder = if may_remind {
        app.db
            .last_reminder(call.id, OffsetDateTime::UNIX_EPOCH)
            .await?
            .map(|sent| reminder_text(lang, &sent))
    } else {
        None
    };
    let notice = match query.fait.as_str() {
        "relance" if query.n > 0 => Some(i18n::t_args(
            lang,
            "statistics-notice-sent",
            &[("count", FluentValue::from(query.n))],
        )),
        "relance" => Some(i18n::t(lang, "statistics-notice-nobody")),
        _ => None,
    };
    let base = "/gestion/statistiques";
    let rendered = StatisticsPage {
        allowed,
        scope_text,
        summary,
        tracks: track_slugs.iter().map(|slug| track_name(call, lang, slug)).collect(),
        states,
        track_totals,
        total,
        networks,
        regions_2011: named_areas(MapLevel::Regions2011, &numbers.by_area(MapLevel::Regions2011)),
        regions_current: named_areas(
            MapLevel::RegionsCurrent,
            &numbers.by_area(MapLevel::RegionsCurrent),
        ),
        departments,
        unplaced,
        map_caption,
        map_links: map_links(lang, base, level, &MAP_LEVELS),
        map_svg,
        days,
        chart_svg,
        drafts,
        drafts_total,
        deadline: deadline_text(lang, call, now),
        may_remind,
        last_reminder,
        notice,
        page,
    };
    Ok(rendered.into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/statistics_reminder.html")]
pub struct ReminderPage {
    page: Page,
    /// "3 personnes recevront ce rappel, pour 4 brouillons."
    count_text: String,
    people: usize,
    deadline: Option<String>,
    /// The reminder sent in the last 24 hours, said before another is sent.
    recent: Option<String>,
    /// Its instant (Unix seconds), which the confirming form carries back.
    recent_stamp: String,
}

async fn reminder_page(
    app: &AppState,
    page: Page,
    account: &Account,
    now: OffsetDateTime,
) -> Result<ReminderPage, AppError> {
    if !use_cases::may_remind(account) {
        return Err(AppError::Forbidden);
    }
    let lang = page.lang;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let call = &call.call;
    let plan = use_cases::reminder_plan(app, call.id).await?;
    let recent = use_cases::recent_reminder(app, call.id, now).await?;
    let count_text = if plan.recipients.is_empty() {
        i18n::t(lang, "statistics-reminder-nobody")
    } else {
        i18n::t_args(
            lang,
            "statistics-reminder-count",
            &[
                ("people", FluentValue::from(plan.recipients.len())),
                ("drafts", FluentValue::from(plan.drafts)),
            ],
        )
    };
    Ok(ReminderPage {
        count_text,
        people: plan.recipients.len(),
        deadline: deadline_text(lang, call, now),
        recent: recent.as_ref().map(|sent| reminder_text(lang, sent)),
        recent_stamp: recent
            .map(|sent| sent.sent_at.unix_timestamp().to_string())
            .unwrap_or_default(),
        page,
    })
}

/// `GET /gestion/statistiques/relance`: the confirmation step — how many people the reminder
/// goes to, and the one sent in the last 24 hours if any.
pub async fn reminder_form(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
) -> Result<Response, AppError> {
    let now = OffsetDateTime::now_utc();
    Ok(reminder_page(&app, page, &account, now).await?.into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReminderForm {
    /// "oui" from the confirmation page.
    confirme: String,
    /// The instant of the recent reminder the confirmation page showed (Unix seconds).
    deja: String,
}

/// `POST /gestion/statistiques/relance`: sends the reminder when the person confirmed it on
/// the confirmation page, and saw the reminder already sent in the last 24 hours if there is
/// one; otherwise shows that page again (409 when a reminder went meanwhile).
pub async fn send_reminder(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Form(form): Form<ReminderForm>,
) -> Result<Response, AppError> {
    if !use_cases::may_remind(&account) {
        return Err(AppError::Forbidden);
    }
    let now = OffsetDateTime::now_utc();
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let recent = use_cases::recent_reminder(&app, call.call.id, now).await?;
    let unseen = recent
        .as_ref()
        .is_some_and(|sent| form.deja.trim() != sent.sent_at.unix_timestamp().to_string());
    if form.confirme != "oui" || unseen {
        let status = if unseen { StatusCode::CONFLICT } else { StatusCode::OK };
        let rendered = reminder_page(&app, page, &account, now).await?;
        return Ok((status, rendered).into_response());
    }
    let sent = use_cases::send_reminder(&app, &account, &call.call, &client, now).await?;
    Ok(Redirect::to(&format!("/gestion/statistiques?fait=relance&n={sent}")).into_response())
}

/// The map of the selection board: the prepared selection (retenu, retenu sous réserve) of a
/// track by region, of 2011 or current ones, switched by plain links.
pub struct SelectionMap {
    pub caption: String,
    pub svg: String,
    pub links: Vec<(String, String, bool)>,
    track: String,
    /// The department of each selected dossier ("?" when unknown).
    departments: Vec<String>,
}

impl SelectionMap {
    /// The map of a board, at the level of its per-region rule.
    pub fn of(lang: Lang, board: &crate::selection::Board) -> SelectionMap {
        let decided = board.decided_selection();
        let departments = board
            .lines
            .iter()
            .filter(|l| decided.contains(&l.dossier.id.to_string()))
            .map(|l| l.department.clone())
            .collect();
        let level = if board.rule.regions == "current" {
            MapLevel::RegionsCurrent
        } else {
            MapLevel::Regions2011
        };
        SelectionMap::draw(lang, board.track.slug().to_owned(), departments, level)
    }

    /// The same map at the level a `carte=` value names (`2011`, `actuelles`); unchanged for
    /// another value.
    pub fn at(self, lang: Lang, carte: &str) -> SelectionMap {
        match MAP_LEVELS[..2].iter().find(|l| l.0 == carte) {
            Some(&(_, level, _)) => SelectionMap::draw(lang, self.track, self.departments, level),
            None => self,
        }
    }

    fn draw(lang: Lang, track: String, departments: Vec<String>, level: MapLevel) -> SelectionMap {
        let gazetteer = Gazetteer::global();
        let mut counts: Vec<(String, u32)> = Vec::new();
        for department in departments.iter().filter_map(|code| gazetteer.department(code)) {
            let code = level.area_of(department).0;
            match counts.iter_mut().find(|(c, _)| c == code) {
                Some((_, n)) => *n += 1,
                None => counts.push((code.to_owned(), 1)),
            }
        }
        let caption = i18n::t(lang, &map_caption_key("map-selection-caption", level));
        let svg = choropleth(lang, level, &counts, &caption);
        let base = format!("/gestion/selection?parcours={track}");
        let links = map_links(lang, &base, level, &MAP_LEVELS[..2]);
        SelectionMap { caption, svg, links, track, departments }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_level_is_read_from_the_query_and_defaults_to_the_regions_of_2011() {
        assert_eq!(map_level("actuelles"), MapLevel::RegionsCurrent);
        assert_eq!(map_level("departements"), MapLevel::Departments);
        assert_eq!(map_level("2011"), MapLevel::Regions2011);
        assert_eq!(map_level("<script>"), MapLevel::Regions2011);
    }

    #[test]
    fn the_switch_links_keep_the_page_s_own_query() {
        let links = map_links(
            Lang::Fr,
            "/gestion/selection?parcours=emerging",
            MapLevel::RegionsCurrent,
            &MAP_LEVELS[..2],
        );
        assert_eq!(
            links,
            [
                (
                    "/gestion/selection?parcours=emerging&carte=2011#carte".to_owned(),
                    "Régions de 2011".to_owned(),
                    false
                ),
                (
                    "/gestion/selection?parcours=emerging&carte=actuelles#carte".to_owned(),
                    "Régions actuelles".to_owned(),
                    true
                ),
            ]
        );
    }
}
