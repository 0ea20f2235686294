//! Static files (`static/`: stylesheet, images, vendored scripts), compiled into the binary so
//! that a release runs with no files beside it.

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use rust_embed::RustEmbed;

use super::error::AppError;

#[derive(RustEmbed)]
#[folder = "static/"]
struct Static;

/// `GET /static/{*path}`: the file with its type, an ETag and a one-hour cache.
pub async fn serve(Path(path): Path<String>, headers: HeaderMap) -> Result<Response, AppError> {
    let file = Static::get(&path).ok_or(AppError::NotFound)?;
    let etag = format!("\"{}\"", hex::encode(&file.metadata.sha256_hash()[..16]));
    let etag = HeaderValue::from_str(&etag).map_err(anyhow::Error::from)?;
    if headers.get(IF_NONE_MATCH).is_some_and(|v| v == etag) {
        return Ok((StatusCode::NOT_MODIFIED, [(ETAG, etag)]).into_response());
    }
    let mime = mime_guess::from_path(&path).first_or_octet_stream();
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{mime}; charset=utf-8"),
        _ if mime.subtype() == mime_guess::mime::JAVASCRIPT || mime.subtype() == "svg" => {
            format!("{mime}; charset=utf-8")
        }
        _ => mime.to_string(),
    };
    let content_type = HeaderValue::from_str(&content_type).map_err(anyhow::Error::from)?;
    Ok((
        [
            (CONTENT_TYPE, content_type),
            (ETAG, etag),
            (CACHE_CONTROL, HeaderValue::from_static("public, max-age=3600")),
        ],
        file.data,
    )
        .into_response())
}
