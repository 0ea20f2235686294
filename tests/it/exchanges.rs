//! The back office around submitted dossiers: routing rules send dossiers to networks, a
//! referent sees only their network's, messages go both ways with an email that links to them,
//! private annotations never reach the candidate, the steering group reassigns (logged).

use axum::http::StatusCode;
use ptce::db::Db;
use ptce::domain::role::Role;
use serde_json::json;
use uuid::Uuid;

use crate::dossiers::{candidate, complete_answers, get, start, store_answers};
use crate::support::{TestApp, post};
// Other test files once took `staff` from here.
pub(crate) use crate::support::staff;

/// A complete dossier whose lead organisation is in `commune`, with no network chosen, submitted.
pub(crate) async fn submitted(
    app: &TestApp,
    email: &str,
    name: &str,
    commune: &str,
) -> (Uuid, String) {
    submitted_with(app, email, name, commune, |_| {}).await
}

/// As `submitted`, with more answers changed by `edit` before submitting.
pub(crate) async fn submitted_with(
    app: &TestApp,
    email: &str,
    name: &str,
    commune: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) -> (Uuid, String) {
    let cookie = candidate(app, email, name).await;
    let id = start(app, &cookie).await;
    let mut answers = complete_answers();
    answers["lead_commune"] = json!(commune);
    answers["network"] = json!("je-ne-sais-pas");
    answers["pole_name"] = json!(name);
    edit(&mut answers);
    store_answers(app, id, &answers, name).await;
    let version = app.db.db.dossier(id).await.expect("read").expect("dossier").version.to_string();
    let done =
        post(app, &format!("/espace/dossiers/{id}/depot"), &[("version", &version)], &cookie).await;
    assert_eq!(
        done.header("location"),
        format!("/espace/dossiers/{id}?fait=depose"),
        "{}",
        done.body
    );
    (id, cookie)
}

pub(crate) async fn add_rule(
    app: &TestApp,
    steering: &str,
    test: &str,
    values: &str,
    network: &str,
) {
    let fields = [
        ("parcours", ""),
        ("test", test),
        ("champ", "lead_commune"),
        ("valeurs", values),
        ("reseau", network),
    ];
    let added = post(app, "/gestion/appel/routage", &fields, steering).await;
    assert_eq!(added.header("location"), "/gestion/appel/routage?fait=ajoutee", "{}", added.body);
}

/// The text and HTML bodies of the emails queued to an address, oldest first.
pub(crate) async fn emails_to(db: &Db, to: &str) -> Vec<(String, String, String)> {
    let sql = "SELECT subject, body_text, body_html FROM outbox WHERE to_address = $1 \
               ORDER BY created_at, id";
    match db {
        Db::Sqlite(pool, _) => sqlx::query_as(sql).bind(to).fetch_all(pool).await,
        Db::Postgres(pool) => sqlx::query_as(sql).bind(to).fetch_all(pool).await,
    }
    .expect("outbox")
}

#[tokio::test]
async fn dossiers_are_routed_by_rule_and_a_referent_sees_only_their_networks() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let coorace = staff(&app, "ref@coorace.fr", Role::Referent, Some("coorace")).await;
    add_rule(&app, &steering, "department", "26, 07", "coorace").await;
    add_rule(&app, &steering, "region-2011", "73", "rtes").await;
    // Romans-sur-Isère (Drôme, 26), Privas (Ardèche, 07), Castres (Tarn, Midi-Pyrénées in 2011).
    let (romans, _) = submitted(&app, "a@romans.fr", "Pôle Sud Archer", "26281").await;
    let (privas, _) = submitted(&app, "b@privas.fr", "Pôle Ardèche", "07186").await;
    let (castres, _) = submitted(&app, "c@castres.fr", "Pôle Tarn", "81065").await;
    let db = &app.db.db;
    assert_eq!(db.dossier_network(romans).await.expect("read").as_deref(), Some("coorace"));
    assert_eq!(db.dossier_network(privas).await.expect("read").as_deref(), Some("coorace"));
    assert_eq!(db.dossier_network(castres).await.expect("read").as_deref(), Some("rtes"));

    let list = get(&app, "/gestion/dossiers", &coorace).await;
    assert_eq!(list.status, StatusCode::OK);
    let mut titles = list.texts("#dossiers .title");
    titles.sort();
    assert_eq!(titles, ["Pôle Ardèche", "Pôle Sud Archer"]);
    assert_eq!(list.texts("#count"), ["2 dossiers."]);
    let all = get(&app, "/gestion/dossiers", &steering).await;
    assert_eq!(all.texts("#count"), ["3 dossiers."]);
    let rtes_only = get(&app, "/gestion/dossiers?reseau=rtes", &steering).await;
    assert_eq!(rtes_only.texts("#dossiers .title"), ["Pôle Tarn"]);

    // Another network's dossier: refused, and the attempt is in the audit log.
    let refused = get(&app, &format!("/gestion/dossiers/{castres}"), &coorace).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let filter = ptce::db::audit::AuditFilter::default();
    let entries = db.audit_entries(&filter, 100).await.expect("audit");
    assert!(entries.iter().any(|e| e.event == "dossier.access_denied"), "{entries:?}");
    let page = get(&app, &format!("/gestion/dossiers/{romans}"), &coorace).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("#network"), ["COORACE"]);
    assert!(
        page.texts(".history li").iter().any(|l| l.contains("Attribué par une règle de routage"))
    );
}

