//! The statistics page and the reminder of drafts: counts equal to the dossiers made (by track
//! and state, network, region of 2011 and current, department, day), a referent sees only their
//! network's, the reminder goes once to each author of drafts (never to someone who opted out or
//! whose account is erased), and a second one within 24 hours is confirmed first.

use axum::http::StatusCode;
use ptce::db::Db;
use ptce::domain::call::CallTemplate;
use ptce::domain::lang::Lang;
use ptce::domain::role::Role;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::dossiers::{get, start};
use crate::exchanges::{add_rule, submitted};
use crate::support::{TestApp, TestResponse, confirmed_candidate, post, session_for, staff};

/// A confirmed candidate with an organisation, logged in: its id and session cookie.
async fn author(app: &TestApp, email: &str) -> (Uuid, String) {
    let id =
        confirmed_candidate(app, email, "Camille Martin", email, "nos coopérations durables").await;
    (id, session_for(app, id).await)
}

/// Starts a dossier of a track.
async fn start_track(app: &TestApp, cookie: &str, track: &str) {
    let started = post(app, "/espace/dossiers", &[("parcours", track)], cookie).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
}

async fn scalar(db: &Db, sql: &'static str, bind: &str) -> i64 {
    match db {
        Db::Sqlite(pool, _) => sqlx::query_scalar(sql).bind(bind).fetch_one(pool).await,
        Db::Postgres(pool) => sqlx::query_scalar(sql).bind(bind).fetch_one(pool).await,
    }
    .expect("count")
}

async fn reminders_to(db: &Db, to: &str) -> i64 {
    scalar(db, "SELECT COUNT(*) FROM outbox WHERE kind = 'draft-reminder' AND to_address = $1", to)
        .await
}

async fn reminder_bodies(db: &Db, to: &str) -> Vec<(String, String)> {
    let sql = "SELECT subject, body_text FROM outbox WHERE kind = 'draft-reminder' \
               AND to_address = $1 ORDER BY created_at, id";
    match db {
        Db::Sqlite(pool, _) => sqlx::query_as(sql).bind(to).fetch_all(pool).await,
        Db::Postgres(pool) => sqlx::query_as(sql).bind(to).fetch_all(pool).await,
    }
    .expect("outbox")
}

async fn set_english(db: &Db, email: &str) {
    let sql = "UPDATE users SET lang = 'en' WHERE email = $1";
    match db {
        Db::Sqlite(pool, _) => sqlx::query(sql).bind(email).execute(pool).await.map(|_| ()),
        Db::Postgres(pool) => sqlx::query(sql).bind(email).execute(pool).await.map(|_| ()),
    }
    .expect("lang");
}

fn network_name(slug: &str) -> String {
    let call = CallTemplate::ptce_2011();
    let network = call.networks.iter().find(|n| n.slug == slug).expect("network");
    network.name.get(Lang::Fr).to_owned()
}

fn track_name(slug: &str) -> String {
    let call = CallTemplate::ptce_2011();
    call.tracks.iter().find(|t| t.slug == slug).expect("track").name.get(Lang::Fr).to_owned()
}

/// The rows of a table part, each as its cells' texts joined by spaces: "Déposé 3 0 3".
fn rows(page: &TestResponse, selector: &str) -> Vec<String> {
    let html = page.html();
    let rows = scraper::Selector::parse(selector).expect("selector");
    let cells = scraper::Selector::parse("th, td").expect("selector");
    html.select(&rows)
        .map(|row| {
            let texts: Vec<String> = row
                .select(&cells)
                .map(|c| {
                    c.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
                })
                .collect();
            texts.join(" ")
        })
        .collect()
}

/// The opening tag of a department's shape in a page's map.
fn shape_of<'a>(body: &'a str, department: &str) -> &'a str {
    let marker = format!("data-department=\"{department}\"");
    let at = body.find(&marker).expect("the department is drawn");
    let start = body[..at].rfind('<').expect("tag start");
    &body[start..at + body[at..].find('>').expect("tag end")]
}

