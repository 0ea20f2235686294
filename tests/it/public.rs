//! The public pages of the call, as a visitor reads them.

use axum::http::StatusCode;
use ptce::domain::call::{CallDates, CallTemplate};

use crate::support::TestApp;

const TITLE_FR: &str = "Valoriser et développer les Pôles Territoriaux de Coopération Economique";

#[tokio::test]
async fn the_home_page_shows_the_call_title_in_french_by_default() {
    let app = TestApp::new().await;
    let page = app.get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.header("content-type"), "text/html; charset=utf-8");
    assert_eq!(page.texts("h1"), [TITLE_FR]);
    assert!(page.body.starts_with("<!doctype html>\n<html lang=\"fr\">"));
}

#[tokio::test]
async fn the_home_page_says_the_application_window_is_open_and_how_long_is_left() {
    let app = TestApp::new().await;
    let status = app.get("/").await.texts(".status__line");
    assert_eq!(status.len(), 3, "{status:?}");
    assert!(status[0].starts_with("Phase en cours : Remontée des candidatures"), "{}", status[0]);
    assert!(status[1].starts_with("Date limite de dépôt : "), "{}", status[1]);
    assert!(status[1].ends_with("à 23 h 59 (heure de Paris)."), "{}", status[1]);
    // Opened today for 31 days: at least 30 whole days are left.
    assert!(status[2].starts_with("Il reste 30 jours et "), "{}", status[2]);
}

#[tokio::test]
async fn the_home_page_offers_the_three_ways_to_respond() {
    let app = TestApp::new().await;
    let cards = app.get("/").await.texts(".card__title");
    assert_eq!(
        cards,
        [
            "PTCE opérationnel — candidature aux dix premiers PTCE",
            "Initiative en projet ou en construction — accompagnement",
            "Manifestation d’intérêt ou de soutien",
        ]
    );
    let quotas = app.get("/").await.texts(".card__meta");
    assert_eq!(
        quotas,
        [
            "Environ 10 seront retenus.",
            "Environ 20 seront retenus.",
            "Sans limite de nombre, sans compte à créer."
        ]
    );
}

#[tokio::test]
async fn with_the_original_2011_dates_the_home_page_says_applications_closed() {
    let app = TestApp::with_dates(CallDates::Original).await;
    let status = app.get("/").await.texts(".status__line");
    assert_eq!(
        status,
        [
            "Toutes les phases de cet appel sont terminées.",
            "Le dépôt des candidatures est clos depuis le 30 novembre 2011 à 23 h 59 (heure de Paris).",
        ]
    );
}

#[tokio::test]
async fn the_call_page_shows_every_section_of_the_seed_in_order() {
    let app = TestApp::new().await;
    let page = app.get("/appel").await;
    assert_eq!(page.status, StatusCode::OK);
    let template = CallTemplate::ptce_2011();
    let mut expected: Vec<String> = template.sections.iter().map(|s| s.title.fr.clone()).collect();
    expected.push("Contacts des référents de l’appel".into());
    assert_eq!(page.texts(".call__section > h2"), expected);
    assert!(page.body.contains("Forme la plus structurée et novatrice des coopérations"));
}

#[tokio::test]
async fn the_call_page_in_english_shows_the_english_text() {
    let app = TestApp::new().await;
    let page = app.get("/appel?lang=en").await;
    assert!(page.body.starts_with("<!doctype html>\n<html lang=\"en\">"));
    let template = CallTemplate::ptce_2011();
    assert_eq!(page.texts("h1"), [template.title.en.as_str()]);
    let titles: Vec<String> = template.sections.iter().map(|s| s.title.en.clone()).collect();
    assert_eq!(page.texts(".call__section > h2")[..8], titles[..]);
    assert_eq!(page.texts(".call__section > h2")[8], "Referents of the call");
}

#[tokio::test]
async fn the_calendar_shows_the_five_phases_with_the_application_window_current() {
    let app = TestApp::new().await;
    let page = app.get("/calendrier").await;
    let names = page.texts("[data-phase] .phase__name");
    assert_eq!(names.len(), 5);
    assert_eq!(
        page.texts("[data-phase][aria-current=step] .phase__name"),
        ["Remontée des candidatures et des manifestations d’intérêt (En cours)"]
    );
    assert_eq!(page.texts(".phase--past").len(), 1, "the launch was yesterday");
    assert_eq!(page.texts(".phase--upcoming").len(), 3);
    assert_eq!(page.texts(".badge"), ["Date à confirmer"]);
}

