//! Dossiers as candidates live them: starting one, saving sections (invalid text kept, conflicts
//! shown, typed text kept across an expired session), submitting once with a receipt, the
//! deadline, and never reaching another organisation's dossier.

use axum::http::StatusCode;
use ptce::db::dossiers::{SaveAnswers, Saved};
use ptce::domain::call::CallDates;
use serde_json::{Value, json};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::support::{TestApp, TestResponse, confirmed_candidate, post, session_for};

const PASSWORD: &str = "nos coopérations durables";

/// A confirmed candidate with an organisation, logged in: its session cookie.
pub(crate) async fn candidate(app: &TestApp, email: &str, organisation: &str) -> String {
    let id = confirmed_candidate(app, email, "Christophe Chevalier", organisation, PASSWORD).await;
    session_for(app, id).await
}

pub(crate) async fn get(app: &TestApp, path: &str, cookie: &str) -> TestResponse {
    app.get_with(path, &[("cookie", cookie)]).await
}

/// Starts a track-A dossier; its id, read from the redirect to its first section.
pub(crate) async fn start(app: &TestApp, cookie: &str) -> Uuid {
    let started = post(app, "/espace/dossiers", &[("parcours", "established")], cookie).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    let location = started.header("location").to_owned();
    let id = location
        .strip_prefix("/espace/dossiers/")
        .and_then(|rest| rest.split('/').next())
        .expect("a dossier path");
    assert!(location.ends_with("/sections/pole"), "{location}");
    Uuid::parse_str(id).expect("uuid")
}

fn file(name: &str) -> Value {
    json!({ "id": "0190c2b0-7d3c-7c2e-9a3e-1f2a3b4c5d6e", "name": name, "size": 120_000, "type": "pdf" })
}

/// Every required answer of track A given, every check holding.
pub(crate) fn complete_answers() -> Value {
    json!({
        "pole_name": "Pôle Sud Archer",
        "lead_name": "Groupe Archer",
        "lead_legal_form": "association",
        "lead_siret": "73282932000074",
        "lead_ess": true,
        "lead_address": "8 rue Pierre Curie",
        "lead_commune": "81065",
        "contact_name": "Christophe Chevalier",
        "contact_email": "cc@archer.fr",
        "network": "coorace",
        "territory_scale": "intercommunalite",
        "territory_communes": ["81065", "02142"],
        "publication_consent": true,
        "sworn_statement": true,
        "signed_on": "2011-11-28",
        "year_started": 2007,
        "genesis": "Né de la crise de la chaussure à Romans.",
        "legal_vehicle": "association",
        "profile": "multi-activites",
        "sectors": ["iae", "textile"],
        "members": [
            { "name": "Groupe Archer", "category": "entreprise-ess", "ess": true,
              "commune": "81065", "role": "fondateur" },
            { "name": "Les Chaussures Clergerie", "category": "entreprise-hors-ess", "ess": false,
              "commune": "81065", "role": "membre-actif" },
            { "name": "Ville de Castres", "category": "collectivite", "ess": false,
              "commune": "81065", "role": "partenaire-associe" }
        ],
        "shared_strategy": "Relocaliser la production.",
        "mutualisations": ["locaux"],
        "joint_projects": [{ "title": "Made in Romans", "partners": "Archer", "status": "en-cours" }],
        "activity": [{ "year": 2010, "direct_jobs": 120, "fte": 98.5, "turnover": 500_000_000,
                       "public_funding": 100_000_000, "own_revenue": 400_000_000 }],
        "innovation_kinds": ["sociale"],
        "innovation_description": "Une coopérative de production de chaussures.",
        "local_needs": "Emploi après les fermetures d’usines.",
        "local_partners": "Ville, agglomération.",
        "governance": "Un comité de pilotage mensuel.",
        "decision_bodies": "Assemblée générale",
        "action_plan": [{ "action": "Atelier partagé", "objective": "20 emplois",
                          "start": "2012-01-01", "lead": "Groupe Archer" }],
        "support_needs": ["accompagnement"],
        "budget": [{ "year": "1", "category": "personnel", "amount": 10_000_000 }],
        "resources": [
            { "year": "1", "source": "autofinancement", "amount": 7_500_000, "status": "acquis" },
            { "year": "1", "source": "appel-ptce", "amount": 2_500_000, "status": "sollicite" }
        ],
        "amount_requested": 2_500_000,
        "statutes": file("statuts.pdf"),
        "accounts": file("comptes-2010.pdf"),
        "commitment_letters": [file("lettre-clergerie.pdf")]
    })
}

