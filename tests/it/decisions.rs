//! Decision letters: the steering group writes the letter of each outcome (a text that does not
//! read is refused with its reason), releases decisions one dossier at a time (its members get
//! exactly one email, the letter with the dossier's values; other prepared decisions stay
//! hidden), the letter is a PDF only after release, and a redirected dossier changes track.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use ptce::db::Db;
use ptce::domain::role::Role;
use tower::ServiceExt;
use uuid::Uuid;

use crate::dossiers::get;
use crate::exchanges::submitted;
use crate::support::{TestApp, post, staff};

async fn prepare(app: &TestApp, id: Uuid, fields: &[(&str, &str)], steering: &str) {
    let done = post(app, &format!("/gestion/dossiers/{id}/decision"), fields, steering).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
}

/// The decision emails sent to an address: (subject, text).
async fn decision_emails(db: &Db, to: &str) -> Vec<(String, String)> {
    let sql = "SELECT subject, body_text FROM outbox WHERE to_address = $1 AND kind = 'decision' \
               ORDER BY created_at";
    match db {
        Db::Sqlite(pool, _) => sqlx::query_as(sql).bind(to).fetch_all(pool).await,
        Db::Postgres(pool) => sqlx::query_as(sql).bind(to).fetch_all(pool).await,
    }
    .expect("emails")
}

async fn all_decision_emails(db: &Db) -> i64 {
    let sql = "SELECT COUNT(*) FROM outbox WHERE kind = 'decision'";
    match db {
        Db::Sqlite(pool, _) => sqlx::query_scalar(sql).fetch_one(pool).await,
        Db::Postgres(pool) => sqlx::query_scalar(sql).fetch_one(pool).await,
    }
    .expect("count")
}

/// A GET whose body is kept as bytes (a PDF).
async fn download(app: &TestApp, path: &str, cookie: &str) -> (StatusCode, String, Vec<u8>) {
    let request = Request::get(path).header("cookie", cookie).body(Body::empty()).expect("request");
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

fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("lettre.pdf");
    std::fs::write(&path, bytes).expect("write");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout"])
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

async fn reference(app: &TestApp, id: Uuid) -> String {
    app.db.db.dossier(id).await.expect("read").expect("dossier").reference
}

#[tokio::test]
async fn a_letter_with_an_unknown_variable_is_refused_with_its_reason_next_to_the_field() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let page = get(&app, "/gestion/selection/courriers", &steering).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.texts("#variables dt"),
        [
            "{titre}",
            "{reference}",
            "{organisation}",
            "{parcours}",
            "{decision}",
            "{motivation}",
            "{lien}",
            "{appel}"
        ]
    );
    assert_eq!(
        page.texts("#lettre-selected-fr .version"),
        ["Texte par défaut de l’appel (jamais modifié)."]
    );

    let fields = [
        ("outcome", "selected"),
        ("langue", "fr"),
        ("subject", "Décision sur {reference}"),
        ("body", "Madame, Monsieur,\nVotre dossier {numero} est retenu."),
    ];
    let refused = post(&app, "/gestion/selection/courriers", &fields, &steering).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#body-lettre-selected-fr-error"),
        ["La variable {numero} n’existe pas (ligne 2, caractère 15). Variables possibles : \
             {titre}, {reference}, {organisation}, {parcours}, {decision}, {motivation}, {lien}, \
             {appel}."]
    );
    assert!(refused.texts("#subject-lettre-selected-fr-error").is_empty());
    // The text typed comes back as it was, to be corrected.
    assert_eq!(
        refused.texts("#body-lettre-selected-fr"),
        ["Madame, Monsieur, Votre dossier {numero} est retenu."]
    );

    let unclosed =
        [("outcome", "selected"), ("langue", "en"), ("subject", "{titre"), ("body", "x")];
    let refused = post(&app, "/gestion/selection/courriers", &unclosed, &steering).await;
    assert_eq!(
        refused.texts("#subject-lettre-selected-en-error"),
        ["Accolade ouverte sans accolade fermante (ligne 1, caractère 1) : fermez la variable \
             par }, ou écrivez {{ pour une accolade seule."]
    );

    let fields = [
        ("outcome", "selected"),
        ("langue", "fr"),
        ("subject", "Décision sur {reference}"),
        ("body", "Madame, Monsieur,\nVotre dossier {reference} est retenu."),
    ];
    let saved = post(&app, "/gestion/selection/courriers", &fields, &steering).await;
    assert_eq!(
        saved.header("location"),
        "/gestion/selection/courriers?fait=enregistre#lettre-selected-fr"
    );
    let page = get(&app, "/gestion/selection/courriers?fait=enregistre", &steering).await;
    assert_eq!(
        page.texts("#notice"),
        ["Texte enregistré ; il servira aux prochaines publications."]
    );
    let version = page.texts("#lettre-selected-fr .version");
    assert!(version[0].starts_with("Version du "), "{version:?}");
    assert!(version[0].ends_with(", par Camille Martin."), "{version:?}");
    assert_eq!(page.texts("#versions tbody tr td:nth-child(5)"), ["Décision sur {reference}"]);
    // No dossier yet: the preview is made with an example.
    let previews = page.texts("#lettre-selected-fr .letter-preview__subject");
    assert_eq!(previews, ["Décision sur A-0001"]);
}

