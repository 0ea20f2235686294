//! Entry point: parse the command line, start logging, run the subcommand.

use std::process::ExitCode;

use clap::Parser;
use ptce::cli::{Cli, Command, UserCommand};
use ptce::config::LogFormat;
use ptce::server;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let filter =
        EnvFilter::try_from_env("RUST_LOG").unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn"));
    let logs = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
    match cli.global.log_format {
        LogFormat::Json => logs.json().flatten_event(true).init(),
        LogFormat::Text => logs.init(),
    }
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("ptce: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        match cli.command {
            None => server::serve(cli.global, cli.serve).await,
            Some(Command::Serve(serve)) => server::serve(cli.global, *serve).await,
            Some(Command::Migrate) => server::migrate(cli.global).await,
            Some(Command::User(UserCommand::Add(add))) => {
                server::user_add(cli.global, cli.serve, add).await
            }
            Some(Command::Generate(args)) => ptce::generate::run(cli.global, cli.serve, args).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            eprintln!("ptce: {error:#}");
            ExitCode::FAILURE
        }
    }
}
