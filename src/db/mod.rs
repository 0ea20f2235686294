//! The database: one `Db` over SQLite or PostgreSQL, the same SQL text on both, migrations, and
//! the per-aggregate query modules. SQL lives only under this folder.

pub mod accounts;
pub mod audit;
pub mod call_settings;
pub mod calls;
pub mod complements;
pub mod credentials;
pub mod decisions;
pub mod devices;
pub mod dossier_list;
pub mod dossiers;
pub mod events;
pub mod exchanges;
pub mod exports;
pub mod files;
pub mod forms;
pub mod generate;
pub mod letters;
pub mod my_data;
pub mod organisations;
pub mod outbox;
pub mod partners;
pub mod poles;
pub mod progress;
pub mod proposals;
pub mod reviews;
pub mod schema;
pub mod search_index;
pub mod staff;
pub mod statistics;
pub mod supporters;
pub mod writer;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

use crate::domain::database_url::DatabaseUrl;
use writer::SqliteWriter;

/// The database behind the platform. Cheap to clone (pools are shared handles). An SQLite
/// database also has the writing side of this process (`writer.rs`: turns, group commit).
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool, Arc<SqliteWriter>),
    Postgres(PgPool),
}

/// Runs the same code on whichever pool the `Db` holds: the body is compiled once per backend,
/// so the SQL text and the binds are written once.
macro_rules! with_db {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::db::Db::Sqlite($pool, _) => $body,
            $crate::db::Db::Postgres($pool) => $body,
        }
    };
}
pub(crate) use with_db;

/// Runs a SELECT whose text is made of the module's column lists (never of input) and maps its
/// rows, on whichever pool the `Db` holds: `fetch_as!(self, sql, fetch_optional, id)`.
macro_rules! fetch_as {
    ($db:expr, $sql:expr, $fetch:ident $(, $bind:expr)*) => {
        $crate::db::with_db!($db, pool => {
            sqlx::query_as(sqlx::AssertSqlSafe($sql))$(.bind($bind))*.$fetch(pool).await
        })
    };
}
pub(crate) use fetch_as;

/// Opens a write transaction: `BEGIN IMMEDIATE` on SQLite, so that a writer takes the write lock
/// at once instead of failing with SQLITE_BUSY half-way; a plain `BEGIN` on PostgreSQL.
pub(crate) trait WritePool {
    type Database: sqlx::Database;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, Self::Database>, sqlx::Error>;
}

impl WritePool for SqlitePool {
    type Database = sqlx::Sqlite;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.begin_with("BEGIN IMMEDIATE").await
    }
}

impl WritePool for PgPool {
    type Database = sqlx::Postgres;
    async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Postgres>, sqlx::Error> {
        self.begin().await
    }
}

/// The instant as stored: UTC, whole seconds (SQLite compares instants as text).
pub(crate) fn stored(at: time::OffsetDateTime) -> time::OffsetDateTime {
    let at = at.to_offset(time::UtcOffset::UTC);
    at.replace_nanosecond(0).unwrap_or(at)
}

impl Db {
    /// Lets SQLite's planner learn the tables' sizes (`PRAGMA optimize`, which analyses only the
    /// tables whose statistics are missing or stale); PostgreSQL's autovacuum does that itself.
    pub async fn optimize(&self) -> Result<(), sqlx::Error> {
        if let Db::Sqlite(pool, _) = self {
            sqlx::query("PRAGMA optimize=0x10002").execute(pool).await?;
        }
        Ok(())
    }

    /// This process's turn to write, on SQLite (none is needed on PostgreSQL). Hold it across
    /// one short write statement or transaction only.
    pub(crate) async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match self {
            Db::Sqlite(_, writer) => Some(writer.turn().await),
            Db::Postgres(_) => None,
        }
    }
}

/// How a connection is opened, from the settings.
#[derive(Debug, Clone)]
pub struct ConnectOptions {
    pub max_connections: u32,
    /// SQLite `synchronous` pragma: FULL (default) makes every commit durable across a power cut.
    pub sqlite_synchronous_full: bool,
}

