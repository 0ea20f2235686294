//! The application state shared by every request, and how a server is assembled from settings.

use std::sync::Arc;
use std::time::Duration;

use crate::auth::passwords::Passwords;
use crate::config::ServeSettings;
use crate::db::Db;
use crate::dossiers::forms::FormCache;
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
    pub forms: Arc<FormCache>,
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
            forms: Arc::new(FormCache::default()),
            files,
            scanner,
            passwords: Passwords::new(
                std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get),
            ),
        }
    }
}

pub use crate::web::router::build_router;
