//! Organisations and co-editors: editing the organisation (name, SIRET), inviting colleagues by
//! emailed link, joining with a new or an existing account, leaving, and never seeing or
//! touching another organisation.

use axum::http::StatusCode;
use ptce::auth::passwords::Passwords;
use ptce::db::accounts::NewStaff;
use ptce::db::audit::AuditFilter;
use ptce::db::organisations::NewInvitation;
use ptce::domain::email::EmailAddress;
use ptce::domain::lang::Lang;
use ptce::domain::paris;
use ptce::domain::password::NewPassword;
use ptce::domain::role::Role;
use ptce::mail::RenderedEmail;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::support::{TestApp, TestResponse, confirmed_candidate, post, session_for};

const PASSWORD: &str = "nos coopérations durables";
const PAGE: &str = "/espace/organisation";

async fn hash(password: &str) -> String {
    let password = NewPassword::parse(password, "").expect("valid password");
    Passwords::new(1).hash(password).await.expect("hash")
}

/// A confirmed candidate account with its own organisation; its id.
async fn candidate(app: &TestApp, email: &str, name: &str, organisation: &str) -> Uuid {
    confirmed_candidate(app, email, name, organisation, PASSWORD).await
}

/// A back-office account, which belongs to no organisation.
async fn reviewer(app: &TestApp, email: &str) -> Uuid {
    let address = EmailAddress::parse(email).expect("email");
    let hash = hash(PASSWORD).await;
    let new = NewStaff {
        email: &address,
        display_name: "Eve Lambert",
        password_hash: Some(&hash),
        role: Role::Reviewer,
        network_slug: None,
    };
    app.db.db.upsert_staff(&new, OffsetDateTime::now_utc()).await.expect("staff")
}

async fn log_in(app: &TestApp, email: &str) -> String {
    let login = app
        .post_form("/connexion", &[("email", email), ("password", PASSWORD), ("retour", "")], &[])
        .await;
    assert_eq!(login.status, StatusCode::SEE_OTHER, "{email} logs in");
    let cookie = login.session_cookie();
    assert!(cookie.starts_with("ptce_session="), "{email} has a session");
    cookie
}

async fn get(app: &TestApp, path: &str, cookie: &str) -> TestResponse {
    app.get_with(path, &[("cookie", cookie)]).await
}

async fn invite(app: &TestApp, cookie: &str, email: &str) -> TestResponse {
    post(app, "/espace/organisation/invitations", &[("email", email)], cookie).await
}

/// The invitation paths emailed to an address since the last look, oldest first.
async fn invitation_paths(app: &TestApp, email: &str) -> Vec<String> {
    let due = app.db.db.claim_due_emails(OffsetDateTime::now_utc(), 100).await.expect("claim");
    due.into_iter()
        .filter(|e| e.to == email && e.kind == "invitation")
        .map(|e| {
            let start = e.email.text.find("/invitation/").expect("a link");
            e.email.text[start..].split_whitespace().next().expect("path").to_owned()
        })
        .collect()
}

async fn only_invitation_path(app: &TestApp, email: &str) -> String {
    let paths = invitation_paths(app, email).await;
    assert_eq!(paths.len(), 1, "{paths:?}");
    paths[0].clone()
}

