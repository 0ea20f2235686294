//! Request handlers, one folder per audience.

pub mod public;
