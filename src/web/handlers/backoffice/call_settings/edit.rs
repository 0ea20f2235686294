//! The one way a settings page shows and saves its part of the call (texts, calendar, tracks):
//! checked, saved under the version guard with its audit entry, or shown again (422, 409).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use time::OffsetDateTime;

use super::{DoneQuery, Errors, conflict_text, editable_call, parse_version, posted};
use crate::app::AppState;
use crate::db::accounts::Account;
use crate::db::audit::AuditEvent;
use crate::db::call_settings::{CallChange, Saved};
use crate::domain::call::Call;
use crate::domain::lang::Lang;
use crate::i18n;
use crate::web::error::AppError;
use crate::web::page::Page;

/// What a settings page shows besides the call as stored.
#[derive(Default)]
pub struct Shown<'a> {
    /// The posted form, shown again instead of the stored values (mistakes, a conflict).
    pub posted: Option<&'a [(String, String)]>,
    pub errors: Errors,
    /// What was just done ("Les textes sont enregistrés.").
    pub notice: Option<String>,
    /// On a conflict: who-changed-what-when, and each input shows the value saved meanwhile.
    pub conflict: Option<String>,
}

/// A part of the call a settings page edits: how the posted form reads, what the audit log
/// records of a save, what is written, and the page.
pub trait CallPart {
    /// The posted part, checked: what is saved.
    type Checked;
    /// The part's page.
    type Page: IntoResponse;
    /// The page's path; a save redirects there with `?fait=enregistre`.
    const PATH: &'static str;
    /// The audit event of a save, e.g. `call.texts_updated`.
    const EVENT: &'static str;
    /// The message key of the notice shown after a save.
    const SAVED: &'static str;

    /// The posted part, checked against the call; every mistake next to its input.
    fn read(call: &Call, pairs: &[(String, String)], lang: Lang) -> Result<Self::Checked, Errors>;

    /// The detail of the audit entry of a save (never a whole text: names and numbers).
    fn audit_detail(call: &Call, checked: &Self::Checked) -> serde_json::Value;

    /// What the save writes.
    fn change(checked: &Self::Checked) -> CallChange<'_>;

    /// The page at `version` (the version its hidden `_version` field carries).
    fn page(page: Page, call: &Call, version: OffsetDateTime, shown: Shown<'_>) -> Self::Page;
}

/// `GET` of a part's page: the stored values, with the notice of a save just done.
pub async fn show<P: CallPart>(
    app: &AppState,
    page: Page,
    query: &DoneQuery,
) -> Result<P::Page, AppError> {
    let (call, version) = editable_call(app).await?;
    let notice = (query.fait == "enregistre").then(|| i18n::t(page.lang, P::SAVED));
    Ok(P::page(page, &call, version, Shown { notice, ..Shown::default() }))
}

/// What a `POST` of a part's page did.
pub enum Outcome<Page> {
    /// Saved (see [`save_part`]).
    Saved,
    /// Nothing written: the page again, with its status (422 or 409).
    Refused(StatusCode, Page),
}

/// `POST` of a part's page: saves the part if it reads and nobody changed the call since the
/// page was read. Side effects of a save: the part and the call's version, `P::EVENT` in the
/// audit log (one transaction), the public pages' cache emptied; then a redirect to the page.
/// Otherwise nothing is written: the page again with the person's input and the mistakes
/// (422), or with what was saved meanwhile and the call's new version (409).
pub async fn save<P: CallPart>(
    app: &AppState,
    page: Page,
    account: &Account,
    client: &str,
    pairs: &[(String, String)],
) -> Result<Response, AppError> {
    Ok(match save_part::<P>(app, page, account, client, pairs).await? {
        Outcome::Saved => Redirect::to(&format!("{}?fait=enregistre", P::PATH)).into_response(),
        Outcome::Refused(status, rendered) => (status, rendered).into_response(),
    })
}

/// [`save`] without its response, for a page that does more after a save (the calendar tells
/// the invitees of the meeting it moved) or adds to the page it shows again.
pub async fn save_part<P: CallPart>(
    app: &AppState,
    page: Page,
    account: &Account,
    client: &str,
    pairs: &[(String, String)],
) -> Result<Outcome<P::Page>, AppError> {
    let lang = page.lang;
    let (call, version) = editable_call(app).await?;
    let carried = parse_version(&posted(pairs, "_version"));
    let checked = match P::read(&call, pairs, lang) {
        Ok(checked) => checked,
        Err(errors) => {
            // The page keeps the version it was read at: the mistakes do not hide a conflict.
            let shown = Shown { posted: Some(pairs), errors, ..Shown::default() };
            let rendered = P::page(page, &call, carried.unwrap_or(version), shown);
            return Ok(Outcome::Refused(StatusCode::UNPROCESSABLE_ENTITY, rendered));
        }
    };
    let event = AuditEvent::by(account.id, P::EVENT, client, P::audit_detail(&call, &checked));
    let now = OffsetDateTime::now_utc();
    let saved = match carried {
        Some(expected) => {
            app.db.save_call_change(call.id, expected, P::change(&checked), &event, now).await?
        }
        // No readable version: nothing is written on a guess.
        None => Saved::Conflict { version },
    };
    match saved {
        Saved::Done { .. } => {
            app.content.invalidate();
            Ok(Outcome::Saved)
        }
        Saved::Conflict { version } => {
            // The call is read again: it holds what the other person saved.
            let (call, _) = editable_call(app).await?;
            let shown = Shown {
                posted: Some(pairs),
                conflict: Some(conflict_text(lang, version)),
                ..Shown::default()
            };
            // The page now carries the new version: saving again is a deliberate choice.
            let rendered = P::page(page, &call, version, shown);
            Ok(Outcome::Refused(StatusCode::CONFLICT, rendered))
        }
    }
}
