//! The network's public directory and map: `/annuaire` (search, filters, pages of 20),
//! `/carte` (the same poles on a Leaflet map, the list beside it), their embeds for partner
//! sites `/embed/annuaire` and `/embed/carte` (the only pages other sites may frame), the page
//! giving the iframe snippet `/annuaire/integrer`, and the regions' outlines the map draws.
//! All share the filters of the query string (src/directory); the map works from the list's
//! data attributes, so that without JavaScript the page is the list.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{RawQuery, State};
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use time::OffsetDateTime;

use crate::app::AppState;
use crate::directory::{self, DirectoryQuery, Entry, PARAMS, Reading, Vocabulary};
use crate::domain::call::Call;
use crate::domain::form::Choice;
use crate::domain::lang::Lang;
use crate::domain::search::QueryError;
use crate::domain::territory::{Gazetteer, InseeCode};
use crate::i18n;
use crate::web::error::AppError;
use crate::web::handlers::public::poles::{PoleView, pole_view};
use crate::web::page::Page;
use crate::web::security;

/// Longest description excerpt in a result, in characters.
const EXCERPT: usize = 280;

/// The codes the filters accept for a call, labelled in `lang`: its tracks, and the options
/// of the `sectors`, `profile` and `mutualisations` fields of its tracks' current forms.
async fn vocabulary(app: &AppState, call: &Call, lang: Lang) -> Result<Vocabulary, AppError> {
    let mut vocabulary = Vocabulary {
        tracks: call.tracks.iter().map(|t| (t.slug.clone(), t.name.get(lang).to_owned())).collect(),
        ..Vocabulary::default()
    };
    let networks = Choice::from_networks(&call.networks);
    let ctx = crate::dossiers::context(&networks, OffsetDateTime::now_utc());
    for track in &call.tracks {
        let Some(revision) = app.db.current_form(call.id, &track.slug).await? else { continue };
        let schema = crate::dossiers::forms::schema(app, revision.id).await?;
        for (key, list) in [
            ("sectors", &mut vocabulary.sectors),
            ("profile", &mut vocabulary.profiles),
            ("mutualisations", &mut vocabulary.mutualisations),
        ] {
            let Some(field) = schema.field(key) else { continue };
            for choice in field.choices(&ctx) {
                if !list.iter().any(|(value, _)| *value == choice.value) {
                    list.push((choice.value.clone(), choice.label.get(lang).to_owned()));
                }
            }
        }
    }
    Ok(vocabulary)
}

/// The published poles, what the query asks and what it found.
struct Listing {
    call: std::sync::Arc<crate::web::content::PublishedCall>,
    vocabulary: Vocabulary,
    entries: Vec<Entry>,
    query: DirectoryQuery,
    reading: Reading,
}

impl Listing {
    fn found(&self) -> Vec<&Entry> {
        directory::find(&self.entries, &self.reading.filter)
    }
}

async fn listing(app: &AppState, lang: Lang, raw: Option<&str>) -> Result<Listing, AppError> {
    let call = app.content.call(&app.db).await?.ok_or(AppError::NotFound)?;
    let vocabulary = vocabulary(app, &call.call, lang).await?;
    let poles = app.db.published_poles(call.call.id).await?;
    let entries = poles
        .into_iter()
        .map(|pole| {
            let own = pole.latitude.zip(pole.longitude);
            Entry::new(pole.slug, pole.content.0, own, &vocabulary)
        })
        .collect();
    let query = DirectoryQuery::parse(raw.unwrap_or_default());
    let reading = directory::read(&query, &vocabulary);
    Ok(Listing { call, vocabulary, entries, query, reading })
}

/// A select of the filter form.
pub struct Select {
    pub name: &'static str,
    pub label: String,
    /// (value, label, selected).
    pub options: Vec<(String, String, bool)>,
}

