//! Where things are: INSEE commune codes and the gazetteer of communes, departments and regions
//! (now and as in 2011) shipped in data/territory/.

mod fold;
mod gazetteer;
mod insee;
pub mod map;

/// Case and accents folded, for full-text search (src/domain/search.rs).
pub(crate) use fold::fold as fold_text;
pub use gazetteer::{Commune, CommuneResolution, Department, Gazetteer, MAX_QUERY_BYTES, Region};
pub use insee::{InseeCode, InseeCodeError};
