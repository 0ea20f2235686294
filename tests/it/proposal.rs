//! The costed proposal: its totals per cost category and per region equal sums computed here
//! from the selected dossiers' answers (decisions retenu / retenu sous réserve, prepared or
//! released; other decisions and undecided dossiers left out); a scenario's amount above the
//! requested one (or negative, or unreadable) is refused next to its field; the XLSX export
//! opens in LibreOffice with its totals and a formula-like name as text; the PDF report reads
//! back with its totals; a referent gets 403.

use std::collections::BTreeMap;

use axum::http::StatusCode;
use ptce::domain::money::Money;
use ptce::domain::role::Role;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::dossiers::get;
use crate::exchanges::submitted_with;
use crate::exports::{download, libreoffice_csv};
use crate::support::{TestApp, post, post_owned, staff};

/// A dossier of the test: who, where, how much, and the decision prepared for it.
struct Spec {
    email: &'static str,
    name: &'static str,
    commune: &'static str,
    /// The region of 2011 of the commune, as the page names it.
    region: &'static str,
    requested: i64,
    /// (year, category, euros).
    costs: &'static [(&'static str, &'static str, i64)],
    /// None: no decision; Some((outcome, released)).
    decision: Option<(&'static str, bool)>,
}

const SPECS: [Spec; 5] = [
    Spec {
        email: "a@romans.fr",
        name: "Pôle Sud Archer",
        commune: "26281",
        region: "Rhône-Alpes",
        requested: 25_000,
        costs: &[("1", "personnel", 60_000), ("2", "investissement", 15_000)],
        decision: Some(("selected", true)),
    },
    Spec {
        email: "b@privas.fr",
        name: "Pôle Ardèche Solidaire",
        commune: "07186",
        region: "Rhône-Alpes",
        requested: 40_000,
        costs: &[("1", "personnel", 30_000), ("1", "prestations", 20_500)],
        decision: Some(("selected-with-conditions", false)),
    },
    Spec {
        email: "c@castres.fr",
        name: "Pôle Tarn Coopératif",
        commune: "81065",
        region: "Midi-Pyrénées",
        requested: 12_000,
        costs: &[("1", "fonctionnement", 18_000), ("2", "personnel", 4_000)],
        decision: Some(("selected", false)),
    },
    Spec {
        email: "d@rennes.fr",
        name: "Pôle Breton",
        commune: "35238",
        region: "Bretagne",
        requested: 99_000,
        costs: &[("1", "personnel", 120_000)],
        decision: Some(("not-selected", false)),
    },
    Spec {
        email: "e@nantes.fr",
        name: "Pôle Nantais",
        commune: "44109",
        region: "Pays de la Loire",
        requested: 50_000,
        costs: &[("1", "investissement", 70_000)],
        decision: None,
    },
];

fn euros(n: i64) -> Money {
    Money::from_euros(n).expect("fits")
}

/// An amount as `texts` reads it: French, its no-break spaces made plain.
fn shown(n: i64) -> String {
    plain(&euros(n).format_fr())
}

/// The budget, balanced resources (the call's share in year 1) and requested amount of a spec.
fn edit(spec: &Spec, answers: &mut Value) {
    let budget: Vec<Value> = spec
        .costs
        .iter()
        .map(|(year, category, amount)| {
            json!({ "year": year, "category": category, "amount": amount * 100 })
        })
        .collect();
    let mut per_year: BTreeMap<&str, i64> = BTreeMap::new();
    for (year, _, amount) in spec.costs {
        *per_year.entry(year).or_default() += amount;
    }
    let mut resources = Vec::new();
    for (year, total) in per_year {
        let call = if year == "1" { spec.requested } else { 0 };
        if call > 0 {
            resources.push(json!({ "year": year, "source": "appel-ptce", "amount": call * 100, "status": "sollicite" }));
        }
        resources.push(json!({ "year": year, "source": "autofinancement", "amount": (total - call) * 100, "status": "acquis" }));
    }
    answers["budget"] = json!(budget);
    answers["resources"] = json!(resources);
    answers["amount_requested"] = json!(spec.requested * 100);
}

/// The five dossiers submitted, their decisions prepared (and released where the spec says);
/// their ids in the order of `SPECS`.
async fn dossiers(app: &TestApp, steering: &str) -> Vec<Uuid> {
    let mut ids = Vec::new();
    for spec in &SPECS {
        let (id, _) =
            submitted_with(app, spec.email, spec.name, spec.commune, |a| edit(spec, a)).await;
        if let Some((outcome, released)) = spec.decision {
            let fields = [("outcome", outcome), ("motivation", "Motivée.")];
            let path = format!("/gestion/dossiers/{id}/decision");
            let prepared = post(app, &path, &fields, steering).await;
            assert_eq!(prepared.status, StatusCode::SEE_OTHER, "{}", prepared.body);
            if released {
                let path = format!("/gestion/dossiers/{id}/decision/publication");
                let done = post(app, &path, &[], steering).await;
                assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
            }
        }
        ids.push(id);
    }
    ids
}

/// The specs the proposal counts: a decision retenu or retenu sous réserve.
fn counted() -> Vec<&'static Spec> {
    SPECS
        .iter()
        .filter(|s| {
            s.decision.is_some_and(|(o, _)| o == "selected" || o == "selected-with-conditions")
        })
        .collect()
}

