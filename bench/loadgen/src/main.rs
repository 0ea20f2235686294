//! A small HTTP/1.1 load generator for the benchmarks (`bench/run.sh`).
//!
//! hyper 1 client over plain TCP, keep-alive, no TLS, loopback targets only.
//! Every mode is bounded in time and stops by itself; results are one JSON
//! line on stdout, diagnostics go to stderr.
//!
//! ```text
//! loadgen closed --url URL [--connections 64] [--duration 10s] [--warmup 0s]
//! loadgen open   --url URL --rate 2000 [--connections 64] [--duration 10s] [--warmup 0s]
//! loadgen wait   --url URL [--timeout 10s] [--interval 2ms]
//! loadgen coldstart --url URL [--runs 5] [--timeout 10s] [--interval 2ms] -- CMD [ARGS…]
//! ```
//!
//! * `closed`: each connection sends its next request as soon as the previous
//!   answer has arrived — measures throughput.
//! * `open`: requests are scheduled at a fixed rate whatever the server does,
//!   and latency is measured from each request's *scheduled* send time, so a
//!   stalled server is charged for the requests it delayed (no coordinated
//!   omission). Any free connection takes the next due request.
//! * `wait`: poll URL until it answers 200 (readiness for scripts).
//! * `coldstart`: spawn CMD, time spawn → first 200 on URL, stop it (SIGTERM),
//!   repeat; reports every sample and the median.
//!
//! Common options: `--timeout` (per request, default 5s), `--threads`
//! (runtime workers, default: all cores), `--watch-pid PID` (sample that
//! process' VmRSS every 100 ms during the run and report the maximum, and
//! report the CPU it used).
//!
//! Load runs also report the CPU used during the measured window, in cores:
//! by the load generator, by the watched server, and by everything else on
//! the machine — client and server share the same cores, and other work
//! running meanwhile makes a run worthless.

mod cpu;
mod hist;
mod target;

use std::fmt::Write as _;
use std::process::{Command, ExitCode, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::client::conn::http1::{self, SendRequest};
use hyper::header::HOST;
use hyper::{Request, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;
use tokio::sync::Semaphore;
use tokio::time::{Instant, timeout_at};

use hist::Histogram;
use target::Target;

type Error = Box<dyn std::error::Error + Send + Sync>;

const USAGE: &str = "\
usage:
  loadgen closed --url URL [--connections 64] [--duration 10s] [--warmup 0s]
  loadgen open   --url URL --rate N [--connections 64] [--duration 10s] [--warmup 0s]
  loadgen wait   --url URL [--timeout 10s] [--interval 2ms]
  loadgen coldstart --url URL [--runs 5] [--timeout 10s] [--interval 2ms] -- CMD [ARGS...]
common: [--timeout 5s] per request, [--threads N], [--watch-pid PID]
URL: http:// on 127.0.0.0/8, localhost or [::1] only";

// ---------------------------------------------------------------- arguments

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    Closed,
    Open,
    Wait,
    ColdStart,
}

#[derive(Debug)]
struct Args {
    mode: Mode,
    target: Target,
    connections: u64,
    duration: Duration,
    warmup: Duration,
    rate: Option<f64>,
    timeout: Option<Duration>,
    interval: Duration,
    runs: u32,
    threads: Option<usize>,
    watch_pid: Option<u32>,
    command: Vec<String>,
}

/// `10s`, `500ms`, `2m`, `1.5s`, `250us`; a bare number is seconds.
fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 =
        num.parse().map_err(|_| format!("invalid duration {s:?} (e.g. 10s, 500ms, 2m)"))?;
    let secs = match unit {
        "" | "s" => n,
        "ms" => n / 1e3,
        "us" | "µs" => n / 1e6,
        "m" | "min" => n * 60.0,
        _ => return Err(format!("invalid duration unit in {s:?} (us, ms, s, m)")),
    };
    if !secs.is_finite() || !(0.0..=86_400.0).contains(&secs) {
        return Err(format!("duration {s:?} out of range"));
    }
    Ok(Duration::from_secs_f64(secs))
}

