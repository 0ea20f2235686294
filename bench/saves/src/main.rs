//! The dossier save benchmark (`bench/saves.sh`), and its reference: the single-writer fsync
//! ceiling of SQLite on this machine.
//!
//! ```text
//! saves ceiling --db PATH [--duration 10s] [--warmup 1s] [--payload 6000] [--rows 1000]
//! saves closed  --url URL --sessions FILE [--users 16] [--duration 10s] [--warmup 2s] [--watch-pid PID]
//! saves open    --url URL --sessions FILE --rate 300 [--users 64] [--duration 10s] [--warmup 2s] [--watch-pid PID]
//! ```
//!
//! * `ceiling`: one connection, as fast as it can, one-row `UPDATE` commits of a `payload`-byte
//!   text on a fresh SQLite file with the server's pragmas (WAL, synchronous FULL): what a
//!   single writer can commit per second here, fsync included. Nothing the server does can
//!   commit more, since SQLite has one writer at a time and no group commit.
//! * `closed`: `users` candidates (one per line of the sessions file, each with its own
//!   dossier and connection) save their dossier's `contact` section back to back, following
//!   the section version from each JSON answer — throughput.
//! * `open`: saves are due at a fixed rate whatever the server does; any idle candidate takes
//!   the next due save; latency counts from the save's scheduled time (no coordinated omission).
//!
//! Results are one JSON line on stdout; every mode stops by itself.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use saves::hist::Histogram;
use saves::http::Connection;
use saves::{Error, SessionLine, cpu, json_str};
use tokio::sync::Semaphore;
use tokio::time::{Instant, timeout_at};

const USAGE: &str = "\
usage:
  saves ceiling --db PATH [--duration 10s] [--warmup 1s] [--payload 6000] [--rows 1000]
  saves closed --url URL --sessions FILE [--users 16] [--duration 10s] [--warmup 2s] [--watch-pid PID]
  saves open --url URL --sessions FILE --rate N [--users 64] [--duration 10s] [--warmup 2s] [--watch-pid PID]
URL: http:// on 127.0.0.1 or localhost, with a port";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Ceiling,
    Closed,
    Open,
}

#[derive(Debug)]
struct Args {
    mode: Mode,
    db: Option<String>,
    url: Option<String>,
    sessions: Option<String>,
    users: Option<usize>,
    rate: Option<f64>,
    duration: Duration,
    warmup: Option<Duration>,
    payload: usize,
    rows: i64,
    watch_pid: Option<u32>,
    timeout: Duration,
}

