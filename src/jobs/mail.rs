//! The email worker: claims the due messages of the outbox, sends each one, and records the
//! outcome; a failure is tried again later with a growing delay. Several servers may each run
//! one on a shared PostgreSQL database: a claim holds a message for `CLAIM_LEASE`.
//!
//! Logs carry the message's id, kind, attempts and error — never its body or address, which
//! may hold a secret link or personal data.

use std::sync::Arc;
use std::time::{Duration, Instant};

use time::OffsetDateTime;
use tokio::sync::Notify;

use super::worker::{self, Next, Stopping, Worker};
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

/// Starts the worker: a round at once, then one each time `wakeup` is notified (a message was
/// queued on this server) or every `POLL`; at once after a full batch. A worker stopped in
/// the middle of its batch leaves the rest claimed: the claims lapse and another round sends it.
pub fn spawn(db: Db, mailer: Mailer, wakeup: Arc<Notify>) -> Worker {
    tracing::info!("emails go to {}", mailer.describe());
    let mailer = Arc::new(mailer);
    worker::spawn("the email worker", Some(wakeup), move |stopping: Stopping| {
        let (db, mailer) = (db.clone(), mailer.clone());
        async move {
            let keep_going = || !stopping.asked();
            match send_due(&db, &mailer, OffsetDateTime::now_utc(), keep_going).await {
                Ok(handled) if handled >= BATCH => Next::Now,
                Ok(_) => Next::After(POLL),
                Err(error) => {
                    tracing::warn!(%error, "the email worker cannot use the outbox; it will try again");
                    Next::After(POLL)
                }
            }
        }
    })
}
