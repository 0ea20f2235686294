//! Routing a submitted dossier to one partner network: the network the candidate chose, else the
//! first routing rule of the call that matches its answers, else none (the steering group then
//! assigns it). Rules test one answer: the department or region of a commune, or a value.

use serde_json::Value;

use super::form::{FormSchema, Kind, Message, Options};
use super::territory::{Gazetteer, InseeCode};

/// What a rule looks at in the answer of its field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleTest {
    /// The department of the commune(s) answered (codes such as `26`, `2A`, `971`).
    Department,
    /// The current region of the commune(s) answered (INSEE region codes such as `84`).
    Region,
    /// The region of 2011 (before the 2016 merger) of the commune(s) answered.
    Region2011,
    /// The option value(s) answered (a sector, a scale…).
    Value,
    /// Every dossier: the default network, as the last rule.
    Always,
}

impl RuleTest {
    pub const ALL: [RuleTest; 5] = [
        RuleTest::Department,
        RuleTest::Region,
        RuleTest::Region2011,
        RuleTest::Value,
        RuleTest::Always,
    ];

    pub fn code(self) -> &'static str {
        match self {
            RuleTest::Department => "department",
            RuleTest::Region => "region",
            RuleTest::Region2011 => "region-2011",
            RuleTest::Value => "value",
            RuleTest::Always => "always",
        }
    }

    pub fn parse(code: &str) -> Option<RuleTest> {
        RuleTest::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn label(self) -> Message {
        let (fr, en) = match self {
            RuleTest::Department => ("département de la commune", "department of the commune"),
            RuleTest::Region => ("région actuelle de la commune", "current region of the commune"),
            RuleTest::Region2011 => ("région de 2011 de la commune", "2011 region of the commune"),
            RuleTest::Value => ("valeur de la réponse", "value of the answer"),
            RuleTest::Always => ("tous les dossiers", "every dossier"),
        };
        Message::new(fr, en)
    }

    fn needs_commune(self) -> bool {
        matches!(self, RuleTest::Department | RuleTest::Region | RuleTest::Region2011)
    }
}

/// A routing rule as the steering group writes it, checked against the call's forms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutingRule {
    /// The track it applies to; `None`: every track.
    pub track: Option<String>,
    pub test: RuleTest,
    /// The form field tested (`None` for [`RuleTest::Always`]).
    pub field: Option<String>,
    /// The values that match (department codes, region codes, option values).
    pub values: Vec<String>,
    /// The partner network's slug.
    pub network: String,
}

/// Why a rule was refused, next to the field of the rule form it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleError {
    /// `field`, `values`, `network` or `track`.
    pub input: &'static str,
    pub message: Message,
}

/// What a new rule is written from: the raw inputs of the rule form.
#[derive(Debug, Clone, Default)]
pub struct RuleInput<'a> {
    pub track: &'a str,
    pub test: &'a str,
    pub field: &'a str,
    pub values: &'a str,
    pub network: &'a str,
}

