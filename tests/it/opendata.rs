//! Open data (`/donnees`): the published poles as CSV, JSON and GeoJSON and their Frictionless
//! Data package, with their types, caching and CORS headers; never a non-public answer; the
//! package and its files validated by the `frictionless` command (PyPI's frictionless, installed
//! by scripts/ci/frictionless.sh: required in CI, skipped with a message elsewhere when missing).

use std::process::Command;
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use ptce::domain::role::Role;
use serde_json::{Value, json};

use crate::dossiers::get;
use crate::exports::in_path;
use crate::poles::selected;
use crate::support::{TestApp, TestResponse, post, staff};

const HEADER: &str = "slug,name,acronym,track,year,page_url,commune_code,commune_name,\
department_code,department_name,region_code,region_name,region_2011_code,region_2011_name,\
latitude,longitude,sectors,profile,mutualisations,members,website,contact_name,contact_email,\
description,published_at,updated_at";

/// The four files of `/donnees`, as a visitor gets them: (file name, response).
async fn files(app: &TestApp) -> Vec<(&'static str, TestResponse)> {
    let mut files = Vec::new();
    for name in ["poles.csv", "poles.json", "poles.geojson", "datapackage.json"] {
        let response = app.get(&format!("/donnees/{name}")).await;
        assert_eq!(response.status, StatusCode::OK, "{name}: {}", response.body);
        files.push((name, response));
    }
    files
}

/// A selected dossier of Romans-sur-Isère published as a pole with its sectors, profile and
/// website public, and its presentation, members and contact kept private.
async fn published(app: &TestApp) {
    let steering = staff(app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, owner) = selected(app, &steering).await;
    let fields = [
        ("public", "sectors"),
        ("public", "profile"),
        ("public", "website"),
        ("description", "TEXTE-PRIVE-PRESENTATION du pôle."),
        ("site", "www.archer.fr"),
        ("contact_nom", "Accueil du pôle"),
        ("contact_courriel", "contact@archer.fr"),
    ];
    let proposed = post(app, &format!("/espace/dossiers/{id}/publication"), &fields, &owner).await;
    assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", proposed.body);
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let pole = app.db.db.pole_lines(call.id).await.expect("poles")[0].id;
    let version = app.db.db.pole_versions(pole).await.expect("versions")[0].id;
    let path = format!("/gestion/poles/{pole}/versions/{version}");
    let decided = post(app, &path, &[("decision", "publier"), ("note", "")], &steering).await;
    assert_eq!(decided.header("location"), format!("/gestion/poles/{pole}?fait=publie"));
}