/// Writes answers straight into a dossier (the pages' saves are tested on their own).
async fn store(app: &TestApp, id: Uuid, answers: &Value) {
    store_answers(app, id, answers, "Pôle Sud Archer").await;
}

/// Writes answers and the title shown in lists straight into a dossier.
pub(crate) async fn store_answers(app: &TestApp, id: Uuid, answers: &Value, title: &str) {
    let dossier = app.db.db.dossier(id).await.expect("read").expect("dossier");
    let creator = app.db.db.dossier_creator(id).await.expect("read").expect("creator");
    let save = SaveAnswers {
        id,
        read_version: dossier.version,
        read_section_versions: &dossier.section_versions,
        section: "pole",
        answers,
        title,
        network_id: None,
        by: creator,
    };
    let saved = app.db.db.save_answers(&save, OffsetDateTime::now_utc()).await.expect("saved");
    assert!(matches!(saved, ptce::db::dossiers::Saved::Written { .. }), "{saved:?}");
}

fn input_value(page: &TestResponse, id: &str) -> Option<String> {
    let html = page.html();
    let selector = scraper::Selector::parse(&format!("#{id}")).expect("selector");
    html.select(&selector).next().and_then(|e| e.value().attr("value")).map(str::to_owned)
}

#[tokio::test]
async fn a_candidate_starts_a_track_a_dossier_and_sees_its_first_section_and_progress() {
    let app = TestApp::new().await;
    let cookie = candidate(&app, "cc@archer.fr", "Groupe Archer").await;
    let id = start(&app, &cookie).await;
    let first = get(&app, &format!("/espace/dossiers/{id}/sections/pole"), &cookie).await;
    assert_eq!(first.status, StatusCode::OK);
    assert_eq!(first.texts("h1"), ["Le pôle et sa structure porteuse"]);
    assert_eq!(first.texts(".step-count"), ["Étape 1 sur 15"]);
    let summary = get(&app, &format!("/espace/dossiers/{id}"), &cookie).await;
    assert_eq!(summary.texts("#state"), ["Brouillon"]);
    assert_eq!(summary.texts(".reference"), ["A-0001"]);
    let space = get(&app, "/espace", &cookie).await;
    assert_eq!(space.texts("#dossiers tbody tr td:first-child"), ["A-0001"]);
}

