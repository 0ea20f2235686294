//! The candidate's space: their organisation and, as they arrive, their dossiers.

pub mod organisation;

use askama::Template;
use askama_web::WebTemplate;

use crate::auth::session::CurrentUser;
use crate::web::page::Page;

#[derive(Template, WebTemplate)]
#[template(path = "pages/candidate/space.html")]
pub struct SpacePage {
    page: Page,
    name: String,
    email: String,
    organisation: Option<String>,
}

/// `GET /espace`: who is logged in, for which organisation.
pub async fn space(page: Page, CurrentUser(account): CurrentUser) -> SpacePage {
    SpacePage {
        page,
        name: account.display_name,
        email: account.email,
        organisation: account.organisation_name,
    }
}
