//! Logging in and out, sessions, throttling, and who reaches the back office.

use axum::http::StatusCode;
use ptce::auth::passwords::Passwords;
use ptce::db::accounts::{NewCandidate, NewStaff};
use ptce::domain::email::EmailAddress;
use ptce::domain::password::NewPassword;
use ptce::domain::role::Role;
use time::{Duration, OffsetDateTime};

use crate::support::TestApp;

const PASSWORD: &str = "la coopération territoriale";

async fn hash(password: &str) -> String {
    let password = NewPassword::parse(password, "").expect("valid password");
    Passwords::new(1).hash(password).await.expect("hash")
}

async fn add_referent(app: &TestApp, email: &str, network: &str) {
    let email = EmailAddress::parse(email).expect("email");
    let hash = hash(PASSWORD).await;
    let staff = NewStaff {
        email: &email,
        display_name: "Anne-Claire Pignal",
        password_hash: Some(&hash),
        role: Role::Referent,
        network_slug: Some(network),
    };
    app.db.db.upsert_staff(&staff, OffsetDateTime::now_utc()).await.expect("referent");
}

async fn add_candidate(app: &TestApp, email: &str, confirmed: bool) {
    let address = EmailAddress::parse(email).expect("email");
    let hash = hash(PASSWORD).await;
    let candidate = NewCandidate {
        email: &address,
        display_name: "Camille Martin",
        organisation_name: "Pôle Sud Archer",
        siret: None,
        password_hash: &hash,
        lang: ptce::domain::lang::Lang::Fr,
    };
    let now = OffsetDateTime::now_utc();
    let (_, token_hash) = ptce::auth::tokens::new_token();
    let created = app
        .db
        .db
        .create_candidate(&candidate, &token_hash, None, now, Duration::DAY)
        .await
        .expect("create");
    let ptce::db::accounts::SignUp::Created(id) = created else { panic!("{created:?}") };
    if confirmed {
        app.db.db.confirm_email(id, now).await.expect("confirm");
    }
}

/// The code of the latest device-check email to `email`, read from the outbox.
async fn device_code(app: &TestApp, email: &str) -> String {
    let due = app.db.db.claim_due_emails(OffsetDateTime::now_utc(), 100).await.expect("claim");
    let message = due.into_iter().rev().find(|e| e.to == email && e.kind == "device-code");
    let message = message.expect("a device-code email");
    let mut words = message.email.subject.split_whitespace();
    let code = words.find(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_digit()));
    code.expect("a 6-digit code in the subject").to_owned()
}

/// Logs a back-office person in from a new device: password, then the emailed code. Returns
/// the final response (its session and device cookies).
async fn log_in_back_office(
    app: &TestApp,
    email: &str,
    retour: &str,
) -> crate::support::TestResponse {
    let fields = [("email", email), ("password", PASSWORD), ("retour", retour)];
    let first = app.post_form("/connexion", &fields, &[]).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    assert!(
        first.header("location").starts_with("/connexion/code"),
        "{}",
        first.header("location")
    );
    assert_eq!(first.session_cookie(), "", "no session before the code");
    let pending = cookie_named(&first, "ptce_pending");
    let code = device_code(app, email).await;
    let fields = [("code", code.as_str()), ("retour", retour)];
    app.post_form("/connexion/code", &fields, &[("cookie", &pending)]).await
}

/// The `name=value` of a cookie a response sets.
fn cookie_named(response: &crate::support::TestResponse, name: &str) -> String {
    response
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .unwrap_or_default()
        .to_owned()
}

async fn log_in(app: &TestApp, email: &str, password: &str) -> crate::support::TestResponse {
    app.post_form("/connexion", &[("email", email), ("password", password), ("retour", "")], &[])
        .await
}

#[tokio::test]
async fn a_referent_logs_in_and_reaches_the_back_office_of_their_network() {
    let app = TestApp::new().await;
    add_referent(&app, "anneclaire.pignal@coorace.org", "coorace").await;
    let login = log_in_back_office(&app, "anneclaire.pignal@coorace.org", "").await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    assert_eq!(login.header("location"), "/gestion");
    let cookie = login.session_cookie();
    assert!(cookie.starts_with("ptce_session="), "{cookie}");
    let office = app.get_with("/gestion", &[("cookie", &cookie)]).await;
    assert_eq!(office.status, StatusCode::OK);
    assert_eq!(office.texts("main li"), ["Référent ou référente — COORACE"]);
    assert_eq!(office.header("cache-control"), "no-store");
}

