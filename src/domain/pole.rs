//! A pole: a selected dossier published in the network's directory. What its people choose to
//! make public (the name and the territory always; the rest field group by field group), the
//! public content drawn from the dossier's answers and completed by them, and the page's
//! address (slug). Only the public groups are ever kept in a published version, so that nothing
//! else can reach the directory, the map or the open data.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::domain::email::EmailAddress;
use crate::domain::territory::fold_text;

/// Longest public description, in characters.
pub const MAX_DESCRIPTION: usize = 1500;
/// Longest slug, in bytes.
const MAX_SLUG: usize = 60;

/// A group of fields a pole may make public. The name and the territory are always public: a
/// pole without them is not a directory entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PublicField {
    Description,
    Members,
    Sectors,
    Profile,
    Mutualisations,
    Website,
    Contact,
}

impl PublicField {
    pub const ALL: [PublicField; 7] = [
        PublicField::Description,
        PublicField::Members,
        PublicField::Sectors,
        PublicField::Profile,
        PublicField::Mutualisations,
        PublicField::Website,
        PublicField::Contact,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PublicField::Description => "description",
            PublicField::Members => "members",
            PublicField::Sectors => "sectors",
            PublicField::Profile => "profile",
            PublicField::Mutualisations => "mutualisations",
            PublicField::Website => "website",
            PublicField::Contact => "contact",
        }
    }

    pub fn parse(code: &str) -> Option<PublicField> {
        PublicField::ALL.into_iter().find(|f| f.code() == code)
    }
}

/// A member organisation as the directory shows it: its name and its category (an option value
/// of the form's `member_categories`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicMember {
    pub name: String,
    pub category: String,
}

/// What a pole shows. In a published version, the groups not made public are empty.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PoleContent {
    pub name: String,
    pub acronym: String,
    /// The track of the dossier it comes from (established, emerging).
    pub track: String,
    /// The year of the call that selected it.
    pub year: i32,
    /// INSEE code of the lead organisation's commune: where the pole is on the map.
    pub lead_commune: String,
    /// INSEE codes of the communes where it works.
    pub communes: Vec<String>,
    pub description: String,
    pub members: Vec<PublicMember>,
    pub sectors: Vec<String>,
    pub profile: String,
    pub mutualisations: Vec<String>,
    pub website: String,
    pub contact_name: String,
    pub contact_email: String,
}

fn text<'a>(answers: &'a Value, key: &str) -> &'a str {
    answers.get(key).and_then(Value::as_str).map(str::trim).unwrap_or_default()
}

