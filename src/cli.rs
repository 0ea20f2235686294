//! The command line: `ptce [serve|migrate|user|generate]`; `serve` runs when none is given.

use clap::{Parser, Subcommand};

use crate::config::{GlobalSettings, ServeSettings};
use crate::domain::role::Role;

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
    /// Manage back-office accounts (works beside a running server).
    #[command(subcommand)]
    User(UserCommand),
    /// Add synthetic organisations, candidate accounts and dossiers, for benchmarks and
    /// demonstrations (refuses a database holding real accounts unless --force).
    Generate(Generate),
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a back-office account, or grant a role to an existing one.
    Add(UserAdd),
}

#[derive(Debug, clap::Args)]
pub struct UserAdd {
    /// The person's email address (their login).
    #[arg(long)]
    pub email: String,
    /// admin, steering, referent or reviewer.
    #[arg(long, value_parser = parse_role)]
    pub role: Role,
    /// The partner network of a referent (labo-ess, coorace, rtes, iris, cncres for the 2011 call).
    #[arg(long)]
    pub network: Option<String>,
    /// The person's name as shown in the back office.
    #[arg(long, default_value = "")]
    pub name: String,
    /// Read the password from the first line of standard input (at least 12 characters).
    #[arg(long)]
    pub password_stdin: bool,
}

/// `ptce generate`: see `src/generate/mod.rs`.
#[derive(Debug, clap::Args)]
pub struct Generate {
    /// How many dossiers to add, each with its organisation and candidate account.
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1_000_000))]
    pub dossiers: u32,
    /// Generate even if the database holds accounts or organisations the generator did not make.
    #[arg(long)]
    pub force: bool,
    /// The same seed gives the same names and answers.
    #[arg(long, default_value_t = 2011)]
    pub seed: u64,
    /// Open sessions for the candidates of editable dossiers and write them to this file
    /// (cookie value, dossier id, track, section versions; tab-separated), for benchmarks.
    #[arg(long)]
    pub sessions_file: Option<std::path::PathBuf>,
    /// How many sessions to open with --sessions-file.
    #[arg(long, default_value_t = 100)]
    pub sessions: usize,
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::parse(text)
        .ok_or_else(|| format!("`{text}` is not admin, steering, referent or reviewer"))
}
