//! The integration suite: the whole router driven in-process, each test on a fresh database —
//! an SQLite file by default, a new PostgreSQL database when `TEST_DATABASE_URL` is set.

mod cli;
mod errors;
mod public;
mod schema;
mod security;
mod support;
