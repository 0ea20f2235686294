//! Answers of generated dossiers, written from the form schema itself: every field gets a value
//! of its kind within its bounds (so a changed form still gets valid answers), and the fields the
//! shipped forms share (names, members, budget, texts) get values that tell one coherent story
//! per dossier — a pole, its place, its members, a balanced budget.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use rand::Rng;
use rand::rngs::SmallRng;
use rand::seq::IndexedRandom;
use serde_json::{Value, json};
use time::{Date, Duration, Month};
use uuid::Uuid;

use super::pdf;
use super::words::{self, THEMES, Theme, pick};
use crate::domain::form::{
    Answers, Choice, Context, Field, FileRef, FormSchema, Kind, NETWORK_UNKNOWN,
};
use crate::domain::territory::{Commune, Gazetteer};

/// Communes drawn at random, weighted by the square root of their population: cities come up
/// more often than villages, yet the many small communes where poles actually work are not
/// drowned out by Paris, Marseille and Lyon (straight population weights would put one pole in
/// twenty in those three).
pub struct Places {
    communes: Vec<&'static Commune>,
    cumulative: Vec<u64>,
    /// Indexes into `communes`, and their cumulative weights, by department code.
    by_department: HashMap<&'static str, (Vec<usize>, Vec<u64>)>,
}

fn weight(commune: &Commune) -> u64 {
    // Square root, in whole numbers; a commune without a population counts as a hamlet.
    u64::from(commune.population().unwrap_or(100)).isqrt().max(1)
}

fn draw(rng: &mut SmallRng, cumulative: &[u64]) -> usize {
    let total = cumulative.last().copied().unwrap_or(0);
    if total == 0 {
        return 0;
    }
    let target = rng.random_range(0..total);
    cumulative.partition_point(|c| *c <= target)
}

impl Places {
    pub fn new() -> Places {
        let communes: Vec<&'static Commune> = Gazetteer::global().communes().iter().collect();
        let mut cumulative = Vec::with_capacity(communes.len());
        let mut by_department: HashMap<&'static str, (Vec<usize>, Vec<u64>)> = HashMap::new();
        let mut total = 0;
        for (i, commune) in communes.iter().enumerate() {
            total += weight(commune);
            cumulative.push(total);
            let entry = by_department.entry(commune.department().code()).or_default();
            let before = entry.1.last().copied().unwrap_or(0);
            entry.0.push(i);
            entry.1.push(before + weight(commune));
        }
        Places { communes, cumulative, by_department }
    }

    /// A commune of France.
    pub fn pick(&self, rng: &mut SmallRng) -> Option<&'static Commune> {
        self.communes.get(draw(rng, &self.cumulative)).copied()
    }

    /// A commune of the same department as `commune`.
    pub fn near(&self, rng: &mut SmallRng, commune: &Commune) -> &'static Commune {
        self.by_department
            .get(commune.department().code())
            .and_then(|(indexes, cumulative)| indexes.get(draw(rng, cumulative)))
            .and_then(|i| self.communes.get(*i).copied())
            .or_else(|| self.pick(rng))
            .unwrap_or_else(|| self.communes[0])
    }
}

impl Default for Places {
    fn default() -> Self {
        Places::new()
    }
}

/// A member of a generated pole.
#[derive(Debug, Clone)]
pub struct Member {
    pub name: String,
    pub category: &'static str,
    pub ess: bool,
    pub commune: String,
}

/// Who and where a generated dossier is: what its answers keep coming back to.
pub struct Identity {
    pub commune: &'static Commune,
    /// Communes of the territory, the pole's own first.
    pub territory: Vec<&'static Commune>,
    /// "de Castres", "d’Arles".
    pub place: String,
    pub theme: &'static Theme,
    /// The pole's sectors (values of the forms' `sectors` list), its theme's first.
    pub sectors: Vec<&'static str>,
    pub pole_name: String,
    pub legal_form: &'static str,
    pub lead_name: String,
    pub siret: String,
    pub contact_first: &'static str,
    pub contact_last: &'static str,
    pub contact_role: &'static str,
    pub year_started: i32,
    /// A partner network's slug, or "je-ne-sais-pas".
    pub network: String,
    pub members: Vec<Member>,
}

