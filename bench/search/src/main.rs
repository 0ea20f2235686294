//! The search benchmark (`bench/search.sh`): the back office's list of dossiers searched
//! through the real router and middleware, in this process, on a database made by
//! `ptce generate`, as a steering-group account or a referent (scoped to one network).
//!
//! ```text
//! search --db URL [--account steering|referent] [--network coorace] [--repeat 20]
//!        [--max-other 0.25] [--explain yes]
//! search --table RUNS.jsonl [--target-p99 20] [--target-worst 50]
//! ```
//!
//! Signs the account in (created once, `bench-search…@exemple.invalid`, so the database still
//! passes for generated), requests every case of [`CASES`] twice to warm the caches, then
//! `repeat` rounds of every case once, each `GET /gestion/dossiers?q=…` timed to the last byte
//! of the body. A round during which other processes used more than `max-other` cores is done
//! again (as many times as there are rounds, at most). Then one more request per case with
//! sqlx's statement log caught, for the time of the list's two statements (the page and the
//! count), and, with `--explain yes`, the plan of each (SQLite: EXPLAIN QUERY PLAN;
//! PostgreSQL: EXPLAIN of the generic plan, parameters unknown). Prints one JSON line.
//! `--table` turns the JSON lines of the runs into bench/search.sh's Markdown tables.

mod cpu;
mod table;

