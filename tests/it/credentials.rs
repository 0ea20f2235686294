//! Credentials after sign-up: a forgotten password replaced through an emailed link, the
//! "account exists" email, and changes of password and address from the space (ASVS 6.4.1,
//! 6.4.3, 7.4.3, 7.5.1, 2.4.1).

use axum::http::StatusCode;
use ptce::auth::passwords::Passwords;
use ptce::auth::tokens;
use ptce::db::accounts::{NewCandidate, SignUp};
use ptce::db::audit::{AuditEvent, AuditFilter};
use ptce::db::credentials::{LinkState, NewLink};
use ptce::db::outbox::OutgoingEmail;
use ptce::domain::email::EmailAddress;
use ptce::domain::lang::Lang;
use ptce::domain::password::NewPassword;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::support::{TestApp, TestResponse};

const PASSWORD: &str = "la coopération territoriale";
const NEW_PASSWORD: &str = "un jardin partagé au bord du canal";
const CAMILLE: &str = "camille@pole-sud-archer.fr";

async fn add_candidate(app: &TestApp, email: &str, confirmed: bool, lang: Lang) -> Uuid {
    let address = EmailAddress::parse(email).expect("email");
    let password = NewPassword::parse(PASSWORD, "").expect("valid password");
    let hash = Passwords::new(1).hash(password).await.expect("hash");
    let candidate = NewCandidate {
        email: &address,
        display_name: "Camille Martin",
        organisation_name: "Pôle Sud Archer",
        siret: None,
        password_hash: &hash,
        lang,
    };
    let now = OffsetDateTime::now_utc();
    let (_, token_hash) = tokens::new_token();
    let created = app
        .db
        .db
        .create_candidate(&candidate, &token_hash, None, now, Duration::DAY)
        .await
        .expect("create");
    let SignUp::Created(id) = created else { panic!("{created:?}") };
    if confirmed {
        app.db.db.confirm_email(id, now).await.expect("confirm");
    }
    id
}

async fn log_in(app: &TestApp, email: &str, password: &str) -> TestResponse {
    app.post_form("/connexion", &[("email", email), ("password", password), ("retour", "")], &[])
        .await
}

/// A session cookie of a successful login.
async fn session(app: &TestApp, email: &str, password: &str) -> String {
    let login = log_in(app, email, password).await;
    assert_eq!(login.status, StatusCode::SEE_OTHER, "{email} logs in");
    login.session_cookie()
}

/// Whether a session cookie still opens the space.
async fn alive(app: &TestApp, cookie: &str) -> bool {
    let space = app.get_with("/espace", &[("cookie", cookie)]).await;
    match space.status {
        StatusCode::OK => true,
        StatusCode::SEE_OTHER => false,
        other => panic!("/espace answered {other}"),
    }
}

/// The emails queued since the last call, oldest first.
async fn emails(app: &TestApp) -> Vec<OutgoingEmail> {
    app.db.db.claim_due_emails(OffsetDateTime::now_utc(), 100).await.expect("claim")
}

/// The path starting with `prefix` in an email's text (the link, without the site's origin).
fn path_in(email: &OutgoingEmail, prefix: &str) -> String {
    let start =
        email.email.text.find(prefix).unwrap_or_else(|| panic!("{prefix} in {}", email.email.text));
    email.email.text[start..].split_whitespace().next().expect("path").to_owned()
}

fn token_of(path: &str) -> &str {
    path.rsplit('/').next().expect("token")
}

async fn forgot(app: &TestApp, email: &str) -> TestResponse {
    app.post_form("/mot-de-passe-oublie", &[("email", email)], &[]).await
}

async fn events(app: &TestApp, prefix: &str) -> Vec<String> {
    let filter = AuditFilter { event_prefix: Some(prefix.into()), ..Default::default() };
    let entries = app.db.db.audit_entries(&filter, 100).await.expect("audit");
    entries.into_iter().map(|e| e.event).rev().collect()
}