impl RoutingRule {
    /// Parses a rule from the rule form against the call's forms (`(track, schema)`), networks
    /// (slugs) and the gazetteer: the field must exist in the forms it applies to and suit the
    /// test, each value must be a known department, region or option.
    pub fn parse(
        input: &RuleInput<'_>,
        forms: &[(&str, &FormSchema)],
        networks: &[&str],
        places: &Gazetteer,
    ) -> Result<RoutingRule, Vec<RuleError>> {
        let mut errors = Vec::new();
        let track = Some(input.track.trim()).filter(|t| !t.is_empty()).map(str::to_owned);
        if let Some(track) = &track
            && !forms.iter().any(|(t, _)| t == track)
        {
            errors.push(RuleError {
                input: "track",
                message: Message::new(
                    format!("Le parcours « {track} » n’existe pas dans cet appel."),
                    format!("The track “{track}” does not exist in this call."),
                ),
            });
        }
        let network = input.network.trim().to_owned();
        if !networks.contains(&network.as_str()) {
            errors.push(RuleError {
                input: "network",
                message: Message::new(
                    "Choisissez un réseau partenaire de l’appel.",
                    "Choose one of the call’s partner networks.",
                ),
            });
        }
        let Some(test) = RuleTest::parse(input.test.trim()) else {
            errors.push(RuleError {
                input: "test",
                message: Message::new(
                    "Choisissez ce que la règle examine.",
                    "Choose what the rule looks at.",
                ),
            });
            return Err(errors);
        };
        if test == RuleTest::Always {
            return if errors.is_empty() {
                Ok(RoutingRule { track, test, field: None, values: Vec::new(), network })
            } else {
                Err(errors)
            };
        }
        let field = input.field.trim().to_owned();
        let applies: Vec<&FormSchema> = forms
            .iter()
            .filter(|(t, _)| track.as_deref().is_none_or(|track| track == *t))
            .map(|(_, schema)| *schema)
            .collect();
        let kinds: Vec<&Kind> = applies
            .iter()
            .filter_map(|schema| schema.fields().find(|f| f.key == field).map(|f| &f.kind))
            .collect();
        let mut options: Vec<String> = Vec::new();
        if field.is_empty() || kinds.is_empty() {
            errors.push(RuleError {
                input: "field",
                message: Message::new(
                    format!(
                        "Le champ « {field} » n’existe dans aucun formulaire concerné par la règle."
                    ),
                    format!("The field “{field}” is in none of the forms the rule applies to."),
                ),
            });
        } else {
            let suits = kinds.iter().all(|kind| {
                if test.needs_commune() {
                    matches!(kind, Kind::Commune | Kind::Communes { .. } | Kind::Department)
                } else {
                    matches!(
                        kind,
                        Kind::Choice { .. }
                            | Kind::Choices { .. }
                            | Kind::Text { .. }
                            | Kind::YesNo
                    )
                }
            });
            if !suits {
                errors.push(RuleError {
                    input: "field",
                    message: Message::new(
                        format!(
                            "Le champ « {field} » ne se prête pas à ce test : {}.",
                            test.label().fr
                        ),
                        format!(
                            "The field “{field}” does not suit this test: {}.",
                            test.label().en
                        ),
                    ),
                });
            }
            for kind in &kinds {
                if let Kind::Choice { options: Options::Fixed(list) }
                | Kind::Choices { options: Options::Fixed(list), .. } = kind
                {
                    options.extend(list.iter().map(|c| c.value.clone()));
                }
            }
        }
        let values: Vec<String> = input
            .values
            .split([',', ';', ' ', '\n'])
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
            .collect();
        if values.is_empty() {
            errors.push(RuleError {
                input: "values",
                message: Message::new(
                    "Indiquez au moins une valeur, séparées par des virgules.",
                    "Give at least one value, separated by commas.",
                ),
            });
        }
        let unknown: Vec<&str> = values
            .iter()
            .filter(|v| match test {
                RuleTest::Department => places.department(v).is_none(),
                RuleTest::Region => places.region_current(v).is_none(),
                RuleTest::Region2011 => places.region_2011(v).is_none(),
                RuleTest::Value => !options.is_empty() && !options.iter().any(|o| o == *v),
                RuleTest::Always => false,
            })
            .map(String::as_str)
            .collect();
        if !unknown.is_empty() {
            let list = unknown.join(", ");
            errors.push(RuleError {
                input: "values",
                message: Message::new(
                    format!("Valeurs inconnues pour ce test : {list}."),
                    format!("Unknown values for this test: {list}."),
                ),
            });
        }
        if errors.is_empty() {
            Ok(RoutingRule { track, test, field: Some(field), values, network })
        } else {
            Err(errors)
        }
    }

