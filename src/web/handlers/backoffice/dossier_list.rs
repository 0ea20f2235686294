//! `/gestion/dossiers`: the back office's list of submitted dossiers — a referent sees their
//! network's, the steering group all — with its filters (track, state, network, territory as
//! of 2011 and today, sector, label, admissibility, score), full-text search over the answers,
//! sorting by column, paging, and each person's saved views. Bulk actions on the ticked lines
//! are in bulk.rs; the exports of the same list in exports.rs.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::db::accounts::Account;
use crate::db::dossier_list::{Label, SearchPlan, Sort, SortColumn, StaffFilter};
use crate::domain::admissibility::Status;
use crate::domain::call::Call;
use crate::domain::dossier::DossierState;
use crate::domain::form::Choice;
use crate::domain::lang::Lang;
use crate::domain::search::{Query as SearchQuery, QueryError};
use crate::domain::territory::Gazetteer;
use crate::i18n;
use crate::web::error::AppError;
use crate::web::handlers::backoffice::dossiers::scope;
use crate::web::page::Page;

/// Dossiers per page of the list.
const PAGE_SIZE: i64 = 50;
/// Longest name of a saved view.
const MAX_VIEW_NAME: usize = 80;

/// The list's filters as the query string carries them (the list's form, its saved views, and
/// the exports of the same list). Every field is text: a value that does not read is ignored
/// or, for what people type (search, scores), said next to its field.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
pub struct ListQuery {
    pub parcours: String,
    pub etat: String,
    pub reseau: String,
    pub q: String,
    pub region: String,
    pub region2011: String,
    pub departement: String,
    pub secteur: String,
    pub etiquette: String,
    pub recevabilite: String,
    pub note_min: String,
    pub note_max: String,
    pub tri: String,
    pub ordre: String,
    pub page: i64,
}

impl ListQuery {
    /// The filter's parameters as (name, value), without paging, empty ones left out.
    pub fn pairs(&self) -> Vec<(&'static str, &str)> {
        [
            ("q", &self.q),
            ("parcours", &self.parcours),
            ("etat", &self.etat),
            ("reseau", &self.reseau),
            ("region", &self.region),
            ("region2011", &self.region2011),
            ("departement", &self.departement),
            ("secteur", &self.secteur),
            ("etiquette", &self.etiquette),
            ("recevabilite", &self.recevabilite),
            ("note_min", &self.note_min),
            ("note_max", &self.note_max),
            ("tri", &self.tri),
            ("ordre", &self.ordre),
        ]
        .into_iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .map(|(name, value)| (name, value.as_str()))
        .collect()
    }

    /// The query string of the filter (no `?`), with `extra` pairs after it.
    pub fn to_query_string(&self, extra: &[(&str, &str)]) -> String {
        let mut params = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in self.pairs().into_iter().chain(extra.iter().copied()) {
            params.append_pair(name, value);
        }
        params.finish()
    }
}

/// A score bound as typed: "12", "12,5", "12.5" (points on 100), in hundredths.
fn score_bound(typed: &str) -> Result<Option<i64>, ()> {
    let typed = typed.trim().replace(',', ".");
    if typed.is_empty() {
        return Ok(None);
    }
    let value: f64 = typed.parse().map_err(|_| ())?;
    if !(0.0..=100.0).contains(&value) {
        return Err(());
    }
    Ok(Some((value * 100.0).round() as i64))
}

/// What reading the query said about what was typed, next to the fields.
#[derive(Debug, Default)]
pub struct QueryIssues {
    pub search: Option<QueryError>,
    pub score_min: bool,
    pub score_max: bool,
}

