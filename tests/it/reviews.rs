//! Screening step 2: reviewers score dossiers assigned to them while the phase is open; a gap of
//! more than 2 points on a criterion raises the divergence alert; in a blind phase a reviewer
//! sees the other scores only once theirs is in; the automatic assignment balances the load.

use axum::http::StatusCode;
use ptce::domain::role::Role;

use crate::dossiers::get;
use crate::exchanges::submitted;
use crate::support::{TestApp, TestResponse, post, post_owned, staff_named};

const CRITERIA: [&str; 8] = [
    "strategy",
    "development",
    "members",
    "territory",
    "innovation",
    "business-model",
    "governance",
    "feasibility",
];

/// A review form: the same score on every criterion except `innovation`.
pub(crate) fn review(score: &str, innovation: &str, comment: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = CRITERIA
        .iter()
        .map(|c| {
            (format!("score-{c}"), if *c == "innovation" { innovation } else { score }.to_owned())
        })
        .collect();
    fields.push(("recommendation".to_owned(), "retenir".to_owned()));
    fields.push(("comment".to_owned(), comment.to_owned()));
    fields
}

/// A review posted to a dossier's review form.
pub(crate) async fn submit_review(
    app: &TestApp,
    id: uuid::Uuid,
    fields: &[(String, String)],
    cookie: &str,
) -> TestResponse {
    post_owned(app, &format!("/gestion/dossiers/{id}/evaluation"), fields, cookie).await
}

#[tokio::test]
async fn two_reviewers_diverging_by_three_points_raise_the_alert_and_the_blind_phase_hides_scores()
{
    let app = TestApp::new().await;
    let steering =
        staff_named(&app, "copil@ptce.fr", "Claude Alphandéry", Role::Steering, None).await;
    let ana = staff_named(&app, "ana@eval.fr", "Ana Duval", Role::Reviewer, None).await;
    let bob = staff_named(&app, "bob@eval.fr", "Bob Martin", Role::Reviewer, None).await;
    let (id, _) = submitted(&app, "a@romans.fr", "Pôle Sud Archer", "26281").await;

    // Not assigned, phase closed: nothing to see, nothing taken.
    assert_eq!(
        get(&app, &format!("/gestion/dossiers/{id}"), &ana).await.status,
        StatusCode::FORBIDDEN
    );
    let phase = [("ouverte", "oui"), ("aveugle", "oui"), ("par_dossier", "2")];
    let set = post(&app, "/gestion/evaluations/reglages", &phase, &steering).await;
    assert_eq!(set.header("location"), "/gestion/evaluations?fait=reglages");
    let assigned = post(&app, "/gestion/evaluations/attribution", &[], &steering).await;
    assert_eq!(assigned.header("location"), "/gestion/evaluations?fait=attribution&n=2");
    let queue = get(&app, "/gestion/evaluations", &ana).await;
    assert_eq!(queue.texts("#queue tbody td:nth-child(2)"), ["Pôle Sud Archer"]);

    // A score off the scale is refused next to its field.
    let mut wrong = review("3", "3", "Solide.");
    wrong[0].1 = "5".to_owned();
    let refused = submit_review(&app, id, &wrong, &ana).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#score-strategy-error"),
        ["La note doit être un nombre entier de 0 à 4."]
    );

    // Ana: 4 everywhere but 1 on innovation. Bob: 4 everywhere, 4 on innovation.
    let done =
        submit_review(&app, id, &review("4", "1", "Très solide, innovation faible."), &ana).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{:?}", done.texts(".error-summary li"));
    assert_eq!(done.header("location"), format!("/gestion/dossiers/{id}?fait=evaluation#reviews"));

    // Blind: before submitting his own, Bob does not see Ana's scores in the page.
    let before = get(&app, &format!("/gestion/dossiers/{id}"), &bob).await;
    assert_eq!(before.status, StatusCode::OK);
    assert_eq!(before.texts("#reviews-hidden").len(), 1);
    assert!(before.texts("#review-table .reviewer").is_empty());
    assert!(!before.body.contains("innovation faible"), "Ana's comment is hidden");

    let done = submit_review(&app, id, &review("4", "4", "Excellent dossier."), &bob).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    let after = get(&app, &format!("/gestion/dossiers/{id}"), &bob).await;
    assert!(after.texts("#reviews-hidden").is_empty());
    assert_eq!(after.texts("#review-table .reviewer"), ["Ana Duval", "Bob Martin"]);
    assert_eq!(
        after.texts(".alert--divergence"),
        ["Écart de 3 points sur « Caractère innovant » (notes de 1 à 4) : à discuter."]
    );
    // Ana: 100 − 10 × 3/4 = 92,5; Bob: 100; mean 96,25.
    assert_eq!(after.texts("#review-table .total-score"), ["92,5", "100"]);
    assert_eq!(after.texts("#mean-total"), ["96,25"]);
    // The steering group sees everything at any time.
    let steering_view = get(&app, &format!("/gestion/dossiers/{id}"), &steering).await;
    assert_eq!(steering_view.texts("#review-table .reviewer"), ["Ana Duval", "Bob Martin"]);
}

