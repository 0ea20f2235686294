//! The public directory and map of published poles: the 2011 and current regions both find a
//! pole of Romans-sur-Isère, a non-public answer never shows on any of their pages, unknown
//! filter values are said and ignored, pages of 20, and only the embeds may be framed.

use axum::http::StatusCode;
use ptce::db::poles::{NewVersion, VersionDecision};
use ptce::domain::call::CallDates;
use ptce::domain::pole::PoleContent;
use ptce::domain::role::Role;
use time::OffsetDateTime;

use crate::dossiers::start;
use crate::poles::selected;
use crate::support::{
    TestApp, TestDb, TestResponse, confirmed_candidate, post, session_for, staff,
};

/// The Romans-sur-Isère pole published with its description and sectors public only; its
/// dossier holds the private answer "TEXTE-PRIVE-BESOINS…", its members and contact are not
/// public.
async fn romans(app: &TestApp) {
    let steering = staff(app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, owner) = selected(app, &steering).await;
    let fields = [
        ("public", "description"),
        ("public", "sectors"),
        ("description", "Un pôle de la Drôme autour de la chaussure."),
        ("site", ""),
        ("contact_nom", "Accueil du pôle"),
        ("contact_courriel", "contact@archer.fr"),
    ];
    let proposed = post(app, &format!("/espace/dossiers/{id}/publication"), &fields, &owner).await;
    assert_eq!(proposed.status, StatusCode::SEE_OTHER, "{}", proposed.body);
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let pole = app.db.db.pole_lines(call.id).await.expect("poles")[0].id;
    let version = app.db.db.pole_versions(pole).await.expect("versions")[0].id;
    let path = format!("/gestion/poles/{pole}/versions/{version}");
    let published = post(app, &path, &[("decision", "publier"), ("note", "")], &steering).await;
    assert_eq!(published.header("location"), format!("/gestion/poles/{pole}?fait=publie"));
}

fn results(page: &TestResponse) -> Vec<String> {
    page.texts(".directory-result h2 a")
}

#[tokio::test]
async fn the_2011_region_rhone_alpes_and_the_current_auvergne_rhone_alpes_both_find_romans() {
    let app = TestApp::new().await;
    romans(&app).await;
    let rhone_alpes = app.get("/annuaire?region2011=82").await;
    assert_eq!(rhone_alpes.status, StatusCode::OK);
    assert_eq!(results(&rhone_alpes), ["Pôle Sud Archer"]);
    assert_eq!(rhone_alpes.texts("#nombre-poles"), ["1 pôle"]);
    assert_eq!(rhone_alpes.texts(".directory-result__place"), ["Romans-sur-Isère (26 — Drôme)"]);
    let links: Vec<String> = rhone_alpes
        .html()
        .select(&scraper::Selector::parse(".directory-result h2 a").expect("selector"))
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert_eq!(links, ["/poles/pole-sud-archer"]);
    assert_eq!(results(&app.get("/annuaire?region=84").await), ["Pôle Sud Archer"]);
    assert_eq!(
        results(&app.get("/annuaire?departement=26&q=chaussure").await),
        ["Pôle Sud Archer"]
    );
    // The dossier's communes of action are in the Tarn and the Aisne: Auvergne holds none.
    let elsewhere = app.get("/annuaire?region2011=83").await;
    assert!(results(&elsewhere).is_empty());
    assert_eq!(elsewhere.texts("#nombre-poles"), ["Aucun pôle"]);
    // The map lists the same poles with the point of their lead commune.
    let map = app.get("/carte?region2011=82").await;
    assert_eq!(map.status, StatusCode::OK);
    assert_eq!(map.texts("#liste-poles li a"), ["Pôle Sud Archer"]);
    let html = map.html();
    let item = html
        .select(&scraper::Selector::parse("#liste-poles li").expect("selector"))
        .next()
        .expect("an item");
    let lat: f64 = item.value().attr("data-lat").expect("lat").parse().expect("number");
    let lon: f64 = item.value().attr("data-lon").expect("lon").parse().expect("number");
    assert!((45.0..45.1).contains(&lat) && (5.0..5.1).contains(&lon), "{lat} {lon}");
    assert!(map.body.contains("data-outlines=\"/carte/regions-2011.geojson\""));
    assert!(app.get("/carte?region2011=83").await.texts("#liste-poles li").is_empty());
}

