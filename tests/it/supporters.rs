//! Form C: expressing interest or support without an account, counted only once the emailed
//! link is followed; merging by address and target; the steering group's overview and export.

use axum::http::StatusCode;
use ptce::db::accounts::{NewCandidate, SignUp};
use ptce::db::supporters::{ConfirmationLink, Expression, NewExpression, Supporter};
use ptce::domain::email::EmailAddress;
use ptce::domain::lang::Lang;
use ptce::domain::role::Role;
use ptce::mail::RenderedEmail;
use serde_json::json;
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::support::{TestApp, TestResponse, staff_named};

const EMAIL: &str = "elise.durand@castres.fr";

/// A complete expression from a local authority, for the call as a whole.
pub(crate) fn answers(name: &str, organisation: &str, email: &str) -> Vec<(&'static str, String)> {
    vec![
        ("supporter_kind", "collectivite".into()),
        ("name", name.into()),
        ("organisation", organisation.into()),
        ("siret", String::new()),
        ("commune", "81065".into()),
        ("email", email.into()),
        ("supported_pole", "la-demarche".into()),
        ("support_kinds", "lettre-de-soutien".into()),
        ("support_kinds", "expertise".into()),
        ("message", String::new()),
        ("processing_consent", "oui".into()),
        ("listing_consent", "non".into()),
    ]
}

pub(crate) async fn express(app: &TestApp, fields: &[(&'static str, String)]) -> TestResponse {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form("/manifester", &pairs, &[]).await
}

async fn call_id(app: &TestApp) -> Uuid {
    app.db.db.current_call().await.expect("read").expect("a call").id
}

async fn stored(app: &TestApp) -> Vec<Supporter> {
    app.db.db.supporters(call_id(app).await).await.expect("supporters")
}

async fn count(app: &TestApp) -> i64 {
    app.db.db.confirmed_supporter_count(call_id(app).await).await.expect("count")
}

/// The confirmation paths in the emails queued since the last call, for an address, in order.
pub(crate) async fn confirmation_paths(app: &TestApp, email: &str) -> Vec<String> {
    let due = app.db.db.claim_due_emails(OffsetDateTime::now_utc(), 100).await.expect("claim");
    due.into_iter()
        .filter(|e| e.to == email)
        .map(|e| {
            assert_eq!(e.kind, "confirm-interest");
            assert_eq!(
                e.email.subject,
                "Confirmez votre manifestation d’intérêt ou de soutien — PTCE"
            );
            let start = e.email.text.find("/manifester/confirmer/").expect("a link in the text");
            e.email.text[start..].split_whitespace().next().expect("path").to_owned()
        })
        .collect()
}

#[tokio::test]
async fn an_expression_counts_only_once_the_emailed_link_is_followed() {
    let app = TestApp::new().await;
    let form = app.get("/manifester").await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.texts("h1"), ["Manifester votre intérêt ou votre soutien"]);
    assert_eq!(form.texts("h2"), ["Vous", "Votre soutien", "Consentements"]);
    assert_eq!(
        form.texts("#supporters-count"),
        ["Aucune manifestation d’intérêt ou de soutien confirmée pour l’instant."]
    );

    let sent =
        express(&app, &answers("Élise Durand", "Ville de Castres", "Elise.Durand@Castres.fr"))
            .await;
    assert_eq!(sent.status, StatusCode::OK);
    assert_eq!(sent.texts("h1"), ["Vérifiez votre messagerie"]);
    assert_eq!(count(&app).await, 0, "not before the link is followed");
    let rows = stored(&app).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].email, EMAIL);
    assert_eq!(rows[0].target, "la-demarche");
    assert_eq!(rows[0].supporter_kind, "collectivite");
    assert_eq!(rows[0].commune.as_deref(), Some("81065"));
    assert!(!rows[0].listing_consent);
    assert_eq!(rows[0].confirmed_at, None);

    let paths = confirmation_paths(&app, EMAIL).await;
    assert_eq!(paths.len(), 1);
    let path = &paths[0];
    assert_eq!(path.len(), "/manifester/confirmer/".len() + 43);
    let button = app.get(path).await;
    assert_eq!(button.status, StatusCode::OK, "opening the link confirms nothing by itself");
    assert_eq!(button.header("cache-control"), "no-store");
    assert_eq!(button.texts("main button"), ["Confirmer ma manifestation"]);
    assert_eq!(count(&app).await, 0);

    let confirmed = app.post_form(path, &[], &[]).await;
    assert_eq!(confirmed.status, StatusCode::OK);
    assert_eq!(confirmed.texts("h1"), ["Merci, votre manifestation est enregistrée"]);
    assert_eq!(count(&app).await, 1);
    assert_eq!(
        app.get("/manifester").await.texts("#supporters-count"),
        ["1 manifestation d’intérêt ou de soutien confirmée."]
    );

    let again = app.post_form(path, &[], &[]).await;
    assert_eq!(again.status, StatusCode::GONE);
    assert_eq!(again.texts("h1"), ["Ce lien a déjà servi"]);
    assert_eq!(count(&app).await, 1);
}