/// Runs `frictionless validate --json <descriptor>` in a folder holding `files` (the package's
/// paths are relative to it): its report, or `None` when the command is not installed — allowed
/// locally, with the reason printed; in CI (`CI=true`) that fails the test.
fn frictionless_report(files: &[(&str, &str)], descriptor: &str) -> Option<Value> {
    let Some(frictionless) = in_path("frictionless") else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "frictionless is needed by this test in CI: install it with scripts/ci/frictionless.sh"
        );
        eprintln!(
            "skipped the Frictionless check: no frictionless in PATH (scripts/ci/frictionless.sh)"
        );
        return None;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (name, body) in files {
        std::fs::write(dir.path().join(name), body).expect("written");
    }
    let mut child = Command::new(frictionless)
        .args(["validate", "--json", descriptor])
        .current_dir(dir.path())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("frictionless starts");
    let started = Instant::now();
    while child.try_wait().expect("frictionless runs").is_none() {
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            panic!("frictionless did not validate {descriptor} within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let output = child.wait_with_output().expect("frictionless's output");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let report: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|_| panic!("frictionless printed no JSON report: {stdout}\n{stderr}"));
    assert!(output.status.success(), "frictionless refused {descriptor}: {report:#}\n{stderr}");
    Some(report)
}

/// The four files of `/donnees` as a folder holds them once downloaded.
fn saved<'a>(files: &'a [(&'static str, TestResponse)]) -> Vec<(&'static str, &'a str)> {
    files.iter().map(|(name, response)| (*name, response.body.as_str())).collect()
}

/// The validation report's tasks: (resource, type read, valid, columns, rows, errors). The
/// validator leaves out a count of 0 rows.
type Task = (String, String, bool, Option<i64>, Option<i64>, usize);

fn tasks(report: &Value) -> Vec<Task> {
    report["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .map(|task| {
            (
                task["name"].as_str().unwrap_or_default().to_owned(),
                task["type"].as_str().unwrap_or_default().to_owned(),
                task["valid"].as_bool().unwrap_or_default(),
                task["stats"]["fields"].as_i64(),
                task["stats"]["rows"].as_i64(),
                task["errors"].as_array().map_or(0, Vec::len),
            )
        })
        .collect()
}

fn task(name: &str, kind: &str, columns: Option<i64>, rows: Option<i64>) -> Task {
    (name.to_owned(), kind.to_owned(), true, columns, rows, 0)
}

#[tokio::test]
async fn the_open_data_files_hold_a_published_pole_and_none_of_its_private_answers() {
    let app = TestApp::new().await;
    published(&app).await;
    let files = files(&app).await;
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let pole = app.db.db.published_poles(call.id).await.expect("poles").remove(0);
    let iso = |moment: time::OffsetDateTime| ptce::opendata::iso_utc(moment);

    // Only what the pole made public: its story, presentation, members and contact stay out.
    for (name, response) in &files {
        for private in [
            "TEXTE-PRIVE-BESOINS",
            "TEXTE-PRIVE-PRESENTATION",
            "Né de la crise",
            "Groupe Archer",
            "Accueil du pôle",
            "contact@archer.fr",
            "Christophe Chevalier",
            "cc@archer.fr",
            "73282932000074",
        ] {
            assert!(!response.body.contains(private), "{private} leaked into {name}");
        }
    }

    let csv = &files[0].1.body;
    let base = app.state.settings.base_url.as_str().trim_end_matches('/');
    assert_eq!(
        csv.split("\r\n").collect::<Vec<_>>(),
        [
            HEADER.to_owned(),
            format!(
                "pole-sud-archer,Pôle Sud Archer,,established,2011,{base}/poles/pole-sud-archer,\
                 26281,Romans-sur-Isère,26,Drôme,84,Auvergne-Rhône-Alpes,82,Rhône-Alpes,\
                 45.04421,5.05232,Insertion par l’activité économique|Textile et mode,\
                 Multi-activités,,,https://www.archer.fr/,,,,{},{}",
                iso(pole.published_at.expect("published")),
                iso(pole.updated_at)
            ),
            String::new(),
        ]
    );

    let rows: Value = serde_json::from_str(&files[1].1.body).expect("json");
    assert_eq!(rows.as_array().map(Vec::len), Some(1));
    assert_eq!(rows[0]["slug"], "pole-sud-archer");
    assert_eq!(rows[0]["year"], 2011);
    assert_eq!(rows[0]["region_2011_name"], "Rhône-Alpes");
    assert_eq!(rows[0]["description"], "");

    let map: Value = serde_json::from_str(&files[2].1.body).expect("geojson");
    assert_eq!(map["type"], "FeatureCollection");
    assert_eq!(
        map["features"][0]["geometry"],
        json!({ "type": "Point", "coordinates": [5.05232, 45.04421] })
    );
    assert_eq!(map["features"][0]["properties"], rows[0]);

    if let Some(report) = frictionless_report(&saved(&files), "datapackage.json") {
        assert_eq!(report["valid"], true, "{report:#}");
        assert_eq!(
            tasks(&report),
            [
                task("poles-csv", "table", Some(26), Some(1)),
                task("poles-json", "json", None, None),
                task("poles-geojson", "json", None, None),
            ]
        );
    }
    // The package does not declare poles.json a table (an empty array has no columns to read),
    // so its objects are checked here against the CSV file's Table Schema.
    let package: Value = serde_json::from_str(&files[3].1.body).expect("package");
    let table = json!({
        "name": "poles-json",
        "profile": "tabular-data-resource",
        "path": "poles.json",
        "format": "json",
        "schema": package["resources"][0]["schema"],
    })
    .to_string();
    let mut saved = saved(&files);
    saved.push(("poles-json-table.json", &table));
    if let Some(report) = frictionless_report(&saved, "poles-json-table.json") {
        assert_eq!(report["valid"], true, "{report:#}");
        assert_eq!(tasks(&report), [task("poles-json", "table", Some(26), Some(1))]);
    }
}

#[tokio::test]
async fn each_file_has_its_type_a_short_public_cache_an_etag_and_open_cors() {
    let app = TestApp::new().await;
    published(&app).await;
    let files = files(&app).await;
    let types = ["text/csv; charset=utf-8", "application/json", "application/geo+json"];
    for ((name, response), content_type) in
        files.iter().zip(types.into_iter().chain(["application/json"]))
    {
        assert_eq!(response.header("content-type"), content_type, "{name}");
        assert_eq!(
            response.header("content-disposition"),
            format!("inline; filename=\"{name}\""),
            "{name}"
        );
        assert_eq!(response.header("access-control-allow-origin"), "*", "{name}");
        assert_eq!(response.header("cache-control"), "public, max-age=300", "{name}");
        let etag = response.header("etag");
        assert_eq!(etag.len(), 34, "{name}: {etag}");
        let again = app.get_with(&format!("/donnees/{name}"), &[("if-none-match", etag)]).await;
        assert_eq!(again.status, StatusCode::NOT_MODIFIED, "{name}");
        assert_eq!(again.body, "", "{name}");
        assert_eq!(again.header("etag"), etag, "{name}");
    }
    // The data files say when the newest pole changed; the package, none of the data.
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let pole = app.db.db.published_poles(call.id).await.expect("poles").remove(0);
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    let expected = pole.updated_at.to_offset(time::UtcOffset::UTC).format(&format).expect("date");
    for (name, response) in &files[..3] {
        assert_eq!(response.header("last-modified"), expected, "{name}");
    }
    assert_eq!(files[3].1.header("last-modified"), "");
}

#[tokio::test]
async fn with_no_pole_published_the_files_are_valid_with_headers_only() {
    let app = TestApp::new().await;
    let files = files(&app).await;
    assert_eq!(files[0].1.body, format!("{HEADER}\r\n"));
    assert_eq!(files[1].1.body, "[]");
    assert_eq!(files[2].1.body, r#"{"type":"FeatureCollection","features":[]}"#);
    assert_eq!(files[0].1.header("last-modified"), "");
    if let Some(report) = frictionless_report(&saved(&files), "datapackage.json") {
        assert_eq!(report["valid"], true, "{report:#}");
        assert_eq!(
            tasks(&report),
            [
                task("poles-csv", "table", Some(26), None),
                task("poles-json", "json", None, None),
                task("poles-geojson", "json", None, None),
            ]
        );
    }
}

#[tokio::test]
async fn the_open_data_page_lists_the_files_their_licence_and_columns() {
    let app = TestApp::new().await;
    let page = get(&app, "/donnees", "").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("h1"), ["Données ouvertes"]);
    assert_eq!(
        page.texts("#opendata-count"),
        ["Aucun pôle publié pour l’instant : les fichiers ne contiennent que leurs en-têtes."]
    );
    assert_eq!(
        page.texts("#opendata-files th[scope=row]"),
        ["poles.csv", "poles.json", "poles.geojson", "datapackage.json"]
    );
    assert!(
        page.texts("#opendata-licence")[0].starts_with(
            "Les fichiers sont publiés sous la Licence Ouverte / Open Licence 2.0 (Etalab)"
        ),
        "{:?}",
        page.texts("#opendata-licence")
    );
    let columns = page.texts("#opendata-columns tbody th");
    assert_eq!(columns.join(","), HEADER);
    published(&app).await;
    assert_eq!(get(&app, "/donnees", "").await.texts("#opendata-count"), ["Un pôle publié."]);
}
