//! Screening and complements in the back office, and files in the message thread: a referent
//! takes a dossier into screening, asks for a complement that reopens exactly the sections named,
//! the candidate's complement sends the dossier back to screening and tells the referent (a link,
//! no content), and a message's file reaches both sides of the thread and nobody else.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use ptce::domain::role::Role;
use uuid::Uuid;

use crate::dossiers::{candidate, get};
use crate::exchanges::{add_rule, emails_to, submitted};
use crate::storage::{exe, pdf};
use crate::support::{TestApp, TestResponse, post, staff};

/// A message with files, as the thread's form sends it (multipart: `texte`, then `fichiers`).
async fn post_with_files(
    app: &TestApp,
    path: &str,
    text: &str,
    files: &[(&str, Vec<u8>)],
    cookie: &str,
) -> TestResponse {
    let boundary = "ptce-test-boundary";
    let mut body =
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"texte\"\r\n\r\n{text}\r\n")
            .into_bytes();
    for (name, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"fichiers\"; \
                 filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let request = Request::post(path)
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .header("sec-fetch-site", "same-origin")
        .header("cookie", cookie)
        .body(Body::from(body))
        .expect("request");
    app.request(request).await
}

/// The 2011 call with a steering group, a COORACE referent (Drôme routed to COORACE) and an
/// RTES referent, and a dossier from Romans submitted: (app, steering, coorace, rtes, dossier,
/// candidate's cookie).
async fn routed_dossier() -> (TestApp, String, String, String, Uuid, String) {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let coorace = staff(&app, "ref@coorace.fr", Role::Referent, Some("coorace")).await;
    let rtes = staff(&app, "ref@rtes.fr", Role::Referent, Some("rtes")).await;
    add_rule(&app, &steering, "department", "26", "coorace").await;
    let (id, cookie) = submitted(&app, "a@romans.fr", "Pôle Sud Archer", "26281").await;
    (app, steering, coorace, rtes, id, cookie)
}

async fn state_of(app: &TestApp, id: Uuid) -> &'static str {
    app.db.db.dossier(id).await.expect("read").expect("dossier").state.code()
}

async fn audited(app: &TestApp, event: &str) -> usize {
    let filter = ptce::db::audit::AuditFilter::default();
    let entries = app.db.db.audit_entries(&filter, 100).await.expect("audit");
    entries.iter().filter(|e| e.event == event).count()
}

#[tokio::test]
async fn a_referent_takes_a_submitted_dossier_into_screening_once() {
    let (app, steering, coorace, rtes, id, _) = routed_dossier().await;
    let reviewer = staff(&app, "eval@ptce.fr", Role::Reviewer, None).await;
    let page = get(&app, &format!("/gestion/dossiers/{id}"), &coorace).await;
    assert_eq!(page.texts("#take-form button"), ["Prendre en repérage"]);
    let other = post(&app, &format!("/gestion/dossiers/{id}/reperage"), &[], &rtes).await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    assert_eq!(audited(&app, "dossier.access_denied").await, 1);
    let unassigned = post(&app, &format!("/gestion/dossiers/{id}/reperage"), &[], &reviewer).await;
    assert_eq!(unassigned.status, StatusCode::FORBIDDEN);
    assert_eq!(state_of(&app, id).await, "submitted");

    let taken = post(&app, &format!("/gestion/dossiers/{id}/reperage"), &[], &coorace).await;
    assert_eq!(taken.header("location"), format!("/gestion/dossiers/{id}?fait=reperage"));
    assert_eq!(state_of(&app, id).await, "screening");
    assert_eq!(audited(&app, "dossier.screening_started").await, 1);
    let page = get(&app, &format!("/gestion/dossiers/{id}?fait=reperage"), &coorace).await;
    assert_eq!(page.texts("#notice"), ["Dossier pris en repérage."]);
    assert_eq!(page.texts("#state"), ["En repérage"]);
    assert!(page.texts("#take-form").is_empty(), "taken once");
    assert_eq!(
        page.texts(".history li").last().map(|l| l.ends_with("Pris en repérage (Camille Martin)")),
        Some(true),
        "{:?}",
        page.texts(".history li")
    );
    let again = post(&app, &format!("/gestion/dossiers/{id}/reperage"), &[], &coorace).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(
        again.texts("#screening-error"),
        ["Seul un dossier déposé peut être pris en repérage ; celui-ci est « En repérage »."]
    );
    let list = get(&app, "/gestion/dossiers", &steering).await;
    assert!(list.body.contains("En repérage"), "the list shows the state");
}

