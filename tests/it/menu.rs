//! The back office's menu: on every /gestion page, the sections the person may open, and only
//! those; the menu's links are pages of the route table with the same access rule.

use axum::http::{Method, StatusCode};
use ptce::domain::role::Role;
use ptce::web::page::BACK_OFFICE_MENU;
use ptce::web::router::table;

use crate::dossiers::get;
use crate::support::{TestApp, staff};

#[test]
fn every_link_of_the_back_office_menu_is_a_page_with_the_same_access_rule() {
    let routes = table();
    for (href, _, access) in BACK_OFFICE_MENU {
        let route = routes
            .iter()
            .find(|r| r.method == Method::GET && r.path == href)
            .unwrap_or_else(|| panic!("no page at {href}"));
        assert_eq!(route.access, access, "{href}");
    }
}

#[tokio::test]
async fn a_referent_sees_the_sections_they_may_open_and_the_steering_group_sees_more() {
    let app = TestApp::new().await;
    let referent = staff(&app, "ref@coorace.fr", Role::Referent, Some("coorace")).await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let admin = staff(&app, "admin@ptce.fr", Role::Admin, None).await;

    let page = get(&app, "/gestion/dossiers", &referent).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts(".back-office-nav a"), ["Dossiers", "Évaluations", "Statistiques"]);
    assert_eq!(page.texts(".back-office-nav a[aria-current=\"page\"]"), ["Dossiers"]);

    let page = get(&app, "/gestion/appel/calendrier", &steering).await;
    assert_eq!(
        page.texts(".back-office-nav a"),
        [
            "Dossiers",
            "Évaluations",
            "Sélection",
            "Pôles",
            "Progrès",
            "Rencontres",
            "Soutiens",
            "Partenaires",
            "Proposition",
            "Statistiques",
            "Paramètres"
        ]
    );
    assert_eq!(page.texts(".back-office-nav a[aria-current=\"true\"]"), ["Paramètres"]);

    let page = get(&app, "/gestion?lang=en", &admin).await;
    let links = page.texts(".back-office-nav a");
    assert_eq!(links.len(), 13, "{links:?}");
    assert_eq!(links[12], "Audit log");
}

#[tokio::test]
async fn the_public_pages_have_no_back_office_menu_even_for_the_back_office() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let page = get(&app, "/appel", &steering).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.texts(".back-office-nav a").is_empty());
}

#[tokio::test]
async fn the_back_office_home_says_what_waits_for_each_person_with_a_link_to_it() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let referent = staff(&app, "ref@coorace.fr", Role::Referent, Some("coorace")).await;
    crate::exchanges::submitted(&app, "a@romans.fr", "Pôle Sud Archer", "26281").await;
    crate::exchanges::submitted(&app, "b@privas.fr", "Pôle Ardèche", "07186").await;

    let home = get(&app, "/gestion", &steering).await;
    assert_eq!(
        home.texts("#to-do li"),
        [
            "2 dossiers déposés attendent d’être pris en repérage",
            "2 dossiers n’ont pas encore de réseau référent"
        ]
    );
    let html = home.html();
    let links = scraper::Selector::parse("#to-do a").expect("selector");
    let hrefs: Vec<_> = html.select(&links).filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(hrefs, ["/gestion/dossiers?etat=submitted", "/gestion/dossiers?reseau=aucun"]);
    let listed = get(&app, hrefs[1], &steering).await;
    assert_eq!(listed.texts("#dossiers .title").len(), 2, "the link lists them");

    let home = get(&app, "/gestion", &referent).await;
    assert_eq!(home.texts("#to-do p"), ["Rien ne vous attend pour le moment."]);
}
