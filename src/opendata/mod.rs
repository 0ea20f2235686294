//! Open data: the published poles as CSV, JSON and GeoJSON files and the Frictionless Data
//! package that describes them, built from records the web layer gathers (pure, no I/O).
//!
//! Only published poles reach a [`PoleRecord`], and a published pole holds only the groups its
//! people made public (src/domain/pole.rs): a group kept private is an empty value here. The
//! three files have the same columns ([`COLUMNS`]), in the same order, with the same values; the
//! package's Table Schema describes them with the titles and descriptions of
//! locales/*/opendata.ftl, which the `/donnees` page shows too.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::BorrowedFormatItem;
use time::macros::format_description;

use crate::db::poles::Pole;
use crate::domain::lang::Lang;
use crate::domain::territory::{Gazetteer, InseeCode};
use crate::i18n;

/// The licence of the files: the poles' own public texts, published under the licence French
/// public bodies use for open data (any reuse, with attribution).
pub const LICENCE_NAME: &str = "etalab-2.0";
pub const LICENCE_TITLE: &str = "Licence Ouverte / Open Licence 2.0";
pub const LICENCE_URL: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";

/// What joins the items of a list column ("Textile|Recyclage"): a character no option label
/// or member name of the forms uses, unlike the comma and the semicolon.
pub const LIST_SEPARATOR: &str = "|";

/// The files of `/donnees`, as the package's resources name them.
pub const CSV_FILE: &str = "poles.csv";
pub const JSON_FILE: &str = "poles.json";
pub const GEOJSON_FILE: &str = "poles.geojson";
pub const PACKAGE_FILE: &str = "datapackage.json";

/// What kind of value a column holds: its Table Schema type, format and constraints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Free text, possibly empty.
    Text,
    /// The page's address in the directory: lower-case words joined by hyphens, unique.
    Slug,
    /// One of the call's tracks (codes).
    Track,
    Year,
    /// A web address.
    Uri,
    Email,
    /// An INSEE commune code ("26281", "2A004").
    CommuneCode,
    /// A department code ("26", "2A", "974").
    DepartmentCode,
    /// An INSEE region code ("84").
    RegionCode,
    Latitude,
    Longitude,
    /// A UTC date and time, ISO 8601 ("2012-01-15T09:30:00Z").
    DateTime,
}

/// One column of the files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub kind: Kind,
    /// Never empty in a row.
    pub required: bool,
}

const fn column(name: &'static str, kind: Kind, required: bool) -> Column {
    Column { name, kind, required }
}

/// The columns, in the order of the CSV file and of the JSON objects.
pub const COLUMNS: [Column; 26] = [
    column("slug", Kind::Slug, true),
    column("name", Kind::Text, true),
    column("acronym", Kind::Text, false),
    column("track", Kind::Track, true),
    column("year", Kind::Year, true),
    column("page_url", Kind::Uri, true),
    column("commune_code", Kind::CommuneCode, false),
    column("commune_name", Kind::Text, false),
    column("department_code", Kind::DepartmentCode, false),
    column("department_name", Kind::Text, false),
    column("region_code", Kind::RegionCode, false),
    column("region_name", Kind::Text, false),
    column("region_2011_code", Kind::RegionCode, false),
    column("region_2011_name", Kind::Text, false),
    column("latitude", Kind::Latitude, false),
    column("longitude", Kind::Longitude, false),
    column("sectors", Kind::Text, false),
    column("profile", Kind::Text, false),
    column("mutualisations", Kind::Text, false),
    column("members", Kind::Text, false),
    column("website", Kind::Uri, false),
    column("contact_name", Kind::Text, false),
    column("contact_email", Kind::Email, false),
    column("description", Kind::Text, false),
    column("published_at", Kind::DateTime, true),
    column("updated_at", Kind::DateTime, true),
];

/// The labels of a pole's coded answers in French (the language of the call), as the pole's
/// page shows them (`pole_view` of the public pole handler turns codes into labels).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labels {
    pub sectors: Vec<String>,
    pub profile: String,
    pub mutualisations: Vec<String>,
    /// The member organisations' names.
    pub members: Vec<String>,
}