#[tokio::test]
async fn a_candidate_is_refused_the_back_office() {
    let app = TestApp::new().await;
    add_candidate(&app, "camille@pole-sud-archer.fr", true).await;
    let cookie = log_in(&app, "camille@pole-sud-archer.fr", PASSWORD).await.session_cookie();
    let space = app.get_with("/espace", &[("cookie", &cookie)]).await;
    assert_eq!(space.status, StatusCode::OK);
    assert_eq!(
        space.texts(".facts dd"),
        ["Camille Martin", "camille@pole-sud-archer.fr", "Pôle Sud Archer"]
    );
    let office = app.get_with("/gestion", &[("cookie", &cookie)]).await;
    assert_eq!(office.status, StatusCode::FORBIDDEN);
    assert_eq!(office.texts("h1"), ["Accès refusé"]);
}

#[tokio::test]
async fn an_anonymous_visitor_is_sent_to_the_login_page_and_brought_back() {
    let app = TestApp::new().await;
    let office = app.get("/gestion").await;
    assert_eq!(office.status, StatusCode::SEE_OTHER);
    assert_eq!(office.header("location"), "/connexion?retour=%2Fgestion");
    add_referent(&app, "ref@rtes.fr", "rtes").await;
    let referent = log_in_back_office(&app, "ref@rtes.fr", "/gestion").await;
    assert_eq!(referent.header("location"), "/gestion");
    add_candidate(&app, "camille@pole-sud-archer.fr", true).await;
    let mut fields =
        [("email", "camille@pole-sud-archer.fr"), ("password", PASSWORD), ("retour", "/espace")];
    let login = app.post_form("/connexion", &fields, &[]).await;
    assert_eq!(login.header("location"), "/espace");
    fields[2].1 = "//evil.example/";
    let elsewhere = app.post_form("/connexion", &fields, &[]).await;
    assert_eq!(elsewhere.header("location"), "/espace", "never back to another site");
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_address_get_the_same_answer() {
    let app = TestApp::new().await;
    add_candidate(&app, "camille@pole-sud-archer.fr", true).await;
    let wrong = log_in(&app, "camille@pole-sud-archer.fr", "not the password").await;
    let unknown = log_in(&app, "nobody@nowhere.fr", "not the password").await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(unknown.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        wrong.texts(".error-summary li"),
        ["Adresse électronique ou mot de passe incorrect."]
    );
    assert_eq!(unknown.texts(".error-summary li"), wrong.texts(".error-summary li"));
    assert_eq!(wrong.session_cookie(), "");
    let field = wrong.html();
    let selector = scraper::Selector::parse("input#email").expect("selector");
    let input = field.select(&selector).next().expect("email field");
    assert_eq!(
        input.value().attr("value"),
        Some("camille@pole-sud-archer.fr"),
        "the input is kept"
    );
    assert_eq!(input.value().attr("aria-invalid"), Some("true"));
}

#[tokio::test]
async fn the_eleventh_wrong_password_is_refused_with_429_and_retry_after() {
    let app = TestApp::new().await;
    add_candidate(&app, "camille@pole-sud-archer.fr", true).await;
    for attempt in 1..=10 {
        let response = log_in(&app, "camille@pole-sud-archer.fr", "wrong password!").await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY, "attempt {attempt}");
    }
    let refused = log_in(&app, "camille@pole-sud-archer.fr", PASSWORD).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: i64 = refused.header("retry-after").parse().expect("seconds");
    assert!((1..=900).contains(&retry), "{retry}");
    assert_eq!(
        refused.texts(".error-summary li"),
        [
            "Trop de tentatives de connexion ont échoué. Pour protéger ce compte, réessayez dans quelques minutes."
        ]
    );
    assert_eq!(refused.session_cookie(), "", "even the right password waits");
}

