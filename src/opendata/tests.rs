use sqlx::types::Json;
use time::macros::datetime;
use uuid::Uuid;

use super::*;
use crate::domain::pole::PoleContent;

const HEADER: &str = "slug,name,acronym,track,year,page_url,commune_code,commune_name,\
department_code,department_name,region_code,region_name,region_2011_code,region_2011_name,\
latitude,longitude,sectors,profile,mutualisations,members,website,contact_name,contact_email,\
description,published_at,updated_at";

fn base() -> url::Url {
    url::Url::parse("https://ptce.example.org/").expect("url")
}

fn pole(slug: &str, content: PoleContent) -> Pole {
    Pole {
        id: Uuid::nil(),
        call_id: Uuid::nil(),
        dossier_id: Uuid::nil(),
        slug: slug.to_owned(),
        state: "published".to_owned(),
        public_fields: String::new(),
        content: Json(content),
        latitude: None,
        longitude: None,
        published_at: Some(datetime!(2012-01-15 10:30:00 +01:00)),
        updated_at: datetime!(2012-02-01 08:00:00 UTC),
    }
}

/// A pole of Romans-sur-Isère with every group public, and one whose commune is unknown with
/// none public.
fn records() -> Vec<PoleRecord> {
    let archer = pole(
        "pole-sud-archer",
        PoleContent {
            name: "Pôle Sud Archer".into(),
            acronym: "PSA".into(),
            track: "established".into(),
            year: 2011,
            lead_commune: "26281".into(),
            website: "https://www.archer.fr/".into(),
            contact_name: "Accueil".into(),
            contact_email: "contact@archer.fr".into(),
            description: "Né à Romans, de la \"chaussure\".\nSuite.".into(),
            ..PoleContent::default()
        },
    );
    let labels = Labels {
        sectors: vec!["Insertion par l’activité économique".into(), "Textile et mode".into()],
        profile: "Multi-activités".into(),
        mutualisations: vec!["Locaux".into()],
        members: vec!["Groupe Archer".into(), "Ville de Romans".into()],
    };
    let mut placed = pole(
        "pole-place",
        PoleContent {
            name: "Pôle placé".into(),
            track: "emerging".into(),
            year: 2011,
            lead_commune: "99999".into(),
            ..PoleContent::default()
        },
    );
    placed.latitude = Some(44.5);
    placed.longitude = Some(4.25);
    let lost = pole(
        "pole-perdu",
        PoleContent {
            name: "Pôle perdu".into(),
            track: "emerging".into(),
            year: 2011,
            ..PoleContent::default()
        },
    );
    vec![
        PoleRecord::new(&archer, &base(), labels),
        PoleRecord::new(&placed, &base(), Labels::default()),
        PoleRecord::new(&lost, &base(), Labels::default()),
    ]
}

#[test]
fn a_record_takes_its_territory_and_point_from_the_commune_unless_the_pole_placed_one() {
    let records = records();
    let archer = &records[0];
    assert_eq!(archer.page_url, "https://ptce.example.org/poles/pole-sud-archer");
    assert_eq!(
        [
            &archer.commune_code,
            &archer.commune_name,
            &archer.department_code,
            &archer.department_name,
            &archer.region_code,
            &archer.region_name,
            &archer.region_2011_code,
            &archer.region_2011_name,
        ],
        [
            "26281",
            "Romans-sur-Isère",
            "26",
            "Drôme",
            "84",
            "Auvergne-Rhône-Alpes",
            "82",
            "Rhône-Alpes"
        ]
    );
    assert_eq!((archer.latitude, archer.longitude), (Some(45.04421), Some(5.05232)));
    assert_eq!(archer.sectors, "Insertion par l’activité économique|Textile et mode");
    assert_eq!(archer.published_at, "2012-01-15T09:30:00Z");
    assert_eq!(archer.updated_at, "2012-02-01T08:00:00Z");
    assert_eq!((records[1].latitude, records[1].longitude), (Some(44.5), Some(4.25)));
    assert_eq!(records[1].commune_code, "");
    assert_eq!((records[2].latitude, records[2].longitude), (None, None));
}

#[test]
fn the_csv_file_is_rfc_4180_with_commas_crlf_and_no_byte_order_mark() {
    let expected = format!(
        "{HEADER}\r\n\
         pole-sud-archer,Pôle Sud Archer,PSA,established,2011,\
         https://ptce.example.org/poles/pole-sud-archer,26281,Romans-sur-Isère,26,Drôme,84,\
         Auvergne-Rhône-Alpes,82,Rhône-Alpes,45.04421,5.05232,\
         Insertion par l’activité économique|Textile et mode,Multi-activités,Locaux,\
         Groupe Archer|Ville de Romans,https://www.archer.fr/,Accueil,contact@archer.fr,\
         \"Né à Romans, de la \"\"chaussure\"\".\nSuite.\",\
         2012-01-15T09:30:00Z,2012-02-01T08:00:00Z\r\n\
         pole-place,Pôle placé,,emerging,2011,https://ptce.example.org/poles/pole-place,\
         ,,,,,,,,44.5,4.25,,,,,,,,,2012-01-15T09:30:00Z,2012-02-01T08:00:00Z\r\n\
         pole-perdu,Pôle perdu,,emerging,2011,https://ptce.example.org/poles/pole-perdu,\
         ,,,,,,,,,,,,,,,,,,2012-01-15T09:30:00Z,2012-02-01T08:00:00Z\r\n"
    );
    assert_eq!(csv(&records()), expected);
}

