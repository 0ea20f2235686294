//! Publication of selected dossiers as poles: only a selected dossier's people may propose its
//! public page; the preview and the published page show exactly the groups made public (a
//! private answer never appears); the steering group publishes or refuses with a note (emails
//! to the members); later changes go live only once published; withdrawn or unknown → 404.

use axum::http::StatusCode;
use ptce::domain::role::Role;
use uuid::Uuid;

use crate::dossiers::get;
use crate::exchanges::{emails_to, submitted_with};
use crate::support::{TestApp, post, staff};

/// A selected dossier (decision released) from Romans-sur-Isère, with a private answer.
pub(crate) async fn selected(app: &TestApp, steering: &str) -> (Uuid, String) {
    let (id, cookie) = submitted_with(app, "a@romans.fr", "Pôle Sud Archer", "26281", |a| {
        a["local_needs"] = serde_json::json!("TEXTE-PRIVE-BESOINS emploi après les fermetures.");
        a["pole_website"] = serde_json::json!("https://www.archer.fr");
    })
    .await;
    let fields = [("outcome", "selected"), ("motivation", "Coopération exemplaire.")];
    let prepared = post(app, &format!("/gestion/dossiers/{id}/decision"), &fields, steering).await;
    assert_eq!(prepared.status, StatusCode::SEE_OTHER, "{}", prepared.body);
    let released =
        post(app, &format!("/gestion/dossiers/{id}/decision/publication"), &[], steering).await;
    assert_eq!(released.status, StatusCode::SEE_OTHER, "{}", released.body);
    (id, cookie)
}

fn proposal<'a>(public: &[&'a str], description: &'a str) -> Vec<(&'a str, &'a str)> {
    let mut fields: Vec<(&str, &str)> = public.iter().map(|p| ("public", *p)).collect();
    fields.extend([
        ("description", description),
        ("site", "www.archer.fr"),
        ("contact_nom", "Accueil du pôle"),
        ("contact_courriel", "contact@archer.fr"),
    ]);
    fields
}

#[tokio::test]
async fn only_a_selected_dossiers_people_reach_its_publication_form() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (submitted, cookie) =
        submitted_with(&app, "b@privas.fr", "Pôle Ardèche", "07186", |_| {}).await;
    let path = format!("/espace/dossiers/{submitted}/publication");
    assert_eq!(get(&app, &path, &cookie).await.status, StatusCode::NOT_FOUND);
    let (id, owner) = selected(&app, &steering).await;
    let path = format!("/espace/dossiers/{id}/publication");
    let form = get(&app, &path, &owner).await;
    assert_eq!(form.status, StatusCode::OK);
    assert_eq!(form.texts("h1"), ["Votre pôle dans l’annuaire"]);
    assert_eq!(get(&app, &path, &cookie).await.status, StatusCode::NOT_FOUND);
    let dossier = get(&app, &format!("/espace/dossiers/{id}"), &owner).await;
    assert_eq!(
        dossier.texts("#publication-link"),
        ["Publier votre pôle dans l’annuaire du réseau"]
    );
}

#[tokio::test]
async fn a_bad_proposal_is_refused_next_to_its_fields_with_what_was_typed_kept() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, owner) = selected(&app, &steering).await;
    let fields = [
        ("public", "description"),
        ("public", "contact"),
        ("description", ""),
        ("contact_nom", "Accueil"),
        ("contact_courriel", "pas une adresse"),
    ];
    let refused = post(&app, &format!("/espace/dossiers/{id}/publication"), &fields, &owner).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        refused.texts("#description-error"),
        ["Écrivez la présentation, ou ne la rendez pas publique."]
    );
    assert_eq!(
        refused.texts("#contact_email-error"),
        ["Indiquez une adresse électronique, par exemple contact@mon-pole.fr."]
    );
    assert!(refused.body.contains("value=\"pas une adresse\""));
    let call = app.db.db.current_call().await.expect("read").expect("call");
    assert!(app.db.db.pole_lines(call.id).await.expect("poles").is_empty());
}

