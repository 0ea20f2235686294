//! What every page template knows: the language, the current path, and translated messages.

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;

use crate::domain::lang::Lang;
use crate::i18n;

/// The context of a rendered page; templates reach it as `page`.
#[derive(Debug, Clone)]
pub struct Page {
    pub lang: Lang,
    pub path: String,
}

impl Page {
    pub fn new(lang: Lang, path: impl Into<String>) -> Page {
        Page {
            lang,
            path: path.into(),
        }
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
        Ok(Page::new(lang, parts.uri.path()))
    }
}
