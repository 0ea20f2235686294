//! The candidate's space: their organisation and, as they arrive, their dossiers.

pub mod attachments;
pub mod decision;
pub mod dossiers;
pub mod fields;
pub mod messages;
pub mod organisation;
pub mod pole_point;
pub mod progress;
pub mod publication;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use time::OffsetDateTime;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::domain::dossier::Window;
use crate::domain::form::{self, Answers, Choice, Severity};
use crate::i18n;
use crate::web::error::AppError;
use crate::web::page::Page;

/// One dossier of the organisation, as the list shows it.
pub struct DossierLine {
    href: String,
    reference: String,
    title: String,
    track: String,
    state: String,
    state_code: &'static str,
    /// "3 réponses manquantes", or empty when nothing blocks the submission.
    missing: String,
    receipts: i64,
}

#[derive(Template, WebTemplate)]
#[template(path = "pages/candidate/space.html")]
pub struct SpacePage {
    page: Page,
    name: String,
    email: String,
    organisation: Option<String>,
    dossiers: Vec<DossierLine>,
    window: String,
    window_open: bool,
}

/// `GET /espace`: who is logged in, for which organisation, and its dossiers with their state,
/// what is missing and the time left.
pub async fn space(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
) -> Result<SpacePage, AppError> {
    let lang = page.lang;
    let now = OffsetDateTime::now_utc();
    let call = app.content.call(&app.db).await?;
    let (window, window_open) = match &call {
        Some(call) => {
            let window = Window::of(&call.call.phases, now);
            (dossiers::window_text(lang, window), window.is_open())
        }
        None => (String::new(), false),
    };
    let networks =
        call.as_ref().map(|c| Choice::from_networks(&c.call.networks)).unwrap_or_default();
    let ctx = crate::dossiers::context(&networks, now);
    let mut lines = Vec::new();
    if let Some(organisation_id) = account.organisation_id {
        for dossier in app.db.dossiers_of_organisation(organisation_id).await? {
            let schema = crate::dossiers::forms::schema(&app, dossier.form_revision_id).await?;
            let answers = Answers::from_value(dossier.answers.clone());
            let blocking = form::validate(&schema, &dossier.track, &answers, &ctx)
                .iter()
                .filter(|i| i.severity == Severity::Error)
                .count();
            let track = call
                .as_ref()
                .and_then(|c| c.call.tracks.iter().find(|t| t.slug == dossier.track))
                .map(|t| t.name.get(lang).to_owned())
                .unwrap_or_else(|| dossier.track.clone());
            lines.push(DossierLine {
                href: dossiers::dossier_path(dossier.id),
                reference: dossier.reference.clone(),
                title: if dossier.title.is_empty() {
                    i18n::t(lang, "dossier-untitled")
                } else {
                    dossier.title.clone()
                },
                track,
                state: dossier.state.label(lang).to_owned(),
                state_code: dossier.state.code(),
                missing: if blocking == 0 || !dossier.state.candidate_may_edit() {
                    String::new()
                } else {
                    i18n::t_args(
                        lang,
                        "dossier-missing-count",
                        &[("count", i64::try_from(blocking).unwrap_or_default().into())],
                    )
                },
                receipts: dossier.submission_count,
            });
        }
    }
    Ok(SpacePage {
        page,
        name: account.display_name,
        email: account.email,
        organisation: account.organisation_name,
        dossiers: lines,
        window,
        window_open,
    })
}
