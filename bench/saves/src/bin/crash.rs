//! The kill -9 crash test: `ptce serve` on an SQLite file is killed with SIGKILL while
//! candidates save, again and again, and after every kill the file must pass SQLite's integrity
//! check and hold every save the server had acknowledged.
//!
//! ```text
//! crash [--ptce target/release/ptce] [--cycles 100] [--savers 8] [--min-run 50ms]
//!       [--max-run 300ms] [--seed 1] [--dir DIR] [--keep]
//! ```
//!
//! Once: `ptce generate` makes a small database and sessions for `savers` candidates. Then per
//! cycle: start the server, wait for `/healthz`; each saver saves its own dossier's `contact`
//! section over and over, every save carrying a marker one higher than the last, and records a
//! marker as acknowledged only once the 200 JSON answer has arrived; after a random time, and
//! once at least one save has been sent and not answered, the server is killed with SIGKILL.
//! A save is counted "in flight at the kill" when its request had wholly left before the kill
//! and no answer ever came. Then the file is opened as the server opens it: `PRAGMA
//! integrity_check` must say `ok`, and each dossier's stored marker must be at least its last
//! acknowledged one (a save in flight may have committed too: more is fine, less is a lost
//! save). The next cycle's start is the restart after the crash.
//!
//! Ends with one summary line; the exit code is 0 only if nothing was lost, every check said
//! `ok` and every cycle had a save in flight when it was killed.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use saves::http::{self, Connection};
use saves::{Error, SessionLine};
use tokio::time::Instant;

const USAGE: &str = "\
usage: crash [--ptce target/release/ptce] [--cycles 100] [--savers 8] [--min-run 50ms]
             [--max-run 300ms] [--seed 1] [--dir DIR] [--keep]";

struct Args {
    ptce: String,
    cycles: u32,
    savers: usize,
    min_run: Duration,
    max_run: Duration,
    seed: u64,
    dir: Option<PathBuf>,
    keep: bool,
}

fn parse_args(argv: Vec<String>) -> Result<Args, String> {
    let mut args = Args {
        ptce: "target/release/ptce".to_owned(),
        cycles: 100,
        savers: 8,
        min_run: Duration::from_millis(50),
        max_run: Duration::from_millis(300),
        seed: 1,
        dir: None,
        keep: false,
    };
    let mut it = argv.into_iter();
    while let Some(key) = it.next() {
        let mut value = || it.next().ok_or_else(|| format!("{key} needs a value"));
        match key.as_str() {
            "--ptce" => args.ptce = value()?,
            "--cycles" => args.cycles = value()?.parse().map_err(|_| "--cycles: a number")?,
            "--savers" => args.savers = value()?.parse().map_err(|_| "--savers: a number")?,
            "--min-run" => args.min_run = saves::parse_duration(&value()?)?,
            "--max-run" => args.max_run = saves::parse_duration(&value()?)?,
            "--seed" => args.seed = value()?.parse().map_err(|_| "--seed: a number")?,
            "--dir" => args.dir = Some(PathBuf::from(value()?)),
            "--keep" => args.keep = true,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other:?}\n{USAGE}")),
        }
    }
    if args.cycles == 0 || !(1..=64).contains(&args.savers) || args.max_run < args.min_run {
        return Err("--cycles ≥ 1, --savers in 1..=64, --max-run ≥ --min-run".to_owned());
    }
    Ok(args)
}

/// xorshift64*: the kill times, reproducible from --seed without a dependency.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn between(&mut self, low: Duration, high: Duration) -> Duration {
        let span = (high - low).as_micros() as u64;
        low + Duration::from_micros(if span == 0 { 0 } else { self.next() % (span + 1) })
    }
}

/// Where the test works and what it runs.
struct Setup {
    ptce: String,
    dir: PathBuf,
    db: String,
    url: String,
}

