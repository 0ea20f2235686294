//! Meetings of the network: the first meeting installed with the 2011 call and dated by
//! `--call-dates`; invitations to a selected pole's people and to a supporter, one email each,
//! never twice; answers through the personal link without an account, changed by reusing it;
//! unknown and over links get a clear page; the reminder goes once; the attendees' CSV and the
//! `.ics` file hold exact values.

use axum::http::StatusCode;
use ptce::db::Db;
use ptce::db::events::{Answer, Event};
use ptce::domain::call::CallDates;
use ptce::domain::event::Rsvp;
use ptce::domain::role::Role;
use time::macros::datetime;
use uuid::Uuid;

use crate::support::{TestApp, post, staff};

async fn meetings(app: &TestApp) -> Vec<Event> {
    let call = app.db.db.current_call().await.expect("read").expect("a call");
    app.db.db.events(call.id).await.expect("events")
}

/// (subject, text) of the emails of one kind queued to an address, oldest first.
async fn emails(db: &Db, to: &str, kind: &str) -> Vec<(String, String)> {
    let sql = "SELECT subject, body_text FROM outbox WHERE to_address = $1 AND kind = $2 \
               ORDER BY created_at, id";
    match db {
        Db::Sqlite(pool, _) => sqlx::query_as(sql).bind(to).bind(kind).fetch_all(pool).await,
        Db::Postgres(pool) => sqlx::query_as(sql).bind(to).bind(kind).fetch_all(pool).await,
    }
    .expect("outbox")
}

/// The answer path (`/rencontres/reponse/…`) in an email's text.
fn answer_path(text: &str) -> String {
    let start = text.find("/rencontres/reponse/").expect("an answer link in the text");
    text[start..].split_whitespace().next().expect("path").to_owned()
}

/// A confirmed supporter (form C) who agreed to be followed up; its id.
async fn supporter(app: &TestApp, name: &str, organisation: &str, email: &str) -> Uuid {
    use crate::supporters::{answers, confirmation_paths, express};
    let sent = express(app, &answers(name, organisation, email)).await;
    assert_eq!(sent.status, StatusCode::OK, "{}", sent.body);
    let path = confirmation_paths(app, email).await.pop().expect("a confirmation link");
    let confirmed = app.post_form(&path, &[], &[]).await;
    assert_eq!(confirmed.status, StatusCode::OK);
    let call = app.db.db.current_call().await.expect("read").expect("a call");
    let all = app.db.db.supporters(call.id).await.expect("supporters");
    all.into_iter().find(|s| s.email == email).expect("stored").id
}

/// A meeting created through the back-office form, on 15 June 2099 from 10:00 to 17:30 (Paris).
async fn future_meeting(app: &TestApp, steering: &str) -> Uuid {
    let fields = [
        ("titre", "Rencontre régionale Auvergne-Rhône-Alpes"),
        ("titre_en", "Regional meeting"),
        ("date", "2099-06-15"),
        ("debut", "10:00"),
        ("fin", "17:30"),
        ("lieu", "Maison de l’ESS, 12 rue Sainte-Catherine, Lyon"),
        ("description", "Échanges de pratiques ; repas partagé."),
        ("description_en", ""),
    ];
    let created = post(app, "/gestion/rencontres/nouvelle", &fields, steering).await;
    assert_eq!(created.status, StatusCode::SEE_OTHER, "{}", created.body);
    let location = created.header("location").to_owned();
    let id = location
        .strip_prefix("/gestion/rencontres/")
        .and_then(|rest| rest.strip_suffix("?fait=creee"))
        .expect("the meeting's page");
    Uuid::parse_str(id).expect("an id")
}

/// A selected dossier's person (a@romans.fr) and a supporter (elise@castres.fr) invited to a
/// meeting created by the steering group; (meeting, dossier, supporter).
async fn invited(app: &TestApp, steering: &str) -> (Uuid, Uuid, Uuid) {
    let (dossier, _) = crate::poles::selected(app, steering).await;
    let supporter = supporter(app, "Élise Durand", "Ville de Castres", "elise@castres.fr").await;
    let meeting = future_meeting(app, steering).await;
    let fields = [("pole".into(), dossier.to_string()), ("soutien".into(), supporter.to_string())];
    let path = format!("/gestion/rencontres/{meeting}/invitations");
    let sent = crate::support::post_owned(app, &path, &fields, steering).await;
    assert_eq!(
        sent.header("location"),
        format!("/gestion/rencontres/{meeting}?fait=invitations&envoyees=2&deja=0")
    );
    (meeting, dossier, supporter)
}

#[tokio::test]
async fn the_2011_call_in_original_dates_has_its_first_meeting_on_15_february_2012() {
    let app = TestApp::with_dates(CallDates::Original).await;
    let found = meetings(&app).await;
    assert_eq!(found.len(), 1);
    let meeting = &found[0];
    assert_eq!(meeting.phase_slug.as_deref(), Some("first-meeting"));
    assert_eq!(meeting.title_fr, "Première réunion des initiatives de PTCE repérées");
    assert_eq!(meeting.title_en, "First meeting of the identified PTCE initiatives");
    assert_eq!(meeting.starts_at, datetime!(2012-02-14 23:00 UTC));
    assert_eq!(meeting.ends_at, datetime!(2012-02-15 23:00 UTC));
    assert!(meeting.all_day);
    assert!(meeting.tentative, "the seed says « date à confirmer »");

    let page = app.get(&format!("/rencontres/{}", meeting.id)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("h1"), ["Première réunion des initiatives de PTCE repérées"]);
    assert_eq!(
        page.texts("#event-when"),
        ["15 février 2012 (toute la journée) — date à confirmer"]
    );
    assert_eq!(page.texts("#event-place"), ["Lieu à préciser"]);
    assert_eq!(page.texts("#event-past"), ["Cette rencontre a eu lieu."]);
    let list = app.get("/rencontres").await;
    assert_eq!(list.texts("#events-past a"), ["Première réunion des initiatives de PTCE repérées"]);

    // Installing the call again leaves one meeting.
    app.db
        .db
        .install_call(
            &ptce::domain::call::CallTemplate::ptce_2011(),
            CallDates::Original,
            time::OffsetDateTime::now_utc(),
        )
        .await
        .expect("again");
    assert_eq!(meetings(&app).await.len(), 1);
}

#[tokio::test]
async fn with_shifted_dates_the_first_meeting_moves_with_its_phase() {
    let app = TestApp::with_dates(CallDates::Shifted).await;
    let call = app.db.db.current_call().await.expect("read").expect("a call");
    let phase = call.phases.iter().find(|p| p.slug == "first-meeting").expect("the phase");
    let found = meetings(&app).await;
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].starts_at, found[0].ends_at), (phase.starts_at, phase.ends_at));
    assert!(found[0].starts_at > time::OffsetDateTime::now_utc(), "in the future: {phase:?}");
}