#[tokio::test]
async fn the_confirmation_email_is_in_the_language_of_the_form() {
    let app = TestApp::new().await;
    let fields = answers("Elise Durand", "City of Castres", EMAIL);
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let sent = app.post_form("/manifester", &pairs, &[("cookie", "lang=en")]).await;
    assert_eq!(sent.texts("h1"), ["Check your email"]);
    let due = app.db.db.claim_due_emails(OffsetDateTime::now_utc(), 100).await.expect("claim");
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].email.subject, "Confirm your expression of interest or support — PTCE");
    assert!(
        due[0]
            .email
            .text
            .contains("You expressed your interest or support (“The initiative as a whole”)"),
        "{}",
        due[0].email.text
    );
}

#[tokio::test]
async fn a_second_expression_with_the_same_address_and_target_replaces_the_first() {
    let app = TestApp::new().await;
    express(&app, &answers("Élise Durand", "Ville de Castres", EMAIL)).await;
    let mut second =
        answers("Élise Durand-Martin", "Communauté d’agglomération", "ELISE.DURAND@castres.fr");
    second[9].1 = "Nous soutenons la démarche.".into();
    let sent = express(&app, &second).await;
    assert_eq!(
        sent.texts("h1"),
        ["Vérifiez votre messagerie"],
        "the same answer as the first time"
    );

    let rows = stored(&app).await;
    assert_eq!(rows.len(), 1, "one expression per address and target");
    assert_eq!(rows[0].answers["name"], json!("Élise Durand-Martin"));
    assert_eq!(rows[0].answers["organisation"], json!("Communauté d’agglomération"));
    assert_eq!(rows[0].answers["message"], json!("Nous soutenons la démarche."));
    let paths = confirmation_paths(&app, EMAIL).await;
    assert_eq!(paths.len(), 2, "each expression sends its link");
    assert_eq!(app.post_form(&paths[1], &[], &[]).await.status, StatusCode::OK);
    assert_eq!(count(&app).await, 1);
}

#[tokio::test]
async fn a_confirmed_expression_changes_only_when_the_new_link_is_followed() {
    let app = TestApp::new().await;
    express(&app, &answers("Élise Durand", "Ville de Castres", EMAIL)).await;
    let first = confirmation_paths(&app, EMAIL).await;
    app.post_form(&first[0], &[], &[]).await;

    // Anyone can type an address: the stored expression stays as confirmed until its owner
    // follows the new link, and it keeps counting meanwhile.
    express(&app, &answers("Quelqu’un d’autre", "Autre organisation", EMAIL)).await;
    let rows = stored(&app).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].answers["name"], json!("Élise Durand"));
    let first_confirmed = rows[0].confirmed_at;
    assert!(first_confirmed.is_some());
    assert_eq!(count(&app).await, 1);

    let second = confirmation_paths(&app, EMAIL).await;
    assert_eq!(app.post_form(&second[0], &[], &[]).await.status, StatusCode::OK);
    let rows = stored(&app).await;
    assert_eq!(rows[0].answers["name"], json!("Quelqu’un d’autre"));
    assert_eq!(rows[0].confirmed_at, first_confirmed, "it keeps its first confirmation");
    assert_eq!(count(&app).await, 1);
}

