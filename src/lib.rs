//! ptce: the platform of a call for applications for Pôles Territoriaux de Coopération
//! Économique and of the network it creates. Read the modules top to bottom for the architecture.

/// Application state and the assembled router.
pub mod app;
/// Who is asking: passwords, tokens, sessions, throttling of attempts.
pub mod auth;
/// Command line: subcommands and their arguments.
pub mod cli;
/// Settings, each a flag and an environment variable.
pub mod config;
/// The database: SQLite or PostgreSQL behind one `Db`, migrations, queries.
pub mod db;
/// The public directory of poles and its map: filters, in-memory search, pages.
pub mod directory;
/// Pure rules: the call and its calendar, languages, Paris time, value types. No web, no SQL.
pub mod domain;
/// Dossier use cases: start, save a section against its version, submit with a receipt, withdraw.
pub mod dossiers;
/// Meetings of the network: invitations, answers by link without an account, reminders, .ics.
pub mod events;
/// Around a submitted dossier: routing to a network, messages with the candidate, annotations.
pub mod exchanges;
/// Spreadsheet exports (CSV, XLSX, ODS) written row by row, formula injection neutralised.
pub mod exports;
/// Synthetic organisations, accounts and dossiers for benchmarks and demonstrations.
pub mod generate;
/// Translations and formatting of dates in French and English.
pub mod i18n;
/// Background work beside the web server: the email worker draining the outbox.
pub mod jobs;
/// Email: typed messages from templates in the recipient's language, SMTP or file transport.
pub mod mail;
/// Open data: the published poles as CSV, JSON, GeoJSON and a Frictionless Data package.
pub mod opendata;
/// Publication of selected dossiers as poles of the network's directory.
pub mod poles;
/// The progress approach: periods, each pole's period report, reminders, indicators over time.
pub mod progress;
/// Promotion of the network: one-page PDF presentations of a pole and of the network.
pub mod promotion;
/// The costed support and funding proposal: totals of the selected dossiers, envelope, scenarios.
pub mod proposal;
/// Screening step 2: the grid, reviews of assigned dossiers, automatic assignment, blind phases.
pub mod reviews;
/// The back office's search index kept in step with the dossiers.
pub mod search;
/// The selection: a track's board (ranking, suggestion under quotas, balance), decisions, release.
pub mod selection;
/// Start-up: what `ptce serve` and `ptce migrate` do.
pub mod server;
/// Statistics of a call for the back office, and the reminder of drafts before the deadline.
pub mod statistics;
/// Attachments: uploads checked by content and by the antivirus (clamd), stored in the database.
pub mod storage;
/// Form C: expressions of interest or support, confirmed by an emailed link, counted, exported.
pub mod supporters;
/// The HTTP face: route table, middleware, handlers, pages.
pub mod web;