fn parse_args(argv: Vec<String>) -> Result<Args, String> {
    let mut it = argv.into_iter();
    let mode = match it.next().as_deref() {
        Some("closed") => Mode::Closed,
        Some("open") => Mode::Open,
        Some("wait") => Mode::Wait,
        Some("coldstart") => Mode::ColdStart,
        Some("-h" | "--help") | None => return Err(USAGE.to_owned()),
        Some(other) => return Err(format!("unknown mode {other:?}\n{USAGE}")),
    };
    let mut url = None;
    let mut args = Args {
        mode,
        target: Target::parse("http://127.0.0.1/")?,
        connections: 64,
        duration: Duration::from_secs(10),
        warmup: Duration::ZERO,
        rate: None,
        timeout: None,
        interval: Duration::from_millis(2),
        runs: 5,
        threads: None,
        watch_pid: None,
        command: Vec::new(),
    };
    while let Some(arg) = it.next() {
        if arg == "--" {
            args.command = it.by_ref().collect();
            break;
        }
        let (key, inline) = match arg.split_once('=') {
            Some((k, v)) if k.starts_with("--") => (k.to_owned(), Some(v.to_owned())),
            _ => (arg, None),
        };
        let mut value = || -> Result<String, String> {
            inline.clone().or_else(|| it.next()).ok_or_else(|| format!("{key} needs a value"))
        };
        let num = |v: String| -> Result<u64, String> {
            v.parse().map_err(|_| format!("{key}: not a number: {v:?}"))
        };
        match key.as_str() {
            "--url" => url = Some(value()?),
            "--connections" | "-c" => args.connections = num(value()?)?,
            "--duration" | "-d" => args.duration = parse_duration(&value()?)?,
            "--warmup" => args.warmup = parse_duration(&value()?)?,
            "--timeout" => args.timeout = Some(parse_duration(&value()?)?),
            "--interval" => args.interval = parse_duration(&value()?)?,
            "--rate" | "-r" => {
                let v = value()?;
                let r: f64 = v.parse().map_err(|_| format!("--rate: not a number: {v:?}"))?;
                if !(r.is_finite() && r > 0.0 && r <= 10_000_000.0) {
                    return Err(format!("--rate out of range: {v}"));
                }
                args.rate = Some(r);
            }
            "--runs" => {
                args.runs = u32::try_from(num(value()?)?).map_err(|_| "--runs too large")?;
            }
            "--threads" => {
                args.threads =
                    Some(usize::try_from(num(value()?)?).map_err(|_| "--threads too large")?);
            }
            "--watch-pid" => {
                args.watch_pid =
                    Some(u32::try_from(num(value()?)?).map_err(|_| "--watch-pid: not a pid")?);
            }
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    let url = url.ok_or_else(|| format!("--url is required\n{USAGE}"))?;
    args.target = Target::parse(&url)?;
    if !(1..=10_000).contains(&args.connections) {
        return Err("--connections must be between 1 and 10000".to_owned());
    }
    if args.duration.is_zero() && matches!(mode, Mode::Closed | Mode::Open) {
        return Err("--duration must be positive".to_owned());
    }
    if args.interval.is_zero() {
        return Err("--interval must be positive".to_owned());
    }
    if args.threads == Some(0) {
        return Err("--threads must be positive".to_owned());
    }
    match mode {
        Mode::Open if args.rate.is_none() => return Err("open mode needs --rate".to_owned()),
        Mode::ColdStart if args.command.is_empty() => {
            return Err("coldstart needs a command after --".to_owned());
        }
        Mode::ColdStart if !(1..=1000).contains(&args.runs) => {
            return Err("--runs must be between 1 and 1000".to_owned());
        }
        _ => {}
    }
    if mode != Mode::ColdStart && !args.command.is_empty() {
        return Err("a command after -- is only for coldstart".to_owned());
    }
    Ok(args)
}

// ------------------------------------------------------------------- client

/// How many error messages to print before keeping quiet.
const MAX_ERROR_LINES: u64 = 5;

struct Shared {
    target: Target,
    timeout: Duration,
    error_lines: AtomicU64,
}

impl Shared {
    fn report_error(&self, what: &str, e: &dyn std::fmt::Display) {
        if self.error_lines.fetch_add(1, Ordering::Relaxed) < MAX_ERROR_LINES {
            eprintln!("loadgen: {what}: {e}");
        }
    }
}

async fn connect(target: &Target) -> Result<SendRequest<Empty<Bytes>>, Error> {
    let stream = TcpStream::connect(target.addr).await?;
    stream.set_nodelay(true)?;
    let (sender, conn) = http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(async move {
        // Ends when the sender is dropped or the peer closes.
        let _ = conn.await;
    });
    Ok(sender)
}

/// One GET on an open connection, body read to the end. Returns the status.
async fn get(sender: &mut SendRequest<Empty<Bytes>>, target: &Target) -> Result<StatusCode, Error> {
    sender.ready().await?;
    let req = Request::get(target.path.as_str())
        .header(HOST, target.authority.as_str())
        .body(Empty::new())?;
    let res = sender.send_request(req).await?;
    let status = res.status();
    let mut body = res.into_body();
    while let Some(frame) = body.frame().await {
        frame?;
    }
    Ok(status)
}

#[derive(Default)]
struct Stats {
    hist: Histogram,
    errors: u64,
    non_2xx: u64,
    /// Open loop: requests due in the measured window that were never sent
    /// because the run's hard end came first (the server fell far behind).
    unsent: Option<u64>,
    /// When the last recorded answer arrived.
    last_done: Option<Instant>,
}

impl Stats {
    fn merge(&mut self, other: &Stats) {
        self.hist.merge(&other.hist);
        self.errors += other.errors;
        self.non_2xx += other.non_2xx;
        self.last_done = self.last_done.max(other.last_done);
    }

    fn record(&mut self, status: StatusCode, latency: Duration) {
        self.hist.record(latency);
        self.last_done = Some(Instant::now());
        if !status.is_success() {
            self.non_2xx += 1;
        }
    }
}

// -------------------------------------------------------------- closed loop

/// Sends back-to-back requests on one connection until `end`. Requests still
/// in flight at `end` are abandoned and not counted.
async fn closed_worker(
    shared: Arc<Shared>,
    mut conn: Option<SendRequest<Empty<Bytes>>>,
    measure_from: Instant,
    end: Instant,
) -> Stats {
    let mut stats = Stats::default();
    while Instant::now() < end {
        let sender = match conn.as_mut() {
            Some(s) => s,
            None => match timeout_at(end, connect(&shared.target)).await {
                Err(_) => break,
                Ok(Ok(s)) => conn.insert(s),
                Ok(Err(e)) => {
                    if Instant::now() >= measure_from {
                        stats.errors += 1;
                    }
                    shared.report_error("connect", &e);
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let start = Instant::now();
        let deadline = (start + shared.timeout).min(end);
        match timeout_at(deadline, get(sender, &shared.target)).await {
            Ok(Ok(status)) => {
                let done = Instant::now();
                if start >= measure_from && done <= end {
                    stats.record(status, done - start);
                }
            }
            Ok(Err(e)) => {
                if start >= measure_from {
                    stats.errors += 1;
                }
                shared.report_error("request", &e);
                conn = None;
            }
            Err(_) if deadline >= end => break,
            Err(_) => {
                if start >= measure_from {
                    stats.errors += 1;
                }
                shared.report_error("request", &"timed out");
                conn = None;
            }
        }
    }
    stats
}

// ---------------------------------------------------------------- open loop

/// The open-loop schedule: request `i` is due at `start + i / rate`.
struct Schedule {
    start: Instant,
    interval_ns: f64,
    /// Requests due in the whole run (warmup included).
    total: u64,
    /// Next request index to hand out.
    next: AtomicU64,
    /// One permit per request that is due; `connections` extra ones at the end
    /// tell the workers to stop.
    due: Semaphore,
}

impl Schedule {
    fn due_at(&self, i: u64) -> Instant {
        self.start + Duration::from_nanos((i as f64 * self.interval_ns) as u64)
    }
}

/// Releases one permit per request as its scheduled time arrives, from a
/// dedicated thread with `std::thread::sleep` (tens of µs of jitter, where
/// tokio's timer wheel would add up to 1 ms to every measured latency). If
/// the thread is late it catches up, so the schedule never drifts.
fn pace(schedule: &Schedule, workers: u64) {
    let mut released = 0u64;
    while released < schedule.total {
        let now = Instant::now();
        let elapsed_ns = now.saturating_duration_since(schedule.start).as_nanos() as f64;
        let due = ((elapsed_ns / schedule.interval_ns).floor() as u64 + 1).min(schedule.total);
        if due > released {
            schedule.due.add_permits((due - released) as usize);
            released = due;
        }
        if released < schedule.total {
            let next = schedule.due_at(released);
            std::thread::sleep(next.saturating_duration_since(Instant::now()));
        }
    }
    schedule.due.add_permits(workers as usize);
}

async fn open_worker(
    shared: Arc<Shared>,
    mut conn: Option<SendRequest<Empty<Bytes>>>,
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
            // Past the hard end, what is left is reported as unsent.
            break;
        }
        let due = schedule.due_at(i);
        let counted = due >= measure_from;
        let deadline = (Instant::now() + shared.timeout).min(hard_end);
        let sender = match conn.as_mut() {
            Some(s) => s,
            None => match timeout_at(deadline, connect(&shared.target)).await {
                Ok(Ok(s)) => conn.insert(s),
                Ok(Err(e)) => {
                    stats.errors += u64::from(counted);
                    shared.report_error("connect", &e);
                    continue;
                }
                Err(_) => {
                    stats.errors += u64::from(counted);
                    shared.report_error("connect", &"timed out");
                    continue;
                }
            },
        };
        match timeout_at(deadline, get(sender, &shared.target)).await {
            Ok(Ok(status)) => {
                if counted {
                    stats.record(status, Instant::now() - due);
                }
            }
            Ok(Err(e)) => {
                stats.errors += u64::from(counted);
                shared.report_error("request", &e);
                conn = None;
            }
            Err(_) => {
                stats.errors += u64::from(counted);
                shared.report_error("request", &"timed out");
                conn = None;
            }
        }
    }
    stats
}

// --------------------------------------------------------------- RSS watch

fn vm_rss_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Samples VmRSS of `pid` every 100 ms; the maximum seen so far is in `max`.
fn watch_rss(pid: u32, max: Arc<AtomicU64>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_millis(100));
        loop {
            tick.tick().await;
            match vm_rss_kib(pid) {
                Some(kib) => {
                    max.fetch_max(kib, Ordering::Relaxed);
                }
                None => return,
            }
        }
    })
}

