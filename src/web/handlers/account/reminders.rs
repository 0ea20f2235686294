//! `/espace/relances`: whether the person receives the reminders of their drafts that the
//! steering group sends before the deadline; the link in every reminder leads here.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use fluent_templates::fluent_bundle::FluentValue;
use serde::Deserialize;
use time::OffsetDateTime;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::i18n;
use crate::web::error::AppError;
use crate::web::page::Page;

#[derive(Template, WebTemplate)]
#[template(path = "pages/account/reminders.html")]
pub struct RemindersPage {
    page: Page,
    /// The person receives the reminders.
    receives: bool,
    /// "Vous ne recevez plus ces rappels depuis le …", when they do not.
    declined_text: Option<String>,
    notice: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RemindersQuery {
    fait: String,
}

/// `GET /espace/relances`.
pub async fn show(
    State(app): State<AppState>,
    page: Page,
    CurrentUser(account): CurrentUser,
    Query(query): Query<RemindersQuery>,
) -> Result<Response, AppError> {
    let lang = page.lang;
    let declined = app.db.reminder_opt_out(account.id).await?;
    let notice = match query.fait.as_str() {
        "arret" => Some(i18n::t(lang, "reminders-notice-stopped")),
        "reprise" => Some(i18n::t(lang, "reminders-notice-resumed")),
        _ => None,
    };
    let declined_text = declined.map(|since| {
        let since = i18n::date(lang, crate::domain::paris::date_of(since));
        i18n::t_args(lang, "reminders-off", &[("since", FluentValue::from(since))])
    });
    Ok(RemindersPage { receives: declined.is_none(), declined_text, notice, page }.into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RemindersForm {
    /// "non" to stop the reminders, "oui" to receive them again.
    relances: String,
}

/// `POST /espace/relances`.
pub async fn save(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    Form(form): Form<RemindersForm>,
) -> Result<Response, AppError> {
    let declined = form.relances != "oui";
    app.db.set_reminder_opt_out(account.id, declined, OffsetDateTime::now_utc()).await?;
    let done = if declined { "arret" } else { "reprise" };
    Ok(Redirect::to(&format!("/espace/relances?fait={done}")).into_response())
}
