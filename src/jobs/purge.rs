//! The purge job: what form C keeps of expressions of interest never confirmed is erased once
//! their link has been expired for a while (`supporters::purge_unconfirmed`), as the privacy
//! page promises. Several servers may each run one: each round is one transaction of
//! conditional deletes, so a row is erased once, by whichever server comes first.

use std::time::Duration;

use time::OffsetDateTime;

use super::worker::{self, Next, Worker};
use crate::db::Db;
use crate::supporters;

/// How often the job runs: the privacy page promises erasure in days, so an hour late is
/// nothing, and a round is four deletes in tables of form C's size (thousands of rows).
pub const POLL: Duration = Duration::from_secs(60 * 60);

/// Starts the job: a round at once, then one every `POLL`.
pub fn spawn(db: Db) -> Worker {
    worker::spawn("the purge job", None, move |_| {
        let db = db.clone();
        async move {
            if let Err(error) = supporters::purge_unconfirmed(&db, OffsetDateTime::now_utc()).await
            {
                tracing::warn!(%error, "the purge job failed; it will try again");
            }
            Next::After(POLL)
        }
    })
}