/// The rows of a table, each as its cells' texts joined by " | ".
fn rows(page: &TestResponse, table: &str) -> Vec<String> {
    let html = page.html();
    let row = scraper::Selector::parse(&format!("#{table} tbody tr")).expect("selector");
    let cell = scraper::Selector::parse("td").expect("selector");
    html.select(&row)
        .map(|tr| {
            tr.select(&cell)
                .map(|td| {
                    td.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")
                })
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

/// The value of an input of a page.
fn input_value(page: &TestResponse, id: &str) -> Option<String> {
    let html = page.html();
    let selector = scraper::Selector::parse(&format!("input#{id}")).expect("selector");
    html.select(&selector).next().and_then(|e| e.value().attr("value")).map(str::to_owned)
}

/// A newcomer follows the link and creates their account; their session cookie.
async fn join_with_new_account(app: &TestApp, path: &str, name: &str) -> String {
    let joined = app.post_form(path, &[("name", name), ("password", PASSWORD)], &[]).await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER, "{}", joined.body);
    assert_eq!(joined.header("location"), "/espace/organisation?fait=rejoint");
    let cookie = joined.session_cookie();
    assert!(cookie.starts_with("ptce_session="), "{cookie}");
    cookie
}

async fn events(app: &TestApp, prefix: &str) -> Vec<(String, Option<String>)> {
    let filter = AuditFilter { event_prefix: Some(prefix.to_owned()), ..AuditFilter::default() };
    let mut entries: Vec<(String, Option<String>)> = app
        .db
        .db
        .audit_entries(&filter, 100)
        .await
        .expect("audit")
        .into_iter()
        .map(|e| (e.event, e.actor_email))
        .collect();
    entries.reverse();
    entries
}

fn day(at: OffsetDateTime) -> String {
    ptce::i18n::date(Lang::Fr, paris::date_of(at))
}

#[tokio::test]
async fn a_member_invites_a_colleague_who_has_no_account_and_the_colleague_joins_by_creating_one() {
    let app = TestApp::new().await;
    candidate(&app, "camille@pole-sud.fr", "Camille Martin", "Pôle Sud Archer").await;
    let camille = log_in(&app, "camille@pole-sud.fr").await;

    let space = get(&app, "/espace", &camille).await;
    assert_eq!(
        space.texts("main a[href='/espace/organisation']"),
        ["Mon organisation : membres et invitations"]
    );
    let page = get(&app, PAGE, &camille).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("h1"), ["Mon organisation"]);
    assert_eq!(input_value(&page, "name").as_deref(), Some("Pôle Sud Archer"));
    assert_eq!(input_value(&page, "siret").as_deref(), Some(""));
    assert_eq!(rows(&page, "members"), ["Camille Martin (vous) | camille@pole-sud.fr"]);
    assert_eq!(page.texts("#no-invitations"), ["Aucune invitation en attente."]);
    assert_eq!(page.texts("#leave"), ["Quitter l’organisation"]);

    let now = OffsetDateTime::now_utc();
    let sent = invite(&app, &camille, " Dominique@Pole-Sud.fr ").await;
    assert_eq!(sent.status, StatusCode::SEE_OTHER);
    assert_eq!(sent.header("location"), "/espace/organisation?fait=invitation");
    let page = get(&app, "/espace/organisation?fait=invitation", &camille).await;
    assert_eq!(page.texts(".notice"), ["L’invitation est envoyée."]);
    assert_eq!(
        page.texts("#invitations tbody td"),
        [
            "dominique@pole-sud.fr".to_owned(),
            day(now),
            day(now + Duration::days(7)),
            "Annuler l’invitation — dominique@pole-sud.fr".to_owned(),
        ]
    );

    let emails = app.db.db.claim_due_emails(OffsetDateTime::now_utc(), 100).await.expect("claim");
    assert_eq!(emails.len(), 1);
    let email = &emails[0];
    assert_eq!(email.to, "dominique@pole-sud.fr");
    assert_eq!(email.kind, "invitation");
    assert_eq!(email.email.subject, "Invitation à rejoindre Pôle Sud Archer — PTCE");
    assert!(
        email.email.text.starts_with(
            "Bonjour,\n\nCamille Martin vous invite à rejoindre l’organisation Pôle Sud Archer \
             sur la plateforme"
        ),
        "{}",
        email.email.text
    );
    assert!(
        email
            .email
            .text
            .contains("Ce lien est valable 7 jours et ne peut servir qu’une seule fois."),
        "{}",
        email.email.text
    );
    assert!(email.email.html.contains("Voir l’invitation</a>"));
    let start = email.email.text.find("/invitation/").expect("a link");
    let path = email.email.text[start..].split_whitespace().next().expect("path").to_owned();
    assert_eq!(path.len(), "/invitation/".len() + 43);
    assert!(
        email.email.text.contains(&format!(
            "{}{path}",
            app.state.settings.base_url.as_str().trim_end_matches('/')
        )),
        "an absolute link: {}",
        email.email.text
    );

    let shown = app.get(&path).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(shown.texts("h1"), ["Invitation à rejoindre Pôle Sud Archer"]);
    assert_eq!(
        shown.texts(".lead"),
        [
            "Camille Martin vous invite à rejoindre l’organisation Pôle Sud Archer sur la plateforme de l’appel à candidatures PTCE, pour préparer ensemble ses dossiers de candidature.".to_owned(),
            format!(
                "Invitation adressée à dominique@pole-sud.fr, valable jusqu’au {}.",
                day(now + Duration::days(7))
            ),
        ]
    );
    assert_eq!(shown.texts("main button"), ["Créer mon compte et rejoindre l’organisation"]);

    let weak =
        app.post_form(&path, &[("name", "Dominique Roux"), ("password", "court")], &[]).await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        weak.texts("#password-error"),
        ["Le mot de passe doit compter au moins 12 caractères."]
    );
    assert_eq!(input_value(&weak, "name").as_deref(), Some("Dominique Roux"));
    assert_eq!(input_value(&weak, "password"), None);

    let dominique = join_with_new_account(&app, &path, "Dominique Roux").await;
    let page = get(&app, "/espace/organisation?fait=rejoint", &dominique).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.texts(".notice"),
        ["Bienvenue : vous êtes désormais membre de cette organisation."]
    );
    assert_eq!(input_value(&page, "name").as_deref(), Some("Pôle Sud Archer"));
    assert_eq!(
        rows(&page, "members"),
        ["Camille Martin | camille@pole-sud.fr", "Dominique Roux (vous) | dominique@pole-sud.fr"]
    );
    assert_eq!(page.texts("#no-invitations"), ["Aucune invitation en attente."]);
    let space = get(&app, "/espace", &dominique).await;
    assert_eq!(
        space.texts(".facts dd"),
        ["Dominique Roux", "dominique@pole-sud.fr", "Pôle Sud Archer"]
    );
    assert_eq!(
        rows(&get(&app, PAGE, &camille).await, "members"),
        ["Camille Martin (vous) | camille@pole-sud.fr", "Dominique Roux | dominique@pole-sud.fr"]
    );

    // The link confirmed the address: the new account logs in with its password.
    log_in(&app, "dominique@pole-sud.fr").await;
    assert_eq!(
        events(&app, "organisation.").await,
        [
            ("organisation.invited".to_owned(), Some("camille@pole-sud.fr".to_owned())),
            ("organisation.joined".to_owned(), Some("dominique@pole-sud.fr".to_owned())),
        ]
    );
    assert_eq!(
        events(&app, "account.").await,
        [("account.created".to_owned(), Some("dominique@pole-sud.fr".to_owned()))]
    );
}