#[tokio::test]
async fn releasing_one_dossier_emails_its_members_the_filled_letter_and_keeps_the_other_hidden() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (drome, drome_cookie) = submitted(&app, "a@drome.fr", "Pôle Drôme", "26281").await;
    let (tarn, tarn_cookie) = submitted(&app, "c@tarn.fr", "Pôle Tarn", "81065").await;
    let letter = [
        ("outcome", "selected"),
        ("langue", "fr"),
        ("subject", "Décision {reference} : {decision}"),
        ("body", "Bonjour {organisation},\n{titre} — {parcours} — {motivation}\n{lien}\n{appel}"),
    ];
    let saved = post(&app, "/gestion/selection/courriers", &letter, &steering).await;
    assert_eq!(saved.status, StatusCode::SEE_OTHER, "{}", saved.body);
    prepare(
        &app,
        drome,
        &[("outcome", "selected"), ("motivation", "Coopération exemplaire.")],
        &steering,
    )
    .await;
    prepare(
        &app,
        tarn,
        &[("outcome", "waiting-list"), ("motivation", "Plan d’action à préciser.")],
        &steering,
    )
    .await;

    let page = get(&app, &format!("/gestion/dossiers/{drome}"), &steering).await;
    assert_eq!(page.texts("#decision-outcome"), ["Retenu"]);
    assert_eq!(page.texts("#release-one"), ["Publier cette décision"]);
    let released =
        post(&app, &format!("/gestion/dossiers/{drome}/decision/publication"), &[], &steering)
            .await;
    assert_eq!(released.header("location"), format!("/gestion/dossiers/{drome}#decision"));
    let again =
        post(&app, &format!("/gestion/dossiers/{drome}/decision/publication"), &[], &steering)
            .await;
    assert_eq!(again.status, StatusCode::SEE_OTHER);

    let db = &app.db.db;
    let drome_ref = reference(&app, drome).await;
    let base = app.state.settings.base_url.as_str().trim_end_matches('/').to_owned();
    let emails = decision_emails(db, "a@drome.fr").await;
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].0, format!("Décision {drome_ref} : Retenu"));
    let expected = format!(
        "Bonjour Pôle Drôme,\nPôle Drôme — PTCE opérationnel — candidature aux dix premiers PTCE \
         — Coopération exemplaire.\n{base}/espace/dossiers/{drome}\nValoriser et développer les \
         Pôles Territoriaux de Coopération Economique\n\nVotre lettre de décision (PDF) :\n\
         {base}/espace/dossiers/{drome}/decision.pdf\n"
    );
    assert!(emails[0].1.starts_with(&expected), "{}", emails[0].1);
    assert_eq!(all_decision_emails(db).await, 1);
    assert!(decision_emails(db, "c@tarn.fr").await.is_empty());

    let page = get(&app, &format!("/espace/dossiers/{drome}"), &drome_cookie).await;
    assert_eq!(page.texts("#state"), ["Retenu"]);
    assert_eq!(page.texts("#decision-subject"), [format!("Décision {drome_ref} : Retenu")]);
    let page = get(&app, &format!("/espace/dossiers/{tarn}"), &tarn_cookie).await;
    assert_eq!(page.texts("#state"), ["Déposé"]);
    assert!(page.texts("#decision").is_empty());
    for hidden in ["Plan d’action à préciser", "Liste d’attente"] {
        assert!(!page.body.contains(hidden), "{hidden} shown before release");
    }
    let board = get(&app, "/gestion/selection?parcours=established", &steering).await;
    assert_eq!(board.texts(&format!("#d-{drome} .letter-link")), ["Lettre de décision (PDF)"]);
    assert_eq!(
        board.texts(&format!("#d-{tarn} .release-one-form button")),
        [format!("Publier cette décision {}", reference(&app, tarn).await)]
    );
}

