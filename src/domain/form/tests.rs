//! Tests of the engine over the shipped default forms: parsing, a complete dossier, the checks
//! across answers, conditions, tracks, display, and robustness against garbage.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use time::macros::date;

use super::places::FakePlaces;
use super::*;
use crate::domain::call::CallTemplate;

fn schema(src: &str) -> FormSchema {
    FormSchema::from_toml(src).unwrap_or_else(|e| panic!("the form parses:\n{e}"))
}

fn with_ctx<T>(run: impl FnOnce(&Context) -> T) -> T {
    let networks = Choice::from_networks(&CallTemplate::ptce_2011().networks);
    let poles = vec![Choice::new("0190a1b2", "Pôle Sud Archer", "Pôle Sud Archer")];
    let ctx = Context {
        places: &FakePlaces,
        networks: &networks,
        poles: &poles,
        today: date!(2011 - 11 - 30),
    };
    run(&ctx)
}

fn file(name: &str) -> Value {
    json!({ "id": "0190c2b0-7d3c-7c2e-9a3e-1f2a3b4c5d6e", "name": name, "size": 120_000, "type": "pdf" })
}

/// A track-A dossier where every required answer is given and every check holds.
fn complete_established() -> Answers {
    let header = json!({
        "pole_name": "Pôle Sud Archer",
        "pole_website": "https://www.archer.fr",
        "lead_name": "Groupe Archer",
        "lead_legal_form": "association",
        "lead_siret": "73282932000074",
        "lead_ess": true,
        "lead_address": "8 rue Pierre Curie",
        "lead_commune": "81065",
        "lead_created_on": "1987-06-01",
        "contact_name": "Christophe Chevalier",
        "contact_email": "cc@archer.fr",
        "network": "coorace",
        "territory_scale": "intercommunalite",
        "territory_communes": ["81065", "02153"],
        "territory_types": ["urbain", "reconversion"],
        "publication_consent": true,
        "sworn_statement": true,
        "signed_on": "2011-11-28"
    });
    let identity = json!({
        "year_started": 2007,
        "genesis": "Né de la crise de la chaussure à Romans.",
        "legal_vehicle": "association",
        "profile": "multi-activites",
        "sectors": ["iae", "textile"],
        "members": [
            { "name": "Groupe Archer", "category": "entreprise-ess", "ess": true,
              "commune": "81065", "role": "fondateur", "jobs": 120.5 },
            { "name": "Les Chaussures Clergerie", "category": "entreprise-hors-ess", "ess": false,
              "commune": "81065", "role": "membre-actif" },
            { "name": "Ville de Castres", "category": "collectivite", "ess": false,
              "commune": "81065", "role": "partenaire-associe" }
        ]
    });
    let activity = json!({
        "shared_strategy": "Relocaliser la production.",
        "mutualisations": ["locaux", "emplois-partages"],
        "joint_projects": [{ "title": "Made in Romans", "partners": "Archer, Clergerie", "status": "en-cours" }],
        "activity": [{ "year": 2010, "direct_jobs": 120, "fte": 98.5, "turnover": 500_000_000,
                       "public_funding": 100_000_000, "own_revenue": 400_000_000 }],
        "innovation_kinds": ["sociale"],
        "innovation_description": "Une coopérative de production de chaussures.",
        "local_needs": "Emploi après les fermetures d’usines.",
        "local_partners": "Ville, agglomération, Pôle emploi.",
        "governance": "Un comité de pilotage mensuel.",
        "decision_bodies": "Assemblée générale, comité de pilotage",
        "action_plan": [{ "action": "Atelier partagé", "objective": "20 emplois",
                          "start": "2012-01-01", "lead": "Groupe Archer" }],
        "support_needs": ["accompagnement"]
    });
    let budget = json!({
        "budget": [
            { "year": "1", "category": "personnel", "amount": 8_000_000 },
            { "year": "1", "category": "fonctionnement", "amount": 2_000_000 }
        ],
        "resources": [
            { "year": "1", "source": "autofinancement", "amount": 6_000_000, "status": "acquis" },
            { "year": "1", "source": "region", "amount": 1_500_000, "status": "acquis" },
            { "year": "1", "source": "appel-ptce", "amount": 2_500_000, "status": "sollicite" }
        ],
        "amount_requested": 2_500_000,
        "statutes": file("statuts.pdf"),
        "accounts": file("comptes-2010.pdf"),
        "commitment_letters": [file("lettre-clergerie.pdf")]
    });
    let mut answers = Answers::new();
    for part in [header, identity, activity, budget] {
        for (key, value) in Answers::from_value(part).0 {
            answers.set(&key, value);
        }
    }
    answers
}