#[tokio::test]
async fn invitations_send_one_email_per_invitee_and_sending_again_adds_none() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (meeting, dossier, supporter) = invited(&app, &steering).await;
    let db = &app.db.db;
    let to_member = emails(db, "a@romans.fr", "event-invitation").await;
    let to_supporter = emails(db, "elise@castres.fr", "event-invitation").await;
    assert_eq!(to_member.len(), 1);
    assert_eq!(to_supporter.len(), 1);
    assert_eq!(to_member[0].0, "Invitation : Rencontre régionale Auvergne-Rhône-Alpes — PTCE");
    assert!(
        to_member[0].1.contains("Date : 15 juin 2099, de 10 h 00 à 17 h 30"),
        "{}",
        to_member[0].1
    );
    assert!(to_member[0].1.contains("Lieu : Maison de l’ESS, 12 rue Sainte-Catherine, Lyon"));
    assert!(to_member[0].1.contains(&format!("http://127.0.0.1:8080/rencontres/{meeting}")));
    assert_ne!(answer_path(&to_member[0].1), answer_path(&to_supporter[0].1));

    let again = [("pole".into(), dossier.to_string()), ("soutien".into(), supporter.to_string())];
    let path = format!("/gestion/rencontres/{meeting}/invitations");
    let sent = crate::support::post_owned(&app, &path, &again, &steering).await;
    assert_eq!(
        sent.header("location"),
        format!("/gestion/rencontres/{meeting}?fait=invitations&envoyees=0&deja=2")
    );
    assert_eq!(emails(db, "a@romans.fr", "event-invitation").await.len(), 1);
    assert_eq!(emails(db, "elise@castres.fr", "event-invitation").await.len(), 1);
    let invitations = db.event_invitations(meeting).await.expect("invitations");
    let who: Vec<(&str, &str, &str)> = invitations
        .iter()
        .map(|i| (i.name.as_str(), i.email.as_str(), i.source.as_str()))
        .collect();
    assert_eq!(
        who,
        [
            ("Christophe Chevalier", "a@romans.fr", "pole"),
            ("Élise Durand (Ville de Castres)", "elise@castres.fr", "supporter")
        ]
    );

    let shown = app
        .get_with(
            &format!("/gestion/rencontres/{meeting}?fait=invitations&envoyees=0&deja=2"),
            &[("cookie", &steering)],
        )
        .await;
    assert_eq!(
        shown.texts("#notice"),
        [
            "Aucune nouvelle invitation envoyée ; 2 personnes étaient déjà invitées (pas de nouvel envoi)."
        ]
    );
    assert_eq!(
        shown.texts("#totals"),
        [
            "2 invitations : 0 oui, 0 peut-être, 0 non, 2 sans réponse. Personnes attendues (oui) : 0."
        ]
    );

    let nobody = post(&app, &path, &[], &steering).await;
    assert_eq!(nobody.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(nobody.texts("#invite-error"), ["Choisissez au moins un pôle ou un soutien."]);
}

#[tokio::test]
async fn an_invitee_answers_through_the_link_without_an_account_and_reusing_it_changes_the_answer()
{
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (meeting, _, _) = invited(&app, &steering).await;
    let text = &emails(&app.db.db, "elise@castres.fr", "event-invitation").await[0].1;
    let path = answer_path(text);

    let form = app.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.header("cache-control"), "no-store");
    assert_eq!(form.texts("h1"), ["Votre réponse à l’invitation"]);
    assert_eq!(
        form.texts("#addressee"),
        ["Invitation adressée à Élise Durand (Ville de Castres) (elise@castres.fr)."]
    );
    assert_eq!(form.texts("#current-answer"), Vec::<String>::new());

    let fields = [("reponse", "yes"), ("personnes", "2"), ("commentaire", "Repas végétarien")];
    let saved = app.post_form(&path, &fields, &[]).await;
    assert_eq!(saved.status, StatusCode::OK, "{}", saved.body);
    assert_eq!(
        saved.texts("#notice"),
        ["Merci, votre réponse est enregistrée : Oui, 2 personnes."]
    );
    let stored = app.db.db.event_invitations(meeting).await.expect("invitations");
    let elise = stored.iter().find(|i| i.email == "elise@castres.fr").expect("invited");
    assert_eq!(
        (elise.answer(), elise.guests, elise.comment.as_str()),
        (Some(Rsvp::Yes), 2, "Repas végétarien")
    );

    let changed = app.post_form(&path, &[("reponse", "no"), ("personnes", "2")], &[]).await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_eq!(changed.texts("#notice"), ["Merci, votre réponse est enregistrée : Non."]);
    assert_eq!(app.get(&path).await.texts("#current-answer"), ["Votre réponse actuelle : Non."]);
    let stored = app.db.db.event_invitations(meeting).await.expect("invitations");
    let elise = stored.iter().find(|i| i.email == "elise@castres.fr").expect("invited");
    assert_eq!((elise.answer(), elise.guests, elise.comment.as_str()), (Some(Rsvp::No), 0, ""));

    let wrong = app.post_form(&path, &[("reponse", "oui"), ("personnes", "50")], &[]).await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.texts("#reponse-error"), ["Choisissez Oui, Peut-être ou Non."]);
    assert_eq!(wrong.texts("#personnes-error"), ["Indiquez un nombre de personnes entre 1 et 20."]);
}

#[tokio::test]
async fn an_unknown_link_or_one_whose_meeting_is_over_gets_a_clear_page() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    for path in [format!("/rencontres/reponse/{}", "A".repeat(43)), "/rencontres/reponse/x".into()]
    {
        let unknown = app.get(&path).await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(unknown.texts("h1"), ["Lien inconnu"]);
        let posted = app.post_form(&path, &[("reponse", "yes")], &[]).await;
        assert_eq!(posted.status, StatusCode::NOT_FOUND);
        assert_eq!(posted.texts("h1"), ["Lien inconnu"]);
    }
    assert_eq!(app.get("/rencontres/pas-un-id").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/rencontres/{}", Uuid::nil())).await.status,
        StatusCode::NOT_FOUND
    );

    // The meeting moved to 15 February 2012 is over: the invitation's link takes no answer.
    let (meeting, _, _) = invited(&app, &steering).await;
    let link = answer_path(&emails(&app.db.db, "a@romans.fr", "event-invitation").await[0].1);
    let moved = [("_version", "0"), ("titre", "Première réunion"), ("date", "2012-02-15")];
    let edit = format!("/gestion/rencontres/{meeting}/modifier");
    assert_eq!(post(&app, &edit, &moved, &steering).await.status, StatusCode::SEE_OTHER);
    for over in [app.get(&link).await, app.post_form(&link, &[("reponse", "yes")], &[]).await] {
        assert_eq!(over.status, StatusCode::GONE);
        assert_eq!(over.header("cache-control"), "no-store");
        assert_eq!(over.texts("h1"), ["Cette rencontre est passée"]);
        assert_eq!(
            over.texts("main p.lead"),
            ["La rencontre « Première réunion » a eu lieu : il n’est plus possible d’y répondre."]
        );
    }
    let stored = app.db.db.event_invitations(meeting).await.expect("invitations");
    assert_eq!(stored.iter().map(|i| i.response.clone()).collect::<Vec<_>>(), [None, None]);
}