#[tokio::test]
async fn a_missing_required_field_is_named_next_to_it_in_french_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let mut fields = answers("", "Ville de Castres", EMAIL);
    fields.retain(|(k, _)| *k != "support_kinds");
    let page = express(&app, &fields).await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(page.texts("#f-name-error"), ["Ce champ est obligatoire."]);
    assert_eq!(page.texts("#f-support_kinds-error"), ["Ce champ est obligatoire."]);
    assert_eq!(
        page.texts(".error-summary li"),
        [
            "Nom et prénom : Ce champ est obligatoire.",
            "Nature du soutien : Ce champ est obligatoire."
        ]
    );
    let html = page.html();
    let value = |id: &str| {
        let selector = scraper::Selector::parse(&format!("input#{id}")).expect("selector");
        html.select(&selector).next().and_then(|e| e.value().attr("value")).map(str::to_owned)
    };
    assert_eq!(value("f-organisation").as_deref(), Some("Ville de Castres"));
    assert_eq!(value("f-email").as_deref(), Some(EMAIL));
    assert_eq!(stored(&app).await, Vec::<Supporter>::new());
    assert_eq!(confirmation_paths(&app, EMAIL).await, Vec::<String>::new());
}

#[tokio::test]
async fn an_expired_link_is_refused_and_counts_nothing() {
    let app = TestApp::new().await;
    let call = call_id(&app).await;
    let revision = app.db.db.current_form(call, "interest").await.expect("read").expect("form C");
    let (token, token_hash) = ptce::auth::tokens::new_token();
    let expression = Expression {
        form_revision_id: revision.id,
        answers: json!({ "supporter_kind": "citoyen", "name": "Élise Durand" }),
        supporter_kind: "citoyen".into(),
        commune: Some("81065".into()),
        listing_consent: false,
        lang: Lang::Fr,
    };
    let email = RenderedEmail { subject: "s".into(), text: "t".into(), html: "h".into() };
    let new = NewExpression {
        call_id: call,
        email: EMAIL,
        target: "la-demarche",
        expression: &expression,
    };
    let link = ConfirmationLink {
        token_hash: &token_hash,
        lifetime: Duration::days(7),
        kind: "confirm-interest",
        email: &email,
    };
    let eight_days_ago = OffsetDateTime::now_utc() - Duration::days(8);
    app.db.db.express_interest(&new, &link, eight_days_ago).await.expect("expressed");

    let path = format!("/manifester/confirmer/{token}");
    let opened = app.get(&path).await;
    assert_eq!(opened.status, StatusCode::GONE);
    assert_eq!(opened.texts("h1"), ["Ce lien a expiré"]);
    let followed = app.post_form(&path, &[], &[]).await;
    assert_eq!(followed.status, StatusCode::GONE);
    assert_eq!(followed.texts("h1"), ["Ce lien a expiré"]);
    assert_eq!(
        followed.texts("main p.lead"),
        [
            "Les liens de confirmation sont valables 7 jours. Remplissez de nouveau le formulaire pour en recevoir un autre."
        ]
    );
    assert_eq!(count(&app).await, 0);
    let unknown =
        app.post_form(&format!("/manifester/confirmer/{}", "B".repeat(43)), &[], &[]).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown.texts("h1"), ["Lien inconnu"]);
}

#[tokio::test]
async fn the_form_cannot_be_used_to_flood_an_address() {
    let app = TestApp::new().await;
    for _ in 0..3 {
        let sent = express(&app, &answers("Élise Durand", "Ville de Castres", EMAIL)).await;
        assert_eq!(sent.status, StatusCode::OK);
    }
    let refused = express(&app, &answers("Élise Durand", "Ville de Castres", EMAIL)).await;
    assert_eq!(refused.status, StatusCode::TOO_MANY_REQUESTS);
    let retry: i64 = refused.header("retry-after").parse().expect("seconds");
    assert!((3500..=3600).contains(&retry), "{retry}");
    assert_eq!(
        refused.texts("#f-email-error"),
        [
            "Trop de manifestations ont été envoyées pour cette adresse ou depuis votre connexion. Réessayez dans une heure."
        ]
    );
    assert_eq!(confirmation_paths(&app, EMAIL).await.len(), 3);
}

#[tokio::test]
async fn a_question_the_answers_bring_up_is_asked_before_anything_is_stored() {
    let app = TestApp::new().await;
    let form = app.get("/manifester").await;
    let shown = form.html();
    let selector = scraper::Selector::parse("input[name=_fields]").expect("selector");
    let asked = shown
        .select(&selector)
        .next()
        .and_then(|e| e.value().attr("value"))
        .expect("the questions shown")
        .to_owned();
    assert!(!asked.split(',').any(|k| k == "amount"), "{asked}");
    let mut fields = answers("Élise Durand", "Ville de Castres", EMAIL);
    fields.push(("support_kinds", "cofinancement".into()));
    fields.push(("_fields", asked));
    let page = express(&app, &fields).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.texts("#more-questions").len(), 1);
    assert_eq!(page.texts("label[for=f-amount]"), ["Montant envisagé (€)"]);
    assert_eq!(stored(&app).await, Vec::<Supporter>::new());
}