#[tokio::test]
async fn an_invalid_siret_is_saved_as_typed_and_explained_next_to_the_field() {
    let app = TestApp::new().await;
    let cookie = candidate(&app, "cc@archer.fr", "Groupe Archer").await;
    let id = start(&app, &cookie).await;
    let path = format!("/espace/dossiers/{id}/sections/pole");
    let saved = post(
        &app,
        &path,
        &[
            ("_version", "0"),
            ("_action", "next"),
            ("pole_name", "Pôle Sud Archer"),
            ("lead_siret", "732 829 320 00075"),
        ],
        &cookie,
    )
    .await;
    assert_eq!(saved.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", saved.body);
    let error = saved.texts("#f-lead_siret-error");
    assert_eq!(error.len(), 1);
    assert!(error[0].starts_with("numéro SIRET invalide"), "{error:?}");
    assert_eq!(input_value(&saved, "f-lead_siret").as_deref(), Some("732 829 320 00075"));
    let page = get(&app, &path, &cookie).await;
    assert_eq!(input_value(&page, "f-pole_name").as_deref(), Some("Pôle Sud Archer"));
    assert_eq!(input_value(&page, "f-lead_siret").as_deref(), Some("732 829 320 00075"));
}

#[tokio::test]
async fn a_commune_typed_by_a_name_two_departments_share_is_chosen_among_its_homonyms() {
    let app = TestApp::new().await;
    let cookie = candidate(&app, "cc@archer.fr", "Groupe Archer").await;
    let id = start(&app, &cookie).await;
    let path = format!("/espace/dossiers/{id}/sections/pole");
    let ambiguous =
        post(&app, &path, &[("_version", "0"), ("lead_commune", "Castres")], &cookie).await;
    assert_eq!(ambiguous.status, StatusCode::UNPROCESSABLE_ENTITY);
    let mut choices = ambiguous.texts(".commune-choices label");
    choices.sort();
    assert_eq!(choices, ["Castres (02 — Aisne)", "Castres (81 — Tarn)"]);
    let chosen = post(
        &app,
        &path,
        &[("_version", "1"), ("lead_commune", "Castres"), ("lead_commune.choice", "02142")],
        &cookie,
    )
    .await;
    assert_eq!(chosen.status, StatusCode::SEE_OTHER, "{}", chosen.body);
    let dossier = app.db.db.dossier(id).await.expect("read").expect("dossier");
    assert_eq!(dossier.answers["lead_commune"], json!("02142"));
}

#[tokio::test]
async fn two_people_saving_the_same_section_from_the_same_version_never_lose_a_word() {
    let app = TestApp::new().await;
    let first = candidate(&app, "cc@archer.fr", "Groupe Archer").await;
    let id = start(&app, &first).await;
    // A second session of the same organisation: the same person in another browser.
    let second = {
        let dossier = app.db.db.dossier(id).await.expect("read").expect("dossier");
        let user = app.db.db.dossier_creator(dossier.id).await.expect("read").expect("creator");
        session_for(&app, user).await
    };
    let path = format!("/espace/dossiers/{id}/sections/history");
    let mine = post(
        &app,
        &path,
        &[("_version", "0"), ("_action", "save"), ("genesis", "Version de la première personne")],
        &first,
    )
    .await;
    assert_eq!(mine.status, StatusCode::SEE_OTHER, "{}", mine.body);
    let theirs = post(
        &app,
        &path,
        &[("_version", "0"), ("_action", "save"), ("genesis", "Version de la seconde personne")],
        &second,
    )
    .await;
    assert_eq!(theirs.status, StatusCode::CONFLICT);
    assert_eq!(
        theirs.texts("#conflict h2"),
        ["Quelqu’un a modifié cette étape pendant que vous la remplissiez"]
    );
    assert_eq!(theirs.texts("#f-genesis"), ["Version de la seconde personne"]);
    let shown = theirs.texts("#f-genesis-theirs p:first-child");
    assert_eq!(shown, ["Valeur enregistrée entre-temps : Version de la première personne"]);
    let stored = app.db.db.dossier(id).await.expect("read").expect("dossier");
    assert_eq!(stored.answers["genesis"], json!("Version de la première personne"));
    // The second person keeps their text: the page now carries the current version.
    let resolved = post(
        &app,
        &path,
        &[
            ("_version", "1"),
            ("_action", "save"),
            ("genesis", "Version de la seconde personne"),
            ("_keep.genesis", "mine"),
        ],
        &second,
    )
    .await;
    assert_eq!(resolved.status, StatusCode::SEE_OTHER, "{}", resolved.body);
    let stored = app.db.db.dossier(id).await.expect("read").expect("dossier");
    assert_eq!(stored.answers["genesis"], json!("Version de la seconde personne"));
}

#[tokio::test]
async fn a_save_after_the_session_expired_keeps_the_typed_text_until_the_person_is_back() {
    let app = TestApp::new().await;
    let cookie = candidate(&app, "cc@archer.fr", "Groupe Archer").await;
    let id = start(&app, &cookie).await;
    let path = format!("/espace/dossiers/{id}/sections/history");
    let expired = app
        .post_form(
            &path,
            &[("_version", "0"), ("genesis", "Un long texte tapé pendant une heure")],
            &[("cookie", "ptce_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")],
        )
        .await;
    assert_eq!(expired.status, StatusCode::SEE_OTHER);
    let login = expired.header("location").to_owned();
    assert!(login.starts_with("/connexion?retour="), "{login}");
    let back: String =
        url::form_urlencoded::parse(login.split_once('?').expect("query").1.as_bytes())
            .find(|(k, _)| k == "retour")
            .map(|(_, v)| v.into_owned())
            .expect("retour");
    assert!(back.starts_with(&format!("{path}?reprise=")), "{back}");
    let kept = get(&app, &back, &cookie).await;
    assert_eq!(kept.status, StatusCode::OK);
    assert_eq!(kept.texts("#f-genesis"), ["Un long texte tapé pendant une heure"]);
    assert_eq!(kept.texts(".notice--kept p").len(), 1);
    // Given back once: the link does not work a second time.
    let again = get(&app, &back, &cookie).await;
    assert_eq!(again.texts("#f-genesis"), [""]);
}

#[tokio::test]
async fn a_complete_dossier_is_submitted_once_even_when_the_form_is_sent_twice() {
    let app = TestApp::new().await;
    let cookie = candidate(&app, "cc@archer.fr", "Groupe Archer").await;
    let id = start(&app, &cookie).await;
    store(&app, id, &complete_answers()).await;
    let page = get(&app, &format!("/espace/dossiers/{id}"), &cookie).await;
    assert_eq!(page.texts("#nothing-missing").len(), 1, "{:?}", page.texts("#missing li"));
    let version = app.db.db.dossier(id).await.expect("read").expect("dossier").version.to_string();
    let path = format!("/espace/dossiers/{id}/depot");
    let fields = [("version", version.as_str())];
    let (one, two) =
        tokio::join!(post(&app, &path, &fields, &cookie), post(&app, &path, &fields, &cookie));
    let mut locations = vec![one.header("location").to_owned(), two.header("location").to_owned()];
    locations.sort();
    assert_eq!(
        locations,
        [
            format!("/espace/dossiers/{id}?fait=deja-depose"),
            format!("/espace/dossiers/{id}?fait=depose")
        ]
    );
    let submissions = app.db.db.submissions(id).await.expect("submissions");
    assert_eq!(submissions.len(), 1);
    let kinds: Vec<String> =
        app.db.db.dossier_events(id).await.expect("events").into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, ["created", "submitted"]);
    let after = get(&app, &format!("/espace/dossiers/{id}"), &cookie).await;
    assert_eq!(after.texts("#state"), ["Déposé"]);
    assert_eq!(after.texts("#network"), ["COORACE"]);
    assert_eq!(after.texts("#unchanged").len(), 1);
    assert!(after.texts("#submit-title").is_empty(), "nothing new to submit");
    let receipt = get(&app, &format!("/espace/dossiers/{id}/recepisses/1"), &cookie).await;
    assert_eq!(receipt.status, StatusCode::OK);
    assert_eq!(receipt.header("content-type"), "application/pdf");
    assert_eq!(
        receipt.header("content-disposition"),
        "attachment; filename=\"recepisse-A-0001-1.pdf\""
    );
    let emails = app.db.db.claim_due_emails(OffsetDateTime::now_utc(), 10).await.expect("emails");
    let receipts: Vec<_> = emails.iter().filter(|e| e.kind == "submission-receipt").collect();
    assert_eq!(receipts.len(), 1);
    assert_eq!(receipts[0].to, "cc@archer.fr");
    assert_eq!(receipts[0].attachments.len(), 1);
    assert_eq!(receipts[0].attachments[0].filename, "recepisse-A-0001-1.pdf");
    assert!(receipts[0].attachments[0].data.starts_with(b"%PDF-"));
}