/// One published pole as the files show it: a row of the CSV file, an object of the JSON
/// file, a feature of the GeoJSON file. Empty text where a group is not public.
#[derive(Debug, Clone, PartialEq)]
pub struct PoleRecord {
    pub slug: String,
    pub name: String,
    pub acronym: String,
    pub track: String,
    pub year: i32,
    pub page_url: String,
    pub commune_code: String,
    pub commune_name: String,
    pub department_code: String,
    pub department_name: String,
    pub region_code: String,
    pub region_name: String,
    pub region_2011_code: String,
    pub region_2011_name: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub sectors: String,
    pub profile: String,
    pub mutualisations: String,
    pub members: String,
    pub website: String,
    pub contact_name: String,
    pub contact_email: String,
    pub description: String,
    pub published_at: String,
    pub updated_at: String,
}

/// ISO 8601 in UTC with a `Z`, the default format of Table Schema's `datetime`.
const ISO_UTC: &[BorrowedFormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");

/// A moment as the files write it: "2012-01-15T09:30:00Z".
pub fn iso_utc(moment: OffsetDateTime) -> String {
    moment.to_offset(time::UtcOffset::UTC).format(ISO_UTC).unwrap_or_default()
}

/// The address of a pole's page under the platform's address.
pub fn page_url(base_url: &url::Url, slug: &str) -> String {
    format!("{}/poles/{slug}", base_url.as_str().trim_end_matches('/'))
}

impl PoleRecord {
    /// The record of a published pole: its public content, its territory from the gazetteer,
    /// its point (the one the pole placed, else its commune's), and the labels of its answers.
    pub fn new(pole: &Pole, base_url: &url::Url, labels: Labels) -> PoleRecord {
        let content = &pole.content.0;
        let commune = InseeCode::parse(&content.lead_commune)
            .ok()
            .and_then(|code| Gazetteer::global().commune(&code));
        let point = match (pole.latitude, pole.longitude) {
            (Some(latitude), Some(longitude)) => Some((latitude, longitude)),
            _ => commune.and_then(|c| c.point()),
        };
        let text = |f: fn(&crate::domain::territory::Commune) -> &'static str| {
            commune.map(f).unwrap_or_default().to_owned()
        };
        PoleRecord {
            slug: pole.slug.clone(),
            name: content.name.clone(),
            acronym: content.acronym.clone(),
            track: content.track.clone(),
            year: content.year,
            page_url: page_url(base_url, &pole.slug),
            commune_code: commune.map(|c| c.code().to_string()).unwrap_or_default(),
            commune_name: text(|c| c.name()),
            department_code: text(|c| c.department().code()),
            department_name: text(|c| c.department().name()),
            region_code: text(|c| c.region().code()),
            region_name: text(|c| c.region().name()),
            region_2011_code: text(|c| c.region_2011().code()),
            region_2011_name: text(|c| c.region_2011().name()),
            latitude: point.map(|(latitude, _)| latitude),
            longitude: point.map(|(_, longitude)| longitude),
            sectors: labels.sectors.join(LIST_SEPARATOR),
            profile: labels.profile,
            mutualisations: labels.mutualisations.join(LIST_SEPARATOR),
            members: labels.members.join(LIST_SEPARATOR),
            website: content.website.clone(),
            contact_name: content.contact_name.clone(),
            contact_email: content.contact_email.clone(),
            description: content.description.clone(),
            // A published pole has both; the update time stands in should one be missing.
            published_at: iso_utc(pole.published_at.unwrap_or(pole.updated_at)),
            updated_at: iso_utc(pole.updated_at),
        }
    }

    /// The values in the order of [`COLUMNS`]: text, the year as an integer, the coordinates
    /// as numbers or null.
    pub fn values(&self) -> [Value; 26] {
        let text = |s: &str| Value::String(s.to_owned());
        let number = |n: Option<f64>| {
            n.and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number)
        };
        [
            text(&self.slug),
            text(&self.name),
            text(&self.acronym),
            text(&self.track),
            Value::from(self.year),
            text(&self.page_url),
            text(&self.commune_code),
            text(&self.commune_name),
            text(&self.department_code),
            text(&self.department_name),
            text(&self.region_code),
            text(&self.region_name),
            text(&self.region_2011_code),
            text(&self.region_2011_name),
            number(self.latitude),
            number(self.longitude),
            text(&self.sectors),
            text(&self.profile),
            text(&self.mutualisations),
            text(&self.members),
            text(&self.website),
            text(&self.contact_name),
            text(&self.contact_email),
            text(&self.description),
            text(&self.published_at),
            text(&self.updated_at),
        ]
    }
}