#[tokio::test]
async fn a_published_pole_shows_only_its_public_groups_and_never_a_private_answer() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, owner) = selected(&app, &steering).await;
    let fields = proposal(&["description", "sectors", "website"], "Un pôle de la Drôme.");
    let proposed = post(&app, &format!("/espace/dossiers/{id}/publication"), &fields, &owner).await;
    assert_eq!(
        proposed.header("location"),
        format!("/espace/dossiers/{id}/publication?fait=propose")
    );
    let form = get(&app, proposed.header("location"), &owner).await;
    assert_eq!(
        form.texts("#publication-status"),
        ["Votre dernière proposition attend la publication par le comité de pilotage."]
    );
    // Not public before the steering group publishes it.
    assert_eq!(get(&app, "/poles/pole-sud-archer", "").await.status, StatusCode::NOT_FOUND);

    let call = app.db.db.current_call().await.expect("read").expect("call");
    let lines = app.db.db.pole_lines(call.id).await.expect("poles");
    assert_eq!(lines.len(), 1);
    let pole = lines[0].id;
    let page = get(&app, &format!("/gestion/poles/{pole}"), &steering).await;
    let version = app.db.db.pole_versions(pole).await.expect("versions")[0].id;
    assert_eq!(page.texts("#pending .pole-description"), ["Un pôle de la Drôme."]);
    let path = format!("/gestion/poles/{pole}/versions/{version}");
    let published = post(&app, &path, &[("decision", "publier"), ("note", "")], &steering).await;
    assert_eq!(published.header("location"), format!("/gestion/poles/{pole}?fait=publie"));

    let public = get(&app, "/poles/pole-sud-archer", "").await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(public.texts("h1"), ["Pôle Sud Archer"]);
    assert_eq!(public.texts(".pole-place"), ["Romans-sur-Isère (26 — Drôme)"]);
    assert_eq!(public.texts(".pole-description"), ["Un pôle de la Drôme."]);
    assert_eq!(
        public.texts(".pole-sectors"),
        ["Insertion par l’activité économique, Textile et mode"]
    );
    assert!(public.texts(".pole-members").is_empty(), "members were not made public");
    assert!(public.texts(".pole-contact").is_empty(), "the contact was not made public");
    for private in ["TEXTE-PRIVE-BESOINS", "73282932000074", "contact@archer.fr", "Groupe Archer"] {
        assert!(!public.body.contains(private), "{private} leaked into the public page");
    }
    let emails = emails_to(&app.db.db, "a@romans.fr").await;
    assert!(
        emails.iter().any(|(subject, text, _)| subject
            == "Votre pôle « Pôle Sud Archer » est publié dans l’annuaire"
            && text.contains("/poles/pole-sud-archer")),
        "{emails:?}"
    );
}

#[tokio::test]
async fn a_later_change_goes_live_only_once_published_and_a_refusal_needs_a_note() {
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, owner) = selected(&app, &steering).await;
    let path = format!("/espace/dossiers/{id}/publication");
    post(&app, &path, &proposal(&["description"], "Première présentation."), &owner).await;
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let pole = app.db.db.pole_lines(call.id).await.expect("poles")[0].id;
    let first = app.db.db.pole_versions(pole).await.expect("versions")[0].id;
    let decide = format!("/gestion/poles/{pole}/versions/{first}");
    post(&app, &decide, &[("decision", "publier")], &steering).await;

    post(&app, &path, &proposal(&["description"], "Seconde présentation."), &owner).await;
    let public = get(&app, "/poles/pole-sud-archer", "").await;
    assert_eq!(public.texts(".pole-description"), ["Première présentation."]);
    let second = app.db.db.pole_versions(pole).await.expect("versions")[0].id;
    let decide = format!("/gestion/poles/{pole}/versions/{second}");
    let unexplained =
        post(&app, &decide, &[("decision", "refuser"), ("note", " ")], &steering).await;
    assert_eq!(unexplained.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        unexplained.texts("#note-error"),
        ["Expliquez le refus : la note est envoyée aux membres du pôle."]
    );
    let note = [("decision", "refuser"), ("note", "Précisez les partenaires publics.")];
    let refused = post(&app, &decide, &note, &steering).await;
    assert_eq!(refused.header("location"), format!("/gestion/poles/{pole}?fait=refuse"));
    assert_eq!(
        get(&app, "/poles/pole-sud-archer", "").await.texts(".pole-description"),
        ["Première présentation."]
    );
    let history = get(&app, &path, &owner).await;
    assert_eq!(history.texts("#versions li").len(), 2);
    assert!(history.texts("#versions li")[0].contains("Précisez les partenaires publics."));

    // Taken off the directory: 404, like an unknown pole.
    let off =
        post(&app, &format!("/gestion/poles/{pole}/annuaire"), &[("action", "retirer")], &steering)
            .await;
    assert_eq!(off.header("location"), format!("/gestion/poles/{pole}?fait=retire"));
    assert_eq!(get(&app, "/poles/pole-sud-archer", "").await.status, StatusCode::NOT_FOUND);
    assert_eq!(get(&app, "/poles/inconnu", "").await.status, StatusCode::NOT_FOUND);
}

