//! What `ptce serve` and `ptce migrate` do, step by step, with a clear message for each way
//! start-up can fail.

use anyhow::Context;
use time::OffsetDateTime;
use tokio::net::TcpListener;

use crate::app::{AppState, build_router};
use crate::config::{GlobalSettings, ServeSettings, SqliteSynchronous};
use crate::db::calls::Installed;
use crate::db::{ConnectOptions, Db, lock_database};
use crate::domain::call::CallTemplate;

fn connect_options(serve: &ServeSettings) -> ConnectOptions {
    ConnectOptions {
        max_connections: serve.db_max_connections,
        sqlite_synchronous_full: serve.sqlite_synchronous == SqliteSynchronous::Full,
    }
}

/// Opens and migrates the database and installs the 2011 call if no call is there yet.
pub async fn prepare(global: &GlobalSettings, serve: &ServeSettings) -> anyhow::Result<Db> {
    let db = Db::connect(&global.database_url, &connect_options(serve)).await?;
    db.migrate().await?;
    let template = CallTemplate::ptce_2011();
    match db
        .install_call(&template, serve.call_dates, OffsetDateTime::now_utc())
        .await?
    {
        Installed::New { .. } => tracing::info!(
            call = %template.slug,
            dates = serve.call_dates.code(),
            "installed the {} call",
            template.year
        ),
        Installed::AlreadyThere { dates, .. } if dates != serve.call_dates => tracing::warn!(
            call = %template.slug,
            "the call was installed with `{}` dates; --call-dates {} only applies to a new database",
            dates.code(),
            serve.call_dates.code()
        ),
        Installed::AlreadyThere { .. } => {}
    }
    Ok(db)
}

/// `ptce serve`: holds the SQLite lock, prepares the database, and serves until SIGINT/SIGTERM.
pub async fn serve(global: GlobalSettings, serve: ServeSettings) -> anyhow::Result<()> {
    let _lock = lock_database(&global.database_url)?;
    let db = prepare(&global, &serve).await?;
    let listener = TcpListener::bind(serve.bind)
        .await
        .with_context(|| format!("cannot listen on {} (BIND)", serve.bind))?;
    tracing::info!(
        address = %serve.bind,
        database = %global.database_url,
        "ptce serves {}",
        serve.base_url
    );
    let app = build_router(AppState::new(db.clone(), serve));
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    db.close().await;
    Ok(())
}

/// `ptce migrate`: brings the schema up to date under the SQLite lock, then exits.
pub async fn migrate(global: GlobalSettings) -> anyhow::Result<()> {
    let _lock = lock_database(&global.database_url)?;
    let db = Db::connect(&global.database_url, &ConnectOptions::default()).await?;
    db.migrate().await?;
    db.close().await;
    tracing::info!(database = %global.database_url, "the database schema is up to date");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
