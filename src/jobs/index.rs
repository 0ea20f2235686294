//! The index job: empties the search queue (`search::catch_up`) — dossiers filled by
//! `ptce generate`, saved after submission, or whose refresh after a change failed. Every other
//! change refreshes its dossiers at once; this job is the safety net. Several servers may each
//! run one: indexing a dossier twice writes the same entry.

use std::time::Duration;

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::app::AppState;

/// How often the job looks for stale entries: a candidate's change after submission shows in
/// the back office's search within this delay.
pub const POLL: Duration = Duration::from_secs(30);

/// Dossiers indexed per round before looking again (a round on a large backlog keeps going).
const BATCH: i64 = 500;

/// How long shutdown waits for the dossier under way.
const STOP_GRACE: Duration = Duration::from_secs(10);

/// The running job; `stop` ends it.
pub struct IndexWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

/// Starts the job: a round at once, then one every `POLL`.
pub fn spawn(app: AppState) -> IndexWorker {
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(run(app, stopped));
    IndexWorker { stop, task }
}

impl IndexWorker {
    /// Asks the job to stop, and waits a little for the batch under way.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let abort = self.task.abort_handle();
        match tokio::time::timeout(STOP_GRACE, self.task).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::error!(%error, "the index job ended abnormally"),
            Err(_) => abort.abort(),
        }
    }
}

async fn run(app: AppState, mut stopped: watch::Receiver<bool>) {
    loop {
        if *stopped.borrow() {
            break;
        }
        let wait = match crate::search::catch_up(&app, BATCH).await {
            Ok(done) if done as i64 == BATCH => Duration::ZERO,
            Ok(done) => {
                if done > 0 {
                    tracing::info!(done, "search index caught up");
                }
                POLL
            }
            Err(error) => {
                tracing::warn!(%error, "the index job failed; it will try again");
                POLL
            }
        };
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            changed = stopped.changed() => {
                if changed.is_err() {
                    break;
                }
            }
        }
    }
    tracing::debug!("the index job stopped");
}
