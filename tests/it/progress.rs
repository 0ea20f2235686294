//! The progress approach: the steering group opens periods; a published pole's people fill the
//! period report (draft, then submitted); the pole's public page shows the submitted figures as
//! SVG charts and a table of the same numbers (never a draft's); bad input is said next to its
//! field; someone else gets 404; reminders go once per pole, period and kind.

use axum::http::StatusCode;
use ptce::domain::role::Role;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::dossiers::get;
use crate::exchanges::{emails_to, submitted_with};
use crate::poles::{published, selected};
use crate::support::{TestApp, post, staff};

/// Opens a period from the back office; its id.
async fn open_period(app: &TestApp, steering: &str, label: &str, dates: [&str; 3]) -> Uuid {
    let fields =
        [("libelle", label), ("debut", dates[0]), ("fin", dates[1]), ("echeance", dates[2])];
    let done = post(app, "/gestion/progres/periodes", &fields, steering).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.header("location"), "/gestion/progres/periodes?fait=ajoutee");
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let periods = app.db.db.progress_periods(call.id).await.expect("periods");
    periods.into_iter().find(|p| p.label == label).expect("the period").id
}

/// A complete report with a given headcount and FTE.
fn report<'a>(headcount: &'a str, fte: &'a str, action: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("members_ess", "6"),
        ("members_non_ess", "2"),
        ("members_authorities", "1"),
        ("members_research_training", "1"),
        ("members_other", "0"),
        ("jobs_headcount", headcount),
        ("jobs_fte", fte),
        ("turnover", "450 000"),
        ("highlights", "TEXTE-PRIVE-FAITS une année de lancement."),
        ("action", action),
    ]
}

/// The cells of the table row whose header is `label`, in the pole page's progress section.
fn row(page: &crate::support::TestResponse, label: &str) -> Vec<String> {
    let html = page.html();
    let rows = scraper::Selector::parse("#pole-progress table tbody tr").expect("selector");
    let th = scraper::Selector::parse("th").expect("selector");
    let td = scraper::Selector::parse("td").expect("selector");
    html.select(&rows)
        .find(|r| r.select(&th).next().is_some_and(|h| h.text().collect::<String>() == label))
        .map(|r| r.select(&td).map(|c| c.text().collect::<String>()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_submitted_report_appears_on_the_pole_page_as_a_chart_and_a_table_and_a_draft_does_not() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, owner) = selected(&app, &steering).await;
    let pole = published(&app, id, &owner, &steering).await;
    let first =
        open_period(&app, &steering, "2012", ["2012-01-01", "2012-12-31", "2013-03-31"]).await;
    let second =
        open_period(&app, &steering, "2013", ["01/01/2013", "31/12/2013", "31/03/2014"]).await;

    let list = get(&app, "/espace/progres", &owner).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.texts("h2"), ["Pôle Sud Archer"]);
    assert_eq!(list.texts(".progress-periods tbody th"), ["2012", "2013"]);

    let path = format!("/espace/progres/{pole}/{first}");
    let form = get(&app, &path, &owner).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.texts("h1"), ["Rapport de progrès de la période 2012"]);
    assert_eq!(form.texts("#report-status"), ["À remplir"]);
    let submitted = post(&app, &path, &report("14", "12,5", "deposer"), &owner).await;
    assert_eq!(submitted.status, StatusCode::SEE_OTHER, "{}", submitted.body);
    assert_eq!(submitted.header("location"), format!("{path}?fait=depose"));

    // The 2013 report stays a draft: nothing of it is public.
    let path_2013 = format!("/espace/progres/{pole}/{second}");
    let draft = post(&app, &path_2013, &report("99", "77,5", "enregistrer"), &owner).await;
    assert_eq!(draft.status, StatusCode::SEE_OTHER, "{}", draft.body);
    assert_eq!(draft.header("location"), format!("{path_2013}?fait=enregistre"));

    let page = get(&app, "/poles/pole-sud-archer", "").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("#progress-title"), ["Démarche de progrès"]);
    assert_eq!(
        page.texts("#progress-what-is-public"),
        ["Ce qui est public : les indicateurs chiffrés des rapports de progrès que le pôle a \
          déposés, période par période. Les brouillons et les commentaires du pôle ne sont pas \
          publiés."]
    );
    assert_eq!(page.texts("#indicateur-jobs thead th"), ["Indicateur", "2012"]);
    assert_eq!(row(&page, "Emplois directs (personnes)"), ["14"]);
    assert_eq!(row(&page, "Emplois directs (ETP)"), ["12,5"]);
    assert_eq!(row(&page, "Membres en tout"), ["10"]);
    assert_eq!(row(&page, "Part des membres de l’ESS"), ["60\u{a0}%"]);
    assert_eq!(
        row(&page, "Chiffre d’affaires consolidé des activités du pôle"),
        ["450\u{202f}000\u{a0}€"]
    );
    // An indicator nobody gave has no row.
    assert!(row(&page, "Locaux partagés (m²)").is_empty());
    assert_eq!(page.texts("#indicateur-jobs-fte-title"), ["Emplois directs (ETP) — 2012 : 12,5"]);
    assert!(page.body.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(page.body.contains("role=\"img\" aria-labelledby=\"indicateur-jobs-fte-title\""));
    assert!(!page.body.contains("77,5") && !page.body.contains(">99<"));
    assert!(!page.body.contains("TEXTE-PRIVE-FAITS"));

    // Submitted, the 2013 report appears beside 2012.
    let done = post(&app, &path_2013, &report("16", "13", "deposer"), &owner).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    let page = get(&app, "/poles/pole-sud-archer", "").await;
    assert_eq!(page.texts("#indicateur-jobs thead th"), ["Indicateur", "2012", "2013"]);
    assert_eq!(row(&page, "Emplois directs (ETP)"), ["12,5", "13"]);
    assert_eq!(
        page.texts("#indicateur-jobs-fte-title"),
        ["Emplois directs (ETP) — 2012 : 12,5 ; 2013 : 13"]
    );

    // A submitted report is final; the network's dashboard adds the figures up.
    let again = post(&app, &path, &report("1", "1", "deposer"), &owner).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    let form = get(&app, &path, &owner).await;
    assert!(form.texts("#report-status")[0].starts_with("Déposé le "));
    assert!(form.texts(".progress-submitted dd").contains(&"12,5".to_owned()));
    let dashboard = get(&app, "/gestion/progres?indicateur=jobs_fte", &steering).await;
    assert_eq!(dashboard.status, StatusCode::OK);
    assert_eq!(
        dashboard.texts("#reports tbody td"),
        ["31 mars 2013", "1 / 1", "31 mars 2014", "1 / 1"]
    );
    assert_eq!(dashboard.texts("#by-region tbody th"), ["Rhône-Alpes"]);
    assert_eq!(dashboard.texts("#by-region tbody td"), ["12,5", "13"]);
}

