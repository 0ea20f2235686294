//! THE route table: every URL the platform answers, grouped by audience, and the middleware
//! every request goes through.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::Request;
use axum::http::Method;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, post};
use fluent_templates::fluent_bundle::FluentValue;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

use crate::app::AppState;
use crate::auth::session;
use crate::domain::lang::Lang;
use crate::i18n;
use crate::web::error::{self, ErrorPage};
use crate::web::handlers::account::{device, invitation, login, my_data, reset, settings, signup};
use crate::web::handlers::backoffice::call_settings;
use crate::web::handlers::public::{
    communes, directory, health, pages, poles, promotion, supporters,
};
use crate::web::handlers::{backoffice, candidate};
use crate::web::page::Page;
use crate::web::{assets, locale, security};

/// The largest file the `MAX_UPLOAD_MB` setting allows (100 MB), for the body limit of upload
/// routes; the limit of each file is checked as it streams in.
const MAX_UPLOAD_BYTES: u64 = 100 * 1_000_000;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Who may use a route. The table declares it, `routes()` enforces it, and the access-control
/// test (tests/it/access.rs) checks every row for every kind of person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, logged in or not.
    Public,
    /// Anyone logged in: candidates and back office.
    Account,
    /// The back-office roles: admin, steering, referent, reviewer.
    BackOffice,
    /// The steering group and administrators: the call's settings, the supporters' data.
    Steering,
    /// Administrators only.
    Admin,
}

/// One row of the route table.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
    pub handler: MethodRouter<AppState>,
}

fn row(
    method: Method,
    path: &'static str,
    access: Access,
    handler: MethodRouter<AppState>,
) -> Route {
    Route { method, path, access, handler }
}

