//! The back office of referents, reviewers, the steering group and administrators.

pub mod audit;
pub mod bulk;
pub mod call_settings;
pub mod dossier_files;
pub mod dossier_list;
pub mod dossiers;
pub mod events;
pub mod exports;
pub mod labels;
pub mod letters;
pub mod partners;
pub mod pole_point;
pub mod poles;
pub mod progress;
pub mod proposal;
pub mod reviews;
pub mod routing;
pub mod selection;
pub mod staff;
pub mod statistics;
pub mod supporters;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use fluent_templates::fluent_bundle::FluentValue;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::web::error::AppError;
use crate::web::page::Page;

pub struct RoleView {
    pub role: String,
    pub network: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/backoffice/home.html")]
pub struct HomePage {
    page: Page,
    name: String,
    roles: Vec<RoleView>,
    /// The steering group and administrators see the link to the call settings.
    may_configure: bool,
    /// The steering group and referents see the link to the statistics.
    may_see_statistics: bool,
    /// What waits for this person: a sentence and the page where it is done.
    to_do: Vec<(String, String)>,
}

/// What waits for this person in the back office, each with the page where it is done:
/// submitted dossiers of their networks not yet taken into screening, dossiers no network has
/// (the steering group routes them), and their reviews not submitted yet.
async fn to_do(
    app: &AppState,
    lang: crate::domain::lang::Lang,
    account: &crate::db::accounts::Account,
) -> Result<Vec<(String, String)>, AppError> {
    use crate::db::dossier_list::StaffFilter;
    let mut to_do = Vec::new();
    let count =
        |key: &str, n: i64| crate::i18n::t_args(lang, key, &[("count", FluentValue::from(n))]);
    if let Some(call) = app.content.call(&app.db).await? {
        let networks = dossiers::scope(account);
        if networks.as_ref().is_none_or(|n| !n.is_empty()) {
            let submitted = StaffFilter {
                state: Some("submitted".into()),
                networks: networks.clone(),
                ..StaffFilter::default()
            };
            let (_, waiting) = app.db.staff_dossiers(call.call.id, &submitted).await?;
            if waiting > 0 {
                let href = "/gestion/dossiers?etat=submitted".to_owned();
                to_do.push((count("backoffice-todo-submitted", waiting), href));
            }
        }
        if networks.is_none() {
            let unrouted = StaffFilter { unrouted: true, ..StaffFilter::default() };
            let (_, waiting) = app.db.staff_dossiers(call.call.id, &unrouted).await?;
            if waiting > 0 {
                let href = "/gestion/dossiers?reseau=aucun".to_owned();
                to_do.push((count("backoffice-todo-unrouted", waiting), href));
            }
        }
    }
    let reviews = app.db.review_queue(account.id).await?;
    let open = reviews.iter().filter(|(_, done)| !done).count();
    if open > 0 {
        let open = i64::try_from(open).unwrap_or(i64::MAX);
        to_do.push((count("backoffice-todo-reviews", open), "/gestion/evaluations".to_owned()));
    }
    Ok(to_do)
}

/// `GET /gestion`: the back office's entry (the route table keeps it to back-office roles).
pub async fn home(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
) -> Result<HomePage, AppError> {
    let call = app.content.call(&app.db).await?;
    let lang = page.lang;
    let network_name = |slug: &str| {
        call.as_ref()
            .and_then(|c| c.call.networks.iter().find(|n| n.slug == slug))
            .map_or_else(|| slug.to_owned(), |n| n.name.get(lang).to_owned())
    };
    let roles = account
        .roles
        .iter()
        .map(|(role, network)| RoleView {
            role: page.t(&format!("role-{}", role.code())),
            network: network.as_deref().map(network_name),
        })
        .collect();
    let may_configure = call_settings::may_configure(&account);
    let may_see_statistics = crate::statistics::may_see(&account);
    let to_do = to_do(&app, lang, &account).await?;
    let name = if account.display_name.is_empty() { account.email } else { account.display_name };
    Ok(HomePage { page, name, roles, may_configure, may_see_statistics, to_do })
}