#[tokio::test]
async fn referent_and_candidate_exchange_messages_and_annotations_stay_private() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let coorace = staff(&app, "ref@coorace.fr", Role::Referent, Some("coorace")).await;
    add_rule(&app, &steering, "department", "26", "coorace").await;
    let (id, candidate_cookie) = submitted(&app, "a@romans.fr", "Pôle Sud Archer", "26281").await;

    let note = "Secret : à rapprocher du dossier Ardèche <b>avant</b> le comité.";
    let annotated =
        post(&app, &format!("/gestion/dossiers/{id}/annotations"), &[("texte", note)], &coorace)
            .await;
    assert_eq!(annotated.status, StatusCode::SEE_OTHER);
    let question =
        "Bonjour, pouvez-vous préciser le budget de l’année 2 ? <script>alert(1)</script>";
    let sent =
        post(&app, &format!("/gestion/dossiers/{id}/messages"), &[("texte", question)], &coorace)
            .await;
    assert_eq!(sent.header("location"), format!("/gestion/dossiers/{id}?fait=message#messages"));

    let db = &app.db.db;
    let to_candidate = emails_to(db, "a@romans.fr").await;
    let (subject, text, html) = to_candidate.last().expect("an email to the candidate").clone();
    assert_eq!(subject, "Nouveau message sur le dossier A-0001");
    assert!(text.contains(&format!("/espace/dossiers/{id}/messages")), "{text}");
    assert!(text.contains("Camille Martin, COORACE"), "{text}");
    for body in [&text, &html] {
        assert!(!body.contains("budget de l’année 2"), "the message itself is not emailed");
        assert!(!body.contains("Secret"), "no annotation in an email");
    }

    let thread = get(&app, &format!("/espace/dossiers/{id}/messages"), &candidate_cookie).await;
    assert_eq!(thread.status, StatusCode::OK);
    assert_eq!(thread.texts("#thread .thread__body"), [question]);
    assert!(!thread.body.contains("<script>alert(1)</script>"), "escaped");
    for page in [&thread, &get(&app, &format!("/espace/dossiers/{id}"), &candidate_cookie).await] {
        assert!(!page.body.contains("Secret"), "no annotation in the candidate's pages");
    }

    let answer = "Le budget de l’année 2 est de 80 000 €.";
    let answered = post(
        &app,
        &format!("/espace/dossiers/{id}/messages"),
        &[("texte", answer)],
        &candidate_cookie,
    )
    .await;
    assert_eq!(
        answered.header("location"),
        format!("/espace/dossiers/{id}/messages?fait=envoye#thread")
    );
    let to_referent = emails_to(db, "ref@coorace.fr").await;
    assert_eq!(to_referent.len(), 1);
    assert_eq!(to_referent[0].0, "Nouveau message sur le dossier A-0001");
    assert!(to_referent[0].1.contains(&format!("/gestion/dossiers/{id}#messages")));
    assert!(emails_to(db, "copil@ptce.fr").await.is_empty(), "the network's referents only");

    let list = get(&app, "/gestion/dossiers", &coorace).await;
    assert_eq!(list.texts("#dossiers td strong"), ["1"], "one unread message");
    let page = get(&app, &format!("/gestion/dossiers/{id}"), &coorace).await;
    assert_eq!(page.texts("#thread .thread__body"), [question, answer]);
    assert_eq!(page.texts(".thread--private .thread__body"), [note]);
    let list = get(&app, "/gestion/dossiers", &coorace).await;
    assert!(list.texts("#dossiers td strong").is_empty(), "read once the page was seen");
    let thread = get(&app, &format!("/espace/dossiers/{id}/messages"), &candidate_cookie).await;
    assert!(
        thread.texts(".thread__read").iter().any(|r| r.starts_with("· lu le ")),
        "read status shown"
    );
}

