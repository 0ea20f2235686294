//! The index job: empties the search queue (`search::catch_up`) — dossiers filled by
//! `ptce generate`, saved after submission, or whose refresh after a change failed. Every other
//! change refreshes its dossiers at once; this job is the safety net. Several servers may each
//! run one: indexing a dossier twice writes the same entry.

use std::time::Duration;

use super::worker::{self, Next, Worker};
use crate::app::AppState;

/// How often the job looks for stale entries: a candidate's change after submission shows in
/// the back office's search within this delay.
pub const POLL: Duration = Duration::from_secs(30);

/// Dossiers indexed per round before looking again (a round on a large backlog keeps going).
const BATCH: i64 = 500;

/// Starts the job: a round at once, then one every `POLL` (at once while a backlog lasts).
pub fn spawn(app: AppState) -> Worker {
    worker::spawn("the index job", None, move |_| {
        let app = app.clone();
        async move {
            match crate::search::catch_up(&app, BATCH).await {
                Ok(done) if done as i64 == BATCH => Next::Now,
                Ok(done) => {
                    if done > 0 {
                        tracing::info!(done, "search index caught up");
                    }
                    Next::After(POLL)
                }
                Err(error) => {
                    tracing::warn!(%error, "the index job failed; it will try again");
                    Next::After(POLL)
                }
            }
        }
    })
}