/// The filter form, the messages on what was ignored, and the count: what every page of the
/// directory and the map shows above its poles.
pub struct Filters {
    /// Where the GET form goes.
    pub action: &'static str,
    pub q: String,
    pub selects: Vec<Select>,
    /// "Filtre inconnu ignoré : Secteur « pêche »".
    pub ignored: Vec<String>,
    /// "3 pôles".
    pub count: String,
    /// Whether a filter is in use (the form then offers to clear them).
    pub filtered: bool,
}

fn filters(listing: &Listing, lang: Lang, action: &'static str, count: usize) -> Filters {
    let query = &listing.query;
    let v = &listing.vocabulary;
    let places = Gazetteer::global();
    let select = |name: &'static str, items: Vec<(String, String)>| Select {
        name,
        label: i18n::t(lang, param_key(name)),
        options: items
            .into_iter()
            .map(|(value, label)| {
                let selected = value == query.get(name);
                (value, label, selected)
            })
            .collect(),
    };
    let regions = |list: &[crate::domain::territory::Region]| {
        list.iter().map(|r| (r.code().to_owned(), r.name().to_owned())).collect()
    };
    let mut years: Vec<i32> = listing.entries.iter().map(|e| e.content.year).collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    let selects = vec![
        select("region2011", regions(places.regions_2011())),
        select("region", regions(places.regions_current())),
        select(
            "departement",
            places
                .departments()
                .iter()
                .map(|d| (d.code().to_owned(), format!("{} — {}", d.code(), d.name())))
                .collect(),
        ),
        select("secteur", v.sectors.clone()),
        select("profil", v.profiles.clone()),
        select("mutualisation", v.mutualisations.clone()),
        select("parcours", v.tracks.clone()),
        select("annee", years.iter().map(|y| (y.to_string(), y.to_string())).collect()),
    ];
    let ignored = listing
        .reading
        .ignored
        .iter()
        .map(|ignored| {
            let value = FluentValue::from(ignored.value.clone());
            match ignored.search {
                Some(QueryError::TooLong) => i18n::t(lang, "directory-search-too-long"),
                Some(QueryError::NoTerm) => {
                    i18n::t_args(lang, "directory-search-no-term", &[("value", value)])
                }
                None => i18n::t_args(
                    lang,
                    "directory-ignored",
                    &[
                        ("filter", FluentValue::from(i18n::t(lang, param_key(ignored.param)))),
                        ("value", value),
                    ],
                ),
            }
        })
        .collect();
    Filters {
        action,
        q: query.q.clone(),
        selects,
        ignored,
        count: i18n::t_args(lang, "directory-count", &[("n", FluentValue::from(count))]),
        filtered: !query.pairs().is_empty(),
    }
}

fn param_key(name: &str) -> &'static str {
    PARAMS.iter().find(|(n, _)| *n == name).map_or("directory-page-param", |(_, key)| key)
}

/// "Romans-sur-Isère (26 — Drôme)".
fn place(code: &str) -> String {
    InseeCode::parse(code)
        .ok()
        .and_then(|c| Gazetteer::global().commune(&c).map(|c| c.label()))
        .unwrap_or_default()
}

/// The start of a description, cut at a word.
fn excerpt(text: &str) -> String {
    if text.chars().count() <= EXCERPT {
        return text.to_owned();
    }
    let cut: String = text.chars().take(EXCERPT).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
}

/// A result of the directory.
pub struct Item {
    pub slug: String,
    pub view: PoleView,
    pub excerpt: String,
}

/// The pages' links: previous, next, "Page 2 sur 3".
pub struct Pager {
    pub previous: Option<String>,
    pub next: Option<String>,
    pub text: String,
}

/// What the directory and its embed show.
pub struct DirectoryView {
    pub filters: Filters,
    pub items: Vec<Item>,
    pub pager: Option<Pager>,
    /// The same filters on the map, on the snippet page, on the site (from an embed).
    pub map_link: String,
    pub snippet_link: String,
    pub site_link: String,
    /// `_top` in an embed: a pole's page opens in place of the partner's page.
    pub target: &'static str,
}

