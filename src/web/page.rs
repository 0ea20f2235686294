//! What every page template knows: the language, the current path, and translated messages.

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;

use crate::auth::session::CurrentUser;
use crate::domain::lang::Lang;
use crate::i18n;

/// The context of a rendered page; templates reach it as `page`.
#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    pub path: String,
    /// The name of the person logged in, and whether they work in the back office.
    pub user: Option<(String, bool)>,
}

impl Page {
    pub fn new(lang: Lang, path: impl Into<String>) -> Page {
        Page { lang, path: path.into(), user: None }
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
        page.user = parts.extensions.get::<CurrentUser>().map(|CurrentUser(account)| {
            let name = if account.display_name.is_empty() {
                account.email.clone()
            } else {
                account.display_name.clone()
            };
            (name, account.is_back_office())
        });
        Ok(page)
    }
}
