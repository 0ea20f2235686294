//! Pure rules of the platform: no web framework, no database.

pub mod admissibility;
pub mod call;
pub mod database_url;
pub mod dossier;
pub mod email;
pub mod event;
pub mod form;
pub mod ics;
pub mod lang;
pub mod map_point;
pub mod money;
pub mod paris;
pub mod partner;
pub mod password;
pub mod pole;
pub mod progress;
pub mod proposal;
pub mod review;
pub mod role;
pub mod routing;
pub mod search;
pub mod selection;
pub mod siret;
pub mod territory;
pub mod text_place;
pub mod upload;