#[tokio::test]
async fn an_empty_message_is_refused_next_to_the_field_and_the_text_kept() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, cookie) = submitted(&app, "a@romans.fr", "Pôle Sud Archer", "26281").await;
    let refused =
        post(&app, &format!("/espace/dossiers/{id}/messages"), &[("texte", "  ")], &cookie).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(refused.texts("#message-error"), ["Écrivez votre message."]);
    let long = "x".repeat(10_001);
    let refused =
        post(&app, &format!("/gestion/dossiers/{id}/annotations"), &[("texte", &long)], &steering)
            .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#annotation-error"),
        [
            "Le texte fait 10001 caractères ; la limite est de 10000. Raccourcissez-le ou joignez un document."
        ]
    );
    assert_eq!(refused.texts("#annotation").first().map(String::len), Some(10_001));
}

#[tokio::test]
async fn a_rule_on_an_unknown_field_is_refused_with_the_reason_and_nothing_stored() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let fields =
        [("test", "department"), ("champ", "ville"), ("valeurs", "26"), ("reseau", "coorace")];
    let refused = post(&app, "/gestion/appel/routage", &fields, &steering).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#champ-error"),
        ["Le champ « ville » n’existe dans aucun formulaire concerné par la règle."]
    );
    let call = app.db.db.current_call().await.expect("read").expect("call");
    assert!(app.db.db.routing_rules(call.id).await.expect("rules").is_empty());
}

#[tokio::test]
async fn the_steering_group_reassigns_a_dossier_and_the_history_says_so() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let rtes = staff(&app, "ref@rtes.fr", Role::Referent, Some("rtes")).await;
    let (id, _) = submitted(&app, "a@romans.fr", "Pôle Sud Archer", "26281").await;
    assert_eq!(app.db.db.dossier_network(id).await.expect("read"), None, "no rule: not routed");
    let unrouted = get(&app, "/gestion/dossiers?reseau=aucun", &steering).await;
    assert_eq!(unrouted.texts("#dossiers .title"), ["Pôle Sud Archer"]);
    assert_eq!(
        get(&app, &format!("/gestion/dossiers/{id}"), &rtes).await.status,
        StatusCode::FORBIDDEN
    );
    let refused =
        post(&app, &format!("/gestion/dossiers/{id}/reseau"), &[("reseau", "rtes")], &rtes).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let moved =
        post(&app, &format!("/gestion/dossiers/{id}/reseau"), &[("reseau", "rtes")], &steering)
            .await;
    assert_eq!(moved.header("location"), format!("/gestion/dossiers/{id}?fait=reseau"));
    let page = get(&app, &format!("/gestion/dossiers/{id}"), &rtes).await;
    assert_eq!(page.status, StatusCode::OK);
    let history = page.texts(".history li");
    assert!(
        history.iter().any(|l| l.contains("Réattribué (Camille Martin) : RTES")),
        "{history:?}"
    );
}

/// The notes of a dossier's `reassigned` history rows, oldest first.
async fn reassignment_notes(db: &Db, id: Uuid) -> Vec<Option<String>> {
    let sql = "SELECT note FROM dossier_events WHERE dossier_id = $1 AND kind = 'reassigned' \
               ORDER BY at";
    match db {
        Db::Sqlite(pool, _) => sqlx::query_scalar(sql).bind(id).fetch_all(pool).await,
        Db::Postgres(pool) => sqlx::query_scalar(sql).bind(id).fetch_all(pool).await,
    }
    .expect("notes")
}

#[tokio::test]
async fn a_dossier_moved_to_no_network_keeps_no_note_and_its_history_says_not_assigned() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, _) = submitted(&app, "a@romans.fr", "Pôle Sud Archer", "26281").await;
    let path = format!("/gestion/dossiers/{id}/reseau");
    for network in ["rtes", ""] {
        let moved = post(&app, &path, &[("reseau", network)], &steering).await;
        assert_eq!(moved.header("location"), format!("/gestion/dossiers/{id}?fait=reseau"));
    }
    assert_eq!(reassignment_notes(&app.db.db, id).await, [Some("rtes".to_owned()), None]);
    let last_line = async || {
        let page = get(&app, &format!("/gestion/dossiers/{id}"), &steering).await;
        page.texts(".history li").last().cloned().unwrap_or_default()
    };
    let line = last_line().await;
    assert!(line.ends_with("Réattribué (Camille Martin) : Non attribué"), "{line}");
    // Rows written before carry "—" for no network: they read the same.
    let sql = "UPDATE dossier_events SET note = '—' WHERE dossier_id = $1 AND note IS NULL \
               AND kind = 'reassigned'";
    let changed = match &app.db.db {
        Db::Sqlite(pool, _) => {
            sqlx::query(sql).bind(id).execute(pool).await.map(|r| r.rows_affected())
        }
        Db::Postgres(pool) => {
            sqlx::query(sql).bind(id).execute(pool).await.map(|r| r.rows_affected())
        }
    }
    .expect("old note");
    assert_eq!(changed, 1);
    let line = last_line().await;
    assert!(line.ends_with("Réattribué (Camille Martin) : Non attribué"), "{line}");
}