fn established_issues(answers: &Answers) -> Vec<Issue> {
    with_ctx(|ctx| validate(&schema(ESTABLISHED), "established", answers, ctx))
}

fn summary(issues: &[Issue]) -> Vec<(String, Severity, String)> {
    issues.iter().map(|i| (i.path.clone(), i.severity, i.message.fr.clone())).collect()
}

#[test]
fn the_three_default_forms_parse_with_their_sections_and_fields() {
    let counts = |s: &FormSchema| -> Vec<(String, usize)> {
        s.sections.iter().map(|x| (x.key.clone(), x.fields.len())).collect()
    };
    let a = schema(ESTABLISHED);
    assert_eq!(a.key, "established");
    assert_eq!(a.sections.len(), 15);
    assert_eq!(a.fields().count(), 54);
    assert_eq!(a.checks.len(), 7);
    assert_eq!(
        counts(&a),
        [
            ("pole", 11),
            ("contact", 5),
            ("territory", 3),
            ("history", 5),
            ("members", 1),
            ("cooperation", 3),
            ("activity", 1),
            ("innovation", 2),
            ("anchoring", 2),
            ("governance", 3),
            ("research", 1),
            ("programme", 2),
            ("budget", 6),
            ("documents", 6),
            ("commitments", 3),
        ]
        .map(|(k, n)| (k.to_owned(), n))
    );
    assert_eq!(a.field("members").map(|m| m.columns().len()), Some(7));
    let b = schema(EMERGING);
    assert_eq!(b.key, "emerging");
    assert_eq!((b.sections.len(), b.fields().count(), b.checks.len()), (9, 38, 4));
    let c = schema(INTEREST);
    assert_eq!(c.key, "interest");
    assert_eq!((c.sections.len(), c.fields().count(), c.checks.len()), (3, 12, 1));
    assert_eq!(default_source("interest"), Some(INTEREST));
    assert_eq!(default_source("other"), None);
}

#[test]
fn every_label_and_help_of_the_default_forms_is_given_in_french_and_english() {
    for src in [ESTABLISHED, EMERGING, INTEREST] {
        let s = schema(src);
        let mut fields: Vec<&Field> = s.fields().collect();
        fields.extend(s.fields().flat_map(|f| f.columns()));
        for field in fields {
            assert!(!field.label.fr.is_empty() && !field.label.en.is_empty(), "{}", field.key);
            if let Some(help) = &field.help {
                assert!(!help.fr.is_empty() && !help.en.is_empty(), "{}", field.key);
            }
        }
    }
}

#[test]
fn a_complete_track_a_dossier_has_no_error_and_no_warning() {
    let answers = complete_established();
    assert_eq!(summary(&established_issues(&answers)), []);
    let progress = with_ctx(|ctx| progress(&schema(ESTABLISHED), "established", &answers, ctx));
    assert!(progress.complete);
    let budget = progress.sections.iter().find(|s| s.key == "budget").expect("budget section");
    assert_eq!((budget.required_total, budget.required_answered), (3, 3));
}