impl Default for ConnectOptions {
    fn default() -> Self {
        ConnectOptions { max_connections: 8, sqlite_synchronous_full: true }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("cannot create the folder {folder} for the database: {source}")]
    Folder { folder: PathBuf, source: std::io::Error },
    #[error("cannot open the database {url}: {source}")]
    Open { url: String, source: sqlx::Error },
    #[error(
        "another ptce process is already serving or migrating {path} (it holds {lock}); stop it first, or use another DATABASE_URL"
    )]
    Locked { path: PathBuf, lock: PathBuf },
    #[error("cannot create the lock file {lock}: {source}")]
    LockFile { lock: PathBuf, source: std::io::Error },
    #[error("migrating the database {url} failed: {source}")]
    Migrate { url: String, source: sqlx::migrate::MigrateError },
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// Opens a pool on the database, creating an SQLite file (and its folder) if missing.
    /// Nothing is migrated here: `migrate` does that.
    pub async fn connect(url: &DatabaseUrl, options: &ConnectOptions) -> Result<Db, ConnectError> {
        let shown = url.to_string();
        let open = |source| ConnectError::Open { url: shown.clone(), source };
        match url {
            DatabaseUrl::Sqlite { path } => {
                if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
                    std::fs::create_dir_all(folder).map_err(|source| ConnectError::Folder {
                        folder: folder.to_owned(),
                        source,
                    })?;
                }
                let connect = SqliteConnectOptions::new()
                    .filename(path)
                    .create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(if options.sqlite_synchronous_full {
                        SqliteSynchronous::Full
                    } else {
                        SqliteSynchronous::Normal
                    })
                    .foreign_keys(true)
                    // Deleted content is overwritten with zeros (erasure, src/db/my_data.rs).
                    .pragma("secure_delete", "ON")
                    .busy_timeout(Duration::from_secs(10));
                let pool = SqlitePoolOptions::new()
                    .max_connections(options.max_connections.max(1))
                    .min_connections(1)
                    // A connection to a local file does not go stale: no ping before each use
                    // (one thread hop less per statement, docs/PERFORMANCE.md "Dossier saves").
                    .test_before_acquire(false)
                    .connect_with(connect)
                    .await
                    .map_err(open)?;
                let writer = SqliteWriter::start(pool.clone());
                Ok(Db::Sqlite(pool, writer))
            }
            DatabaseUrl::Postgres { url: pg } => {
                let connect = PgConnectOptions::from_str(pg.as_str()).map_err(open)?;
                let pool = PgPoolOptions::new()
                    .max_connections(options.max_connections.max(1))
                    .acquire_timeout(Duration::from_secs(5))
                    .connect_with(connect)
                    .await
                    .map_err(open)?;
                Ok(Db::Postgres(pool))
            }
        }
    }

    /// Brings the schema to the latest migration. On PostgreSQL the migrator holds an advisory
    /// lock, so several servers starting at once migrate only once.
    pub async fn migrate(&self) -> Result<(), ConnectError> {
        let result = match self {
            Db::Sqlite(pool, _) => SQLITE_MIGRATIONS.run(pool).await,
            Db::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await,
        };
        result.map_err(|source| ConnectError::Migrate { url: self.backend().into(), source })
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Db::Sqlite(..) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Answers whether the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        with_db!(self, pool => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()))
    }

    /// The version of the SQLite library linked in (the bundled one), e.g. "3.51.3".
    pub async fn sqlite_version(&self) -> Result<Option<String>, sqlx::Error> {
        match self {
            Db::Sqlite(pool, _) => {
                sqlx::query_scalar("SELECT sqlite_version()").fetch_one(pool).await.map(Some)
            }
            Db::Postgres(_) => Ok(None),
        }
    }

    pub async fn close(&self) {
        with_db!(self, pool => pool.close().await)
    }
}

/// An exclusive lock on an SQLite database file, held while a process serves or migrates it, so
/// that two servers never write the same file. Released when dropped or when the process dies.
#[derive(Debug)]
pub struct FileLock {
    _file: File,
    pub path: PathBuf,
}

/// Takes the lock file beside the SQLite database (`<file>.lock`); nothing to lock for
/// PostgreSQL, where several servers are the point.
pub fn lock_database(url: &DatabaseUrl) -> Result<Option<FileLock>, ConnectError> {
    let DatabaseUrl::Sqlite { path } = url else {
        return Ok(None);
    };
    let lock = lock_path(path);
    if let Some(folder) = lock.parent().filter(|f| !f.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder)
            .map_err(|source| ConnectError::Folder { folder: folder.to_owned(), source })?;
    }
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock)
        .map_err(|source| ConnectError::LockFile { lock: lock.clone(), source })?;
    match file.try_lock() {
        Ok(()) => Ok(Some(FileLock { _file: file, path: lock })),
        Err(std::fs::TryLockError::WouldBlock) => {
            Err(ConnectError::Locked { path: path.clone(), lock })
        }
        Err(std::fs::TryLockError::Error(source)) => Err(ConnectError::LockFile { lock, source }),
    }
}

fn lock_path(database: &Path) -> PathBuf {
    let mut name = database.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}