#[tokio::test]
async fn bad_input_is_said_next_to_its_field_and_nothing_is_submitted() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, owner) = selected(&app, &steering).await;
    let pole = published(&app, id, &owner, &steering).await;
    let period =
        open_period(&app, &steering, "2012", ["2012-01-01", "2012-12-31", "2013-03-31"]).await;
    let path = format!("/espace/progres/{pole}/{period}");
    let refused = post(&app, &path, &report("douze", "-3", "deposer"), &owner).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#f-jobs_headcount-error"),
        ["Indiquez un nombre entier, par exemple 12."]
    );
    assert_eq!(refused.texts("#f-jobs_fte-error").len(), 1);
    let typed = refused.html();
    let input = scraper::Selector::parse("#f-jobs_headcount").expect("selector");
    let value = typed.select(&input).next().and_then(|i| i.value().attr("value"));
    assert_eq!(value, Some("douze"));
    // Kept as a draft, not submitted: nothing public.
    let page = get(&app, "/poles/pole-sud-archer", "").await;
    assert_eq!(page.texts("#progress-none"), ["Aucun rapport de progrès déposé pour l’instant."]);
    let form = get(&app, &path, &owner).await;
    assert!(form.texts("#report-status")[0].starts_with("Brouillon enregistré le "));

    // A period that does not read is refused next to its fields.
    let fields = [
        ("libelle", "2012"),
        ("debut", "2013-01-01"),
        ("fin", "2012-12-31"),
        ("echeance", "bientôt"),
    ];
    let bad = post(&app, "/gestion/progres/periodes", &fields, &steering).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.texts("#label-error"),
        ["Une période porte déjà ce nom : choisissez-en un autre."]
    );
    assert_eq!(
        bad.texts("#ends_on-error"),
        ["La fin de la période ne peut pas précéder son début."]
    );
    assert_eq!(
        bad.texts("#due_on-error"),
        ["Cette date ne se lit pas : écrivez-la sous la forme 31/03/2013."]
    );
}

