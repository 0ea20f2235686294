//! The export benchmark (`bench/exports.sh`): the back office's list of dossiers downloaded as
//! CSV, XLSX or ODS through the real router and middleware, in this process, from a database
//! made by `ptce generate`.
//!
//! ```text
//! exports --db URL --format csv|xlsx|ods [--query 'etat=withdrawn'] [--repeat 3]
//! ```
//!
//! Signs a steering-group account in (created once, `bench-exports@exemple.invalid`, so the
//! database still passes for generated), downloads the export once to warm the caches, then
//! `repeat` times: resets the process's peak RSS (`/proc/self/clear_refs`), sends
//! `GET /gestion/dossiers.<format>?<query>`, reads the body to its last byte, and notes the time
//! and the peak RSS (VmHWM). Prints one JSON line: rows (from the `dossiers.exported` audit
//! entry), bytes, the times, RSS before and at the peak — and, for the first download of the
//! process, how much the peak grew over the RSS before it (what a fresh server pays once:
//! caches, the allocator's pools). Stops by itself.

use std::process::ExitCode;
use std::time::Instant;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use ptce::app::AppState;
use ptce::config::ServeSettings;
use ptce::db::accounts::NewStaff;
use ptce::db::audit::AuditFilter;
use ptce::db::{ConnectOptions, Db};
use ptce::domain::database_url::DatabaseUrl;
use ptce::domain::email::EmailAddress;
use ptce::domain::role::Role;
use time::{Duration, OffsetDateTime};
use tower::ServiceExt;

type Error = Box<dyn std::error::Error + Send + Sync>;

const USAGE: &str =
    "usage: exports --db URL --format csv|xlsx|ods [--query 'etat=withdrawn'] [--repeat 3]";

struct Args {
    db: String,
    format: String,
    query: String,
    repeat: usize,
}

fn args() -> Result<Args, String> {
    let mut args =
        Args { db: String::new(), format: String::new(), query: String::new(), repeat: 3 };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        let value = given.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--db" => args.db = value,
            "--format" => args.format = value,
            "--query" => args.query = value,
            "--repeat" => args.repeat = value.parse().map_err(|_| "--repeat: a number")?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.db.is_empty() || !["csv", "xlsx", "ods"].contains(&args.format.as_str()) {
        return Err("--db and --format (csv, xlsx or ods) are needed".into());
    }
    Ok(args)
}

/// A field of /proc/self/status in KiB (VmRSS, VmHWM).
fn status_kib(name: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// Resets VmHWM to the current RSS (Linux ≥ 4.0).
fn reset_peak() -> Result<(), Error> {
    std::fs::write("/proc/self/clear_refs", "5")?;
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = match args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&args).await {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("exports: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: &Args) -> Result<String, Error> {
    let url = DatabaseUrl::parse(&args.db)?;
    let db = Db::connect(&url, &ConnectOptions::default()).await?;
    let now = OffsetDateTime::now_utc();
    let email = EmailAddress::parse("bench-exports@exemple.invalid")?;
    let staff = NewStaff {
        email: &email,
        display_name: "Benchmark",
        password_hash: None,
        role: Role::Steering,
        network_slug: None,
    };
    let user = db.upsert_staff(&staff, now).await?;
    let (token, hash) = ptce::auth::tokens::new_token();
    db.create_session(&hash, user, now, Duration::hours(1)).await?;
    let cookie = format!("ptce_session={token}");

    let state = AppState::new(db.clone(), ServeSettings::defaults());
    let router = ptce::web::router::with_middleware(ptce::web::router::routes(), state);
    let path = if args.query.is_empty() {
        format!("/gestion/dossiers.{}", args.format)
    } else {
        format!("/gestion/dossiers.{}?{}", args.format, args.query)
    };

    let mut runs = Vec::new();
    let mut bytes = 0;
    let mut rss_before = 0;
    let mut peak = 0;
    let (mut first_growth, mut first_seconds) = (0, 0.0);
    // The first download warms the caches (database pages, templates) and is not counted.
    for run in 0..=args.repeat {
        reset_peak()?;
        let before = status_kib("VmRSS:");
        let started = Instant::now();
        let request = Request::get(&path).header("cookie", &cookie).body(Body::empty())?;
        let response = router.clone().oneshot(request).await?;
        if response.status() != StatusCode::OK {
            return Err(format!("{path}: {}", response.status()).into());
        }
        let mut body = response.into_body();
        let mut read = 0u64;
        while let Some(frame) = body.frame().await {
            if let Some(data) = frame?.data_ref() {
                read += data.len() as u64;
            }
        }
        let seconds = started.elapsed().as_secs_f64();
        if run == 0 {
            first_growth = status_kib("VmHWM:").saturating_sub(before);
            first_seconds = seconds;
        } else {
            runs.push(seconds);
            bytes = read;
            rss_before = rss_before.max(before);
            peak = peak.max(status_kib("VmHWM:"));
        }
    }

    let filter = AuditFilter {
        event_prefix: Some("dossiers.exported".to_owned()),
        ..AuditFilter::default()
    };
    let entry = db.audit_entries(&filter, 1).await?.into_iter().next().ok_or("no audit entry")?;
    let detail: serde_json::Value = serde_json::from_str(&entry.detail)?;
    let rows = detail["count"].as_u64().ok_or("no count in the audit entry")?;

    let mut sorted = runs.clone();
    sorted.sort_by(f64::total_cmp);
    let median = sorted[sorted.len() / 2];
    let runs: Vec<String> = runs.iter().map(|s| format!("{s:.3}")).collect();
    Ok(format!(
        "{{\"format\":\"{}\",\"query\":\"{}\",\"rows\":{rows},\"bytes\":{bytes},\
         \"median_s\":{median:.3},\"runs_s\":[{}],\"rows_per_s\":{:.0},\
         \"rss_before_kib\":{rss_before},\"peak_kib\":{peak},\"growth_kib\":{},\
         \"first_s\":{first_seconds:.3},\"first_growth_kib\":{first_growth}}}",
        args.format,
        args.query,
        runs.join(","),
        rows as f64 / median,
        peak.saturating_sub(rss_before),
    ))
}