    /// Whether the rule matches a dossier of `track` with these answers (a JSON object).
    pub fn matches(&self, track: &str, answers: &Value, places: &Gazetteer) -> bool {
        if self.track.as_deref().is_some_and(|t| t != track) {
            return false;
        }
        let Some(field) = &self.field else { return self.test == RuleTest::Always };
        let answered: Vec<&str> = match answers.get(field) {
            Some(Value::String(text)) => vec![text.as_str()],
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            Some(Value::Bool(yes)) => vec![if *yes { "oui" } else { "non" }],
            _ => Vec::new(),
        };
        answered.into_iter().any(|answer| {
            let key = match self.test {
                RuleTest::Value => Some(answer.to_owned()),
                RuleTest::Always => return true,
                test => commune_key(test, answer, places),
            };
            key.is_some_and(|key| self.values.contains(&key))
        })
    }
}

/// The department or region code of the commune an answer names (its INSEE code), or of the
/// department it names (a department field).
fn commune_key(test: RuleTest, answer: &str, places: &Gazetteer) -> Option<String> {
    let department = match InseeCode::parse(answer) {
        Ok(code) => places.commune(&code)?.department(),
        Err(_) => places.department(answer)?,
    };
    Some(
        match test {
            RuleTest::Department => department.code(),
            RuleTest::Region => department.region().code(),
            _ => department.region_2011().code(),
        }
        .to_owned(),
    )
}

/// How a dossier came to its network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The candidate chose it in the form.
    Chosen(String),
    /// The rule at this position (from 1) matched.
    Rule { position: usize, network: String },
    /// No choice and no rule matched: the steering group assigns it.
    Unrouted,
}

impl Route {
    pub fn network(&self) -> Option<&str> {
        match self {
            Route::Chosen(network) | Route::Rule { network, .. } => Some(network),
            Route::Unrouted => None,
        }
    }
}