impl Setup {
    fn command(&self) -> Command {
        let mut command = Command::new(&self.ptce);
        command
            .env("DATABASE_URL", &self.url)
            .env("MAIL_DIR", self.dir.join("mail"))
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null());
        command
    }

    fn log(&self) -> Result<std::fs::File, Error> {
        Ok(std::fs::OpenOptions::new().create(true).append(true).open(self.dir.join("ptce.log"))?)
    }

    fn log_tail(&self) -> String {
        let text = std::fs::read_to_string(self.dir.join("ptce.log")).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(10)..].join("\n")
    }
}

fn free_port() -> Result<u16, Error> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// One saver's state across cycles.
struct Saver {
    session: SessionLine,
    /// The `contact` section version, read back from the file after each kill.
    version: i64,
    /// The last marker sent.
    marker: u64,
    /// The last marker acknowledged with a 200 JSON answer.
    acknowledged: u64,
}

/// What one saver did in one cycle.
struct Run {
    marker: u64,
    acknowledged: u64,
    saves_acknowledged: u64,
    refused: u64,
    /// Its last request had wholly left before the kill and never got an answer.
    in_flight_at_kill: bool,
}

/// What the savers of one cycle share: the server's address, the count of requests sent and
/// not answered (what the killer waits for), and the instant of the kill, set just before it.
#[derive(Clone)]
struct Cycle {
    addr: std::net::SocketAddr,
    authority: String,
    pending: Arc<AtomicI64>,
    killed_at: Arc<Mutex<Option<Instant>>>,
}

/// Saves until the server stops answering.
async fn save_until_killed(
    cycle: Cycle,
    session: SessionLine,
    mut version: i64,
    mut marker: u64,
    mut acknowledged: u64,
) -> Run {
    let mut run =
        Run { marker, acknowledged, saves_acknowledged: 0, refused: 0, in_flight_at_kill: false };
    let Ok(mut conn) = Connection::open(cycle.addr).await else { return run };
    loop {
        marker += 1;
        run.marker = marker;
        let request = saves::save_request(&cycle.authority, &session, version, marker);
        if conn.send(&request).await.is_err() {
            return run;
        }
        let sent_at = Instant::now();
        cycle.pending.fetch_add(1, Ordering::SeqCst);
        let answer = conn.receive().await;
        cycle.pending.fetch_sub(1, Ordering::SeqCst);
        match answer {
            Ok(response) => {
                if let Some(v) = saves::answer_version(&response.body) {
                    version = v;
                }
                let saved = response.status == 200
                    && saves::answer_status(&response.body).as_deref() == Some("saved");
                if saved {
                    acknowledged = marker;
                    run.acknowledged = acknowledged;
                    run.saves_acknowledged += 1;
                } else {
                    // A conflict after a restart (an unanswered save had committed): the
                    // answer gave the version, the next save uses it.
                    run.refused += 1;
                }
            }
            Err(_) => {
                let killed = cycle.killed_at.lock().map(|k| *k).unwrap_or(None);
                run.in_flight_at_kill = killed.is_some_and(|k| sent_at < k);
                return run;
            }
        }
    }
}

async fn wait_ready(
    child: &mut Child,
    addr: std::net::SocketAddr,
    authority: &str,
    setup: &Setup,
) -> Result<Duration, Error> {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        if let Ok(200) = http::get_status(addr, authority, "/healthz").await {
            return Ok(start.elapsed());
        }
        if let Some(status) = child.try_wait()? {
            return Err(format!("ptce serve exited with {status}:\n{}", setup.log_tail()).into());
        }
        tokio::time::sleep(Duration::from_millis(2)).await;
    }
    Err(format!("ptce serve did not answer /healthz within 30 s:\n{}", setup.log_tail()).into())
}

