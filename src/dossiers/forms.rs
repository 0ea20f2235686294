//! Parsed form schemas, kept in memory by revision id (`AppState::forms`). A revision never
//! changes once published, so a parsed schema never goes stale and every server may keep its own
//! copy.

use std::sync::Arc;

use uuid::Uuid;

use super::DossierError;
use crate::app::AppState;
use crate::domain::form::FormSchema;

/// The schema of a form revision, parsed once per server.
pub async fn schema(app: &AppState, revision_id: Uuid) -> Result<Arc<FormSchema>, DossierError> {
    if let Some(schema) = app.forms.get(revision_id) {
        return Ok(schema);
    }
    let revision = app.db.form_revision(revision_id).await?.ok_or(DossierError::NoForm)?;
    let schema = FormSchema::from_toml(&revision.source)
        .map_err(|errors| DossierError::BrokenForm(errors.to_string()))?;
    let schema = Arc::new(schema);
    app.forms.put(revision_id, schema.clone());
    Ok(schema)
}
