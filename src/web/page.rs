//! What every page template knows: the language, the current path, translated messages, and
//! for the back office its menu.

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;

use crate::auth::session::{CurrentUser, admits};
use crate::db::accounts::Account;
use crate::domain::lang::Lang;
use crate::i18n;
use crate::web::router::Access;

/// The context of a rendered page; templates reach it as `page`.
#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    pub path: String,
    /// The name of the person logged in, and whether they work in the back office.
    pub user: Option<(String, bool)>,
    /// On the back office's pages, the links of its menu the person may open.
    pub menu: Vec<MenuLink>,
}

/// A link of the back office's menu.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MenuLink {
    pub href: &'static str,
    pub label: String,
    /// `aria-current`: "page" on the section's own page, "true" on one of its pages, else None.
    pub current: Option<&'static str>,
}

/// The back office's sections: path, message key, and who may open it — the route table's
/// `Access` for that path (tests/it/menu.rs checks that they agree). Its home page is the
/// header's "Gestion" link.
pub const BACK_OFFICE_MENU: [(&str, &str, Access); 13] = [
    ("/gestion/dossiers", "menu-dossiers", Access::BackOffice),
    ("/gestion/evaluations", "menu-reviews", Access::BackOffice),
    ("/gestion/selection", "menu-selection", Access::Steering),
    ("/gestion/poles", "menu-poles", Access::Steering),
    ("/gestion/progres", "menu-progress", Access::Steering),
    ("/gestion/rencontres", "menu-events", Access::Steering),
    ("/gestion/soutiens", "menu-supporters", Access::Steering),
    ("/gestion/partenaires", "menu-partners", Access::Steering),
    ("/gestion/proposition", "menu-proposal", Access::Steering),
    ("/gestion/statistiques", "menu-statistics", Access::BackOffice),
    ("/gestion/appel", "menu-settings", Access::Steering),
    ("/gestion/utilisateurs", "menu-users", Access::Admin),
    ("/gestion/journal", "menu-journal", Access::Admin),
];

/// The menu for this account on this path: the sections it may open (statistics only for
/// those who may read them: a reviewer alone may not).
fn back_office_menu(lang: Lang, path: &str, account: &Account) -> Vec<MenuLink> {
    BACK_OFFICE_MENU
        .iter()
        .filter(|(href, _, access)| {
            admits(*access, account)
                && (*href != "/gestion/statistiques" || crate::statistics::may_see(account))
        })
        .map(|(href, key, _)| MenuLink {
            href,
            label: i18n::t(lang, key),
            current: if path == *href {
                Some("page")
            } else if path.strip_prefix(href).is_some_and(|rest| rest.starts_with('/')) {
                Some("true")
            } else {
                None
            },
        })
        .collect()
}

impl Page {
    pub fn new(lang: Lang, path: impl Into<String>) -> Page {
        Page { lang, path: path.into(), user: None, menu: Vec::new() }
    }

    /// A translated message.
    pub fn t(&self, key: &str) -> String {
        i18n::t(self.lang, key)
    }

    /// The language the switch offers.
    pub fn other(&self) -> Lang {
        self.lang.other()
    }

    /// `aria-current="page"` for the navigation link of the page being shown.
    pub fn current(&self, path: &str) -> &'static str {
        if self.path == path { "page" } else { "false" }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Page {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let lang = Lang::from_request_parts(parts, state).await?;
        let mut page = Page::new(lang, parts.uri.path());
        let account = parts.extensions.get::<CurrentUser>().map(|CurrentUser(account)| account);
        page.user = account.map(|account| {
            let name = if account.display_name.is_empty() {
                account.email.clone()
            } else {
                account.display_name.clone()
            };
            (name, account.is_back_office())
        });
        if let Some(account) = account.filter(|a| a.is_back_office())
            && (page.path == "/gestion" || page.path.starts_with("/gestion/"))
        {
            page.menu = back_office_menu(lang, &page.path, account);
        }
        Ok(page)
    }
}
