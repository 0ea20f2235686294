//! The purge job: what form C keeps of expressions of interest never confirmed is erased once
//! their link has been expired for a while (`supporters::purge_unconfirmed`), as the privacy
//! page promises. Several servers may each run one: each round is one transaction of
//! conditional deletes, so a row is erased once, by whichever server comes first.

use std::time::Duration;

use time::OffsetDateTime;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::db::Db;
use crate::supporters;

/// How often the job runs: the privacy page promises erasure in days, so an hour late is
/// nothing, and a round is four deletes in tables of form C's size (thousands of rows).
pub const POLL: Duration = Duration::from_secs(60 * 60);

/// How long shutdown waits for the round under way.
const STOP_GRACE: Duration = Duration::from_secs(10);

/// The running job; `stop` ends it.
pub struct PurgeWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

/// Starts the job: a round at once, then one every `POLL`.
pub fn spawn(db: Db) -> PurgeWorker {
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(run(db, stopped));
    PurgeWorker { stop, task }
}

impl PurgeWorker {
    /// Asks the job to stop, and waits a little for the round under way.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let abort = self.task.abort_handle();
        match tokio::time::timeout(STOP_GRACE, self.task).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::error!(%error, "the purge job ended abnormally"),
            Err(_) => abort.abort(),
        }
    }
}

async fn run(db: Db, mut stopped: watch::Receiver<bool>) {
    loop {
        if *stopped.borrow() {
            break;
        }
        if let Err(error) = supporters::purge_unconfirmed(&db, OffsetDateTime::now_utc()).await {
            tracing::warn!(%error, "the purge job failed; it will try again");
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
    tracing::debug!("the purge job stopped");
}