/// The one reset link emailed to `email`.
async fn reset_path(app: &TestApp, email: &str) -> String {
    let sent = emails(app).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].to, email);
    assert_eq!(sent[0].kind, "reset-password");
    path_in(&sent[0], "/mot-de-passe/nouveau/")
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_session() {
    let app = TestApp::new().await;
    add_candidate(&app, CAMILLE, true, Lang::Fr).await;
    let laptop = session(&app, CAMILLE, PASSWORD).await;
    let phone = session(&app, CAMILLE, PASSWORD).await;

    let sent = forgot(&app, "Camille@Pole-Sud-Archer.fr ").await;
    assert_eq!(sent.status, StatusCode::OK);
    assert_eq!(sent.texts("h1"), ["Vérifiez votre messagerie"]);
    assert_eq!(
        sent.texts(".lead"),
        [
            "Si un compte existe pour l’adresse camille@pole-sud-archer.fr, un message vient d’y être envoyé avec un lien pour choisir un nouveau mot de passe, valable 1 heure. Pensez à regarder dans les indésirables."
        ]
    );
    let queued = emails(&app).await;
    assert_eq!(queued.len(), 1);
    assert_eq!(queued[0].to, CAMILLE);
    assert_eq!(queued[0].kind, "reset-password");
    assert_eq!(queued[0].email.subject, "Choisissez un nouveau mot de passe — PTCE");
    assert!(
        queued[0]
            .email
            .text
            .contains("Ce lien est valable 1 heure et ne peut servir qu’une seule fois."),
        "{}",
        queued[0].email.text
    );
    let path = path_in(&queued[0], "/mot-de-passe/nouveau/");
    assert_eq!(path.len(), "/mot-de-passe/nouveau/".len() + 43);
    assert!(
        queued[0].email.text.contains(&format!("\n\nhttp://127.0.0.1:8080{path}\n\n")),
        "an absolute link: {}",
        queued[0].email.text
    );

    let form = app.get(&path).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.texts("h1"), ["Choisir un nouveau mot de passe"]);
    assert_eq!(form.header("cache-control"), "no-store", "its address holds a secret");
    assert!(alive(&app, &laptop).await, "opening the link changes nothing");

    let weak = app.post_form(&path, &[("password", "court")], &[]).await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        weak.texts("#password-error"),
        ["Le mot de passe doit compter au moins 12 caractères."]
    );
    let same_as_email = app.post_form(&path, &[("password", CAMILLE)], &[]).await;
    assert_eq!(
        same_as_email.texts("#password-error"),
        ["Le mot de passe ne peut pas être votre adresse électronique."]
    );

    let done = app.post_form(&path, &[("password", NEW_PASSWORD)], &[]).await;
    assert_eq!(done.status, StatusCode::OK);
    assert_eq!(done.texts("h1"), ["Mot de passe enregistré"]);
    assert_eq!(done.session_cookie(), "", "a reset does not log in");
    assert!(!alive(&app, &laptop).await, "the old sessions are over");
    assert!(!alive(&app, &phone).await, "the old sessions are over");

    let again = app.post_form(&path, &[("password", "encore un autre mot de passe")], &[]).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert_eq!(again.texts("h1"), ["Ce lien a déjà servi"]);
    assert_eq!(again.texts("main a.button"), ["Demander un nouveau lien"]);
    assert_eq!(app.get(&path).await.status, StatusCode::GONE);

    assert_eq!(log_in(&app, CAMILLE, PASSWORD).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(log_in(&app, CAMILLE, NEW_PASSWORD).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        events(&app, "account.").await,
        ["account.reset_requested", "account.password_reset"]
    );
    let filter =
        AuditFilter { event_prefix: Some("account.password_reset".into()), ..Default::default() };
    let entries = app.db.db.audit_entries(&filter, 10).await.expect("audit");
    assert_eq!(entries[0].actor_email.as_deref(), Some(CAMILLE));
    assert_eq!(entries[0].detail, r#"{"sessions_ended":2}"#);
}

#[tokio::test]
async fn a_reset_link_works_within_an_hour_and_not_after() {
    let app = TestApp::new().await;
    let user = add_candidate(&app, CAMILLE, true, Lang::Fr).await;
    forgot(&app, CAMILLE).await;
    let path = reset_path(&app, CAMILLE).await;
    let hash = tokens::hash(token_of(&path));
    let now = OffsetDateTime::now_utc();
    let state = |at| {
        let db = app.db.db.clone();
        let hash = hash.clone();
        async move { db.link_state(&hash, "reset-password", at).await.expect("state") }
    };
    assert!(matches!(
        state(now + Duration::minutes(59)).await,
        LinkState::Valid { user_id, .. } if user_id == user
    ));
    assert_eq!(state(now + Duration::minutes(61)).await, LinkState::Expired);

    // A link written two hours ago, through the database layer.
    let (token, token_hash) = tokens::new_token();
    let link = NewLink {
        token_hash: &token_hash,
        purpose: "reset-password",
        user_id: user,
        payload: "{}",
        lifetime: Duration::HOUR,
    };
    let event = AuditEvent {
        event: "account.reset_requested",
        actor: None,
        subject: Some(user),
        client: "test",
        detail: serde_json::json!({}),
    };
    app.db
        .db
        .send_link(Some(&link), &[], &event, now - Duration::hours(2))
        .await
        .expect("old link");
    let old = format!("/mot-de-passe/nouveau/{token}");
    let page = app.get(&old).await;
    assert_eq!(page.status, StatusCode::GONE);
    assert_eq!(page.texts("h1"), ["Ce lien a expiré"]);
    assert_eq!(
        page.texts(".lead"),
        [
            "Les liens pour choisir un nouveau mot de passe sont valables 1 heure. Demandez-en un nouveau."
        ]
    );
    let posted = app.post_form(&old, &[("password", NEW_PASSWORD)], &[]).await;
    assert_eq!(posted.status, StatusCode::GONE);
    assert_eq!(
        log_in(&app, CAMILLE, PASSWORD).await.status,
        StatusCode::SEE_OTHER,
        "the password is unchanged"
    );

    let unknown = app.get(&format!("/mot-de-passe/nouveau/{}", "A".repeat(43))).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.texts("h1"), ["Lien inconnu"]);
}

