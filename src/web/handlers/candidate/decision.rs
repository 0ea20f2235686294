//! The decision on a dossier as its candidate sees it, once released (never before): the letter
//! on the dossier page and as a PDF download.

use axum::extract::{Path, State};
use axum::response::Response;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::permissions;
use crate::auth::session::CurrentUser;
use crate::db::dossiers::Dossier;
use crate::domain::lang::Lang;
use crate::i18n;
use crate::selection::letters;
use crate::web::error::AppError;
use crate::web::handlers::backoffice::letters::letter_pdf;
use crate::web::page::Page;

/// The released decision's letter, as the dossier page shows it.
pub struct DecisionView {
    pub subject: String,
    pub body_html: String,
    /// "Décision publiée le …".
    pub released: String,
    pub pdf_href: String,
    /// Where a selected dossier's people choose what the directory shows of their pole.
    pub publication_href: Option<String>,
}

/// The letter of a dossier's released decision in `lang`; `None` before any release.
pub async fn view(
    app: &AppState,
    lang: Lang,
    dossier: &Dossier,
) -> Result<Option<DecisionView>, AppError> {
    let Some(letter) = app.db.released_letter(dossier.id, lang.code()).await? else {
        return Ok(None);
    };
    Ok(Some(DecisionView {
        publication_href: crate::poles::may_be_published(dossier)
            .then(|| format!("/espace/dossiers/{}/publication", dossier.id)),
        subject: letter.subject,
        body_html: letters::body_html(&letter.body),
        released: i18n::t_args(
            lang,
            "decisions-candidate-released",
            &[("date", i18n::datetime(lang, letter.released_at).into())],
        ),
        pdf_href: format!("/espace/dossiers/{}/decision.pdf", dossier.id),
    }))
}

/// `GET /espace/dossiers/{id}/decision.pdf`: the decision letter, for the members of the
/// dossier's organisation, once the decision is released (404 before, and for anyone else).
pub async fn pdf(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Path(id): Path<Uuid>,
) -> Result<Response, AppError> {
    let dossier = app.db.dossier(id).await?.ok_or(AppError::NotFound)?;
    if !permissions::is_dossier_member(&account, &dossier) {
        return Err(AppError::NotFound);
    }
    letter_pdf(&app, page.lang, &dossier).await
}
