//! The selection board and decisions: the suggestion keeps the per-region rule and says why each
//! dossier is in or out; prepared decisions stay invisible to candidates until the steering
//! group releases them; then each candidate gets exactly one decision email.

use axum::http::StatusCode;
use ptce::db::Db;
use ptce::domain::role::Role;

use crate::dossiers::get;
use crate::exchanges::submitted;
use crate::support::{TestApp, post, staff};

/// A review with the same score on every criterion, taken.
async fn review(app: &TestApp, id: uuid::Uuid, score: &str, cookie: &str) {
    let fields = crate::reviews::review(score, score, "Avis motivé.");
    let done = crate::reviews::submit_review(app, id, &fields, cookie).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
}

async fn decision_emails(db: &Db, to: &str) -> i64 {
    let sql = "SELECT COUNT(*) FROM outbox WHERE to_address = $1 AND kind = 'decision'";
    match db {
        Db::Sqlite(pool, _) => sqlx::query_scalar(sql).bind(to).fetch_one(pool).await,
        Db::Postgres(pool) => sqlx::query_scalar(sql).bind(to).fetch_one(pool).await,
    }
    .expect("count")
}

#[tokio::test]
async fn the_suggestion_keeps_one_per_region_and_says_why_the_other_is_out() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let reviewer = staff(&app, "eval@ptce.fr", Role::Reviewer, None).await;
    // Drôme and Ardèche were both in Rhône-Alpes in 2011; the Tarn in Midi-Pyrénées.
    let (drome, _) = submitted(&app, "a@drome.fr", "Pôle Drôme", "26281").await;
    let (ardeche, _) = submitted(&app, "b@ardeche.fr", "Pôle Ardèche", "07186").await;
    let (tarn, _) = submitted(&app, "c@tarn.fr", "Pôle Tarn", "81065").await;
    post(
        &app,
        "/gestion/evaluations/reglages",
        &[("ouverte", "oui"), ("par_dossier", "1")],
        &steering,
    )
    .await;
    post(&app, "/gestion/evaluations/attribution", &[], &steering).await;
    review(&app, drome, "4", &reviewer).await;
    review(&app, ardeche, "3", &reviewer).await;
    review(&app, tarn, "2", &reviewer).await;
    let rule = [("parcours", "established"), ("par_region", "1"), ("regions", "2011")];
    let set = post(&app, "/gestion/selection/regle", &rule, &steering).await;
    assert_eq!(set.header("location"), "/gestion/selection?parcours=established&fait=regle");

    let board = get(&app, "/gestion/selection?parcours=established", &steering).await;
    assert_eq!(board.status, StatusCode::OK);
    assert_eq!(board.texts("#board .title"), ["Pôle Drôme", "Pôle Ardèche", "Pôle Tarn"]);
    assert_eq!(board.texts("#board .score"), ["100", "75", "50"]);
    assert_eq!(board.texts("#board tr.row--suggested .title"), ["Pôle Drôme", "Pôle Tarn"]);
    let reasons = board.texts("#board .reason");
    assert!(reasons[1].contains("Rhône-Alpes"), "{reasons:?}");
    assert!(reasons[1].starts_with("Écarté"), "{reasons:?}");

    let applied =
        post(&app, "/gestion/selection/suggestion", &[("parcours", "established")], &steering)
            .await;
    assert_eq!(
        applied.header("location"),
        "/gestion/selection?parcours=established&fait=suggestion&n=2"
    );
    let board = get(&app, "/gestion/selection?parcours=established", &steering).await;
    assert_eq!(board.texts("#quota"), ["Retenus (préparés ou publiés) : 2 sur un quota de 10."]);
}

#[tokio::test]
async fn prepared_decisions_stay_invisible_until_released_then_one_email_each() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (drome, drome_cookie) = submitted(&app, "a@drome.fr", "Pôle Drôme", "26281").await;
    let (tarn, tarn_cookie) = submitted(&app, "c@tarn.fr", "Pôle Tarn", "81065").await;
    let prepare = |outcome: &'static str, motivation: &'static str| {
        [("outcome", outcome), ("motivation", motivation)]
    };
    let done = post(
        &app,
        &format!("/gestion/dossiers/{drome}/decision"),
        &prepare("selected", "Coopération exemplaire entre entreprises et collectivités."),
        &steering,
    )
    .await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    post(
        &app,
        &format!("/gestion/dossiers/{tarn}/decision"),
        &prepare("waiting-list", "Projet prometteur, plan d’action à préciser."),
        &steering,
    )
    .await;
    let refused = post(
        &app,
        &format!("/gestion/dossiers/{tarn}/decision"),
        &prepare("selected", " "),
        &steering,
    )
    .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);

    let db = &app.db.db;
    for (id, cookie) in [(drome, &drome_cookie), (tarn, &tarn_cookie)] {
        let page = get(&app, &format!("/espace/dossiers/{id}"), cookie).await;
        assert_eq!(page.texts("#state"), ["Déposé"]);
        for hidden in
            ["Coopération exemplaire", "plan d’action à préciser", "Retenu", "Liste d’attente"]
        {
            assert!(!page.body.contains(hidden), "{hidden} shown before release");
        }
    }
    assert_eq!(decision_emails(db, "a@drome.fr").await, 0);
    assert_eq!(decision_emails(db, "c@tarn.fr").await, 0);

    let released =
        post(&app, "/gestion/selection/publication", &[("parcours", "established")], &steering)
            .await;
    assert_eq!(
        released.header("location"),
        "/gestion/selection?parcours=established&fait=publication&n=2"
    );
    let again =
        post(&app, "/gestion/selection/publication", &[("parcours", "established")], &steering)
            .await;
    assert_eq!(
        again.header("location"),
        "/gestion/selection?parcours=established&fait=publication&n=0"
    );
    assert_eq!(decision_emails(db, "a@drome.fr").await, 1);
    assert_eq!(decision_emails(db, "c@tarn.fr").await, 1);
    let page = get(&app, &format!("/espace/dossiers/{drome}"), &drome_cookie).await;
    assert_eq!(page.texts("#state"), ["Retenu"]);
    let page = get(&app, &format!("/espace/dossiers/{tarn}"), &tarn_cookie).await;
    assert_eq!(page.texts("#state"), ["Liste d’attente"]);
}