#[tokio::test]
async fn the_reminder_goes_once_to_those_who_said_yes_or_maybe() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (meeting, _, _) = invited(&app, &steering).await;
    let db = &app.db.db;
    let path = answer_path(&emails(db, "elise@castres.fr", "event-invitation").await[0].1);
    app.post_form(&path, &[("reponse", "maybe"), ("personnes", "1")], &[]).await;

    let reminded =
        post(&app, &format!("/gestion/rencontres/{meeting}/rappel"), &[], &steering).await;
    assert_eq!(
        reminded.header("location"),
        format!("/gestion/rencontres/{meeting}?fait=rappel&envoyees=1")
    );
    let again = post(&app, &format!("/gestion/rencontres/{meeting}/rappel"), &[], &steering).await;
    assert_eq!(
        again.header("location"),
        format!("/gestion/rencontres/{meeting}?fait=rappel&envoyees=0")
    );
    let sent = emails(db, "elise@castres.fr", "event-reminder").await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].0, "Rappel : Rencontre régionale Auvergne-Rhône-Alpes — PTCE");
    assert!(sent[0].1.contains("Votre réponse : Peut-être, 1 personne"), "{}", sent[0].1);
    assert_eq!(
        emails(db, "a@romans.fr", "event-reminder").await.len(),
        0,
        "no answer, no reminder"
    );
    // The reminder's own link works, as does the invitation's.
    let from_reminder = answer_path(&sent[0].1);
    assert_ne!(from_reminder, path);
    let saved = app.post_form(&from_reminder, &[("reponse", "yes"), ("personnes", "3")], &[]).await;
    assert_eq!(
        saved.texts("#notice"),
        ["Merci, votre réponse est enregistrée : Oui, 3 personnes."]
    );
    assert_eq!(
        app.get(&path).await.texts("#current-answer"),
        ["Votre réponse actuelle : Oui, 3 personnes."]
    );
}

#[tokio::test]
async fn the_attendees_csv_lists_those_coming_with_exact_values() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (meeting, _, _) = invited(&app, &steering).await;
    let db = &app.db.db;
    let invitations = db.event_invitations(meeting).await.expect("invitations");
    let member = invitations.iter().find(|i| i.email == "a@romans.fr").expect("member").id;
    let elise = invitations.iter().find(|i| i.email == "elise@castres.fr").expect("elise").id;
    let yes = Answer { response: Rsvp::Yes, guests: 2, comment: "=1+1 ; arrivée 9h" };
    let maybe = Answer { response: Rsvp::Maybe, guests: 1, comment: "" };
    assert!(db.answer_invitation(member, &yes, datetime!(2026-03-10 08:15 UTC)).await.expect("a"));
    assert!(db.answer_invitation(elise, &maybe, datetime!(2026-11-02 16:40 UTC)).await.expect("b"));

    let csv = app
        .get_with(
            &format!("/gestion/rencontres/{meeting}/participants.csv"),
            &[("cookie", &steering)],
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert_eq!(
        csv.header("content-disposition"),
        "attachment; filename=\"participants-2099-06-15.csv\""
    );
    assert_eq!(
        csv.body,
        "\u{feff}Nom;Adresse électronique;Provenance;Réponse;Personnes;Commentaire;Répondu le\r\n\
         Christophe Chevalier;a@romans.fr;Pôle;Oui;2;\"'=1+1 ; arrivée 9h\";2026-03-10 09:15\r\n\
         Élise Durand (Ville de Castres);elise@castres.fr;Soutien;Peut-être;1;;2026-11-02 17:40\r\n"
    );
}

#[tokio::test]
async fn the_ics_file_of_the_first_meeting_is_an_rfc_5545_calendar() {
    let app = TestApp::with_dates(CallDates::Original).await;
    let meeting = meetings(&app).await[0].id;
    let page = app.get(&format!("/rencontres/{meeting}")).await;
    assert_eq!(page.texts("#event-ics"), ["Ajouter à mon agenda (fichier .ics)"]);
    let ics = app.get(&format!("/rencontres/{meeting}/agenda.ics")).await;
    assert_eq!(ics.status, StatusCode::OK);
    assert_eq!(ics.header("content-type"), "text/calendar; charset=utf-8");
    assert!(ics.body.ends_with("\r\n"));
    let physical: Vec<&str> = ics.body.trim_end_matches("\r\n").split("\r\n").collect();
    for line in &physical {
        assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        assert!(!line.contains('\n'));
    }
    let unfolded = ics.body.replace("\r\n ", "");
    let lines: Vec<&str> = unfolded
        .trim_end_matches("\r\n")
        .split("\r\n")
        .filter(|l| !l.starts_with("DTSTAMP:"))
        .collect();
    let description = "DESCRIPTION:Première réunion des initiatives de PTCE repérées et lancement \
         officiel de la phase de la valorisation et de développement des PTCE.";
    assert_eq!(
        lines,
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//PTCE//Rencontres du reseau//FR",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            &format!("UID:{meeting}@127.0.0.1"),
            "DTSTART;VALUE=DATE:20120215",
            "DTEND;VALUE=DATE:20120216",
            "SEQUENCE:0",
            "SUMMARY:Première réunion des initiatives de PTCE repérées",
            description,
            &format!("URL:http://127.0.0.1:8080/rencontres/{meeting}"),
            "STATUS:TENTATIVE",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
    );
    let stamp = unfolded.lines().find(|l| l.starts_with("DTSTAMP:")).expect("a DTSTAMP");
    assert_eq!(stamp.trim_end().len(), "DTSTAMP:20261127T100000Z".len());
    assert!(stamp.trim_end().ends_with('Z'));
    let english =
        app.get_with(&format!("/rencontres/{meeting}/agenda.ics"), &[("cookie", "lang=en")]).await;
    assert!(english.body.contains("SUMMARY:First meeting of the identified PTCE initiatives\r\n"));
}

#[tokio::test]
async fn the_steering_group_creates_and_edits_a_meeting_with_bad_input_shown_next_to_fields() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let bad = [("titre", ""), ("date", "31/02/2099"), ("debut", "14:00"), ("fin", "")];
    let refused = post(&app, "/gestion/rencontres/nouvelle", &bad, &steering).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.texts("#titre-error"), ["Donnez un titre à la rencontre."]);
    assert_eq!(
        refused.texts("#date-error"),
        ["Cette date n’existe pas ou n’est pas lisible (format JJ/MM/AAAA)."]
    );
    assert_eq!(
        refused.texts("#fin-error"),
        ["Indiquez aussi l’heure de fin, ou laissez les deux heures vides."]
    );
    let meeting = future_meeting(&app, &steering).await;
    let edit = format!("/gestion/rencontres/{meeting}/modifier");
    let form = app.get_with(&edit, &[("cookie", &steering)]).await;
    assert_eq!(form.status, StatusCode::OK);
    let fields = [
        ("_version", "0"),
        ("titre", "Rencontre régionale"),
        ("date", "16/06/2099"),
        ("debut", "9h30"),
        ("fin", "12:00"),
        ("lieu", "Lyon"),
        ("a_confirmer", "oui"),
    ];
    let saved = post(&app, &edit, &fields, &steering).await;
    assert_eq!(
        saved.header("location"),
        format!("/gestion/rencontres/{meeting}?fait=modifiee&envoyees=0")
    );
    let event = app.db.db.event(meeting).await.expect("read").expect("found");
    assert_eq!(event.starts_at, datetime!(2099-06-16 07:30 UTC));
    assert_eq!(event.ends_at, datetime!(2099-06-16 10:00 UTC));
    assert_eq!((event.sequence, event.tentative), (1, true));
    assert_eq!(event.title_en, "Rencontre régionale");
    let shown = app.get(&format!("/rencontres/{meeting}")).await;
    assert_eq!(
        shown.texts("#event-when"),
        ["16 juin 2099, de 9 h 30 à 12 h 00 — date à confirmer"]
    );
    let list = app.get_with("/gestion/rencontres", &[("cookie", &steering)]).await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.texts("#events tbody tr td:first-child").len(), 2);
}