/// THE route table: every URL the platform answers, by audience.
pub fn table() -> Vec<Route> {
    use Access::{Account, Admin, BackOffice, Public, Steering};
    use Method as M;
    vec![
        // Public: anyone, no account.
        row(M::GET, "/", Public, get(pages::home)),
        row(M::GET, "/appel", Public, get(pages::call)),
        row(M::GET, "/calendrier", Public, get(pages::calendar)),
        row(M::GET, "/contacts", Public, get(pages::contacts)),
        row(M::GET, "/poles/{slug}", Public, get(poles::page)),
        row(M::GET, "/poles/{slug}/fiche.pdf", Public, get(promotion::pole_sheet)),
        // The directory and the map of published poles; the embeds are the only pages other
        // sites may frame.
        row(M::GET, "/annuaire", Public, get(directory::page)),
        row(M::GET, "/annuaire/integrer", Public, get(directory::snippet)),
        row(M::GET, "/annuaire/reseau.pdf", Public, get(promotion::network_sheet)),
        row(M::GET, "/carte", Public, get(directory::map)),
        row(M::GET, "/carte/regions.geojson", Public, get(directory::regions_current)),
        row(M::GET, "/carte/regions-2011.geojson", Public, get(directory::regions_2011)),
        row(M::GET, "/embed/annuaire", Public, get(directory::embed_directory)),
        row(M::GET, "/embed/carte", Public, get(directory::embed_map)),
        row(M::GET, "/soutiens", Public, get(supporters::page)),
        row(M::GET, "/partenaires", Public, get(promotion::partners)),
        // The network's meetings; invitees answer through their emailed link, no account.
        row(M::GET, "/rencontres", Public, get(crate::web::handlers::public::events::list)),
        row(M::GET, "/rencontres/{id}", Public, get(crate::web::handlers::public::events::page)),
        row(
            M::GET,
            "/rencontres/{id}/agenda.ics",
            Public,
            get(crate::web::handlers::public::events::ics),
        ),
        row(
            M::GET,
            "/rencontres/reponse/{token}",
            Public,
            get(crate::web::handlers::public::events::answer_form),
        ),
        row(
            M::POST,
            "/rencontres/reponse/{token}",
            Public,
            post(crate::web::handlers::public::events::answer),
        ),
        row(M::GET, "/confidentialite", Public, get(pages::privacy)),
        row(M::GET, "/accessibilite", Public, get(pages::accessibility)),
        row(M::GET, "/communes", Public, get(communes::search)),
        // Open data: files other sites may fetch (CORS open), and the page that lists them.
        row(M::GET, "/donnees", Public, get(crate::web::handlers::public::opendata::page)),
        row(M::GET, "/donnees/poles.csv", Public, get(crate::web::handlers::public::opendata::csv)),
        row(
            M::GET,
            "/donnees/poles.json",
            Public,
            get(crate::web::handlers::public::opendata::json),
        ),
        row(
            M::GET,
            "/donnees/poles.geojson",
            Public,
            get(crate::web::handlers::public::opendata::geojson),
        ),
        row(
            M::GET,
            "/donnees/datapackage.json",
            Public,
            get(crate::web::handlers::public::opendata::datapackage),
        ),
        // Form C: interest or support, no account; it counts once the emailed link is followed.
        row(M::GET, "/manifester", Public, get(crate::web::handlers::public::interest::form)),
        row(M::POST, "/manifester", Public, post(crate::web::handlers::public::interest::submit)),
        row(
            M::GET,
            "/manifester/confirmer/{token}",
            Public,
            get(crate::web::handlers::public::interest::confirm_form),
        ),
        row(
            M::POST,
            "/manifester/confirmer/{token}",
            Public,
            post(crate::web::handlers::public::interest::confirm),
        ),
        // Getting in and out.
        row(M::GET, "/connexion", Public, get(login::form)),
        row(M::POST, "/connexion", Public, post(login::submit)),
        row(M::GET, "/connexion/code", Public, get(device::form)),
        row(M::POST, "/connexion/code", Public, post(device::submit)),
        row(M::POST, "/deconnexion", Public, post(login::logout)),
        row(M::GET, "/inscription", Public, get(signup::form)),
        row(M::POST, "/inscription", Public, post(signup::submit)),
        row(M::GET, "/inscription/confirmer/{token}", Public, get(signup::confirm_form)),
        row(M::POST, "/inscription/confirmer/{token}", Public, post(signup::confirm)),
        row(M::GET, "/mot-de-passe-oublie", Public, get(reset::forgot_form)),
        row(M::POST, "/mot-de-passe-oublie", Public, post(reset::forgot)),
        row(M::GET, "/mot-de-passe/nouveau/{token}", Public, get(reset::new_password_form)),
        row(M::POST, "/mot-de-passe/nouveau/{token}", Public, post(reset::new_password)),
        row(M::GET, "/invitation/{token}", Public, get(invitation::show)),
        row(M::POST, "/invitation/{token}", Public, post(invitation::accept)),
        // Candidates (and anyone logged in): their own space.
        row(M::GET, "/espace", Account, get(candidate::space)),
        row(M::GET, "/espace/mot-de-passe", Account, get(settings::password_form)),
        row(M::POST, "/espace/mot-de-passe", Account, post(settings::change_password)),
        row(M::GET, "/espace/adresse", Account, get(settings::email_form)),
        row(M::POST, "/espace/adresse", Account, post(settings::change_email)),
        row(
            M::GET,
            "/espace/adresse/confirmer/{token}",
            Account,
            get(settings::confirm_email_form),
        ),
        row(M::POST, "/espace/adresse/confirmer/{token}", Account, post(settings::confirm_email)),
        row(M::GET, "/espace/organisation", Account, get(candidate::organisation::show)),
        row(M::POST, "/espace/organisation", Account, post(candidate::organisation::update)),
        row(
            M::POST,
            "/espace/organisation/invitations",
            Account,
            post(candidate::organisation::invite),
        ),
        row(
            M::POST,
            "/espace/organisation/invitations/annuler",
            Account,
            post(candidate::organisation::cancel_invitation),
        ),
        row(M::POST, "/espace/organisation/quitter", Account, post(candidate::organisation::leave)),
        row(M::GET, "/espace/dossiers/nouveau", Account, get(candidate::dossiers::new_form)),
        row(M::POST, "/espace/dossiers", Account, post(candidate::dossiers::start)),
        row(M::GET, "/espace/dossiers/{id}", Account, get(candidate::dossiers::show)),
        row(
            M::GET,
            "/espace/dossiers/{id}/sections/{section}",
            Account,
            get(candidate::dossiers::section),
        ),
        // Public on purpose: a save that arrives after the session expired keeps the typed text
        // and sends the person to log in; the handler itself requires an account to write.
        row(
            M::POST,
            "/espace/dossiers/{id}/sections/{section}",
            Public,
            post(candidate::dossiers::save),
        ),
        row(M::POST, "/espace/dossiers/{id}/depot", Account, post(candidate::dossiers::submit)),
        row(M::POST, "/espace/dossiers/{id}/retrait", Account, post(candidate::dossiers::withdraw)),
        row(
            M::GET,
            "/espace/dossiers/{id}/publication",
            Account,
            get(candidate::publication::form),
        ),
        row(
            M::POST,
            "/espace/dossiers/{id}/publication",
            Account,
            post(candidate::publication::propose),
        ),
        row(
            M::GET,
            "/espace/dossiers/{id}/publication/point",
            Account,
            get(candidate::pole_point::form),
        ),
        row(
            M::POST,
            "/espace/dossiers/{id}/publication/point",
            Account,
            post(candidate::pole_point::propose),
        ),
        row(M::GET, "/espace/progres", Account, get(candidate::progress::list)),
        row(M::GET, "/espace/progres/{pole}/{period}", Account, get(candidate::progress::form)),
        row(M::POST, "/espace/progres/{pole}/{period}", Account, post(candidate::progress::save)),
        row(M::GET, "/espace/dossiers/{id}/messages", Account, get(candidate::messages::thread)),
        row(
            M::POST,
            "/espace/dossiers/{id}/messages",
            Account,
            // Files may come with a message, each read with its own limit (storage module).
            post(candidate::messages::send).layer(DefaultBodyLimit::max(
                crate::storage::body_limit(
                    MAX_UPLOAD_BYTES,
                    candidate::messages::MAX_MESSAGE_FILES,
                ),
            )),
        ),
        row(
            M::GET,
            "/espace/dossiers/{id}/messages/fichiers/{file}",
            Account,
            get(candidate::messages::download),
        ),
        row(
            M::POST,
            "/espace/dossiers/{id}/complement",
            Account,
            post(candidate::dossiers::send_complement),
        ),
        row(
            M::GET,
            "/espace/dossiers/{id}/recepisses/{number}",
            Account,
            get(candidate::dossiers::receipt),
        ),
        row(M::GET, "/espace/dossiers/{id}/decision.pdf", Account, get(candidate::decision::pdf)),
        row(
            M::POST,
            "/espace/dossiers/{id}/pieces/{field}",
            Account,
            // Each file is read with its own limit as it streams in (storage module); this
            // only bounds the whole body.
            post(candidate::attachments::upload)
                .layer(DefaultBodyLimit::max(crate::storage::body_limit(MAX_UPLOAD_BYTES, 5))),
        ),
        row(
            M::POST,
            "/espace/dossiers/{id}/pieces/{field}/{file}/suppression",
            Account,
            post(candidate::attachments::remove)
                .layer(DefaultBodyLimit::max(crate::storage::body_limit(MAX_UPLOAD_BYTES, 5))),
        ),
        row(M::GET, "/espace/fichiers/{file}", Account, get(candidate::attachments::download)),
        row(M::GET, "/espace/mes-donnees", Account, get(my_data::show)),
        row(M::GET, "/espace/mes-donnees/export", Account, get(my_data::export)),
        row(M::POST, "/espace/mes-donnees/effacement", Account, post(my_data::erase)),
        row(
            M::GET,
            "/espace/relances",
            Account,
            get(crate::web::handlers::account::reminders::show),
        ),
        row(
            M::POST,
            "/espace/relances",
            Account,
            post(crate::web::handlers::account::reminders::save),
        ),
        // Back office: referents, reviewers, steering group, administrators.
        row(M::GET, "/gestion", BackOffice, get(backoffice::home)),
        row(M::GET, "/gestion/journal", Admin, get(backoffice::audit::journal)),
        row(M::GET, "/gestion/utilisateurs", Admin, get(backoffice::staff::list)),
        row(M::POST, "/gestion/utilisateurs", Admin, post(backoffice::staff::invite)),
        // The handlers narrow these to the steering group and administrators (403 otherwise).
        row(M::GET, "/gestion/dossiers", BackOffice, get(backoffice::dossier_list::list)),
        row(
            M::POST,
            "/gestion/dossiers/vues",
            BackOffice,
            post(backoffice::dossier_list::save_view),
        ),
        row(
            M::POST,
            "/gestion/dossiers/vues/{view}/suppression",
            BackOffice,
            post(backoffice::dossier_list::delete_view),
        ),
        row(M::POST, "/gestion/dossiers/lot", BackOffice, post(backoffice::bulk::prepare)),
        row(
            M::POST,
            "/gestion/dossiers/lot/confirmation",
            BackOffice,
            post(backoffice::bulk::confirm),
        ),
        row(M::GET, "/gestion/dossiers.csv", BackOffice, get(backoffice::exports::csv)),
        row(M::GET, "/gestion/dossiers.xlsx", BackOffice, get(backoffice::exports::xlsx)),
        row(M::GET, "/gestion/dossiers.ods", BackOffice, get(backoffice::exports::ods)),
        row(M::GET, "/gestion/dossiers/{id}", BackOffice, get(backoffice::dossiers::page)),
        row(
            M::GET,
            "/gestion/dossiers/{id}/fichiers.zip",
            BackOffice,
            get(backoffice::dossier_files::zip),
        ),
        row(
            M::POST,
            "/gestion/dossiers/{id}/messages",
            BackOffice,
            post(backoffice::dossiers::post_message).layer(DefaultBodyLimit::max(
                crate::storage::body_limit(
                    MAX_UPLOAD_BYTES,
                    candidate::messages::MAX_MESSAGE_FILES,
                ),
            )),
        ),
        row(
            M::GET,
            "/gestion/dossiers/{id}/messages/fichiers/{file}",
            BackOffice,
            get(backoffice::dossiers::message_file),
        ),
        row(
            M::POST,
            "/gestion/dossiers/{id}/reperage",
            BackOffice,
            post(backoffice::dossiers::take_into_screening),
        ),
        row(
            M::POST,
            "/gestion/dossiers/{id}/complement",
            BackOffice,
            post(backoffice::dossiers::request_complement),
        ),
        row(
            M::POST,
            "/gestion/dossiers/{id}/annotations",
            BackOffice,
            post(backoffice::dossiers::annotate),
        ),
        row(
            M::POST,
            "/gestion/dossiers/{id}/reseau",
            Steering,
            post(backoffice::dossiers::reassign),
        ),
        row(
            M::POST,
            "/gestion/dossiers/{id}/etiquettes",
            BackOffice,
            post(backoffice::labels::add),
        ),
        row(
            M::POST,
            "/gestion/dossiers/{id}/etiquettes/{label}/suppression",
            BackOffice,
            post(backoffice::labels::remove),
        ),
        row(
            M::POST,
            "/gestion/dossiers/{id}/recevabilite",
            BackOffice,
            post(backoffice::reviews::confirm),
        ),
        row(
            M::GET,
            "/gestion/dossiers/{id}/evaluation",
            BackOffice,
            get(backoffice::reviews::form),
        ),
        row(
            M::POST,
            "/gestion/dossiers/{id}/evaluation",
            BackOffice,
            post(backoffice::reviews::submit),
        ),
        row(
            M::POST,
            "/gestion/dossiers/{id}/evaluateurs",
            Steering,
            post(backoffice::reviews::assign),
        ),
        row(
            M::POST,
            "/gestion/dossiers/{id}/decision",
            Steering,
            post(backoffice::selection::prepare),
        ),
        row(
            M::POST,
            "/gestion/dossiers/{id}/decision/publication",
            Steering,
            post(backoffice::letters::release_one),
        ),
        row(M::GET, "/gestion/dossiers/{id}/decision.pdf", Steering, get(backoffice::letters::pdf)),
        row(M::GET, "/gestion/evaluations", BackOffice, get(backoffice::reviews::queue)),
        row(
            M::POST,
            "/gestion/evaluations/reglages",
            Steering,
            post(backoffice::reviews::settings),
        ),
        row(
            M::POST,
            "/gestion/evaluations/attribution",
            Steering,
            post(backoffice::reviews::assign_all),
        ),
        row(M::GET, "/gestion/selection", Steering, get(backoffice::selection::board)),
        row(M::POST, "/gestion/selection/regle", Steering, post(backoffice::selection::rule)),
        row(M::POST, "/gestion/selection/suggestion", Steering, post(backoffice::selection::apply)),
        row(
            M::POST,
            "/gestion/selection/publication",
            Steering,
            post(backoffice::selection::release),
        ),
        row(M::GET, "/gestion/selection/courriers", Steering, get(backoffice::letters::page)),
        row(M::POST, "/gestion/selection/courriers", Steering, post(backoffice::letters::save)),
        row(M::GET, "/gestion/proposition", Steering, get(backoffice::proposal::page)),
        row(
            M::POST,
            "/gestion/proposition/enveloppe",
            Steering,
            post(backoffice::proposal::envelope),
        ),
        row(
            M::GET,
            "/gestion/proposition/scenarios/nouveau",
            Steering,
            get(backoffice::proposal::new_form),
        ),
        row(
            M::POST,
            "/gestion/proposition/scenarios",
            Steering,
            post(backoffice::proposal::create),
        ),
        row(
            M::GET,
            "/gestion/proposition/scenarios/{id}",
            Steering,
            get(backoffice::proposal::scenario),
        ),
        row(
            M::POST,
            "/gestion/proposition/scenarios/{id}",
            Steering,
            post(backoffice::proposal::update),
        ),
        row(
            M::POST,
            "/gestion/proposition/scenarios/{id}/suppression",
            Steering,
            post(backoffice::proposal::delete),
        ),
        row(
            M::GET,
            "/gestion/proposition/scenarios/{id}/proposition.xlsx",
            Steering,
            get(backoffice::proposal::xlsx),
        ),
        row(
            M::GET,
            "/gestion/proposition/scenarios/{id}/proposition.pdf",
            Steering,
            get(backoffice::proposal::pdf),
        ),
        // Referents see their networks' numbers; the handler shows other roles none.
        row(M::GET, "/gestion/statistiques", BackOffice, get(backoffice::statistics::page)),
        row(
            M::GET,
            "/gestion/statistiques/relance",
            Steering,
            get(backoffice::statistics::reminder_form),
        ),
        row(
            M::POST,
            "/gestion/statistiques/relance",
            Steering,
            post(backoffice::statistics::send_reminder),
        ),
        row(M::GET, "/gestion/appel/routage", Steering, get(backoffice::routing::form)),
        row(M::POST, "/gestion/appel/routage", Steering, post(backoffice::routing::add)),
        row(
            M::POST,
            "/gestion/appel/routage/{rule}/suppression",
            Steering,
            post(backoffice::routing::remove),
        ),
        row(M::GET, "/gestion/poles", Steering, get(backoffice::poles::list)),
        row(M::GET, "/gestion/poles/{id}", Steering, get(backoffice::poles::page)),
        row(
            M::POST,
            "/gestion/poles/{id}/versions/{version}",
            Steering,
            post(backoffice::poles::decide),
        ),
        row(M::POST, "/gestion/poles/{id}/annuaire", Steering, post(backoffice::poles::withdraw)),
        row(M::GET, "/gestion/poles/{id}/point", Steering, get(backoffice::pole_point::form)),
        row(M::POST, "/gestion/poles/{id}/point", Steering, post(backoffice::pole_point::save)),
        row(M::GET, "/gestion/partenaires", Steering, get(backoffice::partners::list)),
        row(M::GET, "/gestion/partenaires/nouveau", Steering, get(backoffice::partners::new_form)),
        row(M::POST, "/gestion/partenaires", Steering, post(backoffice::partners::add)),
        row(M::GET, "/gestion/partenaires/{id}", Steering, get(backoffice::partners::edit_form)),
        row(M::POST, "/gestion/partenaires/{id}", Steering, post(backoffice::partners::update)),
        row(
            M::POST,
            "/gestion/partenaires/{id}/suppression",
            Steering,
            post(backoffice::partners::remove),
        ),
        row(M::GET, "/gestion/rencontres", Steering, get(backoffice::events::list)),
        row(M::GET, "/gestion/rencontres/nouvelle", Steering, get(backoffice::events::new)),
        row(M::POST, "/gestion/rencontres/nouvelle", Steering, post(backoffice::events::create)),
        row(M::GET, "/gestion/rencontres/{id}", Steering, get(backoffice::events::page)),
        row(M::GET, "/gestion/rencontres/{id}/modifier", Steering, get(backoffice::events::edit)),
        row(
            M::POST,
            "/gestion/rencontres/{id}/modifier",
            Steering,
            post(backoffice::events::update),
        ),
        row(
            M::GET,
            "/gestion/rencontres/{id}/invitations",
            Steering,
            get(backoffice::events::invite_form),
        ),
        row(
            M::POST,
            "/gestion/rencontres/{id}/invitations",
            Steering,
            post(backoffice::events::invite),
        ),
        row(M::POST, "/gestion/rencontres/{id}/rappel", Steering, post(backoffice::events::remind)),
        row(
            M::GET,
            "/gestion/rencontres/{id}/participants.csv",
            Steering,
            get(backoffice::events::attendees_csv),
        ),
        row(
            M::GET,
            "/gestion/rencontres/{id}/annuler",
            Steering,
            get(backoffice::events::cancel_form),
        ),
        row(
            M::POST,
            "/gestion/rencontres/{id}/annuler",
            Steering,
            post(backoffice::events::cancel),
        ),
        row(
            M::POST,
            "/gestion/rencontres/{id}/supprimer",
            Steering,
            post(backoffice::events::delete),
        ),
        row(M::GET, "/gestion/soutiens", Steering, get(backoffice::supporters::list)),
        row(M::GET, "/gestion/soutiens.csv", Steering, get(backoffice::supporters::export_csv)),
        row(M::GET, "/gestion/progres", Steering, get(backoffice::progress::dashboard)),
        row(M::GET, "/gestion/progres/periodes", Steering, get(backoffice::progress::periods)),
        row(
            M::POST,
            "/gestion/progres/periodes",
            Steering,
            post(backoffice::progress::create_period),
        ),
        row(
            M::POST,
            "/gestion/progres/periodes/{id}/relances",
            Steering,
            post(backoffice::progress::remind),
        ),
        // Call settings: the handlers narrow these to the steering group and administrators.
        row(M::GET, "/gestion/appel", Steering, get(call_settings::overview)),
        row(M::GET, "/gestion/appel/textes", Steering, get(call_settings::texts::form)),
        row(M::POST, "/gestion/appel/textes", Steering, post(call_settings::texts::save)),
        row(M::GET, "/gestion/appel/calendrier", Steering, get(call_settings::calendar::form)),
        row(M::POST, "/gestion/appel/calendrier", Steering, post(call_settings::calendar::save)),
        row(M::GET, "/gestion/appel/parcours", Steering, get(call_settings::tracks::form)),
        row(M::POST, "/gestion/appel/parcours", Steering, post(call_settings::tracks::save)),
        row(M::GET, "/gestion/appel/formulaires", Steering, get(call_settings::forms::list)),
        row(
            M::GET,
            "/gestion/appel/formulaires/{track}",
            Steering,
            get(call_settings::forms::show),
        ),
        row(
            M::GET,
            "/gestion/appel/formulaires/{track}/source",
            Steering,
            get(call_settings::forms::download),
        ),
        row(
            M::POST,
            "/gestion/appel/formulaires/{track}/apercu",
            Steering,
            post(call_settings::forms::preview)
                .layer(DefaultBodyLimit::max(call_settings::forms::BODY_LIMIT)),
        ),
        row(
            M::POST,
            "/gestion/appel/formulaires/{track}/publication",
            Steering,
            post(call_settings::forms::publish)
                .layer(DefaultBodyLimit::max(call_settings::forms::BODY_LIMIT)),
        ),
        row(M::GET, "/installation/{token}", Public, get(backoffice::staff::setup_form)),
        row(M::POST, "/installation/{token}", Public, post(backoffice::staff::setup)),
        row(M::GET, "/invitation-gestion/{token}", Public, get(backoffice::staff::accept_form)),
        row(M::POST, "/invitation-gestion/{token}", Public, post(backoffice::staff::accept)),
        // Machines: load balancers, static files.
        row(M::GET, "/healthz", Public, get(health::healthz)),
        row(M::GET, "/static/{*path}", Public, get(assets::serve)),
    ]
}