// ------------------------------------------------------------------- report

fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn ms(us: u64) -> f64 {
    us as f64 / 1000.0
}

fn report(
    args: &Args,
    stats: &Stats,
    elapsed: Duration,
    rss_max_kib: Option<u64>,
    cpu: Option<String>,
) -> String {
    let h = &stats.hist;
    let requests = h.count();
    let mut out = String::from("{");
    let mode = if args.mode == Mode::Open { "open" } else { "closed" };
    let _ = write!(out, "\"mode\":\"{mode}\",\"url\":{}", json_str(&args.target.url));
    let _ = write!(out, ",\"connections\":{}", args.connections);
    if let Some(rate) = args.rate.filter(|_| args.mode == Mode::Open) {
        let _ = write!(out, ",\"rate\":{rate}");
    }
    let _ = write!(
        out,
        ",\"duration_s\":{:.3},\"warmup_s\":{:.3}",
        args.duration.as_secs_f64(),
        args.warmup.as_secs_f64()
    );
    let _ = write!(
        out,
        ",\"requests\":{requests},\"errors\":{},\"non_2xx\":{}",
        stats.errors, stats.non_2xx
    );
    if let Some(unsent) = stats.unsent {
        let _ = write!(out, ",\"unsent\":{unsent}");
    }
    // In an open loop that fell behind, answers keep arriving after the end
    // of the window: the throughput is over the time they actually took.
    let rps = requests as f64 / elapsed.as_secs_f64().max(1e-9);
    let _ = write!(
        out,
        ",\"rps\":{rps:.1},\"p50_ms\":{:.3},\"p90_ms\":{:.3},\"p99_ms\":{:.3},\"p999_ms\":{:.3},\"max_ms\":{:.3}",
        ms(h.quantile_us(0.50)),
        ms(h.quantile_us(0.90)),
        ms(h.quantile_us(0.99)),
        ms(h.quantile_us(0.999)),
        ms(h.max_us()),
    );
    if let Some(kib) = rss_max_kib {
        let _ = write!(out, ",\"rss_max_kib\":{kib}");
    }
    if let Some(cpu) = cpu {
        let _ = write!(out, ",\"cpu\":{cpu}");
    }
    out.push('}');
    out
}

