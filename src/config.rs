//! Settings: every one is a command-line flag and an environment variable; `ptce --help` and
//! `ptce serve --help` are the reference.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use crate::domain::call::CallDates;
use crate::domain::database_url::DatabaseUrl;

/// Settings every subcommand shares.
#[derive(Debug, Clone, Args)]
pub struct GlobalSettings {
    /// Where the data lives: `sqlite://PATH` (created if missing) or `postgres://USER:PASSWORD@HOST:PORT/DB`
    /// (several servers can share one PostgreSQL database).
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://data/ptce.db", global = true,
          value_parser = parse_database_url, hide_env_values = true)]
    pub database_url: DatabaseUrl,

    /// Log lines as human-readable text or as one JSON object per line.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

/// How durable an SQLite commit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SqliteSynchronous {
    /// Every commit survives a power cut (fsync of the WAL at each commit).
    Full,
    /// Faster; a power cut may lose the last commits (never corrupts).
    Normal,
}

/// Settings of `ptce serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeSettings {
    /// Address and port the HTTP server listens on.
    #[arg(long, env = "BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// The public address of the platform, used in emails and links; `https://…` turns on
    /// HSTS and secure cookies.
    #[arg(long, env = "BASE_URL", default_value = "http://127.0.0.1:8080", value_parser = parse_base_url)]
    pub base_url: url::Url,

    /// Folder where emails are written as `.eml` files when no SMTP server is configured.
    #[arg(long, env = "MAIL_DIR", default_value = "data/mail")]
    pub mail_dir: PathBuf,

    /// SMTP server for outgoing email, e.g. `smtps://user:password@smtp.example.org:465`;
    /// unset: emails go to MAIL_DIR.
    #[arg(long, env = "SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// Sender of every email the platform sends.
    #[arg(long, env = "MAIL_FROM", default_value = "PTCE <ne-pas-repondre@ptce.localhost>")]
    pub mail_from: String,

    /// Minutes of inactivity after which a session ends (it ends after 7 days in any case).
    #[arg(long, env = "SESSION_IDLE_MINUTES", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=10080))]
    pub session_idle_minutes: u64,

    /// How the 2011 call's calendar is placed when it is installed into a new database:
    /// `shifted` keeps the 2011 intervals with the application window opening today,
    /// `original` keeps the 2011 dates (archive mode).
    #[arg(long, env = "CALL_DATES", default_value = "shifted", value_parser = parse_call_dates)]
    pub call_dates: CallDates,

    /// SQLite durability: `full` (default) or `normal`.
    #[arg(long, env = "SQLITE_SYNCHRONOUS", value_enum, default_value_t = SqliteSynchronous::Full)]
    pub sqlite_synchronous: SqliteSynchronous,

    /// Largest number of database connections this server opens.
    #[arg(long, env = "DB_MAX_CONNECTIONS", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=200))]
    pub db_max_connections: u32,

    /// Seconds a server keeps the public content of the call in memory before reading it again;
    /// with several servers, an edit shows everywhere within this delay.
    #[arg(long, env = "CONTENT_CACHE_SECONDS", default_value_t = 5, value_parser = clap::value_parser!(u64).range(0..=3600))]
    pub content_cache_seconds: u64,

    /// Largest file one may upload, in megabytes (MiB); bigger ones are refused while they
    /// arrive. clamd's own StreamMaxLength must be larger.
    #[arg(long, env = "MAX_UPLOAD_MB", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=100))]
    pub max_upload_mb: u64,

    /// ClamAV daemon (`clamd`) scanning every upload, as `host:port` (TCP), e.g.
    /// `127.0.0.1:3310`; unset: uploads are stored unscanned. A file stored while clamd does not
    /// answer cannot be downloaded until a later scan finds it clean.
    #[arg(long, env = "CLAMD_ADDRESS", value_parser = parse_clamd_address)]
    pub clamd_address: Option<String>,

    /// Map tiles of `/carte` and `/embed/carte`, as a Leaflet URL template, e.g.
    /// `https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png`; its origin is allowed in the
    /// pages' CSP `img-src`. Unset: no tiles, the poles show over the regions' outlines.
    #[arg(long, env = "MAP_TILE_URL", value_parser = parse_tile_url)]
    pub map_tile_url: Option<String>,

    /// The attribution the tile server requires, shown on the map as text, e.g.
    /// `© les contributeurs d’OpenStreetMap`.
    #[arg(long, env = "MAP_ATTRIBUTION")]
    pub map_attribution: Option<String>,
}