fn parse_args(argv: Vec<String>) -> Result<Args, String> {
    let mut it = argv.into_iter();
    let mode = match it.next().as_deref() {
        Some("ceiling") => Mode::Ceiling,
        Some("closed") => Mode::Closed,
        Some("open") => Mode::Open,
        Some(other) if other != "-h" && other != "--help" => {
            return Err(format!("unknown mode {other:?}\n{USAGE}"));
        }
        _ => return Err(USAGE.to_owned()),
    };
    let mut args = Args {
        mode,
        db: None,
        url: None,
        sessions: None,
        users: None,
        rate: None,
        duration: Duration::from_secs(10),
        warmup: None,
        payload: 6000,
        rows: 1000,
        watch_pid: None,
        timeout: Duration::from_secs(5),
    };
    while let Some(arg) = it.next() {
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_owned(), Some(v.to_owned())),
            _ => (arg, None),
        };
        let mut value = || -> Result<String, String> {
            inline.clone().or_else(|| it.next()).ok_or_else(|| format!("{key} needs a value"))
        };
        let number = |v: String| -> Result<u64, String> {
            v.parse().map_err(|_| format!("{key}: not a number: {v:?}"))
        };
        match key.as_str() {
            "--db" => args.db = Some(value()?),
            "--url" => args.url = Some(value()?),
            "--sessions" => args.sessions = Some(value()?),
            "--users" => args.users = Some(number(value()?)? as usize),
            "--duration" => args.duration = saves::parse_duration(&value()?)?,
            "--warmup" => args.warmup = Some(saves::parse_duration(&value()?)?),
            "--timeout" => args.timeout = saves::parse_duration(&value()?)?,
            "--payload" => args.payload = number(value()?)? as usize,
            "--rows" => args.rows = i64::try_from(number(value()?)?).map_err(|_| "--rows")?,
            "--watch-pid" => {
                args.watch_pid = Some(u32::try_from(number(value()?)?).map_err(|_| "--watch-pid")?);
            }
            "--rate" => {
                let v = value()?;
                let rate: f64 = v.parse().map_err(|_| format!("--rate: not a number: {v:?}"))?;
                if !(rate.is_finite() && rate > 0.0 && rate <= 1_000_000.0) {
                    return Err(format!("--rate out of range: {v}"));
                }
                args.rate = Some(rate);
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if args.duration.is_zero() {
        return Err("--duration must be positive".to_owned());
    }
    match mode {
        Mode::Ceiling if args.db.is_none() => return Err("ceiling needs --db".to_owned()),
        Mode::Ceiling if args.rows < 1 || args.payload == 0 => {
            return Err("--rows and --payload must be positive".to_owned());
        }
        Mode::Closed | Mode::Open if args.url.is_none() || args.sessions.is_none() => {
            return Err(format!("{mode:?} needs --url and --sessions").to_lowercase());
        }
        Mode::Open if args.rate.is_none() => return Err("open needs --rate".to_owned()),
        _ => {}
    }
    if args.users == Some(0) {
        return Err("--users must be positive".to_owned());
    }
    Ok(args)
}

fn ms(us: u64) -> f64 {
    us as f64 / 1000.0
}

fn percentiles(h: &Histogram) -> String {
    format!(
        "\"p50_ms\":{:.3},\"p90_ms\":{:.3},\"p99_ms\":{:.3},\"p999_ms\":{:.3},\"max_ms\":{:.3}",
        ms(h.quantile_us(0.50)),
        ms(h.quantile_us(0.90)),
        ms(h.quantile_us(0.99)),
        ms(h.quantile_us(0.999)),
        ms(h.max_us()),
    )
}

// ------------------------------------------------------------------- ceiling

async fn run_ceiling(args: &Args) -> Result<String, Error> {
    let path = args.db.clone().ok_or("--db")?;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{path}{suffix}"));
    }
    let mut conn = saves::open_sqlite(&path, true).await?;
    sqlx::query(
        "CREATE TABLE ceiling (id INTEGER PRIMARY KEY, body TEXT NOT NULL, \
         version INTEGER NOT NULL, updated_at TEXT NOT NULL)",
    )
    .execute(&mut conn)
    .await?;
    let filler = "x".repeat(args.payload);
    let mut tx = sqlx::Connection::begin(&mut conn).await?;
    for id in 0..args.rows {
        sqlx::query("INSERT INTO ceiling (id, body, version, updated_at) VALUES ($1, $2, 0, '')")
            .bind(id)
            .bind(&filler)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    let warmup = args.warmup.unwrap_or(Duration::from_secs(1));
    let start = Instant::now();
    let measure_from = start + warmup;
    let end = measure_from + args.duration;
    let mut hist = Histogram::new();
    let mut before = None;
    let mut i: i64 = 0;
    while Instant::now() < end {
        if before.is_none() && Instant::now() >= measure_from {
            before = cpu::snapshot(None);
        }
        // A different text every time (the counter first), as a save writes new answers.
        let mut body = format!("{i:012}");
        body.push_str(&filler[12.min(filler.len())..]);
        let sent = Instant::now();
        sqlx::query(
            "UPDATE ceiling SET body = $1, version = version + 1, updated_at = $2 WHERE id = $3",
        )
        .bind(&body)
        .bind(format!("{i}"))
        .bind(i % args.rows)
        .execute(&mut conn)
        .await?;
        let done = Instant::now();
        if sent >= measure_from && done <= end {
            hist.record(done - sent);
        }
        i += 1;
    }
    let after = cpu::snapshot(None);
    sqlx::Connection::close(conn).await?;
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{path}{suffix}"));
    }
    let cpu = before.zip(after).map_or("null".to_owned(), |(a, b)| cpu::json(a, b, "client"));
    Ok(format!(
        "{{\"mode\":\"ceiling\",\"db\":{},\"payload_bytes\":{},\"rows\":{},\"duration_s\":{:.3},\
         \"warmup_s\":{:.3},\"commits\":{},\"rate\":{:.1},{},\"cpu\":{cpu}}}",
        json_str(&path),
        args.payload,
        args.rows,
        args.duration.as_secs_f64(),
        warmup.as_secs_f64(),
        hist.count(),
        hist.count() as f64 / args.duration.as_secs_f64(),
        percentiles(&hist),
    ))
}