// -------------------------------------------------------------------- modes

async fn run_load(args: &Args) -> Result<String, Error> {
    let shared = Arc::new(Shared {
        target: args.target.clone(),
        timeout: args.timeout.unwrap_or(Duration::from_secs(5)),
        error_lines: AtomicU64::new(0),
    });
    let rss_max = Arc::new(AtomicU64::new(0));
    let watcher = match args.watch_pid {
        Some(pid) => {
            vm_rss_kib(pid).ok_or_else(|| format!("--watch-pid {pid}: no such process"))?;
            Some(watch_rss(pid, rss_max.clone()))
        }
        None => None,
    };
    // Open every connection before the clock starts, so that no measured
    // request pays for a TCP handshake (64 of them would be the p99 of a
    // short open-loop run). A connection that fails here is retried by its
    // worker.
    let mut opening = tokio::task::JoinSet::new();
    for _ in 0..args.connections {
        let shared = shared.clone();
        opening.spawn(async move {
            let deadline = Instant::now() + shared.timeout;
            match timeout_at(deadline, connect(&shared.target)).await {
                Ok(Ok(s)) => Some(s),
                Ok(Err(e)) => {
                    shared.report_error("connect", &e);
                    None
                }
                Err(_) => None,
            }
        });
    }
    let mut conns = Vec::with_capacity(args.connections as usize);
    while let Some(c) = opening.join_next().await {
        conns.push(c?);
    }
    let start = Instant::now();
    let measure_from = start + args.warmup;
    let end = measure_from + args.duration;
    let watch_pid = args.watch_pid;
    let cpu_watch = tokio::spawn(async move {
        tokio::time::sleep_until(measure_from).await;
        let a = cpu::snapshot(watch_pid)?;
        tokio::time::sleep_until(end).await;
        let b = cpu::snapshot(watch_pid)?;
        Some(cpu::json(a, b, "loadgen"))
    });
    let mut tasks = tokio::task::JoinSet::new();
    let mut open_schedule = None;
    match args.mode {
        Mode::Closed => {
            for conn in conns {
                tasks.spawn(closed_worker(shared.clone(), conn, measure_from, end));
            }
        }
        Mode::Open => {
            let rate = args.rate.ok_or("open mode needs --rate")?;
            let whole = (args.warmup + args.duration).as_secs_f64();
            let schedule = Arc::new(Schedule {
                start,
                interval_ns: 1e9 / rate,
                total: (whole * rate).round() as u64,
                next: AtomicU64::new(0),
                due: Semaphore::new(0),
            });
            let hard_end = end + shared.timeout;
            for conn in conns {
                tasks.spawn(open_worker(
                    shared.clone(),
                    conn,
                    schedule.clone(),
                    measure_from,
                    hard_end,
                ));
            }
            open_schedule = Some(schedule.clone());
            let pacer = schedule.clone();
            let workers = args.connections;
            std::thread::Builder::new()
                .name("loadgen-pacer".to_owned())
                .spawn(move || pace(&pacer, workers))?;
        }
        Mode::Wait | Mode::ColdStart => return Err("not a load mode".into()),
    }
    let mut stats = Stats::default();
    while let Some(done) = tasks.join_next().await {
        stats.merge(&done?);
    }
    if let Some(schedule) = open_schedule {
        let first_counted = (0..schedule.total)
            .find(|&i| schedule.due_at(i) >= measure_from)
            .unwrap_or(schedule.total);
        let due = schedule.total - first_counted;
        stats.unsent = Some(due.saturating_sub(stats.hist.count() + stats.errors));
    }
    if let Some(w) = watcher {
        w.abort();
        if let Some(pid) = args.watch_pid
            && let Some(kib) = vm_rss_kib(pid)
        {
            rss_max.fetch_max(kib, Ordering::Relaxed);
        }
    }
    let rss = args.watch_pid.map(|_| rss_max.load(Ordering::Relaxed));
    // The workers stop at `end` (closed) or soon after (open): the snapshot is
    // there or due within a tick.
    let cpu = timeout_at(end + Duration::from_secs(1), cpu_watch)
        .await
        .ok()
        .and_then(Result::ok)
        .flatten();
    let elapsed = stats
        .last_done
        .map_or(args.duration, |t| t.saturating_duration_since(measure_from))
        .max(args.duration);
    Ok(report(args, &stats, elapsed, rss, cpu))
}

