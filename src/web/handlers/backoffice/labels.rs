//! Labels on a dossier's page in the back office: add one (made if the call has none of that
//! name) or take one off. The list filters by label and puts them in bulk (bulk.rs).

use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::session::CurrentUser;
use crate::db::dossier_list::Actor;
use crate::db::dossiers::Dossier;
use crate::web::client::ClientAddress;
use crate::web::error::AppError;
use crate::web::handlers::backoffice::bulk::MAX_LABEL;
use crate::web::handlers::backoffice::dossiers::staff_dossier;

/// The labels block of a dossier's page.
pub struct LabelsView {
    /// The dossier's labels: (id, name).
    pub current: Vec<(Uuid, String)>,
    /// Every label of the call, suggested when typing.
    pub names: Vec<String>,
    pub error: Option<String>,
}

/// The labels block of a dossier's page.
pub async fn view(
    app: &AppState,
    dossier: &Dossier,
    error: Option<String>,
) -> Result<LabelsView, AppError> {
    let current =
        app.db.labels_of(&[dossier.id]).await?.into_iter().map(|(_, l)| (l.id, l.name)).collect();
    let names = app.db.labels(dossier.call_id).await?.into_iter().map(|l| l.name).collect();
    Ok(LabelsView { current, names, error })
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LabelInput {
    etiquette: String,
}

/// `POST /gestion/dossiers/{id}/etiquettes`: puts a label on the dossier. An empty or too
/// long name comes back to the page with the message next to the field.
pub async fn add(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path(id): Path<Uuid>,
    Form(input): Form<LabelInput>,
) -> Result<Response, AppError> {
    let dossier = staff_dossier(&app, &account, &client, id).await?;
    let name = input.etiquette.trim();
    if name.is_empty() {
        return Ok(
            Redirect::to(&format!("/gestion/dossiers/{id}?etiquette=vide#labels")).into_response()
        );
    }
    if name.chars().count() > MAX_LABEL {
        return Ok(Redirect::to(&format!("/gestion/dossiers/{id}?etiquette=longue#labels"))
            .into_response());
    }
    let now = OffsetDateTime::now_utc();
    let label = app.db.label_named(dossier.call_id, name, account.id, now).await?;
    let actor = Actor { id: account.id, client: &client };
    app.db.set_label(&[id], &label, true, &actor, now).await?;
    crate::search::index_after_change(&app, id).await;
    Ok(Redirect::to(&format!("/gestion/dossiers/{id}?fait=etiquette#labels")).into_response())
}

/// `POST /gestion/dossiers/{id}/etiquettes/{label}/suppression`: takes a label off.
pub async fn remove(
    State(app): State<AppState>,
    CurrentUser(account): CurrentUser,
    ClientAddress(client): ClientAddress,
    Path((id, label)): Path<(Uuid, Uuid)>,
) -> Result<Response, AppError> {
    let dossier = staff_dossier(&app, &account, &client, id).await?;
    let labels = app.db.labels(dossier.call_id).await?;
    let label = labels.into_iter().find(|l| l.id == label).ok_or(AppError::NotFound)?;
    let actor = Actor { id: account.id, client: &client };
    app.db.set_label(&[id], &label, false, &actor, OffsetDateTime::now_utc()).await?;
    crate::search::index_after_change(&app, id).await;
    Ok(Redirect::to(&format!("/gestion/dossiers/{id}?fait=etiquette-retiree#labels"))
        .into_response())
}