/// Sums computed here from the answers: (requested per region, costs per category label).
fn expected(specs: &[&Spec]) -> (BTreeMap<String, i64>, BTreeMap<String, i64>) {
    let label = |category: &str| match category {
        "personnel" => "Personnel",
        "fonctionnement" => "Fonctionnement",
        "investissement" => "Investissement",
        "prestations" => "Prestations",
        other => panic!("{other}"),
    };
    let mut regions = BTreeMap::new();
    let mut categories = BTreeMap::new();
    for spec in specs {
        *regions.entry(spec.region.to_owned()).or_default() += spec.requested;
        for (_, category, amount) in spec.costs {
            *categories.entry(label(category).to_owned()).or_default() += amount;
        }
    }
    (regions, categories)
}

/// A table of a page as (first cell → the cell of `column`), the total row left out.
fn column(page: &crate::support::TestResponse, table: &str, at: usize) -> BTreeMap<String, String> {
    let html = page.html();
    let rows = scraper::Selector::parse(&format!("#{table} tbody tr")).expect("selector");
    let cells = scraper::Selector::parse("th, td").expect("selector");
    html.select(&rows)
        .map(|row| {
            let texts: Vec<String> = row
                .select(&cells)
                .map(|c| c.text().collect::<String>().trim().to_owned())
                .collect();
            (texts[0].clone(), texts[at].clone())
        })
        .collect()
}

fn formatted(map: &BTreeMap<String, i64>) -> BTreeMap<String, String> {
    map.iter().map(|(k, v)| (k.clone(), euros(*v).format_fr())).collect()
}

#[tokio::test]
async fn the_totals_per_category_and_per_region_are_the_sums_of_the_selected_dossiers_answers() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    dossiers(&app, &steering).await;
    let page = get(&app, "/gestion/proposition", &steering).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.texts("h1"), ["Proposition chiffrée"]);
    assert!(page.texts("#counted")[0].contains("qu’elle soit seulement préparée ou déjà publiée"));

    let (regions, categories) = expected(&counted());
    assert_eq!(
        regions,
        BTreeMap::from([("Midi-Pyrénées".to_owned(), 12_000), ("Rhône-Alpes".to_owned(), 65_000)])
    );
    // Region tables: label, dossiers, requested, costs.
    assert_eq!(column(&page, "par-region-2011", 2), formatted(&regions));
    assert_eq!(
        column(&page, "par-region-2011", 1),
        BTreeMap::from([("Midi-Pyrénées".into(), "1".into()), ("Rhône-Alpes".into(), "2".into())])
    );
    assert_eq!(
        column(&page, "par-region-actuelle", 2),
        BTreeMap::from([
            ("Auvergne-Rhône-Alpes".to_owned(), euros(65_000).format_fr()),
            ("Occitanie".to_owned(), euros(12_000).format_fr()),
        ])
    );
    assert_eq!(column(&page, "par-poste", 1), formatted(&categories));
    let total: i64 = categories.values().sum();
    assert_eq!(total, 147_500);
    assert_eq!(page.texts("#par-poste tfoot td"), [shown(total)]);
    assert_eq!(page.texts("#par-region-2011 tfoot td")[1], shown(77_000));
    // The dossiers listed are the counted ones, a prepared decision said so.
    assert_eq!(
        column(&page, "dossiers", 6).into_values().collect::<Vec<_>>(),
        ["Retenu", "Retenu sous réserve (préparée)", "Retenu (préparée)"]
    );
    assert_eq!(
        page.texts("#par-besoin tbody th"),
        ["Accompagnement"],
        "every dossier answered the same support need"
    );
    assert_eq!(page.texts("#par-besoin tbody td"), ["3"]);
}

