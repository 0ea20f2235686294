//! The form engine: form schemas held as data (TOML), answers, reading a posted page, validation,
//! progress, computed values and display — pure functions, no web framework, no database.
//!
//! A dossier's form is a [`FormSchema`] read from its TOML source ([`FormSchema::from_toml`]);
//! the answers are a JSON object ([`Answers`]) keyed by field key. A page posts one section:
//! [`read_section`] turns the posted pairs into answers (keeping unreadable text as typed),
//! [`validate`] / [`validate_section`] say what is wrong or missing, [`progress`] counts what is
//! done, [`computed`] derives read-only values and [`display`] renders any answer for a summary.
//! The schema format is documented for administrators in `docs/FORMS.md`.

mod answers;
mod computed;
mod display;
mod eval;
mod expr;
mod input;
mod parse;
mod places;
mod schema;
mod validate;
mod values;

#[cfg(test)]
mod tests;

pub use answers::{Answers, FileRef};
pub use computed::{ComputedValue, computed};
pub use display::{display, edit_text};
pub use expr::{ArithOp, CmpOp, Expr, Literal};
pub use input::{SectionInput, read_section};
pub use parse::{SchemaError, SchemaErrors};
pub use places::{CommuneLookup, Places};
pub use schema::{
    Check, Condition, DateBound, Each, Field, FileType, FormSchema, Kind, Options, Requirement,
    Section,
};
pub use validate::{
    Issue, Progress, SectionProgress, Severity, progress, validate, validate_section,
};
pub use values::{
    format_date, format_decimal, format_integer, format_percent, iso_date, parse_date,
};

use serde::Serialize;
use time::Date;

use super::call::PartnerNetwork;
use super::lang::{Lang, Localized};

/// The default form of track A (PTCE opérationnel).
pub const ESTABLISHED: &str = include_str!("../../../data/forms/established.toml");
/// The default form of track B (initiative en projet ou en construction).
pub const EMERGING: &str = include_str!("../../../data/forms/emerging.toml");
/// The default form C (manifestation d'intérêt ou de soutien, no account).
pub const INTEREST: &str = include_str!("../../../data/forms/interest.toml");
/// The default period report of the progress approach (src/progress, track `report`).
pub const REPORT: &str = include_str!("../../../data/forms/report-2011.toml");

/// The shipped default form source of a track (`established`, `emerging`, `interest`).
pub fn default_source(track: &str) -> Option<&'static str> {
    match track {
        "established" => Some(ESTABLISHED),
        "emerging" => Some(EMERGING),
        "interest" => Some(INTEREST),
        "report" => Some(REPORT),
        _ => None,
    }
}

/// The value stored for "je ne sais pas" in a field whose options are the call's networks.
pub const NETWORK_UNKNOWN: &str = "je-ne-sais-pas";
/// The value stored for "la démarche en général" in a field whose options are the poles.
pub const POLE_GENERAL: &str = "la-demarche";

/// One possible answer of a `choice` or `choices` field: the stored value and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: Localized,
}

impl Choice {
    pub fn new(value: impl Into<String>, fr: &str, en: &str) -> Choice {
        Choice { value: value.into(), label: Localized::new(fr, en) }
    }

    /// The options of a `networks` list: the call's partner networks by slug.
    pub fn from_networks(networks: &[PartnerNetwork]) -> Vec<Choice> {
        networks.iter().map(|n| Choice { value: n.slug.clone(), label: n.name.clone() }).collect()
    }
}

/// What validation and display need besides the schema and the answers: the communes gazetteer,
/// the lists known only at run time, and today's Paris date (for `max = "today"`).
#[derive(Clone, Copy)]
pub struct Context<'a> {
    pub places: &'a dyn Places,
    /// The call's partner networks (see [`Choice::from_networks`]); "je ne sais pas" is added.
    pub networks: &'a [Choice],
    /// The poles or initiatives a supporter can pick (form C); "la démarche en général" is added.
    pub poles: &'a [Choice],
    pub today: Date,
}

/// A text for a person, in both languages (validation messages, schema errors).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Message {
    pub fr: String,
    pub en: String,
}

impl Message {
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Message {
        Message { fr: fr.into(), en: en.into() }
    }

    /// The text in a language.
    pub fn text(&self, lang: Lang) -> String {
        self.get(lang).to_owned()
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

impl std::fmt::Display for Message {
    /// French first, then English: for logs and command-line tools.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.fr, self.en)
    }
}