#[tokio::test]
async fn a_complement_request_reopens_exactly_the_named_sections() {
    let (app, _, coorace, rtes, id, cookie) = routed_dossier().await;
    let path = format!("/gestion/dossiers/{id}/complement");
    let text = "Merci de préciser la nature de votre innovation et votre histoire.";

    let none = post(&app, &path, &[("texte", text)], &coorace).await;
    assert_eq!(none.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        none.texts("#parties-error"),
        ["Cochez au moins une partie du dossier à compléter."]
    );
    assert_eq!(none.texts("#complement-texte"), [text], "the message is kept");
    let forged = post(&app, &path, &[("partie", "secret"), ("texte", text)], &coorace).await;
    assert_eq!(forged.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        forged.texts("#parties-error"),
        ["La partie « secret » n’existe pas dans le formulaire de ce dossier."]
    );
    let outside = post(&app, &path, &[("partie", "innovation"), ("texte", text)], &rtes).await;
    assert_eq!(outside.status, StatusCode::FORBIDDEN);
    assert_eq!(audited(&app, "dossier.access_denied").await, 1);
    assert_eq!(state_of(&app, id).await, "submitted");

    let fields = [("partie", "innovation"), ("partie", "history"), ("texte", text)];
    let asked = post(&app, &path, &fields, &coorace).await;
    assert_eq!(
        asked.header("location"),
        format!("/gestion/dossiers/{id}?fait=complement#complement")
    );
    assert_eq!(state_of(&app, id).await, "correction_requested");
    assert_eq!(audited(&app, "dossier.complement_requested").await, 1);
    let open = app.db.db.open_complement(id).await.expect("read").expect("open");
    assert_eq!(open.sections, ["history", "innovation"], "in the form's order");
    let to_candidate = emails_to(&app.db.db, "a@romans.fr").await;
    let (subject, body, html) = to_candidate.last().expect("an email").clone();
    assert_eq!(subject, "Nouveau message sur le dossier A-0001");
    assert!(body.contains(&format!("/espace/dossiers/{id}/messages")), "{body}");
    assert!(!body.contains("innovation") && !html.contains("innovation"), "no content");

    let page = get(&app, &format!("/espace/dossiers/{id}"), &cookie).await;
    assert_eq!(page.texts("#complement-title"), ["Un complément vous est demandé"]);
    assert_eq!(page.texts("#reopened li"), ["Histoire et identité", "Innovation"]);
    assert_eq!(page.texts("#complement-message"), [text]);
    assert!(page.texts("#submit-title").is_empty(), "no ordinary submission meanwhile");
    let thread = get(&app, &format!("/espace/dossiers/{id}/messages"), &cookie).await;
    assert_eq!(thread.texts("#thread .thread__body"), [text]);

    let closed = get(&app, &format!("/espace/dossiers/{id}/sections/pole"), &cookie).await;
    assert!(closed.texts("form.dossier-form").is_empty(), "read-only");
    let reopened = get(&app, &format!("/espace/dossiers/{id}/sections/innovation"), &cookie).await;
    assert_eq!(reopened.texts("form.dossier-form").len(), 1, "editable");

    let refused = post(
        &app,
        &format!("/espace/dossiers/{id}/sections/pole"),
        &[("_version", "0"), ("pole_name", "Autre nom")],
        &cookie,
    )
    .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert_eq!(
        refused.texts("#section-closed"),
        ["Cette partie n’est pas rouverte : seules les parties demandées en complément \
             peuvent être modifiées (Histoire et identité, Innovation)."]
    );
    let dossier = app.db.db.dossier(id).await.expect("read").expect("dossier");
    assert_eq!(dossier.answers["pole_name"], "Pôle Sud Archer", "nothing written");

    let version = dossier.section_version("innovation").to_string();
    let saved = post(
        &app,
        &format!("/espace/dossiers/{id}/sections/innovation"),
        &[
            ("_version", &version),
            ("_action", "summary"),
            ("innovation_kinds", "sociale"),
            ("innovation_description", "Une coopérative de production, et un atelier école."),
        ],
        &cookie,
    )
    .await;
    assert_eq!(saved.header("location"), format!("/espace/dossiers/{id}"), "{}", saved.body);
    let dossier = app.db.db.dossier(id).await.expect("read").expect("dossier");
    assert_eq!(
        dossier.answers["innovation_description"],
        "Une coopérative de production, et un atelier école."
    );
}