#[tokio::test]
async fn resetting_the_password_confirms_an_address_never_confirmed() {
    let app = TestApp::new().await;
    add_candidate(&app, CAMILLE, false, Lang::Fr).await;
    let refused = log_in(&app, CAMILLE, PASSWORD).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    forgot(&app, CAMILLE).await;
    let path = reset_path(&app, CAMILLE).await;
    app.post_form(&path, &[("password", NEW_PASSWORD)], &[]).await;
    assert_eq!(log_in(&app, CAMILLE, NEW_PASSWORD).await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_reset_email_is_in_the_language_of_the_account() {
    let app = TestApp::new().await;
    add_candidate(&app, "sam@example.org", true, Lang::En).await;
    forgot(&app, "sam@example.org").await;
    let sent = emails(&app).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].email.subject, "Choose a new password — PTCE");
    assert!(
        sent[0].email.text.contains("This link is valid for 1 hour and can be used only once."),
        "{}",
        sent[0].email.text
    );
}

#[tokio::test]
async fn an_unknown_address_gets_the_same_page_and_no_email() {
    let app = TestApp::new().await;
    add_candidate(&app, CAMILLE, true, Lang::Fr).await;
    let known = forgot(&app, CAMILLE).await;
    let unknown = forgot(&app, "nobody@nowhere.fr").await;
    assert_eq!(unknown.status, known.status);
    assert_eq!(unknown.texts("h1"), known.texts("h1"));
    assert_eq!(
        unknown.texts(".lead")[0].replace("nobody@nowhere.fr", CAMILLE),
        known.texts(".lead")[0]
    );
    let sent = emails(&app).await;
    assert_eq!(sent.iter().map(|e| e.to.as_str()).collect::<Vec<_>>(), [CAMILLE]);
    assert_eq!(app.db.db.outbox_entries_for("nobody@nowhere.fr").await.expect("outbox").len(), 0);

    let malformed = forgot(&app, "camille@").await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        malformed.texts("#email-error"),
        ["Cette adresse électronique n’est pas valide (exemple : prenom.nom@exemple.fr)."]
    );
}