#[test]
fn with_no_pole_the_csv_file_is_its_header_line_only() {
    assert_eq!(csv(&[]), format!("{HEADER}\r\n"));
}

#[test]
fn the_json_file_is_an_array_of_objects_with_the_columns_in_order() {
    let records = records();
    let expected = concat!(
        r#"[{"slug":"pole-place","name":"Pôle placé","acronym":"","track":"emerging","#,
        r#""year":2011,"page_url":"https://ptce.example.org/poles/pole-place","#,
        r#""commune_code":"","commune_name":"","department_code":"","department_name":"","#,
        r#""region_code":"","region_name":"","region_2011_code":"","region_2011_name":"","#,
        r#""latitude":44.5,"longitude":4.25,"sectors":"","profile":"","mutualisations":"","#,
        r#""members":"","website":"","contact_name":"","contact_email":"","description":"","#,
        r#""published_at":"2012-01-15T09:30:00Z","updated_at":"2012-02-01T08:00:00Z"}]"#
    );
    assert_eq!(json(&records[1..2]), expected);
    assert_eq!(json(&[]), "[]");
    let all: Value = serde_json::from_str(&json(&records)).expect("json");
    assert_eq!(all[0]["description"], "Né à Romans, de la \"chaussure\".\nSuite.");
    assert_eq!(all[2]["latitude"], Value::Null);
}

#[test]
fn the_geojson_file_has_a_longitude_latitude_point_per_pole_and_a_null_geometry_without_one() {
    let records = records();
    let collection: Value = serde_json::from_str(&geojson(&records)).expect("geojson");
    assert_eq!(collection["type"], "FeatureCollection");
    assert_eq!(collection["features"][0]["type"], "Feature");
    assert_eq!(collection["features"][0]["id"], "pole-sud-archer");
    assert_eq!(
        collection["features"][0]["geometry"],
        json!({ "type": "Point", "coordinates": [5.05232, 45.04421] })
    );
    assert_eq!(collection["features"][0]["properties"]["region_2011_name"], "Rhône-Alpes");
    assert_eq!(collection["features"][2]["geometry"], Value::Null);
    assert_eq!(
        geojson(&records[1..2]).split(r#","properties""#).next(),
        Some(
            r#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"pole-place","geometry":{"coordinates":[4.25,44.5],"type":"Point"}"#
        )
    );
    assert_eq!(geojson(&[]), r#"{"type":"FeatureCollection","features":[]}"#);
}

#[test]
fn the_package_describes_every_column_with_its_type_and_constraints() {
    let tracks = ["established".to_owned(), "emerging".to_owned()];
    let package: Value = serde_json::from_str(&datapackage(&base(), &tracks)).expect("json");
    assert_eq!(package["name"], "ptce-poles");
    assert_eq!(
        package["licenses"],
        json!([{
            "name": "etalab-2.0",
            "title": "Licence Ouverte / Open Licence 2.0",
            "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
        }])
    );
    assert_eq!(package["homepage"], "https://ptce.example.org/donnees");
    let resources = package["resources"].as_array().expect("resources");
    assert_eq!(
        resources
            .iter()
            .map(|r| (r["name"].as_str(), r["path"].as_str(), r["mediatype"].as_str()))
            .collect::<Vec<_>>(),
        [
            (Some("poles-csv"), Some("poles.csv"), Some("text/csv")),
            (Some("poles-json"), Some("poles.json"), Some("application/json")),
            (Some("poles-geojson"), Some("poles.geojson"), Some("application/geo+json")),
        ]
    );
    let schema = &resources[0]["schema"];
    assert_eq!(schema["primaryKey"], json!(["slug"]));
    let fields = schema["fields"].as_array().expect("fields");
    assert_eq!(
        fields.iter().filter_map(|f| f["name"].as_str()).collect::<Vec<_>>().join(","),
        HEADER
    );
    assert_eq!(
        fields[3],
        json!({
            "name": "track",
            "title": "Parcours",
            "description": "Parcours de l’appel par lequel le pôle a été retenu : « established » \
                (PTCE opérationnel, parmi les premiers PTCE) ou « emerging » (initiative en \
                projet ou en construction, accompagnée).",
            "type": "string",
            "format": "default",
            "constraints": { "required": true, "enum": ["established", "emerging"] }
        })
    );
    assert_eq!(
        fields[14],
        json!({
            "name": "latitude",
            "title": "Latitude",
            "description": "Latitude du pôle en degrés décimaux (WGS84) : le point placé par le \
                pôle, sinon celui de sa commune.",
            "type": "number",
            "format": "default",
            "constraints": { "minimum": -90, "maximum": 90 }
        })
    );
    assert_eq!(fields[1]["constraints"], json!({ "required": true }));
    assert_eq!(fields[22]["format"], "email");
    assert_eq!(fields[25]["type"], "datetime");
    // Every column is described in both languages.
    for column in &COLUMNS {
        for lang in [Lang::Fr, Lang::En] {
            let title = column_title(lang, column);
            let description = column_description(lang, column);
            assert!(!title.is_empty() && !title.contains("opendata-"), "{}", column.name);
            assert!(!description.contains("opendata-"), "{}", column.name);
        }
    }
}

#[test]
fn with_no_call_the_track_is_not_constrained_to_an_empty_list() {
    let package: Value = serde_json::from_str(&datapackage(&base(), &[])).expect("json");
    assert_eq!(
        package["resources"][0]["schema"]["fields"][3]["constraints"],
        json!({ "required": true })
    );
}