#[tokio::test]
async fn the_candidates_complement_moves_the_dossier_back_and_notifies_the_referent() {
    let (app, _, coorace, _, id, cookie) = routed_dossier().await;
    let submitted_at = app.db.db.dossier(id).await.expect("read").expect("dossier").submitted_at;
    let fields =
        [("partie", "innovation"), ("texte", "Précisez votre innovation, s’il vous plaît.")];
    let asked = post(&app, &format!("/gestion/dossiers/{id}/complement"), &fields, &coorace).await;
    assert_eq!(asked.status, StatusCode::SEE_OTHER, "{}", asked.body);
    assert!(emails_to(&app.db.db, "ref@coorace.fr").await.is_empty());

    let sent = post(&app, &format!("/espace/dossiers/{id}/complement"), &[], &cookie).await;
    assert_eq!(sent.header("location"), format!("/espace/dossiers/{id}?fait=complement"));
    let dossier = app.db.db.dossier(id).await.expect("read").expect("dossier");
    assert_eq!(dossier.state.code(), "screening");
    assert_eq!(dossier.submitted_at, submitted_at, "the submission date is kept");
    assert_eq!(dossier.submission_count, 1, "no new submission");
    assert_eq!(app.db.db.open_complement(id).await.expect("read"), None, "answered");
    let answered = app.db.db.complements(id).await.expect("read");
    assert_eq!(answered.len(), 1);
    assert!(answered[0].answered_at.is_some());

    let to_referent = emails_to(&app.db.db, "ref@coorace.fr").await;
    assert_eq!(to_referent.len(), 1, "one email to the referent");
    let (subject, text, html) = &to_referent[0];
    assert_eq!(subject, "Complément reçu pour le dossier A-0001");
    assert!(text.contains(&format!("/gestion/dossiers/{id}")), "{text}");
    for body in [text, html] {
        assert!(!body.contains("Une coopérative de production"), "no answer in the email");
        assert!(!body.contains("Précisez"), "no message in the email");
    }
    let page = get(&app, &format!("/espace/dossiers/{id}?fait=complement"), &cookie).await;
    assert_eq!(
        page.texts("#notice"),
        ["Complément envoyé ; le ou la référente de votre dossier en est averti·e par courriel."]
    );
    assert!(page.texts("#complement").is_empty(), "the banner is gone");
    let closed = get(&app, &format!("/espace/dossiers/{id}/sections/innovation"), &cookie).await;
    assert!(closed.texts("form.dossier-form").is_empty(), "locked again under screening");
    let staff_page = get(&app, &format!("/gestion/dossiers/{id}"), &coorace).await;
    let history = staff_page.texts(".history li");
    assert!(history.iter().any(|l| l.contains("Complément demandé (Camille Martin) : Innovation")));
    assert!(history.iter().any(|l| l.contains("Complément envoyé par la structure candidate")));
    let again = post(&app, &format!("/espace/dossiers/{id}/complement"), &[], &cookie).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_messages_file_reaches_both_sides_of_the_thread_and_nobody_else() {
    let (app, steering, coorace, rtes, id, cookie) = routed_dossier().await;
    let other = candidate(&app, "x@ailleurs.fr", "Ailleurs").await;
    let wrong = post_with_files(
        &app,
        &format!("/gestion/dossiers/{id}/messages"),
        "Voici le modèle de budget.",
        &[("budget.pdf", exe())],
        &coorace,
    )
    .await;
    assert_eq!(wrong.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(wrong.texts("#fichiers-error").len(), 1);
    assert_eq!(wrong.texts("#message"), ["Voici le modèle de budget."], "the text is kept");
    assert_eq!(app.db.db.count_files().await.expect("count"), 0, "nothing stored");

    let sent = post_with_files(
        &app,
        &format!("/gestion/dossiers/{id}/messages"),
        "Voici le modèle de budget.",
        &[("modèle budget.pdf", pdf())],
        &coorace,
    )
    .await;
    assert_eq!(sent.header("location"), format!("/gestion/dossiers/{id}?fait=message#messages"));
    let thread = get(&app, &format!("/espace/dossiers/{id}/messages"), &cookie).await;
    assert_eq!(thread.texts("#thread .thread__file"), ["modèle budget.pdf"]);
    let href = {
        let html = thread.html();
        let link = scraper::Selector::parse("#thread a.thread__file").expect("selector");
        html.select(&link).next().and_then(|a| a.value().attr("href")).expect("a link").to_owned()
    };
    let file = href.rsplit('/').next().expect("file id").to_owned();
    assert_eq!(href, format!("/espace/dossiers/{id}/messages/fichiers/{file}"));
    let (subject, text, html) = emails_to(&app.db.db, "a@romans.fr").await.pop().expect("email");
    assert_eq!(subject, "Nouveau message sur le dossier A-0001");
    assert!(!text.contains("budget") && !html.contains("budget"), "no content, no file name");

    let by_candidate = get(&app, &href, &cookie).await;
    assert_eq!(by_candidate.status, StatusCode::OK);
    assert_eq!(by_candidate.header("content-type"), "application/pdf");
    let back_office = format!("/gestion/dossiers/{id}/messages/fichiers/{file}");
    assert_eq!(get(&app, &back_office, &coorace).await.status, StatusCode::OK);
    assert_eq!(get(&app, &back_office, &steering).await.status, StatusCode::OK);
    assert_eq!(get(&app, &back_office, &rtes).await.status, StatusCode::FORBIDDEN);
    assert_eq!(get(&app, &href, &other).await.status, StatusCode::NOT_FOUND);
    let page = get(&app, &format!("/gestion/dossiers/{id}"), &coorace).await;
    assert_eq!(page.texts("#thread .thread__file"), ["modèle budget.pdf"]);

    let answer = post_with_files(
        &app,
        &format!("/espace/dossiers/{id}/messages"),
        "Le voici rempli.",
        &[("budget rempli.pdf", pdf())],
        &cookie,
    )
    .await;
    assert_eq!(
        answer.header("location"),
        format!("/espace/dossiers/{id}/messages?fait=envoye#thread")
    );
    let page = get(&app, &format!("/gestion/dossiers/{id}"), &coorace).await;
    assert_eq!(page.texts("#thread .thread__file"), ["modèle budget.pdf", "budget rempli.pdf"]);
}
