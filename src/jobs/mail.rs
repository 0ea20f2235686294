//! The email worker: claims the due messages of the outbox, sends each one, and records the
//! outcome; a failure is tried again later with a growing delay. Several servers may each run
//! one on a shared PostgreSQL database: a claim holds a message for `CLAIM_LEASE`.
//!
//! Logs carry the message's id, kind, attempts and error — never its body or address, which
//! may hold a secret link or personal data.

use std::sync::Arc;
use std::time::{Duration, Instant};

use time::OffsetDateTime;
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

use crate::db::Db;
use crate::db::outbox::{CLAIM_LEASE, retry_delay};
use crate::mail::Mailer;

/// Messages claimed at a time; a full batch makes the worker go on at once.
pub const BATCH: usize = 20;

/// How often the worker looks at the outbox when nobody wakes it (a message queued by another
/// server, or a retry that became due).
pub const POLL: Duration = Duration::from_secs(5);

/// A round stops taking messages from its batch past this, well before the claim lapses, so
/// another worker never sends a message this one is still sending; the rest is claimed again.
const ROUND_BUDGET: Duration = Duration::from_secs(60);

/// How long shutdown waits for the message being sent.
const STOP_GRACE: Duration = Duration::from_secs(10);

/// Sends every message due at `now` that this call could claim (at most `BATCH`), records each
/// outcome, and returns how many messages it handled (sent or failed). Tests drive the worker
/// through this, with their own clock.
pub async fn send_due_once(
    db: &Db,
    mailer: &Mailer,
    now: OffsetDateTime,
) -> Result<usize, sqlx::Error> {
    send_due(db, mailer, now, || true).await
}

async fn send_due(
    db: &Db,
    mailer: &Mailer,
    now: OffsetDateTime,
    keep_going: impl Fn() -> bool,
) -> Result<usize, sqlx::Error> {
    const _: () = assert!(ROUND_BUDGET.as_secs() < CLAIM_LEASE.whole_seconds().unsigned_abs());
    let started = Instant::now();
    let claimed = db.claim_due_emails(now, BATCH).await?;
    let mut handled = 0;
    for message in claimed {
        if !keep_going() || started.elapsed() > ROUND_BUDGET {
            break;
        }
        let attempt = message.attempts + 1;
        match mailer.send(message.id, &message.to, &message.email, &message.attachments, now).await
        {
            Ok(()) => {
                db.mark_email_sent(message.id, now).await?;
                tracing::info!(id = %message.id, kind = %message.kind, attempt, "email sent");
            }
            Err(error) => {
                let error = error.to_string();
                match retry_delay(attempt) {
                    Some(delay) => {
                        let retry_at = now + delay;
                        db.mark_email_failed(message.id, &error, retry_at).await?;
                        tracing::warn!(
                            id = %message.id, kind = %message.kind, attempt, %error, %retry_at,
                            "email not sent; it will be tried again"
                        );
                    }
                    None => {
                        db.mark_email_failed(message.id, &error, now).await?;
                        tracing::error!(
                            id = %message.id, kind = %message.kind, attempt, %error,
                            "email not sent after {attempt} attempts; given up"
                        );
                    }
                }
            }
        }
        handled += 1;
    }
    Ok(handled)
}

/// The running worker; `stop` ends it.
pub struct MailWorker {
    stop: watch::Sender<bool>,
    task: JoinHandle<()>,
}

/// Starts the worker: a round at once, then one each time `wakeup` is notified (a message was
/// queued on this server) or every `POLL`.
pub fn spawn(db: Db, mailer: Mailer, wakeup: Arc<Notify>) -> MailWorker {
    let (stop, stopped) = watch::channel(false);
    tracing::info!("emails go to {}", mailer.describe());
    let task = tokio::spawn(run(db, mailer, wakeup, stopped));
    MailWorker { stop, task }
}

impl MailWorker {
    /// Asks the worker to stop after the message it is sending, and waits for it a little.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let abort = self.task.abort_handle();
        match tokio::time::timeout(STOP_GRACE, self.task).await {
            Ok(Ok(())) => {}
            Ok(Err(error)) => tracing::error!(%error, "the email worker ended abnormally"),
            Err(_) => {
                abort.abort();
                tracing::warn!("the email worker did not stop in time; its claims will lapse");
            }
        }
    }
}

async fn run(db: Db, mailer: Mailer, wakeup: Arc<Notify>, mut stopped: watch::Receiver<bool>) {
    loop {
        if *stopped.borrow() {
            break;
        }
        let keep_going = || !*stopped.borrow();
        let full = match send_due(&db, &mailer, OffsetDateTime::now_utc(), keep_going).await {
            Ok(handled) => handled >= BATCH,
            Err(error) => {
                tracing::warn!(%error, "the email worker cannot use the outbox; it will try again");
                false
            }
        };
        if full {
            continue;
        }
        tokio::select! {
            () = wakeup.notified() => {}
            () = tokio::time::sleep(POLL) => {}
            changed = stopped.changed() => {
                if changed.is_err() {
                    break;
                }
            }
        }
    }
    tracing::debug!("the email worker stopped");
}
