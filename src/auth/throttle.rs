//! Refusing bursts of authentication attempts (ASVS 6.1.1, 6.3.1, 2.4.1) and of costly exports:
//! failures (or, for actions that send email or read much, every attempt) are counted in the database per account and per
//! client address over a window, so every server sees the same counts; past the limit, the
//! answer is 429 with `Retry-After` until the window has passed.

use time::{Duration, OffsetDateTime};

use crate::db::Db;

/// The limits of one kind of attempt.
#[derive(Debug, Clone, Copy)]
pub struct Limit {
    pub kind: &'static str,
    pub per_account: i64,
    pub per_client: i64,
    pub window: Duration,
    /// Count every attempt, not only failures: for actions that cost something when they
    /// succeed (a reset link emailed to someone).
    pub count_all: bool,
}

/// 10 failed logins per account (or 50 per address) in 15 minutes; the 11th is refused.
pub const LOGIN: Limit = Limit {
    kind: "login",
    per_account: 10,
    per_client: 50,
    window: Duration::minutes(15),
    count_all: false,
};

/// 5 wrong device codes for a pending login in 10 minutes; then the login starts over.
pub const DEVICE_CODE: Limit = Limit {
    kind: "device-code",
    per_account: 5,
    per_client: 50,
    window: Duration::minutes(10),
    count_all: false,
};

/// 5 password-reset requests per address (or 20 per client address) in an hour, whether or
/// not the address has an account; the 6th is refused.
pub const RESET: Limit = Limit {
    kind: "reset",
    per_account: 5,
    per_client: 20,
    window: Duration::hours(1),
    count_all: true,
};

/// 3 sign-ups per address (each sends an email to it) or 10 per client address in an hour.
pub const SIGNUP: Limit = Limit {
    kind: "signup",
    per_account: 3,
    per_client: 10,
    window: Duration::hours(1),
    count_all: true,
};

/// 10 exports of the back office's list (or of a dossier's files) per account in 10 minutes:
/// each one reads many dossiers; a person at work needs a few, a script looping on them is
/// stopped.
pub const EXPORT: Limit = Limit {
    kind: "export",
    per_account: 10,
    per_client: 30,
    window: Duration::minutes(10),
    count_all: true,
};

/// Whether an attempt may go ahead; `Err(retry_after)` when refused.
pub async fn check(
    db: &Db,
    limit: Limit,
    account: Option<&str>,
    client: &str,
    now: OffsetDateTime,
) -> Result<Result<(), Duration>, sqlx::Error> {
    let since = now - limit.window;
    let (by_account, by_client, oldest) =
        db.counted_attempts(limit.kind, account, client, since, limit.count_all).await?;
    if by_account >= limit.per_account || by_client >= limit.per_client {
        let retry = oldest.map_or(limit.window, |t| t + limit.window - now);
        return Ok(Err(retry.max(Duration::SECOND)));
    }
    Ok(Ok(()))
}