// --------------------------------------------------------------------- saves

/// A candidate saving their own dossier over their own connection.
struct User {
    session: SessionLine,
    version: i64,
    marker: u64,
    conn: Option<Connection>,
}

struct Shared {
    authority: String,
    addr: std::net::SocketAddr,
    timeout: Duration,
    errors_shown: AtomicU64,
}

#[derive(Default)]
struct Stats {
    hist: Histogram,
    errors: u64,
    non_2xx: u64,
    conflicts: u64,
    last_done: Option<Instant>,
}

impl Stats {
    fn merge(&mut self, other: &Stats) {
        self.hist.merge(&other.hist);
        self.errors += other.errors;
        self.non_2xx += other.non_2xx;
        self.conflicts += other.conflicts;
        self.last_done = self.last_done.max(other.last_done);
    }
}

enum Outcome {
    Saved,
    /// Answered, but not 200 (409 conflicts included; the version was followed anyway).
    Refused(u16),
    Failed(String),
}

impl User {
    /// One save; follows the section version the answer gives.
    async fn save(&mut self, shared: &Shared, deadline: Instant) -> Outcome {
        let conn = match self.conn.as_mut() {
            Some(c) => c,
            None => match timeout_at(deadline, Connection::open(shared.addr)).await {
                Ok(Ok(c)) => self.conn.insert(c),
                Ok(Err(e)) => return Outcome::Failed(format!("connect: {e}")),
                Err(_) => return Outcome::Failed("connect: timed out".to_owned()),
            },
        };
        self.marker += 1;
        let request =
            saves::save_request(&shared.authority, &self.session, self.version, self.marker);
        let exchange = async {
            conn.send(&request).await?;
            conn.receive().await
        };
        match timeout_at(deadline, exchange).await {
            Ok(Ok(response)) => {
                if let Some(version) = saves::answer_version(&response.body) {
                    self.version = version;
                }
                if response.status == 200 {
                    Outcome::Saved
                } else {
                    Outcome::Refused(response.status)
                }
            }
            Ok(Err(e)) => {
                self.conn = None;
                Outcome::Failed(e.to_string())
            }
            Err(_) => {
                self.conn = None;
                Outcome::Failed("timed out".to_owned())
            }
        }
    }
}

impl Shared {
    fn note(&self, stats: &mut Stats, outcome: &Outcome, counted: bool) {
        match outcome {
            Outcome::Saved => {}
            Outcome::Refused(status) => {
                if counted {
                    stats.non_2xx += 1;
                    stats.conflicts += u64::from(*status == 409);
                }
                self.report_error(&format!("status {status}"));
            }
            Outcome::Failed(e) => {
                stats.errors += u64::from(counted);
                self.report_error(e);
            }
        }
    }

    fn report_error(&self, what: &str) {
        if self.errors_shown.fetch_add(1, Ordering::Relaxed) < 5 {
            eprintln!("saves: {what}");
        }
    }
}