/// Proposes a page with `public` groups and publishes it; returns the pole's id.
pub(crate) async fn published(app: &TestApp, id: Uuid, owner: &str, steering: &str) -> Uuid {
    let path = format!("/espace/dossiers/{id}/publication");
    let fields = proposal(&["description", "sectors"], "Un pôle de la Drôme.");
    post(app, &path, &fields, owner).await;
    let call = app.db.db.current_call().await.expect("read").expect("call");
    let pole = app.db.db.pole_lines(call.id).await.expect("poles")[0].id;
    let version = app.db.db.pole_versions(pole).await.expect("versions")[0].id;
    let decide = format!("/gestion/poles/{pole}/versions/{version}");
    let done = post(app, &decide, &[("decision", "publier")], steering).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    pole
}

#[tokio::test]
async fn supporters_are_counted_in_public_and_only_those_who_agreed_are_named() {
    use crate::supporters::{answers, confirmation_paths, express};
    let app = TestApp::new().await;
    let steering = staff(&app, "copil@ptce.fr", Role::Steering, None).await;
    let (id, owner) = selected(&app, &steering).await;
    published(&app, id, &owner, &steering).await;
    let mut named = answers("Claire Dupont", "Ville de Romans", "claire@romans.fr");
    for (key, value) in named.iter_mut() {
        match *key {
            "supported_pole" => *value = id.to_string(),
            "listing_consent" => *value = "oui".into(),
            _ => {}
        }
    }
    // One at a time: reading the outbox claims every email due.
    for (fields, email) in [
        (named, "claire@romans.fr"),
        (answers("Paul Martin", "Agglo", "paul@agglo.fr"), "paul@agglo.fr"),
    ] {
        let sent = express(&app, &fields).await;
        assert_eq!(sent.texts("h1"), ["Vérifiez votre messagerie"]);
        for path in confirmation_paths(&app, email).await {
            let confirmed = app.post_form(&path, &[], &[]).await;
            assert!(confirmed.status.is_success() || confirmed.status.is_redirection());
        }
    }
    let public = get(&app, "/soutiens", "").await;
    assert_eq!(public.status, StatusCode::OK);
    assert_eq!(
        public.texts("#supporters-total"),
        ["2 manifestations d’intérêt ou de soutien confirmées."]
    );
    assert_eq!(
        public.texts("#supporters li"),
        ["Claire Dupont, Ville de Romans — Collectivité, Castres (81) · soutient Pôle Sud Archer"]
    );
    assert!(!public.body.contains("Paul Martin") && !public.body.contains("claire@romans.fr"));
    let page = get(&app, "/poles/pole-sud-archer", "").await;
    assert_eq!(page.texts("#supporters-count"), ["Un soutien confirmé."]);
    assert_eq!(page.texts("#pole-supporters li").len(), 1);
}
