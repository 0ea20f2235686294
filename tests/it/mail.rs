//! Email: a message queued in a transaction is delivered by the worker — as an `.eml` file when
//! no SMTP server is set, over SMTP to a real local server (Debian's aiosmtpd) otherwise — and a
//! failed delivery is tried again later, then given up.

use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use base64::Engine;
use ptce::db::Db;
use ptce::db::outbox::{OutboxEntry, QueueEmail};
use ptce::domain::lang::Lang;
use ptce::jobs::mail::{send_due_once, spawn};
use ptce::mail::{ConfirmAccount, Email, Mailer, RenderedEmail};
use time::OffsetDateTime;
use time::macros::datetime;
use tokio::io::AsyncWriteExt;

use crate::support::TestDb;

const FROM: &str = "PTCE <ne-pas-repondre@ptce.localhost>";
const TO: &str = "camille@example.org";
const LINK: &str = "https://ptce.example/compte/confirmer?jeton=Zm9vYmFy&lang=fr";

fn confirmation(lang: Lang) -> RenderedEmail {
    ConfirmAccount { lang, link: LINK.into() }.render().expect("renders")
}

async fn entry(db: &Db, id: uuid::Uuid) -> OutboxEntry {
    db.outbox_entry(id).await.expect("read").expect("queued")
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => {
            entries.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned()).collect()
        }
        Err(_) => Vec::new(),
    };
    names.sort();
    names
}

#[tokio::test]
async fn a_queued_email_is_written_to_the_mail_dir_and_marked_sent() {
    let db = TestDb::new().await;
    let folder = tempfile::tempdir().expect("temp dir");
    let mail_dir = folder.path().join("mail");
    let mailer = Mailer::new(None, &mail_dir, FROM).expect("mailer");
    let now = datetime!(2026-03-02 09:15:42.5 UTC);
    let id = db
        .db
        .queue_email(TO, ConfirmAccount::KIND, &confirmation(Lang::Fr), now)
        .await
        .expect("queued");

    assert_eq!(send_due_once(&db.db, &mailer, now).await.expect("round"), 1);

    assert_eq!(files_in(&mail_dir), [format!("20260302T091542Z-{id}.eml")]);
    let raw =
        std::fs::read_to_string(mail_dir.join(format!("20260302T091542Z-{id}.eml"))).expect("eml");
    #[cfg(unix)]
    assert_eq!(
        std::os::unix::fs::PermissionsExt::mode(
            &std::fs::metadata(mail_dir.join(format!("20260302T091542Z-{id}.eml")))
                .expect("metadata")
                .permissions()
        ) & 0o777,
        0o600,
        "only its owner reads a message"
    );
    let message = Mime::parse(&raw);
    assert_eq!(message.decoded_header("subject"), "Confirmez votre adresse électronique — PTCE");
    assert_eq!(message.decoded_header("to"), TO);
    assert_eq!(message.decoded_header("from"), FROM);
    assert_eq!(message.decoded_header("message-id"), format!("<{}@ptce.localhost>", id.simple()));
    assert_eq!(message.decoded_header("date"), "Mon, 02 Mar 2026 09:15:42 +0000");
    assert!(message.header("content-type").starts_with("multipart/alternative;"), "{raw}");
    let [text, html] = message.parts().try_into().expect("two parts");
    assert_eq!(text.header("content-type"), "text/plain; charset=utf-8");
    assert_eq!(html.header("content-type"), "text/html; charset=utf-8");
    let text = text.decoded_body();
    assert!(text.contains(&format!("\n\n{LINK}\n\n")), "{text}");
    assert!(text.contains("valable 24 heures"), "{text}");
    assert!(
        html.decoded_body()
            .contains("href=\"https://ptce.example/compte/confirmer?jeton=Zm9vYmFy&#38;lang=fr\""),
        "{}",
        html.decoded_body()
    );

    let sent = entry(&db.db, id).await;
    assert_eq!(sent.sent_at, Some(datetime!(2026-03-02 09:15:42 UTC)));
    assert_eq!(sent.attempts, 0);
    assert_eq!(sent.last_error, None);
    assert_eq!(sent.claimed_until, None);
    assert_eq!(sent.kind, "confirm-account");

    assert_eq!(
        send_due_once(&db.db, &mailer, now + time::Duration::DAY).await.expect("round"),
        0,
        "a sent message is never sent again"
    );
    assert_eq!(files_in(&mail_dir).len(), 1);
}