#[tokio::test]
async fn an_existing_account_without_organisation_joins_after_logging_in() {
    let app = TestApp::new().await;
    candidate(&app, "camille@pole-sud.fr", "Camille Martin", "Pôle Sud Archer").await;
    // Eve left the organisation she signed up with, which a colleague keeps going.
    candidate(&app, "eve@ancienne.fr", "Eve Lambert", "Ancienne structure").await;
    let eve_before = log_in(&app, "eve@ancienne.fr").await;
    invite(&app, &eve_before, "remi@ancienne.fr").await;
    let remi_path = only_invitation_path(&app, "remi@ancienne.fr").await;
    join_with_new_account(&app, &remi_path, "Rémi Durand").await;
    let left = post(&app, "/espace/organisation/quitter", &[], &eve_before).await;
    assert_eq!(left.status, StatusCode::SEE_OTHER);

    let camille = log_in(&app, "camille@pole-sud.fr").await;
    invite(&app, &camille, "eve@ancienne.fr").await;
    let path = only_invitation_path(&app, "eve@ancienne.fr").await;
    let login_href = format!(
        "/connexion?retour={}",
        url::form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>()
    );

    let shown = app.get(&path).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(
        shown.texts("#step"),
        ["Un compte existe déjà pour eve@ancienne.fr : connectez-vous pour accepter l’invitation."]
    );
    let html = shown.html();
    let selector = scraper::Selector::parse("main a.button").expect("selector");
    let links: Vec<&str> = html.select(&selector).filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(links, [login_href.as_str()]);
    assert!(shown.texts("main button").is_empty(), "no form to fill");

    let anonymous = app.post_form(&path, &[], &[]).await;
    assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
    assert_eq!(anonymous.header("location"), login_href);

    let login_page = app.get(&login_href).await;
    let retour = {
        let html = login_page.html();
        let selector = scraper::Selector::parse("input[name=retour]").expect("selector");
        html.select(&selector).next().and_then(|e| e.value().attr("value")).map(str::to_owned)
    };
    assert_eq!(retour.as_deref(), Some(path.as_str()));
    let login = app
        .post_form(
            "/connexion",
            &[("email", "eve@ancienne.fr"), ("password", PASSWORD), ("retour", &path)],
            &[],
        )
        .await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    assert_eq!(login.header("location"), path);
    let eve = login.session_cookie();

    let before = get(&app, PAGE, &eve).await;
    assert_eq!(
        before.texts("#no-organisation"),
        [
            "Votre compte n’est rattaché à aucune organisation. Une organisation (structure porteuse) réunit les personnes qui préparent ensemble ses dossiers de candidature ; l’un de ses membres peut vous y inviter par courriel."
        ]
    );
    let shown = get(&app, &path, &eve).await;
    assert_eq!(shown.texts("main button"), ["Rejoindre l’organisation"]);
    let joined = post(&app, &path, &[], &eve).await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER);
    assert_eq!(joined.header("location"), "/espace/organisation?fait=rejoint");
    let page = get(&app, PAGE, &eve).await;
    assert_eq!(
        rows(&page, "members"),
        ["Camille Martin | camille@pole-sud.fr", "Eve Lambert (vous) | eve@ancienne.fr"]
    );
    assert_eq!(
        events(&app, "organisation.joined").await,
        [
            ("organisation.joined".to_owned(), Some("remi@ancienne.fr".to_owned())),
            ("organisation.joined".to_owned(), Some("eve@ancienne.fr".to_owned())),
        ]
    );
    assert_eq!(
        events(&app, "account.created").await,
        [("account.created".to_owned(), Some("remi@ancienne.fr".to_owned()))],
        "no account was created for Eve"
    );
}