/// (to, text, attachment content type, attachment) of the emails of one kind, oldest first.
async fn emails_with_calendar(db: &Db, kind: &str) -> Vec<(String, String, String, String)> {
    let sql = "SELECT o.to_address, o.body_text, a.content_type, a.data FROM outbox o \
               JOIN outbox_attachments a ON a.outbox_id = o.id WHERE o.kind = $1 \
               ORDER BY o.to_address, o.id";
    let rows: Vec<(String, String, String, Vec<u8>)> = match db {
        Db::Sqlite(pool, _) => sqlx::query_as(sql).bind(kind).fetch_all(pool).await,
        Db::Postgres(pool) => sqlx::query_as(sql).bind(kind).fetch_all(pool).await,
    }
    .expect("outbox");
    rows.into_iter()
        .map(|(to, text, kind, data)| {
            let ics = String::from_utf8(data).expect("utf-8").replace("\r\n ", "");
            (to, text, kind, ics)
        })
        .collect()
}

/// How many emails of a kind were queued, to anyone.
async fn queued(db: &Db, kind: &str) -> i64 {
    let sql = "SELECT COUNT(*) FROM outbox WHERE kind = $1";
    match db {
        Db::Sqlite(pool, _) => sqlx::query_scalar(sql).bind(kind).fetch_one(pool).await,
        Db::Postgres(pool) => sqlx::query_scalar(sql).bind(kind).fetch_one(pool).await,
    }
    .expect("count")
}

/// The value of an input of a page.
fn value_of(page: &crate::support::TestResponse, selector: &str) -> String {
    let html = page.html();
    let selector = scraper::Selector::parse(selector).expect("selector");
    let element = html.select(&selector).next().unwrap_or_else(|| panic!("{}", page.body));
    if element.value().name() == "textarea" {
        element.text().collect()
    } else {
        element.value().attr("value").unwrap_or_default().to_owned()
    }
}

/// The audit entries of one event, their details as JSON, oldest first.
async fn audited(app: &TestApp, event: &str) -> Vec<serde_json::Value> {
    let filter =
        ptce::db::audit::AuditFilter { event_prefix: Some(event.into()), ..Default::default() };
    let mut entries = app.db.db.audit_entries(&filter, 50).await.expect("audit");
    entries.reverse();
    entries
        .into_iter()
        .filter(|e| e.event == event)
        .map(|e| serde_json::from_str(&e.detail).expect("json"))
        .collect()
}

/// The three people invited to a meeting: a pole's member who has not answered, a supporter who
/// said yes (marc@albi.fr) and one who declined (elise@castres.fr); the meeting.
async fn three_invited(app: &TestApp, steering: &str) -> Uuid {
    let (meeting, _, _) = invited(app, steering).await;
    let marc = supporter(app, "Marc Petit", "Ville d’Albi", "marc@albi.fr").await;
    let path = format!("/gestion/rencontres/{meeting}/invitations");
    let sent = post(app, &path, &[("soutien", &marc.to_string())], steering).await;
    assert_eq!(
        sent.header("location"),
        format!("/gestion/rencontres/{meeting}?fait=invitations&envoyees=1&deja=0")
    );
    let db = &app.db.db;
    let elise = answer_path(&emails(db, "elise@castres.fr", "event-invitation").await[0].1);
    let no = app.post_form(&elise, &[("reponse", "no")], &[]).await;
    assert_eq!(no.status, StatusCode::OK);
    let marc = answer_path(&emails(db, "marc@albi.fr", "event-invitation").await[0].1);
    let yes = app.post_form(&marc, &[("reponse", "yes"), ("personnes", "1")], &[]).await;
    assert_eq!(yes.status, StatusCode::OK);
    meeting
}

