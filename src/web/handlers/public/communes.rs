//! `GET /communes?q=…`: the communes whose name starts with what was typed, as JSON for the
//! commune picker's script, or as a page that works without it.

use askama::Template;
use askama_web::WebTemplate;
use axum::Json;
use axum::extract::RawQuery;
use axum::http::header::{ACCEPT, CACHE_CONTROL, VARY};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Serialize;

use crate::domain::territory::{Commune, Gazetteer, MAX_QUERY_BYTES};
use crate::i18n;
use crate::web::page::Page;

/// At most this many communes per answer.
pub const LIMIT: usize = 20;

/// One commune as the picker's script receives it.
#[derive(Debug, Serialize)]
pub struct CommuneJson {
    pub code: String,
    pub name: &'static str,
    pub department: &'static str,
    pub department_name: &'static str,
    /// What the picker fills the field with, and what `Gazetteer::resolve` reads back.
    pub label: String,
}

impl From<&Commune> for CommuneJson {
    fn from(commune: &Commune) -> Self {
        CommuneJson {
            code: commune.code().to_string(),
            name: commune.name(),
            department: commune.department().code(),
            department_name: commune.department().name(),
            label: commune.label(),
        }
    }
}

/// One row of the page's table.
pub struct CommuneRow {
    pub name: &'static str,
    pub code: String,
    pub department: String,
    pub region: &'static str,
    pub region_2011: &'static str,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/public/communes.html")]
pub struct CommunesPage {
    page: Page,
    query: String,
    searched: bool,
    count_text: String,
    more_text: Option<String>,
    rows: Vec<CommuneRow>,
}

/// `GET /communes?q=castres`: JSON (`[{"code","name","department","department_name","label"}]`,
/// at most 20, exact names first then the most populous) when asked with `format=json` or an
/// `Accept` header wanting JSON rather than HTML; otherwise a page with a search form and a
/// table. A missing, empty or over-long `q` finds nothing; nothing here fails.
pub async fn search(page: Page, RawQuery(raw): RawQuery, headers: HeaderMap) -> Response {
    let mut query = String::new();
    let mut format = String::new();
    for (name, value) in url::form_urlencoded::parse(raw.unwrap_or_default().as_bytes()) {
        match &*name {
            "q" if query.is_empty() => query = value.into_owned(),
            "format" if format.is_empty() => format = value.into_owned(),
            _ => {}
        }
    }
    if query.len() > MAX_QUERY_BYTES {
        query.clear();
    }
    // One more than shown, to know whether there are more.
    let mut found = Gazetteer::global().search(&query, LIMIT + 1);
    let more = found.len() > LIMIT;
    found.truncate(LIMIT);

    let mut response = if wants_json(&format, &headers) {
        let list: Vec<CommuneJson> = found.into_iter().map(CommuneJson::from).collect();
        let mut response = Json(list).into_response();
        // The reference data changes only with a release.
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600"));
        response
    } else {
        let lang = page.lang;
        let count = found.len();
        let rows = found
            .into_iter()
            .map(|c| CommuneRow {
                name: c.name(),
                code: c.code().to_string(),
                department: format!("{} — {}", c.department().code(), c.department().name()),
                region: c.region().name(),
                region_2011: c.region_2011().name(),
            })
            .collect();
        CommunesPage {
            searched: !query.trim().is_empty(),
            count_text: i18n::t_args(
                lang,
                "communes-results",
                &[("count", FluentValue::from(count))],
            ),
            more_text: more.then(|| {
                i18n::t_args(lang, "communes-more", &[("count", FluentValue::from(LIMIT))])
            }),
            rows,
            query,
            page,
        }
        .into_response()
    };
    response.headers_mut().insert(VARY, HeaderValue::from_static("accept"));
    response
}

/// `format=json`, or an `Accept` header that names JSON and not HTML (browsers name HTML; the
/// picker's script sends `format=json` anyway). `format=html` forces the page.
fn wants_json(format: &str, headers: &HeaderMap) -> bool {
    match format {
        "json" => true,
        "html" => false,
        _ => headers
            .get_all(ACCEPT)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .any(|accept| accept.contains("application/json") && !accept.contains("text/html")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accept(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_str(value).expect("header"));
        headers
    }

    #[test]
    fn json_is_chosen_by_format_or_by_an_accept_header_without_html() {
        assert!(wants_json("json", &HeaderMap::new()));
        assert!(wants_json("", &accept("application/json")));
        assert!(!wants_json("", &accept("text/html,application/xhtml+xml,*/*;q=0.8")));
        assert!(!wants_json("", &accept("text/html, application/json;q=0.5")));
        assert!(!wants_json("html", &accept("application/json")));
        assert!(!wants_json("", &HeaderMap::new()));
    }
}
