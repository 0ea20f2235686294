//! Pure rules of the platform: no web framework, no database.

pub mod call;
pub mod database_url;
pub mod email;
pub mod lang;
pub mod paris;
pub mod password;
pub mod role;
pub mod siret;
