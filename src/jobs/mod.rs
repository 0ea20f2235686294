//! Background work that runs beside the web server in `ptce serve`: today the email worker.

pub mod mail;
