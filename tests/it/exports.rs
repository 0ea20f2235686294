//! Exports of the back office's list of dossiers: CSV (`;`, BOM), XLSX and ODS with the list's
//! filters and the account's scope, the header alone for an empty filter, a title that looks
//! like a formula kept as text in every format, and files LibreOffice opens
//! (`soffice --headless --convert-to csv`, required in CI).

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use ptce::db::dossier_list::{SearchPlan, Sort, SortColumn, StaffFilter};
use ptce::domain::role::Role;
use ptce::domain::search::Query;
use ptce::generate::{Plan, generate};
use time::OffsetDateTime;
use tower::ServiceExt;

use crate::exchanges::{add_rule, submitted};
use crate::support::{TestApp, staff};

const HEADER_FR: [&str; 13] = [
    "Référence",
    "Pôle ou initiative",
    "Structure",
    "Parcours",
    "État",
    "Réseau",
    "Déposé le",
    "Dernière modification",
    "Messages non lus",
    "Commune de la structure porteuse",
    "Département",
    "Région",
    "Région (2011)",
];

pub(crate) struct Download {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Vec<u8>,
}

impl Download {
    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }

    /// The body as the rows of a `;` CSV, after checking and removing the byte-order mark.
    fn csv_rows(&self) -> Vec<Vec<String>> {
        let text = std::str::from_utf8(&self.body).expect("UTF-8");
        let text = text.strip_prefix('\u{feff}').expect("a byte-order mark first");
        read_csv(text, b';')
    }
}

/// A response whose body is kept as bytes (files).
pub(crate) async fn download(app: &TestApp, path: &str, cookie: &str) -> Download {
    let request = Request::get(path).header("cookie", cookie).body(Body::empty()).expect("request");
    let response = app.router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.expect("body").to_bytes().to_vec();
    Download { status, headers, body }
}

fn read_csv(text: &str, separator: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("a CSV record").iter().map(str::to_owned).collect())
        .collect()
}

/// Column `index` of every row but the header.
fn column(rows: &[Vec<String>], index: usize) -> Vec<String> {
    let mut values: Vec<String> = rows[1..].iter().map(|r| r[index].clone()).collect();
    values.sort();
    values
}

/// Three dossiers routed by rule: two to COORACE (Drôme, Ardèche), one to RTES (Tarn). The
/// steering group's session cookie.
async fn three_dossiers(app: &TestApp) -> String {
    let steering = staff(app, "copil@ptce.fr", Role::Steering, None).await;
    add_rule(app, &steering, "department", "26, 07", "coorace").await;
    add_rule(app, &steering, "region-2011", "73", "rtes").await;
    submitted(app, "a@romans.fr", "Pôle Sud Archer", "26281").await;
    submitted(app, "b@privas.fr", "Pôle Ardèche", "07186").await;
    submitted(app, "c@castres.fr", "Pôle Tarn", "81065").await;
    steering
}