/// Polls `target` every `interval` until it answers 200 or `deadline` passes.
/// Returns when the 200 arrived.
async fn first_200(
    target: &Target,
    interval: Duration,
    deadline: Instant,
) -> Result<Instant, Error> {
    loop {
        let attempt_end = (Instant::now() + Duration::from_secs(1)).min(deadline);
        let attempt = async {
            let mut sender = connect(target).await?;
            get(&mut sender, target).await
        };
        let last_err = match timeout_at(attempt_end, attempt).await {
            Ok(Ok(status)) if status == StatusCode::OK => return Ok(Instant::now()),
            Ok(Ok(status)) => format!("status {status}"),
            Ok(Err(e)) => e.to_string(),
            Err(_) => "attempt timed out".to_owned(),
        };
        let next = Instant::now() + interval;
        if next >= deadline {
            return Err(
                format!("no 200 from {} before the deadline: {last_err}", target.url).into()
            );
        }
        tokio::time::sleep_until(next).await;
    }
}

async fn run_wait(args: &Args) -> Result<String, Error> {
    let start = Instant::now();
    let deadline = start + args.timeout.unwrap_or(Duration::from_secs(10));
    let ok = first_200(&args.target, args.interval, deadline).await?;
    Ok(format!(
        "{{\"mode\":\"wait\",\"url\":{},\"ms\":{:.3}}}",
        json_str(&args.target.url),
        (ok - start).as_secs_f64() * 1e3
    ))
}