#[tokio::test]
async fn an_account_of_another_organisation_is_refused_until_it_leaves_it() {
    let app = TestApp::new().await;
    candidate(&app, "camille@pole-sud.fr", "Camille Martin", "Pôle Sud Archer").await;
    candidate(&app, "bob@pole-nord.fr", "Bob Leroy", "Pôle Nord").await;
    let camille = log_in(&app, "camille@pole-sud.fr").await;
    let bob = log_in(&app, "bob@pole-nord.fr").await;
    // Bob's organisation has a second member, so that Bob may leave it later.
    invite(&app, &bob, "carole@pole-nord.fr").await;
    let carole_path = only_invitation_path(&app, "carole@pole-nord.fr").await;
    join_with_new_account(&app, &carole_path, "Carole Petit").await;

    invite(&app, &camille, "bob@pole-nord.fr").await;
    let path = only_invitation_path(&app, "bob@pole-nord.fr").await;
    let shown = get(&app, &path, &bob).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert_eq!(shown.texts("h1"), ["Vous appartenez déjà à une organisation"]);
    assert_eq!(
        shown.texts("#step"),
        [
            "Votre compte appartient déjà à une autre organisation, et un compte n’appartient qu’à une organisation à la fois. Pour rejoindre Pôle Sud Archer, quittez d’abord votre organisation actuelle depuis sa page, puis rouvrez ce lien."
        ]
    );
    assert!(shown.texts("main button").is_empty(), "no button to join");

    let refused = post(&app, &path, &[], &bob).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(refused.texts("h1"), ["Vous appartenez déjà à une organisation"]);
    let page = get(&app, PAGE, &bob).await;
    assert_eq!(input_value(&page, "name").as_deref(), Some("Pôle Nord"));
    assert_eq!(
        rows(&page, "members"),
        ["Bob Leroy (vous) | bob@pole-nord.fr", "Carole Petit | carole@pole-nord.fr"]
    );

    // The refusal did not use the link: once Bob has left, it works.
    let left = post(&app, "/espace/organisation/quitter", &[], &bob).await;
    assert_eq!(left.status, StatusCode::SEE_OTHER);
    let joined = post(&app, &path, &[], &bob).await;
    assert_eq!(joined.status, StatusCode::SEE_OTHER);
    let page = get(&app, PAGE, &bob).await;
    assert_eq!(input_value(&page, "name").as_deref(), Some("Pôle Sud Archer"));
    assert_eq!(
        rows(&page, "members"),
        ["Bob Leroy (vous) | bob@pole-nord.fr", "Camille Martin | camille@pole-sud.fr"]
    );
}

