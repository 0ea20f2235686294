//! Creating a candidate account and confirming its address through the emailed link.

use axum::http::StatusCode;
use time::OffsetDateTime;

use crate::support::TestApp;

const PASSWORD: &str = "nos coopérations durables";

async fn sign_up(app: &TestApp, email: &str) -> crate::support::TestResponse {
    app.post_form(
        "/inscription",
        &[
            ("name", "Camille Martin"),
            ("organisation", "Pôle Sud Archer"),
            ("email", email),
            ("password", PASSWORD),
        ],
        &[],
    )
    .await
}

/// The confirmation path found in the emails queued for an address, in order.
async fn confirmation_paths(app: &TestApp, email: &str) -> Vec<String> {
    let due = app.db.db.claim_due_emails(OffsetDateTime::now_utc(), 100).await.expect("claim");
    // Only confirmation links: an address with an active account gets `account-exists`.
    due.into_iter()
        .filter(|e| e.to == email && e.kind != "account-exists")
        .map(|e| {
            assert_eq!(e.kind, "confirm-account");
            assert_eq!(e.email.subject, "Confirmez votre adresse électronique — PTCE");
            let start = e.email.text.find("/inscription/confirmer/").expect("a link in the text");
            e.email.text[start..].split_whitespace().next().expect("path").to_owned()
        })
        .collect()
}

#[tokio::test]
async fn signing_up_sends_a_link_that_confirms_the_address_once() {
    let app = TestApp::new().await;
    let sent = sign_up(&app, "Camille@Pole-Sud-Archer.fr").await;
    assert_eq!(sent.status, StatusCode::OK);
    assert_eq!(sent.texts("h1"), ["Vérifiez votre messagerie"]);
    let paths = confirmation_paths(&app, "camille@pole-sud-archer.fr").await;
    assert_eq!(paths.len(), 1);
    let path = &paths[0];
    assert_eq!(path.len(), "/inscription/confirmer/".len() + 43);

    let before = app
        .post_form(
            "/connexion",
            &[("email", "camille@pole-sud-archer.fr"), ("password", PASSWORD)],
            &[],
        )
        .await;
    assert_eq!(before.session_cookie(), "", "not before the address is confirmed");

    let button = app.get(path).await;
    assert_eq!(button.status, StatusCode::OK, "opening the link confirms nothing by itself");
    assert_eq!(button.texts("main button"), ["Confirmer mon adresse"]);
    let confirmed = app.post_form(path, &[], &[]).await;
    assert_eq!(confirmed.status, StatusCode::OK);
    assert_eq!(confirmed.texts("h1"), ["Adresse confirmée"]);
    let again = app.post_form(path, &[], &[]).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert_eq!(again.texts("h1"), ["Ce lien a déjà servi"]);

    let login = app
        .post_form(
            "/connexion",
            &[("email", "camille@pole-sud-archer.fr"), ("password", PASSWORD)],
            &[],
        )
        .await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    let space = app.get_with("/espace", &[("cookie", &login.session_cookie())]).await;
    assert_eq!(
        space.texts(".facts dd"),
        ["Camille Martin", "camille@pole-sud-archer.fr", "Pôle Sud Archer"]
    );
}

#[tokio::test]
async fn every_invalid_field_is_named_next_to_it_and_the_input_is_kept() {
    let app = TestApp::new().await;
    let page = app
        .post_form(
            "/inscription",
            &[
                ("name", " "),
                ("organisation", "Pôle Sud Archer"),
                ("email", "camille@"),
                ("password", "court"),
            ],
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.texts(".error-summary li"),
        [
            "Indiquez votre nom.",
            "Cette adresse électronique n’est pas valide (exemple : prenom.nom@exemple.fr).",
            "Le mot de passe doit compter au moins 12 caractères.",
        ]
    );
    assert_eq!(
        page.texts("#email-error"),
        ["Cette adresse électronique n’est pas valide (exemple : prenom.nom@exemple.fr)."]
    );
    let html = page.html();
    let value = |id: &str| {
        let selector = scraper::Selector::parse(&format!("input#{id}")).expect("selector");
        html.select(&selector).next().and_then(|e| e.value().attr("value")).map(str::to_owned)
    };
    assert_eq!(value("organisation").as_deref(), Some("Pôle Sud Archer"));
    assert_eq!(value("email").as_deref(), Some("camille@"));
    assert_eq!(value("password"), None, "a password is never sent back");
    assert_eq!(confirmation_paths(&app, "camille@").await.len(), 0);
}

#[tokio::test]
async fn a_common_password_is_refused_with_the_reason() {
    let app = TestApp::new().await;
    let page = app
        .post_form(
            "/inscription",
            &[
                ("name", "Camille"),
                ("organisation", "Pôle"),
                ("email", "c@pole.fr"),
                ("password", "1qaz2wsx3edc"),
            ],
            &[],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        page.texts("#password-error"),
        [
            "Ce mot de passe est trop courant : il figure dans les listes que testent les attaquants. Choisissez-en un autre."
        ]
    );
}

#[tokio::test]
async fn signing_up_again_before_confirming_sends_a_new_link_and_keeps_one_account() {
    let app = TestApp::new().await;
    sign_up(&app, "camille@pole-sud-archer.fr").await;
    let second = sign_up(&app, "camille@pole-sud-archer.fr").await;
    assert_eq!(second.texts("h1"), ["Vérifiez votre messagerie"]);
    let paths = confirmation_paths(&app, "camille@pole-sud-archer.fr").await;
    assert_eq!(paths.len(), 2);
    assert_ne!(paths[0], paths[1]);
    let confirmed = app.post_form(&paths[1], &[], &[]).await;
    assert_eq!(confirmed.texts("h1"), ["Adresse confirmée"]);
}

#[tokio::test]
async fn an_address_with_an_active_account_gets_the_same_page_and_no_new_account() {
    let app = TestApp::new().await;
    sign_up(&app, "camille@pole-sud-archer.fr").await;
    let paths = confirmation_paths(&app, "camille@pole-sud-archer.fr").await;
    app.post_form(&paths[0], &[], &[]).await;
    let again = sign_up(&app, "camille@pole-sud-archer.fr").await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.texts("h1"), ["Vérifiez votre messagerie"]);
    assert_eq!(confirmation_paths(&app, "camille@pole-sud-archer.fr").await.len(), 0);
}

#[tokio::test]
async fn an_unknown_or_malformed_link_is_not_found() {
    let app = TestApp::new().await;
    let unknown =
        app.post_form(&format!("/inscription/confirmer/{}", "A".repeat(43)), &[], &[]).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.texts("h1"), ["Lien inconnu"]);
    let malformed = app.get("/inscription/confirmer/..%2F..%2Fetc").await;
    assert_eq!(malformed.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_fourth_sign_up_for_one_address_within_the_hour_is_refused_with_429() {
    let app = TestApp::new().await;
    for _ in 0..3 {
        assert_eq!(sign_up(&app, "camille@pole-sud-archer.fr").await.status, StatusCode::OK);
    }
    let refused = sign_up(&app, "camille@pole-sud-archer.fr").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: i64 = refused.header("retry-after").parse().expect("seconds");
    assert!((3500..=3600).contains(&retry), "{retry}");
    assert_eq!(
        refused.texts("#email-error"),
        [
            "Trop de demandes de création de compte pour cette adresse ou depuis votre connexion. Réessayez dans une heure."
        ]
    );
    assert_eq!(confirmation_paths(&app, "camille@pole-sud-archer.fr").await.len(), 3);
}