#[tokio::test]
async fn an_incomplete_dossier_is_not_submitted_and_the_summary_lists_what_is_missing() {
    let app = TestApp::new().await;
    let cookie = candidate(&app, "cc@archer.fr", "Groupe Archer").await;
    let id = start(&app, &cookie).await;
    let refused =
        post(&app, &format!("/espace/dossiers/{id}/depot"), &[("version", "0")], &cookie).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#refusal p"),
        ["Des réponses obligatoires manquent ou sont à corriger : voir « Ce qui manque »."]
    );
    assert!(refused.texts("#missing li").len() >= 30, "{:?}", refused.texts("#missing li"));
    assert!(app.db.db.submissions(id).await.expect("submissions").is_empty());
}

#[tokio::test]
async fn with_the_original_2011_dates_submission_is_refused_with_the_closing_date_shown() {
    let app = TestApp::with_dates(CallDates::Original).await;
    let cookie = candidate(&app, "cc@archer.fr", "Groupe Archer").await;
    let id = start(&app, &cookie).await;
    store(&app, id, &complete_answers()).await;
    let version = app.db.db.dossier(id).await.expect("read").expect("dossier").version.to_string();
    let refused =
        post(&app, &format!("/espace/dossiers/{id}/depot"), &[("version", &version)], &cookie)
            .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        refused.texts("#refusal p"),
        [
            "La période de dépôt est close depuis le 30 novembre 2011 à 23 h 59 (heure de Paris). Le dossier n’a pas été déposé."
        ]
    );
    assert!(app.db.db.submissions(id).await.expect("submissions").is_empty());
}