#[tokio::test]
async fn someone_who_is_not_one_of_the_poles_people_gets_404() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, owner) = selected(&app, &steering).await;
    let pole = published(&app, id, &owner, &steering).await;
    let period =
        open_period(&app, &steering, "2012", ["2012-01-01", "2012-12-31", "2013-03-31"]).await;
    let (_, other) = submitted_with(&app, "b@privas.fr", "Pôle Ardèche", "07186", |_| {}).await;
    let path = format!("/espace/progres/{pole}/{period}");
    assert_eq!(get(&app, &path, &other).await.status, StatusCode::NOT_FOUND);
    let forged = post(&app, &path, &report("14", "12,5", "deposer"), &other).await;
    assert_eq!(forged.status, StatusCode::NOT_FOUND);
    let list = get(&app, "/espace/progres", &other).await;
    assert_eq!(list.texts("#no-pole").len(), 1);
    // Nor does the steering group fill a pole's report.
    assert_eq!(get(&app, &path, &steering).await.status, StatusCode::NOT_FOUND);
    // An unknown period of one's own pole: 404 too.
    let unknown = format!("/espace/progres/{pole}/{}", Uuid::nil());
    assert_eq!(get(&app, &unknown, &owner).await.status, StatusCode::NOT_FOUND);
    // The back office is the steering group's.
    assert_eq!(get(&app, "/gestion/progres", &owner).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_reminder_goes_once_to_each_pole_whose_report_is_not_submitted() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, owner) = selected(&app, &steering).await;
    let pole = published(&app, id, &owner, &steering).await;
    let today = OffsetDateTime::now_utc().date();
    let iso = |d: time::Date| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
    let (start, end, due) = (
        iso(today - Duration::days(365)),
        iso(today - Duration::days(1)),
        iso(today + Duration::days(5)),
    );
    let period = open_period(&app, &steering, "Exercice", [&start, &end, &due]).await;
    let path = format!("/gestion/progres/periodes/{period}/relances");
    let page = get(&app, "/gestion/progres/periodes", &steering).await;
    assert_eq!(page.texts("#periods button"), ["Relancer avant l’échéance"]);

    let sent = post(&app, &path, &[], &steering).await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(
        sent.header("location"),
        "/gestion/progres/periodes?fait=relances&envoyees=1&deja=0"
    );
    let again = post(&app, &path, &[], &steering).await;
    assert_eq!(
        again.header("location"),
        "/gestion/progres/periodes?fait=relances&envoyees=0&deja=1"
    );
    let notice = get(&app, again.header("location"), &steering).await;
    assert_eq!(
        notice.texts("#notice"),
        ["Aucun pôle relancé ; 1 l’avaient déjà été (pas de nouvel envoi)."]
    );

    let emails: Vec<_> = emails_to(&app.db.db, "a@romans.fr")
        .await
        .into_iter()
        .filter(|(subject, _, _)| subject.starts_with("Rapport de progrès"))
        .collect();
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].0, "Rapport de progrès Exercice de votre pôle");
    assert!(emails[0].1.contains(&format!("/espace/progres/{pole}/{period}")), "{}", emails[0].1);
    assert!(emails[0].1.contains("n’est pas encore déposé"));
}

#[tokio::test]
async fn the_reminders_job_sends_the_reminder_due_once_and_the_button_then_finds_it_sent() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, owner) = selected(&app, &steering).await;
    published(&app, id, &owner, &steering).await;
    let now = OffsetDateTime::now_utc();
    let iso = |d: time::Date| format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
    let today = now.date();
    let dates = [
        iso(today - Duration::days(400)),
        iso(today - Duration::days(40)),
        iso(today - Duration::days(3)),
    ];
    let period = open_period(&app, &steering, "Exercice", [&dates[0], &dates[1], &dates[2]]).await;

    // Three days after the due date: the reminder "after" goes, once, whatever the rounds.
    assert_eq!(ptce::jobs::progress::round(&app.state, now).await.expect("round"), 1);
    assert_eq!(ptce::jobs::progress::round(&app.state, now).await.expect("round"), 0);
    let reminders: Vec<_> = emails_to(&app.db.db, "a@romans.fr")
        .await
        .into_iter()
        .filter(|(subject, _, _)| subject.starts_with("Rapport de progrès"))
        .collect();
    assert_eq!(reminders.len(), 1);
    let path = format!("/gestion/progres/periodes/{period}/relances");
    let button = post(&app, &path, &[], &steering).await;
    assert_eq!(
        button.header("location"),
        "/gestion/progres/periodes?fait=relances&envoyees=0&deja=1"
    );
}