#[tokio::test]
async fn a_non_public_answer_never_appears_in_the_directory_the_map_or_the_embeds() {
    let app = TestApp::new().await;
    romans(&app).await;
    for path in [
        "/annuaire",
        "/annuaire?q=Archer",
        "/carte",
        "/embed/annuaire",
        "/embed/carte",
        "/annuaire/integrer",
    ] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.body.contains("1 pôle"), "{path} counts the pole");
        for private in
            ["TEXTE-PRIVE-BESOINS", "Groupe Archer", "contact@archer.fr", "73282932000074"]
        {
            assert!(!page.body.contains(private), "{private} leaked into {path}");
        }
    }
    // Nor is the pole found by searching a private answer's words.
    let searched = app.get("/annuaire?q=TEXTE-PRIVE-BESOINS").await;
    assert!(results(&searched).is_empty());
    assert!(app.get("/carte?q=Groupe").await.texts("#liste-poles li").is_empty());
}

#[tokio::test]
async fn unknown_filter_values_are_ignored_and_said_on_the_page() {
    let app = TestApp::new().await;
    romans(&app).await;
    let path = "/annuaire?secteur=peche&region=99&annee=deux-mille&parcours=&page=abc";
    let page = app.get(path).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.texts("#filtres-ignores li"),
        [
            "Filtre inconnu ignoré : Région (actuelle) « 99 »",
            "Filtre inconnu ignoré : Secteur d’activité « peche »",
            "Filtre inconnu ignoré : Année de sélection « deux-mille »",
            "Filtre inconnu ignoré : Page « abc »",
        ]
    );
    assert_eq!(results(&page), ["Pôle Sud Archer"]);
    for path in ["/carte?profil=%3Cb%3E", "/embed/carte?departement=999", "/embed/annuaire?q=de+la"]
    {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert_eq!(page.texts("#filtres-ignores li").len(), 1, "{path}");
    }
    let english = app.get_with("/annuaire?secteur=peche", &[("cookie", "lang=en")]).await;
    assert_eq!(
        english.texts("#filtres-ignores li"),
        ["Unknown filter ignored: Sector of activity “peche”"]
    );
}