#[tokio::test]
async fn the_envelope_is_refused_when_unreadable_and_the_balance_follows_it() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    dossiers(&app, &steering).await;
    let refused =
        post(&app, "/gestion/proposition/enveloppe", &[("enveloppe", "cent mille")], &steering)
            .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#enveloppe-error"),
        ["montant invalide : « c » n’est pas un chiffre"]
    );
    let refused =
        post(&app, "/gestion/proposition/enveloppe", &[("enveloppe", "-5")], &steering).await;
    assert_eq!(
        refused.texts("#enveloppe-error"),
        ["montant invalide : il ne peut pas être négatif"]
    );
    let saved =
        post(&app, "/gestion/proposition/enveloppe", &[("enveloppe", "70 000")], &steering).await;
    assert_eq!(saved.header("location"), "/gestion/proposition?fait=enveloppe");
    let page = get(&app, "/gestion/proposition?fait=enveloppe", &steering).await;
    assert_eq!(page.texts("#notice"), ["L’enveloppe est enregistrée."]);
    assert_eq!(page.texts("#enveloppe").len(), 1);
    // 77 000 € requested against 70 000 €.
    let summary = page.texts(".proposal-summary dd");
    assert_eq!(
        summary,
        ["3".to_owned(), shown(77_000), shown(70_000), format!("Dépassement de {}", shown(7_000))]
    );
}

/// A scenario's fields: name, then each kept dossier with its typed amount.
fn scenario_fields(name: &str, kept: &[(Uuid, &str)]) -> Vec<(String, String)> {
    let mut fields = vec![("nom".to_owned(), name.to_owned())];
    for (id, amount) in kept {
        fields.push(("inclus".to_owned(), id.to_string()));
        fields.push((format!("montant-{id}"), (*amount).to_owned()));
    }
    fields
}

#[tokio::test]
async fn an_amount_above_the_requested_one_is_refused_next_to_its_field_and_nothing_is_saved() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let ids = dossiers(&app, &steering).await;
    let form = get(&app, "/gestion/proposition/scenarios/nouveau", &steering).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(
        form.html()
            .select(&scraper::Selector::parse("input[name=inclus][checked]").expect("s"))
            .count(),
        3
    );
    let fields =
        scenario_fields("Sobre", &[(ids[0], "25 000,01"), (ids[1], "-3"), (ids[2], "douze mille")]);
    let refused = post_owned(&app, "/gestion/proposition/scenarios", &fields, &steering).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", refused.body);
    assert_eq!(
        refused.texts("#errors"),
        ["Le scénario n’est pas enregistré : corrigez les champs signalés."]
    );
    assert_eq!(
        refused.texts(&format!("#montant-{}-error", ids[0])),
        [format!(
            "montant refusé : il dépasse le montant demandé par le dossier ({})",
            shown(25_000)
        )]
    );
    assert_eq!(
        refused.texts(&format!("#montant-{}-error", ids[1])),
        ["montant invalide : il ne peut pas être négatif"]
    );
    assert_eq!(
        refused.texts(&format!("#montant-{}-error", ids[2])),
        ["montant invalide : « d » n’est pas un chiffre"]
    );
    // What was typed stays in the fields.
    let value = scraper::Selector::parse(&format!("#montant-{}", ids[0])).expect("selector");
    assert_eq!(
        refused.html().select(&value).next().and_then(|e| e.value().attr("value")),
        Some("25 000,01")
    );
    assert_eq!(
        app.db
            .db
            .proposal_scenarios(app.db.db.current_call().await.expect("read").expect("call").id)
            .await
            .expect("read")
            .len(),
        0
    );

    // An empty name is refused too; the same amounts within the requested ones are saved.
    let fields = scenario_fields("", &[(ids[0], "20 000")]);
    let refused = post_owned(&app, "/gestion/proposition/scenarios", &fields, &steering).await;
    assert_eq!(refused.texts("#nom-error"), ["donnez un nom au scénario"]);
    let fields = scenario_fields("Sobre", &[(ids[0], "20 000"), (ids[1], "")]);
    let saved = post_owned(&app, "/gestion/proposition/scenarios", &fields, &steering).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let location = saved.header("location").to_owned();
    assert!(location.ends_with("?fait=enregistre"), "{location}");
    let page = get(&app, &location, &steering).await;
    assert_eq!(page.texts("#notice"), ["Le scénario est enregistré."]);
    // Rhône-Alpes: 20 000 € + 40 000 € (empty: the amount requested); Midi-Pyrénées left out.
    assert_eq!(
        column(&page, "par-region-2011", 3),
        BTreeMap::from([("Rhône-Alpes".to_owned(), euros(60_000).format_fr())])
    );
    // The same name again is refused next to the name.
    let again = post_owned(&app, "/gestion/proposition/scenarios", &fields, &steering).await;
    assert_eq!(again.texts("#nom-error"), ["un autre scénario porte déjà ce nom"]);
    let home = get(&app, "/gestion/proposition", &steering).await;
    assert_eq!(home.texts("#comparison thead a"), ["Sobre"]);
}