async fn session_of(app: &TestApp, user: Uuid) -> String {
    let (token, hash) = ptce::auth::tokens::new_token();
    let now = OffsetDateTime::now_utc();
    app.db.db.create_session(&hash, user, now, Duration::days(7)).await.expect("session");
    format!("ptce_session={token}")
}

async fn candidate(app: &TestApp) -> String {
    let email = EmailAddress::parse("camille@pole-sud-archer.fr").expect("email");
    let new = NewCandidate {
        email: &email,
        display_name: "Camille Martin",
        organisation_name: "Pôle Sud Archer",
        siret: None,
        password_hash: "unused",
        lang: Lang::Fr,
    };
    let now = OffsetDateTime::now_utc();
    let (_, token) = ptce::auth::tokens::new_token();
    let created = app.db.db.create_candidate(&new, &token, None, now, Duration::DAY).await;
    let Ok(SignUp::Created(id)) = created else { panic!("{created:?}") };
    app.db.db.confirm_email(id, now).await.expect("confirm");
    session_of(app, id).await
}

#[tokio::test]
async fn the_export_has_the_bom_semicolons_and_neutralised_formulas() {
    let app = TestApp::new().await;
    express(&app, &answers("Élise Durand", "=cmd", EMAIL)).await;
    let paths = confirmation_paths(&app, EMAIL).await;
    app.post_form(&paths[0], &[], &[]).await;
    express(&app, &answers("Paul Roux", "Ville d’Albi", "paul.roux@albi.fr")).await;

    let steering = staff_named(&app, "copil@labo-ess.org", "", Role::Steering, None).await;
    let page = app.get_with("/gestion/soutiens", &[("cookie", &steering)]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        page.texts("#supporters-counts"),
        ["1 manifestation confirmée — 1 en attente de confirmation"]
    );
    assert_eq!(
        page.texts(".supporters-tally caption"),
        ["Par type de soutien", "Par département", "Par région", "Par région (découpage de 2011)"]
    );
    assert_eq!(
        page.texts(".supporters-tally tbody th"),
        ["Collectivité", "81 — Tarn", "Occitanie", "Midi-Pyrénées"]
    );
    assert_eq!(page.texts(".supporters-tally tbody td"), ["1", "1", "1", "1"]);

    let csv = app.get_with("/gestion/soutiens.csv", &[("cookie", &steering)]).await;
    assert_eq!(csv.status, StatusCode::OK);
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert!(
        csv.header("content-disposition").starts_with("attachment; filename=\"manifestations-"),
        "{}",
        csv.header("content-disposition")
    );
    assert!(csv.body.starts_with('\u{feff}'), "a UTF-8 byte-order mark");
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(lines.len(), 3, "a header, one confirmed expression, the final line end");
    assert_eq!(lines[2], "");
    assert_eq!(
        lines[0],
        "Confirmée le;Reçue le;Vous êtes;Nom et prénom;Organisation;SIRET de l’organisation;\
         Commune;Adresse électronique;Pôle ou initiative soutenu;Nature du soutien;\
         Montant envisagé (€);Message;J’accepte que ces informations soient conservées et \
         transmises aux réseaux co-porteurs de l’appel pour donner suite à ma manifestation.;\
         J’accepte que mon nom, mon organisation et ma commune figurent dans la liste publique \
         des soutiens.;Code INSEE;Département;Région;Région (2011)"
    );
    let cells: Vec<&str> = lines[1].split(';').collect();
    assert_eq!(
        cells[2..],
        [
            "Collectivité",
            "Élise Durand",
            "'=cmd",
            "",
            "Castres (81 — Tarn)",
            EMAIL,
            "La démarche en général",
            "Lettre de soutien, Expertise",
            "",
            "",
            "Oui",
            "Non",
            "81065",
            "81 — Tarn",
            "Occitanie",
            "Midi-Pyrénées",
        ]
    );
}