/// Asks `child` to stop with SIGTERM, waits up to 10 s, then kills it.
fn stop(child: &mut std::process::Child) {
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        if let Ok(Some(_)) = child.try_wait() {
            return;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    eprintln!("loadgen: pid {} ignored SIGTERM for 10 s, killing it", child.id());
    let _ = child.kill();
    let _ = child.wait();
}

async fn run_coldstart(args: &Args) -> Result<String, Error> {
    use std::os::fd::AsFd;
    let timeout = args.timeout.unwrap_or(Duration::from_secs(10));
    let (program, rest) = args.command.split_first().ok_or("coldstart needs a command")?;
    let mut samples = Vec::with_capacity(args.runs as usize);
    for run in 0..args.runs {
        // The child's stdout goes to our stderr: our stdout is the report.
        let out = std::io::stderr().as_fd().try_clone_to_owned()?;
        let start = Instant::now();
        let mut child = Command::new(program)
            .args(rest)
            .stdin(Stdio::null())
            .stdout(Stdio::from(out))
            .spawn()
            .map_err(|e| format!("cannot spawn {program:?}: {e}"))?;
        let ready = tokio::select! {
            r = first_200(&args.target, args.interval, start + timeout) => r,
            code = exited(&mut child) => Err(format!("{program:?} exited before answering: {code}").into()),
        };
        stop(&mut child);
        let ready = ready.map_err(|e| format!("run {}: {e}", run + 1))?;
        samples.push((ready - start).as_secs_f64() * 1e3);
        // Let the port and the database settle before the next start.
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let mut sorted = samples.clone();
    sorted.sort_by(f64::total_cmp);
    let median = if sorted.len() % 2 == 1 {
        sorted[sorted.len() / 2]
    } else {
        (sorted[sorted.len() / 2 - 1] + sorted[sorted.len() / 2]) / 2.0
    };
    let list: Vec<String> = samples.iter().map(|s| format!("{s:.3}")).collect();
    Ok(format!(
        "{{\"mode\":\"coldstart\",\"url\":{},\"runs\":{},\"samples_ms\":[{}],\"median_ms\":{median:.3},\"min_ms\":{:.3},\"max_ms\":{:.3}}}",
        json_str(&args.target.url),
        samples.len(),
        list.join(","),
        sorted[0],
        sorted[sorted.len() - 1],
    ))
}

/// Resolves when `child` has exited (polled every 2 ms).
async fn exited(child: &mut std::process::Child) -> String {
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return status.to_string(),
            Ok(None) => tokio::time::sleep(Duration::from_millis(2)).await,
            Err(e) => return e.to_string(),
        }
    }
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1).collect()) {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("loadgen: {msg}");
            return ExitCode::from(2);
        }
    };
    let mut builder = tokio::runtime::Builder::new_multi_thread();
    if let Some(n) = args.threads {
        builder.worker_threads(n);
    }
    let runtime = match builder.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("loadgen: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    // Belt and braces: whatever happens, the process ends.
    let timeout = args.timeout.unwrap_or(Duration::from_secs(10));
    let bound = match args.mode {
        Mode::Closed | Mode::Open => args.warmup + args.duration + timeout * 2,
        Mode::Wait => timeout * 2,
        Mode::ColdStart => (timeout + Duration::from_secs(12)) * args.runs * 2,
    } + Duration::from_secs(5);
    let result = runtime.block_on(async {
        let work = async {
            match args.mode {
                Mode::Closed | Mode::Open => run_load(&args).await,
                Mode::Wait => run_wait(&args).await,
                Mode::ColdStart => run_coldstart(&args).await,
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
            eprintln!("loadgen: {e}");
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
    fn durations() {
        assert_eq!(parse_duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("2"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert!(parse_duration("ten").is_err());
        assert!(parse_duration("10h").is_err());
    }

    #[test]
    fn args() {
        let a = parse_args(argv(
            "closed --url http://127.0.0.1:1/ --connections 8 --duration 2s --warmup=1s",
        ))
        .expect("closed");
        assert_eq!(a.mode, Mode::Closed);
        assert_eq!(a.connections, 8);
        assert_eq!(a.warmup, Duration::from_secs(1));
        let a = parse_args(argv("open --url http://localhost:1/ --rate 2000")).expect("open");
        assert_eq!(a.rate, Some(2000.0));
        assert!(parse_args(argv("open --url http://localhost:1/")).is_err());
        assert!(parse_args(argv("closed --url http://192.168.1.1/")).is_err());
        assert!(parse_args(argv("closed")).is_err());
        assert!(parse_args(argv("coldstart --url http://127.0.0.1:1/")).is_err());
        let a =
            parse_args(argv("coldstart --url http://127.0.0.1:1/ -- x --y")).expect("coldstart");
        assert_eq!(a.command, argv("x --y"));
    }

    #[test]
    fn json_escaping() {
        assert_eq!(json_str("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
    }
}