#[tokio::test]
async fn a_scenario_exports_as_an_xlsx_libreoffice_opens_and_a_pdf_with_its_totals() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let ids = dossiers(&app, &steering).await;
    let name = "=SUM(1+1)";
    let fields = scenario_fields(name, &[(ids[0], "20000"), (ids[1], ""), (ids[2], "6 000")]);
    let saved = post_owned(&app, "/gestion/proposition/scenarios", &fields, &steering).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let page = saved.header("location").split('?').next().expect("path").to_owned();

    let xlsx = download(&app, &format!("{page}/proposition.xlsx"), &steering).await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert_eq!(
        xlsx.header("content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        xlsx.header("content-disposition"),
        "attachment; filename=\"proposition-sum-1-1.xlsx\""
    );
    let pdf = download(&app, &format!("{page}/proposition.pdf"), &steering).await;
    assert_eq!(pdf.status, StatusCode::OK);
    assert_eq!(pdf.header("content-type"), "application/pdf");

    // The PDF's text: the region totals granted (60 000 € and 6 000 €) and the categories'.
    let text = pdf_text(&pdf.body);
    let (_, categories) = expected(&counted());
    for needle in [
        "Proposition chiffrée — =SUM(1+1)".to_owned(),
        "Rhône-Alpes 2 65 000 € 60 000 € 125 500 €".to_owned(),
        "Midi-Pyrénées 1 12 000 € 6 000 € 22 000 €".to_owned(),
        format!("Personnel {}", plain(&euros(categories["Personnel"]).format_fr())),
        "Total 3 77 000 € 66 000 € 147 500 €".to_owned(),
    ] {
        assert!(text.contains(&needle), "{needle:?} in {text}");
    }

    let Some(converted) = libreoffice_csv(&[("xlsx", &xlsx.body)]) else { return };
    let rows = &converted[0].1;
    assert_eq!(rows[0][0], "Dossier");
    assert_eq!(rows[0][8], "Montant proposé");
    let line = |first: &str| {
        rows.iter().find(|r| r[0] == first).unwrap_or_else(|| panic!("{first} in {rows:?}"))
    };
    // Dossier lines: requested and granted as numbers of euros.
    let granted: Vec<(String, String)> =
        rows[1..4].iter().map(|r| (r[7].clone(), r[8].clone())).collect();
    assert_eq!(
        granted,
        [
            ("25000".into(), "20000".into()),
            ("40000".into(), "40000".into()),
            ("12000".into(), "6000".into())
        ]
    );
    // The name that looks like a formula is its text, not 2.
    assert_eq!(line("Scénario")[1], name);
    assert_eq!(line("Rhône-Alpes")[1..5], ["2", "65000", "60000", "125500"]);
    assert_eq!(line("Midi-Pyrénées")[1..5], ["1", "12000", "6000", "22000"]);
    let (_, categories) = expected(&counted());
    for (label, amount) in &categories {
        assert_eq!(line(label)[1], amount.to_string(), "{label}");
    }
}

/// The PDF's text, spaces of every kind made one plain space.
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("proposition.pdf");
    std::fs::write(&path, bytes).expect("write");
    let out = std::process::Command::new("pdftotext")
        .args(["-raw", "-enc", "UTF-8"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    plain(&String::from_utf8_lossy(&out.stdout))
}

fn plain(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn a_referent_may_not_see_or_change_the_proposal() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let ids = dossiers(&app, &steering).await;
    let fields = scenario_fields("Sobre", &[(ids[0], "")]);
    let saved = post_owned(&app, "/gestion/proposition/scenarios", &fields, &steering).await;
    let page = saved.header("location").split('?').next().expect("path").to_owned();
    let referent = staff(&app, "ref@coorace.fr", Role::Referent, Some("coorace")).await;
    for path in [
        "/gestion/proposition",
        "/gestion/proposition/scenarios/nouveau",
        &page,
        &format!("{page}/proposition.xlsx"),
        &format!("{page}/proposition.pdf"),
    ] {
        assert_eq!(get(&app, path, &referent).await.status, StatusCode::FORBIDDEN, "{path}");
    }
    let refused = post_owned(&app, "/gestion/proposition/scenarios", &fields, &referent).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let refused = post(&app, &format!("{page}/suppression"), &[], &referent).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let refused =
        post(&app, "/gestion/proposition/enveloppe", &[("enveloppe", "1")], &referent).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    // The steering group deletes it; the journal has every change.
    let deleted = post(&app, &format!("{page}/suppression"), &[], &steering).await;
    assert_eq!(deleted.header("location"), "/gestion/proposition?fait=supprime");
    assert_eq!(get(&app, &page, &steering).await.status, StatusCode::NOT_FOUND);
}