fn list(answers: &Value, key: &str) -> Vec<String> {
    answers
        .get(key)
        .and_then(Value::as_array)
        .map(|items| items.iter().filter_map(Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default()
}

impl PoleContent {
    /// The content a pole starts from: its dossier's answers. The description starts from the
    /// story of the pole (track A `genesis`, track B `origin`); the contact from the dossier's.
    pub fn from_answers(answers: &Value, track: &str, year: i32) -> PoleContent {
        let description = [text(answers, "genesis"), text(answers, "origin")]
            .into_iter()
            .find(|t| !t.is_empty())
            .unwrap_or_default()
            .chars()
            .take(MAX_DESCRIPTION)
            .collect();
        let members = ["members", "intended_members"]
            .iter()
            .filter_map(|key| answers.get(*key).and_then(Value::as_array))
            .flatten()
            .filter_map(|row| {
                let name = text(row, "name");
                (!name.is_empty()).then(|| PublicMember {
                    name: name.to_owned(),
                    category: text(row, "category").to_owned(),
                })
            })
            .collect();
        PoleContent {
            name: text(answers, "pole_name").to_owned(),
            acronym: text(answers, "pole_acronym").to_owned(),
            track: track.to_owned(),
            year,
            lead_commune: text(answers, "lead_commune").to_owned(),
            communes: list(answers, "territory_communes"),
            description,
            members,
            sectors: list(answers, "sectors"),
            profile: text(answers, "profile").to_owned(),
            mutualisations: list(answers, "mutualisations"),
            website: text(answers, "pole_website").to_owned(),
            contact_name: text(answers, "contact_name").to_owned(),
            contact_email: text(answers, "contact_email").to_owned(),
        }
    }

    /// The same content with only the public groups kept (the name, acronym, track, year and
    /// territory always).
    pub fn public(&self, fields: &BTreeSet<PublicField>) -> PoleContent {
        let has = |field| fields.contains(&field);
        PoleContent {
            name: self.name.clone(),
            acronym: self.acronym.clone(),
            track: self.track.clone(),
            year: self.year,
            lead_commune: self.lead_commune.clone(),
            communes: self.communes.clone(),
            description: if has(PublicField::Description) {
                self.description.clone()
            } else {
                String::new()
            },
            members: if has(PublicField::Members) { self.members.clone() } else { Vec::new() },
            sectors: if has(PublicField::Sectors) { self.sectors.clone() } else { Vec::new() },
            profile: if has(PublicField::Profile) { self.profile.clone() } else { String::new() },
            mutualisations: if has(PublicField::Mutualisations) {
                self.mutualisations.clone()
            } else {
                Vec::new()
            },
            website: if has(PublicField::Website) { self.website.clone() } else { String::new() },
            contact_name: if has(PublicField::Contact) {
                self.contact_name.clone()
            } else {
                String::new()
            },
            contact_email: if has(PublicField::Contact) {
                self.contact_email.clone()
            } else {
                String::new()
            },
        }
    }
}

/// What the people of a pole typed on the publication form.
#[derive(Debug, Clone, Default)]
pub struct PublicationInput {
    pub fields: Vec<String>,
    pub description: String,
    pub website: String,
    pub contact_name: String,
    pub contact_email: String,
}

/// A refusal of the publication form, next to its field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputIssue {
    /// `description`, `website`, `contact_email`, `contact_name`, `fields`.
    pub field: &'static str,
    /// A message key of locales/*/poles.ftl.
    pub message: &'static str,
}

/// The publication form read: the public groups and the content with what was typed, or the
/// issues next to each field. A group made public must not be empty where typing fills it.
pub fn parse_publication(
    input: &PublicationInput,
    from_dossier: &PoleContent,
) -> Result<(BTreeSet<PublicField>, PoleContent), Vec<InputIssue>> {
    let mut issues = Vec::new();
    let mut fields = BTreeSet::new();
    for code in &input.fields {
        match PublicField::parse(code) {
            Some(field) => {
                fields.insert(field);
            }
            None => {
                issues.push(InputIssue { field: "fields", message: "poles-error-unknown-field" })
            }
        }
    }
    let mut content = from_dossier.clone();
    content.description = input.description.trim().to_owned();
    content.website = input.website.trim().to_owned();
    content.contact_name = input.contact_name.trim().to_owned();
    content.contact_email = input.contact_email.trim().to_owned();
    let has = |field| fields.contains(&field);
    let description_chars = content.description.chars().count();
    if description_chars > MAX_DESCRIPTION {
        issues.push(InputIssue { field: "description", message: "poles-error-description-long" });
    } else if has(PublicField::Description) && description_chars == 0 {
        issues.push(InputIssue { field: "description", message: "poles-error-description-empty" });
    }
    if !content.website.is_empty() || has(PublicField::Website) {
        match website(&content.website) {
            Some(url) => content.website = url,
            None => issues.push(InputIssue { field: "website", message: "poles-error-website" }),
        }
    }
    if !content.contact_email.is_empty() || has(PublicField::Contact) {
        match EmailAddress::parse(&content.contact_email) {
            Ok(email) => content.contact_email = email.as_str().to_owned(),
            Err(_) => {
                issues.push(InputIssue { field: "contact_email", message: "poles-error-email" })
            }
        }
    }
    if content.contact_name.chars().count() > 120 {
        issues.push(InputIssue { field: "contact_name", message: "poles-error-contact-name" });
    }
    if issues.is_empty() { Ok((fields, content)) } else { Err(issues) }
}

/// A website as typed ("www.pole.fr", "https://pole.fr/") made a full http(s) address; None
/// for anything else (another scheme, spaces, no host with a dot).
pub fn website(typed: &str) -> Option<String> {
    let typed = typed.trim();
    if typed.is_empty() || typed.len() > 300 || typed.chars().any(char::is_whitespace) {
        return None;
    }
    let full = if typed.contains("://") { typed.to_owned() } else { format!("https://{typed}") };
    let url = url::Url::parse(&full).ok()?;
    let host = url.host_str()?;
    (matches!(url.scheme(), "http" | "https") && host.contains('.') && url.password().is_none())
        .then(|| url.to_string())
}

/// The page address of a pole from its name: folded, words joined by hyphens ("Pôle Sud
/// Archer" → "pole-sud-archer"), at most 60 bytes; "pole" when nothing is left.
pub fn slug(name: &str) -> String {
    let folded = fold_text(name);
    let mut slug = String::new();
    for word in folded.split(' ').filter(|w| !w.is_empty()) {
        let word: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
        if word.is_empty() {
            continue;
        }
        if slug.len() + word.len() + 1 > MAX_SLUG {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word);
    }
    if slug.is_empty() { "pole".to_owned() } else { slug }
}

/// Parses the stored list of public groups ("description,members"); unknown codes are dropped.
pub fn parse_fields(stored: &str) -> BTreeSet<PublicField> {
    stored.split(',').filter_map(PublicField::parse).collect()
}

/// The stored form of public groups.
pub fn fields_code(fields: &BTreeSet<PublicField>) -> String {
    fields.iter().map(|f| f.code()).collect::<Vec<_>>().join(",")
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn answers() -> Value {
        json!({
            "pole_name": "Pôle Sud Archer",
            "pole_website": "www.archer.fr",
            "lead_commune": "26281",
            "territory_communes": ["26281", "26057"],
            "genesis": "Né de la crise de la chaussure à Romans.",
            "members": [
                { "name": "Groupe Archer", "category": "entreprise-ess", "siret": "73282932000074" },
                { "name": "", "category": "collectivite" }
            ],
            "sectors": ["iae", "textile"],
            "profile": "multi-activites",
            "mutualisations": ["locaux"],
            "contact_name": "Christophe Chevalier",
            "contact_email": "cc@archer.fr",
            "budget": [{ "amount": 120000 }]
        })
    }

    #[test]
    fn a_pole_starts_from_its_dossiers_answers_without_siret_or_budget() {
        let content = PoleContent::from_answers(&answers(), "established", 2011);
        assert_eq!(content.name, "Pôle Sud Archer");
        assert_eq!(content.description, "Né de la crise de la chaussure à Romans.");
        assert_eq!(
            content.members,
            [PublicMember { name: "Groupe Archer".into(), category: "entreprise-ess".into() }]
        );
        assert_eq!(content.communes, ["26281", "26057"]);
        let stored = serde_json::to_string(&content).expect("json");
        assert!(!stored.contains("73282932000074") && !stored.contains("120000"), "{stored}");
    }

    #[test]
    fn only_the_public_groups_are_kept_with_the_name_and_territory_always() {
        let content = PoleContent::from_answers(&answers(), "established", 2011);
        let public = content.public(&BTreeSet::from([PublicField::Sectors]));
        assert_eq!(public.name, "Pôle Sud Archer");
        assert_eq!(public.lead_commune, "26281");
        assert_eq!(public.sectors, ["iae", "textile"]);
        assert_eq!(public.description, "");
        assert!(public.members.is_empty());
        assert_eq!(public.contact_email, "");
        assert_eq!(public.website, "");
    }

    #[test]
    fn the_publication_form_says_what_is_wrong_next_to_each_field() {
        let content = PoleContent::from_answers(&answers(), "established", 2011);
        let input = PublicationInput {
            fields: vec!["description".into(), "website".into(), "contact".into()],
            description: "   ".into(),
            website: "javascript:alert(1)".into(),
            contact_name: "Christophe".into(),
            contact_email: "pas-une-adresse".into(),
        };
        let issues = parse_publication(&input, &content).expect_err("refused");
        assert_eq!(
            issues.iter().map(|i| (i.field, i.message)).collect::<Vec<_>>(),
            [
                ("description", "poles-error-description-empty"),
                ("website", "poles-error-website"),
                ("contact_email", "poles-error-email")
            ]
        );
        let good = PublicationInput {
            fields: vec!["website".into(), "members".into()],
            description: "Un pôle de la Drôme.".into(),
            website: "www.archer.fr".into(),
            contact_name: String::new(),
            contact_email: String::new(),
        };
        let (fields, content) = parse_publication(&good, &content).expect("read");
        assert_eq!(fields, BTreeSet::from([PublicField::Members, PublicField::Website]));
        assert_eq!(content.website, "https://www.archer.fr/");
        assert_eq!(fields_code(&fields), "members,website");
        assert_eq!(parse_fields("members,website,unknown"), fields);
    }

    #[test]
    fn a_slug_is_the_folded_name_with_hyphens() {
        assert_eq!(slug("Pôle Sud Archer"), "pole-sud-archer");
        assert_eq!(slug("L’Œuf & Cie — Ardèche !"), "l-oeuf-cie-ardeche");
        assert_eq!(slug("!!!"), "pole");
        assert!(slug(&"mot ".repeat(40)).len() <= 60);
    }

    #[test]
    fn a_website_is_made_a_full_web_address_or_refused() {
        assert_eq!(website("www.archer.fr").as_deref(), Some("https://www.archer.fr/"));
        assert_eq!(website("http://archer.fr/pole").as_deref(), Some("http://archer.fr/pole"));
        assert_eq!(website("ftp://archer.fr"), None);
        assert_eq!(website("archer"), None);
        assert_eq!(website("www.archer .fr"), None);
    }
}