#[tokio::test]
async fn only_the_embeds_may_be_framed_by_other_sites() {
    let app = TestApp::new().await;
    for path in ["/embed/carte", "/embed/annuaire?region=84"] {
        let page = app.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(page.header("content-security-policy").ends_with("frame-ancestors *"), "{path}");
        assert_eq!(page.header("x-frame-options"), "", "{path}");
        assert_eq!(page.texts(".embed__site a"), ["Voir sur le site de l’appel"]);
        assert!(page.texts(".site-header").is_empty(), "{path}: no site header");
    }
    for path in ["/annuaire", "/carte", "/annuaire/integrer", "/poles/inconnu", "/"] {
        let page = app.get(path).await;
        assert!(
            page.header("content-security-policy").ends_with("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(page.header("x-frame-options"), "DENY", "{path}");
    }
}

#[tokio::test]
async fn the_snippet_page_gives_iframes_of_the_embeds_with_the_current_filters() {
    let app = TestApp::new().await;
    let page = app.get("/annuaire/integrer?region2011=82&secteur=textile").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.texts("#code-carte"),
        ["<iframe src=\"http://127.0.0.1:8080/embed/carte?region2011=82&amp;secteur=textile\" \
          title=\"Carte des pôles\" width=\"100%\" height=\"600\" loading=\"lazy\"></iframe>"]
    );
    assert!(page.texts("#code-annuaire")[0].contains("/embed/annuaire?region2011=82&amp;"));
}

/// A server whose settings name a tile server.
async fn with_tiles() -> TestApp {
    let db = TestDb::new().await;
    let template = ptce::domain::call::CallTemplate::ptce_2011();
    db.db
        .install_call(&template, CallDates::Shifted, OffsetDateTime::now_utc())
        .await
        .expect("the 2011 call installs");
    TestApp::configured(db, ptce::web::router::routes(), |settings| {
        settings.map_tile_url = Some("https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png".into());
        settings.map_attribution = Some("© OpenStreetMap".into());
    })
}

#[tokio::test]
async fn the_tile_server_is_allowed_in_the_csp_only_when_one_is_set() {
    let app = TestApp::new().await;
    let map = app.get("/carte").await;
    assert!(map.header("content-security-policy").contains("img-src 'self' data:;"));
    assert!(map.body.contains("data-tiles=\"\""));
    let tiled = with_tiles().await;
    let map = tiled.get("/carte").await;
    assert!(
        map.header("content-security-policy")
            .contains("img-src 'self' data: https://*.tile.openstreetmap.org;"),
        "{}",
        map.header("content-security-policy")
    );
    assert!(map.header("content-security-policy").ends_with("frame-ancestors 'none'"));
    assert!(map.body.contains("data-tiles=\"https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png\""));
    let embed = tiled.get("/embed/carte").await;
    let csp = embed.header("content-security-policy");
    assert!(csp.contains("https://*.tile.openstreetmap.org") && csp.ends_with("frame-ancestors *"));
    // The directory shows no tiles: its CSP is the site's.
    assert!(tiled.get("/annuaire").await.header("content-security-policy").contains("data:;"));
}

#[tokio::test]
async fn the_region_outlines_are_served_for_the_map() {
    let app = TestApp::new().await;
    for (path, count) in [("/carte/regions.geojson", 18), ("/carte/regions-2011.geojson", 27)] {
        let outlines = app.get(path).await;
        assert_eq!(outlines.status, StatusCode::OK);
        assert_eq!(outlines.header("content-type"), "application/geo+json");
        let data: serde_json::Value = serde_json::from_str(&outlines.body).expect("JSON");
        assert_eq!(data["features"].as_array().map(Vec::len), Some(count), "{path}");
    }
}

/// Publishes a pole straight through the database (the publication pages are tested in
/// poles.rs): a dossier of its own, a version proposed and published.
async fn published(app: &TestApp, number: usize) {
    let email = format!("pole{number}@exemple.fr");
    let name = format!("Pôle numéro {number:02}");
    let user =
        confirmed_candidate(app, &email, "Camille Durand", &name, "mot de passe solide").await;
    let cookie = session_for(app, user).await;
    let dossier = start(app, &cookie).await;
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let content = PoleContent {
        name: name.clone(),
        track: "established".into(),
        year: 2011,
        lead_commune: "26281".into(),
        ..PoleContent::default()
    };
    let now = OffsetDateTime::now_utc();
    let slug = ptce::domain::pole::slug(&name);
    let new = NewVersion {
        call_id: call.id,
        dossier_id: dossier,
        slug: &slug,
        public_fields: "",
        content: &content,
        by: user,
        by_name: "Camille Durand",
        client: "test",
    };
    let pole = app.db.db.propose_pole_version(&new, now).await.expect("proposed");
    let version = app.db.db.pole_versions(pole).await.expect("versions")[0].id;
    let decision = VersionDecision {
        pole_id: pole,
        version_id: version,
        publish: true,
        note: None,
        by: user,
        by_name: "Camille Durand",
        client: "test",
    };
    assert!(app.db.db.decide_pole_version(&decision, now).await.expect("published"));
}

#[tokio::test]
async fn the_directory_shows_twenty_poles_a_page_with_links_keeping_the_filters() {
    let app = TestApp::new().await;
    for number in 1..=21 {
        published(&app, number).await;
    }
    let first = app.get("/annuaire?parcours=established").await;
    assert_eq!(first.texts("#nombre-poles"), ["21 pôles"]);
    assert_eq!(results(&first).len(), 20);
    assert_eq!(results(&first)[0], "Pôle numéro 01");
    assert_eq!(first.texts(".pager span"), ["Page 1 sur 2"]);
    let next = first
        .html()
        .select(&scraper::Selector::parse(".pager a[rel=next]").expect("selector"))
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect::<Vec<_>>();
    assert_eq!(next, ["/annuaire?parcours=established&page=2"]);
    let second = app.get(&next[0]).await;
    assert_eq!(results(&second), ["Pôle numéro 21"]);
    assert_eq!(second.texts(".pager span"), ["Page 2 sur 2"]);
    assert_eq!(second.texts(".pager a[rel=prev]"), ["Page précédente"]);
    // A page past the last shows the last one; the map shows them all.
    assert_eq!(results(&app.get("/annuaire?page=7").await), ["Pôle numéro 21"]);
    assert_eq!(app.get("/carte").await.texts("#liste-poles li").len(), 21);
}