#[tokio::test]
async fn the_decision_letter_is_a_pdf_for_the_candidate_only_after_release() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (drome, drome_cookie) = submitted(&app, "a@drome.fr", "Pôle Drôme", "26281").await;
    let (_, tarn_cookie) = submitted(&app, "c@tarn.fr", "Pôle Tarn", "81065").await;
    prepare(
        &app,
        drome,
        &[("outcome", "not-selected"), ("motivation", "Partenariat encore trop restreint.")],
        &steering,
    )
    .await;
    let path = format!("/espace/dossiers/{drome}/decision.pdf");
    let (status, _, _) = download(&app, &path, &drome_cookie).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let staff_path = format!("/gestion/dossiers/{drome}/decision.pdf");
    assert_eq!(download(&app, &staff_path, &steering).await.0, StatusCode::NOT_FOUND);

    // Released from its row of the board.
    let fields = [("parcours", "established"), ("dossier", &drome.to_string())];
    let released = post(&app, "/gestion/selection/publication", &fields, &steering).await;
    assert_eq!(
        released.header("location"),
        "/gestion/selection?parcours=established&fait=publication&n=1"
    );
    let reference = reference(&app, drome).await;
    let (status, kind, bytes) = download(&app, &path, &drome_cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(kind, "application/pdf");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    let text = pdf_text(&bytes);
    assert!(text.contains(&reference), "{text}");
    assert!(text.contains("n’est pas retenue"), "{text}");
    assert!(text.contains("Partenariat encore trop restreint."), "{text}");
    assert!(text.contains("Valoriser et développer les Pôles Territoriaux"), "{text}");
    let (status, _, bytes) = download(&app, &staff_path, &steering).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bytes.starts_with(b"%PDF"));
    // Another organisation's member does not get it.
    assert_eq!(download(&app, &path, &tarn_cookie).await.0, StatusCode::NOT_FOUND);
    let page = get(&app, &format!("/espace/dossiers/{drome}"), &drome_cookie).await;
    assert_eq!(page.texts("#decision-letter"), ["Lettre de décision (PDF)"]);
}

#[tokio::test]
async fn a_redirected_dossier_moves_to_the_other_track_on_release_and_is_decided_there() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (drome, drome_cookie) = submitted(&app, "a@drome.fr", "Pôle Drôme", "26281").await;
    prepare(
        &app,
        drome,
        &[
            ("outcome", "redirected"),
            ("motivation", "Initiative encore en construction."),
            ("target-track", "emerging"),
        ],
        &steering,
    )
    .await;
    let established = get(&app, "/gestion/selection?parcours=established", &steering).await;
    assert_eq!(established.texts("#board .title"), ["Pôle Drôme"]);
    let emerging = get(&app, "/gestion/selection?parcours=emerging", &steering).await;
    assert!(emerging.texts("#board .title").is_empty());
    let dossier = app.db.db.dossier(drome).await.expect("read").expect("dossier");
    assert_eq!(dossier.track, "established");

    post(&app, "/gestion/selection/publication", &[("parcours", "established")], &steering).await;
    let dossier = app.db.db.dossier(drome).await.expect("read").expect("dossier");
    assert_eq!(dossier.track, "emerging");
    assert_eq!(dossier.state.code(), "redirected");
    let established = get(&app, "/gestion/selection?parcours=established", &steering).await;
    assert!(established.texts("#board .title").is_empty());
    let emerging = get(&app, "/gestion/selection?parcours=emerging", &steering).await;
    assert_eq!(emerging.texts("#board .title"), ["Pôle Drôme"]);
    let list = get(&app, "/gestion/dossiers?parcours=emerging", &steering).await;
    assert!(list.body.contains(&dossier.reference), "in the emerging list");
    let list = get(&app, "/gestion/dossiers?parcours=established", &steering).await;
    assert!(!list.body.contains(&format!("/gestion/dossiers/{drome}\"")), "not in established");

    let page = get(&app, &format!("/gestion/dossiers/{drome}"), &steering).await;
    let history = page.texts("ol.history li");
    assert!(
        history
            .iter()
            .any(|l| l.contains("Réorienté vers le parcours B (initiative en construction)")),
        "{history:?}"
    );
    let emails = decision_emails(&app.db.db, "a@drome.fr").await;
    assert_eq!(emails.len(), 1);
    assert_eq!(emails[0].0, format!("Votre candidature {} est réorientée", dossier.reference));
    assert!(
        emails[0].1.contains(
            "réorientée** vers le parcours « Initiative en projet ou en construction — \
             accompagnement »"
        ),
        "{}",
        emails[0].1
    );
    let candidate = get(&app, &format!("/espace/dossiers/{drome}"), &drome_cookie).await;
    assert_eq!(candidate.texts("#state"), ["Réorienté"]);

    // In its new track the dossier gets a decision of its own, released like any other.
    prepare(
        &app,
        drome,
        &[("outcome", "selected"), ("motivation", "Accompagnement proposé.")],
        &steering,
    )
    .await;
    let emerging = get(&app, "/gestion/selection?parcours=emerging", &steering).await;
    assert_eq!(emerging.texts(&format!("#d-{drome} .release-one-form button")).len(), 1);
    let candidate = get(&app, &format!("/espace/dossiers/{drome}"), &drome_cookie).await;
    assert!(!candidate.body.contains("Accompagnement proposé."), "hidden until released");
    let released =
        post(&app, &format!("/gestion/dossiers/{drome}/decision/publication"), &[], &steering)
            .await;
    assert_eq!(released.status, StatusCode::SEE_OTHER);
    let dossier = app.db.db.dossier(drome).await.expect("read").expect("dossier");
    assert_eq!((dossier.track.as_str(), dossier.state.code()), ("emerging", "selected"));
    assert_eq!(decision_emails(&app.db.db, "a@drome.fr").await.len(), 2);
}
