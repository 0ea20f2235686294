//! The language of each request: `?lang=` (remembered in a cookie), then the `lang` cookie, then
//! `Accept-Language`, then French.

use axum::extract::{FromRequestParts, Request};
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE, SET_COOKIE, VARY};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

use crate::domain::lang::Lang;

const COOKIE_NAME: &str = "lang";

/// Resolves the language, makes it available to handlers, and remembers an explicit choice.
pub async fn resolve(mut request: Request, next: Next) -> Response {
    let from_query = request.uri().query().and_then(query_lang);
    let lang = from_query
        .or_else(|| cookie_lang(request.headers().get_all(COOKIE).iter()))
        .or_else(|| {
            request
                .headers()
                .get(ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or_default();
    request.extensions_mut().insert(lang);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.append(VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    if let Some(lang) = from_query {
        let cookie =
            format!("{COOKIE_NAME}={}; Path=/; Max-Age=31536000; SameSite=Lax", lang.code());
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(SET_COOKIE, value);
        }
    }
    response
}

fn query_lang(query: &str) -> Option<Lang> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "lang")
        .and_then(|(_, v)| Lang::parse(&v))
}

fn cookie_lang<'a>(headers: impl Iterator<Item = &'a HeaderValue>) -> Option<Lang> {
    headers
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE_NAME)
        .and_then(|(_, v)| Lang::parse(v))
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts.extensions.get::<Lang>().copied().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lang_query_parameter_wins_and_unknown_values_are_ignored() {
        assert_eq!(query_lang("a=1&lang=en"), Some(Lang::En));
        assert_eq!(query_lang("lang=de"), None);
        assert_eq!(query_lang("lang=%66r"), Some(Lang::Fr));
    }

    #[test]
    fn the_lang_cookie_is_found_among_others() {
        let header = HeaderValue::from_static("session=abc; lang=en; x=y");
        assert_eq!(cookie_lang([&header].into_iter()), Some(Lang::En));
        let header = HeaderValue::from_static("language=en");
        assert_eq!(cookie_lang([&header].into_iter()), None);
    }
}
