//! Background work that runs beside the web server in `ptce serve`: the email worker, the
//! antivirus rescan of files stored while clamd was unreachable, the purge of expressions of
//! interest never confirmed, the back office's search index catching up, and the progress
//! reports' reminders. Each is a `worker::Worker` running rounds until shutdown.

pub mod index;
pub mod mail;
pub mod progress;
pub mod purge;
pub mod scan;
pub mod worker;
