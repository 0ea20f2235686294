//! Promotion of the network: a published pole's one-page presentation (PDF) with its public
//! fields only, the network's, 404 for a pole not published; the call's partners managed by
//! the steering group only; a pole's own point on the map, refused outside France, live once
//! published (members) or at once (steering group), and used by the open data.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use ptce::domain::role::Role;
use serde_json::{Value, json};
use tower::ServiceExt;
use uuid::Uuid;

use crate::dossiers::get;
use crate::exchanges::submitted_with;
use crate::support::{TestApp, post, staff};

/// A selected dossier (decision released) named `name`, with `members` members and a private
/// answer; its id and its candidate's cookie.
async fn selected(
    app: &TestApp,
    steering: &str,
    email: &str,
    name: &str,
    members: usize,
) -> (Uuid, String) {
    let (id, cookie) = submitted_with(app, email, name, "26281", |a| {
        a["local_needs"] = json!("TEXTE-PRIVE-BESOINS emploi après les fermetures.");
        a["pole_website"] = json!("https://www.archer.fr");
        a["members"] = Value::Array(
            (1..=members)
                .map(|i| {
                    json!({ "name": format!("Structure membre {i}"), "category": "entreprise-ess",
                            "ess": true, "commune": "26281", "role": "membre-actif" })
                })
                .collect(),
        );
    })
    .await;
    let fields = [("outcome", "selected"), ("motivation", "Coopération exemplaire.")];
    let prepared = post(app, &format!("/gestion/dossiers/{id}/decision"), &fields, steering).await;
    assert_eq!(prepared.status, StatusCode::SEE_OTHER, "{}", prepared.body);
    let released =
        post(app, &format!("/gestion/dossiers/{id}/decision/publication"), &[], steering).await;
    assert_eq!(released.status, StatusCode::SEE_OTHER, "{}", released.body);
    (id, cookie)
}

/// Proposes the pole's page (members, sectors, description and contact public; the website
/// not) and, if `publish`, publishes it; the pole's id.
async fn proposed(app: &TestApp, id: Uuid, owner: &str, steering: &str, publish: bool) -> Uuid {
    let fields = [
        ("public", "description"),
        ("public", "members"),
        ("public", "sectors"),
        ("public", "contact"),
        ("description", "Un pôle de la Drôme né de la crise de la chaussure."),
        ("site", "www.archer.fr"),
        ("contact_nom", "Accueil du pôle"),
        ("contact_courriel", "contact@archer.fr"),
    ];
    let done = post(app, &format!("/espace/dossiers/{id}/publication"), &fields, owner).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let pole = app.db.db.pole_of_dossier(id).await.expect("read").expect("pole").id;
    if publish {
        publish_pending(app, pole, steering).await;
    }
    pole
}

async fn publish_pending(app: &TestApp, pole: Uuid, steering: &str) {
    let versions = app.db.db.pole_versions(pole).await.expect("versions");
    let version = versions.iter().find(|v| v.status == "pending").expect("pending").id;
    let decide = format!("/gestion/poles/{pole}/versions/{version}");
    let done = post(app, &decide, &[("decision", "publier")], steering).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
}

/// A GET whose body is kept as bytes: (status, content type, bytes).
async fn download(app: &TestApp, path: &str) -> (StatusCode, String, Vec<u8>) {
    let request = Request::get(path).body(Body::empty()).expect("request");
    let response = app.router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let kind = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let bytes = response.into_body().collect().await.expect("body").to_bytes().to_vec();
    (status, kind, bytes)
}

/// Runs a poppler tool on a PDF file and returns what it prints.
fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("fiche.pdf");
    std::fs::write(&path, pdf).expect("write");
    let mut command = std::process::Command::new(tool);
    command.args(args).arg(&path);
    if tool == "pdftotext" {
        command.arg("-");
    }
    let out = command.output().expect("poppler-utils runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pages(pdf: &[u8]) -> String {
    poppler("pdfinfo", &[], pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().to_owned())
        .unwrap_or_default()
}

