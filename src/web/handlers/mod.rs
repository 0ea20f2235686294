//! Request handlers, one folder per audience.

pub mod account;
pub mod backoffice;
pub mod candidate;
pub mod public;
