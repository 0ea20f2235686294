//! The `ptce` binary at the edges: start-up failures give one clear line and a non-zero exit,
//! and two servers never share an SQLite file.

use std::io::Read;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::TestDb;

fn ptce() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_ptce"));
    command.env_remove("DATABASE_URL").env("RUST_LOG", "warn").stdin(Stdio::null());
    command
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

/// Runs a command that must stop by itself and returns (exit code, stderr).
fn run(command: &mut Command) -> (i32, String) {
    let output = command.output().expect("ptce runs");
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
}

/// Starts `ptce serve` and waits until `/healthz` answers.
fn start_server(database_url: &str, port: u16) -> Child {
    let mut child = ptce()
        .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", database_url)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return child;
        }
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            child.stderr.take().map(|mut e| e.read_to_string(&mut err));
            panic!("the server exited with {status}: {err}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("the server did not listen within 30 s");
}

#[tokio::test]
async fn a_second_server_on_the_same_sqlite_file_exits_with_a_clear_message() {
    let db = TestDb::sqlite().await;
    let path = db.sqlite_path().expect("sqlite");
    db.db.close().await;
    let url = format!("sqlite://{}", path.display());
    let mut first = start_server(&url, free_port());
    let (code, stderr) = run(ptce()
        .args(["serve", "--bind", &format!("127.0.0.1:{}", free_port())])
        .env("DATABASE_URL", &url));
    let (migrate_code, migrate_stderr) = run(ptce().arg("migrate").env("DATABASE_URL", &url));
    let _ = first.kill();
    let _ = first.wait();
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "another ptce process is already serving or migrating {}",
            path.display()
        )),
        "{stderr}"
    );
    assert_eq!(migrate_code, 1, "{migrate_stderr}");
    assert!(migrate_stderr.contains("another ptce process"), "{migrate_stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_malformed_database_url_is_refused_with_the_reason() {
    let (code, stderr) = run(ptce().arg("migrate").env("DATABASE_URL", "mysql://localhost/x"));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("DATABASE_URL must start with sqlite:// or postgres://, not `mysql`"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn a_bad_setting_is_refused_with_the_reason() {
    let (code, stderr) = run(ptce().args(["serve", "--bind", "nowhere"]));
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid value 'nowhere' for '--bind <BIND>'"), "{stderr}");
    let (code, stderr) = run(ptce().arg("serve").env("CALL_DATES", "later"));
    assert_eq!(code, 2);
    assert!(stderr.contains("`later` is not `shifted` or `original`"), "{stderr}");
}

#[test]
fn an_unreachable_postgres_server_is_named_without_its_password() {
    let port = free_port();
    let url = format!("postgres://ptce:hunter2secret@127.0.0.1:{port}/ptce");
    let (code, stderr) = run(ptce().arg("migrate").env("DATABASE_URL", &url));
    assert_eq!(code, 1, "{stderr}");
    let shown = format!("cannot open the database postgres://ptce:***@127.0.0.1:{port}/ptce");
    assert!(stderr.contains(&shown), "{stderr}");
    assert!(!stderr.contains("hunter2secret"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn help_lists_every_setting_with_its_environment_variable() {
    let output = ptce().args(["serve", "--help"]).output().expect("runs");
    let help = String::from_utf8_lossy(&output.stdout);
    for variable in [
        "DATABASE_URL",
        "BIND",
        "BASE_URL",
        "MAIL_DIR",
        "SMTP_URL",
        "LOG_FORMAT",
        "CALL_DATES",
        "SQLITE_SYNCHRONOUS",
        "DB_MAX_CONNECTIONS",
        "CONTENT_CACHE_SECONDS",
    ] {
        assert!(help.contains(&format!("[env: {variable}")), "{variable} in:\n{help}");
    }
    let top = ptce().arg("--help").output().expect("runs");
    let top = String::from_utf8_lossy(&top.stdout);
    assert!(top.contains("[env: BIND=") && top.contains("migrate"), "{top}");
}
