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
    let moved = [("titre", "Première réunion"), ("date", "2012-02-15")];
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
        ("titre", "Rencontre régionale"),
        ("date", "16/06/2099"),
        ("debut", "9h30"),
        ("fin", "12:00"),
        ("lieu", "Lyon"),
        ("a_confirmer", "oui"),
    ];
    let saved = post(&app, &edit, &fields, &steering).await;
    assert_eq!(saved.header("location"), format!("/gestion/rencontres/{meeting}?fait=modifiee"));
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