impl Identity {
    pub fn new(
        rng: &mut SmallRng,
        places: &Places,
        networks: &[Choice],
        today: Date,
    ) -> Option<Identity> {
        let commune = places.pick(rng)?;
        let mut territory = vec![commune];
        for _ in 0..words::small_count(rng, 0, 5) {
            let other = places.near(rng, commune);
            if !territory.iter().any(|c| c.code() == other.code()) {
                territory.push(other);
            }
        }
        let place = words::of_place(commune.name());
        let theme = THEMES.choose(rng)?;
        let mut sectors = vec![theme.sector];
        for _ in 0..words::small_count(rng, 0, 2) {
            let other = THEMES.choose(rng)?.sector;
            if !sectors.contains(&other) {
                sectors.push(other);
            }
        }
        let town = commune.name().replace('\'', "’");
        let department = commune.department().name();
        let pole_name = match rng.random_range(0..6) {
            0 | 1 => format!("Pôle {} {place}", theme.of),
            2 | 3 => format!("{} {place}", pick(rng, &words::POLE_HEADS)),
            4 => format!("Cluster {} {department}", theme.short),
            _ => format!("{town} Coopérations"),
        };
        let (legal_form, prefix) = weighted_legal_form(rng);
        let lead_name = if legal_form == "collectivite" {
            format!("{prefix} {place}")
        } else {
            format!("{prefix} {}", pick(rng, &words::ORGANISATION_CORES))
        };
        let &(contact_first, woman) = words::FIRST_NAMES.choose(rng)?;
        let contact_last = pick(rng, &words::SURNAMES);
        let &(feminine, masculine) = words::ROLES.choose(rng)?;
        let contact_role = if woman { feminine } else { masculine };
        let year_started = rng.random_range(1990..=today.year().clamp(1990, 2100));
        let network = if rng.random_ratio(1, 10) || networks.is_empty() {
            NETWORK_UNKNOWN.to_owned()
        } else {
            networks.choose(rng).map(|n| n.value.clone()).unwrap_or_default()
        };
        let lead_ess = !matches!(legal_form, "societe" | "collectivite");
        let mut members = vec![Member {
            name: lead_name.clone(),
            category: if legal_form == "collectivite" {
                "collectivite"
            } else if lead_ess {
                "entreprise-ess"
            } else {
                "entreprise-hors-ess"
            },
            ess: lead_ess,
            commune: commune.code().to_string(),
        }];
        // The three kinds of member a PTCE brings together, then a few more.
        let mut categories = vec!["entreprise-ess", "entreprise-hors-ess", "collectivite"];
        categories.retain(|c| *c != members[0].category);
        for _ in 0..words::small_count(rng, 1, 6) {
            categories.push(
                *[
                    "entreprise-ess",
                    "entreprise-hors-ess",
                    "recherche",
                    "formation",
                    "autre-personne-morale",
                    "personne-physique",
                ]
                .choose(rng)?,
            );
        }
        for category in categories {
            let at = territory.choose(rng).copied().unwrap_or(commune);
            let name = member_name(rng, category, at);
            if members.iter().any(|m| m.name == name) {
                continue;
            }
            members.push(Member {
                name,
                category,
                ess: category == "entreprise-ess",
                commune: at.code().to_string(),
            });
        }
        Some(Identity {
            commune,
            territory,
            place,
            theme,
            sectors,
            pole_name,
            legal_form,
            lead_name,
            siret: siret(rng),
            contact_first,
            contact_last,
            contact_role,
            year_started,
            network,
            members,
        })
    }

    pub fn contact_name(&self) -> String {
        format!("{} {}", self.contact_first, self.contact_last)
    }

    /// The contact's address, in the generator's reserved domain.
    pub fn contact_email(&self) -> String {
        format!(
            "{}.{}@{}",
            words::slug(self.contact_first),
            words::slug(self.contact_last),
            super::DOMAIN
        )
    }