/// The edit form's fields of the meeting of `future_meeting`, at `version`, changed by `changes`.
fn edit_fields(version: i64, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = [
        ("_version", version.to_string().as_str()),
        ("titre", "Rencontre régionale Auvergne-Rhône-Alpes"),
        ("titre_en", "Regional meeting"),
        ("date", "2099-06-15"),
        ("debut", "10:00"),
        ("fin", "17:30"),
        ("lieu", "Maison de l’ESS, 12 rue Sainte-Catherine, Lyon"),
        ("description", "Échanges de pratiques ; repas partagé."),
        ("description_en", ""),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect();
    for (name, value) in changes {
        match fields.iter_mut().find(|(k, _)| k == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    fields
}

#[tokio::test]
async fn a_concurrent_edit_keeps_the_typed_text_and_changes_nothing() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let meeting = future_meeting(&app, &steering).await;
    let edit = format!("/gestion/rencontres/{meeting}/modifier");
    // Two people open the form at version 0.
    let form = app.get_with(&edit, &[("cookie", &steering)]).await;
    assert_eq!(value_of(&form, "input[name=_version]"), "0");

    let first = edit_fields(0, &[("lieu", "Hôtel de région, Lyon")]);
    let saved = crate::support::post_owned(&app, &edit, &first, &steering).await;
    assert_eq!(
        saved.header("location"),
        format!("/gestion/rencontres/{meeting}?fait=modifiee&envoyees=0")
    );

    let typed = "Programme : accueil à 9 h 30, ateliers l’après-midi.";
    let second = edit_fields(0, &[("titre", "Rencontre des pôles"), ("description", typed)]);
    let refused = crate::support::post_owned(&app, &edit, &second, &steering).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(
        refused.texts("#conflict h2"),
        ["Modification concurrente : rien n’a été enregistré"]
    );
    assert!(
        refused.texts("#conflict-text")[0].starts_with(
            "Une autre personne a modifié cette rencontre pendant que vous travailliez"
        ),
        "{:?}",
        refused.texts("#conflict-text")
    );
    assert_eq!(
        refused.texts("#conflict-stored dd"),
        [
            "Rencontre régionale Auvergne-Rhône-Alpes",
            "Regional meeting",
            "15 juin 2099, de 10 h 00 à 17 h 30",
            "Hôtel de région, Lyon",
            "Échanges de pratiques ; repas partagé."
        ]
    );
    assert_eq!(value_of(&refused, "#titre"), "Rencontre des pôles");
    assert_eq!(value_of(&refused, "#description"), typed);
    assert_eq!(value_of(&refused, "#lieu"), "Maison de l’ESS, 12 rue Sainte-Catherine, Lyon");
    assert_eq!(value_of(&refused, "input[name=_version]"), "1");
    let stored = app.db.db.event(meeting).await.expect("read").expect("found");
    assert_eq!(
        (stored.title_fr.as_str(), stored.place.as_str(), stored.description_fr.as_str()),
        (
            "Rencontre régionale Auvergne-Rhône-Alpes",
            "Hôtel de région, Lyon",
            "Échanges de pratiques ; repas partagé."
        )
    );
    assert_eq!(stored.sequence, 1);
    assert_eq!(audited(&app, "meeting.updated").await.len(), 1);

    // In English, the same message in English.
    let english = app
        .post_form(
            &edit,
            &[("_version", "0"), ("titre", "X"), ("date", "2099-06-15")],
            &[("cookie", &format!("{steering}; lang=en"))],
        )
        .await;
    assert_eq!(english.status, StatusCode::CONFLICT);
    assert_eq!(english.texts("#conflict h2"), ["Concurrent change: nothing was saved"]);

    // Saving again over the version the conflict showed is a deliberate choice: it is saved.
    let again = edit_fields(1, &[("titre", "Rencontre des pôles"), ("description", typed)]);
    let saved = crate::support::post_owned(&app, &edit, &again, &steering).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let stored = app.db.db.event(meeting).await.expect("read").expect("found");
    assert_eq!((stored.title_fr.as_str(), stored.sequence), ("Rencontre des pôles", 2));
}

#[tokio::test]
async fn a_cancellation_emails_each_invitee_who_has_not_declined_once_with_method_cancel_and_blocks_answers()
 {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let meeting = three_invited(&app, &steering).await;
    let db = &app.db.db;

    let confirm = app
        .get_with(&format!("/gestion/rencontres/{meeting}/annuler"), &[("cookie", &steering)])
        .await;
    assert_eq!(confirm.status, StatusCode::OK);
    assert_eq!(
        confirm.texts("#cancel-recipients"),
        ["2 invités qui n’ont pas décliné recevront chacun un courriel d’annulation, avec un \
             fichier d’agenda qui retire la rencontre de leur agenda."]
    );
    assert_eq!(confirm.texts("#confirm-delete"), Vec::<String>::new(), "people are invited");

    let path = format!("/gestion/rencontres/{meeting}/annuler");
    let cancelled = post(&app, &path, &[], &steering).await;
    assert_eq!(
        cancelled.header("location"),
        format!("/gestion/rencontres/{meeting}?fait=annulee&envoyees=2")
    );
    let again = post(&app, &path, &[], &steering).await;
    assert_eq!(again.header("location"), format!("/gestion/rencontres/{meeting}"));

    let sent = emails_with_calendar(db, "event-cancelled").await;
    let to: Vec<&str> = sent.iter().map(|(to, ..)| to.as_str()).collect();
    assert_eq!(to, ["a@romans.fr", "marc@albi.fr"]);
    assert_eq!(queued(db, "event-cancelled").await, 2);
    let (_, text, content_type, ics) = &sent[0];
    assert!(
        text.contains("La rencontre « Rencontre régionale Auvergne-Rhône-Alpes » est annulée.")
    );
    assert_eq!(content_type, "text/calendar; charset=utf-8; method=CANCEL");
    let lines: Vec<&str> = ics.split("\r\n").collect();
    for expected in [
        "METHOD:CANCEL",
        &format!("UID:{meeting}@127.0.0.1"),
        "SEQUENCE:1",
        "STATUS:CANCELLED",
        "ORGANIZER;CN=\"PTCE\":mailto:ne-pas-repondre@ptce.localhost",
        "ATTENDEE;CN=\"Christophe Chevalier\";ROLE=REQ-PARTICIPANT:mailto:a@romans.fr",
        "DTSTART:20990615T080000Z",
    ] {
        assert!(lines.contains(&expected), "{expected} in {ics}");
    }
    assert_eq!(emails(db, "elise@castres.fr", "event-cancelled").await.len(), 0, "she declined");
    let stored = db.event(meeting).await.expect("read").expect("kept");
    assert!(stored.cancelled_at.is_some());
    assert_eq!(stored.sequence, 1);
    let audit = audited(&app, "meeting.cancelled").await;
    assert_eq!(audit.len(), 1);
    assert_eq!(audit[0]["notified"], 2);

    // The answer links take no more answers.
    let link = answer_path(&emails(db, "a@romans.fr", "event-invitation").await[0].1);
    for closed in [app.get(&link).await, app.post_form(&link, &[("reponse", "yes")], &[]).await] {
        assert_eq!(closed.status, StatusCode::GONE);
        assert_eq!(closed.texts("h1"), ["Cette rencontre est annulée"]);
        assert_eq!(
            closed.texts("main p.lead"),
            ["La rencontre « Rencontre régionale Auvergne-Rhône-Alpes » est annulée : il \
                 n’est plus possible d’y répondre."]
        );
    }
    let answers: Vec<Option<String>> = db
        .event_invitations(meeting)
        .await
        .expect("read")
        .into_iter()
        .map(|i| i.response)
        .collect();
    assert_eq!(answers, [None, Some("yes".into()), Some("no".into())]);

    // Kept and marked, on the public pages and in the back office; nothing more to send.
    let page = app.get(&format!("/rencontres/{meeting}")).await;
    assert_eq!(page.texts("#event-cancelled"), ["Annulée Cette rencontre est annulée."]);
    let list = app.get("/rencontres").await;
    assert_eq!(list.texts("#events-upcoming .badge"), ["Annulée"]);
    let english = app.get_with("/rencontres", &[("cookie", "lang=en")]).await;
    assert_eq!(english.texts("#events-upcoming .badge"), ["Cancelled"]);
    let ics = app.get(&format!("/rencontres/{meeting}/agenda.ics")).await;
    assert!(ics.body.contains("\r\nSTATUS:CANCELLED\r\n"));
    let admin =
        app.get_with(&format!("/gestion/rencontres/{meeting}"), &[("cookie", &steering)]).await;
    assert_eq!(admin.texts("#cancel-link"), Vec::<String>::new());
    let invite = format!("/gestion/rencontres/{meeting}/invitations");
    let refused = post(&app, &invite, &[("soutien", &Uuid::nil().to_string())], &steering).await;
    assert_eq!(refused.header("location"), format!("/gestion/rencontres/{meeting}"));
    let reminded =
        post(&app, &format!("/gestion/rencontres/{meeting}/rappel"), &[], &steering).await;
    assert_eq!(
        reminded.header("location"),
        format!("/gestion/rencontres/{meeting}?fait=rappel&envoyees=0")
    );
}

#[tokio::test]
async fn a_meeting_nobody_was_invited_to_may_be_deleted_but_one_with_invitations_may_not() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let lonely = future_meeting(&app, &steering).await;
    let confirm = app
        .get_with(&format!("/gestion/rencontres/{lonely}/annuler"), &[("cookie", &steering)])
        .await;
    assert_eq!(confirm.texts("#confirm-delete"), ["Supprimer la rencontre"]);
    let deleted =
        post(&app, &format!("/gestion/rencontres/{lonely}/supprimer"), &[], &steering).await;
    assert_eq!(deleted.header("location"), "/gestion/rencontres?fait=supprimee");
    assert_eq!(app.db.db.event(lonely).await.expect("read"), None);
    assert_eq!(audited(&app, "meeting.deleted").await[0]["event"], lonely.to_string());
    let list = app.get_with("/gestion/rencontres?fait=supprimee", &[("cookie", &steering)]).await;
    assert_eq!(list.texts("#notice"), ["La rencontre est supprimée."]);

    let (meeting, _, _) = invited(&app, &steering).await;
    let kept =
        post(&app, &format!("/gestion/rencontres/{meeting}/supprimer"), &[], &steering).await;
    assert_eq!(kept.header("location"), format!("/gestion/rencontres/{meeting}/annuler"));
    assert!(app.db.db.event(meeting).await.expect("read").is_some());
    assert_eq!(audited(&app, "meeting.deleted").await.len(), 1);
}

#[tokio::test]
async fn a_date_change_with_the_box_ticked_emails_each_invitee_who_has_not_declined_once_with_sequence_up()
 {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let meeting = three_invited(&app, &steering).await;
    let db = &app.db.db;
    let edit = format!("/gestion/rencontres/{meeting}/modifier");
    let form = app.get_with(&edit, &[("cookie", &steering)]).await;
    assert_eq!(form.texts("label[for=prevenir]"), ["Prévenir les invités du changement"]);
    assert!(
        form.body
            .contains("name=\"prevenir\" value=\"oui\" aria-describedby=\"prevenir-hint\" checked")
    );

    let moved = edit_fields(0, &[("date", "2099-06-16"), ("prevenir", "oui")]);
    let saved = crate::support::post_owned(&app, &edit, &moved, &steering).await;
    assert_eq!(
        saved.header("location"),
        format!("/gestion/rencontres/{meeting}?fait=modifiee&envoyees=2")
    );
    let sent = emails_with_calendar(db, "event-update").await;
    let to: Vec<&str> = sent.iter().map(|(to, ..)| to.as_str()).collect();
    assert_eq!(to, ["a@romans.fr", "marc@albi.fr"]);
    let (_, text, content_type, ics) = &sent[1];
    assert!(text.contains("Date : 16 juin 2099, de 10 h 00 à 17 h 30"), "{text}");
    assert!(text.contains("Auparavant :\nDate : 15 juin 2099, de 10 h 00 à 17 h 30"), "{text}");
    assert_eq!(content_type, "text/calendar; charset=utf-8; method=PUBLISH");
    let lines: Vec<&str> = ics.split("\r\n").collect();
    for expected in [
        "METHOD:PUBLISH",
        &format!("UID:{meeting}@127.0.0.1"),
        "SEQUENCE:1",
        "DTSTART:20990616T080000Z",
        "DTEND:20990616T153000Z",
        "STATUS:CONFIRMED",
    ] {
        assert!(lines.contains(&expected), "{expected} in {ics}");
    }
    assert_eq!(emails(db, "elise@castres.fr", "event-update").await.len(), 0, "she declined");
    assert_eq!(db.event(meeting).await.expect("read").expect("found").sequence, 1);
    // The email's new link shows the answer already given.
    let link = answer_path(text);
    assert_eq!(
        app.get(&link).await.texts("#current-answer"),
        ["Votre réponse actuelle : Oui, 1 personne."]
    );
    assert_eq!(audited(&app, "meeting.updated").await[0]["notified"], 2);
    let shown = app
        .get_with(
            &format!("/gestion/rencontres/{meeting}?fait=modifiee&envoyees=2"),
            &[("cookie", &steering)],
        )
        .await;
    assert_eq!(
        shown.texts("#notice"),
        ["La rencontre est modifiée. 2 invités ont été prévenus par courriel."]
    );
}

#[tokio::test]
async fn a_date_change_with_the_box_unticked_or_a_title_change_with_it_ticked_emails_nobody() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let meeting = three_invited(&app, &steering).await;
    let edit = format!("/gestion/rencontres/{meeting}/modifier");
    let unticked = edit_fields(0, &[("date", "2099-06-17"), ("lieu", "Grenoble")]);
    let saved = crate::support::post_owned(&app, &edit, &unticked, &steering).await;
    assert_eq!(
        saved.header("location"),
        format!("/gestion/rencontres/{meeting}?fait=modifiee&envoyees=0")
    );
    let retitled = edit_fields(
        1,
        &[
            ("date", "2099-06-17"),
            ("lieu", "Grenoble"),
            ("titre", "Rencontre des pôles"),
            ("description", "Nouveau programme."),
            ("prevenir", "oui"),
        ],
    );
    let saved = crate::support::post_owned(&app, &edit, &retitled, &steering).await;
    assert_eq!(
        saved.header("location"),
        format!("/gestion/rencontres/{meeting}?fait=modifiee&envoyees=0")
    );
    assert_eq!(queued(&app.db.db, "event-update").await, 0);
    let stored = app.db.db.event(meeting).await.expect("read").expect("found");
    assert_eq!(
        (stored.title_fr.as_str(), stored.place.as_str(), stored.sequence),
        ("Rencontre des pôles", "Grenoble", 2)
    );
}