async fn directory_view(
    app: &AppState,
    lang: Lang,
    raw: Option<&str>,
    embed: bool,
) -> Result<DirectoryView, AppError> {
    let listing = listing(app, lang, raw).await?;
    let found = listing.found();
    let paged = directory::paginate(found, listing.reading.page);
    let path = if embed { "/embed/annuaire" } else { "/annuaire" };
    let mut items = Vec::with_capacity(paged.items.len());
    for entry in &paged.items {
        let view = pole_view(app, &listing.call.call, lang, &entry.content).await?;
        items.push(Item { slug: entry.slug.clone(), excerpt: excerpt(&view.description), view });
    }
    let page_link = |n: usize| listing.query.link(path, &[("page", &n.to_string())]);
    let pager = (paged.pages > 1).then(|| Pager {
        previous: (paged.page > 1).then(|| page_link(paged.page - 1)),
        next: (paged.page < paged.pages).then(|| page_link(paged.page + 1)),
        text: i18n::t_args(
            lang,
            "directory-page",
            &[("page", FluentValue::from(paged.page)), ("pages", FluentValue::from(paged.pages))],
        ),
    });
    Ok(DirectoryView {
        filters: filters(&listing, lang, path, paged.total),
        items,
        pager,
        map_link: listing.query.link("/carte", &[]),
        snippet_link: listing.query.link("/annuaire/integrer", &[]),
        site_link: absolute(app, &listing.query.link("/annuaire", &[])),
        target: if embed { "_top" } else { "" },
    })
}

