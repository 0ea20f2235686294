//! Parsed form schemas, kept in memory by revision id. A revision never changes once
//! published, so a parsed schema never goes stale and every server may keep its own copy.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use uuid::Uuid;

use super::DossierError;
use crate::app::AppState;
use crate::domain::form::FormSchema;

/// The schemas this server has parsed, by form revision id.
#[derive(Debug, Default)]
pub struct FormCache {
    parsed: RwLock<HashMap<Uuid, Arc<FormSchema>>>,
}

impl FormCache {
    fn get(&self, id: Uuid) -> Option<Arc<FormSchema>> {
        self.parsed.read().ok().and_then(|parsed| parsed.get(&id).cloned())
    }

    fn put(&self, id: Uuid, schema: Arc<FormSchema>) {
        if let Ok(mut parsed) = self.parsed.write() {
            parsed.insert(id, schema);
        }
    }
}

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