#[tokio::test]
async fn after_logout_the_old_session_cookie_no_longer_works() {
    let app = TestApp::new().await;
    add_candidate(&app, "camille@pole-sud-archer.fr", true).await;
    let cookie = log_in(&app, "camille@pole-sud-archer.fr", PASSWORD).await.session_cookie();
    assert_eq!(app.get_with("/espace", &[("cookie", &cookie)]).await.status, StatusCode::OK);
    let out = app.post_form("/deconnexion", &[], &[("cookie", &cookie)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(out.header("clear-site-data"), "\"cache\", \"cookies\", \"storage\"");
    let replay = app.get_with("/espace", &[("cookie", &cookie)]).await;
    assert_eq!(replay.status, StatusCode::SEE_OTHER, "the old cookie is dead on the server");
    assert_eq!(replay.header("location"), "/connexion?retour=%2Fespace");
}

#[tokio::test]
async fn each_login_gets_a_new_session_cookie_that_is_http_only_and_same_site() {
    let app = TestApp::new().await;
    add_candidate(&app, "camille@pole-sud-archer.fr", true).await;
    let first = log_in(&app, "camille@pole-sud-archer.fr", PASSWORD).await;
    let second = log_in(&app, "camille@pole-sud-archer.fr", PASSWORD).await;
    assert_ne!(first.session_cookie(), second.session_cookie());
    let set = first.header("set-cookie");
    assert!(set.ends_with("; Path=/; HttpOnly; SameSite=Lax; Max-Age=604800"), "{set}");
    assert_eq!(first.session_cookie().len(), "ptce_session=".len() + 43, "256 random bits");
}

#[tokio::test]
async fn an_unconfirmed_account_is_asked_to_confirm_its_address_first() {
    let app = TestApp::new().await;
    add_candidate(&app, "camille@pole-sud-archer.fr", false).await;
    let login = log_in(&app, "camille@pole-sud-archer.fr", PASSWORD).await;
    assert_eq!(login.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(login.session_cookie(), "");
    assert!(login.texts(".notice")[0].starts_with("Votre adresse n’est pas encore confirmée"));
}

#[tokio::test]
async fn a_cross_site_form_post_is_refused() {
    let app = TestApp::new().await;
    add_candidate(&app, "camille@pole-sud-archer.fr", true).await;
    let forged = app
        .post_form(
            "/connexion",
            &[("email", "camille@pole-sud-archer.fr"), ("password", PASSWORD)],
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(forged.status, StatusCode::FORBIDDEN);
    assert_eq!(forged.session_cookie(), "");
    let logout = app.post_form("/deconnexion", &[], &[("sec-fetch-site", "cross-site")]).await;
    assert_eq!(logout.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn failed_logins_and_the_lockout_are_in_the_audit_log_for_administrators() {
    let app = TestApp::new().await;
    add_candidate(&app, "camille@pole-sud-archer.fr", true).await;
    for _ in 0..11 {
        log_in(&app, "camille@pole-sud-archer.fr", "wrong password!").await;
    }
    let filter =
        ptce::db::audit::AuditFilter { event_prefix: Some("login.".into()), ..Default::default() };
    let entries = app.db.db.audit_entries(&filter, 100).await.expect("audit");
    let events: Vec<&str> = entries.iter().map(|e| e.event.as_str()).collect();
    let mut expected = vec!["login.throttled"];
    expected.extend(["login.failed"; 10]);
    assert_eq!(events, expected);
    assert!(
        entries.iter().all(|e| e.subject_email.as_deref() == Some("camille@pole-sud-archer.fr"))
    );
    assert!(entries.iter().all(|e| !e.detail.contains("wrong password")), "no password logged");

    let email = EmailAddress::parse("admin@ptce.fr").expect("email");
    let hash = hash(PASSWORD).await;
    let admin = NewStaff {
        email: &email,
        display_name: "",
        password_hash: Some(&hash),
        role: Role::Admin,
        network_slug: None,
    };
    app.db.db.upsert_staff(&admin, OffsetDateTime::now_utc()).await.expect("admin");
    let cookie = log_in_back_office(&app, "admin@ptce.fr", "").await.session_cookie();
    let journal = app
        .get_with(
            "/gestion/journal?evenement=login.&personne=camille&du=&au=",
            &[("cookie", &cookie)],
        )
        .await;
    assert_eq!(journal.status, StatusCode::OK);
    let rows = journal.texts("table.data tbody tr td:nth-child(2)");
    assert_eq!(rows.len(), 11, "{rows:?}");
    assert_eq!(rows[0], "login.throttled");
    let odd = app.get_with("/gestion/journal?evenement=nope&du=hier", &[("cookie", &cookie)]).await;
    assert_eq!(odd.status, StatusCode::OK);
    assert_eq!(odd.texts(".notice").len(), 2, "both bad filters are said and ignored");
}

#[tokio::test]
async fn a_referent_is_refused_the_audit_log_and_the_refusal_is_logged() {
    let app = TestApp::new().await;
    add_referent(&app, "ref@coorace.org", "coorace").await;
    let cookie = log_in_back_office(&app, "ref@coorace.org", "").await.session_cookie();
    let journal = app.get_with("/gestion/journal", &[("cookie", &cookie)]).await;
    assert_eq!(journal.status, StatusCode::FORBIDDEN);
    let filter =
        ptce::db::audit::AuditFilter { event_prefix: Some("access.".into()), ..Default::default() };
    let entries = app.db.db.audit_entries(&filter, 10).await.expect("audit");
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].actor_email.as_deref(), Some("ref@coorace.org"));
    assert_eq!(entries[0].detail, r#"{"method":"GET","path":"/gestion/journal"}"#);
}

#[tokio::test]
async fn over_https_the_session_cookie_is_secure_with_the_host_prefix_and_hsts_is_sent() {
    let db = crate::support::TestDb::new().await;
    db.db
        .install_call(
            &ptce::domain::call::CallTemplate::ptce_2011(),
            ptce::domain::call::CallDates::Shifted,
            OffsetDateTime::now_utc(),
        )
        .await
        .expect("call");
    let app = TestApp::configured(db, ptce::web::router::routes(), |s| {
        s.base_url = url::Url::parse("https://ptce.example.org").expect("url");
    });
    add_candidate(&app, "camille@pole-sud-archer.fr", true).await;
    let login = app
        .post_form(
            "/connexion",
            &[("email", "camille@pole-sud-archer.fr"), ("password", PASSWORD)],
            &[("origin", "https://ptce.example.org")],
        )
        .await;
    assert_eq!(login.status, StatusCode::SEE_OTHER);
    let set = login.header("set-cookie");
    assert!(set.starts_with("__Host-ptce_session="), "{set}");
    assert!(set.ends_with("; Path=/; HttpOnly; SameSite=Lax; Max-Age=604800; Secure"), "{set}");
    assert_eq!(login.header("strict-transport-security"), "max-age=31536000; includeSubDomains");
    let cookie = set.split(';').next().expect("pair").to_owned();
    assert_eq!(app.get_with("/espace", &[("cookie", &cookie)]).await.status, StatusCode::OK);
    let plain = cookie.replacen("__Host-", "", 1);
    assert_eq!(
        app.get_with("/espace", &[("cookie", &plain)]).await.status,
        StatusCode::SEE_OTHER,
        "over https only the prefixed cookie counts"
    );
}

#[tokio::test]
async fn a_back_office_login_from_a_new_device_needs_the_emailed_code_then_the_device_is_trusted() {
    let app = TestApp::new().await;
    add_referent(&app, "ref@coorace.org", "coorace").await;
    let credentials = [("email", "ref@coorace.org"), ("password", PASSWORD)];
    let first = app.post_form("/connexion", &credentials, &[]).await;
    assert_eq!(first.header("location"), "/connexion/code");
    let pending = cookie_named(&first, "ptce_pending");
    assert!(first.header("set-cookie").contains("Max-Age=600"));
    let page = app.get_with("/connexion/code", &[("cookie", &pending)]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("h1"), ["Confirmer cet appareil"]);
    let code = device_code(&app, "ref@coorace.org").await;

    let wrong = if code == "000000" { "111111" } else { "000000" };
    let headers = [("cookie", pending.as_str())];
    let refused = app.post_form("/connexion/code", &[("code", wrong)], &headers).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#code-error"),
        ["Ce code n’est pas le bon, ou il a expiré. Vérifiez le dernier message reçu."]
    );
    assert_eq!(refused.session_cookie(), "");

    let passed = app.post_form("/connexion/code", &[("code", &code)], &headers).await;
    assert_eq!(passed.status, StatusCode::SEE_OTHER);
    assert_eq!(passed.header("location"), "/gestion");
    let device = cookie_named(&passed, "ptce_device");
    assert_eq!(device.len(), "ptce_device=".len() + 43);
    let office = app.get_with("/gestion", &[("cookie", &passed.session_cookie())]).await;
    assert_eq!(office.status, StatusCode::OK);

    let replay = app.post_form("/connexion/code", &[("code", &code)], &headers).await;
    assert_eq!(replay.status, StatusCode::GONE, "a code and its pending login work once");

    let again = app.post_form("/connexion", &credentials, &[("cookie", &device)]).await;
    assert_eq!(again.header("location"), "/espace", "a trusted device skips the code");
    assert!(again.session_cookie().starts_with("ptce_session="));
}

#[tokio::test]
async fn five_wrong_device_codes_end_the_pending_login() {
    let app = TestApp::new().await;
    add_referent(&app, "ref@coorace.org", "coorace").await;
    let credentials = [("email", "ref@coorace.org"), ("password", PASSWORD)];
    let first = app.post_form("/connexion", &credentials, &[]).await;
    let pending = cookie_named(&first, "ptce_pending");
    let headers = [("cookie", pending.as_str())];
    let code = device_code(&app, "ref@coorace.org").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let response = app.post_form("/connexion/code", &[("code", wrong)], &headers).await;
        assert_eq!(response.status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    let sixth = app.post_form("/connexion/code", &[("code", &code)], &headers).await;
    assert_eq!(sixth.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(sixth.session_cookie(), "", "even the right code waits");
}
