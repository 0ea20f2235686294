//! The rescan job: files stored while the antivirus was unreachable (`pending`) are scanned
//! again until clamd answers; clean ones become downloadable, infected ones lose their contents.
//! Several servers may each run one: marking a file is conditional on it still being pending,
//! so a file scanned twice at once is recorded once.

use std::time::Duration;

use time::OffsetDateTime;

use super::worker::{self, Next, Worker};
use crate::db::Db;
use crate::storage::{Clamd, FileStore, ScanVerdict};

/// Files scanned per round.
pub const BATCH: usize = 20;

/// How often the job looks for pending files.
pub const POLL: Duration = Duration::from_secs(60);

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rescan {
    pub clean: usize,
    pub infected: usize,
    /// Still pending: clamd did not answer, or the contents were not found.
    pub still_pending: usize,
}

/// Scans up to `BATCH` pending files, oldest first, and records each verdict. Stops at the
/// first unreachable-clamd error (the rest would fail alike). Tests drive the job through this.
pub async fn rescan_pending_once(
    db: &Db,
    store: &impl FileStore,
    clamd: &Clamd,
    now: OffsetDateTime,
) -> Result<Rescan, sqlx::Error> {
    let pending = db.pending_files(BATCH).await?;
    let mut done = Rescan::default();
    for (index, file) in pending.iter().enumerate() {
        let Some(contents) = store.get(file.id).await? else {
            tracing::error!(id = %file.id, "a pending file has no contents");
            done.still_pending += 1;
            continue;
        };
        match clamd.scan(&contents).await {
            Ok(ScanVerdict::Clean) => {
                db.mark_file_clean(file.id, now).await?;
                done.clean += 1;
            }
            Ok(ScanVerdict::Infected(signature)) => {
                db.mark_file_infected(file.id, &signature, now).await?;
                tracing::warn!(id = %file.id, %signature, "a pending file was infected; its contents were deleted");
                done.infected += 1;
            }
            Err(error) if error.is_unavailable() => {
                tracing::warn!(%error, "the antivirus is still unavailable; pending files wait");
                done.still_pending += pending.len() - index;
                break;
            }
            Err(error) => {
                tracing::error!(id = %file.id, %error, "the antivirus refused to scan a pending file");
                done.still_pending += 1;
            }
        }
    }
    Ok(done)
}

/// Starts the job: a round at once, then one every `POLL` (at once while full batches are
/// scanned).
pub fn spawn<S: FileStore + Clone + Send + Sync + 'static>(
    db: Db,
    store: S,
    clamd: Clamd,
) -> Worker {
    worker::spawn("the rescan job", None, move |_| {
        let (db, store, clamd) = (db.clone(), store.clone(), clamd.clone());
        async move {
            match rescan_pending_once(&db, &store, &clamd, OffsetDateTime::now_utc()).await {
                Ok(done) if done.clean + done.infected >= BATCH => Next::Now,
                Ok(_) => Next::After(POLL),
                Err(error) => {
                    tracing::warn!(%error, "the rescan job cannot read the files; it will try again");
                    Next::After(POLL)
                }
            }
        }
    })
}
