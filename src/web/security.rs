//! Security headers on every response (SECURITY.md 3.4.x, 4.1.1): CSP with `frame-ancestors`,
//! `nosniff`, Referrer-Policy, and HSTS when the platform is served over https.

use axum::extract::Request;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
    X_FRAME_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// Scripts, styles, images and fonts only from the platform itself; no plugin; forms post only
/// to the platform; no page may be framed by another site.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
frame-ancestors 'none'";

/// The CSP of a page that shows map tiles from `tile_origin` (`img-src`), and that other
/// sites may frame when `embeddable` (`frame-ancestors *`: only the `/embed/…` routes).
pub fn csp_for(tile_origin: Option<&str>, embeddable: bool) -> String {
    let mut csp = CSP.to_owned();
    if let Some(origin) = tile_origin {
        csp = csp.replace("img-src 'self' data:", &format!("img-src 'self' data: {origin}"));
    }
    if embeddable {
        csp = csp.replace("frame-ancestors 'none'", "frame-ancestors *");
    }
    csp
}

const PERMISSIONS_POLICY: HeaderName = HeaderName::from_static("permissions-policy");
const CROSS_ORIGIN_OPENER_POLICY: HeaderName =
    HeaderName::from_static("cross-origin-opener-policy");

/// Adds the headers a handler did not set itself (a route meant to be embedded sets its own
/// CSP and frame policy).
pub async fn headers(https: bool, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: &'static str| {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    };
    set(CONTENT_SECURITY_POLICY, CSP);
    // A page that set its own CSP letting other sites frame it has no X-Frame-Options.
    let embeddable = headers
        .get(CONTENT_SECURITY_POLICY)
        .is_some_and(|csp| csp.to_str().is_ok_and(|csp| csp.contains("frame-ancestors *")));
    let mut set = |name: HeaderName, value: &'static str| {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    };
    if !embeddable {
        set(X_FRAME_OPTIONS, "DENY");
    }
    set(X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(PERMISSIONS_POLICY, "camera=(), microphone=(), geolocation=(), payment=()");
    set(CROSS_ORIGIN_OPENER_POLICY, "same-origin");
    if https {
        set(STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
    }
    response
}