#[tokio::test]
async fn only_the_steering_group_and_administrators_see_the_supporters() {
    let app = TestApp::new().await;
    for path in ["/gestion/soutiens", "/gestion/soutiens.csv"] {
        let anonymous = app.get(path).await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER, "{path}");
        assert!(anonymous.header("location").starts_with("/connexion?retour="), "{path}");
    }
    let candidate = candidate(&app).await;
    let referent = staff_named(&app, "ref@coorace.org", "", Role::Referent, Some("coorace")).await;
    let reviewer = staff_named(&app, "expert@exemple.fr", "", Role::Reviewer, None).await;
    let admin = staff_named(&app, "admin@exemple.fr", "", Role::Admin, None).await;
    for path in ["/gestion/soutiens", "/gestion/soutiens.csv"] {
        for (who, cookie) in
            [("candidate", &candidate), ("referent", &referent), ("reviewer", &reviewer)]
        {
            let refused = app.get_with(path, &[("cookie", cookie)]).await;
            assert_eq!(refused.status, StatusCode::FORBIDDEN, "{path} as {who}");
        }
        assert_eq!(
            app.get_with(path, &[("cookie", &admin)]).await.status,
            StatusCode::OK,
            "{path}"
        );
    }
}

/// Expresses interest for `email` at `at`, straight into the database (as `POST /manifester`
/// would have then); the link's token.
async fn express_at(app: &TestApp, email: &str, at: OffsetDateTime) -> String {
    let call = call_id(app).await;
    let revision = app.db.db.current_form(call, "interest").await.expect("read").expect("form C");
    let (token, token_hash) = ptce::auth::tokens::new_token();
    let expression = Expression {
        form_revision_id: revision.id,
        answers: json!({ "supporter_kind": "citoyen", "email": email }),
        supporter_kind: "citoyen".into(),
        commune: Some("81065".into()),
        listing_consent: false,
        lang: Lang::Fr,
    };
    let rendered = RenderedEmail { subject: "s".into(), text: "t".into(), html: "h".into() };
    let new =
        NewExpression { call_id: call, email, target: "la-demarche", expression: &expression };
    let link = ConfirmationLink {
        token_hash: &token_hash,
        lifetime: ptce::supporters::CONFIRMATION_LIFETIME,
        kind: "confirm-interest",
        email: &rendered,
    };
    app.db.db.express_interest(&new, &link, at).await.expect("expressed");
    app.db
        .db
        .record_attempt("interest", Some(email), "203.0.113.7", true, at)
        .await
        .expect("attempt");
    token
}