/// A path as a full address on the platform (`BASE_URL`), for links leaving an iframe.
fn absolute(app: &AppState, path: &str) -> String {
    format!("{}{path}", app.settings.base_url.as_str().trim_end_matches('/'))
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/directory.html")]
pub struct DirectoryPage {
    page: Page,
    v: DirectoryView,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/embed_directory.html")]
pub struct EmbedDirectoryPage {
    page: Page,
    v: DirectoryView,
}

/// `GET /annuaire`: the published poles, searched and filtered, 20 per page.
pub async fn page(
    State(app): State<AppState>,
    page: Page,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let v = directory_view(&app, page.lang, raw.as_deref(), false).await?;
    Ok(DirectoryPage { page, v }.into_response())
}

/// `GET /embed/annuaire`: the directory for a partner's iframe (no header or footer).
pub async fn embed_directory(
    State(app): State<AppState>,
    page: Page,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let v = directory_view(&app, page.lang, raw.as_deref(), true).await?;
    Ok(with_csp(EmbedDirectoryPage { page, v }.into_response(), None, true))
}

/// A pole on the map and in the list beside it.
pub struct MapPole {
    pub slug: String,
    pub name: String,
    pub place: String,
    /// Degrees with 5 decimals ("45.04327"), empty without a point.
    pub lat: String,
    pub lon: String,
}

/// What the map and its embed show.
pub struct MapView {
    pub filters: Filters,
    pub poles: Vec<MapPole>,
    /// The outlines drawn under the poles: the 2011 regions when filtering by one.
    pub outlines: &'static str,
    pub tiles: String,
    pub attribution: String,
    pub directory_link: String,
    pub snippet_link: String,
    pub site_link: String,
    pub target: &'static str,
}

async fn map_view(
    app: &AppState,
    lang: Lang,
    raw: Option<&str>,
    embed: bool,
) -> Result<MapView, AppError> {
    let listing = listing(app, lang, raw).await?;
    let poles: Vec<MapPole> = listing
        .found()
        .into_iter()
        .map(|entry| MapPole {
            slug: entry.slug.clone(),
            name: entry.content.name.clone(),
            place: place(&entry.content.lead_commune),
            lat: entry.point.map(|(lat, _)| format!("{lat:.5}")).unwrap_or_default(),
            lon: entry.point.map(|(_, lon)| format!("{lon:.5}")).unwrap_or_default(),
        })
        .collect();
    let path = if embed { "/embed/carte" } else { "/carte" };
    Ok(MapView {
        filters: filters(&listing, lang, path, poles.len()),
        poles,
        outlines: if listing.reading.filter.region_2011.is_some() {
            "/carte/regions-2011.geojson"
        } else {
            "/carte/regions.geojson"
        },
        tiles: app.settings.map_tile_url.clone().unwrap_or_default(),
        attribution: app.settings.map_attribution.clone().unwrap_or_default(),
        directory_link: listing.query.link("/annuaire", &[]),
        snippet_link: listing.query.link("/annuaire/integrer", &[]),
        site_link: absolute(app, &listing.query.link("/carte", &[])),
        target: if embed { "_top" } else { "" },
    })
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/map.html")]
pub struct MapPage {
    page: Page,
    v: MapView,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/embed_map.html")]
pub struct EmbedMapPage {
    page: Page,
    v: MapView,
}

/// The page's CSP: the tile server's origin among images when `MAP_TILE_URL` is set, and
/// `frame-ancestors *` for an embed.
fn with_csp(mut response: Response, tiles: Option<String>, embeddable: bool) -> Response {
    if tiles.is_none() && !embeddable {
        return response;
    }
    if let Ok(value) = HeaderValue::from_str(&security::csp_for(tiles.as_deref(), embeddable)) {
        response.headers_mut().insert(CONTENT_SECURITY_POLICY, value);
    }
    response
}

/// `GET /carte`: the poles on a map, the list beside it.
pub async fn map(
    State(app): State<AppState>,
    page: Page,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let v = map_view(&app, page.lang, raw.as_deref(), false).await?;
    Ok(with_csp(MapPage { page, v }.into_response(), app.settings.map_tile_origin(), false))
}

/// `GET /embed/carte`: the map for a partner's iframe.
pub async fn embed_map(
    State(app): State<AppState>,
    page: Page,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let v = map_view(&app, page.lang, raw.as_deref(), true).await?;
    Ok(with_csp(EmbedMapPage { page, v }.into_response(), app.settings.map_tile_origin(), true))
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/directory_snippet.html")]
pub struct SnippetPage {
    page: Page,
    filters: Filters,
    /// The iframes to paste, for the map and for the directory.
    map_snippet: String,
    directory_snippet: String,
    directory_link: String,
}

/// `GET /annuaire/integrer`: the iframe snippets for the current filters.
pub async fn snippet(
    State(app): State<AppState>,
    page: Page,
    RawQuery(raw): RawQuery,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let listing = listing(&app, lang, raw.as_deref()).await?;
    let count = listing.found().len();
    let iframe = |path: &str, title: &str| {
        let src = absolute(&app, &listing.query.link(path, &[]));
        format!(
            "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"600\" loading=\"lazy\"></iframe>",
            attribute(&src),
            attribute(title)
        )
    };
    let map_snippet = iframe("/embed/carte", &i18n::t(lang, "directory-map-title"));
    let directory_snippet = iframe("/embed/annuaire", &i18n::t(lang, "directory-title"));
    Ok(SnippetPage {
        filters: filters(&listing, lang, "/annuaire/integrer", count),
        map_snippet,
        directory_snippet,
        directory_link: listing.query.link("/annuaire", &[]),
        page,
    }
    .into_response())
}

/// Text made safe inside a double-quoted HTML attribute of the snippet.
fn attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

fn geojson(body: &'static [u8]) -> Response {
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static("application/geo+json")),
            (CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
        ],
        body,
    )
        .into_response()
}

/// `GET /carte/regions.geojson`: the outlines of the 18 current regions (data/territory).
pub async fn regions_current() -> Response {
    geojson(include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/territory/regions.geojson")))
}

/// `GET /carte/regions-2011.geojson`: the outlines of the 27 regions of 2011.
pub async fn regions_2011() -> Response {
    geojson(include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/territory/regions-2011.geojson"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_description_is_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(excerpt("Un pôle."), "Un pôle.");
        let long = "mot ".repeat(100);
        let cut = excerpt(&long);
        assert!(cut.ends_with("mot…") && cut.chars().count() <= EXCERPT + 1, "{cut}");
    }

    #[test]
    fn the_snippet_escapes_what_it_puts_in_attributes() {
        assert_eq!(attribute("a\"b<c>&d"), "a&quot;b&lt;c&gt;&amp;d");
    }
}