#[tokio::test]
async fn the_csv_has_the_bom_the_header_and_exactly_the_filtered_rows_and_is_audited() {
    let app = TestApp::new().await;
    let steering = three_dossiers(&app).await;

    let all = download(&app, "/gestion/dossiers.csv", &steering).await;
    assert_eq!(all.status, StatusCode::OK);
    assert_eq!(all.header("content-type"), "text/csv; charset=utf-8");
    let today = ptce::domain::paris::date_of(OffsetDateTime::now_utc());
    assert_eq!(
        all.header("content-disposition"),
        format!("attachment; filename=\"dossiers-{today}.csv\"")
    );
    assert_eq!(all.header("content-length"), all.body.len().to_string());
    assert_eq!(all.header("x-content-type-options"), "nosniff");
    assert!(all.header("cache-control").contains("no-store"), "never kept in a cache");
    let text = std::str::from_utf8(&all.body).expect("UTF-8");
    assert!(text.starts_with(&format!("\u{feff}{}\r\n", HEADER_FR.join(";"))), "{text}");
    let rows = all.csv_rows();
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(column(&rows, 1), ["Pôle Ardèche", "Pôle Sud Archer", "Pôle Tarn"]);
    let tarn = rows.iter().find(|r| r[1] == "Pôle Tarn").expect("the Tarn's row");
    assert_eq!(tarn[2], "Pôle Tarn");
    assert_eq!(tarn[3], "PTCE opérationnel — candidature aux dix premiers PTCE");
    assert_eq!(tarn[4], "Déposé");
    assert_eq!(tarn[5], "RTES");
    assert_eq!(tarn[8], "0");
    assert_eq!(tarn[9..], ["Castres (81065)", "81 — Tarn", "Occitanie", "Midi-Pyrénées"]);
    let submitted_at = &tarn[6];
    assert!(submitted_at.starts_with(&today.to_string()) && submitted_at.len() == 16, "{tarn:?}");

    let rtes = download(&app, "/gestion/dossiers.csv?reseau=rtes", &steering).await;
    assert_eq!(column(&rtes.csv_rows(), 1), ["Pôle Tarn"]);
    let searched =
        download(&app, "/gestion/dossiers.csv?q=ard%C3%A8che&etat=submitted", &steering).await;
    assert_eq!(column(&searched.csv_rows(), 1), ["Pôle Ardèche"]);
    let paged = download(&app, "/gestion/dossiers.csv?page=2", &steering).await;
    assert_eq!(paged.csv_rows().len(), 4, "an export is the whole list, not a page");

    // The list links to the exports of what it shows.
    let list = crate::dossiers::get(
        &app,
        "/gestion/dossiers?reseau=rtes&etat=submitted&q=P%C3%B4le",
        &steering,
    )
    .await;
    let links = scraper::Selector::parse("#exports a").expect("selector");
    let hrefs: Vec<String> = list
        .html()
        .select(&links)
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    let query = "q=P%C3%B4le&etat=submitted&reseau=rtes";
    assert_eq!(hrefs, ["csv", "xlsx", "ods"].map(|ext| format!("/gestion/dossiers.{ext}?{query}")));
    assert_eq!(list.texts("#exports a"), ["CSV", "XLSX", "ODS"]);
    let linked = download(&app, &hrefs[0], &steering).await;
    assert_eq!(column(&linked.csv_rows(), 1), ["Pôle Tarn"]);

    let filter = ptce::db::audit::AuditFilter::default();
    let entries = app.db.db.audit_entries(&filter, 100).await.expect("audit");
    let exported: Vec<serde_json::Value> = entries
        .iter()
        .filter(|e| e.event == "dossiers.exported")
        .map(|e| serde_json::from_str(&e.detail).expect("JSON"))
        .collect();
    assert_eq!(exported.len(), 5, "{entries:?}");
    assert!(exported.iter().all(|e| e["format"] == "csv"));
    let mut counts: Vec<i64> =
        exported.iter().map(|e| e["count"].as_i64().expect("count")).collect();
    counts.sort_unstable();
    assert_eq!(counts, [1, 1, 1, 3, 3]);
    assert!(exported.iter().any(|e| e["filter"]["reseau"] == "rtes"), "{exported:?}");
}

#[tokio::test]
async fn a_referents_export_has_only_their_networks_dossiers_in_every_format() {
    let app = TestApp::new().await;
    three_dossiers(&app).await;
    let coorace = staff(&app, "ref@coorace.fr", Role::Referent, Some("coorace")).await;
    let csv = download(&app, "/gestion/dossiers.csv", &coorace).await;
    assert_eq!(column(&csv.csv_rows(), 1), ["Pôle Ardèche", "Pôle Sud Archer"]);
    assert_eq!(column(&csv.csv_rows(), 5), ["COORACE", "COORACE"]);
    // Asking for another network's dossiers gives none of them.
    let other = download(&app, "/gestion/dossiers.csv?reseau=rtes", &coorace).await;
    assert_eq!(other.csv_rows().len(), 1);
    for format in ["xlsx", "ods"] {
        let file = download(&app, &format!("/gestion/dossiers.{format}"), &coorace).await;
        assert_eq!(file.status, StatusCode::OK);
        let rows = rows_in_archive(&file.body, format);
        assert_eq!(rows, 3, "{format}: the header and two dossiers");
    }
}

#[tokio::test]
async fn an_export_of_an_empty_filter_is_the_header_alone_in_every_format() {
    let app = TestApp::new().await;
    let steering = three_dossiers(&app).await;
    let csv = download(&app, "/gestion/dossiers.csv?q=aucun+dossier+ainsi", &steering).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(
        std::str::from_utf8(&csv.body).expect("UTF-8"),
        format!("\u{feff}{}\r\n", HEADER_FR.join(";"))
    );
    for format in ["xlsx", "ods"] {
        let file =
            download(&app, &format!("/gestion/dossiers.{format}?etat=withdrawn"), &steering).await;
        assert_eq!(file.status, StatusCode::OK);
        assert_eq!(rows_in_archive(&file.body, format), 1, "{format}: the header alone");
    }
    // The same in English, for someone who reads the back office in English.
    let english =
        download(&app, "/gestion/dossiers.csv?etat=withdrawn", &format!("{steering}; lang=en"))
            .await;
    let rows = english.csv_rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0][..3], ["Reference", "Pole or initiative", "Organisation"]);
}

