//! The one error type of the web layer and the error pages it turns into.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// What can go wrong while answering a request; each variant says what the person sees.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// "Page introuvable", with a link home. Also what an object one may not see looks like.
    #[error("not found")]
    NotFound,
    /// "Accès refusé" (403): logged in, but this is not theirs to see or do.
    #[error("forbidden")]
    Forbidden,
    /// "Service momentanément indisponible" (503): the database does not answer.
    #[error("database unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),
    /// "Une erreur s'est produite" (500) with the request id; the cause goes to the log only.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
    /// "Trop de demandes" (429) with `Retry-After`: a costly action repeated too often.
    #[error("too many requests; retry after {0}")]
    TooManyRequests(time::Duration),
}

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                AppError::Unavailable(error)
            }
            other => AppError::Internal(other.into()),
        }
    }
}

/// Marks a response whose body the error-page middleware renders, in the person's language
/// and with the request id (which the handler does not know).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorPage {
    NotFound,
    Forbidden,
    Internal,
    Unavailable,
    TooManyRequests,
}

impl ErrorPage {
    pub fn status(self) -> StatusCode {
        match self {
            ErrorPage::NotFound => StatusCode::NOT_FOUND,
            ErrorPage::Forbidden => StatusCode::FORBIDDEN,
            ErrorPage::Internal => StatusCode::INTERNAL_SERVER_ERROR,
            ErrorPage::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorPage::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    pub fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response.extensions_mut().insert(self);
        response
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match self {
            AppError::NotFound => ErrorPage::NotFound.into_response(),
            AppError::Forbidden => ErrorPage::Forbidden.into_response(),
            AppError::Unavailable(error) => {
                tracing::warn!(%error, "database unavailable");
                ErrorPage::Unavailable.into_response()
            }
            AppError::Internal(error) => {
                tracing::error!(error = format!("{error:#}"), "internal error");
                ErrorPage::Internal.into_response()
            }
            AppError::TooManyRequests(retry) => {
                let mut response = ErrorPage::TooManyRequests.into_response();
                let seconds = retry.whole_seconds().max(1).to_string();
                if let Ok(value) = axum::http::HeaderValue::from_str(&seconds) {
                    response.headers_mut().insert(axum::http::header::RETRY_AFTER, value);
                }
                response
            }
        }
    }
}

/// The route-table fallback: any unknown address is the 404 page.
pub async fn not_found() -> AppError {
    AppError::NotFound
}