/// After a kill: the integrity check's answer, and per dossier (hex id) the stored marker and
/// `contact` section version.
async fn inspect(db: &str) -> Result<(String, HashMap<String, (Option<u64>, i64)>), Error> {
    let mut conn = saves::open_sqlite(db, false).await?;
    let check: Vec<String> =
        sqlx::query_scalar("PRAGMA integrity_check").fetch_all(&mut conn).await?;
    let rows: Vec<(String, Option<String>, Option<i64>)> = sqlx::query_as(
        "SELECT lower(hex(id)), json_extract(answers, '$.contact_role'), \
         json_extract(section_versions, '$.contact') FROM dossiers",
    )
    .fetch_all(&mut conn)
    .await?;
    sqlx::Connection::close(conn).await?;
    let stored = rows
        .into_iter()
        .map(|(id, role, version)| {
            (id, (role.as_deref().and_then(saves::read_marker), version.unwrap_or(0)))
        })
        .collect();
    Ok((check.join("; "), stored))
}

struct Summary {
    cycles: u32,
    acknowledged: u64,
    in_flight: Vec<usize>,
    lost: u64,
    integrity_ok: u32,
    /// Dossiers found holding a save that was sent and never answered (counted per kill): it
    /// committed before the kill. Allowed, and evidence that kills land mid-save.
    beyond_acknowledged: u64,
    refused: u64,
    restart_ms: Vec<f64>,
}