use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration as StdDuration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use ptce::app::AppState;
use ptce::config::ServeSettings;
use ptce::db::accounts::NewStaff;
use ptce::db::{ConnectOptions, Db};
use ptce::domain::database_url::DatabaseUrl;
use ptce::domain::email::EmailAddress;
use ptce::domain::role::Role;
use ptce::web::handlers::backoffice::dossier_list::ListQuery;
use serde_json::{Value, json};
use sqlx::Row;
use time::{Duration, OffsetDateTime};
use tower::ServiceExt;
use tracing::field::{Field, Visit};
use tracing::subscriber::Interest;
use tracing::{Event, Metadata, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

type Error = Box<dyn std::error::Error + Send + Sync>;

const USAGE: &str = "usage: search --db URL [--account steering|referent] [--network coorace] \
                     [--repeat 20] [--max-other 0.25] [--explain yes]\n       \
                     search --table RUNS.jsonl [--target-p99 20] [--target-worst 50]";

/// One request of the benchmark: what kind of search it stands for, what is typed in the box,
/// and the list's other parameters.
struct Case {
    kind: &'static str,
    q: &'static str,
    filters: &'static [(&'static str, &'static str)],
}

const fn case(
    kind: &'static str,
    q: &'static str,
    filters: &'static [(&'static str, &'static str)],
) -> Case {
    Case { kind, q, filters }
}

/// The searches, from src/generate/words.rs and answers.rs: words few dossiers hold (villages),
/// words a few per cent hold, words nearly all hold, two- and three-letter prefixes (each term
/// is matched as a prefix), several words, a commune, a reference, a person, and searches
/// narrowed by the list's filters or sorted by another column. The last case has no search:
/// the list alone, for comparison (left out of the overall figures).
const CASES: &[Case] = &[
    case("rare word", "Bessuéjouls", &[]),
    case("rare word", "Meyrueis", &[]),
    case("uncommon word", "conserverie", &[]),
    case("uncommon word", "CIFRE", &[]),
    case("common word", "pôle", &[]),
    case("common word", "territoire", &[]),
    case("common word", "emplois", &[]),
    case("common word", "coopération", &[]),
    case("prefix", "co", &[]),
    case("prefix", "pr", &[]),
    case("prefix", "mut", &[]),
    case("two words", "économie sociale", &[]),
    case("two words", "atelier partagé", &[]),
    case("three words", "insertion par l’activité économique", &[]),
    case("three words", "recyclerie réemploi déchets", &[]),
    case("commune", "Lyon", &[]),
    case("commune", "Saint-Étienne", &[]),
    case("reference", "A-0042", &[]),
    case("person", "Camille Martin", &[]),
    case("word + 2011 region", "insertion", &[("region2011", "82")]),
    case("prefix + 2011 region", "co", &[("region2011", "82")]),
    case("word + state", "pôle", &[("etat", "screening")]),
    case("word + sort by title", "pôle", &[("tri", "titre")]),
    case("prefix + sort by title", "co", &[("tri", "titre")]),
    case("word + state + sort by score", "emplois", &[("etat", "submitted"), ("tri", "note")]),
    case("no search (list alone)", "", &[]),
];

struct Args {
    db: String,
    account: String,
    network: String,
    repeat: usize,
    max_other: f64,
    explain: bool,
}

fn args() -> Result<Args, String> {
    let mut args = Args {
        db: String::new(),
        account: "steering".to_owned(),
        network: "coorace".to_owned(),
        repeat: 20,
        max_other: 0.25,
        explain: false,
    };
    let mut given = std::env::args().skip(1);
    while let Some(flag) = given.next() {
        let value = given.next().ok_or(format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--db" => args.db = value,
            "--account" => args.account = value,
            "--network" => args.network = value,
            "--repeat" => args.repeat = value.parse().map_err(|_| "--repeat: a number")?,
            "--max-other" => args.max_other = value.parse().map_err(|_| "--max-other: cores")?,
            "--explain" => args.explain = value == "yes",
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.db.is_empty() || !["steering", "referent"].contains(&args.account.as_str()) {
        return Err("--db is needed, and --account is steering or referent".into());
    }
    if args.repeat == 0 {
        return Err("--repeat: at least 1".into());
    }
    Ok(args)
}

/// A statement sqlx logged: its text, how long it ran (to its last row) and the rows it gave.
#[derive(Debug, Clone, Default)]
struct Statement {
    sql: String,
    seconds: f64,
    rows: u64,
}

/// Catches sqlx's statement log (target `sqlx::query`) while `on` is set; nothing else is
/// enabled, so the timed requests run as without a subscriber.
#[derive(Clone, Default)]
struct Capture {
    on: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<Statement>>>,
}

impl Capture {
    fn start(&self) {
        if let Ok(mut seen) = self.seen.lock() {
            seen.clear();
        }
        self.on.store(true, Ordering::SeqCst);
    }

    fn stop(&self) -> Vec<Statement> {
        self.on.store(false, Ordering::SeqCst);
        self.seen.lock().map(|mut seen| std::mem::take(&mut *seen)).unwrap_or_default()
    }
}

impl<S: Subscriber> Layer<S> for Capture {
    fn register_callsite(&self, metadata: &'static Metadata<'static>) -> Interest {
        if metadata.target() == "sqlx::query" { Interest::sometimes() } else { Interest::never() }
    }

    fn enabled(&self, metadata: &Metadata<'_>, _: Context<'_, S>) -> bool {
        metadata.target() == "sqlx::query" && self.on.load(Ordering::Relaxed)
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        // A short statement is logged as its summary only.
        let sql =
            if fields.statement.trim().is_empty() { fields.summary } else { fields.statement };
        let statement =
            Statement { sql: sql.trim().to_owned(), seconds: fields.seconds, rows: fields.rows };
        if let Ok(mut seen) = self.seen.lock() {
            seen.push(statement);
        }
    }
}

#[derive(Default)]
struct Fields {
    summary: String,
    statement: String,
    seconds: f64,
    rows: u64,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        match field.name() {
            "summary" => value.clone_into(&mut self.summary),
            "db.statement" => value.clone_into(&mut self.statement),
            _ => {}
        }
    }

    fn record_f64(&mut self, field: &Field, value: f64) {
        if field.name() == "elapsed_secs" {
            self.seconds = value;
        }
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        if field.name() == "rows_returned" {
            self.rows = value;
        }
    }

    fn record_debug(&mut self, _: &Field, _: &dyn std::fmt::Debug) {}
}

/// `--table FILE [--target-p99 ms] [--target-worst ms]`.
fn table_mode(given: &[String]) -> Result<String, Error> {
    let (mut file, mut p99, mut worst) = (None, 20.0, 50.0);
    for pair in given.chunks(2) {
        let value = pair.get(1).ok_or(format!("{} needs a value", pair[0]))?;
        match pair[0].as_str() {
            "--table" => file = Some(value.clone()),
            "--target-p99" => p99 = value.parse()?,
            "--target-worst" => worst = value.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let text = std::fs::read_to_string(file.ok_or("--table FILE")?)?;
    table::render(&text, p99, worst)
}

#[tokio::main]
async fn main() -> ExitCode {
    let given: Vec<String> = std::env::args().skip(1).collect();
    if given.first().is_some_and(|a| a == "--table") {
        return match table_mode(&given) {
            Ok(table) => {
                print!("{table}");
                ExitCode::SUCCESS
            }
            Err(error) => {
                eprintln!("search: {error}\n{USAGE}");
                ExitCode::from(2)
            }
        };
    }
    let args = match args() {
        Ok(args) => args,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let capture = Capture::default();
    let subscriber = tracing_subscriber::registry().with(capture.clone());
    if let Err(error) = tracing::subscriber::set_global_default(subscriber) {
        eprintln!("search: {error}");
        return ExitCode::FAILURE;
    }
    match run(&args, &capture).await {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("search: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `/gestion/dossiers?…` for a case.
fn path_of(case: &Case) -> String {
    let mut query = ListQuery { q: case.q.to_owned(), ..ListQuery::default() };
    for (name, value) in case.filters {
        let field = match *name {
            "etat" => &mut query.etat,
            "region2011" => &mut query.region2011,
            "region" => &mut query.region,
            "parcours" => &mut query.parcours,
            "reseau" => &mut query.reseau,
            "tri" => &mut query.tri,
            "ordre" => &mut query.ordre,
            _ => continue,
        };
        (*value).clone_into(field);
    }
    format!("/gestion/dossiers?{}", query.to_query_string(&[]))
}

/// Sends a request and reads its body to the last byte: (seconds, body).
async fn fetch(router: &Router, path: &str, cookie: &str) -> Result<(f64, Vec<u8>), Error> {
    let started = Instant::now();
    let request = Request::get(path).header("cookie", cookie).body(Body::empty())?;
    let response = router.clone().oneshot(request).await?;
    let status = response.status();
    let body = response.into_body().collect().await?.to_bytes();
    let seconds = started.elapsed().as_secs_f64();
    if status != StatusCode::OK {
        return Err(format!("{path}: {status}").into());
    }
    Ok((seconds, body.to_vec()))
}

/// The number in the list's `#count` line ("1 234 dossiers.", "Aucun dossier ne correspond.").
fn count_of(body: &[u8]) -> Result<u64, Error> {
    let page = String::from_utf8_lossy(body);
    let start = page.find("id=\"count\"").ok_or("no #count on the page")?;
    let line = &page[start..];
    let line = &line[line.find('>').ok_or("#count")? + 1..line.find("</p>").ok_or("#count")?];
    let digits: String = line.chars().filter(char::is_ascii_digit).collect();
    Ok(if digits.is_empty() { 0 } else { digits.parse()? })
}

/// The value below which `p` % of the sorted samples are (nearest rank), in milliseconds.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] * 1000.0
}

fn summary(samples: &[f64]) -> Value {
    let mut sorted = samples.to_vec();
    sorted.sort_by(f64::total_cmp);
    let ms = |v: f64| (v * 100.0).round() / 100.0;
    json!({
        "samples": sorted.len(),
        "p50_ms": ms(percentile(&sorted, 50.0)),
        "p95_ms": ms(percentile(&sorted, 95.0)),
        "p99_ms": ms(percentile(&sorted, 99.0)),
        "max_ms": ms(percentile(&sorted, 100.0)),
    })
}

/// The plan of a statement, one line per step, indented by depth.
async fn explain(db: &Db, sql: &str) -> Result<Vec<String>, Error> {
    match db {
        Db::Sqlite(pool, _) => {
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
                .fetch_all(pool)
                .await?;
            let mut depth: Vec<(i64, usize)> = Vec::new();
            let mut lines = Vec::new();
            for row in rows {
                let (id, parent): (i64, i64) = (row.try_get(0)?, row.try_get(1)?);
                let detail: String = row.try_get(3)?;
                let level = depth.iter().find(|(i, _)| *i == parent).map_or(0, |(_, l)| l + 1);
                depth.push((id, level));
                lines.push(format!("{}{detail}", "  ".repeat(level)));
            }
            Ok(lines)
        }
        Db::Postgres(pool) => {
            // The parameters are not known here: the generic plan, which PostgreSQL also uses
            // for a prepared statement after five runs when it estimates it no worse.
            let count = (1..100).take_while(|n| sql.contains(&format!("${n}"))).count();
            let nulls = vec!["NULL"; count].join(", ");
            let mut connection = pool.acquire().await?;
            sqlx::query("SET plan_cache_mode = force_generic_plan")
                .execute(&mut *connection)
                .await?;
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("PREPARE bench_plan AS {sql}")))
                .execute(&mut *connection)
                .await?;
            let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
                "EXPLAIN EXECUTE bench_plan{}",
                if count == 0 { String::new() } else { format!("({nulls})") }
            )))
            .fetch_all(&mut *connection)
            .await;
            sqlx::raw_sql("DEALLOCATE bench_plan").execute(&mut *connection).await?;
            sqlx::query("RESET plan_cache_mode").execute(&mut *connection).await?;
            rows?.iter().map(|row| Ok(row.try_get::<String, _>(0)?)).collect()
        }
    }
}

/// The size of the search index, in MiB: the full-text index (the FTS5 segments; the GIN
/// index) and the text of the `words` column it is made from. Null where it cannot be read.
async fn index_size(db: &Db) -> Value {
    let mib = |bytes: Option<i64>| bytes.map(|b| (b as f64 / 1048576.0 * 10.0).round() / 10.0);
    let (fulltext, words): (Option<i64>, Option<i64>) = index_bytes(db).await;
    json!({ "fulltext_mib": mib(fulltext), "words_mib": mib(words) })
}

/// (full-text index, words) in bytes.
async fn index_bytes(db: &Db) -> (Option<i64>, Option<i64>) {
    let words = "SELECT CAST(SUM(LENGTH(words)) AS BIGINT) FROM dossier_search";
    match db {
        Db::Sqlite(pool, _) => {
            let size = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql).fetch_one(pool);
            let fulltext = "SELECT SUM(LENGTH(block)) FROM dossier_fts_data";
            (size(fulltext).await.ok(), size(words).await.ok())
        }
        Db::Postgres(pool) => {
            let size = |sql: &'static str| sqlx::query_scalar::<_, i64>(sql).fetch_one(pool);
            let fulltext = "SELECT pg_relation_size('dossier_search_words')";
            (size(fulltext).await.ok(), size(words).await.ok())
        }
    }
}

/// The PostgreSQL backends of this database's connections (whose CPU is the server's).
async fn backends(db: &Db) -> Vec<u32> {
    let Db::Postgres(pool) = db else { return Vec::new() };
    sqlx::query_scalar::<_, i32>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database()",
    )
    .fetch_all(pool)
    .await
    .unwrap_or_default()
    .into_iter()
    .filter_map(|pid| u32::try_from(pid).ok())
    .collect()
}

