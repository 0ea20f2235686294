//! Back-office people: the first administrator through the setup link, and invitations.

use axum::http::StatusCode;
use time::{Duration, OffsetDateTime};

use crate::support::TestApp;

const PASSWORD: &str = "gestion de l'appel 2011";

async fn setup_link(app: &TestApp) -> String {
    let (token, hash) = ptce::auth::tokens::new_token();
    let now = OffsetDateTime::now_utc();
    app.db.db.create_setup_link(&hash, now, Duration::HOUR).await.expect("link");
    format!("/installation/{token}")
}

#[tokio::test]
async fn the_setup_link_creates_the_first_administrator_once() {
    let app = TestApp::new().await;
    let link = setup_link(&app).await;
    let form = app.get(&link).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.texts("h1"), ["Créer le premier compte administrateur"]);
    let fields = [("email", "admin@ptce.fr"), ("name", "Administratrice"), ("password", PASSWORD)];
    let created = app.post_form(&link, &fields, &[]).await;
    assert_eq!(created.status, StatusCode::OK);
    assert_eq!(created.texts("h1"), ["Compte créé"]);
    assert_eq!(app.db.db.count_admins().await.expect("count"), 1);
    let again = app.post_form(&link, &fields, &[]).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert_eq!(again.texts(".lead"), ["Ce lien a déjà servi."]);
    let other = setup_link(&app).await;
    let refused = app.get(&other).await;
    assert_eq!(refused.status, StatusCode::GONE);
    assert_eq!(
        refused.texts(".lead"),
        ["Un administrateur existe déjà : ce lien d’installation ne sert plus."]
    );
}

#[tokio::test]
async fn a_weak_password_on_the_setup_form_is_refused_next_to_the_field() {
    let app = TestApp::new().await;
    let link = setup_link(&app).await;
    let fields = [("email", "admin@ptce.fr"), ("name", "A"), ("password", "password1234")];
    let page = app.post_form(&link, &fields, &[]).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.texts("#password-error").len(), 1);
    assert_eq!(app.db.db.count_admins().await.expect("count"), 0);
}

#[tokio::test]
async fn an_administrator_invites_a_referent_who_chooses_a_password_and_gets_the_role() {
    let app = TestApp::new().await;
    let link = setup_link(&app).await;
    let fields = [("email", "admin@ptce.fr"), ("name", "Admin"), ("password", PASSWORD)];
    app.post_form(&link, &fields, &[]).await;
    let admin = app
        .db
        .db
        .user_id_by_email(&ptce::domain::email::EmailAddress::parse("admin@ptce.fr").expect("e"))
        .await
        .expect("q")
        .expect("admin");
    let (token, hash) = ptce::auth::tokens::new_token();
    app.db
        .db
        .create_session(&hash, admin, OffsetDateTime::now_utc(), Duration::days(1))
        .await
        .expect("session");
    let cookie = format!("ptce_session={token}");

    let missing_network = app
        .post_form(
            "/gestion/utilisateurs",
            &[("email", "ref@coorace.org"), ("role", "referent"), ("network", "")],
            &[("cookie", &cookie)],
        )
        .await;
    assert_eq!(missing_network.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        missing_network.texts("#network-error"),
        ["Un référent appartient à un réseau : choisissez-le (et seulement pour un référent)."]
    );

    let sent = app
        .post_form(
            "/gestion/utilisateurs",
            &[("email", "ref@coorace.org"), ("role", "referent"), ("network", "coorace")],
            &[("cookie", &cookie)],
        )
        .await;
    assert_eq!(sent.status, StatusCode::OK);
    assert_eq!(sent.texts(".notice"), ["Invitation envoyée à ref@coorace.org."]);

    let due = app.db.db.claim_due_emails(OffsetDateTime::now_utc(), 100).await.expect("claim");
    let email = due.into_iter().find(|e| e.to == "ref@coorace.org").expect("invitation email");
    assert_eq!(email.kind, "staff-invitation");
    assert!(email.email.text.contains("Référent ou référente — COORACE"), "{}", email.email.text);
    let start = email.email.text.find("/invitation-gestion/").expect("link");
    let path = email.email.text[start..].split_whitespace().next().expect("path").to_owned();

    let form = app.get(&path).await;
    assert_eq!(
        form.texts(".lead"),
        [
            "Invitation pour ref@coorace.org avec le rôle : Référent ou référente — COORACE. Choisissez votre nom et votre mot de passe."
        ]
    );
    let accepted =
        app.post_form(&path, &[("name", "Anne-Claire Pignal"), ("password", PASSWORD)], &[]).await;
    assert_eq!(accepted.status, StatusCode::OK);
    assert_eq!(accepted.texts("h1"), ["Compte créé"]);
    let used = app.post_form(&path, &[("name", "X"), ("password", PASSWORD)], &[]).await;
    assert_eq!(used.status, StatusCode::GONE);

    let list = app.get_with("/gestion/utilisateurs", &[("cookie", &cookie)]).await;
    assert_eq!(
        list.texts("table.data tbody td"),
        [
            "admin@ptce.fr",
            "Admin",
            "Administrateur ou administratrice",
            "",
            "ref@coorace.org",
            "Anne-Claire Pignal",
            "Référent ou référente",
            "coorace"
        ]
    );
}
