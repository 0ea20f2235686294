//! What every job shares: a task that runs rounds until shutdown asks it to stop. A round
//! says when the next one is due (at once when there is more to do, else after a wait that a
//! wake-up can cut short); shutdown lets the round under way finish, for a while.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

/// How long shutdown waits for the round under way.
const STOP_GRACE: Duration = Duration::from_secs(10);

/// When the next round is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// At once: the round stopped at its batch's size and more is waiting.
    Now,
    /// After this wait, or sooner if the job is woken.
    After(Duration),
}

/// Whether shutdown asked the job to stop: a long round looks at it between items.
#[derive(Debug, Clone)]
pub struct Stopping(watch::Receiver<bool>);

impl Stopping {
    pub fn asked(&self) -> bool {
        *self.0.borrow()
    }
}

/// A running job; `stop` ends it.
pub struct Worker {
    name: &'static str,
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

/// Starts a job named `name` in the logs ("the index job"): a round at once, then each after
/// the wait the previous one asked for, or when `wakeup` is notified.
pub fn spawn<R, F>(name: &'static str, wakeup: Option<Arc<Notify>>, mut round: R) -> Worker
where
    R: FnMut(Stopping) -> F + Send + 'static,
    F: Future<Output = Next> + Send + 'static,
{
    let (stop, mut stopped) = watch::channel(false);
    let task = tokio::spawn(async move {
        loop {
            if *stopped.borrow() {
                break;
            }
            let Next::After(wait) = round(Stopping(stopped.clone())).await else { continue };
            let woken = async {
                match &wakeup {
                    Some(wakeup) => wakeup.notified().await,
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                () = woken => {}
                () = tokio::time::sleep(wait) => {}
                changed = stopped.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
        tracing::debug!("{name} stopped");
    });
    Worker { name, stop, task }
}

impl Worker {
    /// Asks the job to stop, and waits a little for the round under way (then abandons it).
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let abort = self.task.abort_handle();
        match tokio::time::timeout(STOP_GRACE, self.task).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::error!(%error, "{} ended abnormally", self.name),
            Err(_) => {
                abort.abort();
                tracing::warn!("{} did not stop in time; its round was abandoned", self.name);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_job_runs_a_round_at_once_again_at_once_when_asked_and_then_after_its_wait() {
        let rounds = Arc::new(AtomicUsize::new(0));
        let counted = rounds.clone();
        let worker = spawn("the test job", None, move |_| {
            let counted = counted.clone();
            async move {
                let done = counted.fetch_add(1, Ordering::SeqCst) + 1;
                if done < 3 { Next::Now } else { Next::After(Duration::from_secs(60)) }
            }
        });
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(rounds.load(Ordering::SeqCst), 3, "two rounds at once after the first");
        tokio::time::sleep(Duration::from_secs(60)).await;
        assert_eq!(rounds.load(Ordering::SeqCst), 4, "one more after the wait");
        worker.stop().await;
        tokio::time::sleep(Duration::from_secs(600)).await;
        assert_eq!(rounds.load(Ordering::SeqCst), 4, "none after stopping");
    }

    #[tokio::test(start_paused = true)]
    async fn a_wake_up_cuts_the_wait_short() {
        let rounds = Arc::new(AtomicUsize::new(0));
        let counted = rounds.clone();
        let wakeup = Arc::new(Notify::new());
        let worker = spawn("the test job", Some(wakeup.clone()), move |_| {
            let counted = counted.clone();
            async move {
                counted.fetch_add(1, Ordering::SeqCst);
                Next::After(Duration::from_secs(3600))
            }
        });
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(rounds.load(Ordering::SeqCst), 1);
        wakeup.notify_one();
        tokio::time::sleep(Duration::from_secs(1)).await;
        assert_eq!(rounds.load(Ordering::SeqCst), 2, "woken an hour early");
        worker.stop().await;
    }

    #[tokio::test(start_paused = true)]
    async fn a_round_sees_that_shutdown_asked_to_stop() {
        let seen = Arc::new(AtomicUsize::new(0));
        let counted = seen.clone();
        let worker = spawn("the test job", None, move |stopping: Stopping| {
            let counted = counted.clone();
            async move {
                // A long round looking between its items.
                while !stopping.asked() {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                counted.fetch_add(1, Ordering::SeqCst);
                Next::After(Duration::from_secs(60))
            }
        });
        tokio::time::sleep(Duration::from_secs(1)).await;
        worker.stop().await;
        assert_eq!(seen.load(Ordering::SeqCst), 1, "the round ended within the grace");
    }
}