async fn closed_worker(
    shared: Arc<Shared>,
    mut user: User,
    measure_from: Instant,
    end: Instant,
) -> Stats {
    let mut stats = Stats::default();
    while Instant::now() < end {
        let start = Instant::now();
        let deadline = (start + shared.timeout).min(end);
        let outcome = user.save(&shared, deadline).await;
        let done = Instant::now();
        let counted = start >= measure_from && done <= end;
        if counted && !matches!(outcome, Outcome::Failed(_)) {
            stats.hist.record(done - start);
            stats.last_done = Some(done);
        }
        if matches!(outcome, Outcome::Failed(_)) && done >= end {
            break;
        }
        shared.note(&mut stats, &outcome, counted);
        if matches!(outcome, Outcome::Failed(_)) {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
    stats
}

/// The open-loop schedule: save `i` is due at `start + i / rate`.
struct Schedule {
    start: Instant,
    interval_ns: f64,
    total: u64,
    next: AtomicU64,
    due: Semaphore,
}

impl Schedule {
    fn due_at(&self, i: u64) -> Instant {
        self.start + Duration::from_nanos((i as f64 * self.interval_ns) as u64)
    }
}

/// Releases one permit per save as its time comes, from a thread of its own (sleeping with
/// `std::thread::sleep`: tokio's timer would add up to 1 ms to every latency); catches up when
/// late, so the schedule never drifts. Then one permit per worker to let them stop.
fn pace(schedule: &Schedule, workers: usize) {
    let mut released = 0u64;
    while released < schedule.total {
        let elapsed = Instant::now().saturating_duration_since(schedule.start).as_nanos() as f64;
        let due = ((elapsed / schedule.interval_ns).floor() as u64 + 1).min(schedule.total);
        if due > released {
            schedule.due.add_permits((due - released) as usize);
            released = due;
        }
        if released < schedule.total {
            std::thread::sleep(schedule.due_at(released).saturating_duration_since(Instant::now()));
        }
    }
    schedule.due.add_permits(workers);
}

async fn open_worker(
    shared: Arc<Shared>,
    mut user: User,
    schedule: Arc<Schedule>,
    measure_from: Instant,
    hard_end: Instant,
) -> Stats {
    let mut stats = Stats::default();
    loop {
        match timeout_at(hard_end, schedule.due.acquire()).await {
            Ok(Ok(permit)) => permit.forget(),
            _ => break,
        }
        let i = schedule.next.fetch_add(1, Ordering::Relaxed);
        if i >= schedule.total || Instant::now() >= hard_end {
            break;
        }
        let due = schedule.due_at(i);
        let counted = due >= measure_from;
        let deadline = (Instant::now() + shared.timeout).min(hard_end);
        let outcome = user.save(&shared, deadline).await;
        if counted && !matches!(outcome, Outcome::Failed(_)) {
            let done = Instant::now();
            stats.hist.record(done - due);
            stats.last_done = Some(done);
        }
        shared.note(&mut stats, &outcome, counted);
    }
    stats
}

async fn run_saves(args: &Args) -> Result<String, Error> {
    let url = args.url.clone().ok_or("--url")?;
    let (authority, addr) = saves::loopback_authority(&url)?;
    let sessions = saves::read_sessions(args.sessions.as_deref().ok_or("--sessions")?)?;
    let default_users = if args.mode == Mode::Open { 64 } else { 16 };
    let users = args.users.unwrap_or(default_users);
    if sessions.len() < users {
        return Err(format!(
            "{users} users need {users} sessions, the file has {} (ptce generate --sessions N)",
            sessions.len()
        )
        .into());
    }
    let shared = Arc::new(Shared {
        authority,
        addr,
        timeout: args.timeout,
        errors_shown: AtomicU64::new(0),
    });
    // Connections are opened before the clock starts: no measured save pays for a handshake.
    let mut prepared = Vec::with_capacity(users);
    for session in sessions.into_iter().take(users) {
        let conn = Connection::open(addr).await.ok();
        prepared.push(User { version: session.contact_version, session, marker: 0, conn });
    }
    let warmup = args.warmup.unwrap_or(Duration::from_secs(2));
    let start = Instant::now();
    let measure_from = start + warmup;
    let end = measure_from + args.duration;
    let watch = args.watch_pid;
    let cpu_watch = tokio::spawn(async move {
        tokio::time::sleep_until(measure_from).await;
        let a = cpu::snapshot(watch)?;
        tokio::time::sleep_until(end).await;
        let b = cpu::snapshot(watch)?;
        Some(cpu::json(a, b, "client"))
    });
    let mut tasks = tokio::task::JoinSet::new();
    let mut schedule = None;
    match args.mode {
        Mode::Closed => {
            for user in prepared {
                tasks.spawn(closed_worker(shared.clone(), user, measure_from, end));
            }
        }
        Mode::Open => {
            let rate = args.rate.ok_or("--rate")?;
            let whole = (warmup + args.duration).as_secs_f64();
            let s = Arc::new(Schedule {
                start,
                interval_ns: 1e9 / rate,
                total: (whole * rate).round() as u64,
                next: AtomicU64::new(0),
                due: Semaphore::new(0),
            });
            let hard_end = end + shared.timeout;
            for user in prepared {
                tasks.spawn(open_worker(shared.clone(), user, s.clone(), measure_from, hard_end));
            }
            let pacer = s.clone();
            std::thread::Builder::new()
                .name("saves-pacer".to_owned())
                .spawn(move || pace(&pacer, users))?;
            schedule = Some(s);
        }
        Mode::Ceiling => return Err("not a save mode".into()),
    }
    let mut stats = Stats::default();
    while let Some(done) = tasks.join_next().await {
        stats.merge(&done?);
    }
    let unsent = schedule.map(|s| {
        let first = (0..s.total).find(|&i| s.due_at(i) >= measure_from).unwrap_or(s.total);
        (s.total - first).saturating_sub(stats.hist.count() + stats.errors)
    });
    let cpu = timeout_at(end + Duration::from_secs(1), cpu_watch)
        .await
        .ok()
        .and_then(Result::ok)
        .flatten()
        .unwrap_or_else(|| "null".to_owned());
    // An open loop that fell behind keeps receiving answers after the window: the rate is
    // over the time they took.
    let elapsed = stats
        .last_done
        .map_or(args.duration, |t| t.saturating_duration_since(measure_from))
        .max(args.duration);
    let saves = stats.hist.count();
    let mut out = format!(
        "{{\"mode\":\"{}\",\"url\":{},\"users\":{users}",
        if args.mode == Mode::Open { "open" } else { "closed" },
        json_str(&url)
    );
    if let Some(rate) = args.rate.filter(|_| args.mode == Mode::Open) {
        out.push_str(&format!(",\"target_rate\":{rate}"));
    }
    out.push_str(&format!(
        ",\"duration_s\":{:.3},\"warmup_s\":{:.3},\"saves\":{saves},\"errors\":{},\
         \"non_2xx\":{},\"conflicts\":{}",
        args.duration.as_secs_f64(),
        warmup.as_secs_f64(),
        stats.errors,
        stats.non_2xx,
        stats.conflicts
    ));
    if let Some(unsent) = unsent {
        out.push_str(&format!(",\"unsent\":{unsent}"));
    }
    out.push_str(&format!(
        ",\"rate\":{:.1},{},\"cpu\":{cpu}}}",
        saves as f64 / elapsed.as_secs_f64().max(1e-9),
        percentiles(&stats.hist)
    ));
    Ok(out)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1).collect()) {
        Ok(a) => a,
        Err(message) => {
            eprintln!("saves: {message}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("saves: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Whatever happens, the process ends.
    let bound = args.warmup.unwrap_or(Duration::from_secs(2))
        + args.duration
        + args.timeout * 2
        + Duration::from_secs(60);
    let result = runtime.block_on(async {
        let work = async {
            match args.mode {
                Mode::Ceiling => run_ceiling(&args).await,
                Mode::Closed | Mode::Open => run_saves(&args).await,
            }
        };
        match tokio::time::timeout(bound, work).await {
            Ok(r) => r,
            Err(_) => Err(format!("gave up after {bound:?}").into()),
        }
    });
    runtime.shutdown_timeout(Duration::from_millis(100));
    match result {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("saves: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_owned).collect()
    }

    #[test]
    fn modes_need_their_arguments() {
        let a = parse_args(argv("ceiling --db /tmp/x.db --duration 2s")).expect("ceiling");
        assert_eq!((a.mode, a.payload, a.duration), (Mode::Ceiling, 6000, Duration::from_secs(2)));
        assert!(parse_args(argv("ceiling")).is_err());
        assert!(parse_args(argv("closed --url http://127.0.0.1:1")).is_err());
        assert!(parse_args(argv("open --url http://127.0.0.1:1 --sessions f")).is_err());
        let a = parse_args(argv("open --url http://127.0.0.1:1 --sessions f --rate 300"))
            .expect("open");
        assert_eq!(a.rate, Some(300.0));
    }
}