#[tokio::test]
async fn an_email_queued_in_a_transaction_that_is_rolled_back_is_never_sent() {
    let db = TestDb::new().await;
    let folder = tempfile::tempdir().expect("temp dir");
    let mailer = Mailer::new(None, folder.path(), FROM).expect("mailer");
    let now = OffsetDateTime::now_utc();
    let email = confirmation(Lang::Fr);
    match &db.db {
        Db::Sqlite(pool, _) => {
            let mut tx = pool.begin().await.expect("begin");
            tx.queue_email(TO, ConfirmAccount::KIND, &email, now).await.expect("queued");
            tx.rollback().await.expect("rollback");
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await.expect("begin");
            tx.queue_email(TO, ConfirmAccount::KIND, &email, now).await.expect("queued");
            tx.rollback().await.expect("rollback");
        }
    }

    assert_eq!(send_due_once(&db.db, &mailer, now).await.expect("round"), 0);
    assert_eq!(files_in(folder.path()), Vec::<String>::new());
    assert_eq!(db.db.outbox_entries_for(TO).await.expect("read"), []);
}

#[tokio::test]
async fn an_email_queued_in_a_committed_transaction_is_sent() {
    let db = TestDb::new().await;
    let folder = tempfile::tempdir().expect("temp dir");
    let mailer = Mailer::new(None, folder.path(), FROM).expect("mailer");
    let now = OffsetDateTime::now_utc();
    let email = confirmation(Lang::En);
    let id = match &db.db {
        Db::Sqlite(pool, _) => {
            let mut tx = pool.begin().await.expect("begin");
            let id = tx.queue_email(TO, ConfirmAccount::KIND, &email, now).await;
            tx.commit().await.expect("commit");
            id
        }
        Db::Postgres(pool) => {
            let mut tx = pool.begin().await.expect("begin");
            let id = tx.queue_email(TO, ConfirmAccount::KIND, &email, now).await;
            tx.commit().await.expect("commit");
            id
        }
    }
    .expect("queued");

    assert_eq!(send_due_once(&db.db, &mailer, now).await.expect("round"), 1);
    let [name] = files_in(folder.path()).try_into().expect("one file");
    assert!(name.ends_with(&format!("-{id}.eml")), "{name}");
    let raw = std::fs::read_to_string(folder.path().join(name)).expect("eml");
    assert_eq!(Mime::parse(&raw).decoded_header("subject"), "Confirm your email address — PTCE");
}

/// An SMTP server that turns every client away with `554` at the greeting.
async fn refusing_smtp_server() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("addr").port();
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            let _ = socket.write_all(b"554 5.3.2 No service for you\r\n").await;
        }
    });
    port
}

#[tokio::test]
async fn a_refused_email_is_tried_again_a_minute_later_and_not_marked_sent() {
    let db = TestDb::new().await;
    let port = refusing_smtp_server().await;
    let mailer = Mailer::new(Some(&format!("smtp://127.0.0.1:{port}")), Path::new("unused"), FROM)
        .expect("mailer");
    let now = datetime!(2026-03-02 09:15:42 UTC);
    let id = db
        .db
        .queue_email(TO, ConfirmAccount::KIND, &confirmation(Lang::Fr), now)
        .await
        .expect("queued");

    assert_eq!(send_due_once(&db.db, &mailer, now).await.expect("round"), 1);

    let failed = entry(&db.db, id).await;
    assert_eq!(failed.attempts, 1);
    assert_eq!(failed.next_attempt_at, datetime!(2026-03-02 09:16:42 UTC));
    assert_eq!(failed.sent_at, None);
    assert_eq!(failed.claimed_until, None);
    let error = failed.last_error.expect("the error is kept");
    assert!(error.starts_with("SMTP: permanent error (554)"), "{error}");
    assert!(error.contains("No service for you"), "{error}");

    assert_eq!(
        send_due_once(&db.db, &mailer, now + time::Duration::seconds(59)).await.expect("round"),
        0,
        "not due before a minute"
    );
    assert_eq!(
        send_due_once(&db.db, &mailer, now + time::Duration::minutes(1)).await.expect("round"),
        1
    );
    let again = entry(&db.db, id).await;
    assert_eq!(again.attempts, 2);
    assert_eq!(again.next_attempt_at, datetime!(2026-03-02 09:21:42 UTC));
}

