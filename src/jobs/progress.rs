//! The progress reminders job: each period's reminders go by themselves — one in the two weeks
//! before the due date, one after it — to the published poles that have not submitted their
//! report (`progress::send_reminders`). The steering group can still send them from the periods
//! page; a unique key per period, pole and kind keeps each one from going twice, whoever sends
//! it, so several servers may each run this job.

use std::time::Duration;

use time::OffsetDateTime;
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::app::AppState;

/// How often the job looks: reminders are due by the day, an hour late is nothing.
pub const POLL: Duration = Duration::from_secs(60 * 60);

/// How long shutdown waits for the round under way.
const STOP_GRACE: Duration = Duration::from_secs(10);

/// The running job; `stop` ends it.
pub struct ProgressWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

/// Starts the job: a round at once, then one every `POLL`.
pub fn spawn(app: AppState) -> ProgressWorker {
    let (stop, stopped) = watch::channel(false);
    let task = tokio::spawn(run(app, stopped));
    ProgressWorker { stop, task }
}

impl ProgressWorker {
    /// Asks the job to stop, and waits a little for the round under way.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let abort = self.task.abort_handle();
        match tokio::time::timeout(STOP_GRACE, self.task).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => {
                tracing::error!(%error, "the progress reminders job ended abnormally")
            }
            Err(_) => abort.abort(),
        }
    }
}

/// One round: the reminders due today for every period of the current call.
pub async fn round(app: &AppState, now: OffsetDateTime) -> anyhow::Result<usize> {
    let Some(call) = app.db.current_call().await? else { return Ok(0) };
    let mut emails = 0;
    for period in app.db.progress_periods(call.id).await? {
        let done = crate::progress::send_reminders(app, None, &period, "", now).await?;
        emails += done.emails;
    }
    if emails > 0 {
        app.mail_wakeup.notify_one();
    }
    Ok(emails)
}

async fn run(app: AppState, mut stopped: watch::Receiver<bool>) {
    loop {
        if *stopped.borrow() {
            break;
        }
        match round(&app, OffsetDateTime::now_utc()).await {
            Ok(0) => {}
            Ok(emails) => tracing::info!(emails, "progress reminders sent"),
            Err(error) => {
                tracing::warn!(%error, "the progress reminders job failed; it will try again")
            }
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
    tracing::debug!("the progress reminders job stopped");
}
