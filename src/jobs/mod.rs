//! Background work that runs beside the web server in `ptce serve`: the email worker, and the
//! antivirus rescan of files stored while clamd was unreachable.

pub mod mail;
pub mod scan;
