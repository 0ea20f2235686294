//! The writes of one SQLite database from this process: whose turn it is, and group commit of
//! dossier saves.
//!
//! SQLite admits one writer at a time and makes every commit durable with its own fsync
//! (`synchronous=FULL`). Hot writes of this process take turns on [`SqliteWriter::turn`]
//! instead of meeting in SQLite's busy handler, which sleeps 1, 2, 5… ms and leaves cores idle.
//! Dossier saves go further: they are queued to one task per database that writes all the
//! saves waiting at that moment in one transaction, so that several saves share one fsync
//! (group commit, as PostgreSQL does on its own). Each save is answered only after the commit
//! that holds it, so an acknowledged save is on disk exactly as before (the kill -9 test of
//! `bench/saves` checks it). Figures: docs/PERFORMANCE.md, "Dossier saves".

use std::sync::Arc;

use sqlx::SqlitePool;
use tokio::sync::{Mutex, MutexGuard, mpsc, oneshot};

use super::WritePool;
use super::dossiers::{QueuedSave, Saved};

/// At most this many saves share one transaction (a few milliseconds of work at most).
const MAX_BATCH: usize = 64;

/// The writing side of one SQLite database, shared by the clones of its `Db`.
#[derive(Debug)]
pub struct SqliteWriter {
    turn: Arc<Mutex<()>>,
    saves: mpsc::UnboundedSender<Queued>,
}

#[derive(Debug)]
struct Queued {
    save: QueuedSave,
    done: oneshot::Sender<Result<Saved, sqlx::Error>>,
}

impl SqliteWriter {
    /// Starts the task that commits the saves of `pool`; it ends when the last clone of the
    /// `Db` is dropped. Must run inside a Tokio runtime.
    pub fn start(pool: SqlitePool) -> Arc<SqliteWriter> {
        let turn = Arc::new(Mutex::new(()));
        let (saves, queue) = mpsc::unbounded_channel();
        tokio::spawn(commit_batches(pool, Arc::clone(&turn), queue));
        Arc::new(SqliteWriter { turn, saves })
    }

    /// This process's turn to write. Hold it across one short write statement or transaction.
    pub async fn turn(&self) -> MutexGuard<'_, ()> {
        self.turn.lock().await
    }

    /// Writes one save, in a transaction shared with the saves queued at the same moment, and
    /// answers once that transaction is committed.
    pub async fn save(&self, pool: &SqlitePool, save: QueuedSave) -> Result<Saved, sqlx::Error> {
        let (done, outcome) = oneshot::channel();
        match self.saves.send(Queued { save, done }) {
            // No answer: the task was dropped with the save in hand (its runtime ended while
            // this `Db` lives on, as between tests). Whether it was written or not, `Stale`
            // makes the caller read the dossier again and redo the save.
            Ok(()) => outcome.await.unwrap_or(Ok(Saved::Stale)),
            Err(mpsc::error::SendError(queued)) => {
                let _turn = self.turn().await;
                queued.save.execute(pool).await
            }
        }
    }
}

/// The task: takes every save waiting (up to `MAX_BATCH`), writes them in one transaction on
/// its turn, answers each.
async fn commit_batches(
    pool: SqlitePool,
    turn: Arc<Mutex<()>>,
    mut queue: mpsc::UnboundedReceiver<Queued>,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let _turn = turn.lock().await;
        if batch.len() > 1
            && let Ok(outcomes) = together(&pool, &batch).await
        {
            for (queued, outcome) in batch.drain(..).zip(outcomes) {
                let _ = queued.done.send(Ok(outcome));
            }
            continue;
        }
        // One save, or a batch that failed and was rolled back: each on its own, so that each
        // gets its own outcome (a save that fails does not take the others with it).
        for queued in batch.drain(..) {
            let outcome = queued.save.execute(&pool).await;
            let _ = queued.done.send(outcome);
        }
    }
}

/// The saves of `batch` in one transaction (`BEGIN IMMEDIATE` … `COMMIT`): all or none.
async fn together(pool: &SqlitePool, batch: &[Queued]) -> Result<Vec<Saved>, sqlx::Error> {
    let mut tx = pool.begin_write().await?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for queued in batch {
        outcomes.push(queued.save.execute(&mut *tx).await?);
    }
    tx.commit().await?;
    Ok(outcomes)
}