#[tokio::test]
async fn a_calendar_edit_of_the_first_meeting_phase_moves_the_meeting_and_a_meeting_edit_moves_the_phase()
 {
    let app = TestApp::with_dates(CallDates::Original).await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let meeting = meetings(&app).await[0].id;

    // The calendar page: the first meeting's phase moved to 20–21 March 2012, date confirmed.
    let calendar = app.get_with("/gestion/appel/calendrier", &[("cookie", &steering)]).await;
    assert_eq!(calendar.status, StatusCode::OK);
    let html = calendar.html();
    let inputs = scraper::Selector::parse("form.form input[name]").expect("selector");
    let mut pairs: Vec<(String, String)> = html
        .select(&inputs)
        .filter(|e| {
            e.value().attr("type") != Some("checkbox") || e.value().attr("checked").is_some()
        })
        .map(|e| {
            let name = e.value().attr("name").unwrap_or_default().to_owned();
            (name, e.value().attr("value").unwrap_or_default().to_owned())
        })
        .collect();
    let stale_version = value_of(&calendar, "input[name=_version]");
    pairs.retain(|(name, _)| name != "phase.first-meeting.tentative");
    for (name, value) in &mut pairs {
        match name.as_str() {
            "phase.first-meeting.first" => *value = "2012-03-20".into(),
            "phase.first-meeting.last" => *value = "2012-03-21".into(),
            _ => {}
        }
    }
    let saved =
        crate::support::post_owned(&app, "/gestion/appel/calendrier", &pairs, &steering).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let moved = app.db.db.event(meeting).await.expect("read").expect("found");
    assert_eq!(
        (moved.starts_at, moved.ends_at, moved.all_day, moved.tentative, moved.sequence),
        (datetime!(2012-03-19 23:00 UTC), datetime!(2012-03-21 23:00 UTC), true, false, 1)
    );

    // The meeting's edit page says where its dates come from; editing it moves the phase.
    let edit = format!("/gestion/rencontres/{meeting}/modifier");
    let form = app.get_with(&edit, &[("cookie", &steering)]).await;
    assert_eq!(
        form.texts("#phase-note"),
        ["Cette rencontre est la phase « Première réunion des initiatives de PTCE repérées » du \
             calendrier de l’appel : ses dates y sont reprises. Changer ses dates ici change le \
             calendrier de l’appel, et changer la phase dans le calendrier déplace la rencontre."]
    );
    assert_eq!(value_of(&form, "input[name=_version]"), "1");
    let fields = [
        ("_version", "1"),
        ("titre", "Première réunion des initiatives de PTCE repérées"),
        ("date", "2012-04-12"),
        ("debut", "10:00"),
        ("fin", "17:00"),
        ("a_confirmer", "oui"),
    ];
    let saved = post(&app, &edit, &fields, &steering).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    let call = app.db.db.current_call().await.expect("read").expect("a call");
    let phase = call.phases.iter().find(|p| p.slug == "first-meeting").expect("the phase");
    assert_eq!(
        (phase.starts_at, phase.ends_at, phase.tentative),
        (datetime!(2012-04-11 22:00 UTC), datetime!(2012-04-12 22:00 UTC), true)
    );
    let event = app.db.db.event(meeting).await.expect("read").expect("found");
    assert_eq!((event.starts_at, event.sequence), (datetime!(2012-04-12 08:00 UTC), 2));
    // The calendar page opened before is now stale: saving it would be a conflict.
    let mut stale = pairs.clone();
    for (name, value) in &mut stale {
        if name == "_version" {
            *value = stale_version.clone();
        }
    }
    let conflict =
        crate::support::post_owned(&app, "/gestion/appel/calendrier", &stale, &steering).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);

    // A date before the end of the previous phase would break the calendar: refused.
    let early = [("_version", "2"), ("titre", "Première réunion"), ("date", "2011-11-02")];
    let refused = post(&app, &edit, &early, &steering).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.texts("#date-error")[0].starts_with("Cette date ne respecte pas l’ordre"));
    assert_eq!(app.db.db.event(meeting).await.expect("read").expect("found").sequence, 2);
}