/// The text of a PDF, its lines' spaces collapsed.
fn text(pdf: &[u8]) -> String {
    poppler("pdftotext", &["-raw", "-enc", "UTF-8"], pdf)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn a_poles_presentation_is_one_page_with_its_public_fields_and_no_private_answer() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, owner) = selected(&app, &steering, "a@romans.fr", "Pôle Sud Archer", 45).await;
    proposed(&app, id, &owner, &steering, true).await;

    let page = app.get("/poles/pole-sud-archer").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let link = page.html();
    let selector = scraper::Selector::parse("#pole-sheet-link").expect("selector");
    let href = link.select(&selector).next().and_then(|a| a.value().attr("href"));
    assert_eq!(href, Some("/poles/pole-sud-archer/fiche.pdf"));

    let (status, kind, pdf) = download(&app, "/poles/pole-sud-archer/fiche.pdf").await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/pdf"));
    assert_eq!(pages(&pdf), "1");
    let text = text(&pdf);
    for public in [
        "Pôle Sud Archer",
        "Un pôle de la Drôme né de la crise de la chaussure.",
        "Romans-sur-Isère (26 — Drôme)",
        "45 structures membres",
        "Structure membre 1",
        "contact@archer.fr",
        "Accueil du pôle",
        "/poles/pole-sud-archer",
    ] {
        assert!(text.contains(public), "{public:?} missing from:\n{text}");
    }
    let listed = (1..=45)
        .filter(|i| text.contains(&format!("Structure membre {i} Entreprise de l’ESS\n")))
        .count();
    assert!(listed < 45, "all 45 members listed on one page:\n{text}");
    assert!(text.contains(&format!("… et {} autres", 45 - listed)), "{text}");
    assert!(!text.contains("TEXTE-PRIVE-BESOINS"), "a private answer in:\n{text}");
    assert!(!text.contains("https://www.archer.fr"), "the website is not public:\n{text}");
}

#[tokio::test]
async fn a_pole_not_published_or_unknown_has_no_presentation() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, owner) = selected(&app, &steering, "a@romans.fr", "Pôle Sud Archer", 3).await;
    proposed(&app, id, &owner, &steering, false).await;
    assert_eq!(app.get("/poles/pole-sud-archer/fiche.pdf").await.status, StatusCode::NOT_FOUND);
    assert_eq!(app.get("/poles/inconnu/fiche.pdf").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_networks_presentation_lists_the_published_poles_only_on_one_page() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (one, owner) = selected(&app, &steering, "a@romans.fr", "Pôle Sud Archer", 3).await;
    proposed(&app, one, &owner, &steering, true).await;
    let (two, owner) = selected(&app, &steering, "b@romans.fr", "Pôle Caché", 3).await;
    proposed(&app, two, &owner, &steering, false).await;

    let (status, kind, pdf) = download(&app, "/annuaire/reseau.pdf").await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/pdf"));
    assert_eq!(pages(&pdf), "1");
    let text = text(&pdf);
    assert!(text.contains("Pôle Sud Archer"), "{text}");
    assert!(text.contains("Auvergne-Rhône-Alpes"), "{text}");
    assert!(!text.contains("Pôle Caché"), "an unpublished pole in:\n{text}");
    assert!(!text.contains("TEXTE-PRIVE-BESOINS"), "{text}");
}