/// The rows of the sheet of an XLSX or ODS file, counted in its XML.
fn rows_in_archive(body: &[u8], format: &str) -> usize {
    let mut zip = zip::ZipArchive::new(Cursor::new(body)).expect("a zip archive");
    let (name, row) = match format {
        "xlsx" => ("xl/worksheets/sheet1.xml", "<row "),
        _ => ("content.xml", "<table:table-row>"),
    };
    let mut xml = String::new();
    zip.by_name(name).expect(name).read_to_string(&mut xml).expect("UTF-8");
    xml.matches(row).count()
}

#[tokio::test]
async fn a_title_that_looks_like_a_formula_is_text_in_every_format_and_libreoffice_opens_them() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let formula = "=HYPERLINK(\"http://x\")";
    submitted(&app, "a@romans.fr", formula, "26281").await;
    submitted(&app, "b@privas.fr", "@SUM(1+1)", "07186").await;

    let csv = download(&app, "/gestion/dossiers.csv", &steering).await;
    let text = std::str::from_utf8(&csv.body).expect("UTF-8");
    assert!(text.contains(";\"'=HYPERLINK(\"\"http://x\"\")\";"), "{text}");
    let rows = csv.csv_rows();
    assert_eq!(column(&rows, 1), ["'=HYPERLINK(\"http://x\")", "'@SUM(1+1)"]);

    let xlsx = download(&app, "/gestion/dossiers.xlsx", &steering).await;
    assert_eq!(
        xlsx.header("content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(xlsx.header("content-disposition").ends_with(".xlsx\""));
    let ods = download(&app, "/gestion/dossiers.ods", &steering).await;
    assert_eq!(ods.header("content-type"), "application/vnd.oasis.opendocument.spreadsheet");
    assert!(ods.header("content-disposition").ends_with(".ods\""));

    let Some(converted) = libreoffice_csv(&[("xlsx", &xlsx.body), ("ods", &ods.body)]) else {
        return;
    };
    for (format, rows) in converted {
        assert_eq!(rows[0], HEADER_FR, "{format}");
        assert_eq!(rows.len(), 3, "{format}: {rows:?}");
        // Shown as the text typed, not run: a formula would have shown `http://x` and `2`.
        assert_eq!(column(&rows, 1), [formula, "@SUM(1+1)"], "{format}");
        assert_eq!(column(&rows, 2), [formula, "@SUM(1+1)"], "{format}");
        assert_eq!(column(&rows, 5), ["Non attribué", "Non attribué"], "{format}");
        assert_eq!(column(&rows, 8), ["0", "0"], "{format}");
        assert_eq!(column(&rows, 10), ["07 — Ardèche", "26 — Drôme"], "{format}");
        // The dates are dates: LibreOffice shows them with the file's format.
        let today = ptce::domain::paris::date_of(OffsetDateTime::now_utc());
        let shown = format!("{:02}/{:02}/{}", today.day(), u8::from(today.month()), today.year());
        assert!(rows[1][6].starts_with(&shown), "{format}: {:?}", rows[1]);
    }
}

