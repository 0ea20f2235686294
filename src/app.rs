//! The application state shared by every request, and how a server is assembled from settings.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use uuid::Uuid;

use crate::auth::passwords::Passwords;
use crate::config::ServeSettings;
use crate::db::Db;
use crate::domain::form::FormSchema;
use crate::domain::review::Grid;
use crate::web::content::ContentCache;

/// Everything a handler may need; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<ServeSettings>,
    pub content: Arc<ContentCache>,
    /// Password hashing, capped to the number of cores.
    pub passwords: Passwords,
    /// Wakes the email worker as soon as a message is queued (it also polls).
    pub mail_wakeup: Arc<tokio::sync::Notify>,
    /// Form schemas parsed from their published revisions.
    pub forms: Arc<Parsed<FormSchema>>,
    /// Review grids parsed from their published revisions.
    pub grids: Arc<Parsed<Grid>>,
    /// Where uploaded files are kept (`storage::accept_upload`, `storage::download`).
    pub files: crate::storage::DatabaseStore,
    /// The antivirus every upload goes through, when `CLAMD_ADDRESS` is set.
    pub scanner: Option<crate::storage::Clamd>,
}

impl AppState {
    pub fn new(db: Db, settings: ServeSettings) -> AppState {
        let content = ContentCache::new(Duration::from_secs(settings.content_cache_seconds));
        let files = crate::storage::DatabaseStore::new(db.clone());
        let scanner = settings.clamd_address.as_deref().map(crate::storage::Clamd::new);
        AppState {
            db,
            settings: Arc::new(settings),
            content: Arc::new(content),
            mail_wakeup: Arc::new(tokio::sync::Notify::new()),
            forms: Arc::new(Parsed::default()),
            grids: Arc::new(Parsed::default()),
            files,
            scanner,
            passwords: Passwords::new(
                std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get),
            ),
        }
    }
}

/// What this server parsed from published revisions (form schemas, grids), by revision id. A
/// revision never changes once published, so what is kept never goes stale and every server may
/// keep its own copy.
#[derive(Debug)]
pub struct Parsed<T> {
    by_revision: RwLock<HashMap<Uuid, Arc<T>>>,
}

impl<T> Default for Parsed<T> {
    fn default() -> Parsed<T> {
        Parsed { by_revision: RwLock::new(HashMap::new()) }
    }
}

impl<T> Parsed<T> {
    pub fn get(&self, revision_id: Uuid) -> Option<Arc<T>> {
        self.by_revision.read().ok().and_then(|kept| kept.get(&revision_id).cloned())
    }

    pub fn put(&self, revision_id: Uuid, parsed: Arc<T>) {
        if let Ok(mut kept) = self.by_revision.write() {
            kept.insert(revision_id, parsed);
        }
    }
}

pub use crate::web::router::build_router;
