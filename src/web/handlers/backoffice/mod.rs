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
    let name = if account.display_name.is_empty() { account.email } else { account.display_name };
    Ok(HomePage { page, name, roles, may_configure, may_see_statistics })
}