/// The given files converted to CSV by LibreOffice (`soffice --headless --convert-to csv`):
/// their rows, per format. `None` when LibreOffice is not installed — allowed locally, with the
/// reason printed; in CI (`CI=true`) a missing LibreOffice fails the test.
pub(crate) fn libreoffice_csv(files: &[(&str, &[u8])]) -> Option<Vec<(String, Vec<Vec<String>>)>> {
    let Some(soffice) = ["soffice", "libreoffice"].into_iter().find_map(in_path) else {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "LibreOffice is needed by this test in CI: install it with scripts/ci/libreoffice.sh"
        );
        eprintln!("skipped the LibreOffice check: no soffice in PATH (scripts/ci/libreoffice.sh)");
        return None;
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut inputs = Vec::new();
    for (format, bytes) in files {
        let path = dir.path().join(format!("export-{format}.{format}"));
        std::fs::write(&path, bytes).expect("written");
        inputs.push(path);
    }
    let out = dir.path().join("out");
    // A profile of its own: two conversions at once with the same profile would wait on each
    // other's lock, or fail.
    let profile = format!("-env:UserInstallation=file://{}", dir.path().join("profile").display());
    let mut child = Command::new(&soffice)
        .arg(profile)
        .args(["--headless", "--norestore", "--convert-to"])
        // Comma, double quotes, UTF-8 (76), first line 1.
        .arg("csv:Text - txt - csv (StarCalc):44,34,76,1")
        .arg("--outdir")
        .arg(&out)
        .args(&inputs)
        .env("HOME", dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("soffice starts");
    let deadline = Instant::now() + Duration::from_secs(180);
    while child.try_wait().expect("soffice runs").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("soffice did not convert the files within 180 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let output = child.wait_with_output().expect("soffice's output");
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "soffice failed: {log}");
    let mut converted = Vec::new();
    for (format, _) in files {
        let path = out.join(format!("export-{format}.csv"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!("LibreOffice did not convert the {format} file ({e}): {log}")
        });
        converted.push(((*format).to_owned(), read_csv(&text, b',')));
    }
    Some(converted)
}

pub(crate) fn in_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|p| is_executable(p))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata().is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[tokio::test]
async fn the_export_reads_exactly_the_lists_dossiers_in_its_order_for_each_filter() {
    let app = TestApp::new().await;
    let db = &app.db.db;
    let plan = Plan { dossiers: 60, force: false, seed: 11, sessions: 0 };
    generate(db, &plan, OffsetDateTime::now_utc()).await.expect("generated");
    let call = db.current_call().await.expect("read").expect("a call");
    let indexed = ptce::search::catch_up(&app.state, 1000).await.expect("indexed");
    assert!(indexed > 20, "the submitted dossiers are indexed: {indexed}");
    let all = StaffFilter { limit: i64::MAX, ..StaffFilter::default() };
    let words = |typed: &str| Query::parse(typed).expect("reads").expect("terms");
    let filters = [
        all.clone(),
        StaffFilter { track: Some("emerging".into()), ..all.clone() },
        StaffFilter { state: Some("screening".into()), ..all.clone() },
        StaffFilter { network: Some("coorace".into()), ..all.clone() },
        StaffFilter { unrouted: true, ..all.clone() },
        StaffFilter { networks: Some(vec!["rtes".into(), "coorace".into()]), ..all.clone() },
        StaffFilter { networks: Some(Vec::new()), ..all.clone() },
        StaffFilter { text: Some(words("pôle")), ..all.clone() },
        StaffFilter { text: Some(words("50%_")), ..all.clone() },
        StaffFilter { region_2011: Some("82".into()), ..all.clone() },
        StaffFilter { department: Some("26".into()), ..all.clone() },
        StaffFilter { admissibility: Some("fail".into()), ..all.clone() },
        StaffFilter { sector: Some("iae".into()), ..all.clone() },
        StaffFilter { sort: Sort { column: SortColumn::Title, descending: false }, ..all.clone() },
    ];
    let mut listed_in_all = 0;
    for filter in &filters {
        let (listed, total) = db.staff_dossiers(call.id, filter).await.expect("the list");
        let exported: Vec<_> = futures_util::TryStreamExt::try_collect::<Vec<_>>(
            db.staff_dossier_rows(call.id, filter),
        )
        .await
        .expect("the export's rows");
        let listed: Vec<_> = listed.iter().map(|r| (r.id, r.title.clone(), r.unread)).collect();
        let exported_ids: Vec<_> =
            exported.iter().map(|r| (r.line.id, r.line.title.clone(), r.line.unread)).collect();
        assert_eq!(exported_ids, listed, "{filter:?}");
        assert_eq!(exported.len() as i64, total, "{filter:?}");
        listed_in_all = listed_in_all.max(total);
    }
    assert!(listed_in_all > 20, "the generated dossiers are listed: {listed_in_all}");
    searches_page_through_the_exports_rows_in_every_order_and_plan(&app, call.id).await;
    let (listed, _) = db.staff_dossiers(call.id, &all).await.expect("the list");
    let exported: Vec<_> =
        futures_util::TryStreamExt::try_collect::<Vec<_>>(db.staff_dossier_rows(call.id, &all))
            .await
            .expect("rows");
    assert!(
        exported.iter().all(|r| r.lead_commune.as_deref().is_some_and(|c| c.len() == 5)),
        "every generated dossier names its commune by INSEE code"
    );
    assert_eq!(listed.len(), exported.len());
}