/// Every route of the table, each behind the check of its `Access`.
pub fn routes() -> Router<AppState> {
    table()
        .into_iter()
        .fold(Router::new(), |router, route| {
            let access = route.access;
            let handler = match access {
                Access::Public => route.handler,
                _ => route.handler.route_layer(middleware::from_fn(move |req, next| {
                    session::require(access, req, next)
                })),
            };
            router.route(route.path, handler)
        })
        .fallback(error::not_found)
}

/// The router with its middleware, as `serve` and the tests run it.
pub fn build_router(state: AppState) -> Router {
    with_middleware(routes(), state)
}

/// Wraps a route table in the middleware every request goes through (request id, tracing,
/// security headers, language, error pages, panic guard).
pub fn with_middleware(routes: Router<AppState>, state: AppState) -> Router {
    let https = state.settings.is_https();
    // Cross-site form posts are refused (403) from Sec-Fetch-Site / Origin: no token to thread
    // through forms, and it holds across servers.
    let csrf = tower_http::csrf::CsrfLayer::new()
        .add_trusted_origin(state.settings.base_url.origin().ascii_serialization())
        .unwrap_or_else(|_| tower_http::csrf::CsrfLayer::new());
    routes
        .layer(middleware::from_fn_with_state(state.clone(), session::load))
        .with_state(state)
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
                .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
                    let id = request
                        .headers()
                        .get(REQUEST_ID)
                        .and_then(|v| v.to_str().ok())
                        .unwrap_or_default();
                    let path = loggable_path(request.uri().path());
                    tracing::info_span!("request", method = %request.method(), path = %path, request_id = %id)
                }))
                .layer(PropagateRequestIdLayer::new(REQUEST_ID))
                .layer(middleware::from_fn(move |req, next| security::headers(https, req, next)))
                .layer(middleware::from_fn(locale::resolve))
                .layer(middleware::from_fn(render_error_pages))
                .layer(csrf)
                .layer(CatchPanicLayer::custom(|_| {
                    tracing::error!("a handler panicked");
                    ErrorPage::Internal.into_response()
                })),
        )
}