/// A record as a JSON object whose keys keep the order of [`COLUMNS`] (serde_json's own
/// maps sort them).
struct Properties<'a>(&'a PoleRecord);

impl Serialize for Properties<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(COLUMNS.len()))?;
        for (column, value) in COLUMNS.iter().zip(self.0.values()) {
            map.serialize_entry(column.name, &value)?;
        }
        map.end()
    }
}

/// `poles.csv`: RFC 4180 — comma-separated, fields quoted when needed, CRLF line ends — in
/// UTF-8 without a byte-order mark, a header line then a line per pole. Not the back office's
/// `;` + BOM (src/exports): those files are for French office software, which wants both;
/// these are for programs and open-data portals, which expect the standard form and would read
/// a BOM as part of the first column's name. For the same reason values are written exactly as
/// published, with no quote added before a leading `=` (spreadsheet formula neutralising would
/// change the data every program reads).
pub fn csv(records: &[PoleRecord]) -> String {
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let mut write = || -> csv::Result<()> {
        writer.write_record(COLUMNS.iter().map(|c| c.name))?;
        for record in records {
            writer.write_record(record.values().iter().map(|value| match value {
                Value::String(text) => text.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            }))?;
        }
        writer.flush()?;
        Ok(())
    };
    // Writing to memory fails only on a bug (no I/O); the error is kept out of the file.
    if let Err(error) = write() {
        tracing::error!(%error, "open data CSV");
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// `poles.json`: an array of objects with the columns as keys, in order.
pub fn json(records: &[PoleRecord]) -> String {
    let rows: Vec<Properties<'_>> = records.iter().map(Properties).collect();
    serde_json::to_string(&rows).unwrap_or_else(|_| "[]".to_owned())
}

/// `poles.geojson`: an RFC 7946 FeatureCollection, a Point feature per pole with coordinates
/// `[longitude, latitude]` (WGS84) and the columns as properties; a pole with no known point is
/// a feature with a null geometry (RFC 7946 §3.2), so that the three files list the same poles.
pub fn geojson(records: &[PoleRecord]) -> String {
    #[derive(serde::Serialize)]
    struct Feature<'a> {
        r#type: &'static str,
        id: &'a str,
        geometry: Option<Value>,
        properties: Properties<'a>,
    }
    #[derive(serde::Serialize)]
    struct Collection<'a> {
        r#type: &'static str,
        features: Vec<Feature<'a>>,
    }
    let features = records
        .iter()
        .map(|record| Feature {
            r#type: "Feature",
            id: &record.slug,
            geometry: match (record.latitude, record.longitude) {
                (Some(latitude), Some(longitude)) => {
                    Some(json!({ "type": "Point", "coordinates": [longitude, latitude] }))
                }
                _ => None,
            },
            properties: Properties(record),
        })
        .collect();
    serde_json::to_string(&Collection { r#type: "FeatureCollection", features })
        .unwrap_or_else(|_| r#"{"type":"FeatureCollection","features":[]}"#.to_owned())
}

/// The title of a column in `lang` (locales/*/opendata.ftl).
pub fn column_title(lang: Lang, column: &Column) -> String {
    i18n::t(lang, &format!("opendata-column-{}-title", column.name.replace('_', "-")))
}

/// What a column holds, in `lang`.
pub fn column_description(lang: Lang, column: &Column) -> String {
    i18n::t(lang, &format!("opendata-column-{}-description", column.name.replace('_', "-")))
}

/// A column's Table Schema field (type, format, constraints), described in French.
fn field(column: &Column, tracks: &[String]) -> Value {
    let (kind, format, pattern) = match column.kind {
        Kind::Text => ("string", "default", None),
        Kind::Slug => ("string", "default", Some("[a-z0-9]+(-[a-z0-9]+)*")),
        Kind::Track => ("string", "default", None),
        Kind::Year => ("year", "default", None),
        Kind::Uri => ("string", "uri", None),
        Kind::Email => ("string", "email", None),
        Kind::CommuneCode => ("string", "default", Some("[0-9][0-9AB][0-9]{3}")),
        Kind::DepartmentCode => ("string", "default", Some("[0-9]{2,3}|2A|2B")),
        Kind::RegionCode => ("string", "default", Some("[0-9]{2}")),
        Kind::Latitude | Kind::Longitude => ("number", "default", None),
        Kind::DateTime => ("datetime", "default", None),
    };
    let mut constraints = serde_json::Map::new();
    if column.required {
        constraints.insert("required".into(), Value::Bool(true));
    }
    if column.kind == Kind::Slug {
        constraints.insert("unique".into(), Value::Bool(true));
    }
    if let Some(pattern) = pattern {
        constraints.insert("pattern".into(), pattern.into());
    }
    // With no track known (no call installed) the values are not constrained: an empty `enum`
    // would refuse every value.
    if column.kind == Kind::Track && !tracks.is_empty() {
        constraints.insert("enum".into(), json!(tracks));
    }
    match column.kind {
        Kind::Latitude => {
            constraints.insert("minimum".into(), json!(-90));
            constraints.insert("maximum".into(), json!(90));
        }
        Kind::Longitude => {
            constraints.insert("minimum".into(), json!(-180));
            constraints.insert("maximum".into(), json!(180));
        }
        _ => {}
    }
    let mut field = json!({
        "name": column.name,
        "title": column_title(Lang::Fr, column),
        "description": column_description(Lang::Fr, column),
        "type": kind,
        "format": format,
    });
    if !constraints.is_empty() {
        field["constraints"] = Value::Object(constraints);
    }
    field
}

/// The Table Schema of the files: every column, the slug as the primary key.
pub fn table_schema(tracks: &[String]) -> Value {
    json!({
        "fields": COLUMNS.iter().map(|c| field(c, tracks)).collect::<Vec<_>>(),
        "primaryKey": ["slug"],
        "missingValues": [""],
    })
}

/// `datapackage.json`: a Frictionless Data package (Data Package v1) describing the three
/// files, their columns (the CSV file's Table Schema) and their licence. Resource paths are relative ("poles.csv"), so that
/// they resolve next to the descriptor, at `/donnees/` as in a folder where the files are saved.
/// `tracks` are the codes of the call's tracks that make dossiers, hence poles.
pub fn datapackage(base_url: &url::Url, tracks: &[String]) -> String {
    let base = base_url.as_str().trim_end_matches('/');
    let schema = table_schema(tracks);
    let t = |key: &str| i18n::t(Lang::Fr, key);
    let package = json!({
        // Not "tabular-data-package": that profile requires every resource to be a table, and
        // the GeoJSON file is not one.
        "profile": "data-package",
        "name": "ptce-poles",
        "title": t("opendata-package-title"),
        "description": t("opendata-package-description"),
        "homepage": format!("{base}/donnees"),
        "keywords": ["PTCE", "économie sociale et solidaire", "coopération", "territoires"],
        "licenses": [{ "name": LICENCE_NAME, "title": LICENCE_TITLE, "path": LICENCE_URL }],
        "sources": [{ "title": t("opendata-package-source"), "path": format!("{base}/donnees") }],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": "poles-csv",
                "title": t("opendata-resource-csv-title"),
                "description": t("opendata-csv-about"),
                "path": CSV_FILE,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": { "delimiter": ",", "quoteChar": "\"", "header": true,
                             "lineTerminator": "\r\n", "doubleQuote": true },
                "schema": schema,
            },
            // Not declared a table: the validator cannot read the columns of an empty array
            // (no pole published yet), and the file must be valid then too. Its columns are
            // those of poles-csv, as its description says.
            {
                "profile": "data-resource",
                "name": "poles-json",
                "title": t("opendata-resource-json-title"),
                "description": t("opendata-json-about"),
                "path": JSON_FILE,
                "format": "json",
                "mediatype": "application/json",
                "encoding": "utf-8",
            },
            {
                "profile": "data-resource",
                "name": "poles-geojson",
                "title": t("opendata-resource-geojson-title"),
                "description": t("opendata-geojson-about"),
                "path": GEOJSON_FILE,
                "format": "geojson",
                "mediatype": "application/geo+json",
                "encoding": "utf-8",
            },
        ],
    });
    serde_json::to_string_pretty(&package).unwrap_or_default()
}

#[cfg(test)]
mod tests;