/// Routes a dossier: the candidate's choice (`chosen`, a network slug, if any), else the first
/// matching rule, else none.
pub fn route(
    chosen: Option<&str>,
    track: &str,
    answers: &Value,
    rules: &[RoutingRule],
    places: &Gazetteer,
) -> Route {
    if let Some(chosen) = chosen {
        return Route::Chosen(chosen.to_owned());
    }
    rules
        .iter()
        .position(|rule| rule.matches(track, answers, places))
        .map(|i| Route::Rule { position: i + 1, network: rules[i].network.clone() })
        .unwrap_or(Route::Unrouted)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn rule(test: RuleTest, field: &str, values: &[&str], network: &str) -> RoutingRule {
        RoutingRule {
            track: None,
            test,
            field: Some(field.to_owned()).filter(|f| !f.is_empty()),
            values: values.iter().map(|v| (*v).to_owned()).collect(),
            network: network.to_owned(),
        }
    }

    fn rules() -> Vec<RoutingRule> {
        vec![
            rule(RuleTest::Department, "lead_commune", &["26", "07"], "coorace"),
            rule(RuleTest::Region2011, "lead_commune", &["73"], "rtes"),
            rule(RuleTest::Value, "sectors", &["numerique"], "iris"),
            rule(RuleTest::Always, "", &[], "labo-ess"),
        ]
    }

    #[test]
    fn the_candidates_choice_wins_over_every_rule() {
        let answers = json!({ "lead_commune": "26281" });
        let routed = route(Some("cncres"), "established", &answers, &rules(), Gazetteer::global());
        assert_eq!(routed, Route::Chosen("cncres".to_owned()));
    }

    #[test]
    fn the_first_matching_rule_routes_a_dossier_from_its_communes_department() {
        // Romans-sur-Isère, Drôme (26).
        let answers = json!({ "lead_commune": "26281", "sectors": ["numerique"] });
        let routed = route(None, "established", &answers, &rules(), Gazetteer::global());
        assert_eq!(routed, Route::Rule { position: 1, network: "coorace".to_owned() });
    }

    #[test]
    fn a_region_of_2011_rule_routes_castres_of_the_tarn_to_midi_pyrenees() {
        let answers = json!({ "lead_commune": "81065" });
        let routed = route(None, "emerging", &answers, &rules(), Gazetteer::global());
        assert_eq!(routed, Route::Rule { position: 2, network: "rtes".to_owned() });
    }

    #[test]
    fn a_value_rule_matches_one_of_several_options_answered() {
        let answers = json!({ "lead_commune": "75056", "sectors": ["culture", "numerique"] });
        let routed = route(None, "emerging", &answers, &rules(), Gazetteer::global());
        assert_eq!(routed, Route::Rule { position: 3, network: "iris".to_owned() });
    }

    #[test]
    fn a_dossier_no_rule_matches_goes_to_the_default_rule_or_stays_unrouted_without_one() {
        let answers = json!({ "lead_commune": "75056" });
        let routed = route(None, "emerging", &answers, &rules(), Gazetteer::global());
        assert_eq!(routed, Route::Rule { position: 4, network: "labo-ess".to_owned() });
        let without_default = &rules()[..3];
        assert_eq!(
            route(None, "emerging", &answers, without_default, Gazetteer::global()),
            Route::Unrouted
        );
    }

    #[test]
    fn a_rule_for_one_track_leaves_the_other_track_alone() {
        let mut only_a = rule(RuleTest::Department, "lead_commune", &["81"], "coorace");
        only_a.track = Some("established".to_owned());
        let answers = json!({ "lead_commune": "81065" });
        assert!(only_a.matches("established", &answers, Gazetteer::global()));
        assert!(!only_a.matches("emerging", &answers, Gazetteer::global()));
    }

    fn forms() -> Vec<(&'static str, FormSchema)> {
        let established = include_str!("../../data/forms/established.toml");
        let emerging = include_str!("../../data/forms/emerging.toml");
        vec![
            ("established", FormSchema::from_toml(established).expect("form A")),
            ("emerging", FormSchema::from_toml(emerging).expect("form B")),
        ]
    }

    fn parse(input: &RuleInput<'_>) -> Result<RoutingRule, Vec<RuleError>> {
        let forms = forms();
        let forms: Vec<(&str, &FormSchema)> = forms.iter().map(|(t, s)| (*t, s)).collect();
        RoutingRule::parse(input, &forms, &["coorace", "rtes"], Gazetteer::global())
    }

    #[test]
    fn a_rule_on_a_field_no_form_has_is_refused_with_the_reason() {
        let input = RuleInput {
            test: "department",
            field: "lead_town",
            values: "26",
            network: "coorace",
            ..RuleInput::default()
        };
        let errors = parse(&input).expect_err("refused");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].input, "field");
        assert_eq!(
            errors[0].message.fr,
            "Le champ « lead_town » n’existe dans aucun formulaire concerné par la règle."
        );
    }

    #[test]
    fn a_department_rule_reads_its_codes_and_refuses_unknown_ones() {
        let input = RuleInput {
            test: "department",
            field: "lead_commune",
            values: "26, 07",
            network: "coorace",
            ..RuleInput::default()
        };
        let parsed = parse(&input).expect("a rule");
        assert_eq!(parsed.values, ["26", "07"]);
        assert_eq!(parsed.field.as_deref(), Some("lead_commune"));
        let wrong = RuleInput { values: "26, 99", ..input };
        let errors = parse(&wrong).expect_err("refused");
        assert_eq!(errors[0].message.fr, "Valeurs inconnues pour ce test : 99.");
    }

    #[test]
    fn a_value_rule_accepts_only_the_fields_options_and_a_commune_field_does_not_suit_it() {
        let input = RuleInput {
            test: "value",
            field: "sectors",
            values: "numerique",
            network: "rtes",
            ..RuleInput::default()
        };
        assert!(parse(&input).is_ok());
        let unknown = RuleInput { values: "spatial", ..input.clone() };
        assert_eq!(
            parse(&unknown).expect_err("refused")[0].message.fr,
            "Valeurs inconnues pour ce test : spatial."
        );
        let commune = RuleInput { field: "lead_commune", ..input };
        assert_eq!(
            parse(&commune).expect_err("refused")[0].message.fr,
            "Le champ « lead_commune » ne se prête pas à ce test : valeur de la réponse."
        );
    }
}