/// A search (on SQLite: counted by the full-text index's facets, read from its row order, along
/// an order's index or sorted) pages through exactly the export's rows (the list's SQL), for
/// every filter with a search, every order and both ways of reading, seven at a time.
async fn searches_page_through_the_exports_rows_in_every_order_and_plan(
    app: &TestApp,
    call_id: uuid::Uuid,
) {
    let db = &app.db.db;
    let words = |typed: &str| Some(Query::parse(typed).expect("reads").expect("terms"));
    let search = StaffFilter { text: words("pôle"), limit: i64::MAX, ..StaffFilter::default() };
    // A label on a few dossiers, some taken into screening: facets the index must follow.
    let (some, _) = db.staff_dossiers(call_id, &search).await.expect("the list");
    assert!(some.len() > 20, "the search finds the generated dossiers: {}", some.len());
    let labelled: Vec<_> = some.iter().step_by(3).map(|r| r.id).collect();
    let email = ptce::domain::email::EmailAddress::parse("copil@ptce.fr").expect("email");
    let new = ptce::db::accounts::NewStaff {
        email: &email,
        display_name: "Camille Martin",
        password_hash: None,
        role: Role::Steering,
        network_slug: None,
    };
    let by = db.upsert_staff(&new, OffsetDateTime::now_utc()).await.expect("staff");
    let label =
        db.label_named(call_id, "à visiter", by, OffsetDateTime::now_utc()).await.expect("label");
    let actor = ptce::db::dossier_list::Actor { id: by, client: "test" };
    db.set_label(&labelled, &label, true, &actor, OffsetDateTime::now_utc())
        .await
        .expect("labelled");
    ptce::search::refresh(&app.state, &labelled).await;
    let filters = [
        search.clone(),
        StaffFilter { text: words("co"), ..search.clone() },
        StaffFilter { text: words("pôle"), state: Some("screening".into()), ..search.clone() },
        StaffFilter { track: Some("emerging".into()), ..search.clone() },
        StaffFilter { network: Some("coorace".into()), ..search.clone() },
        StaffFilter { unrouted: true, ..search.clone() },
        StaffFilter { networks: Some(vec!["rtes".into(), "coorace".into()]), ..search.clone() },
        StaffFilter { networks: Some(Vec::new()), ..search.clone() },
        StaffFilter { region_2011: Some("82".into()), ..search.clone() },
        StaffFilter { region: Some("84".into()), ..search.clone() },
        StaffFilter { department: Some("26".into()), ..search.clone() },
        StaffFilter { admissibility: Some("fail".into()), ..search.clone() },
        StaffFilter { sector: Some("iae".into()), ..search.clone() },
        StaffFilter { label: Some(label.id), ..search.clone() },
    ];
    let mut sorts = vec![Sort::default()];
    for column in SortColumn::ALL {
        sorts.push(Sort { column, descending: false });
        sorts.push(Sort { column, descending: true });
    }
    for filter in &filters {
        for sort in &sorts {
            for plan in [SearchPlan::Cheapest, SearchPlan::Walk, SearchPlan::Sort] {
                let filter = StaffFilter { sort: *sort, plan, ..filter.clone() };
                let exported: Vec<_> = futures_util::TryStreamExt::try_collect::<Vec<_>>(
                    db.staff_dossier_rows(call_id, &filter),
                )
                .await
                .expect("the export's rows");
                let exported: Vec<_> = exported.iter().map(|r| r.line.id).collect();
                let mut paged = Vec::new();
                loop {
                    let page =
                        StaffFilter { limit: 7, offset: paged.len() as i64, ..filter.clone() };
                    let (rows, total) = db.staff_dossiers(call_id, &page).await.expect("a page");
                    assert_eq!(total, exported.len() as i64, "{page:?}");
                    if rows.is_empty() {
                        break;
                    }
                    paged.extend(rows.iter().map(|r| r.id));
                }
                assert_eq!(paged, exported, "{filter:?}");
            }
        }
    }
    let (labelled_found, _) = db
        .staff_dossiers(call_id, &StaffFilter { label: Some(label.id), ..search.clone() })
        .await
        .expect("the list");
    assert_eq!(
        labelled_found.len(),
        labelled.len(),
        "every labelled dossier is found by its label"
    );
}
