//! The integration suite: the whole router driven in-process, each test on a fresh database —
//! an SQLite file by default, a new PostgreSQL database when `TEST_DATABASE_URL` is set.

mod access;
mod accounts;
mod attachments;
mod call_settings;
mod cli;
mod communes;
mod complements;
mod credentials;
mod decisions;
mod directory;
mod dossier_list;
mod dossiers;
mod errors;
mod exchanges;
mod exports;
mod generate;
mod mail;
mod my_data;
mod opendata;
mod organisations;
mod poles;
mod public;
mod reviews;
mod schema;
mod security;
mod selection;
mod signup;
mod staff;
mod statistics;
mod storage;
mod support;
mod supporters;