#[tokio::test]
async fn another_organisation_can_neither_see_nor_change_a_dossier() {
    let app = TestApp::new().await;
    let owner = candidate(&app, "cc@archer.fr", "Groupe Archer").await;
    let other = candidate(&app, "someone@elsewhere.fr", "Ailleurs").await;
    let id = start(&app, &owner).await;
    for path in [format!("/espace/dossiers/{id}"), format!("/espace/dossiers/{id}/sections/pole")] {
        assert_eq!(get(&app, &path, &other).await.status, StatusCode::NOT_FOUND, "{path}");
    }
    let save = post(
        &app,
        &format!("/espace/dossiers/{id}/sections/pole"),
        &[("_version", "0"), ("pole_name", "Détourné")],
        &other,
    )
    .await;
    assert_eq!(save.status, StatusCode::NOT_FOUND);
    let submit =
        post(&app, &format!("/espace/dossiers/{id}/depot"), &[("version", "0")], &other).await;
    assert_eq!(submit.status, StatusCode::NOT_FOUND);
    let dossier = app.db.db.dossier(id).await.expect("read").expect("dossier");
    assert_eq!(dossier.answers, json!({}));
}

#[tokio::test]
async fn saves_arriving_together_on_many_dossiers_are_all_written_and_of_two_from_one_version_only_one()
 {
    let app = TestApp::new().await;
    let mut dossiers = Vec::new();
    for i in 0..6 {
        let cookie = candidate(&app, &format!("c{i}@archer.fr"), &format!("Pôle {i}")).await;
        dossiers.push(start(&app, &cookie).await);
    }
    let db = &app.db.db;
    let mut read = Vec::new();
    for id in &dossiers {
        let dossier = db.dossier(*id).await.expect("read").expect("dossier");
        let by = db.dossier_creator(*id).await.expect("read").expect("creator");
        read.push((dossier, by));
    }
    let answers: Vec<Value> =
        (0..6).map(|i| json!({ "pole_name": format!("Pôle coopératif {i}") })).collect();
    let titles: Vec<[String; 2]> =
        (0..6).map(|i| [format!("Premier {i}"), format!("Second {i}")]).collect();
    // Twelve saves at once: for each dossier, two computed from the same version.
    let saves = read.iter().enumerate().flat_map(|(i, (dossier, by))| {
        let (answers, titles) = (&answers[i], &titles[i]);
        (0..2).map(move |k| async move {
            let save = SaveAnswers {
                id: dossier.id,
                read_version: dossier.version,
                read_section_versions: &dossier.section_versions,
                section: "pole",
                answers,
                title: &titles[k],
                network_id: None,
                by: *by,
            };
            (i, k, db.save_answers(&save, OffsetDateTime::now_utc()).await.expect("saved"))
        })
    });
    let outcomes = futures_util::future::join_all(saves).await;
    for i in 0..6 {
        let written: Vec<usize> = outcomes
            .iter()
            .filter(|(d, _, saved)| *d == i && matches!(saved, Saved::Written { .. }))
            .map(|(_, k, _)| *k)
            .collect();
        assert_eq!(written.len(), 1, "dossier {i}: {outcomes:?}");
        let stored = db.dossier(dossiers[i]).await.expect("read").expect("dossier");
        assert_eq!(stored.title, titles[i][written[0]]);
        assert_eq!(stored.version, read[i].0.version + 1);
        assert_eq!(stored.answers["pole_name"], format!("Pôle coopératif {i}"));
        assert_eq!(stored.section_versions.get("pole"), Some(&1));
    }
}