#[tokio::test]
async fn the_statistics_count_exactly_the_dossiers_made_by_track_state_region_and_day() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    add_rule(&app, &steering, "department", "81", "rtes").await;
    submitted(&app, "a@romans.fr", "Pôle Sud Archer", "26281").await;
    submitted(&app, "b@romans.fr", "Pôle Romans", "26281").await;
    submitted(&app, "c@castres.fr", "Pôle Tarn", "81065").await;
    let (_, drafter) = author(&app, "d@brouillon.fr").await;
    start_track(&app, &drafter, "established").await;
    start_track(&app, &drafter, "emerging").await;

    let page = get(&app, "/gestion/statistiques", &steering).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.texts("#summary"), ["3 dossiers déposés, 2 brouillons non déposés."]);
    assert_eq!(
        page.texts("#by-track-state thead th"),
        ["État".to_owned(), track_name("established"), track_name("emerging"), "Total".to_owned()]
    );
    assert_eq!(rows(&page, "#by-track-state tbody tr"), ["Brouillon 1 1 2", "Déposé 3 0 3"]);
    assert_eq!(rows(&page, "#by-track-state tfoot tr"), ["Total 4 1 5"]);
    assert_eq!(
        rows(&page, "#by-network tbody tr"),
        [format!("{} 1", network_name("rtes")), "Sans réseau attribué 2".to_owned()]
    );
    assert_eq!(rows(&page, "#by-region-2011 tbody tr"), ["Rhône-Alpes 2", "Midi-Pyrénées 1"]);
    assert_eq!(
        rows(&page, "#by-region-current tbody tr"),
        ["Auvergne-Rhône-Alpes 2", "Occitanie 1"]
    );
    assert_eq!(rows(&page, "#by-department tbody tr"), ["26 — Drôme 2", "81 — Tarn 1"]);
    let today = ptce::i18n::date(Lang::Fr, ptce::domain::paris::date_of(OffsetDateTime::now_utc()));
    assert_eq!(rows(&page, "#per-day tbody tr"), [format!("{today} 3")]);
    assert_eq!(
        rows(&page, "#drafts tbody tr"),
        [format!("{} 1", track_name("established")), format!("{} 1", track_name("emerging"))]
    );
    // The map, by region of 2011 by default: Drôme takes the darkest teal (Rhône-Alpes has the
    // most), the Tarn the second class of two, the Puy-de-Dôme (Auvergne in 2011) none.
    assert!(shape_of(&page.body, "26").contains("fill=\"#0b5d53\""));
    assert!(shape_of(&page.body, "81").contains("fill=\"#237f71\""));
    assert!(shape_of(&page.body, "63").contains("fill=\"#f0f0ee\""));
    assert!(page.body.contains("<title>Rhône-Alpes : 2 dossiers</title>"));
    assert!(page.body.contains(
        "aria-label=\"Dossiers déposés par région de 2011 (carte). Rhône-Alpes : 2 dossiers, \
         Midi-Pyrénées : 1 dossier. Ailleurs : aucun.\""
    ));
    // Current regions: the Puy-de-Dôme is in Auvergne-Rhône-Alpes with the Drôme.
    let current = get(&app, "/gestion/statistiques?carte=actuelles", &steering).await;
    assert!(shape_of(&current.body, "63").contains("fill=\"#0b5d53\""));
    assert!(current.body.contains("<title>Auvergne-Rhône-Alpes : 2 dossiers</title>"));
    assert_eq!(
        current.texts(".map nav a[aria-current=\"page\"]"),
        ["Régions actuelles"],
        "the switch says which map is shown"
    );
}

