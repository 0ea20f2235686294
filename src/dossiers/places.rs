//! The form engine's view of places (`domain::form::Places`) over the shipped gazetteer of
//! communes and departments.

use crate::domain::form::{CommuneLookup, Places};
use crate::domain::territory::{CommuneResolution, Gazetteer, InseeCode};

/// The gazetteer as the form engine reads it.
pub struct GazetteerPlaces;

pub static GAZETTEER_PLACES: GazetteerPlaces = GazetteerPlaces;

impl Places for GazetteerPlaces {
    fn resolve_commune(&self, text: &str) -> CommuneLookup {
        match Gazetteer::global().resolve(text) {
            CommuneResolution::Found(commune) => {
                CommuneLookup::Found { code: commune.code().to_string(), label: commune.label() }
            }
            CommuneResolution::Ambiguous(communes) => CommuneLookup::Ambiguous(
                communes.into_iter().map(|c| (c.code().to_string(), c.label())).collect(),
            ),
            CommuneResolution::NotFound { .. } => CommuneLookup::NotFound,
        }
    }

    fn commune_label(&self, code: &str) -> Option<String> {
        let code = InseeCode::parse(code).ok()?;
        Gazetteer::global().commune(&code).map(|c| c.label())
    }

    fn department_name(&self, code: &str) -> Option<String> {
        Gazetteer::global().department(code).map(|d| d.name().to_owned())
    }
}