/// A path as it may be logged: secrets carried in links (43-character tokens) are replaced by
/// `{token}` (ASVS 16.2.5: no token in logs).
pub fn loggable_path(path: &str) -> String {
    path.split('/')
        .map(
            |segment| {
                if crate::auth::tokens::looks_like_token(segment) { "{token}" } else { segment }
            },
        )
        .collect::<Vec<_>>()
        .join("/")
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/errors/error.html")]
struct ErrorTemplate {
    page: Page,
    title: String,
    text: String,
    reference: Option<String>,
}

/// Gives responses marked with an `ErrorPage` their page, in the person's language, with the
/// request id for a 500 so that the log line can be found.
async fn render_error_pages(request: Request, next: Next) -> Response {
    let lang = request.extensions().get::<Lang>().copied().unwrap_or_default();
    let path = request.uri().path().to_owned();
    let request_id =
        request.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let response = next.run(request).await;
    let Some(kind) = response.extensions().get::<ErrorPage>().copied() else {
        return response;
    };
    let (title, text) = match kind {
        ErrorPage::NotFound => ("error-404-title", "error-404-text"),
        ErrorPage::Forbidden => ("error-403-title", "error-403-text"),
        ErrorPage::Internal => ("error-500-title", "error-500-text"),
        ErrorPage::Unavailable => ("error-503-title", "error-503-text"),
        ErrorPage::TooManyRequests => ("error-429-title", "error-429-text"),
    };
    let retry_after = response.headers().get("retry-after").cloned();
    let reference = request_id
        .filter(|_| matches!(kind, ErrorPage::Internal | ErrorPage::Unavailable))
        .map(|id| i18n::t_args(lang, "error-request-id", &[("id", FluentValue::from(id))]));
    let page = ErrorTemplate {
        page: Page::new(lang, path),
        title: i18n::t(lang, title),
        text: i18n::t(lang, text),
        reference,
    };
    let mut rendered = (kind.status(), page).into_response();
    if kind == ErrorPage::Unavailable {
        rendered.headers_mut().insert("retry-after", HeaderValue::from_static("5"));
    }
    if let Some(retry_after) = retry_after.filter(|_| kind == ErrorPage::TooManyRequests) {
        rendered.headers_mut().insert("retry-after", retry_after);
    }
    if rendered.status() != kind.status() {
        // Rendering the error page itself failed: fall back to the bare status.
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    rendered
}
