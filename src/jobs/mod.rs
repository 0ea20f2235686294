//! Background work that runs beside the web server in `ptce serve`: the email worker, the
//! antivirus rescan of files stored while clamd was unreachable, and the purge of expressions
//! of interest never confirmed.

pub mod mail;
pub mod purge;
pub mod scan;