    /// What a `{…}` in a sentence stands for.
    fn word(&self, rng: &mut SmallRng, name: &str) -> String {
        let member = |rng: &mut SmallRng, skip: usize| {
            self.members.iter().skip(skip).collect::<Vec<_>>().choose(rng).map(|m| m.name.clone())
        };
        match name {
            "pole" => self.pole_name.clone(),
            "place" => self.place.clone(),
            "activity" => self.theme.activity.to_owned(),
            "year" => self.year_started.to_string(),
            "need" => pick(rng, &words::NEEDS).to_owned(),
            "goal" => pick(rng, &words::GOALS).to_owned(),
            "step" | "step2" => pick(rng, &words::STEPS).to_owned(),
            "member" => self.lead_name.clone(),
            "member2" => member(rng, 1).unwrap_or_else(|| self.lead_name.clone()),
            _ => String::new(),
        }
    }
}

fn weighted_legal_form(rng: &mut SmallRng) -> (&'static str, &'static str) {
    let total: u32 = words::LEGAL_FORMS.iter().map(|(_, _, w)| w).sum();
    let mut target = rng.random_range(0..total.max(1));
    for (value, prefix, w) in words::LEGAL_FORMS {
        if target < w {
            return (value, prefix);
        }
        target -= w;
    }
    ("association", "Association")
}

fn member_name(rng: &mut SmallRng, category: &str, at: &Commune) -> String {
    let place = words::of_place(at.name());
    let surname = pick(rng, &words::SURNAMES);
    match category {
        "entreprise-ess" => match rng.random_range(0..4) {
            0 => format!("Régie de quartier {place}"),
            1 => format!("SCOP {}", pick(rng, &words::ORGANISATION_CORES)),
            _ => format!("Association {}", pick(rng, &words::ORGANISATION_CORES)),
        },
        "entreprise-hors-ess" => match rng.random_range(0..3) {
            0 => format!("{} {surname}", pick(rng, &words::PRIVATE_BUSINESSES)),
            1 => format!("SARL {surname} et fils"),
            _ => format!("{surname} Conseil"),
        },
        "collectivite" => match rng.random_range(0..3) {
            0 => format!("Ville {place}"),
            1 => format!("Communauté de communes {place}"),
            _ => format!("Communauté d’agglomération {place}"),
        },
        "recherche" => match rng.random_range(0..3) {
            0 => format!("IUT {place}"),
            1 => format!("Laboratoire d’économie sociale {place}"),
            _ => format!("Université {place}"),
        },
        "formation" => match rng.random_range(0..3) {
            0 => format!("GRETA {place}"),
            1 => format!("Lycée professionnel {surname}"),
            _ => format!("Centre de formation {}", pick(rng, &words::ORGANISATION_CORES)),
        },
        "autre-personne-morale" => match rng.random_range(0..3) {
            0 => format!("Chambre de commerce et d’industrie {place}"),
            1 => format!("Caisse solidaire {place}"),
            _ => format!("Chambre des métiers {place}"),
        },
        _ => {
            let &(first, _) = words::FIRST_NAMES.choose(rng).unwrap_or(&("Camille", true));
            format!("{first} {surname}")
        }
    }
}

/// The Luhn check digit that makes `digits` + it a valid Luhn number.
fn luhn_digit(digits: &[u32]) -> u32 {
    // Counting from the right of the full number, the check digit is position 1, so the last
    // payload digit is doubled.
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            if i % 2 == 0 {
                let twice = d * 2;
                if twice > 9 { twice - 9 } else { twice }
            } else {
                *d
            }
        })
        .sum();
    (10 - sum % 10) % 10
}

/// A SIRET whose SIREN and whole number pass the Luhn check (never La Poste's SIREN, which
/// follows another rule), head office numbered 0001-ish.
pub fn siret(rng: &mut SmallRng) -> String {
    let mut digits: Vec<u32> = vec![rng.random_range(3..=9)];
    digits.extend((0..7).map(|_| rng.random_range(0..=9)));
    digits.push(luhn_digit(&digits));
    digits.extend([0, 0, 0, rng.random_range(1..=3)]);
    digits.push(luhn_digit(&digits));
    digits.iter().filter_map(|d| char::from_digit(*d, 10)).collect()
}

