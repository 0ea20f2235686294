//! Screening step 1 (GRID.md): the admissibility checks of a submitted dossier, computed from its
//! answers — pass, warning or fail, each with a reason the candidate could understand. A referent
//! then confirms or overrides each one (with a comment); that part is stored by the database.

use std::collections::BTreeMap;

use serde_json::Value;

use super::form::Message;
use super::siret::Siret;

/// The outcome of a check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pass,
    Warning,
    Fail,
}

impl Status {
    pub const ALL: [Status; 3] = [Status::Pass, Status::Warning, Status::Fail];

    pub fn code(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warning => "warning",
            Status::Fail => "fail",
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> Message {
        match self {
            Status::Pass => Message::new("Conforme", "Passes"),
            Status::Warning => Message::new("À vérifier", "To check"),
            Status::Fail => Message::new("Non conforme", "Fails"),
        }
    }
}

/// One computed check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// `complete`, `deadline`, `legal_persons`, `diversity`, `territory`, `siret`, `budget`.
    pub key: &'static str,
    pub label: Message,
    pub status: Status,
    pub reason: Message,
}

/// What the checks are computed from.
pub struct Facts<'a> {
    pub track: &'a str,
    pub answers: &'a Value,
    /// No blocking issue when validated against its form.
    pub complete: bool,
    /// Submitted before the end of the application window.
    pub in_time: bool,
    /// The diversity rule (one ESS enterprise, one other enterprise, one authority, research or
    /// training body) became a requirement in 2015: for the 2011 call it only warns.
    pub diversity_required: bool,
}

fn rows<'a>(answers: &'a Value, key: &str) -> Vec<&'a serde_json::Map<String, Value>> {
    answers
        .get(key)
        .and_then(Value::as_array)
        .map(|rows| rows.iter().filter_map(Value::as_object).collect())
        .unwrap_or_default()
}

fn text<'a>(row: &'a serde_json::Map<String, Value>, key: &str) -> &'a str {
    row.get(key).and_then(Value::as_str).unwrap_or_default().trim()
}

fn amount(row: &serde_json::Map<String, Value>) -> i64 {
    row.get("amount").and_then(Value::as_i64).unwrap_or(0)
}