#[tokio::test]
async fn a_referent_sees_only_the_numbers_of_their_network() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    add_rule(&app, &steering, "department", "81", "rtes").await;
    submitted(&app, "a@romans.fr", "Pôle Sud Archer", "26281").await;
    submitted(&app, "c@castres.fr", "Pôle Tarn", "81065").await;
    let (_, drafter) = author(&app, "d@brouillon.fr").await;
    start_track(&app, &drafter, "established").await;
    let referent = staff(&app, "ref@rtes.fr", Role::Referent, Some("rtes")).await;

    let page = get(&app, "/gestion/statistiques", &referent).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.texts("#scope"),
        [format!("Chiffres des dossiers de votre réseau : {}.", network_name("rtes"))]
    );
    assert_eq!(page.texts("#summary"), ["1 dossier déposé, 0 brouillon non déposé."]);
    assert_eq!(rows(&page, "#by-track-state tbody tr"), ["Déposé 1 1"]);
    assert_eq!(rows(&page, "#by-network tbody tr"), [format!("{} 1", network_name("rtes"))]);
    assert_eq!(rows(&page, "#by-region-2011 tbody tr"), ["Midi-Pyrénées 1"]);
    assert_eq!(rows(&page, "#by-department tbody tr"), ["81 — Tarn 1"]);
    assert!(shape_of(&page.body, "26").contains("fill=\"#f0f0ee\""));
    assert!(page.texts("#drafts").is_empty());
    assert!(!page.body.contains("/gestion/statistiques/relance"), "no reminder for referents");
    let refused = post(&app, "/gestion/statistiques/relance", &[("confirme", "oui")], &referent);
    assert_eq!(refused.await.status, StatusCode::FORBIDDEN);

    // A reviewer without a network sees no number at all.
    let reviewer = staff(&app, "eval@ptce.fr", Role::Reviewer, None).await;
    let page = get(&app, "/gestion/statistiques", &reviewer).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("#not-allowed").len(), 1);
    assert!(page.texts("#by-track-state").is_empty());
    let home = get(&app, "/gestion", &referent).await;
    assert_eq!(home.texts("main a[href=\"/gestion/statistiques\"]"), ["Statistiques de l’appel"]);
    let home = get(&app, "/gestion", &reviewer).await;
    assert!(home.texts("main a[href=\"/gestion/statistiques\"]").is_empty());
}