/// The first meeting (installed from the calendar) as it is once a selected dossier's person
/// (a@romans.fr, no answer), a supporter who said yes (marc@albi.fr) and one who declined
/// (elise@castres.fr) are invited to it.
async fn first_meeting_with_three_invited(app: &TestApp, steering: &str) -> Event {
    let (dossier, _) = crate::poles::selected(app, steering).await;
    let elise = supporter(app, "Élise Durand", "Ville de Castres", "elise@castres.fr").await;
    let marc = supporter(app, "Marc Petit", "Ville d’Albi", "marc@albi.fr").await;
    let meeting = meetings(app).await.into_iter().find(|e| e.phase_slug.is_some()).expect("it");
    let fields = [
        ("pole".to_owned(), dossier.to_string()),
        ("soutien".to_owned(), elise.to_string()),
        ("soutien".to_owned(), marc.to_string()),
    ];
    let path = format!("/gestion/rencontres/{}/invitations", meeting.id);
    let sent = crate::support::post_owned(app, &path, &fields, steering).await;
    assert_eq!(
        sent.header("location"),
        format!("/gestion/rencontres/{}?fait=invitations&envoyees=3&deja=0", meeting.id)
    );
    let db = &app.db.db;
    let elise = answer_path(&emails(db, "elise@castres.fr", "event-invitation").await[0].1);
    assert_eq!(app.post_form(&elise, &[("reponse", "no")], &[]).await.status, StatusCode::OK);
    let marc = answer_path(&emails(db, "marc@albi.fr", "event-invitation").await[0].1);
    let yes = app.post_form(&marc, &[("reponse", "yes"), ("personnes", "1")], &[]).await;
    assert_eq!(yes.status, StatusCode::OK);
    db.event(meeting.id).await.expect("read").expect("found")
}

/// The calendar page's form as a browser sends it (ticked boxes only), with the first
/// meeting's phase moved to `first`–`last` and confirmed, and the box "prevenir" as `notify`.
fn calendar_moved(
    page: &crate::support::TestResponse,
    first: &str,
    last: &str,
    notify: bool,
) -> Vec<(String, String)> {
    let html = page.html();
    let inputs = scraper::Selector::parse("form.form input[name]").expect("selector");
    let mut pairs: Vec<(String, String)> = html
        .select(&inputs)
        .filter(|e| {
            e.value().attr("type") != Some("checkbox") || e.value().attr("checked").is_some()
        })
        .map(|e| {
            let name = e.value().attr("name").unwrap_or_default().to_owned();
            (name, e.value().attr("value").unwrap_or_default().to_owned())
        })
        .collect();
    pairs.retain(|(name, _)| name != "phase.first-meeting.tentative" && name != "prevenir");
    for (name, value) in &mut pairs {
        match name.as_str() {
            "phase.first-meeting.first" => *value = first.into(),
            "phase.first-meeting.last" => *value = last.into(),
            _ => {}
        }
    }
    if notify {
        pairs.push(("prevenir".into(), "oui".into()));
    }
    pairs
}

/// Whether the calendar page's box telling the first meeting's invitees is ticked.
fn notify_ticked(page: &crate::support::TestResponse) -> bool {
    let html = page.html();
    let selector = scraper::Selector::parse("#phase-first-meeting input#prevenir").expect("css");
    let found = html.select(&selector).next().unwrap_or_else(|| panic!("{}", page.body));
    found.value().attr("checked").is_some()
}