#[tokio::test]
async fn a_never_confirmed_expression_is_erased_a_week_after_its_link_expired_and_only_then() {
    let app = TestApp::new().await;
    let db = &app.db.db;
    let now = OffsetDateTime::now_utc();
    let days_ago = |days: i64| now - Duration::days(days);
    // Link expired 8 days ago: erased. Link expired 6 days ago: kept a day more.
    let forgotten = express_at(&app, "oubli@exemple.fr", days_ago(15)).await;
    let late = express_at(&app, "tardif@exemple.fr", days_ago(13)).await;
    // Confirmed long ago: kept, though its link (followed) and its email go.
    let confirmed = express_at(&app, EMAIL, days_ago(20)).await;
    let hash = ptce::auth::tokens::hash(&confirmed);
    db.confirm_interest(&hash, days_ago(19)).await.expect("confirmed");

    let purged = ptce::supporters::purge_unconfirmed(db, now).await.expect("purge");
    assert_eq!(
        purged,
        ptce::db::supporters::Purged { expressions: 1, links: 2, emails: 2, attempts: 2 }
    );
    let kept: Vec<(String, bool)> =
        stored(&app).await.into_iter().map(|s| (s.email, s.confirmed_at.is_some())).collect();
    assert_eq!(kept, [(EMAIL.to_owned(), true), ("tardif@exemple.fr".to_owned(), false)]);
    assert_eq!(count(&app).await, 1);
    for (email, emails) in [("oubli@exemple.fr", 0), (EMAIL, 0), ("tardif@exemple.fr", 1)] {
        assert_eq!(db.outbox_entries_for(email).await.expect("outbox").len(), emails, "{email}");
    }
    let attempts = |email: &'static str| async move {
        db.counted_attempts("interest", Some(email), "198.51.100.1", days_ago(30), true)
            .await
            .expect("attempts")
            .0
    };
    assert_eq!(attempts("oubli@exemple.fr").await, 0);
    assert_eq!(attempts("tardif@exemple.fr").await, 1);
    // The erased link is unknown now; the late one still says it expired.
    let gone = app.get(&format!("/manifester/confirmer/{forgotten}")).await;
    assert_eq!(gone.status, StatusCode::NOT_FOUND);
    let expired = app.get(&format!("/manifester/confirmer/{late}")).await;
    assert_eq!(expired.status, StatusCode::GONE);
    let audit = db
        .audit_entries(
            &ptce::db::audit::AuditFilter {
                event_prefix: Some("supporters.".into()),
                ..Default::default()
            },
            10,
        )
        .await
        .expect("audit");
    let events: Vec<(&str, &str)> =
        audit.iter().map(|e| (e.event.as_str(), e.detail.as_str())).collect();
    assert_eq!(
        events,
        [("supporters.purged", r#"{"attempts":2,"emails":2,"expressions":1,"links":2}"#)]
    );

    // Again, and from two servers at once: nothing more, and no second audit event.
    let again = ptce::supporters::purge_unconfirmed(db, now).await.expect("purge");
    assert_eq!(again, ptce::db::supporters::Purged::default());
    let later = now + Duration::days(2);
    let (first, second) = tokio::join!(
        ptce::supporters::purge_unconfirmed(db, later),
        ptce::supporters::purge_unconfirmed(db, later)
    );
    let (first, second) = (first.expect("first server"), second.expect("second server"));
    assert_eq!(first.expressions + second.expressions, 1, "{first:?} {second:?}");
    assert_eq!(first.links + second.links, 1, "{first:?} {second:?}");
    let kept: Vec<String> = stored(&app).await.into_iter().map(|s| s.email).collect();
    assert_eq!(kept, [EMAIL]);
    let audit = db
        .audit_entries(
            &ptce::db::audit::AuditFilter {
                event_prefix: Some("supporters.purged".into()),
                ..Default::default()
            },
            10,
        )
        .await
        .expect("audit");
    assert_eq!(audit.len(), 2);
}

#[tokio::test]
async fn the_privacy_page_says_what_form_c_keeps_why_how_long_and_how_it_is_erased() {
    let app = TestApp::new().await;
    let fr = app.get("/confidentialite").await;
    assert_eq!(fr.status, StatusCode::OK);
    assert_eq!(
        fr.texts("#formulaire-c"),
        ["Manifestations d’intérêt ou de soutien (formulaire C)"]
    );
    assert_eq!(
        fr.texts("main h3"),
        ["Ce qui est conservé", "Pourquoi", "Combien de temps", "Comment elle est effacée"]
    );
    let paragraphs = fr.texts("main h3 + p");
    assert_eq!(paragraphs.len(), 4);
    assert!(paragraphs[0].starts_with("Vos réponses au formulaire : qui vous êtes"));
    assert!(paragraphs[1].starts_with("Pour compter les soutiens de l’appel par type"));
    assert_eq!(
        paragraphs[2],
        "Une manifestation non confirmée n’est ni comptée ni transmise : elle est effacée 7 jours \
         après l’expiration de son lien (valable 7 jours), soit 14 jours après son envoi. Une \
         manifestation confirmée est conservée pendant l’appel et l’animation de son réseau de \
         soutien. Les liens de confirmation, leurs messages et la trace des envois gardée contre \
         les abus sont effacés 14 jours après l’envoi, que la manifestation ait été confirmée ou \
         non."
    );
    assert!(paragraphs[3].starts_with("Automatiquement, chaque heure"));
    // The delays the page states are the ones the purge applies.
    assert_eq!(ptce::supporters::CONFIRMATION_LIFETIME, Duration::days(7));
    assert_eq!(ptce::supporters::UNCONFIRMED_GRACE, Duration::days(7));

    let en = app.get("/confidentialite?lang=en").await;
    assert_eq!(en.texts("#formulaire-c"), ["Expressions of interest or support (form C)"]);
    assert_eq!(en.texts("main h3"), ["What is kept", "Why", "For how long", "How it is erased"]);
    assert!(en.texts("main h3 + p")[2].starts_with(
        "An expression that is not confirmed is neither counted nor passed on: it is erased 7 \
         days after its link expired"
    ));
}
