//! Function-level access control (ASVS 8.2.1, 8.3.1): every route of the route table, for every
//! kind of person, answers as its access rule says. The expectations below are kept apart from
//! the table on purpose: a route added to the table without a line here fails the test.

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use ptce::db::accounts::{NewCandidate, NewStaff, SignUp};
use ptce::domain::email::EmailAddress;
use ptce::domain::lang::Lang;
use ptce::domain::role::Role;
use ptce::web::router::{Access, table};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::support::TestApp;

/// Who may use each route: the reviewed expectation.
const EXPECTED: &[(&str, &str, Access)] = &[
    ("GET", "/", Access::Public),
    ("GET", "/appel", Access::Public),
    ("GET", "/calendrier", Access::Public),
    ("GET", "/contacts", Access::Public),
    ("GET", "/poles/{slug}", Access::Public),
    ("GET", "/poles/{slug}/fiche.pdf", Access::Public),
    ("GET", "/annuaire", Access::Public),
    ("GET", "/annuaire/integrer", Access::Public),
    ("GET", "/annuaire/reseau.pdf", Access::Public),
    ("GET", "/carte", Access::Public),
    ("GET", "/carte/regions.geojson", Access::Public),
    ("GET", "/carte/regions-2011.geojson", Access::Public),
    ("GET", "/embed/annuaire", Access::Public),
    ("GET", "/embed/carte", Access::Public),
    ("GET", "/soutiens", Access::Public),
    ("GET", "/partenaires", Access::Public),
    ("GET", "/rencontres", Access::Public),
    ("GET", "/rencontres/{id}", Access::Public),
    ("GET", "/rencontres/{id}/agenda.ics", Access::Public),
    ("GET", "/rencontres/reponse/{token}", Access::Public),
    ("POST", "/rencontres/reponse/{token}", Access::Public),
    ("GET", "/confidentialite", Access::Public),
    ("GET", "/accessibilite", Access::Public),
    ("GET", "/communes", Access::Public),
    ("GET", "/donnees", Access::Public),
    ("GET", "/donnees/poles.csv", Access::Public),
    ("GET", "/donnees/poles.json", Access::Public),
    ("GET", "/donnees/poles.geojson", Access::Public),
    ("GET", "/donnees/datapackage.json", Access::Public),
    ("GET", "/manifester", Access::Public),
    ("POST", "/manifester", Access::Public),
    ("GET", "/manifester/confirmer/{token}", Access::Public),
    ("POST", "/manifester/confirmer/{token}", Access::Public),
    ("GET", "/connexion", Access::Public),
    ("POST", "/connexion", Access::Public),
    ("GET", "/connexion/code", Access::Public),
    ("POST", "/connexion/code", Access::Public),
    ("POST", "/deconnexion", Access::Public),
    ("GET", "/inscription", Access::Public),
    ("POST", "/inscription", Access::Public),
    ("GET", "/inscription/confirmer/{token}", Access::Public),
    ("POST", "/inscription/confirmer/{token}", Access::Public),
    ("GET", "/mot-de-passe-oublie", Access::Public),
    ("POST", "/mot-de-passe-oublie", Access::Public),
    ("GET", "/mot-de-passe/nouveau/{token}", Access::Public),
    ("POST", "/mot-de-passe/nouveau/{token}", Access::Public),
    ("GET", "/invitation/{token}", Access::Public),
    ("POST", "/invitation/{token}", Access::Public),
    ("GET", "/espace", Access::Account),
    ("GET", "/espace/mot-de-passe", Access::Account),
    ("POST", "/espace/mot-de-passe", Access::Account),
    ("GET", "/espace/adresse", Access::Account),
    ("POST", "/espace/adresse", Access::Account),
    ("GET", "/espace/adresse/confirmer/{token}", Access::Account),
    ("POST", "/espace/adresse/confirmer/{token}", Access::Account),
    ("GET", "/espace/organisation", Access::Account),
    ("POST", "/espace/organisation", Access::Account),
    ("POST", "/espace/organisation/invitations", Access::Account),
    ("POST", "/espace/organisation/invitations/annuler", Access::Account),
    ("POST", "/espace/organisation/quitter", Access::Account),
    ("GET", "/espace/dossiers/nouveau", Access::Account),
    ("POST", "/espace/dossiers", Access::Account),
    ("GET", "/espace/dossiers/{id}", Access::Account),
    ("GET", "/espace/dossiers/{id}/sections/{section}", Access::Account),
    ("POST", "/espace/dossiers/{id}/sections/{section}", Access::Public),
    ("POST", "/espace/dossiers/{id}/depot", Access::Account),
    ("POST", "/espace/dossiers/{id}/retrait", Access::Account),
    ("GET", "/espace/dossiers/{id}/publication", Access::Account),
    ("POST", "/espace/dossiers/{id}/publication", Access::Account),
    ("GET", "/espace/dossiers/{id}/publication/point", Access::Account),
    ("POST", "/espace/dossiers/{id}/publication/point", Access::Account),
    ("GET", "/espace/progres", Access::Account),
    ("GET", "/espace/progres/{pole}/{period}", Access::Account),
    ("POST", "/espace/progres/{pole}/{period}", Access::Account),
    ("GET", "/espace/dossiers/{id}/messages", Access::Account),
    ("POST", "/espace/dossiers/{id}/messages", Access::Account),
    ("GET", "/espace/dossiers/{id}/messages/fichiers/{file}", Access::Account),
    ("POST", "/espace/dossiers/{id}/complement", Access::Account),
    ("GET", "/espace/dossiers/{id}/recepisses/{number}", Access::Account),
    ("GET", "/espace/dossiers/{id}/decision.pdf", Access::Account),
    ("POST", "/espace/dossiers/{id}/pieces/{field}", Access::Account),
    ("POST", "/espace/dossiers/{id}/pieces/{field}/{file}/suppression", Access::Account),
    ("GET", "/espace/fichiers/{file}", Access::Account),
    ("GET", "/espace/mes-donnees", Access::Account),
    ("GET", "/espace/mes-donnees/export", Access::Account),
    ("POST", "/espace/mes-donnees/effacement", Access::Account),
    ("GET", "/espace/relances", Access::Account),
    ("POST", "/espace/relances", Access::Account),
    ("GET", "/gestion", Access::BackOffice),
    ("GET", "/gestion/journal", Access::Admin),
    ("GET", "/gestion/utilisateurs", Access::Admin),
    ("POST", "/gestion/utilisateurs", Access::Admin),
    ("GET", "/gestion/dossiers", Access::BackOffice),
    ("POST", "/gestion/dossiers/vues", Access::BackOffice),
    ("POST", "/gestion/dossiers/vues/{view}/suppression", Access::BackOffice),
    ("POST", "/gestion/dossiers/lot", Access::BackOffice),
    ("POST", "/gestion/dossiers/lot/confirmation", Access::BackOffice),
    ("GET", "/gestion/dossiers.csv", Access::BackOffice),
    ("GET", "/gestion/dossiers.xlsx", Access::BackOffice),
    ("GET", "/gestion/dossiers.ods", Access::BackOffice),
    ("GET", "/gestion/dossiers/{id}", Access::BackOffice),
    ("GET", "/gestion/dossiers/{id}/fichiers.zip", Access::BackOffice),
    ("POST", "/gestion/dossiers/{id}/messages", Access::BackOffice),
    ("GET", "/gestion/dossiers/{id}/messages/fichiers/{file}", Access::BackOffice),
    ("POST", "/gestion/dossiers/{id}/reperage", Access::BackOffice),
    ("POST", "/gestion/dossiers/{id}/complement", Access::BackOffice),
    ("POST", "/gestion/dossiers/{id}/annotations", Access::BackOffice),
    ("POST", "/gestion/dossiers/{id}/reseau", Access::Steering),
    ("POST", "/gestion/dossiers/{id}/etiquettes", Access::BackOffice),
    ("POST", "/gestion/dossiers/{id}/etiquettes/{label}/suppression", Access::BackOffice),
    ("POST", "/gestion/dossiers/{id}/recevabilite", Access::BackOffice),
    ("GET", "/gestion/dossiers/{id}/evaluation", Access::BackOffice),
    ("POST", "/gestion/dossiers/{id}/evaluation", Access::BackOffice),
    ("POST", "/gestion/dossiers/{id}/evaluateurs", Access::Steering),
    ("POST", "/gestion/dossiers/{id}/decision", Access::Steering),
    ("POST", "/gestion/dossiers/{id}/decision/publication", Access::Steering),
    ("GET", "/gestion/dossiers/{id}/decision.pdf", Access::Steering),
    ("GET", "/gestion/evaluations", Access::BackOffice),
    ("POST", "/gestion/evaluations/reglages", Access::Steering),
    ("POST", "/gestion/evaluations/attribution", Access::Steering),
    ("GET", "/gestion/selection", Access::Steering),
    ("POST", "/gestion/selection/regle", Access::Steering),
    ("POST", "/gestion/selection/suggestion", Access::Steering),
    ("POST", "/gestion/selection/publication", Access::Steering),
    ("GET", "/gestion/selection/courriers", Access::Steering),
    ("POST", "/gestion/selection/courriers", Access::Steering),
    ("GET", "/gestion/proposition", Access::Steering),
    ("POST", "/gestion/proposition/enveloppe", Access::Steering),
    ("GET", "/gestion/proposition/scenarios/nouveau", Access::Steering),
    ("POST", "/gestion/proposition/scenarios", Access::Steering),
    ("GET", "/gestion/proposition/scenarios/{id}", Access::Steering),
    ("POST", "/gestion/proposition/scenarios/{id}", Access::Steering),
    ("POST", "/gestion/proposition/scenarios/{id}/suppression", Access::Steering),
    ("GET", "/gestion/proposition/scenarios/{id}/proposition.xlsx", Access::Steering),
    ("GET", "/gestion/proposition/scenarios/{id}/proposition.pdf", Access::Steering),
    ("GET", "/gestion/statistiques", Access::BackOffice),
    ("GET", "/gestion/statistiques/relance", Access::Steering),
    ("POST", "/gestion/statistiques/relance", Access::Steering),
    ("GET", "/gestion/appel/routage", Access::Steering),
    ("POST", "/gestion/appel/routage", Access::Steering),
    ("POST", "/gestion/appel/routage/{rule}/suppression", Access::Steering),
    ("GET", "/gestion/poles", Access::Steering),
    ("GET", "/gestion/poles/{id}", Access::Steering),
    ("POST", "/gestion/poles/{id}/versions/{version}", Access::Steering),
    ("POST", "/gestion/poles/{id}/annuaire", Access::Steering),
    ("GET", "/gestion/poles/{id}/point", Access::Steering),
    ("POST", "/gestion/poles/{id}/point", Access::Steering),
    ("GET", "/gestion/partenaires", Access::Steering),
    ("GET", "/gestion/partenaires/nouveau", Access::Steering),
    ("POST", "/gestion/partenaires", Access::Steering),
    ("GET", "/gestion/partenaires/{id}", Access::Steering),
    ("POST", "/gestion/partenaires/{id}", Access::Steering),
    ("POST", "/gestion/partenaires/{id}/suppression", Access::Steering),
    ("GET", "/gestion/rencontres", Access::Steering),
    ("GET", "/gestion/rencontres/nouvelle", Access::Steering),
    ("POST", "/gestion/rencontres/nouvelle", Access::Steering),
    ("GET", "/gestion/rencontres/{id}", Access::Steering),
    ("GET", "/gestion/rencontres/{id}/modifier", Access::Steering),
    ("POST", "/gestion/rencontres/{id}/modifier", Access::Steering),
    ("GET", "/gestion/rencontres/{id}/invitations", Access::Steering),
    ("POST", "/gestion/rencontres/{id}/invitations", Access::Steering),
    ("POST", "/gestion/rencontres/{id}/rappel", Access::Steering),
    ("GET", "/gestion/rencontres/{id}/participants.csv", Access::Steering),
    ("GET", "/gestion/rencontres/{id}/annuler", Access::Steering),
    ("POST", "/gestion/rencontres/{id}/annuler", Access::Steering),
    ("POST", "/gestion/rencontres/{id}/supprimer", Access::Steering),
    ("GET", "/gestion/soutiens", Access::Steering),
    ("GET", "/gestion/soutiens.csv", Access::Steering),
    ("GET", "/gestion/progres", Access::Steering),
    ("GET", "/gestion/progres/periodes", Access::Steering),
    ("POST", "/gestion/progres/periodes", Access::Steering),
    ("POST", "/gestion/progres/periodes/{id}/relances", Access::Steering),
    ("GET", "/gestion/appel", Access::Steering),
    ("GET", "/gestion/appel/textes", Access::Steering),
    ("POST", "/gestion/appel/textes", Access::Steering),
    ("GET", "/gestion/appel/calendrier", Access::Steering),
    ("POST", "/gestion/appel/calendrier", Access::Steering),
    ("GET", "/gestion/appel/parcours", Access::Steering),
    ("POST", "/gestion/appel/parcours", Access::Steering),
    ("GET", "/gestion/appel/formulaires", Access::Steering),
    ("GET", "/gestion/appel/formulaires/{track}", Access::Steering),
    ("GET", "/gestion/appel/formulaires/{track}/source", Access::Steering),
    ("POST", "/gestion/appel/formulaires/{track}/apercu", Access::Steering),
    ("POST", "/gestion/appel/formulaires/{track}/publication", Access::Steering),
    ("GET", "/installation/{token}", Access::Public),
    ("POST", "/installation/{token}", Access::Public),
    ("GET", "/invitation-gestion/{token}", Access::Public),
    ("POST", "/invitation-gestion/{token}", Access::Public),
    ("GET", "/healthz", Access::Public),
    ("GET", "/static/{*path}", Access::Public),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Actor {
    Anonymous,
    Candidate,
    OtherOrganisationCandidate,
    ReferentOfAnotherNetwork,
    UnassignedReviewer,
    Steering,
    Admin,
}

const ACTORS: [Actor; 7] = [
    Actor::Anonymous,
    Actor::Candidate,
    Actor::OtherOrganisationCandidate,
    Actor::ReferentOfAnotherNetwork,
    Actor::UnassignedReviewer,
    Actor::Steering,
    Actor::Admin,
];

fn may(access: Access, actor: Actor) -> bool {
    match access {
        Access::Public => true,
        Access::Account => actor != Actor::Anonymous,
        Access::BackOffice => matches!(
            actor,
            Actor::ReferentOfAnotherNetwork
                | Actor::UnassignedReviewer
                | Actor::Steering
                | Actor::Admin
        ),
        Access::Steering => matches!(actor, Actor::Steering | Actor::Admin),
        Access::Admin => actor == Actor::Admin,
    }
}

async fn candidate(app: &TestApp, email: &str, organisation: &str) -> Uuid {
    let email = EmailAddress::parse(email).expect("email");
    let new = NewCandidate {
        email: &email,
        display_name: "Candidate",
        organisation_name: organisation,
        siret: None,
        password_hash: "unused",
        lang: Lang::Fr,
    };
    let now = OffsetDateTime::now_utc();
    let (_, token) = ptce::auth::tokens::new_token();
    let created = app.db.db.create_candidate(&new, &token, None, now, Duration::DAY).await;
    let Ok(SignUp::Created(id)) = created else { panic!("{created:?}") };
    app.db.db.confirm_email(id, now).await.expect("confirm");
    id
}

async fn staff(app: &TestApp, email: &str, role: Role, network: Option<&str>) -> Uuid {
    let email = EmailAddress::parse(email).expect("email");
    let new = NewStaff {
        email: &email,
        display_name: "",
        password_hash: None,
        role,
        network_slug: network,
    };
    app.db.db.upsert_staff(&new, OffsetDateTime::now_utc()).await.expect("staff")
}

/// A fresh session cookie for a user (a logout in the table ends the one it is given).
async fn cookie(app: &TestApp, user: Uuid) -> String {
    let (token, hash) = ptce::auth::tokens::new_token();
    let now = OffsetDateTime::now_utc();
    app.db.db.create_session(&hash, user, now, Duration::days(7)).await.expect("session");
    format!("ptce_session={token}")
}

fn concrete(path: &str) -> String {
    path.replace("{token}", &"A".repeat(43)).replace("{*path}", "css/app.css")
}

#[tokio::test]
async fn every_route_answers_each_kind_of_person_as_its_access_rule_says() {
    let declared: Vec<(String, &str, Access)> =
        table().iter().map(|r| (r.method.to_string(), r.path, r.access)).collect();
    let expected: Vec<(String, &str, Access)> =
        EXPECTED.iter().map(|(m, p, a)| ((*m).to_owned(), *p, *a)).collect();
    assert_eq!(declared, expected, "the route table and this test's expectations differ");

    let app = TestApp::new().await;
    let mut users = Vec::new();
    for actor in ACTORS {
        let id = match actor {
            Actor::Anonymous => None,
            Actor::Candidate => Some(candidate(&app, "a@pole-a.fr", "Pôle A").await),
            Actor::OtherOrganisationCandidate => {
                Some(candidate(&app, "b@pole-b.fr", "Pôle B").await)
            }
            Actor::ReferentOfAnotherNetwork => {
                Some(staff(&app, "ref@rtes.fr", Role::Referent, Some("rtes")).await)
            }
            Actor::UnassignedReviewer => Some(staff(&app, "rev@x.fr", Role::Reviewer, None).await),
            Actor::Steering => Some(staff(&app, "copil@x.fr", Role::Steering, None).await),
            Actor::Admin => Some(staff(&app, "admin@x.fr", Role::Admin, None).await),
        };
        users.push((actor, id));
    }

    let mut checked = 0;
    for route in table() {
        for (actor, user) in &users {
            let mut request = Request::builder()
                .method(route.method.clone())
                .uri(concrete(route.path))
                .header("sec-fetch-site", "same-origin");
            if route.method == Method::POST {
                request = request.header("content-type", "application/x-www-form-urlencoded");
            }
            if let Some(user) = user {
                request = request.header("cookie", cookie(&app, *user).await);
            }
            let response = app.request(request.body(Body::empty()).expect("request")).await;
            let what = format!("{} {} as {actor:?}", route.method, route.path);
            assert!(response.status.as_u16() < 500, "{what}: {}", response.status);
            let to_login = response.status == StatusCode::SEE_OTHER
                && response.header("location").starts_with("/connexion?retour=");
            if may(route.access, *actor) {
                assert!(
                    !to_login && response.status != StatusCode::FORBIDDEN,
                    "{what} is allowed: {}",
                    response.status
                );
            } else if *actor == Actor::Anonymous {
                assert!(to_login, "{what} goes to the login page: {}", response.status);
            } else {
                assert_eq!(response.status, StatusCode::FORBIDDEN, "{what} is refused");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, EXPECTED.len() * ACTORS.len());
}

#[tokio::test]
async fn every_form_refuses_a_cross_site_post() {
    let app = TestApp::new().await;
    let posts: Vec<_> = table().into_iter().filter(|r| r.method == Method::POST).collect();
    assert!(posts.len() >= 10, "the table has forms");
    for route in posts {
        let request = Request::post(concrete(route.path))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("sec-fetch-site", "cross-site")
            .header("origin", "https://evil.example")
            .body(Body::from("email=a%40b.fr&password=whatever+whatever"))
            .expect("request");
        let response = app.request(request).await;
        assert_eq!(response.status, StatusCode::FORBIDDEN, "POST {}", route.path);
    }
}