#[test]
fn an_empty_track_a_dossier_lists_what_is_missing_section_by_section() {
    let progress =
        with_ctx(|ctx| progress(&schema(ESTABLISHED), "established", &Answers::new(), ctx));
    assert!(!progress.complete);
    let pole = &progress.sections[0];
    assert_eq!((pole.required_total, pole.required_answered, pole.errors), (7, 0, 7));
    assert_eq!(
        pole.missing,
        [
            "pole_name",
            "lead_name",
            "lead_legal_form",
            "lead_siret",
            "lead_ess",
            "lead_address",
            "lead_commune"
        ]
    );
    let research = progress.sections.iter().find(|s| s.key == "research").expect("research");
    assert_eq!((research.required_total, research.errors), (0, 0));
    let required: usize = progress.sections.iter().map(|s| s.required_total).sum();
    assert_eq!(required, 39);
}

#[test]
fn an_unbalanced_budget_gives_exactly_the_balance_warning_with_both_sums() {
    let mut answers = complete_established();
    answers.set(
        "resources",
        json!([
            { "year": "1", "source": "autofinancement", "amount": 7_000_000, "status": "acquis" },
            { "year": "1", "source": "region", "amount": 1_500_000, "status": "acquis" }
        ]),
    );
    let issues = established_issues(&answers);
    assert_eq!(
        summary(&issues),
        [(
            "budget".to_owned(),
            Severity::Warning,
            "Année 1 : les dépenses (100\u{202f}000\u{a0}€) et les ressources \
             (85\u{202f}000\u{a0}€) ne sont pas égales ; le budget de chaque année doit être \
             équilibré."
                .to_owned()
        )]
    );
    assert_eq!(issues[0].section, "budget");
    assert_eq!(
        issues[0].message.en,
        "Year 1: costs (€100,000) and resources (€85,000) are not equal; each year’s budget \
         must balance."
    );
}

#[test]
fn each_year_of_the_budget_is_balanced_on_its_own() {
    let mut answers = complete_established();
    answers.set(
        "budget",
        json!([
            { "year": "1", "category": "personnel", "amount": 10_000_000 },
            { "year": "2", "category": "personnel", "amount": 5_000_000 }
        ]),
    );
    answers.set(
        "resources",
        json!([
            { "year": "1", "source": "autofinancement", "amount": 10_000_000, "status": "acquis" },
            { "year": "3", "source": "autofinancement", "amount": 5_000_000, "status": "acquis" }
        ]),
    );
    let messages: Vec<String> =
        established_issues(&answers).into_iter().map(|i| i.message.en).collect();
    assert_eq!(
        messages,
        [
            "Year 2: costs (€50,000) and resources (€0) are not equal; each year’s budget must \
             balance.",
            "Year 3: costs (€0) and resources (€50,000) are not equal; each year’s budget must \
             balance."
        ]
    );
}

#[test]
fn a_members_table_of_two_rows_gives_the_three_rows_error() {
    let mut answers = complete_established();
    let mut members = answers.get("members").cloned().expect("members");
    if let Some(rows) = members.as_array_mut() {
        rows.truncate(2);
    }
    answers.set("members", members);
    let issues = established_issues(&answers);
    assert_eq!(
        summary(&issues),
        [
            (
                "members".to_owned(),
                Severity::Error,
                "3 lignes au minimum (il y en a 2).".to_owned()
            ),
            (
                "members".to_owned(),
                Severity::Warning,
                "Admissibilité : aucun membre n’est une collectivité, un centre de recherche, un \
                 établissement d’enseignement supérieur ou un organisme de formation ; un PTCE en \
                 associe au moins un."
                    .to_owned()
            ),
        ]
    );
    assert_eq!(issues[0].message.en, "At least 3 rows (there are 2).");
}

#[test]
fn a_members_table_without_a_mix_of_members_gets_the_composition_warnings() {
    let mut answers = complete_established();
    let member = |name: &str| {
        json!({ "name": name, "category": "personne-physique", "ess": false,
                "commune": "81065", "role": "membre-actif" })
    };
    answers.set("members", json!([member("A"), member("B"), member("C")]));
    let found: Vec<(String, Severity, String)> = established_issues(&answers)
        .into_iter()
        .map(|i| (i.path, i.severity, i.message.en.split(';').next().unwrap_or("").to_owned()))
        .collect();
    let warning = |m: &str| ("members".to_owned(), Severity::Warning, m.to_owned());
    assert_eq!(
        found,
        [
            warning("Admissibility: no member is a social and solidarity economy enterprise"),
            warning("Admissibility: no member is an enterprise outside the SSE"),
            warning(
                "Admissibility: no member is a local authority, research centre, higher \
                 education institution or training body"
            ),
        ]
    );
}