#[tokio::test]
async fn a_two_point_gap_raises_no_alert_and_a_closed_phase_takes_no_review() {
    let app = TestApp::new().await;
    let steering =
        staff_named(&app, "copil@ptce.fr", "Claude Alphandéry", Role::Steering, None).await;
    let ana = staff_named(&app, "ana@eval.fr", "Ana Duval", Role::Reviewer, None).await;
    let bob = staff_named(&app, "bob@eval.fr", "Bob Martin", Role::Reviewer, None).await;
    let (id, _) = submitted(&app, "a@romans.fr", "Pôle Sud Archer", "26281").await;
    post(&app, "/gestion/evaluations/attribution", &[], &steering).await;
    let closed = submit_review(&app, id, &review("4", "2", "Bien."), &ana).await;
    assert_eq!(closed.status, StatusCode::FORBIDDEN);
    assert_eq!(
        closed.texts("#refusal p"),
        ["La phase d’évaluation n’est pas ouverte : le comité de pilotage l’ouvrira."]
    );
    post(
        &app,
        "/gestion/evaluations/reglages",
        &[("ouverte", "oui"), ("par_dossier", "2")],
        &steering,
    )
    .await;
    assert_eq!(
        submit_review(&app, id, &review("4", "2", "Bien."), &ana).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        submit_review(&app, id, &review("4", "4", "Très bien."), &bob).await.status,
        StatusCode::SEE_OTHER
    );
    let page = get(&app, &format!("/gestion/dossiers/{id}"), &steering).await;
    assert!(page.texts(".alert--divergence").is_empty());
    assert_eq!(page.texts("#review-table .total-score"), ["95", "100"]);
}

#[tokio::test]
async fn admissibility_is_computed_and_a_referent_overrides_a_check_only_with_a_comment() {
    let app = TestApp::new().await;
    let steering =
        staff_named(&app, "copil@ptce.fr", "Claude Alphandéry", Role::Steering, None).await;
    let (id, candidate) = submitted(&app, "a@romans.fr", "Pôle Sud Archer", "26281").await;
    let page = get(&app, &format!("/gestion/dossiers/{id}"), &steering).await;
    assert_eq!(
        page.texts("#checks tbody th"),
        [
            "Dossier complet",
            "Déposé dans les délais",
            "Au moins 3 personnes morales",
            "Diversité des membres",
            "Territoire défini",
            "SIRET valide de la structure porteuse",
            "Budget équilibré chaque année"
        ]
    );
    assert_eq!(page.texts("#check-complete .status"), ["Conforme"]);
    assert_eq!(page.texts("#check-deadline .status"), ["Conforme"]);
    assert_eq!(page.texts("#check-siret .status"), ["Conforme"]);

    let path = format!("/gestion/dossiers/{id}/recevabilite");
    let refused =
        post(&app, &path, &[("verification", "siret"), ("statut", "fail")], &steering).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#admissibility-error p"),
        [
            "« SIRET valide de la structure porteuse » : pour retenir un autre avis que le calcul automatique, expliquez pourquoi dans le commentaire."
        ]
    );
    let fields = [
        ("verification", "siret"),
        ("statut", "fail"),
        ("commentaire", "Établissement fermé selon l’INSEE."),
    ];
    let done = post(&app, &path, &fields, &steering).await;
    assert_eq!(
        done.header("location"),
        format!("/gestion/dossiers/{id}?fait=recevabilite#admissibility")
    );
    let page = get(&app, &format!("/gestion/dossiers/{id}"), &steering).await;
    let said = page.texts("#check-siret .confirmed");
    assert!(said[0].starts_with("Non conforme — Claude Alphandéry ("), "{said:?}");
    assert!(said[0].ends_with(" : Établissement fermé selon l’INSEE."), "{said:?}");
    let confirmed =
        post(&app, &path, &[("verification", "complete"), ("statut", "pass")], &steering).await;
    assert_eq!(confirmed.status, StatusCode::SEE_OTHER);
    // Never on the candidate's side.
    let theirs = get(&app, &format!("/espace/dossiers/{id}"), &candidate).await;
    assert!(!theirs.body.contains("Établissement fermé"));
}

#[tokio::test]
async fn a_grid_revision_is_read_and_parsed_once_per_server() {
    let app = TestApp::new().await;
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let first = ptce::reviews::current_grid(&app.state, call.id).await.expect("grid");
    let again = ptce::reviews::current_grid(&app.state, call.id).await.expect("grid");
    assert_eq!(again.revision_id, first.revision_id);
    assert!(std::sync::Arc::ptr_eq(&again.grid, &first.grid));
    let by_id = ptce::reviews::grid_of(&app.state, first.revision_id).await.expect("grid");
    assert!(std::sync::Arc::ptr_eq(&by_id, &first.grid));
    assert_eq!(first.grid.criteria.len(), 8);
}
