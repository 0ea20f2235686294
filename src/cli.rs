//! The command line: `ptce [serve|migrate]`, with `serve` as what runs when none is given.

use clap::{Parser, Subcommand};

use crate::config::{GlobalSettings, ServeSettings};

/// ptce — the platform of the call for applications for Pôles Territoriaux de Coopération
/// Économique, and of the network it creates.
#[derive(Debug, Parser)]
#[command(name = "ptce", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalSettings,

    /// With no subcommand, the platform is served with these settings.
    #[command(flatten)]
    pub serve: ServeSettings,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the platform over HTTP (migrates the database and installs the 2011 call first).
    Serve(Box<ServeSettings>),
    /// Bring the database schema up to date and exit.
    Migrate,
}