#[tokio::test]
async fn moving_the_first_meeting_phase_with_the_box_kept_emails_each_invitee_who_has_not_declined_once()
 {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let db = &app.db.db;
    let before = first_meeting_with_three_invited(&app, &steering).await;
    assert_eq!(before.sequence, 0);
    let calendar = app.get_with("/gestion/appel/calendrier", &[("cookie", &steering)]).await;
    assert_eq!(
        calendar.texts("#phase-first-meeting label[for=prevenir]"),
        ["Prévenir les invités du changement"]
    );
    assert!(notify_ticked(&calendar));
    assert_eq!(
        calendar.texts("#phase-first-meeting #prevenir-hint"),
        ["La rencontre de cette phase se déplace avec ses dates. Si ses dates changent, les 2 \
          invités qui n’ont pas décliné recevront chacun un courriel avec la nouvelle date et le \
          fichier d’agenda mis à jour."]
    );

    let moved = calendar_moved(&calendar, "2099-06-20", "2099-06-20", true);
    let saved =
        crate::support::post_owned(&app, "/gestion/appel/calendrier", &moved, &steering).await;
    assert_eq!(saved.header("location"), "/gestion/appel/calendrier?fait=enregistre&envoyees=2");
    let sent = emails_with_calendar(db, "event-update").await;
    let to: Vec<&str> = sent.iter().map(|(to, ..)| to.as_str()).collect();
    assert_eq!(to, ["a@romans.fr", "marc@albi.fr"]);
    let former = ptce::events::when(ptce::domain::lang::Lang::Fr, &before);
    for (_, text, content_type, ics) in &sent {
        assert!(text.contains("Date : 20 juin 2099 (toute la journée)\n"), "{text}");
        assert!(text.contains(&format!("Auparavant :\nDate : {former}\n")), "{text}");
        assert_eq!(content_type, "text/calendar; charset=utf-8; method=PUBLISH");
        let lines: Vec<&str> = ics.split("\r\n").collect();
        for expected in [
            "METHOD:PUBLISH",
            &format!("UID:{}@127.0.0.1", before.id),
            "SEQUENCE:2",
            "DTSTART;VALUE=DATE:20990620",
            "DTEND;VALUE=DATE:20990621",
            "STATUS:CONFIRMED",
        ] {
            assert!(lines.contains(&expected), "{expected} in {ics}");
        }
    }
    assert_eq!(emails(db, "elise@castres.fr", "event-update").await.len(), 0, "she declined");
    let after = db.event(before.id).await.expect("read").expect("found");
    assert_eq!(
        (after.starts_at, after.ends_at, after.all_day, after.tentative, after.sequence),
        (datetime!(2099-06-19 22:00 UTC), datetime!(2099-06-20 22:00 UTC), true, false, 2)
    );
    // The email's new link shows the answer already given.
    let link = answer_path(&sent[1].1);
    assert_eq!(
        app.get(&link).await.texts("#current-answer"),
        ["Votre réponse actuelle : Oui, 1 personne."]
    );
    assert_eq!(audited(&app, "meeting.updated").await[0]["notified"], 2);
    let shown = app
        .get_with("/gestion/appel/calendrier?fait=enregistre&envoyees=2", &[("cookie", &steering)])
        .await;
    assert_eq!(
        shown.texts("p.notice"),
        [
            "Le calendrier est enregistré ; les pages publiques et les dépôts de dossiers le suivent \
          dès maintenant. La première rencontre a changé de date : 2 invités ont été prévenus par \
          courriel."
        ]
    );

    // Saved again with the same dates and the box kept: nobody is emailed again.
    let same = calendar_moved(&shown, "2099-06-20", "2099-06-20", true);
    let saved =
        crate::support::post_owned(&app, "/gestion/appel/calendrier", &same, &steering).await;
    assert_eq!(saved.header("location"), "/gestion/appel/calendrier?fait=enregistre");
    assert_eq!(queued(db, "event-update").await, 2);
    assert_eq!(db.event(before.id).await.expect("read").expect("found").sequence, 2);
}

#[tokio::test]
async fn moving_the_first_meeting_phase_with_the_box_unticked_emails_nobody() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let nobody = app.get_with("/gestion/appel/calendrier", &[("cookie", &steering)]).await;
    assert_eq!(nobody.texts("#prevenir").len(), 0, "nobody invited: no box");
    let before = first_meeting_with_three_invited(&app, &steering).await;
    let calendar = app.get_with("/gestion/appel/calendrier", &[("cookie", &steering)]).await;
    let mut moved = calendar_moved(&calendar, "2099-06-20", "2099-06-21", false);
    // Whatever else the box sends is not a tick, and never an error.
    moved.push(("prevenir".into(), "peut-être".into()));
    let saved =
        crate::support::post_owned(&app, "/gestion/appel/calendrier", &moved, &steering).await;
    assert_eq!(saved.header("location"), "/gestion/appel/calendrier?fait=enregistre");
    assert_eq!(queued(&app.db.db, "event-update").await, 0);
    let after = app.db.db.event(before.id).await.expect("read").expect("found");
    assert_eq!(
        (after.starts_at, after.ends_at, after.sequence),
        (datetime!(2099-06-19 22:00 UTC), datetime!(2099-06-21 22:00 UTC), 1)
    );
    let odd = app
        .get_with(
            "/gestion/appel/calendrier?fait=enregistre&envoyees=beaucoup",
            &[("cookie", &steering)],
        )
        .await;
    assert_eq!(odd.status, StatusCode::OK);
    assert_eq!(
        odd.texts("p.notice"),
        [
            "Le calendrier est enregistré ; les pages publiques et les dépôts de dossiers le suivent \
          dès maintenant."
        ]
    );
    // The save went through but telling the invitees failed: the page says so.
    let failed = app
        .get_with(
            "/gestion/appel/calendrier?fait=enregistre&envoyees=echec",
            &[("cookie", &steering)],
        )
        .await;
    assert_eq!(
        failed.texts("p.notice"),
        ["Le calendrier est enregistré, et la première rencontre a changé de date avec sa \
             phase ; mais les invités n’ont pas pu être prévenus. Prévenez-les depuis la page de \
             la rencontre."]
    );
}

#[tokio::test]
async fn a_refused_calendar_save_emails_nobody_and_keeps_the_box_as_it_was() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let before = first_meeting_with_three_invited(&app, &steering).await;
    let calendar = app.get_with("/gestion/appel/calendrier", &[("cookie", &steering)]).await;
    let path = "/gestion/appel/calendrier";

    // A last day before the first: refused next to the field, the box as it was sent.
    let wrong = calendar_moved(&calendar, "2099-06-20", "2099-06-19", true);
    let refused = crate::support::post_owned(&app, path, &wrong, &steering).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#phase-first-meeting-last-error"),
        ["Le dernier jour est avant le premier jour."]
    );
    assert!(notify_ticked(&refused));
    let wrong = calendar_moved(&calendar, "2099-06-20", "2099-06-19", false);
    let refused = crate::support::post_owned(&app, path, &wrong, &steering).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!notify_ticked(&refused));

    // Someone saved the calendar meanwhile (the meeting moved, nobody told): the page read
    // before is stale, its save is a conflict and sends nothing.
    let other = calendar_moved(&calendar, "2099-06-22", "2099-06-22", false);
    let saved = crate::support::post_owned(&app, path, &other, &steering).await;
    assert_eq!(saved.header("location"), "/gestion/appel/calendrier?fait=enregistre");
    let stale = calendar_moved(&calendar, "2099-06-20", "2099-06-20", true);
    let conflict = crate::support::post_owned(&app, path, &stale, &steering).await;
    assert_eq!(conflict.status, StatusCode::CONFLICT);
    assert!(notify_ticked(&conflict));
    assert_eq!(queued(&app.db.db, "event-update").await, 0);
    let after = app.db.db.event(before.id).await.expect("read").expect("found");
    assert_eq!((after.starts_at, after.sequence), (datetime!(2099-06-21 22:00 UTC), 1));
}
