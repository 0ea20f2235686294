//! The HTTP face: the route table, middleware, extractors, and handlers grouped by audience.

pub mod assets;
pub mod client;
pub mod content;
pub mod error;
pub mod forms;
pub mod handlers;
pub mod locale;
pub mod markdown;
pub mod page;
pub mod router;
pub mod security;
