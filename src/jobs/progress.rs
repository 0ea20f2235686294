//! The progress reminders job: each period's reminders go by themselves — one in the two weeks
//! before the due date, one after it — to the published poles that have not submitted their
//! report (`progress::send_reminders`). The steering group can still send them from the periods
//! page; a unique key per period, pole and kind keeps each one from going twice, whoever sends
//! it, so several servers may each run this job.

use std::time::Duration;

use time::OffsetDateTime;

use super::worker::{self, Next, Worker};
use crate::app::AppState;

/// How often the job looks: reminders are due by the day, an hour late is nothing.
pub const POLL: Duration = Duration::from_secs(60 * 60);

/// Starts the job: a round at once, then one every `POLL`.
pub fn spawn(app: AppState) -> Worker {
    worker::spawn("the progress reminders job", None, move |_| {
        let app = app.clone();
        async move {
            match round(&app, OffsetDateTime::now_utc()).await {
                Ok(0) => {}
                Ok(emails) => tracing::info!(emails, "progress reminders sent"),
                Err(error) => {
                    tracing::warn!(%error, "the progress reminders job failed; it will try again")
                }
            }
            Next::After(POLL)
        }
    })
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