#[tokio::test]
async fn an_invitation_link_works_once() {
    let app = TestApp::new().await;
    candidate(&app, "camille@pole-sud.fr", "Camille Martin", "Pôle Sud Archer").await;
    let camille = log_in(&app, "camille@pole-sud.fr").await;
    invite(&app, &camille, "dominique@pole-sud.fr").await;
    let path = only_invitation_path(&app, "dominique@pole-sud.fr").await;
    let dominique = join_with_new_account(&app, &path, "Dominique Roux").await;

    let again = app.post_form(&path, &[("name", "Intrus"), ("password", PASSWORD)], &[]).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert_eq!(again.texts("h1"), ["Cette invitation a déjà servi"]);
    assert_eq!(
        again.texts(".lead"),
        [
            "Chaque invitation ne fonctionne qu’une fois. Si vous l’avez acceptée, connectez-vous pour retrouver votre organisation."
        ]
    );
    assert_eq!(app.get(&path).await.status, StatusCode::GONE);
    assert_eq!(post(&app, &path, &[], &dominique).await.status, StatusCode::GONE);
    assert_eq!(get(&app, PAGE, &camille).await.texts("#members tbody tr").len(), 2);
}

#[tokio::test]
async fn cancelled_expired_and_unknown_links_say_so() {
    let app = TestApp::new().await;
    let camille_id =
        candidate(&app, "camille@pole-sud.fr", "Camille Martin", "Pôle Sud Archer").await;
    let camille = log_in(&app, "camille@pole-sud.fr").await;

    invite(&app, &camille, "dominique@pole-sud.fr").await;
    let first = only_invitation_path(&app, "dominique@pole-sud.fr").await;
    invite(&app, &camille, "dominique@pole-sud.fr").await;
    let second = only_invitation_path(&app, "dominique@pole-sud.fr").await;
    assert_eq!(
        get(&app, PAGE, &camille).await.texts("#invitations tbody tr").len(),
        1,
        "inviting again replaces the pending invitation"
    );
    let replaced = app.get(&first).await;
    assert_eq!(replaced.status, StatusCode::GONE);
    assert_eq!(replaced.texts("h1"), ["Cette invitation a été annulée"]);
    assert_eq!(app.get(&second).await.status, StatusCode::OK);

    let cancelled = post(
        &app,
        "/espace/organisation/invitations/annuler",
        &[("email", "dominique@pole-sud.fr")],
        &camille,
    )
    .await;
    assert_eq!(cancelled.status, StatusCode::SEE_OTHER);
    let page = get(&app, cancelled.header("location"), &camille).await;
    assert_eq!(page.texts(".notice"), ["L’invitation est annulée : son lien ne fonctionne plus."]);
    assert_eq!(page.texts("#no-invitations"), ["Aucune invitation en attente."]);
    let gone = app.post_form(&second, &[("name", "Dominique"), ("password", PASSWORD)], &[]).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert_eq!(gone.texts("h1"), ["Cette invitation a été annulée"]);

    // An invitation past its 7 days.
    let (token, token_hash) = ptce::auth::tokens::new_token();
    let email = EmailAddress::parse("late@pole-sud.fr").expect("email");
    let message = RenderedEmail { subject: "s".into(), text: "t".into(), html: "h".into() };
    let organisation_id = app
        .db
        .db
        .account(camille_id)
        .await
        .expect("account")
        .and_then(|a| a.organisation_id)
        .expect("organisation");
    let old = NewInvitation {
        organisation_id,
        email: &email,
        inviter_id: camille_id,
        inviter_name: "Camille Martin",
        token_hash: &token_hash,
        lifetime: Duration::days(7),
        daily_limit: 20,
        email_kind: "invitation",
        message: &message,
    };
    app.db
        .db
        .invite_to_organisation(&old, "test", OffsetDateTime::now_utc() - Duration::days(8))
        .await
        .expect("invite");
    let expired = app.get(&format!("/invitation/{token}")).await;
    assert_eq!(expired.status, StatusCode::GONE);
    assert_eq!(expired.texts("h1"), ["Cette invitation a expiré"]);
    let expired = app
        .post_form(
            &format!("/invitation/{token}"),
            &[("name", "Late"), ("password", PASSWORD)],
            &[],
        )
        .await;
    assert_eq!(expired.status, StatusCode::GONE);
    assert_eq!(
        get(&app, PAGE, &camille).await.texts("#no-invitations").len(),
        1,
        "an expired invitation is no longer pending"
    );

    let unknown = app.get(&format!("/invitation/{}", "A".repeat(43))).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.texts("h1"), ["Invitation inconnue"]);
    let malformed = app.get("/invitation/..%2F..%2Fetc").await;
    assert_eq!(malformed.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_last_member_cannot_leave() {
    let app = TestApp::new().await;
    candidate(&app, "camille@pole-sud.fr", "Camille Martin", "Pôle Sud Archer").await;
    let camille = log_in(&app, "camille@pole-sud.fr").await;

    let refused = post(&app, "/espace/organisation/quitter", &[], &camille).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    let reason = "Vous êtes le dernier membre de cette organisation : vous ne pouvez pas la quitter. Invitez d’abord un ou une collègue qui la fera vivre.";
    assert_eq!(refused.texts("#leave-error"), [reason]);
    assert_eq!(refused.texts(".error-summary li"), [reason]);
    assert_eq!(
        rows(&get(&app, PAGE, &camille).await, "members"),
        ["Camille Martin (vous) | camille@pole-sud.fr"]
    );

    invite(&app, &camille, "dominique@pole-sud.fr").await;
    let path = only_invitation_path(&app, "dominique@pole-sud.fr").await;
    let dominique = join_with_new_account(&app, &path, "Dominique Roux").await;
    let left = post(&app, "/espace/organisation/quitter", &[], &camille).await;
    assert_eq!(left.status, StatusCode::SEE_OTHER);
    assert_eq!(left.header("location"), "/espace/organisation?fait=quittee");
    let page = get(&app, "/espace/organisation?fait=quittee", &camille).await;
    assert_eq!(page.texts(".notice"), ["Vous avez quitté l’organisation."]);
    assert_eq!(page.texts("#no-organisation").len(), 1);
    assert!(page.texts("#members").is_empty());

    let last = post(&app, "/espace/organisation/quitter", &[], &dominique).await;
    assert_eq!(last.status, StatusCode::CONFLICT);
    assert_eq!(last.texts("#leave-error"), [reason]);
    assert_eq!(
        events(&app, "organisation.left").await,
        [("organisation.left".to_owned(), Some("camille@pole-sud.fr".to_owned()))]
    );
}

#[tokio::test]
async fn a_member_of_one_organisation_never_sees_or_acts_on_another() {
    let app = TestApp::new().await;
    candidate(&app, "camille@pole-sud.fr", "Camille Martin", "Pôle A").await;
    candidate(&app, "bob@pole-nord.fr", "Bob Leroy", "Pôle B").await;
    let camille = log_in(&app, "camille@pole-sud.fr").await;
    let bob = log_in(&app, "bob@pole-nord.fr").await;
    invite(&app, &bob, "invitee@ailleurs.fr").await;
    let b_path = only_invitation_path(&app, "invitee@ailleurs.fr").await;

    let page = get(&app, PAGE, &camille).await;
    assert_eq!(input_value(&page, "name").as_deref(), Some("Pôle A"));
    assert_eq!(rows(&page, "members"), ["Camille Martin (vous) | camille@pole-sud.fr"]);
    assert_eq!(page.texts("#no-invitations").len(), 1);
    assert!(!page.body.contains("Pôle B") && !page.body.contains("bob@pole-nord.fr"));
    assert!(!page.body.contains("invitee@ailleurs.fr"));

    // A crafted cancel of B's invitation.
    let crafted = post(
        &app,
        "/espace/organisation/invitations/annuler",
        &[("email", "invitee@ailleurs.fr")],
        &camille,
    )
    .await;
    assert_eq!(crafted.status, StatusCode::NOT_FOUND);
    let b_page = get(&app, PAGE, &bob).await;
    assert_eq!(b_page.texts("#invitations tbody td:first-child"), ["invitee@ailleurs.fr"]);
    assert_eq!(app.get(&b_path).await.status, StatusCode::OK);

    // Editing touches only one's own organisation, whatever the form carries.
    let edited =
        post(&app, PAGE, &[("name", "Pôle A renommé"), ("siret", ""), ("id", "b")], &camille).await;
    assert_eq!(edited.status, StatusCode::SEE_OTHER);
    assert_eq!(input_value(&get(&app, PAGE, &bob).await, "name").as_deref(), Some("Pôle B"));

    // B's invitation link, opened by Camille, is not for her.
    let shown = get(&app, &b_path, &camille).await;
    assert_eq!(
        shown.texts("#step"),
        [
            "Cette invitation est adressée à invitee@ailleurs.fr, mais vous êtes connecté avec une autre adresse (camille@pole-sud.fr). Déconnectez-vous, puis rouvrez ce lien."
        ]
    );
    let refused = post(&app, &b_path, &[], &camille).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        input_value(&get(&app, PAGE, &camille).await, "name").as_deref(),
        Some("Pôle A renommé")
    );
    assert_eq!(app.get(&b_path).await.status, StatusCode::OK, "still unused");
}

