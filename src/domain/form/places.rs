//! What the form engine asks of the communes gazetteer, as a trait so the engine stays pure.

/// The answer to "which commune is this text?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommuneLookup {
    /// One commune: its INSEE code and its label ("Castres (81 — Tarn)").
    Found {
        code: String,
        label: String,
    },
    /// Several communes match (names repeat across departments): `(code, label)` pairs that the
    /// page offers as radio buttons named `<key>.choice`.
    Ambiguous(Vec<(String, String)>),
    NotFound,
}

/// The communes and departments the engine reads and shows. The platform implements it over
/// the shipped gazetteer; tests use a small fake.
pub trait Places: Sync {
    /// Which commune a person meant by what they typed: a name (with or without department),
    /// a postal code, or an INSEE code.
    fn resolve_commune(&self, text: &str) -> CommuneLookup;
    /// The label of a commune by INSEE code, `None` when the code is unknown.
    fn commune_label(&self, code: &str) -> Option<String>;
    /// The name of a department by code ("81" → "Tarn"), `None` when unknown.
    fn department_name(&self, code: &str) -> Option<String>;
}

/// A few communes, enough for the tests: two Castres, one Paris, one Nantes.
#[cfg(test)]
pub(crate) struct FakePlaces;

#[cfg(test)]
impl FakePlaces {
    const COMMUNES: [(&'static str, &'static str, &'static str); 5] = [
        ("81065", "Castres", "Castres (81 — Tarn)"),
        ("02153", "Castres", "Castres (02 — Aisne)"),
        ("75056", "Paris", "Paris (75 — Paris)"),
        ("44109", "Nantes", "Nantes (44 — Loire-Atlantique)"),
        ("33063", "Bordeaux", "Bordeaux (33 — Gironde)"),
    ];
}

#[cfg(test)]
impl Places for FakePlaces {
    fn resolve_commune(&self, text: &str) -> CommuneLookup {
        let text = text.trim().to_lowercase();
        let found: Vec<(String, String)> = Self::COMMUNES
            .iter()
            .filter(|(code, name, label)| {
                name.to_lowercase() == text || *code == text || label.to_lowercase() == text
            })
            .map(|(code, _, label)| (code.to_string(), label.to_string()))
            .collect();
        match found.len() {
            0 => CommuneLookup::NotFound,
            1 => {
                let (code, label) = found.into_iter().next().unwrap_or_default();
                CommuneLookup::Found { code, label }
            }
            _ => CommuneLookup::Ambiguous(found),
        }
    }

    fn commune_label(&self, code: &str) -> Option<String> {
        Self::COMMUNES.iter().find(|(c, _, _)| *c == code).map(|(_, _, label)| label.to_string())
    }

    fn department_name(&self, code: &str) -> Option<String> {
        match code {
            "81" => Some("Tarn".into()),
            "02" => Some("Aisne".into()),
            "75" => Some("Paris".into()),
            "44" => Some("Loire-Atlantique".into()),
            "33" => Some("Gironde".into()),
            "2A" => Some("Corse-du-Sud".into()),
            _ => None,
        }
    }
}