/// The admissibility checks of GRID.md step 1, in its order. SIRET is checked on track A
/// (`established`) only.
pub fn checks(facts: &Facts<'_>) -> Vec<Check> {
    let mut out = Vec::with_capacity(7);
    let check = |key, label: (&str, &str), status, reason: Message| Check {
        key,
        label: Message::new(label.0, label.1),
        status,
        reason,
    };
    out.push(check(
        "complete",
        ("Dossier complet", "Complete dossier"),
        if facts.complete { Status::Pass } else { Status::Fail },
        if facts.complete {
            Message::new(
                "Toutes les réponses et pièces obligatoires sont là.",
                "Every required answer and file is there.",
            )
        } else {
            Message::new(
                "Des réponses ou pièces obligatoires manquent.",
                "Required answers or files are missing.",
            )
        },
    ));
    out.push(check(
        "deadline",
        ("Déposé dans les délais", "Submitted in time"),
        if facts.in_time { Status::Pass } else { Status::Fail },
        if facts.in_time {
            Message::new("Déposé avant la date limite.", "Submitted before the deadline.")
        } else {
            Message::new("Déposé après la date limite.", "Submitted after the deadline.")
        },
    ));
    let members = rows(facts.answers, "members");
    let legal = members
        .iter()
        .filter(|m| !text(m, "name").is_empty() && text(m, "category") != "personne-physique")
        .count();
    out.push(check(
        "legal_persons",
        ("Au moins 3 personnes morales", "At least 3 legal persons"),
        if legal >= 3 { Status::Pass } else { Status::Fail },
        Message::new(
            format!("{legal} personne(s) morale(s) parmi les membres ; il en faut au moins 3."),
            format!("{legal} legal person(s) among the members; at least 3 are needed."),
        ),
    ));
    let has = |wanted: &[&str]| members.iter().any(|m| wanted.contains(&text(m, "category")));
    let ess = has(&["entreprise-ess"])
        || members
            .iter()
            .any(|m| m.get("ess") == Some(&Value::Bool(true)) || text(m, "ess") == "oui");
    let mut missing: Vec<(&str, &str)> = Vec::new();
    if !ess {
        missing.push(("une entreprise de l’ESS", "a social-economy enterprise"));
    }
    if !has(&["entreprise-hors-ess"]) {
        missing.push(("une entreprise hors ESS", "an enterprise outside the social economy"));
    }
    if !has(&["collectivite", "recherche", "formation"]) {
        missing.push((
            "une collectivité, un centre de recherche ou un organisme de formation",
            "a local authority, a research centre or a training body",
        ));
    }
    let diversity_status = match (missing.is_empty(), facts.diversity_required) {
        (true, _) => Status::Pass,
        (false, true) => Status::Fail,
        (false, false) => Status::Warning,
    };
    out.push(check(
        "diversity",
        ("Diversité des membres", "Diversity of members"),
        diversity_status,
        if missing.is_empty() {
            Message::new(
                "Une entreprise de l’ESS, une entreprise hors ESS et une collectivité, un centre de recherche ou un organisme de formation.",
                "A social-economy enterprise, another enterprise and a local authority, research centre or training body.",
            )
        } else {
            let fr: Vec<&str> = missing.iter().map(|m| m.0).collect();
            let en: Vec<&str> = missing.iter().map(|m| m.1).collect();
            Message::new(format!("Il manque : {}.", fr.join(" ; ")), format!("Missing: {}.", en.join("; ")))
        },
    ));
    let communes = facts
        .answers
        .get("territory_communes")
        .and_then(Value::as_array)
        .map_or(0, |c| c.iter().filter(|v| v.as_str().is_some_and(|s| !s.is_empty())).count());
    out.push(check(
        "territory",
        ("Territoire défini", "Defined territory"),
        if communes > 0 { Status::Pass } else { Status::Fail },
        Message::new(
            format!("{communes} commune(s) couverte(s) ; il en faut au moins une."),
            format!("{communes} commune(s) covered; at least one is needed."),
        ),
    ));
    if facts.track == "established" {
        let siret = facts.answers.get("lead_siret").and_then(Value::as_str).unwrap_or_default();
        let valid = Siret::parse(siret).is_ok();
        out.push(check(
            "siret",
            ("SIRET valide de la structure porteuse", "Valid SIRET of the lead organisation"),
            if valid { Status::Pass } else { Status::Fail },
            if valid {
                Message::new("Le numéro SIRET est valide.", "The SIRET number is valid.")
            } else {
                Message::new(
                    "Le numéro SIRET manque ou n’est pas valide.",
                    "The SIRET number is missing or invalid.",
                )
            },
        ));
    }
    let mut years: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for row in rows(facts.answers, "budget") {
        years.entry(text(row, "year").to_owned()).or_default().0 += amount(row);
    }
    for row in rows(facts.answers, "resources") {
        years.entry(text(row, "year").to_owned()).or_default().1 += amount(row);
    }
    let unbalanced: Vec<&str> =
        years.iter().filter(|(_, (c, r))| c != r).map(|(y, _)| y.as_str()).collect();
    out.push(check(
        "budget",
        ("Budget équilibré chaque année", "Budget balanced each year"),
        if years.is_empty() || !unbalanced.is_empty() { Status::Fail } else { Status::Pass },
        if years.is_empty() {
            Message::new("Aucun budget n’est donné.", "No budget is given.")
        } else if unbalanced.is_empty() {
            Message::new(
                "Dépenses et ressources sont égales chaque année.",
                "Costs and resources are equal each year.",
            )
        } else {
            let list = unbalanced.join(", ");
            Message::new(
                format!("Dépenses et ressources diffèrent pour l’année {list}."),
                format!("Costs and resources differ for year {list}."),
            )
        },
    ));
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn answers() -> Value {
        json!({
            "lead_siret": "73282932000074",
            "territory_communes": ["81065"],
            "members": [
                { "name": "Groupe Archer", "category": "autre-personne-morale", "ess": true },
                { "name": "Clergerie", "category": "entreprise-hors-ess", "ess": "non" },
                { "name": "Ville de Castres", "category": "collectivite", "ess": "non" }
            ],
            "budget": [{ "year": "1", "category": "personnel", "amount": 10_000_000 }],
            "resources": [
                { "year": "1", "amount": 7_500_000 }, { "year": "1", "amount": 2_500_000 }
            ]
        })
    }

    fn statuses(answers: &Value, track: &str) -> Vec<(&'static str, Status)> {
        let facts =
            Facts { track, answers, complete: true, in_time: true, diversity_required: false };
        checks(&facts).into_iter().map(|c| (c.key, c.status)).collect()
    }

    #[test]
    fn a_complete_track_a_dossier_passes_all_seven_checks() {
        assert_eq!(
            statuses(&answers(), "established"),
            [
                ("complete", Status::Pass),
                ("deadline", Status::Pass),
                ("legal_persons", Status::Pass),
                ("diversity", Status::Pass),
                ("territory", Status::Pass),
                ("siret", Status::Pass),
                ("budget", Status::Pass)
            ]
        );
    }

    #[test]
    fn two_legal_persons_fail_and_a_missing_authority_only_warns_in_2011() {
        let mut a = answers();
        a["members"].as_array_mut().expect("rows").pop();
        let facts = Facts {
            track: "emerging",
            answers: &a,
            complete: true,
            in_time: true,
            diversity_required: false,
        };
        let found = checks(&facts);
        let legal = found.iter().find(|c| c.key == "legal_persons").expect("check");
        assert_eq!(legal.status, Status::Fail);
        assert_eq!(
            legal.reason.fr,
            "2 personne(s) morale(s) parmi les membres ; il en faut au moins 3."
        );
        let diversity = found.iter().find(|c| c.key == "diversity").expect("check");
        assert_eq!(diversity.status, Status::Warning);
        assert_eq!(
            diversity.reason.fr,
            "Il manque : une collectivité, un centre de recherche ou un organisme de formation."
        );
        assert!(found.iter().all(|c| c.key != "siret"), "no SIRET check on track B");
    }

    #[test]
    fn an_unbalanced_year_and_a_wrong_siret_fail_with_their_reason() {
        let mut a = answers();
        a["resources"][1]["amount"] = json!(1_000_000);
        a["lead_siret"] = json!("73282932000075");
        let facts = Facts {
            track: "established",
            answers: &a,
            complete: false,
            in_time: false,
            diversity_required: true,
        };
        let found = checks(&facts);
        let by = |key: &str| found.iter().find(|c| c.key == key).expect("check").clone();
        assert_eq!(by("budget").reason.fr, "Dépenses et ressources diffèrent pour l’année 1.");
        assert_eq!(by("siret").status, Status::Fail);
        assert_eq!(by("complete").status, Status::Fail);
        assert_eq!(by("deadline").status, Status::Fail);
    }
}