impl ServeSettings {
    /// The settings a test or a tool gets when it states nothing.
    pub fn defaults() -> ServeSettings {
        #[derive(clap::Parser)]
        struct Only {
            #[command(flatten)]
            serve: ServeSettings,
        }
        // Parsing no arguments cannot fail: every setting has a default.
        <Only as clap::Parser>::try_parse_from(["ptce"])
            .map(|o| o.serve)
            .expect("every serve setting has a default")
    }

    /// `MAX_UPLOAD_MB` in bytes.
    pub fn max_upload_bytes(&self) -> u64 {
        self.max_upload_mb * 1024 * 1024
    }

    pub fn is_https(&self) -> bool {
        self.base_url.scheme() == "https"
    }

    /// The origin of `MAP_TILE_URL` for the CSP (`https://*.tile.example.org` when the host
    /// holds Leaflet's `{s}` subdomain placeholder).
    pub fn map_tile_origin(&self) -> Option<String> {
        self.map_tile_url.as_deref().and_then(tile_origin)
    }
}

fn parse_database_url(text: &str) -> Result<DatabaseUrl, String> {
    DatabaseUrl::parse(text).map_err(|e| e.to_string())
}

fn parse_clamd_address(text: &str) -> Result<String, String> {
    match text.rsplit_once(':') {
        Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok_and(|p| p > 0) => {
            Ok(text.to_owned())
        }
        _ => Err("must be host:port, e.g. 127.0.0.1:3310".into()),
    }
}

/// A tile URL template: http(s), with `{z}`, `{x}` and `{y}`, and an origin the CSP can name.
fn parse_tile_url(text: &str) -> Result<String, String> {
    let placeholders = ["{z}", "{x}", "{y}"].iter().all(|p| text.contains(p));
    if !placeholders {
        return Err(
            "must hold {z}, {x} and {y}, e.g. https://tile.example.org/{z}/{x}/{y}.png".into()
        );
    }
    tile_origin(text)
        .map(|_| text.to_owned())
        .ok_or_else(|| "must be an http:// or https:// address with a host".into())
}

/// `scheme://host[:port]` of a tile URL template, `{s}` in the host made `*`.
fn tile_origin(template: &str) -> Option<String> {
    let concrete = template
        .replace("{s}", "a")
        .replace("{z}", "0")
        .replace("{x}", "0")
        .replace("{y}", "0")
        .replace("{r}", "");
    let url = url::Url::parse(&concrete).ok()?;
    let host = url.host_str()?;
    if !matches!(url.scheme(), "http" | "https") || url.password().is_some() {
        return None;
    }
    let wildcard = template.split("://").nth(1)?.split('/').next()?.starts_with("{s}.");
    let host = if wildcard { format!("*{}", &host[1..]) } else { host.to_owned() };
    Some(match url.port() {
        Some(port) => format!("{}://{host}:{port}", url.scheme()),
        None => format!("{}://{host}", url.scheme()),
    })
}

fn parse_call_dates(text: &str) -> Result<CallDates, String> {
    CallDates::parse(text).ok_or_else(|| format!("`{text}` is not `shifted` or `original`"))
}

fn parse_base_url(text: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(text).map_err(|e| format!("not a URL ({e})"))?;
    match url.scheme() {
        "http" | "https" if url.host_str().is_some() => Ok(url),
        _ => Err("must be an http:// or https:// address with a host".into()),
    }
}