/// The filter of the list for this account: unknown values are ignored, a referent's scope is
/// always applied. No limit (the list pages it).
pub fn filter_of(
    account: &Account,
    call: &Call,
    labels: &[Label],
    query: &ListQuery,
) -> (StaffFilter, QueryIssues) {
    let known = |value: &str, list: &[&str]| list.contains(&value).then(|| value.to_owned());
    let track_slugs: Vec<&str> = call.tracks.iter().map(|t| t.slug.as_str()).collect();
    let state_codes: Vec<&str> = DossierState::ALL.iter().map(|s| s.code()).collect();
    let network_slugs: Vec<&str> = call.networks.iter().map(|n| n.slug.as_str()).collect();
    let places = Gazetteer::global();
    let mut issues = QueryIssues::default();
    let text = match SearchQuery::parse(&query.q) {
        Ok(text) => text,
        Err(error) => {
            issues.search = Some(error);
            None
        }
    };
    let score_min = score_bound(&query.note_min).unwrap_or_else(|()| {
        issues.score_min = true;
        None
    });
    let score_max = score_bound(&query.note_max).unwrap_or_else(|()| {
        issues.score_max = true;
        None
    });
    let column = SortColumn::parse(&query.tri).unwrap_or_default();
    let descending = match query.ordre.as_str() {
        "asc" => false,
        "desc" => true,
        // Dates and scores newest / best first, words from A.
        _ => matches!(column, SortColumn::Submitted | SortColumn::Score),
    };
    let filter = StaffFilter {
        networks: scope(account),
        track: known(&query.parcours, &track_slugs),
        state: known(&query.etat, &state_codes),
        network: known(&query.reseau, &network_slugs),
        unrouted: query.reseau == "aucun",
        text,
        department: places.department(&query.departement).map(|d| d.code().to_owned()),
        region: places.region_current(&query.region).map(|r| r.code().to_owned()),
        region_2011: places.region_2011(&query.region2011).map(|r| r.code().to_owned()),
        sector: Some(query.secteur.trim())
            .filter(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            .map(str::to_owned),
        label: Uuid::parse_str(&query.etiquette)
            .ok()
            .filter(|id| labels.iter().any(|l| l.id == *id)),
        admissibility: Status::parse(&query.recevabilite).map(|s| s.code().to_owned()),
        score_min,
        score_max,
        sort: Sort { column, descending },
        limit: i64::MAX,
        offset: 0,
        plan: SearchPlan::Cheapest,
    };
    (filter, issues)
}

/// The sectors dossiers can answer (options of the `sectors` field of the tracks' current
/// forms), for the sector filter: (value, label).
pub async fn sector_choices(
    app: &AppState,
    call: &Call,
    lang: Lang,
) -> Result<Vec<(String, String)>, AppError> {
    let mut out: Vec<(String, String)> = Vec::new();
    let networks = Choice::from_networks(&call.networks);
    let ctx = crate::dossiers::context(&networks, OffsetDateTime::now_utc());
    for track in &call.tracks {
        let Some(revision) = app.db.current_form(call.id, &track.slug).await? else { continue };
        let schema = crate::dossiers::forms::schema(app, revision.id).await?;
        let Some(field) = schema.field("sectors") else { continue };
        for choice in field.choices(&ctx) {
            if !out.iter().any(|(value, _)| *value == choice.value) {
                out.push((choice.value.clone(), choice.label.get(lang).to_owned()));
            }
        }
    }
    Ok(out)
}

/// One line of the list as shown.
pub struct ListLine {
    pub id: Uuid,
    pub reference: String,
    pub title: String,
    pub organisation: String,
    pub track: String,
    pub state: String,
    pub network: String,
    pub submitted_at: String,
    pub unread: i64,
    /// "72,5" (on 100), empty before any review.
    pub score: String,
    pub labels: Vec<String>,
}

/// A sortable column's header: its label, link, and `aria-sort` when it is the order.
pub struct Header {
    pub label: String,
    pub href: String,
    pub aria_sort: Option<&'static str>,
    pub arrow: &'static str,
}

/// A choice of a filter's select: (value, label, selected).
pub type Options = Vec<(String, String, bool)>;

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/dossiers.html")]
pub struct ListPage {
    page: Page,
    lines: Vec<ListLine>,
    /// "12 dossiers", "1 dossier".
    total_text: String,
    tracks: Options,
    states: Options,
    networks: Options,
    /// Whether the network filter is offered (more than one network visible).
    network_filter: bool,
    regions: Options,
    regions_2011: Options,
    departments: Options,
    sectors: Options,
    labels: Options,
    admissibility: Options,
    q: String,
    q_error: Option<String>,
    note_min: String,
    note_min_error: Option<String>,
    note_max: String,
    note_max_error: Option<String>,
    /// Whether a filter of the "more filters" group is in use (it then shows open).
    more_open: bool,
    /// The filter's query string, for the exports, the saved view and the bulk form.
    query_string: String,
    sort: String,
    order: String,
    headers: Vec<Header>,
    previous: Option<String>,
    next: Option<String>,
    /// "Réseau : COORACE" for a referent.
    scope_text: Option<String>,
    /// The account's saved views: (id, name, href, current).
    views: Vec<(Uuid, String, String, bool)>,
    view_name: String,
    view_error: Option<String>,
    /// Bulk actions offered: (value, label).
    bulk_actions: Vec<(String, String)>,
    /// Label names, for the bulk form's suggestions.
    label_names: Vec<String>,
    /// The steering group may assign networks in bulk.
    steering: bool,
    notice: Option<String>,
}

fn options<'a>(items: impl IntoIterator<Item = (&'a str, String)>, selected: &str) -> Options {
    items.into_iter().map(|(value, label)| (value.to_owned(), label, value == selected)).collect()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Notice {
    fait: String,
    n: i64,
}

/// `GET /gestion/dossiers`: the submitted dossiers the account may see, filtered.
pub async fn list(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Query(query): Query<ListQuery>,
    Query(notice): Query<Notice>,
) -> Result<Response, AppError> {
    render(&app, page, &account, &query, &notice, ViewForm::default()).await
}

/// What the "save this view" form sent back, when it is shown again with a message.
#[derive(Debug, Default)]
struct ViewForm {
    name: String,
    error: Option<String>,
}

async fn render(
    app: &AppState,
    page: Page,
    account: &Account,
    query: &ListQuery,
    notice: &Notice,
    view: ViewForm,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let call = &call.call;
    let networks_seen = scope(account);
    let steering = networks_seen.is_none();
    let labels = app.db.labels(call.id).await?;
    let page_number = query.page.max(1);
    let (mut filter, issues) = filter_of(account, call, &labels, query);
    filter.limit = PAGE_SIZE;
    filter.offset = (page_number - 1) * PAGE_SIZE;
    let (rows, total) = app.db.staff_dossiers(call.id, &filter).await?;
    let ids: Vec<Uuid> = rows.iter().map(|r| r.id).collect();
    let line_labels = app.db.labels_of(&ids).await?;
    let network_name = |slug: &Option<String>| match slug {
        Some(slug) => call
            .networks
            .iter()
            .find(|n| &n.slug == slug)
            .map_or_else(|| slug.clone(), |n| n.name.get(lang).to_owned()),
        None => i18n::t(lang, "staff-dossiers-unrouted"),
    };
    // In the table, a track's name up to its dash ("PTCE opérationnel"): the whole names are
    // the filter's options above it.
    let track_name = |slug: &str| {
        call.tracks.iter().find(|t| t.slug == slug).map_or_else(
            || slug.to_owned(),
            |t| {
                let name = t.name.get(lang);
                name.split_once(" — ").map_or(name, |(short, _)| short).to_owned()
            },
        )
    };
    let lines = rows
        .into_iter()
        .map(|row| ListLine {
            id: row.id,
            labels: line_labels
                .iter()
                .filter(|(dossier, _)| *dossier == row.id)
                .map(|(_, label)| label.name.clone())
                .collect(),
            reference: row.reference,
            title: if row.title.is_empty() {
                i18n::t(lang, "staff-dossiers-untitled")
            } else {
                row.title
            },
            organisation: row.organisation_name,
            track: track_name(&row.track),
            state: DossierState::parse(&row.state)
                .map_or(row.state.clone(), |s| s.label(lang).to_owned()),
            network: network_name(&row.network_slug),
            submitted_at: row
                .submitted_at
                .map(|at| i18n::datetime_short(lang, at))
                .unwrap_or_default(),
            unread: row.unread,
            score: row.score_centi.map(|c| score_text(lang, c)).unwrap_or_default(),
        })
        .collect();
    let visible_networks: Vec<&crate::domain::call::PartnerNetwork> = call
        .networks
        .iter()
        .filter(|n| networks_seen.as_ref().is_none_or(|seen| seen.contains(&n.slug)))
        .collect();
    let mut networks = options(
        visible_networks.iter().map(|n| (n.slug.as_str(), n.name.get(lang).to_owned())),
        &query.reseau,
    );
    if steering {
        networks.push((
            "aucun".to_owned(),
            i18n::t(lang, "staff-dossiers-unrouted"),
            query.reseau == "aucun",
        ));
    }
    let scope_text = networks_seen.as_ref().map(|_| {
        let names: Vec<&str> = visible_networks.iter().map(|n| n.name.get(lang)).collect();
        format!("{} {}", i18n::t(lang, "staff-dossiers-scope"), names.join(", "))
    });
    let places = Gazetteer::global();
    let link = |number: i64| {
        let page = number.to_string();
        format!("/gestion/dossiers?{}", query.to_query_string(&[("page", &page)]))
    };
    let headers = [
        (SortColumn::Reference, "staff-dossiers-col-reference"),
        (SortColumn::Title, "staff-dossiers-col-title"),
        (SortColumn::Organisation, "staff-dossiers-col-organisation"),
        (SortColumn::State, "staff-dossiers-col-state"),
        (SortColumn::Submitted, "staff-dossiers-col-submitted"),
        (SortColumn::Score, "staff-dossiers-col-score"),
    ]
    .into_iter()
    .map(|(column, key)| {
        let current = filter.sort.column == column;
        // A click on the current column turns the order round.
        let next_order = match (current, filter.sort.descending) {
            (true, true) => "asc",
            (true, false) => "desc",
            (false, _) if matches!(column, SortColumn::Submitted | SortColumn::Score) => "desc",
            (false, _) => "asc",
        };
        let mut sorted = query.clone();
        sorted.tri = column.code().to_owned();
        sorted.ordre = next_order.to_owned();
        Header {
            label: i18n::t(lang, key),
            href: format!("/gestion/dossiers?{}", sorted.to_query_string(&[])),
            aria_sort: current.then_some(if filter.sort.descending {
                "descending"
            } else {
                "ascending"
            }),
            arrow: match (current, filter.sort.descending) {
                (true, true) => " ↓",
                (true, false) => " ↑",
                _ => "",
            },
        }
    })
    .collect();
    let query_string = query.to_query_string(&[]);
    let views = app
        .db
        .saved_views(account.id, call.id)
        .await?
        .into_iter()
        .map(|v| {
            let current = v.query == query_string;
            let href = format!("/gestion/dossiers?{}", v.query);
            (v.id, v.name, href, current)
        })
        .collect();
    let mut bulk_actions = vec![
        ("etiqueter".to_owned(), i18n::t(lang, "bulk-action-label")),
        ("desetiqueter".to_owned(), i18n::t(lang, "bulk-action-unlabel")),
        ("reperage".to_owned(), i18n::t(lang, "bulk-action-screening")),
    ];
    if steering {
        bulk_actions.push(("reseau".to_owned(), i18n::t(lang, "bulk-action-network")));
    }
    let more_open = [
        &query.region,
        &query.region2011,
        &query.departement,
        &query.secteur,
        &query.etiquette,
        &query.recevabilite,
        &query.note_min,
        &query.note_max,
    ]
    .iter()
    .any(|v| !v.trim().is_empty());
    let notice = match notice.fait.as_str() {
        "vue" => Some(i18n::t(lang, "saved-view-saved")),
        "vue-supprimee" => Some(i18n::t(lang, "saved-view-deleted")),
        "lot" => Some(i18n::t_args(
            lang,
            "bulk-done",
            &[("count", fluent_templates::fluent_bundle::FluentValue::from(notice.n))],
        )),
        _ => None,
    };
    let rendered = ListPage {
        total_text: i18n::t_args(
            lang,
            "staff-dossiers-count",
            &[("count", fluent_templates::fluent_bundle::FluentValue::from(total))],
        ),
        lines,
        tracks: options(
            call.tracks
                .iter()
                .filter(|t| t.account_required)
                .map(|t| (t.slug.as_str(), t.name.get(lang).to_owned())),
            &query.parcours,
        ),
        states: options(
            DossierState::ALL
                .iter()
                .filter(|s| **s != DossierState::Draft)
                .map(|s| (s.code(), s.label(lang).to_owned())),
            &query.etat,
        ),
        network_filter: networks.len() > 1,
        networks,
        regions: options(
            places.regions_current().iter().map(|r| (r.code(), r.name().to_owned())),
            &query.region,
        ),
        regions_2011: options(
            places.regions_2011().iter().map(|r| (r.code(), r.name().to_owned())),
            &query.region2011,
        ),
        departments: options(
            places.departments().iter().map(|d| (d.code(), format!("{} — {}", d.code(), d.name()))),
            &query.departement,
        ),
        sectors: sector_choices(app, call, lang)
            .await?
            .into_iter()
            .map(|(value, label)| {
                let selected = value == query.secteur;
                (value, label, selected)
            })
            .collect(),
        labels: labels
            .iter()
            .map(|l| (l.id.to_string(), l.name.clone(), l.id.to_string() == query.etiquette))
            .collect(),
        admissibility: options(
            Status::ALL.iter().map(|s| (s.code(), s.label().text(lang))),
            &query.recevabilite,
        ),
        q: query.q.clone(),
        q_error: issues.search.map(|error| match error {
            QueryError::NoTerm => i18n::t(lang, "staff-dossiers-search-no-term"),
            QueryError::TooLong => i18n::t(lang, "staff-dossiers-search-too-long"),
        }),
        note_min: query.note_min.clone(),
        note_min_error: issues.score_min.then(|| i18n::t(lang, "staff-dossiers-score-invalid")),
        note_max: query.note_max.clone(),
        note_max_error: issues.score_max.then(|| i18n::t(lang, "staff-dossiers-score-invalid")),
        more_open,
        query_string,
        sort: filter.sort.column.code().to_owned(),
        order: if filter.sort.descending { "desc" } else { "asc" }.to_owned(),
        headers,
        previous: (page_number > 1).then(|| link(page_number - 1)),
        next: (page_number * PAGE_SIZE < total).then(|| link(page_number + 1)),
        scope_text,
        views,
        view_name: view.name,
        view_error: view.error,
        bulk_actions,
        label_names: labels.iter().map(|l| l.name.clone()).collect(),
        steering,
        notice,
        page,
    };
    Ok(rendered.into_response())
}

/// "72,5" in French, "72.5" in English, from hundredths of a point.
pub fn score_text(lang: Lang, centi: i64) -> String {
    let text = format!("{}.{}", centi / 100, (centi % 100) / 10);
    let text = text.strip_suffix(".0").map_or(text.clone(), str::to_owned);
    match lang {
        Lang::Fr => text.replace('.', ","),
        Lang::En => text,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ViewInput {
    nom: String,
    /// The list's query string the view keeps.
    filtre: String,
}

/// `POST /gestion/dossiers/vues`: saves the current filter under a name (one of the same name
/// is replaced).
pub async fn save_view(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Form(input): Form<ViewInput>,
) -> Result<Response, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    // The query string is read back as a filter and written again: only known parameters
    // are kept.
    let query = format!("/?{}", input.filtre)
        .parse::<axum::http::Uri>()
        .ok()
        .and_then(|uri| Query::<ListQuery>::try_from_uri(&uri).ok())
        .map(|Query(query)| query)
        .unwrap_or_default();
    let name = input.nom.trim();
    let error = if name.is_empty() {
        Some("saved-view-name-required")
    } else if name.chars().count() > MAX_VIEW_NAME {
        Some("saved-view-name-too-long")
    } else {
        None
    };
    if let Some(error) = error {
        let lang = page.lang;
        let view = ViewForm { name: input.nom.clone(), error: Some(i18n::t(lang, error)) };
        let mut response = render(&app, page, &account, &query, &Notice::default(), view).await?;
        *response.status_mut() = axum::http::StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(response);
    }
    let kept = query.to_query_string(&[]);
    app.db.save_view(account.id, call.call.id, name, &kept, OffsetDateTime::now_utc()).await?;
    let separator = if kept.is_empty() { "" } else { "&" };
    Ok(Redirect::to(&format!("/gestion/dossiers?{kept}{separator}fait=vue#vues")).into_response())
}

/// `POST /gestion/dossiers/vues/{view}/suppression`: deletes one of the account's views.
pub async fn delete_view(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    Path(view): Path<Uuid>,
) -> Result<Response, AppError> {
    if !app.db.delete_view(account.id, view).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to("/gestion/dossiers?fait=vue-supprimee#vues").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_bound_reads_points_with_a_comma_or_a_dot() {
        assert_eq!(score_bound("12,5"), Ok(Some(1250)));
        assert_eq!(score_bound(" 70 "), Ok(Some(7000)));
        assert_eq!(score_bound(""), Ok(None));
        assert_eq!(score_bound("101"), Err(()));
        assert_eq!(score_bound("douze"), Err(()));
    }

    #[test]
    fn a_score_is_written_with_one_decimal_in_the_reader_s_language() {
        assert_eq!(score_text(Lang::Fr, 7250), "72,5");
        assert_eq!(score_text(Lang::En, 7250), "72.5");
        assert_eq!(score_text(Lang::Fr, 7000), "70");
    }

    #[test]
    fn the_query_string_keeps_only_the_filters_in_use() {
        let query = ListQuery {
            q: "énergie".into(),
            region2011: "82".into(),
            page: 3,
            ..ListQuery::default()
        };
        assert_eq!(query.to_query_string(&[("page", "2")]), "q=%C3%A9nergie&region2011=82&page=2");
    }
}