#[tokio::test]
async fn an_email_refused_ten_times_is_given_up_and_kept() {
    let db = TestDb::new().await;
    let port = refusing_smtp_server().await;
    let mailer = Mailer::new(Some(&format!("smtp://127.0.0.1:{port}")), Path::new("unused"), FROM)
        .expect("mailer");
    let start = datetime!(2026-03-02 09:00:00 UTC);
    let id = db
        .db
        .queue_email(TO, ConfirmAccount::KIND, &confirmation(Lang::Fr), start)
        .await
        .expect("queued");
    let mut schedule = Vec::new();
    let mut now = start;
    for _ in 0..10 {
        assert_eq!(send_due_once(&db.db, &mailer, now).await.expect("round"), 1);
        let entry = entry(&db.db, id).await;
        schedule.push(entry.next_attempt_at - now);
        now = entry.next_attempt_at;
    }
    let minutes: Vec<i64> = schedule.iter().map(|d| d.whole_minutes()).collect();
    assert_eq!(minutes[..9], [1, 5, 30, 120, 360, 720, 720, 720, 720]);

    let later = now + time::Duration::days(30);
    assert_eq!(send_due_once(&db.db, &mailer, later).await.expect("round"), 0);
    let given_up = entry(&db.db, id).await;
    assert_eq!(given_up.attempts, 10);
    assert_eq!(given_up.sent_at, None);
    assert!(given_up.last_error.is_some());
}

#[tokio::test]
async fn a_message_claimed_by_one_worker_is_not_claimed_by_another_until_the_claim_lapses() {
    let db = TestDb::new().await;
    let now = datetime!(2026-03-02 09:00:00 UTC);
    let id = db
        .db
        .queue_email(TO, ConfirmAccount::KIND, &confirmation(Lang::Fr), now)
        .await
        .expect("queued");

    let first = db.db.claim_due_emails(now, 10).await.expect("claim");
    assert_eq!(first.iter().map(|m| m.id).collect::<Vec<_>>(), [id]);
    assert_eq!(first[0].to, TO);
    assert_eq!(first[0].email, confirmation(Lang::Fr));
    assert_eq!(entry(&db.db, id).await.claimed_until, Some(datetime!(2026-03-02 09:02:00 UTC)));
    let second =
        db.db.claim_due_emails(now + time::Duration::seconds(119), 10).await.expect("claim");
    assert_eq!(second, []);
    let after_the_lease =
        db.db.claim_due_emails(now + time::Duration::minutes(2), 10).await.expect("claim");
    assert_eq!(after_the_lease.len(), 1);
}

#[tokio::test]
async fn workers_claiming_at_the_same_time_never_take_the_same_message() {
    let db = TestDb::new().await;
    let now = datetime!(2026-03-02 09:00:00 UTC);
    let email = confirmation(Lang::Fr);
    let mut queued = Vec::new();
    for n in 0..25 {
        let to = format!("person{n}@example.org");
        queued
            .push(db.db.queue_email(&to, ConfirmAccount::KIND, &email, now).await.expect("queued"));
    }
    let claims = (0..4).map(|_| {
        let db = db.db.clone();
        tokio::spawn(async move { db.claim_due_emails(now, 10).await.expect("claim") })
    });
    let mut claimed = Vec::new();
    for claim in claims {
        claimed.extend(claim.await.expect("task").into_iter().map(|m| m.id));
    }
    claimed.sort();
    queued.sort();
    assert_eq!(claimed, queued, "each message claimed exactly once");
}