#[tokio::test]
async fn the_sixth_reset_request_for_an_address_within_an_hour_is_refused_with_429() {
    let app = TestApp::new().await;
    add_candidate(&app, CAMILLE, true, Lang::Fr).await;
    for attempt in 1..=5 {
        let response = forgot(&app, CAMILLE).await;
        assert_eq!(response.status, StatusCode::OK, "request {attempt}");
    }
    let refused = forgot(&app, CAMILLE).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: i64 = refused.header("retry-after").parse().expect("seconds");
    assert!((3500..=3600).contains(&retry), "{retry}");
    assert_eq!(
        refused.texts("#email-error"),
        ["Trop de demandes de nouveau mot de passe pour cette adresse. Réessayez dans une heure."]
    );
    assert_eq!(emails(&app).await.len(), 5, "no sixth email");
    let unknown_too = {
        for _ in 1..=5 {
            forgot(&app, "nobody@nowhere.fr").await;
        }
        forgot(&app, "nobody@nowhere.fr").await
    };
    assert_eq!(
        unknown_too.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the same limit whether or not the address has an account"
    );
    assert_eq!(
        events(&app, "account.reset_throttled").await,
        ["account.reset_throttled", "account.reset_throttled"]
    );
}

#[tokio::test]
async fn the_twenty_first_reset_request_from_one_client_within_an_hour_is_refused() {
    let app = TestApp::new().await;
    for n in 1..=20 {
        let response = forgot(&app, &format!("person{n}@example.org")).await;
        assert_eq!(response.status, StatusCode::OK, "request {n}");
    }
    let refused = forgot(&app, "person21@example.org").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(!refused.header("retry-after").is_empty());
}

#[tokio::test]
async fn signing_up_with_an_active_address_emails_its_owner_and_says_nothing_on_screen() {
    let app = TestApp::new().await;
    add_candidate(&app, CAMILLE, true, Lang::Fr).await;
    let again = app
        .post_form(
            "/inscription",
            &[
                ("name", "Quelqu’un"),
                ("organisation", "Autre pôle"),
                ("email", CAMILLE),
                ("password", "une autre phrase assez longue"),
            ],
            &[],
        )
        .await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.texts("h1"), ["Vérifiez votre messagerie"]);
    let sent = emails(&app).await;
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].to, CAMILLE);
    assert_eq!(sent[0].kind, "account-exists");
    assert_eq!(sent[0].email.subject, "Vous avez déjà un compte — PTCE");
    let text = &sent[0].email.text;
    assert!(text.contains("Quelqu’un a tenté de créer un compte avec votre adresse"), "{text}");
    assert_eq!(path_in(&sent[0], "/connexion"), "/connexion");
    assert_eq!(path_in(&sent[0], "/mot-de-passe-oublie"), "/mot-de-passe-oublie");
    assert!(!text.contains("/inscription/confirmer/"), "no confirmation link");
    assert_eq!(
        log_in(&app, CAMILLE, PASSWORD).await.status,
        StatusCode::SEE_OTHER,
        "the account is untouched"
    );
}

#[tokio::test]
async fn changing_the_password_ends_the_other_sessions_and_keeps_this_one() {
    let app = TestApp::new().await;
    add_candidate(&app, CAMILLE, true, Lang::Fr).await;
    let here = session(&app, CAMILLE, PASSWORD).await;
    let elsewhere = session(&app, CAMILLE, PASSWORD).await;

    let form = app.get_with("/espace/mot-de-passe", &[("cookie", &here)]).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.texts("h1"), ["Changer de mot de passe"]);

    let wrong = app
        .post_form(
            "/espace/mot-de-passe",
            &[("current_password", "pas le bon mot de passe"), ("password", NEW_PASSWORD)],
            &[("cookie", &here)],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.texts("#current_password-error"), ["Le mot de passe actuel est incorrect."]);
    assert!(alive(&app, &elsewhere).await, "nothing changed");

    let weak = app
        .post_form(
            "/espace/mot-de-passe",
            &[("current_password", PASSWORD), ("password", "azertyuiop")],
            &[("cookie", &here)],
        )
        .await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        weak.texts(".error-summary li"),
        ["Le mot de passe doit compter au moins 12 caractères."]
    );

    let changed = app
        .post_form(
            "/espace/mot-de-passe",
            &[("current_password", PASSWORD), ("password", NEW_PASSWORD)],
            &[("cookie", &here)],
        )
        .await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_eq!(changed.texts("h1"), ["Mot de passe changé"]);
    assert!(alive(&app, &here).await, "this session stays");
    assert!(!alive(&app, &elsewhere).await, "the other one is over");
    assert_eq!(log_in(&app, CAMILLE, PASSWORD).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(log_in(&app, CAMILLE, NEW_PASSWORD).await.status, StatusCode::SEE_OTHER);
    assert_eq!(events(&app, "account.password_changed").await, ["account.password_changed"]);
    assert_eq!(events(&app, "login.reauth_failed").await, ["login.reauth_failed"]);
}

