//! The rescan job: files stored while the antivirus was unreachable (`pending`) are scanned
//! again until clamd answers; clean ones become downloadable, infected ones lose their contents.
//! Several servers may each run one: marking a file is conditional on it still being pending,
//! so a file scanned twice at once is recorded once.

use std::time::Duration;

use time::OffsetDateTime;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::db::Db;
use crate::storage::{Clamd, FileStore, ScanVerdict};

/// Files scanned per round.
pub const BATCH: usize = 20;

/// How often the job looks for pending files.
pub const POLL: Duration = Duration::from_secs(60);

/// How long shutdown waits for the scan under way.
const STOP_GRACE: Duration = Duration::from_secs(10);

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

/// The running job; `stop` ends it.
pub struct ScanWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

/// Starts the job: a round at once, then one every `POLL`.
pub fn spawn<S: FileStore + 'static>(db: Db, store: S, clamd: Clamd) -> ScanWorker {
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(run(db, store, clamd, stopped));
    ScanWorker { stop, task }
}

impl ScanWorker {
    /// Asks the job to stop, and waits a little for the scan under way.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let abort = self.task.abort_handle();
        match tokio::time::timeout(STOP_GRACE, self.task).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::error!(%error, "the rescan job ended abnormally"),
            Err(_) => abort.abort(),
        }
    }
}

async fn run<S: FileStore>(db: Db, store: S, clamd: Clamd, mut stopped: watch::Receiver<bool>) {
    loop {
        if *stopped.borrow() {
            break;
        }
        let full = match rescan_pending_once(&db, &store, &clamd, OffsetDateTime::now_utc()).await {
            Ok(done) => done.clean + done.infected >= BATCH,
            Err(error) => {
                tracing::warn!(%error, "the rescan job cannot read the files; it will try again");
                false
            }
        };
        if full {
            continue;
        }
        tokio::select! {
            () = tokio::time::sleep(POLL) => {}
            changed = stopped.changed() => {
                if changed.is_err() {
                    break;
                }
            }
        }
    }
    tracing::debug!("the rescan job stopped");
}