#[test]
fn a_local_authority_above_its_share_gets_a_warning_with_the_share_and_the_limit() {
    let mut answers = complete_established();
    answers.set(
        "resources",
        json!([
            { "year": "1", "source": "autofinancement", "amount": 2_000_000, "status": "acquis" },
            { "year": "1", "source": "region", "amount": 2_500_000, "status": "acquis" },
            { "year": "1", "source": "departement", "amount": 2_000_000, "status": "acquis" },
            { "year": "1", "source": "epci-commune", "amount": 1_500_000, "status": "acquis" },
            { "year": "1", "source": "appel-ptce", "amount": 2_000_000, "status": "sollicite" }
        ]),
    );
    let issues = established_issues(&answers);
    assert_eq!(
        summary(&issues),
        [
            (
                "resources".to_owned(),
                Severity::Warning,
                "Le financement « Région » représente 25\u{a0}% du coût total du programme ; \
                 chaque collectivité est limitée à 20\u{a0}%."
                    .to_owned()
            ),
            (
                "resources".to_owned(),
                Severity::Warning,
                "Les collectivités financent ensemble 60\u{a0}% du coût total du programme ; leur \
                 part cumulée est limitée à 50\u{a0}%."
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn self_financing_and_totals_are_computed() {
    let values = computed(&schema(ESTABLISHED), &complete_established());
    assert_eq!(values.get("total_costs"), Some(&ComputedValue::Money(10_000_000)));
    assert_eq!(values.get("total_resources"), Some(&ComputedValue::Money(10_000_000)));
    assert_eq!(values.get("self_financing"), Some(&ComputedValue::Percent(60.0)));
    assert_eq!(
        values.get("self_financing").map(|v| v.display(Lang::Fr)),
        Some("60\u{a0}%".to_owned())
    );
    let empty = computed(&schema(ESTABLISHED), &Answers::new());
    assert_eq!(empty.get("self_financing"), Some(&ComputedValue::Unknown));
    assert_eq!(empty.get("total_costs"), Some(&ComputedValue::Money(0)));
}

#[test]
fn a_hidden_field_is_neither_required_nor_checked_but_kept() {
    let mut answers = complete_established();
    answers.set("cooperation_agreement", json!("not a file"));
    assert_eq!(summary(&established_issues(&answers)), [], "hidden: ignored");
    answers.set("legal_vehicle", json!("sans-personnalite-propre"));
    assert_eq!(
        summary(&established_issues(&answers)),
        [(
            "cooperation_agreement".to_owned(),
            Severity::Error,
            "Fichier illisible, déposez-le à nouveau.".to_owned()
        )]
    );
    answers.remove("cooperation_agreement");
    assert_eq!(
        summary(&established_issues(&answers)),
        [(
            "cooperation_agreement".to_owned(),
            Severity::Error,
            "Ce champ est obligatoire.".to_owned()
        )]
    );
}

const CONDITIONAL: &str = r#"
key = "established"
title = { fr = "Essai", en = "Trial" }
[[sections]]
key = "identity"
title = { fr = "Identité", en = "Identity" }
  [[sections.fields]]
  key = "legal_vehicle"
  kind = "choice"
  options = [
    { value = "sans-personnalite-propre", label = { fr = "Sans personnalité propre", en = "None" } },
    { value = "association", label = { fr = "Association", en = "Association" } },
  ]
  label = { fr = "Véhicule", en = "Vehicle" }
  required = true
[[sections]]
key = "entity"
title = { fr = "Structure juridique du pôle", en = "The cluster's legal entity" }
when = 'legal_vehicle != "sans-personnalite-propre"'
  [[sections.fields]]
  key = "entity_siret"
  kind = "siret"
  label = { fr = "SIRET", en = "SIRET" }
  required = true
  [[sections.fields]]
  key = "entity_statutes"
  kind = "file"
  label = { fr = "Statuts", en = "Statutes" }
  required = true
"#;

#[test]
fn a_condition_hiding_a_section_makes_its_required_fields_not_required() {
    let s = schema(CONDITIONAL);
    let vehicle = |v: &str| Answers::from_value(json!({ "legal_vehicle": v }));
    assert!(!s.section_visible("entity", &vehicle("sans-personnalite-propre")));
    assert!(s.section_visible("entity", &vehicle("association")));
    assert!(!s.field_visible("entity_siret", &vehicle("sans-personnalite-propre")));
    assert!(s.field_visible("entity_siret", &Answers::new()), "!= holds when unanswered");
    let run = |answers: Value| {
        let answers = Answers::from_value(answers);
        with_ctx(|ctx| {
            let issues = validate(&s, "established", &answers, ctx);
            let p = progress(&s, "established", &answers, ctx);
            (summary(&issues).into_iter().map(|i| i.0).collect::<Vec<_>>(), p)
        })
    };
    let (hidden, p) =
        run(json!({ "legal_vehicle": "sans-personnalite-propre", "entity_siret": "123" }));
    assert_eq!(hidden, Vec::<String>::new());
    assert!(p.complete);
    assert_eq!((p.sections[1].visible, p.sections[1].required_total), (false, 0));
    let (shown, p) = run(json!({ "legal_vehicle": "association" }));
    assert_eq!(shown, ["entity_siret", "entity_statutes"]);
    assert!(!p.complete);
    assert_eq!((p.sections[1].visible, p.sections[1].required_total), (true, 2));
    let (unanswered, _) = run(json!({}));
    assert_eq!(unanswered, ["legal_vehicle", "entity_siret", "entity_statutes"]);
}

#[test]
fn the_siret_is_required_for_established_and_optional_for_emerging() {
    let a = schema(ESTABLISHED);
    let b = schema(EMERGING);
    let field_a = a.field("lead_siret").expect("siret");
    let field_b = b.field("lead_siret").expect("siret");
    assert!(field_a.is_required_for("established"));
    assert!(!field_b.is_required_for("emerging"));
    let answers = Answers::new();
    with_ctx(|ctx| {
        let on = |s: &FormSchema, track: &str| {
            validate_section(s, track, "pole", &answers, ctx)
                .into_iter()
                .map(|i| i.path)
                .collect::<Vec<_>>()
        };
        assert!(on(&a, "established").contains(&"lead_siret".to_owned()));
        assert!(!on(&b, "emerging").contains(&"lead_siret".to_owned()));
        // The header is the same text in both forms: the track decides, not the file.
        assert!(on(&b, "established").contains(&"lead_siret".to_owned()));
    });
}

#[test]
fn a_wrong_siret_in_a_table_cell_is_reported_at_its_cell() {
    let mut answers = complete_established();
    let mut members = answers.get("members").cloned().expect("members");
    members[1]["siret"] = json!("73282932000075");
    answers.set("members", members);
    let issues = established_issues(&answers);
    assert_eq!(
        summary(&issues),
        [(
            "members.1.siret".to_owned(),
            Severity::Error,
            "numéro SIRET invalide : la clé de contrôle ne correspond pas, un chiffre est sans \
             doute mal recopié"
                .to_owned()
        )]
    );
    assert_eq!(schema(ESTABLISHED).html_id(&issues[0].path), "f-members-1-siret");
}

#[test]
fn form_c_asks_an_organisation_of_everyone_but_a_citizen_and_needs_consent() {
    let c = schema(INTEREST);
    let run = |answers: Value| {
        let answers = Answers::from_value(answers);
        with_ctx(|ctx| summary(&validate(&c, "interest", &answers, ctx)))
    };
    let base = json!({
        "supporter_kind": "citoyen", "name": "Anne Martin", "commune": "44109",
        "email": "anne@example.org", "support_kinds": ["etre-informe"], "processing_consent": true
    });
    assert_eq!(run(base.clone()), []);
    let mut elected = base.clone();
    elected["supporter_kind"] = json!("elu");
    assert_eq!(
        run(elected),
        [("organisation".to_owned(), Severity::Error, "Ce champ est obligatoire.".to_owned())]
    );
    let mut refused = base.clone();
    refused["processing_consent"] = json!(false);
    assert_eq!(
        run(refused).into_iter().map(|i| (i.0, i.1)).collect::<Vec<_>>(),
        [("processing_consent".to_owned(), Severity::Error)]
    );
    let mut pole = base;
    pole["supported_pole"] = json!("0190a1b2");
    assert_eq!(run(pole.clone()), []);
    pole["supported_pole"] = json!("unknown-pole");
    assert_eq!(
        run(pole),
        [(
            "supported_pole".to_owned(),
            Severity::Error,
            "Choisissez une des réponses proposées.".to_owned()
        )]
    );
}

#[test]
fn answers_are_displayed_for_the_summary_page_in_both_languages() {
    let a = schema(ESTABLISHED);
    let field = |key: &str| a.field(key).expect("field").clone();
    with_ctx(|ctx| {
        let show =
            |key: &str, value: Value, lang: Lang| display(&field(key), Some(&value), lang, ctx);
        assert_eq!(show("amount_requested", json!(123_450), Lang::Fr), "1\u{202f}234,50\u{a0}€");
        assert_eq!(show("signed_on", json!("2011-11-30"), Lang::Fr), "30 novembre 2011");
        assert_eq!(show("signed_on", json!("2011-11-30"), Lang::En), "30 November 2011");
        assert_eq!(show("lead_ess", json!(true), Lang::Fr), "Oui");
        assert_eq!(show("lead_ess", json!(false), Lang::En), "No");
        assert_eq!(show("profile", json!("filiere"), Lang::Fr), "Filière");
        assert_eq!(
            show("sectors", json!(["iae", "numerique"]), Lang::En),
            "Work integration, Digital"
        );
        assert_eq!(show("lead_commune", json!("81065"), Lang::Fr), "Castres (81 — Tarn)");
        assert_eq!(show("lead_commune", json!("Castres"), Lang::Fr), "Castres");
        assert_eq!(show("network", json!("rtes"), Lang::Fr), "RTES");
        assert_eq!(show("network", json!("je-ne-sais-pas"), Lang::En), "I don’t know");
        assert_eq!(show("lead_siret", json!("73282932000074"), Lang::Fr), "732 829 320 00074");
        assert_eq!(show("year_started", json!("deux mille sept"), Lang::Fr), "deux mille sept");
        assert_eq!(
            show("members", json!([{ "name": "A" }, { "name": "B" }]), Lang::Fr),
            "2 lignes"
        );
        assert_eq!(show("statutes", file("statuts.pdf"), Lang::Fr), "statuts.pdf (120\u{a0}ko)");
        assert_eq!(show("pole_acronym", Value::Null, Lang::Fr), "");
    });
}

#[test]
fn values_go_back_into_inputs_in_a_form_the_reader_accepts() {
    let a = schema(ESTABLISHED);
    let field = |key: &str| a.field(key).expect("field").clone();
    let edit = |key: &str, value: Value| {
        with_ctx(|ctx| edit_text(&field(key), Some(&value), Lang::Fr, ctx))
    };
    assert_eq!(edit("amount_requested", json!(1_250_050)), "12500,50");
    assert_eq!(
        with_ctx(|ctx| edit_text(&field("amount_requested"), Some(&json!(5)), Lang::En, ctx)),
        "0.05"
    );
    assert_eq!(edit("signed_on", json!("2011-11-30")), "2011-11-30");
    assert_eq!(edit("lead_ess", json!(true)), "oui");
    assert_eq!(edit("lead_commune", json!("81065")), "Castres (81 — Tarn)");
    assert_eq!(edit("year_started", json!("deux mille sept")), "deux mille sept");
    assert_eq!(values::parse_money(&edit("amount_requested", json!(1_250_050))), Ok(1_250_050));
}

#[test]
fn a_posted_page_of_the_default_form_reads_into_answers_that_validate() {
    let a = schema(ESTABLISHED);
    let post: Vec<(String, String)> = [
        ("members.0.name", "Groupe Archer"),
        ("members.0.siret", "732 829 320 00074"),
        ("members.0.category", "entreprise-ess"),
        ("members.0.ess", "oui"),
        ("members.0.commune", "Castres"),
        ("members.0.commune.choice", "81065"),
        ("members.0.role", "fondateur"),
        ("members.0.jobs", "120,5"),
        ("members.1.name", "Clergerie"),
        ("members.1.category", "entreprise-hors-ess"),
        ("members.1.ess", "non"),
        ("members.1.commune", "Paris"),
        ("members.1.role", "membre-actif"),
        ("members.2.name", ""),
        ("unknown", "ignored"),
    ]
    .iter()
    .map(|(n, v)| (n.to_string(), v.to_string()))
    .collect();
    let input = read_section(&a, "members", &post, &FakePlaces, &Answers::new());
    assert_eq!(
        input.answers.to_value(),
        json!({ "members": [
            { "name": "Groupe Archer", "siret": "73282932000074", "category": "entreprise-ess",
              "ess": true, "commune": "81065", "role": "fondateur", "jobs": 120.5 },
            { "name": "Clergerie", "category": "entreprise-hors-ess", "ess": false,
              "commune": "75056", "role": "membre-actif" }
        ]})
    );
    let issues =
        with_ctx(|ctx| validate_section(&a, "established", "members", &input.answers, ctx));
    assert_eq!(
        summary(&issues),
        [
            (
                "members".to_owned(),
                Severity::Error,
                "3 lignes au minimum (il y en a 2).".to_owned()
            ),
            (
                "members".to_owned(),
                Severity::Warning,
                "Admissibilité : aucun membre n’est une collectivité, un centre de recherche, un \
                 établissement d’enseignement supérieur ou un organisme de formation ; un PTCE en \
                 associe au moins un."
                    .to_owned()
            ),
        ]
    );
}

#[test]
fn truncated_or_garbled_default_forms_are_refused_without_panicking() {
    let mut rng = StdRng::seed_from_u64(2011);
    for src in [ESTABLISHED, EMERGING, INTEREST] {
        let boundaries: Vec<usize> = src.char_indices().map(|(i, _)| i).collect();
        for at in boundaries.iter().step_by(97) {
            let truncated = &src[..*at];
            if let Err(SchemaErrors(errors)) = FormSchema::from_toml(truncated) {
                assert!(!errors.is_empty());
                assert!(errors.iter().all(|e| e.line >= 1 && e.column >= 1));
            }
        }
        let chars: Vec<char> = src.chars().collect();
        for _ in 0..300 {
            let mut garbled = chars.clone();
            for _ in 0..rng.random_range(1..6) {
                let i = rng.random_range(0..garbled.len());
                match rng.random_range(0..4) {
                    0 => {
                        garbled.remove(i);
                    }
                    1 => {
                        let c =
                            ['"', '\'', '[', ']', '=', '\n', '{', 'é', '#'][rng.random_range(0..9)];
                        garbled.insert(i, c);
                    }
                    2 => {
                        let j = rng.random_range(0..garbled.len());
                        garbled.swap(i, j);
                    }
                    _ => garbled[i] = char::from(rng.random_range(b' '..=b'~')),
                }
            }
            let text: String = garbled.into_iter().collect();
            let _ = FormSchema::from_toml(&text);
        }
    }
    for nasty in [
        "",
        "key = ",
        "\u{0}",
        "[[sections]]\n[[sections.fields]]\n",
        &format!(
            "key = \"x\"\ntitle = {{ fr = \"a\", en = \"b\" }}\nsections = {}",
            "[".repeat(200)
        ),
    ] {
        assert!(FormSchema::from_toml(nasty).is_err(), "{nasty:?}");
    }
}

#[test]
fn random_posts_never_panic_and_always_give_answers_that_validate() {
    let mut rng = StdRng::seed_from_u64(20_111_130);
    let forms = [
        (schema(ESTABLISHED), "established"),
        (schema(EMERGING), "emerging"),
        (schema(INTEREST), "interest"),
    ];
    let values = [
        "",
        " ",
        "oui",
        "non",
        "Castres",
        "81065",
        "Paris",
        "12 500,50",
        "-3",
        "abc",
        "2011-11-30",
        "31/02/2011",
        "73282932000074",
        "0123456789",
        "www.archer.fr",
        "on",
        "1",
        "\u{0}\r\n",
        "é€𝄞",
        "99999999999999999999",
        "1e308",
        "NaN",
        "entreprise-ess",
        "coorace",
    ];
    for _ in 0..400 {
        let (form, track) = &forms[rng.random_range(0..forms.len())];
        let section = &form.sections[rng.random_range(0..form.sections.len())];
        let mut names: Vec<String> = vec!["garbage".into(), "..".into(), ".".into()];
        for field in &section.fields {
            names.push(field.key.clone());
            names.push(format!("{}.choice", field.key));
            names.push(format!("{}.{}", field.key, rng.random_range(0..4)));
            names.push(format!("{}.{}.choice", field.key, rng.random_range(0..4)));
            names.push(format!("{}.99999999999999999999.x", field.key));
            names.push(format!("{}.-1", field.key));
            for column in field.columns() {
                let row = rng.random_range(0..5);
                names.push(format!("{}.{row}.{}", field.key, column.key));
                names.push(format!("{}.{row}.{}.choice", field.key, column.key));
                names.push(format!("{}.{row}._remove", field.key));
            }
        }
        let mut post = Vec::new();
        for _ in 0..rng.random_range(0..40) {
            let name = names[rng.random_range(0..names.len())].clone();
            let value = if rng.random_bool(0.1) {
                "x".repeat(rng.random_range(0..5000))
            } else {
                values[rng.random_range(0..values.len())].to_owned()
            };
            post.push((name, value));
        }
        let previous = if rng.random_bool(0.5) { complete_established() } else { Answers::new() };
        let input = read_section(form, &section.key, &post, &FakePlaces, &previous);
        with_ctx(|ctx| {
            let _ = validate(form, track, &input.answers, ctx);
            let _ = progress(form, track, &input.answers, ctx);
            let _ = computed(form, &input.answers);
            for field in form.fields() {
                if let Some(value) = input.answers.get(&field.key) {
                    let _ = display(field, Some(value), Lang::Fr, ctx);
                    let _ = edit_text(field, Some(value), Lang::En, ctx);
                }
            }
        });
        let stored = Answers::from_json(&input.answers.to_json());
        assert_eq!(stored, input.answers, "answers survive storage as JSON");
    }
}

#[test]
fn garbage_answers_from_storage_are_reported_not_crashed_on() {
    let garbage = Answers::from_value(json!({
        "pole_name": 12, "lead_ess": "peut-être", "members": "three", "budget": [1, null, "x"],
        "territory_communes": { "a": 1 }, "statutes": [1], "commitment_letters": [{ "id": 1 }],
        "sectors": "iae", "year_started": 1.5, "amount_requested": -5, "signed_on": "2099-01-01"
    }));
    let paths: Vec<String> = established_issues(&garbage)
        .into_iter()
        .filter(|i| i.severity == Severity::Error)
        .map(|i| i.path)
        .filter(|p| garbage.at(p.split('.').next().unwrap_or("")).is_some())
        .collect();
    assert_eq!(
        paths,
        [
            "pole_name",
            "lead_ess",
            "territory_communes",
            "year_started",
            "sectors",
            "members",
            "budget.0",
            "budget.1",
            "budget.2",
            "amount_requested",
            "statutes",
            "commitment_letters.0",
            "signed_on"
        ]
    );
}