#[tokio::test]
async fn wrong_current_passwords_count_as_failed_logins() {
    let app = TestApp::new().await;
    add_candidate(&app, CAMILLE, true, Lang::Fr).await;
    let cookie = session(&app, CAMILLE, PASSWORD).await;
    for attempt in 1..=10 {
        let wrong = app
            .post_form(
                "/espace/mot-de-passe",
                &[("current_password", "pas le bon mot de passe"), ("password", NEW_PASSWORD)],
                &[("cookie", &cookie)],
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY, "attempt {attempt}");
    }
    let refused = app
        .post_form(
            "/espace/mot-de-passe",
            &[("current_password", PASSWORD), ("password", NEW_PASSWORD)],
            &[("cookie", &cookie)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: i64 = refused.header("retry-after").parse().expect("seconds");
    assert!((1..=900).contains(&retry), "{retry}");
    assert_eq!(
        refused.texts("#current_password-error"),
        [
            "Trop de tentatives avec un mot de passe incorrect. Pour protéger ce compte, réessayez dans quelques minutes."
        ]
    );
    assert_eq!(
        log_in(&app, CAMILLE, PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS,
        "the login of this account waits too"
    );
}

#[tokio::test]
async fn changing_the_address_needs_the_password_and_happens_only_through_the_link() {
    let app = TestApp::new().await;
    add_candidate(&app, CAMILLE, true, Lang::Fr).await;
    add_candidate(&app, "other@example.org", true, Lang::Fr).await;
    let here = session(&app, CAMILLE, PASSWORD).await;
    let elsewhere = session(&app, CAMILLE, PASSWORD).await;
    let new_address = "camille.martin@example.org";

    let form = app.get_with("/espace/adresse", &[("cookie", &here)]).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.texts("h1"), ["Changer d’adresse électronique"]);

    let same = app
        .post_form(
            "/espace/adresse",
            &[("email", CAMILLE), ("password", PASSWORD)],
            &[("cookie", &here)],
        )
        .await;
    assert_eq!(same.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(same.texts("#email-error"), ["C’est déjà l’adresse de votre compte."]);

    let wrong = app
        .post_form(
            "/espace/adresse",
            &[("email", new_address), ("password", "pas le bon mot de passe")],
            &[("cookie", &here)],
        )
        .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.texts("#password-error"), ["Le mot de passe actuel est incorrect."]);
    assert_eq!(emails(&app).await.len(), 0, "nothing sent");

    let asked = app
        .post_form(
            "/espace/adresse",
            &[("email", new_address), ("password", PASSWORD)],
            &[("cookie", &here)],
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK);
    assert_eq!(asked.texts("h1"), ["Vérifiez votre messagerie"]);
    let sent = emails(&app).await;
    assert_eq!(
        sent.iter().map(|e| (e.to.as_str(), e.kind.as_str())).collect::<Vec<_>>(),
        [(new_address, "confirm-new-email"), (CAMILLE, "email-changed-notice")]
    );
    assert_eq!(sent[0].email.subject, "Confirmez votre nouvelle adresse électronique — PTCE");
    assert!(
        sent[1].email.text.contains(&format!("utilise désormais l’adresse {new_address} au lieu")),
        "{}",
        sent[1].email.text
    );
    let path = path_in(&sent[0], "/espace/adresse/confirmer/");
    let space = app.get_with("/espace", &[("cookie", &here)]).await;
    assert_eq!(space.texts(".facts dd")[1], CAMILLE, "not switched yet");

    let anonymous = app.get(&path).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert!(anonymous.header("location").starts_with("/connexion?retour="));
    let other = session(&app, "other@example.org", PASSWORD).await;
    let not_theirs = app.get_with(&path, &[("cookie", &other)]).await;
    assert_eq!(not_theirs.status, StatusCode::NOT_FOUND);
    let not_theirs = app.post_form(&path, &[], &[("cookie", &other)]).await;
    assert_eq!(not_theirs.status, StatusCode::NOT_FOUND);

    let button = app.get_with(&path, &[("cookie", &here)]).await;
    assert_eq!(button.status, StatusCode::OK);
    assert_eq!(button.texts("main button"), ["Confirmer ma nouvelle adresse"]);
    assert_eq!(
        app.get_with("/espace", &[("cookie", &here)]).await.texts(".facts dd")[1],
        CAMILLE,
        "opening the link switches nothing"
    );

    let switched = app.post_form(&path, &[], &[("cookie", &here)]).await;
    assert_eq!(switched.status, StatusCode::OK);
    assert_eq!(switched.texts("h1"), ["Adresse changée"]);
    assert!(alive(&app, &here).await, "this session stays");
    assert!(!alive(&app, &elsewhere).await, "the other one is over");
    let space = app.get_with("/espace", &[("cookie", &here)]).await;
    assert_eq!(space.texts(".facts dd")[1], new_address);
    let again = app.post_form(&path, &[], &[("cookie", &here)]).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert_eq!(log_in(&app, CAMILLE, PASSWORD).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(log_in(&app, new_address, PASSWORD).await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        events(&app, "account.email").await,
        ["account.email_change_requested", "account.email_changed"]
    );
}

#[tokio::test]
async fn an_address_taken_by_another_account_looks_the_same_and_is_never_switched_to() {
    let app = TestApp::new().await;
    add_candidate(&app, CAMILLE, true, Lang::Fr).await;
    add_candidate(&app, "taken@example.org", true, Lang::Fr).await;
    let here = session(&app, CAMILLE, PASSWORD).await;
    let ask = |address: &'static str| {
        let here = here.clone();
        let app = &app;
        async move {
            app.post_form(
                "/espace/adresse",
                &[("email", address), ("password", PASSWORD)],
                &[("cookie", &here)],
            )
            .await
        }
    };

    let taken = ask("taken@example.org").await;
    let free = ask("free@example.org").await;
    assert_eq!(taken.status, free.status);
    assert_eq!(taken.texts("h1"), free.texts("h1"));
    assert_eq!(taken.texts(".lead")[0].replace("taken@", "free@"), free.texts(".lead")[0]);
    let sent = emails(&app).await;
    assert_eq!(
        sent.iter().map(|e| (e.to.as_str(), e.kind.as_str())).collect::<Vec<_>>(),
        [
            (CAMILLE, "email-changed-notice"),
            ("free@example.org", "confirm-new-email"),
            (CAMILLE, "email-changed-notice"),
        ],
        "no link to an address that has an account"
    );

    // Free when asked, taken by a sign-up before the link is followed.
    let path = path_in(&sent[1], "/espace/adresse/confirmer/");
    add_candidate(&app, "free@example.org", false, Lang::Fr).await;
    let late = app.post_form(&path, &[], &[("cookie", &here)]).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert_eq!(late.texts("h1"), ["Adresse déjà utilisée"]);
    let space = app.get_with("/espace", &[("cookie", &here)]).await;
    assert_eq!(space.texts(".facts dd")[1], CAMILLE);
    assert_eq!(events(&app, "account.email_changed").await.len(), 0);
}

#[tokio::test]
async fn the_login_page_and_the_space_lead_to_these_pages() {
    let app = TestApp::new().await;
    let login = app.get("/connexion").await;
    let selector = scraper::Selector::parse("a[href=\"/mot-de-passe-oublie\"]").expect("selector");
    let links: Vec<String> = login.html().select(&selector).map(|a| a.text().collect()).collect();
    assert_eq!(links, ["Mot de passe oublié ?"]);
    let forgot_page = app.get("/mot-de-passe-oublie").await;
    assert_eq!(forgot_page.status, StatusCode::OK);
    assert_eq!(forgot_page.texts("h1"), ["Mot de passe oublié"]);

    add_candidate(&app, CAMILLE, true, Lang::Fr).await;
    let cookie = session(&app, CAMILLE, PASSWORD).await;
    let space = app.get_with("/espace", &[("cookie", &cookie)]).await;
    let html = space.html();
    let href = |path: &str| {
        let selector = scraper::Selector::parse(&format!("main a[href=\"{path}\"]")).expect("s");
        html.select(&selector).map(|a| a.text().collect::<String>()).collect::<Vec<_>>()
    };
    assert_eq!(href("/espace/mot-de-passe"), ["Changer de mot de passe"]);
    assert_eq!(href("/espace/adresse"), ["Changer d’adresse électronique"]);
}