#[tokio::test]
async fn the_worker_sends_a_queued_email_as_soon_as_it_is_woken_and_stops_on_request() {
    let db = TestDb::new().await;
    let folder = tempfile::tempdir().expect("temp dir");
    let mailer = Mailer::new(None, folder.path(), FROM).expect("mailer");
    let wakeup = Arc::new(tokio::sync::Notify::new());
    let worker = spawn(db.db.clone(), mailer, wakeup.clone());
    // Let the first round find the outbox empty: delivery must then come from the wake-up,
    // well before the 5 s poll.
    tokio::time::sleep(Duration::from_millis(200)).await;
    db.db
        .queue_email(TO, ConfirmAccount::KIND, &confirmation(Lang::Fr), OffsetDateTime::now_utc())
        .await
        .expect("queued");
    wakeup.notify_one();

    let started = Instant::now();
    while files_in(folder.path()).is_empty() && started.elapsed() < Duration::from_secs(3) {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(files_in(folder.path()).len(), 1, "delivered within 3 s");
    let stopping = Instant::now();
    worker.stop().await;
    assert!(stopping.elapsed() < Duration::from_secs(2));
}

/// Debian's aiosmtpd, listening on a free port and writing what it receives to a Maildir;
/// stopped when dropped.
struct SmtpSink {
    port: u16,
    maildir: PathBuf,
    child: Child,
    _folder: tempfile::TempDir,
}

/// Debian's interpreter: a pyenv `python3` first on PATH would not see the Debian package.
const DEBIAN_PYTHON: &str = "/usr/bin/python3";

impl SmtpSink {
    fn start() -> SmtpSink {
        let present = Command::new(DEBIAN_PYTHON)
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        assert!(
            present,
            "the SMTP test needs Debian's aiosmtpd for {DEBIAN_PYTHON}: run \
             `bash scripts/ci/smtp-sink.sh install` (or `apt-get install -y python3-aiosmtpd`)"
        );
        let folder = tempfile::tempdir().expect("temp dir");
        let maildir = folder.path().join("Maildir");
        let port =
            StdListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
        let mut child = Command::new(DEBIAN_PYTHON)
            .args(["-m", "aiosmtpd", "-n", "-l"])
            .arg(format!("127.0.0.1:{port}"))
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("aiosmtpd starts");
        let started = Instant::now();
        loop {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                break;
            }
            if let Ok(Some(status)) = child.try_wait() {
                let mut err = String::new();
                if let Some(mut stderr) = child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut stderr, &mut err);
                }
                panic!("aiosmtpd exited with {status}: {err}");
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "aiosmtpd did not listen on {port} within 15 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        SmtpSink { port, maildir, child, _folder: folder }
    }

    /// The messages delivered so far, as received.
    fn messages(&self) -> Vec<String> {
        let new = self.maildir.join("new");
        files_in(&new)
            .into_iter()
            .map(|name| std::fs::read_to_string(new.join(name)).expect("message"))
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[tokio::test]
async fn an_email_goes_through_a_real_smtp_server_and_reads_back_whole() {
    let sink = SmtpSink::start();
    let db = TestDb::new().await;
    let mailer =
        Mailer::new(Some(&format!("smtp://127.0.0.1:{}", sink.port)), Path::new("unused"), FROM)
            .expect("mailer");
    let now = OffsetDateTime::now_utc();
    let id = db
        .db
        .queue_email(TO, ConfirmAccount::KIND, &confirmation(Lang::En), now)
        .await
        .expect("queued");

    assert_eq!(send_due_once(&db.db, &mailer, now).await.expect("round"), 1);

    let sent = entry(&db.db, id).await;
    assert!(sent.sent_at.is_some(), "{:?}", sent.last_error);
    assert_eq!(sent.attempts, 0);
    let [raw] = sink.messages().try_into().expect("one message received");
    let message = Mime::parse(&raw);
    assert_eq!(message.decoded_header("from"), FROM);
    assert_eq!(message.decoded_header("to"), TO);
    assert_eq!(message.decoded_header("subject"), "Confirm your email address — PTCE");
    assert_eq!(message.decoded_header("x-rcptto"), TO);
    let [text, html] = message.parts().try_into().expect("two parts");
    assert_eq!(text.header("content-type"), "text/plain; charset=utf-8");
    assert_eq!(html.header("content-type"), "text/html; charset=utf-8");
    let text = text.decoded_body();
    assert!(text.starts_with("Hello,\n\n"), "{text}");
    assert!(text.contains(&format!("\n\n{LINK}\n\n")), "{text}");
    assert!(text.contains("This link is valid for 24 hours and can be used only once."), "{text}");
    let html = html.decoded_body();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"), "{html}");
    assert!(html.contains("Confirm my email address</a>"), "{html}");
}

#[test]
fn a_bad_smtp_url_stops_the_server_at_start_with_one_clear_line() {
    let folder = tempfile::tempdir().expect("temp dir");
    let output = Command::new(env!("CARGO_BIN_EXE_ptce"))
        .arg("serve")
        .env("DATABASE_URL", format!("sqlite://{}", folder.path().join("ptce.db").display()))
        .env("SMTP_URL", "http://user:hunter2@smtp.example.org")
        .env("RUST_LOG", "off")
        .stdin(Stdio::null())
        .output()
        .expect("ptce runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.starts_with("ptce: SMTP_URL is not a usable SMTP server address ("), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!stderr.contains("hunter2"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!folder.path().join("ptce.db").exists(), "nothing was opened");
}

/// Just enough of MIME to read a message back: headers (unfolded, RFC 2047 words decoded),
/// multipart bodies, quoted-printable and base64 parts.
#[derive(Debug)]
struct Mime {
    headers: Vec<(String, String)>,
    body: String,
}

impl Mime {
    fn parse(raw: &str) -> Mime {
        let raw = raw.replace("\r\n", "\n");
        let (head, body) = raw.split_once("\n\n").unwrap_or((&raw, ""));
        let mut headers: Vec<(String, String)> = Vec::new();
        for line in head.lines() {
            if line.starts_with([' ', '\t']) {
                let (_, value) = headers.last_mut().expect("a header to continue");
                value.push(' ');
                value.push_str(line.trim());
            } else if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
            }
        }
        Mime { headers, body: body.to_owned() }
    }

    /// The raw value of the one header with this name.
    fn header(&self, name: &str) -> String {
        let values: Vec<&String> =
            self.headers.iter().filter(|(n, _)| n == name).map(|(_, v)| v).collect();
        assert_eq!(values.len(), 1, "one {name} header in {:?}", self.headers);
        values[0].clone()
    }

    fn decoded_header(&self, name: &str) -> String {
        decode_words(&self.header(name))
    }

    fn parts(&self) -> Vec<Mime> {
        let content_type = self.header("content-type");
        let boundary = content_type
            .split(';')
            .find_map(|p| p.trim().strip_prefix("boundary="))
            .expect("a boundary")
            .trim_matches('"')
            .to_owned();
        let delimiter = format!("--{boundary}");
        let mut parts = Vec::new();
        for chunk in self.body.split(delimiter.as_str()).skip(1) {
            if chunk.starts_with("--") {
                break;
            }
            parts.push(Mime::parse(chunk.trim_start_matches('\n')));
        }
        parts
    }

    fn decoded_body(&self) -> String {
        let encoding = self
            .headers
            .iter()
            .find(|(n, _)| n == "content-transfer-encoding")
            .map(|(_, v)| v.to_ascii_lowercase())
            .unwrap_or_default();
        let bytes = match encoding.as_str() {
            "base64" => base64::engine::general_purpose::STANDARD
                .decode(self.body.split_whitespace().collect::<String>())
                .expect("base64 body"),
            "quoted-printable" => quoted_printable(&self.body),
            _ => self.body.clone().into_bytes(),
        };
        String::from_utf8(bytes).expect("utf-8 body").trim_end_matches('\n').to_owned() + "\n"
    }
}

fn quoted_printable(text: &str) -> Vec<u8> {
    let text = text.replace("=\n", "");
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("ascii");
            out.push(u8::from_str_radix(hex, 16).expect("hex escape"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

/// Decodes RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`); the space between two
/// adjacent encoded words is not part of the text.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut after_word = false;
    while let Some(start) = rest.find("=?") {
        let (before, word) = rest.split_at(start);
        if !(after_word && before.trim().is_empty()) {
            out.push_str(before);
        }
        let inner = &word[2..];
        let mut fields = inner.splitn(3, '?');
        let (_charset, encoding, tail) = (
            fields.next().expect("charset"),
            fields.next().expect("encoding"),
            fields.next().expect("text"),
        );
        let end = tail.find("?=").expect("end of an encoded word");
        let text = &tail[..end];
        let bytes = match encoding {
            "b" | "B" => {
                base64::engine::general_purpose::STANDARD.decode(text).expect("base64 word")
            }
            _ => quoted_printable(&text.replace('_', " ")),
        };
        out.push_str(&String::from_utf8(bytes).expect("utf-8 word"));
        rest = &tail[end + 2..];
        after_word = true;
    }
    out.push_str(rest);
    out
}