async fn run(args: &Args) -> Result<Summary, Error> {
    let dir = match &args.dir {
        Some(dir) => dir.clone(),
        None => std::env::temp_dir().join(format!("ptce-crash-{}", std::process::id())),
    };
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("crash.db").display().to_string();
    let setup = Setup { ptce: args.ptce.clone(), url: format!("sqlite://{db}"), db, dir };
    for suffix in ["", "-wal", "-shm", ".lock"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", setup.db));
    }
    let sessions_file = setup.dir.join("sessions.tsv");
    let generated = setup
        .command()
        .args(["generate", "--dossiers", &(args.savers * 3).to_string(), "--seed"])
        .arg(args.seed.to_string())
        .arg("--sessions-file")
        .arg(&sessions_file)
        .args(["--sessions", &args.savers.to_string()])
        .stdout(setup.log()?)
        .stderr(setup.log()?)
        .status()?;
    if !generated.success() {
        return Err(format!("ptce generate failed ({generated}):\n{}", setup.log_tail()).into());
    }
    let sessions = saves::read_sessions(&sessions_file.display().to_string())?;
    if sessions.len() < args.savers {
        return Err(format!("only {} sessions for {} savers", sessions.len(), args.savers).into());
    }
    let mut savers: Vec<Saver> = sessions
        .into_iter()
        .take(args.savers)
        .map(|session| Saver {
            version: session.contact_version,
            session,
            marker: 0,
            acknowledged: 0,
        })
        .collect();
    let mut random = Random(args.seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let mut summary = Summary {
        cycles: 0,
        acknowledged: 0,
        in_flight: Vec::new(),
        lost: 0,
        integrity_ok: 0,
        beyond_acknowledged: 0,
        refused: 0,
        restart_ms: Vec::new(),
    };
    for cycle in 1..=args.cycles {
        let port = free_port()?;
        let authority = format!("127.0.0.1:{port}");
        let addr: std::net::SocketAddr = authority.parse()?;
        let mut child = setup
            .command()
            .arg("serve")
            .env("BIND", &authority)
            .env("BASE_URL", format!("http://{authority}"))
            .stdout(setup.log()?)
            .stderr(setup.log()?)
            .spawn()?;
        let ready = match wait_ready(&mut child, addr, &authority, &setup).await {
            Ok(ready) => ready,
            Err(e) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(e);
            }
        };
        summary.restart_ms.push(ready.as_secs_f64() * 1e3);

        let shared = Cycle {
            addr,
            authority: authority.clone(),
            pending: Arc::new(AtomicI64::new(0)),
            killed_at: Arc::new(Mutex::new(None)),
        };
        let mut tasks = tokio::task::JoinSet::new();
        for (i, saver) in savers.iter().enumerate() {
            let task = save_until_killed(
                shared.clone(),
                saver.session.clone(),
                saver.version,
                saver.marker,
                saver.acknowledged,
            );
            tasks.spawn(async move { (i, task.await) });
        }
        tokio::time::sleep(random.between(args.min_run, args.max_run)).await;
        // Kill while a save is on its way: wait (a little) for one to be sent and unanswered.
        let waiting = Instant::now();
        while shared.pending.load(Ordering::SeqCst) < 1
            && waiting.elapsed() < Duration::from_secs(2)
        {
            tokio::time::sleep(Duration::from_micros(100)).await;
        }
        if let Ok(mut at) = shared.killed_at.lock() {
            *at = Some(Instant::now());
        }
        if let Some(status) = child.try_wait()? {
            return Err(format!("cycle {cycle}: the server exited by itself ({status})").into());
        }
        child.kill()?; // SIGKILL
        child.wait()?;

        let mut in_flight = 0;
        while let Some(done) = tasks.join_next().await {
            let (i, run) = done?;
            let saver = &mut savers[i];
            saver.marker = run.marker;
            saver.acknowledged = run.acknowledged;
            summary.acknowledged += run.saves_acknowledged;
            summary.refused += run.refused;
            in_flight += usize::from(run.in_flight_at_kill);
        }
        summary.in_flight.push(in_flight);

        let (check, stored) = inspect(&setup.db).await?;
        if check == "ok" {
            summary.integrity_ok += 1;
        } else {
            eprintln!("crash: cycle {cycle}: integrity_check: {check}");
        }
        for saver in &mut savers {
            let key = saver.session.dossier.replace('-', "").to_lowercase();
            let (marker, version) = stored.get(&key).copied().unwrap_or((None, 0));
            let marker = marker.unwrap_or(0);
            if marker < saver.acknowledged {
                summary.lost += 1;
                eprintln!(
                    "crash: cycle {cycle}: dossier {} holds marker {marker}, {} was acknowledged",
                    saver.session.dossier, saver.acknowledged
                );
            } else if marker > saver.acknowledged {
                summary.beyond_acknowledged += 1;
            }
            saver.version = version;
        }
        summary.cycles = cycle;
        if cycle % 10 == 0 {
            eprintln!(
                "crash: {cycle}/{} cycles, {} acknowledged saves, lost {}",
                args.cycles, summary.acknowledged, summary.lost
            );
        }
    }
    if !args.keep {
        let _ = std::fs::remove_dir_all(&setup.dir);
    }
    Ok(summary)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1).collect()) {
        Ok(a) => a,
        Err(message) => {
            eprintln!("crash: {message}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("crash: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let started = std::time::Instant::now();
    let result = runtime.block_on(run(&args));
    let summary = match result {
        Ok(summary) => summary,
        Err(e) => {
            eprintln!("crash: {e}");
            return ExitCode::FAILURE;
        }
    };
    let min = summary.in_flight.iter().min().copied().unwrap_or(0);
    let max = summary.in_flight.iter().max().copied().unwrap_or(0);
    let avg =
        summary.in_flight.iter().sum::<usize>() as f64 / summary.in_flight.len().max(1) as f64;
    let mut restart = summary.restart_ms.clone();
    restart.sort_by(f64::total_cmp);
    let median = restart.get(restart.len() / 2).copied().unwrap_or(0.0);
    println!(
        "crash: {} cycles, {} savers; {} acknowledged saves; in flight at kill per cycle: min {min}, \
         avg {avg:.1}, max {max}; lost acknowledged saves: {}; integrity_check ok: {}/{}; \
         unanswered saves found committed: {}; refused (conflicts after a restart): {}; restart to \
         /healthz 200: median {median:.1} ms; {:.1} s",
        summary.cycles,
        args.savers,
        summary.acknowledged,
        summary.lost,
        summary.integrity_ok,
        summary.cycles,
        summary.beyond_acknowledged,
        summary.refused,
        started.elapsed().as_secs_f64(),
    );
    let passed = summary.lost == 0 && summary.integrity_ok == summary.cycles && min >= 1;
    if passed { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