async fn run(args: &Args, capture: &Capture) -> Result<String, Error> {
    let url = DatabaseUrl::parse(&args.db)?;
    let db = Db::connect(&url, &ConnectOptions::default()).await?;
    let now = OffsetDateTime::now_utc();
    let (address, role, network) = match args.account.as_str() {
        "referent" => {
            ("bench-search-referent@exemple.invalid", Role::Referent, Some(&args.network))
        }
        _ => ("bench-search@exemple.invalid", Role::Steering, None),
    };
    let email = EmailAddress::parse(address)?;
    let staff = NewStaff {
        email: &email,
        display_name: "Benchmark",
        password_hash: None,
        role,
        network_slug: network.map(String::as_str),
    };
    let user = db.upsert_staff(&staff, now).await?;
    let (token, hash) = ptce::auth::tokens::new_token();
    db.create_session(&hash, user, now, Duration::hours(2)).await?;
    let cookie = format!("ptce_session={token}");

    let state = AppState::new(db.clone(), ServeSettings::defaults());
    let router = ptce::web::router::with_middleware(ptce::web::router::routes(), state);
    let paths: Vec<String> = CASES.iter().map(path_of).collect();

    // Two warm-up passes (database pages, statement caches of every pooled connection,
    // templates); the first gives each case's count.
    let mut counts = Vec::new();
    let mut first_ms = Vec::new();
    for pass in 0..2 {
        for path in &paths {
            let (seconds, body) = fetch(&router, path, &cookie).await?;
            if pass == 0 {
                counts.push(count_of(&body)?);
                first_ms.push(seconds * 1000.0);
            }
        }
    }

    let server = backends(&db).await;
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); CASES.len()];
    let mut kept: Vec<cpu::Usage> = Vec::new();
    let (mut redone, mut disturbed) = (0, 0);
    let started = Instant::now();
    while kept.len() < args.repeat {
        let before = cpu::snapshot(&server);
        let mut round = Vec::with_capacity(paths.len());
        for path in &paths {
            round.push(fetch(&router, path, &cookie).await?.0);
        }
        let usage = before.zip(cpu::snapshot(&server)).map(|(a, b)| cpu::usage(a, b));
        let usage = usage.unwrap_or_default();
        if usage.other > args.max_other {
            if redone < args.repeat {
                redone += 1;
                eprintln!(
                    "search: round disturbed ({:.2} other cores), done again ({redone}/{})",
                    usage.other, args.repeat
                );
                tokio::time::sleep(StdDuration::from_secs(2)).await;
                continue;
            }
            disturbed += 1;
        }
        kept.push(usage);
        for (i, seconds) in round.into_iter().enumerate() {
            samples[i].push(seconds);
        }
    }
    let measured_s = started.elapsed().as_secs_f64();

    // One request per case with the statement log caught: the list's two statements.
    let mut profiles = Vec::new();
    let mut plans: Vec<Value> = Vec::new();
    for path in &paths {
        capture.start();
        let (seconds, _) = fetch(&router, path, &cookie).await?;
        let statements = capture.stop();
        let list = statements.iter().find(|s| s.sql.starts_with("SELECT d.id, d.reference"));
        // The count: of the SQL query builder, or (a search on SQLite) of the full-text index.
        let count = statements.iter().find(|s| {
            s.sql.starts_with("SELECT COUNT(*) FROM dossiers d")
                || s.sql.starts_with("SELECT COUNT(*) FROM dossier_fts")
        });
        let all_db: f64 = statements.iter().map(|s| s.seconds).sum();
        let ms = |s: Option<&Statement>| s.map(|s| (s.seconds * 1e5).round() / 100.0);
        profiles.push(json!({
            "request_ms": (seconds * 1e5).round() / 100.0,
            "statements": statements.len(),
            "db_ms": (all_db * 1e5).round() / 100.0,
            "list_ms": ms(list),
            "list_rows": list.map(|s| s.rows),
            "count_ms": ms(count),
        }));
        if args.explain {
            let mut case_plans = Vec::new();
            for (name, statement) in [("list", list), ("count", count)] {
                let Some(statement) = statement else { continue };
                let plan = explain(&db, &statement.sql).await?;
                case_plans.push(json!({ "statement": name, "sql": statement.sql, "plan": plan }));
            }
            plans.push(json!({ "path": path, "statements": case_plans }));
        }
    }

    let mut cases = Vec::new();
    let mut all = Vec::new();
    let mut worst: Option<(usize, f64)> = None;
    for (i, case) in CASES.iter().enumerate() {
        let stats = summary(&samples[i]);
        if !case.q.is_empty() {
            all.extend_from_slice(&samples[i]);
            let p99 = stats["p99_ms"].as_f64().unwrap_or(0.0);
            if worst.is_none_or(|(_, w)| p99 > w) {
                worst = Some((i, p99));
            }
        }
        let mut line = json!({
            "kind": case.kind,
            "q": case.q,
            "path": paths[i],
            "count": counts[i],
            "first_ms": (first_ms[i] * 100.0).round() / 100.0,
            "profile": profiles[i],
        });
        if let (Value::Object(line), Value::Object(stats)) = (&mut line, stats) {
            line.extend(stats);
        }
        cases.push(line);
    }
    let worst = worst.map(|(i, p99)| json!({ "q": CASES[i].q, "path": paths[i], "p99_ms": p99 }));
    let mean = |f: fn(&cpu::Usage) -> f64| {
        let sum: f64 = kept.iter().map(f).sum();
        (sum / kept.len().max(1) as f64 * 100.0).round() / 100.0
    };
    let max_other = kept.iter().map(|u| u.other).fold(0.0, f64::max);
    let index = if args.account == "steering" { index_size(&db).await } else { Value::Null };
    let backend = match db {
        Db::Sqlite(..) => "sqlite",
        Db::Postgres(..) => "postgres",
    };
    db.close().await;
    Ok(json!({
        "account": args.account,
        "network": network,
        "database": backend,
        "repeat": args.repeat,
        "index": index,
        "measured_s": (measured_s * 10.0).round() / 10.0,
        "rounds_redone": redone,
        "rounds_disturbed": disturbed,
        "cpu": {
            "own_cores": mean(|u| u.own),
            "server_cores": mean(|u| u.server),
            "other_cores": mean(|u| u.other),
            "max_other_cores": (max_other * 100.0).round() / 100.0,
            "machine_cores": mean(|u| u.machine),
        },
        "overall": summary(&all),
        "worst": worst,
        "cases": cases,
        "plans": plans,
    })
    .to_string())
}