#[tokio::test]
async fn the_siret_is_checked_with_the_reason_given() {
    let app = TestApp::new().await;
    candidate(&app, "camille@pole-sud.fr", "Camille Martin", "Pôle Sud Archer").await;
    let camille = log_in(&app, "camille@pole-sud.fr").await;
    let save = |siret: &'static str| {
        let app = &app;
        let camille = camille.clone();
        async move { post(app, PAGE, &[("name", "Pôle Sud Archer"), ("siret", siret)], &camille).await }
    };

    let invalid = save("73282932000075").await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        invalid.texts("#siret-error"),
        [
            "Numéro SIRET invalide : la clé de contrôle ne correspond pas, un chiffre est sans doute mal recopié."
        ]
    );
    assert_eq!(input_value(&invalid, "siret").as_deref(), Some("73282932000075"));
    assert_eq!(
        save("7328293200007").await.texts("#siret-error"),
        ["Numéro SIRET invalide : il compte 14 chiffres."]
    );
    assert_eq!(
        save("732829320O0074").await.texts("#siret-error"),
        ["Numéro SIRET invalide : il ne peut contenir que des chiffres (et des espaces)."]
    );

    let valid = save("732 829 320 00074").await;
    assert_eq!(valid.status, StatusCode::SEE_OTHER);
    assert_eq!(valid.header("location"), "/espace/organisation?fait=enregistre");
    let page = get(&app, "/espace/organisation?fait=enregistre", &camille).await;
    assert_eq!(page.texts(".notice"), ["Les informations de l’organisation sont enregistrées."]);
    assert_eq!(input_value(&page, "siret").as_deref(), Some("732 829 320 00074"));

    let la_poste = save("35600000000048").await;
    assert_eq!(la_poste.status, StatusCode::SEE_OTHER);
    assert_eq!(
        input_value(&get(&app, PAGE, &camille).await, "siret").as_deref(),
        Some("356 000 000 00048")
    );

    let cleared = save("").await;
    assert_eq!(cleared.status, StatusCode::SEE_OTHER);
    assert_eq!(input_value(&get(&app, PAGE, &camille).await, "siret").as_deref(), Some(""));

    let long = "P".repeat(151);
    let bad_name = post(&app, PAGE, &[("name", &long), ("siret", "")], &camille).await;
    assert_eq!(bad_name.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_name.texts("#name-error"), ["Ce texte est trop long."]);
    let empty = post(&app, PAGE, &[("name", " "), ("siret", "")], &camille).await;
    assert_eq!(empty.texts("#name-error"), ["Indiquez le nom de votre organisation."]);
    assert_eq!(input_value(&empty, "name").as_deref(), Some(" "));
    assert_eq!(events(&app, "organisation.updated").await.len(), 3, "one event per saved change");
}