#[tokio::test]
async fn the_original_calendar_shows_the_2011_dates() {
    let app = TestApp::with_dates(CallDates::Original).await;
    let page = app.get("/calendrier").await;
    assert_eq!(
        page.texts(".phase__when"),
        [
            "30 octobre 2011",
            "du 31 octobre au 30 novembre 2011",
            "du 1er au 15 décembre 2011",
            "du 16 décembre 2011 au 15 janvier 2012",
            "15 février 2012 Date à confirmer",
        ]
    );
    assert_eq!(page.texts("[aria-current=step]").len(), 0);
    let english = app.get("/calendrier?lang=en").await;
    assert_eq!(
        english.texts(".phase__deadline"),
        ["Deadline for applications: 30 November 2011 at 23:59."]
    );
}

#[tokio::test]
async fn the_contacts_page_lists_the_five_networks_and_their_referents() {
    let app = TestApp::new().await;
    let page = app.get("/contacts").await;
    assert_eq!(
        page.texts(".card dd"),
        [
            "Laurent Fraisse",
            "laurent@lelabo-ess.org",
            "Anne-Claire Pignal",
            "anneclaire.pignal@coorace.org",
            "Anne-Laure Federici",
            "alfederici@rtes.fr",
            "Michel Adam",
            "michel-adam@orange.fr",
            "Gregory Huchon",
            "ghuchon@cres-bretagne.org",
        ]
    );
    let ids: Vec<String> = page
        .html()
        .select(&scraper::Selector::parse(".card").expect("selector"))
        .map(|e| e.value().attr("id").unwrap_or_default().to_owned())
        .collect();
    assert_eq!(ids, ["labo-ess", "coorace", "rtes", "iris", "cncres"]);
}

#[tokio::test]
async fn choosing_english_is_remembered_by_a_cookie() {
    let app = TestApp::new().await;
    let chosen = app.get("/contacts?lang=en").await;
    assert_eq!(chosen.header("set-cookie"), "lang=en; Path=/; Max-Age=31536000; SameSite=Lax");
    assert_eq!(chosen.texts("h1"), ["Referents"]);
    let next = app.get_with("/calendrier", &[("cookie", "lang=en")]).await;
    assert_eq!(next.texts("h1"), ["Calendar of the call"]);
    assert_eq!(next.header("set-cookie"), "", "nothing to remember without ?lang");
}

#[tokio::test]
async fn the_browser_language_is_followed_when_nothing_was_chosen() {
    let app = TestApp::new().await;
    let english = app.get_with("/calendrier", &[("accept-language", "en-GB,en;q=0.9")]).await;
    assert_eq!(english.texts("h1"), ["Calendar of the call"]);
    let german = app.get_with("/calendrier", &[("accept-language", "de-DE")]).await;
    assert_eq!(german.texts("h1"), ["Calendrier de l’appel"]);
    let chosen =
        app.get_with("/calendrier", &[("accept-language", "en"), ("cookie", "lang=fr")]).await;
    assert_eq!(chosen.texts("h1"), ["Calendrier de l’appel"], "a choice beats the browser");
}

#[tokio::test]
async fn the_language_switch_is_a_plain_link_to_the_same_page() {
    let app = TestApp::new().await;
    let page = app.get("/appel").await;
    let selector = scraper::Selector::parse(".lang-switch a").expect("selector");
    let html = page.html();
    let link = html.select(&selector).next().expect("a language switch");
    assert_eq!(link.value().attr("href"), Some("/appel?lang=en"));
    assert_eq!(link.value().attr("hreflang"), Some("en"));
    assert_eq!(link.text().collect::<String>(), "English");
}

#[tokio::test]
async fn the_legal_pages_exist_in_both_languages() {
    let app = TestApp::new().await;
    for (path, fr, en) in [
        ("/confidentialite", "Données personnelles", "Personal data"),
        ("/accessibilite", "Déclaration d’accessibilité", "Accessibility statement"),
    ] {
        assert_eq!(app.get(path).await.texts("h1"), [fr]);
        assert_eq!(app.get(&format!("{path}?lang=en")).await.texts("h1"), [en]);
    }
}
