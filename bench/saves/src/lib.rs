//! What the save benchmark (`saves`) and the crash test (`crash`) share: a minimal keep-alive
//! HTTP/1.1 client that knows when a request has left, the save request itself, the sessions
//! file `ptce generate --sessions-file` writes, SQLite opened as the server opens it, CPU
//! accounting, and the latency histogram of `bench/loadgen`.

#[path = "../../loadgen/src/cpu.rs"]
pub mod cpu;
#[path = "../../loadgen/src/hist.rs"]
pub mod hist;

pub mod http;

use std::time::Duration;

use sqlx::ConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection, SqliteJournalMode, SqliteSynchronous};

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// `10s`, `500ms`, `2m`, `1.5s`; a bare number is seconds.
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    let n: f64 = num.parse().map_err(|_| format!("invalid duration {s:?} (e.g. 10s, 500ms)"))?;
    let secs = match unit {
        "" | "s" => n,
        "ms" => n / 1e3,
        "m" | "min" => n * 60.0,
        _ => return Err(format!("invalid duration unit in {s:?} (ms, s, m)")),
    };
    if !secs.is_finite() || !(0.0..=86_400.0).contains(&secs) {
        return Err(format!("duration {s:?} out of range"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// One line of the sessions file: a logged-in candidate and the dossier they may edit.
#[derive(Debug, Clone)]
pub struct SessionLine {
    /// The `ptce_session` cookie value.
    pub token: String,
    pub dossier: String,
    pub track: String,
    /// The version of the `contact` section when the file was written.
    pub contact_version: i64,
}

/// Reads the file `ptce generate --sessions-file` writes: tab-separated cookie, dossier id,
/// track, section versions (JSON), after a `#` header.
pub fn read_sessions(path: &str) -> Result<Vec<SessionLine>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("reading {path}: {e}"))?;
    let mut out = Vec::new();
    for line in text.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [token, dossier, track, versions] = fields[..] else {
            return Err(format!("{path}: not 4 tab-separated fields: {line:?}").into());
        };
        let versions: serde_json::Value = serde_json::from_str(versions)?;
        out.push(SessionLine {
            token: token.to_owned(),
            dossier: dossier.to_owned(),
            track: track.to_owned(),
            contact_version: versions
                .get("contact")
                .and_then(serde_json::Value::as_i64)
                .unwrap_or(0),
        });
    }
    Ok(out)
}

/// The save a candidate's page makes while they type (`X-Autosave: 1`): the `contact` section of
/// their dossier (common to both tracks), every field of it, `marker` in the job title so that
/// every save writes something new.
pub fn save_request(authority: &str, session: &SessionLine, version: i64, marker: u64) -> Vec<u8> {
    let body = format!(
        "_version={version}&_action=save&contact_name=Camille+Martin\
         &contact_role=marqueur+{marker:09}&contact_email=camille.martin%40exemple.invalid\
         &contact_phone=04+75+00+00+01&network=coorace"
    );
    format!(
        "POST /espace/dossiers/{}/sections/contact HTTP/1.1\r\nHost: {authority}\r\n\
         Cookie: ptce_session={}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Sec-Fetch-Site: same-origin\r\nX-Autosave: 1\r\nContent-Length: {}\r\n\r\n{body}",
        session.dossier,
        session.token,
        body.len()
    )
    .into_bytes()
}

/// The marker a save wrote in the job title ("marqueur 000000042" → 42).
pub fn read_marker(role: &str) -> Option<u64> {
    role.strip_prefix("marqueur ")?.parse().ok()
}

/// `"version":N` in an autosave answer (`{"status":"saved","state":"","version":N}`).
pub fn answer_version(body: &[u8]) -> Option<i64> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    value.get("version")?.as_i64()
}

/// `"status"` of an autosave answer.
pub fn answer_status(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    Some(value.get("status")?.as_str()?.to_owned())
}

/// Opens an SQLite file with the pragmas the server uses (src/db/mod.rs): WAL, synchronous
/// FULL, foreign keys, secure_delete, a busy timeout. One connection, no pool.
pub async fn open_sqlite(path: &str, create: bool) -> Result<SqliteConnection, Error> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(create)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .foreign_keys(true)
        .pragma("secure_delete", "ON")
        .busy_timeout(Duration::from_secs(10));
    Ok(options.connect().await?)
}

/// A JSON string literal.
pub fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_owned()).to_string()
}

/// The `host:port` of a loopback `http://` URL; anything else is refused (this machine allows
/// no traffic elsewhere, and a load generator must not be pointable at someone else's server).
pub fn loopback_authority(url: &str) -> Result<(String, std::net::SocketAddr), String> {
    let rest = url.strip_prefix("http://").ok_or("only http:// URLs")?;
    let authority = rest.split('/').next().unwrap_or_default();
    let addr: std::net::SocketAddr =
        authority.replace("localhost", "127.0.0.1").parse().map_err(|_| {
            format!("{url}: give a numeric host and a port, e.g. http://127.0.0.1:8080")
        })?;
    if !addr.ip().is_loopback() {
        return Err(format!("{url}: loopback addresses only"));
    }
    Ok((authority.to_owned(), addr))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_save_request_carries_the_session_the_version_and_the_marker() {
        let session = SessionLine {
            token: "abc".into(),
            dossier: "0190".into(),
            track: "emerging".into(),
            contact_version: 1,
        };
        let request =
            String::from_utf8(save_request("127.0.0.1:1", &session, 3, 42)).expect("utf8");
        assert!(request.starts_with("POST /espace/dossiers/0190/sections/contact HTTP/1.1\r\n"));
        assert!(request.contains("\r\nCookie: ptce_session=abc\r\n"));
        assert!(request.contains("\r\nSec-Fetch-Site: same-origin\r\nX-Autosave: 1\r\n"));
        let body = request.split("\r\n\r\n").nth(1).expect("body");
        assert!(request.contains(&format!("Content-Length: {}\r\n", body.len())));
        assert!(body.starts_with("_version=3&_action=save&"));
        assert!(body.contains("contact_role=marqueur+000000042&"));
        assert_eq!(read_marker("marqueur 000000042"), Some(42));
        assert_eq!(answer_version(br#"{"status":"saved","state":"","version":4}"#), Some(4));
    }

    #[test]
    fn only_loopback_targets_are_accepted() {
        assert!(loopback_authority("http://127.0.0.1:8080/").is_ok());
        assert!(loopback_authority("http://localhost:8080").is_ok());
        assert!(loopback_authority("http://10.0.0.1:8080/").is_err());
        assert!(loopback_authority("https://127.0.0.1:8080/").is_err());
    }
}