#[tokio::test]
async fn the_reminder_goes_once_to_each_author_of_drafts_and_a_second_within_a_day_is_confirmed() {
    let app = TestApp::new().await;
    let db = &app.db.db;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    // Two drafts, one person; one draft in English; only a submitted dossier; a draft of someone
    // who opted out; a draft whose author erased their account.
    let (_, two) = author(&app, "deux@brouillons.fr").await;
    start(&app, &two).await;
    start_track(&app, &two, "emerging").await;
    let (_, one) = author(&app, "one@draft.uk").await;
    start(&app, &one).await;
    set_english(db, "one@draft.uk").await;
    submitted(&app, "depose@seulement.fr", "Pôle Déposé", "26281").await;
    let (_, declined) = author(&app, "non@merci.fr").await;
    start(&app, &declined).await;
    let stop = post(&app, "/espace/relances", &[("relances", "non")], &declined).await;
    assert_eq!(stop.header("location"), "/espace/relances?fait=arret");
    let shown = get(&app, "/espace/relances", &declined).await;
    assert!(shown.texts("#reminders-state")[0].starts_with("Vous ne recevez plus ces rappels"));
    let (erased, erased_cookie) = author(&app, "efface@compte.fr").await;
    start(&app, &erased_cookie).await;
    db.erase_account(erased, "127.0.0.1", OffsetDateTime::now_utc()).await.expect("erased");

    let confirm = get(&app, "/gestion/statistiques/relance", &steering).await;
    assert_eq!(confirm.status, StatusCode::OK, "{}", confirm.body);
    assert_eq!(confirm.texts("#count"), ["2 personnes recevront ce rappel, pour 3 brouillons."]);
    assert!(confirm.texts("#recent").is_empty());

    let sent = post(
        &app,
        "/gestion/statistiques/relance",
        &[("confirme", "oui"), ("deja", "")],
        &steering,
    )
    .await;
    assert_eq!(sent.header("location"), "/gestion/statistiques?fait=relance&n=2", "{}", sent.body);
    assert_eq!(reminders_to(db, "deux@brouillons.fr").await, 1);
    assert_eq!(reminders_to(db, "one@draft.uk").await, 1);
    assert_eq!(reminders_to(db, "depose@seulement.fr").await, 0);
    assert_eq!(reminders_to(db, "non@merci.fr").await, 0);
    assert_eq!(reminders_to(db, "efface@compte.fr").await, 0);
    let (subject, body) = &reminder_bodies(db, "deux@brouillons.fr").await[0];
    assert_eq!(subject, "Rappel : votre candidature PTCE n’est pas encore déposée");
    assert_eq!(body.matches("\n- ").count(), 2, "both drafts listed: {body}");
    assert!(body.contains("/espace/relances"), "{body}");
    let (subject, _) = &reminder_bodies(db, "one@draft.uk").await[0];
    assert_eq!(subject, "Reminder: your PTCE application is not submitted yet");
    let audited = "SELECT COUNT(*) FROM audit_log WHERE event = $1";
    assert_eq!(scalar(db, audited, "reminders.sent").await, 1);
    let page = get(&app, "/gestion/statistiques?fait=relance&n=2", &steering).await;
    assert_eq!(page.texts("#notice"), ["Rappel envoyé à 2 personnes."]);
    assert_eq!(page.texts("#last-reminder").len(), 1);

    // A second click within 24 hours: nothing goes, the page says when the last one went.
    let again = post(
        &app,
        "/gestion/statistiques/relance",
        &[("confirme", "oui"), ("deja", "")],
        &steering,
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let recent = again.texts("#recent");
    assert_eq!(recent.len(), 1);
    assert!(
        recent[0].starts_with("Un rappel a déjà été envoyé il y a moins de 24 heures : le "),
        "{recent:?}"
    );
    assert!(recent[0].contains("à 2 personnes."), "{recent:?}");
    assert_eq!(reminders_to(db, "deux@brouillons.fr").await, 1);
    let html = again.html();
    let selector = scraper::Selector::parse("input[name=\"deja\"]").expect("selector");
    let stamp = html.select(&selector).next().and_then(|e| e.value().attr("value")).expect("stamp");
    assert!(!stamp.is_empty());
    let stamp = stamp.to_owned();
    let confirmed = post(
        &app,
        "/gestion/statistiques/relance",
        &[("confirme", "oui"), ("deja", &stamp)],
        &steering,
    )
    .await;
    assert_eq!(confirmed.header("location"), "/gestion/statistiques?fait=relance&n=2");
    assert_eq!(reminders_to(db, "deux@brouillons.fr").await, 2);
    assert_eq!(reminders_to(db, "one@draft.uk").await, 2);
    assert_eq!(scalar(db, audited, "reminders.sent").await, 2);

    // Opting in again brings the person back.
    let resume = post(&app, "/espace/relances", &[("relances", "oui")], &declined).await;
    assert_eq!(resume.header("location"), "/espace/relances?fait=reprise");
    let confirm = get(&app, "/gestion/statistiques/relance", &steering).await;
    assert_eq!(confirm.texts("#count"), ["3 personnes recevront ce rappel, pour 4 brouillons."]);
}

#[tokio::test]
async fn the_selection_board_maps_the_prepared_selection_by_region_of_2011_or_current() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (drome, _) = submitted(&app, "a@drome.fr", "Pôle Drôme", "26281").await;
    submitted(&app, "c@tarn.fr", "Pôle Tarn", "81065").await;
    let prepared = post(
        &app,
        &format!("/gestion/dossiers/{drome}/decision"),
        &[("outcome", "selected"), ("motivation", "Coopération exemplaire.")],
        &steering,
    )
    .await;
    assert_eq!(prepared.status, StatusCode::SEE_OTHER, "{}", prepared.body);

    let board = get(&app, "/gestion/selection?parcours=established", &steering).await;
    assert_eq!(board.status, StatusCode::OK);
    assert!(shape_of(&board.body, "26").contains("fill=\"#0b5d53\""));
    assert!(shape_of(&board.body, "07").contains("fill=\"#0b5d53\""), "Ardèche: Rhône-Alpes");
    assert!(shape_of(&board.body, "63").contains("fill=\"#f0f0ee\""), "Auvergne in 2011");
    assert!(shape_of(&board.body, "81").contains("fill=\"#f0f0ee\""), "not selected");
    assert_eq!(
        board.texts("#carte figcaption")[0].split(". ").next(),
        Some("Sélection préparée par région de 2011")
    );
    let links = board.texts("#carte nav a");
    assert_eq!(links, ["Régions de 2011", "Régions actuelles"]);
    let html = board.html();
    let selector = scraper::Selector::parse("#carte nav a").expect("selector");
    let hrefs: Vec<&str> = html.select(&selector).filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(
        hrefs,
        [
            "/gestion/selection?parcours=established&carte=2011#carte",
            "/gestion/selection?parcours=established&carte=actuelles#carte"
        ]
    );

    let current =
        get(&app, "/gestion/selection?parcours=established&carte=actuelles", &steering).await;
    assert!(shape_of(&current.body, "63").contains("fill=\"#0b5d53\""), "Auvergne-Rhône-Alpes");
    assert!(current.body.contains("<title>Auvergne-Rhône-Alpes : 1 dossier</title>"));
}
