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
use crate::jobs;
use crate::mail::Mailer;

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
    // Fresh statistics for SQLite's planner: without them it takes `call_id = ?` for selective
    // and reads every dossier of the call for a list of 50 (docs/PERFORMANCE.md, search).
    db.optimize().await?;
    let template = CallTemplate::ptce_2011();
    match db.install_call(&template, serve.call_dates, OffsetDateTime::now_utc()).await? {
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

/// `ptce serve`: checks the mail settings, holds the SQLite lock, prepares the database, starts
/// the email worker, and serves until SIGINT/SIGTERM.
pub async fn serve(global: GlobalSettings, serve: ServeSettings) -> anyhow::Result<()> {
    let mailer = Mailer::new(serve.smtp_url.as_deref(), &serve.mail_dir, &serve.mail_from)?;
    let _lock = lock_database(&global.database_url)?;
    let db = prepare(&global, &serve).await?;
    offer_setup_link(&db, &serve).await?;
    let listener = TcpListener::bind(serve.bind)
        .await
        .with_context(|| format!("cannot listen on {} (BIND)", serve.bind))?;
    tracing::info!(
        address = %serve.bind,
        database = %global.database_url,
        "ptce serves {}",
        serve.base_url
    );
    let state = AppState::new(db.clone(), serve);
    let mail_worker = jobs::mail::spawn(db.clone(), mailer, state.mail_wakeup.clone());
    let purge_worker = jobs::purge::spawn(db.clone());
    // The back office's search index catches up with dossiers it misses (e.g. generated ones).
    let index_worker = jobs::index::spawn(state.clone());
    // Progress reports' reminders, before and after each period's due date.
    let progress_worker = jobs::progress::spawn(state.clone());
    // Files stored while clamd was unreachable wait, undownloadable, for this rescan.
    let scan_worker = state
        .scanner
        .clone()
        .map(|clamd| jobs::scan::spawn(db.clone(), state.files.clone(), clamd));
    let app = build_router(state);
    let served =
        axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
            .with_graceful_shutdown(shutdown_signal())
            .await;
    mail_worker.stop().await;
    purge_worker.stop().await;
    index_worker.stop().await;
    progress_worker.stop().await;
    if let Some(worker) = scan_worker {
        worker.stop().await;
    }
    db.close().await;
    Ok(served?)
}

/// With no administrator yet, prints a one-time link (valid one hour) where the first one is
/// created: no default account ever exists (ASVS 6.3.2). Printed on standard output, never
/// logged, since it is a secret.
async fn offer_setup_link(db: &Db, serve: &ServeSettings) -> anyhow::Result<()> {
    if db.count_admins().await? > 0 {
        return Ok(());
    }
    let (token, hash) = crate::auth::tokens::new_token();
    db.create_setup_link(&hash, OffsetDateTime::now_utc(), time::Duration::HOUR).await?;
    println!(
        "ptce: no administrator yet. Within the hour, open {}/installation/{token} to create \
         the first one (or use `ptce user add --role admin --email … --password-stdin`).",
        serve.base_url.as_str().trim_end_matches('/')
    );
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

/// `ptce user add`: creates a back-office account (or grants a role), confirmed, with the
/// password read from standard input. Takes no lock: it works beside a running server.
pub async fn user_add(
    global: GlobalSettings,
    serve: ServeSettings,
    add: crate::cli::UserAdd,
) -> anyhow::Result<()> {
    use crate::auth::passwords::Passwords;
    use crate::db::accounts::NewStaff;
    use crate::domain::email::EmailAddress;
    use crate::domain::password::NewPassword;

    let email = EmailAddress::parse(&add.email)
        .map_err(|e| anyhow::anyhow!("--email `{}`: {e}", add.email))?;
    if add.role.needs_network() != add.network.is_some() {
        anyhow::bail!(
            "--network is required for a referent and only for a referent (e.g. --network coorace)"
        );
    }
    let password_hash = if add.password_stdin {
        let mut line = String::new();
        std::io::stdin()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        let text = line.trim_end_matches(['\n', '\r']);
        let password = NewPassword::parse(text, email.as_str())
            .map_err(|e| anyhow::anyhow!("the password is refused: {e}"))?;
        Some(Passwords::new(1).hash(password).await?)
    } else {
        None
    };
    let db = prepare(&global, &serve).await?;
    let staff = NewStaff {
        email: &email,
        display_name: &add.name,
        password_hash: password_hash.as_deref(),
        role: add.role,
        network_slug: add.network.as_deref(),
    };
    let now = OffsetDateTime::now_utc();
    let id = db.upsert_staff(&staff, now).await?;
    let event = crate::db::audit::AuditEvent {
        event: "role.granted",
        actor: None,
        subject: Some(id),
        client: "command line",
        detail: serde_json::json!({ "role": add.role.code(), "network": add.network }),
    };
    db.audit(&event, now).await?;
    db.close().await;
    println!("{} is {} (account {id})", email, add.role.code());
    if password_hash.is_none() {
        println!("no password was given: this account cannot log in until one is set");
    }
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