#[tokio::test]
async fn the_partners_page_lists_what_the_steering_group_added_and_a_referent_cannot_add() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let referent = staff(&app, "ref@rtes.fr", Role::Referent, Some("rtes")).await;
    let partner = [
        ("nom", "Caisse des Dépôts"),
        ("type", "etablissement-public"),
        ("site", "www.caissedesdepots.fr"),
        ("description", "Accompagne le développement des territoires."),
    ];
    let refused = post(&app, "/gestion/partenaires", &partner, &referent).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let bad = [("nom", " "), ("type", "etat"), ("site", "pas une adresse"), ("description", "")];
    let shown = post(&app, "/gestion/partenaires", &bad, &steering).await;
    assert_eq!(shown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        shown.texts(".field__error"),
        [
            "Indiquez le nom du partenaire.",
            "Indiquez une adresse web, par exemple www.partenaire.fr, ou laissez vide."
        ]
    );

    let added = post(&app, "/gestion/partenaires", &partner, &steering).await;
    assert_eq!(added.header("location"), "/gestion/partenaires?fait=ajoute");
    let public = app.get("/partenaires").await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(
        public.texts("#partners-etablissement-public .partner__name"),
        ["Caisse des Dépôts"]
    );
    assert_eq!(
        public.texts("#partners-etablissement-public a"),
        ["https://www.caissedesdepots.fr/"]
    );
    assert_eq!(public.texts("#networks .partner__name").len(), 5);
    assert!(app.get("/").await.body.contains(r#"<a href="/partenaires">Partenaires</a>"#));

    let call = app.db.db.current_call().await.expect("read").expect("call");
    let id = app.db.db.partners(call.id).await.expect("partners")[0].id;
    let renamed = [("nom", "DATAR"), ("type", "etat"), ("site", ""), ("description", "")];
    let changed = post(&app, &format!("/gestion/partenaires/{id}"), &renamed, &steering).await;
    assert_eq!(changed.header("location"), "/gestion/partenaires?fait=modifie");
    assert_eq!(app.get("/partenaires").await.texts("#partners-etat .partner__name"), ["DATAR"]);
    let removed =
        post(&app, &format!("/gestion/partenaires/{id}/suppression"), &[], &steering).await;
    assert_eq!(removed.header("location"), "/gestion/partenaires?fait=retire");
    assert_eq!(
        app.get("/partenaires").await.texts("#no-partners"),
        ["Aucun partenaire institutionnel n’est encore annoncé."]
    );
}

/// The geojson's point of the pole named `name`: [longitude, latitude].
async fn geojson_point(app: &TestApp, name: &str) -> Value {
    let body: Value =
        serde_json::from_str(&app.get("/donnees/poles.geojson").await.body).expect("geojson");
    let features = body["features"].as_array().cloned().unwrap_or_default();
    let feature = features.iter().find(|f| f["properties"]["name"] == name).expect("the pole");
    feature["geometry"]["coordinates"].clone()
}

#[tokio::test]
async fn a_point_outside_france_is_refused_and_a_point_in_france_reaches_the_open_data() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, owner) = selected(&app, &steering, "a@romans.fr", "Pôle Sud Archer", 3).await;
    let pole = proposed(&app, id, &owner, &steering, true).await;
    let commune = geojson_point(&app, "Pôle Sud Archer").await;
    assert_eq!(commune, json!([5.05232, 45.04421]));

    let path = format!("/espace/dossiers/{id}/publication/point");
    let madrid = [("action", "placer"), ("latitude", "40,4168"), ("longitude", "-3,7038")];
    let refused = post(&app, &path, &madrid, &owner).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#latitude-error"),
        ["Ce point n’est pas en France (métropole, Corse ou départements d’outre-mer) : vérifiez \
          la latitude et la longitude, et qu’elles ne sont pas inversées."]
    );
    let stranger = staff(&app, "ref@rtes.fr", Role::Referent, Some("rtes")).await;
    assert_eq!(post(&app, &path, &madrid, &stranger).await.status, StatusCode::NOT_FOUND);

    // A member's point waits for the steering group, like any change of the public page.
    let valence = [("action", "placer"), ("latitude", "44,9333"), ("longitude", "4,8920")];
    let done = post(&app, &path, &valence, &owner).await;
    assert_eq!(done.header("location"), format!("{path}?fait=propose"));
    assert_eq!(geojson_point(&app, "Pôle Sud Archer").await, commune);
    publish_pending(&app, pole, &steering).await;
    assert_eq!(geojson_point(&app, "Pôle Sud Archer").await, json!([4.892, 44.9333]));

    // A later change of the page keeps the point.
    proposed(&app, id, &owner, &steering, true).await;
    assert_eq!(geojson_point(&app, "Pôle Sud Archer").await, json!([4.892, 44.9333]));

    // The steering group places the pole at once, and can put it back at its commune.
    let bo = format!("/gestion/poles/{pole}/point");
    let page = get(&app, &bo, &steering).await;
    assert_eq!(page.texts("#point-current"), ["44.9333, 4.892"]);
    let cayenne = [("action", "placer"), ("latitude", "4.9372"), ("longitude", "-52.326")];
    assert_eq!(
        post(&app, &bo, &cayenne, &steering).await.header("location"),
        format!("{bo}?fait=place")
    );
    assert_eq!(geojson_point(&app, "Pôle Sud Archer").await, json!([-52.326, 4.9372]));
    let cleared = post(&app, &bo, &[("action", "effacer")], &steering).await;
    assert_eq!(cleared.status, StatusCode::SEE_OTHER);
    assert_eq!(geojson_point(&app, "Pôle Sud Archer").await, commune);
}