/// A stored attachment: what its answer names, to be written in `files`.
pub struct FileAnswer {
    pub field: String,
    pub id: Uuid,
    pub name: String,
    pub contents: Arc<[u8]>,
}

/// Placeholder contents by file name, made once.
#[derive(Default)]
pub struct FileCache {
    by_name: HashMap<String, Arc<[u8]>>,
}

impl FileCache {
    fn contents(&mut self, name: &str) -> Arc<[u8]> {
        self.by_name
            .entry(name.to_owned())
            .or_insert_with(|| {
                pdf::placeholder(&[
                    "Pièce jointe de démonstration (données générées)",
                    "Demo attachment (generated data)",
                    name,
                ])
                .into()
            })
            .clone()
    }
}

/// Writes the answers of one dossier.
pub struct Filler<'a> {
    pub rng: &'a mut SmallRng,
    pub identity: &'a Identity,
    pub ctx: &'a Context<'a>,
    pub track: &'a str,
    pub files: Vec<FileAnswer>,
    cache: &'a mut FileCache,
    /// Budget totals by year, read by the resources table to balance each year.
    costs_by_year: BTreeMap<String, i64>,
    /// Money asked from the call, read by `amount_requested`.
    requested: i64,
}

impl<'a> Filler<'a> {
    pub fn new(
        rng: &'a mut SmallRng,
        identity: &'a Identity,
        ctx: &'a Context<'a>,
        track: &'a str,
        cache: &'a mut FileCache,
    ) -> Filler<'a> {
        Filler {
            rng,
            identity,
            ctx,
            track,
            files: Vec::new(),
            cache,
            costs_by_year: BTreeMap::new(),
            requested: 0,
        }
    }

    /// The answers of the first `sections` sections (all of them for a complete dossier):
    /// required fields always, optional ones often; then what the form hides with these
    /// answers is taken out again.
    pub fn fill(&mut self, schema: &FormSchema, sections: usize) -> Answers {
        let mut answers = Answers::new();
        for section in schema.sections.iter().take(sections) {
            for field in section.fields.iter().filter(|f| f.takes_answer()) {
                let required = field.is_required_for(self.track) || field.required_when.is_some();
                if !required && !self.rng.random_bool(0.6) {
                    continue;
                }
                if let Some(value) = self.value(field) {
                    answers.set(&field.key, value);
                }
            }
        }
        let hidden: Vec<String> = schema
            .fields()
            .filter(|f| answers.get(&f.key).is_some() && !schema.field_visible(&f.key, &answers))
            .map(|f| f.key.clone())
            .collect();
        for key in &hidden {
            answers.remove(key);
        }
        self.files.retain(|f| !hidden.contains(&f.field));
        answers
    }

    fn value(&mut self, field: &Field) -> Option<Value> {
        let id = self.identity;
        Some(match &field.kind {
            Kind::Text { max } => json!(clip(&self.text(&field.key), *max)),
            Kind::Textarea { max } => {
                let target = self.rng.random_range(250..900);
                let bank = words::sentences_for(&field.key);
                let fill = |rng: &mut SmallRng, name: &str| id.word(rng, name);
                json!(words::paragraph(self.rng, bank, &fill, target, *max))
            }
            Kind::Choice { options } => {
                let choices = options.choices(self.ctx);
                let wanted = match field.key.as_str() {
                    "lead_legal_form" => Some(id.legal_form.to_owned()),
                    "network" => Some(id.network.clone()),
                    "territory_scale" => Some(
                        if id.territory.len() > 1 { "intercommunalite" } else { "commune" }
                            .to_owned(),
                    ),
                    _ => None,
                };
                match wanted.filter(|w| choices.iter().any(|c| &c.value == w)) {
                    Some(value) => json!(value),
                    None => json!(choices.choose(self.rng)?.value),
                }
            }
            Kind::Choices { options, min, max } => {
                let choices = options.choices(self.ctx);
                let low = min.unwrap_or(1).max(1);
                let high = max.unwrap_or(3).min(choices.len()).max(low);
                let mut values: Vec<String> = Vec::new();
                if field.key == "sectors" {
                    values.extend(
                        id.sectors
                            .iter()
                            .filter(|s| choices.iter().any(|c| c.value == **s))
                            .map(|s| (*s).to_owned()),
                    );
                }
                let count = words::small_count(self.rng, low, high);
                while values.len() < count.min(choices.len()) {
                    let value = choices.choose(self.rng)?.value.clone();
                    if !values.contains(&value) {
                        values.push(value);
                    }
                }
                values.truncate(high);
                json!(values)
            }
            Kind::Integer { min, max } => json!(self.integer(&field.key, *min, *max)),
            Kind::Decimal { min, max } => {
                let low = min.unwrap_or(0.0);
                let high = max.unwrap_or(low + 60.0);
                let x = self.rng.random_range(low..=high.max(low));
                json!((x * 10.0).round() / 10.0)
            }
            Kind::Percent { min, max } => {
                json!(self.rng.random_range(min.ceil() as i64..=max.floor() as i64))
            }
            Kind::Money { min, max } => json!(self.money(&field.key, *min, *max)),
            Kind::Date { min, max } => {
                let today = self.ctx.today;
                let low = min.map(|b| b.resolve(today));
                let high = max.map(|b| b.resolve(today));
                json!(iso(self.date(&field.key, low, high)?))
            }
            Kind::YesNo => json!(match field.key.as_str() {
                "sworn_statement" | "publication_consent" => true,
                "lead_ess" => !matches!(id.legal_form, "societe" | "collectivite"),
                _ => self.rng.random_bool(0.7),
            }),
            Kind::Email => json!(id.contact_email()),
            Kind::Phone => json!(self.phone()),
            Kind::Url => {
                json!(format!("https://{}.{}", words::slug(&id.pole_name), super::DOMAIN))
            }
            Kind::Siret => json!(id.siret),
            Kind::Siren => json!(id.siret.get(..9)?),
            Kind::Department => json!(id.commune.department().code()),
            Kind::Commune => json!(id.commune.code().to_string()),
            Kind::Communes { min, max } => {
                let high = max.unwrap_or(id.territory.len()).max(min.unwrap_or(1));
                let codes: Vec<String> =
                    id.territory.iter().take(high).map(|c| c.code().to_string()).collect();
                json!(codes)
            }
            Kind::File { types, .. } => {
                if !accepts_pdf(types) {
                    return None;
                }
                self.file(&field.key, 1)?
            }
            Kind::Files { types, min, max, .. } => {
                if !accepts_pdf(types) {
                    return None;
                }
                let low = min.unwrap_or(1).max(1);
                let high = max.unwrap_or(low + 2).min(low + 3).max(low);
                let count = words::small_count(self.rng, low, high);
                let refs: Vec<Value> =
                    (1..=count).filter_map(|n| self.file(&field.key, n)).collect();
                json!(refs)
            }
            Kind::Table { columns, min_rows, max_rows } => {
                let rows = self.table(field, columns, *min_rows, *max_rows);
                if rows.is_empty() {
                    return None;
                }
                Value::Array(rows)
            }
            Kind::Heading | Kind::Computed { .. } => return None,
        })
    }

    fn text(&mut self, key: &str) -> String {
        let id = self.identity;
        match key {
            "pole_name" => id.pole_name.clone(),
            "pole_acronym" => words::acronym(&id.pole_name),
            "lead_name" => id.lead_name.clone(),
            "lead_address" => {
                format!(
                    "{} {}",
                    self.rng.random_range(1..120),
                    pick(self.rng, &words::STREET_NAMES)
                )
            }
            "contact_name" => id.contact_name(),
            "contact_role" => id.contact_role.to_owned(),
            "decision_bodies" => {
                let count = words::small_count(self.rng, 1, 3);
                let mut bodies: Vec<&str> = Vec::new();
                while bodies.len() < count {
                    let body = pick(self.rng, &words::DECISION_BODIES);
                    if !bodies.contains(&body) {
                        bodies.push(body);
                    }
                }
                bodies.join(" ; ")
            }
            _ => format!("{} {}", pick(self.rng, &words::GOALS), id.place),
        }
    }

    fn integer(&mut self, key: &str, min: Option<i64>, max: Option<i64>) -> i64 {
        let this_year = i64::from(self.ctx.today.year());
        let (low, high) = match key {
            "year_started" => {
                (i64::from(self.identity.year_started), i64::from(self.identity.year_started))
            }
            "expected_jobs" => (2, 40),
            _ => {
                let low = min.unwrap_or(0);
                (low, max.unwrap_or(low + 100).min(low + 100))
            }
        };
        let low = low.clamp(min.unwrap_or(i64::MIN), max.unwrap_or(i64::MAX));
        let high = high.clamp(low, max.unwrap_or(i64::MAX));
        let _ = this_year;
        self.rng.random_range(low..=high)
    }

    fn money(&mut self, key: &str, min: Option<i64>, max: Option<i64>) -> i64 {
        let euros: i64 = match key {
            "amount_requested" if self.requested > 0 => return self.requested,
            "amount_requested" => self.rng.random_range(0..=5) * 10_000,
            _ => self.rng.random_range(1..=200) * 500,
        };
        (euros * 100).clamp(min.unwrap_or(0), max.unwrap_or(i64::MAX))
    }

    fn date(&mut self, key: &str, low: Option<Date>, high: Option<Date>) -> Option<Date> {
        let today = self.ctx.today;
        let (from, to) = match key {
            "lead_created_on" => {
                let year = (self.identity.year_started - self.rng.random_range(0..10)).max(1950);
                let start = Date::from_calendar_date(year, Month::January, 1).ok()?;
                (start, start + Duration::days(364))
            }
            "signed_on" => (today - Duration::days(20), today),
            // Plans and milestones lie ahead.
            "start" | "date" | "end" => (today + Duration::days(30), today + Duration::days(720)),
            _ => (today - Duration::days(3 * 365), today),
        };
        let from = low.map_or(from, |l| from.max(l));
        let to = high.map_or(to, |h| to.min(h));
        if to < from {
            return low.or(high);
        }
        let span = (to - from).whole_days();
        Some(from + Duration::days(self.rng.random_range(0..=span)))
    }

    fn phone(&mut self) -> String {
        let zone = self.rng.random_range(1..=7);
        let rest: Vec<String> =
            (0..4).map(|_| format!("{:02}", self.rng.random_range(0..100))).collect();
        format!("0{zone} {}", rest.join(" "))
    }

    fn file(&mut self, key: &str, n: usize) -> Option<Value> {
        let name = match key {
            "statutes" => "statuts.pdf".to_owned(),
            "accounts" => format!("comptes-{}.pdf", self.ctx.today.year() - 1),
            "cooperation_agreement" => "convention-de-cooperation.pdf".to_owned(),
            "commitment_letters" | "letters_of_intent" => {
                let member = self.identity.members.get(n).map_or(String::new(), |m| m.name.clone());
                let kind = if key == "letters_of_intent" {
                    "lettre-intention"
                } else {
                    "lettre-engagement"
                };
                match words::slug(&member) {
                    s if s.is_empty() => format!("{kind}-{n}.pdf"),
                    s => format!("{kind}-{}.pdf", clip(&s, 40)),
                }
            }
            "authority_resolutions" => format!("deliberation-{n}.pdf"),
            "annexes" => ["plaquette.pdf", "revue-de-presse.pdf", "bilan-activite.pdf"]
                .get(n - 1)
                .map_or(format!("annexe-{n}.pdf"), |s| (*s).to_owned()),
            _ => format!("{}-{n}.pdf", key.replace('_', "-")),
        };
        let contents = self.cache.contents(&name);
        let file = FileRef {
            id: Uuid::now_v7().to_string(),
            name: name.clone(),
            size: u64::try_from(contents.len()).ok()?,
            file_type: "pdf".to_owned(),
        };
        let value = file.to_value();
        self.files.push(FileAnswer {
            field: key.to_owned(),
            id: Uuid::parse_str(&file.id).ok()?,
            name,
            contents,
        });
        Some(value)
    }

    fn table(
        &mut self,
        field: &Field,
        columns: &[Field],
        min_rows: Option<usize>,
        max_rows: Option<usize>,
    ) -> Vec<Value> {
        let required = field.is_required_for(self.track);
        let low = min_rows.unwrap_or(usize::from(required)).max(1);
        let high = max_rows.unwrap_or(low + 3).min(low + 3).max(low);
        let key = field.key.as_str();
        let members = self.identity.members.clone();
        let count = match key {
            "members" | "intended_members" => members.len().clamp(low, high.max(members.len())),
            _ => words::small_count(self.rng, low, high),
        };
        if key == "budget" {
            return self.budget(columns);
        }
        if key == "resources" {
            return self.resources(columns);
        }
        let this_year = self.ctx.today.year();
        let mut rows = Vec::with_capacity(count);
        for n in 0..count {
            let member = members.get(n % members.len().max(1));
            let mut row = serde_json::Map::new();
            for column in columns.iter().filter(|c| c.takes_answer()) {
                let value = match (key, column.key.as_str()) {
                    ("members" | "intended_members", "name") => member.map(|m| json!(m.name)),
                    ("members" | "intended_members", "category") => {
                        member.map(|m| json!(m.category))
                    }
                    ("members" | "intended_members", "ess") => member.map(|m| json!(m.ess)),
                    ("members" | "intended_members", "commune") => member.map(|m| json!(m.commune)),
                    ("members", "role") => Some(json!(match n {
                        0 => "fondateur",
                        _ if self.rng.random_bool(0.7) => "membre-actif",
                        _ => "partenaire-associe",
                    })),
                    ("members", "siret") => Some(json!(siret(self.rng))),
                    ("activity", "year") => {
                        Some(json!(this_year - 1 - i32::try_from(n).unwrap_or(0)))
                    }
                    ("activity", "direct_jobs") => Some(json!(self.rng.random_range(5..300))),
                    ("joint_projects", "title") => {
                        Some(json!(pick(self.rng, &words::JOINT_PROJECTS)))
                    }
                    ("joint_projects", "partners") => {
                        let names: Vec<&str> =
                            members.iter().take(3).map(|m| m.name.as_str()).collect();
                        Some(json!(clip(&names.join(", "), 300)))
                    }
                    ("joint_projects", "start") => {
                        let today = self.ctx.today;
                        self.date("past", None, Some(today)).map(|d| json!(iso(d)))
                    }
                    ("action_plan", "action") => Some(json!(pick(self.rng, &words::ACTIONS))),
                    ("action_plan", "objective") => Some(json!(pick(self.rng, &words::OBJECTIVES))),
                    ("action_plan" | "milestones", "lead") => member.map(|m| json!(m.name)),
                    ("milestones", "step") => Some(json!(pick(self.rng, &words::MILESTONES))),
                    ("research_partners", "name") => {
                        Some(json!(member_name(self.rng, "recherche", self.identity.commune)))
                    }
                    ("research_partners", "link") => {
                        Some(json!(pick(self.rng, &words::RESEARCH_LINKS)))
                    }
                    _ => {
                        let wanted =
                            column.is_required_for(self.track) || self.rng.random_bool(0.5);
                        if wanted { self.value(column) } else { None }
                    }
                };
                if let Some(value) = value {
                    row.insert(column.key.clone(), value);
                }
            }
            // The end of an action comes after its start.
            if let (Some(start), Some(end)) = (row.get("start"), row.get("end"))
                && end.as_str() < start.as_str()
            {
                let (start, end) = (end.clone(), start.clone());
                row.insert("start".into(), start);
                row.insert("end".into(), end);
            }
            // Figures of a year hang together: FTE below jobs, funding and revenue within the
            // turnover.
            if key == "activity" {
                let jobs = row.get("direct_jobs").and_then(Value::as_i64).unwrap_or(10);
                let fte = (jobs as f64 * self.rng.random_range(0.6..0.95) * 10.0).round() / 10.0;
                row.insert("fte".into(), json!(fte));
                let turnover = jobs * self.rng.random_range(30_000..60_000) * 100;
                let public = turnover * self.rng.random_range(10..45) / 100;
                row.insert("turnover".into(), json!(turnover));
                row.insert("public_funding".into(), json!(public));
                row.insert("own_revenue".into(), json!(turnover - public));
            }
            rows.push(Value::Object(row));
        }
        rows
    }

    /// Costs by programme year, two or three cost items each.
    fn budget(&mut self, columns: &[Field]) -> Vec<Value> {
        let years = column_options(columns, "year", self.ctx);
        let categories = column_options(columns, "category", self.ctx);
        let mut rows = Vec::new();
        for year in &years {
            let mut chosen: Vec<&String> = Vec::new();
            for _ in 0..words::small_count(self.rng, 2, 3) {
                if let Some(c) = categories.choose(self.rng)
                    && !chosen.contains(&c)
                {
                    chosen.push(c);
                }
            }
            for category in chosen {
                let amount = self.rng.random_range(4..=80) * 1_000 * 100;
                *self.costs_by_year.entry(year.clone()).or_default() += amount;
                rows.push(json!({ "year": year, "category": category, "amount": amount }));
            }
        }
        rows
    }

    /// Resources that balance each year's costs, local authorities within their caps (20 %
    /// each, 50 % together): self-financing, the call, the State, the region, private funds.
    fn resources(&mut self, columns: &[Field]) -> Vec<Value> {
        let sources = column_options(columns, "source", self.ctx);
        let has = |s: &str| sources.iter().any(|v| v == s);
        let mut rows = Vec::new();
        let costs = self.costs_by_year.clone();
        for (year, total) in costs {
            let mut left = total;
            let mut shares: Vec<(&str, i64, &str)> = Vec::new();
            for (source, percent, status) in [
                ("appel-ptce", self.rng.random_range(10..30), "sollicite"),
                ("region", self.rng.random_range(5..20), "sollicite"),
                ("etat", self.rng.random_range(5..25), "acquis"),
                ("epci-commune", self.rng.random_range(0..10), "acquis"),
            ] {
                if has(source) && percent > 0 {
                    // Whole hundreds of euros, so that amounts read like a budget.
                    let amount = total * percent / 100 / 10_000 * 10_000;
                    if amount > 0 && amount < left {
                        shares.push((source, amount, status));
                        left -= amount;
                    }
                }
            }
            let rest = if has("autofinancement") { "autofinancement" } else { "fonds-prives" };
            shares.push((rest, left, "acquis"));
            for (source, amount, status) in shares {
                if source == "appel-ptce" {
                    self.requested += amount;
                }
                rows.push(
                    json!({ "year": year, "source": source, "amount": amount, "status": status }),
                );
            }
        }
        rows
    }
}

fn column_options(columns: &[Field], key: &str, ctx: &Context) -> Vec<String> {
    columns
        .iter()
        .find(|c| c.key == key)
        .map(|c| c.choices(ctx).into_iter().map(|c| c.value).collect())
        .unwrap_or_default()
}

fn accepts_pdf(types: &[crate::domain::form::FileType]) -> bool {
    types.is_empty() || types.iter().any(|t| t.key() == "pdf")
}

/// At most `max` characters, cut at a word when it has to be cut.
fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    match cut.rfind(' ') {
        Some(space) if space > 0 => cut[..space].to_owned(),
        _ => cut,
    }
}

fn iso(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;
    use crate::domain::siret::Siret;

    #[test]
    fn generated_sirets_pass_the_luhn_checks() {
        let mut rng = SmallRng::seed_from_u64(7);
        for _ in 0..1000 {
            let siret = siret(&mut rng);
            assert_eq!(siret.len(), 14);
            assert!(Siret::parse(&siret).is_ok(), "{siret}");
        }
    }

    #[test]
    fn texts_are_clipped_at_a_word() {
        assert_eq!(clip("Pôle du réemploi de Castres", 12), "Pôle du");
        assert_eq!(clip("court", 12), "court");
    }
}