#[tokio::test]
async fn invitations_are_refused_for_members_and_past_twenty_a_day() {
    let app = TestApp::new().await;
    candidate(&app, "camille@pole-sud.fr", "Camille Martin", "Pôle Sud Archer").await;
    let camille = log_in(&app, "camille@pole-sud.fr").await;

    let member = invite(&app, &camille, "camille@pole-sud.fr").await;
    assert_eq!(member.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        member.texts("#invite-email-error"),
        ["Cette personne est déjà membre de l’organisation."]
    );
    let malformed = invite(&app, &camille, "pas-une-adresse").await;
    assert_eq!(malformed.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(input_value(&malformed, "invite-email").as_deref(), Some("pas-une-adresse"));

    for n in 0..20 {
        let sent = invite(&app, &camille, &format!("collegue{n}@pole-sud.fr")).await;
        assert_eq!(sent.status, StatusCode::SEE_OTHER, "invitation {n}");
    }
    let refused = invite(&app, &camille, "collegue20@pole-sud.fr").await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        refused.texts("#invite-email-error"),
        ["Votre organisation a déjà envoyé 20 invitations en 24 heures : réessayez demain."]
    );
    assert_eq!(invitation_paths(&app, "collegue20@pole-sud.fr").await.len(), 0);
    assert_eq!(get(&app, PAGE, &camille).await.texts("#invitations tbody tr").len(), 20);
    // Cancelling does not give invitations back.
    post(
        &app,
        "/espace/organisation/invitations/annuler",
        &[("email", "collegue0@pole-sud.fr")],
        &camille,
    )
    .await;
    assert_eq!(
        invite(&app, &camille, "collegue20@pole-sud.fr").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(events(&app, "organisation.invited").await.len(), 20);
    assert_eq!(events(&app, "organisation.invite_throttled").await.len(), 2);
}

#[tokio::test]
async fn an_account_without_organisation_sees_a_plain_explanation() {
    let app = TestApp::new().await;
    let id = reviewer(&app, "eve@evaluation.fr").await;
    let eve = session_for(&app, id).await;
    let page = get(&app, PAGE, &eve).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("#no-organisation").len(), 1);
    assert!(page.texts("form").is_empty(), "nothing to edit, invite or leave");
    for action in
        ["/espace/organisation", "/espace/organisation/invitations", "/espace/organisation/quitter"]
    {
        let refused = post(&app, action, &[("name", "X"), ("email", "x@y.fr")], &eve).await;
        assert_eq!(refused.status, StatusCode::CONFLICT, "{action}");
        assert_eq!(refused.texts("#no-organisation").len(), 1, "{action}");
    }
    let english = get(&app, "/espace/organisation?lang=en", &eve).await;
    assert_eq!(english.texts("h1"), ["My organisation"]);
    assert_eq!(
        english.texts("#no-organisation"),
        [
            "Your account belongs to no organisation. An organisation (lead structure) brings together the people who prepare its application dossiers; one of its members can invite you by email."
        ]
    );
}
