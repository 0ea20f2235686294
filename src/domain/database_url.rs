//! The `DATABASE_URL` setting, read once: which backend, and where.

use std::fmt;
use std::path::PathBuf;

/// Where the data lives. SQLite is the default (one file, one server); PostgreSQL lets several
/// application servers share one database.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite { path: PathBuf },
    Postgres { url: url::Url },
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DatabaseUrlError {
    #[error("DATABASE_URL is empty")]
    Empty,
    #[error("DATABASE_URL `{0}` names no file after `sqlite://` (example: sqlite://data/ptce.db)")]
    NoSqlitePath(String),
    #[error("DATABASE_URL: in-memory SQLite databases are not supported; give a file path")]
    InMemory,
    #[error(
        "DATABASE_URL is not a valid PostgreSQL URL ({0}); example: postgres://user:password@127.0.0.1:5432/ptce"
    )]
    BadPostgres(String),
    #[error("DATABASE_URL must start with sqlite:// or postgres://, not `{0}`")]
    UnknownScheme(String),
}

impl DatabaseUrl {
    pub fn parse(text: &str) -> Result<DatabaseUrl, DatabaseUrlError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DatabaseUrlError::Empty);
        }
        if let Some(rest) = text.strip_prefix("sqlite:") {
            let path = rest.strip_prefix("//").unwrap_or(rest);
            let path = path.split('?').next().unwrap_or_default();
            if path.is_empty() {
                return Err(DatabaseUrlError::NoSqlitePath(text.to_owned()));
            }
            if path == ":memory:" || path.starts_with("file::memory:") {
                return Err(DatabaseUrlError::InMemory);
            }
            return Ok(DatabaseUrl::Sqlite { path: PathBuf::from(path) });
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            let url =
                url::Url::parse(text).map_err(|e| DatabaseUrlError::BadPostgres(e.to_string()))?;
            if url.host_str().is_none_or(str::is_empty) {
                return Err(DatabaseUrlError::BadPostgres("no host".into()));
            }
            return Ok(DatabaseUrl::Postgres { url });
        }
        let scheme = text.split(':').next().unwrap_or(text);
        Err(DatabaseUrlError::UnknownScheme(scheme.chars().take(20).collect()))
    }

    /// The backend's name, as `/healthz` reports it.
    pub fn backend(&self) -> &'static str {
        match self {
            DatabaseUrl::Sqlite { .. } => "sqlite",
            DatabaseUrl::Postgres { .. } => "postgres",
        }
    }
}

/// Shows the URL with its password hidden, for logs and error messages.
impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite { path } => write!(f, "sqlite://{}", path.display()),
            DatabaseUrl::Postgres { url } => {
                let mut shown = url.clone();
                if shown.password().is_some() {
                    let _ = shown.set_password(Some("***"));
                }
                write!(f, "{shown}")
            }
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_relative_sqlite_url_names_a_file_under_the_working_directory() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/ptce.db"),
            Ok(DatabaseUrl::Sqlite { path: "data/ptce.db".into() })
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///var/lib/ptce/ptce.db"),
            Ok(DatabaseUrl::Sqlite { path: "/var/lib/ptce/ptce.db".into() })
        );
    }

    #[test]
    fn a_postgres_url_is_shown_without_its_password() {
        let url = DatabaseUrl::parse("postgres://ptce:s3cret@db.local:5432/ptce").expect("valid");
        assert_eq!(url.backend(), "postgres");
        assert_eq!(url.to_string(), "postgres://ptce:***@db.local:5432/ptce");
    }

    #[test]
    fn malformed_urls_are_refused_with_a_reason() {
        assert_eq!(DatabaseUrl::parse(""), Err(DatabaseUrlError::Empty));
        assert_eq!(DatabaseUrl::parse("sqlite::memory:"), Err(DatabaseUrlError::InMemory));
        assert_eq!(
            DatabaseUrl::parse("mysql://x"),
            Err(DatabaseUrlError::UnknownScheme("mysql".into()))
        );
        assert!(matches!(DatabaseUrl::parse("postgres://"), Err(DatabaseUrlError::BadPostgres(_))));
    }
}
