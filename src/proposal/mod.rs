//! The costed support and funding proposal (proposition chiffrée) as use cases: the selected
//! dossiers it counts, their totals against the envelope, the scenarios (which dossiers, which
//! amount each) with theirs, and the tables every view of it shares (the page, the XLSX and
//! the PDF in `report`).
//!
//! A dossier counts once its decision is retenu or retenu sous réserve, prepared or released:
//! the steering group prepares the proposal before it releases the decisions.

pub mod report;

use std::collections::BTreeMap;

use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::accounts::Account;
use crate::db::proposals::{Saved, ScenarioSave, StoredScenario};
use crate::domain::call::Call;
use crate::domain::form::Choice;
use crate::domain::lang::Lang;
use crate::domain::money::{Money, MoneyError};
use crate::domain::proposal::{self, Balance, Entry, Figures, TooLarge, Totals};
use crate::domain::review::Outcome;
use crate::domain::territory::{Gazetteer, InseeCode};
use crate::i18n;

/// A selected dossier as the proposal shows it.
#[derive(Debug, Clone)]
pub struct Selected {
    pub id: Uuid,
    pub reference: String,
    pub title: String,
    pub organisation: String,
    pub outcome: Outcome,
    /// False while the decision is only prepared.
    pub released: bool,
    pub region_2011_name: String,
    pub region_current_name: String,
    pub entry: Entry,
}

impl Selected {
    pub fn requested(&self) -> Money {
        self.entry.figures.requested
    }
}

/// A saved scenario with its totals.
#[derive(Debug, Clone)]
pub struct Scenario {
    pub stored: StoredScenario,
    /// The dossiers it keeps that are still selected, with the amount granted to each, in the
    /// order of the selected dossiers.
    pub lines: Vec<(Uuid, Money)>,
    /// How many dossiers it kept that are no longer selected: left out of its totals.
    pub dropped: usize,
    pub totals: Totals,
    pub balance: Balance,
}

impl Scenario {
    /// The amount it grants a dossier, None when it leaves the dossier out.
    pub fn granted(&self, dossier: Uuid) -> Option<Money> {
        self.lines.iter().find(|(id, _)| *id == dossier).map(|(_, m)| *m)
    }
}

/// The option labels of the answers the proposal reads, in the forms' order (both tracks'
/// options merged), and the names of tracks and regions.
#[derive(Debug, Clone, Default)]
pub struct Labels {
    pub tracks: Vec<(String, String)>,
    pub categories: Vec<(String, String)>,
    pub years: Vec<(String, String)>,
    pub sources: Vec<(String, String)>,
    pub needs: Vec<(String, String)>,
    pub regions_2011: BTreeMap<String, String>,
    pub regions_current: BTreeMap<String, String>,
}

/// The whole proposal of a call.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub selected: Vec<Selected>,
    pub envelope: Option<Money>,
    /// Every selected dossier, granted what it requested.
    pub totals: Totals,
    pub balance: Balance,
    pub scenarios: Vec<Scenario>,
    pub labels: Labels,
}

impl Proposal {
    pub fn scenario(&self, id: Uuid) -> Option<&Scenario> {
        self.scenarios.iter().find(|s| s.stored.id == id)
    }
}

/// The region (code and name) of 2011 and of now of a dossier's lead commune; "?" unknown.
fn regions(answers: &serde_json::Value) -> ((String, String), (String, String)) {
    let commune = answers
        .get("lead_commune")
        .and_then(|v| v.as_str())
        .and_then(|code| InseeCode::parse(code).ok())
        .and_then(|code| Gazetteer::global().commune(&code));
    match commune {
        Some(c) => {
            let (old, now) = (c.region_2011(), c.region());
            (
                (old.code().to_owned(), old.name().to_owned()),
                (now.code().to_owned(), now.name().to_owned()),
            )
        }
        None => (("?".to_owned(), "?".to_owned()), ("?".to_owned(), "?".to_owned())),
    }
}

/// The selected dossiers of a call (retenu or retenu sous réserve, prepared or released).
pub async fn selected(app: &AppState, call: &Call) -> anyhow::Result<Vec<Selected>> {
    let rows = app.db.proposal_dossiers(call.id).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let outcome = Outcome::parse(&row.outcome)?;
            let ((old, old_name), (now, now_name)) = regions(&row.answers.0);
            Some(Selected {
                id: row.id,
                reference: row.reference,
                title: row.title,
                organisation: row.organisation,
                outcome,
                released: row.released_at.is_some(),
                region_2011_name: old_name,
                region_current_name: now_name,
                entry: Entry {
                    dossier: row.id.to_string(),
                    track: row.track,
                    region_2011: old,
                    region_current: now,
                    figures: Figures::from_answers(&row.answers.0),
                },
            })
        })
        .collect())
}

/// The totals of the dossiers of `lines` that are among `selected`, each with its amount.
pub fn scenario_totals(selected: &[Selected], lines: &[(Uuid, Money)]) -> Result<Totals, TooLarge> {
    let kept: Vec<(&Entry, Money)> = lines
        .iter()
        .filter_map(|(id, granted)| {
            selected.iter().find(|s| s.id == *id).map(|s| (&s.entry, *granted))
        })
        .collect();
    proposal::totals(&kept)
}

/// Adds the options of a choice (or of a table's choice column) to a list, once each.
fn merge(list: &mut Vec<(String, String)>, choices: Vec<Choice>, lang: Lang) {
    for choice in choices {
        if !list.iter().any(|(value, _)| *value == choice.value) {
            list.push((choice.value, choice.label.get(lang).to_owned()));
        }
    }
}

/// The labels of the options, from the tracks' current forms.
async fn labels(app: &AppState, call: &Call, selected: &[Selected], lang: Lang) -> Labels {
    let mut labels = Labels {
        tracks: call.tracks.iter().map(|t| (t.slug.clone(), t.name.get(lang).to_owned())).collect(),
        ..Labels::default()
    };
    let networks = Choice::from_networks(&call.networks);
    let ctx = crate::dossiers::context(&networks, OffsetDateTime::now_utc());
    for track in &call.tracks {
        let Ok(Some(revision)) = app.db.current_form(call.id, &track.slug).await else { continue };
        let Ok(schema) = crate::dossiers::forms::schema(app, revision.id).await else { continue };
        let column = |table: &str, key: &str| {
            schema
                .field(table)
                .and_then(|f| f.columns().iter().find(|c| c.key == key))
                .map(|c| c.choices(&ctx))
                .unwrap_or_default()
        };
        merge(&mut labels.categories, column(proposal::BUDGET_FIELD, "category"), lang);
        merge(&mut labels.years, column(proposal::BUDGET_FIELD, "year"), lang);
        merge(&mut labels.years, column(proposal::RESOURCES_FIELD, "year"), lang);
        merge(&mut labels.sources, column(proposal::RESOURCES_FIELD, "source"), lang);
        let needs = schema.field(proposal::NEEDS_FIELD).map(|f| f.choices(&ctx));
        merge(&mut labels.needs, needs.unwrap_or_default(), lang);
    }
    for s in selected {
        labels.regions_2011.insert(s.entry.region_2011.clone(), s.region_2011_name.clone());
        labels
            .regions_current
            .insert(s.entry.region_current.clone(), s.region_current_name.clone());
    }
    labels
}

/// The proposal of a call: its selected dossiers, envelope, totals and scenarios, with the
/// labels of `lang`.
pub async fn proposal(app: &AppState, call: &Call, lang: Lang) -> anyhow::Result<Proposal> {
    let selected = selected(app, call).await?;
    let envelope = app.db.proposal_envelope(call.id).await?;
    let all: Vec<(Uuid, Money)> = selected.iter().map(|s| (s.id, s.requested())).collect();
    let totals = scenario_totals(&selected, &all)?;
    let balance = proposal::balance(envelope, totals.requested);
    let stored_lines = app.db.proposal_scenario_lines(call.id).await?;
    let mut scenarios = Vec::new();
    for stored in app.db.proposal_scenarios(call.id).await? {
        let own: Vec<_> = stored_lines.iter().filter(|l| l.scenario_id == stored.id).collect();
        let lines: Vec<(Uuid, Money)> = selected
            .iter()
            .filter_map(|s| own.iter().find(|l| l.dossier_id == s.id).map(|l| (s.id, l.granted)))
            .collect();
        let dropped = own.len() - lines.len();
        let totals = scenario_totals(&selected, &lines)?;
        let balance = proposal::balance(envelope, totals.granted);
        scenarios.push(Scenario { stored, lines, dropped, totals, balance });
    }
    let labels = labels(app, call, &selected, lang).await;
    Ok(Proposal { selected, envelope, totals, balance, scenarios, labels })
}

/// Reads and sets the envelope. Err: the message for the field.
pub async fn set_envelope(
    app: &AppState,
    account: &Account,
    call: &Call,
    typed: &str,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<Result<Money, MoneyError>> {
    let amount = match Money::parse(typed) {
        Ok(amount) => amount,
        Err(e) => return Ok(Err(e)),
    };
    app.db.set_proposal_envelope(call.id, amount, account.id, client, now).await?;
    Ok(Ok(amount))
}

/// A scenario's form as posted: `nom`, `inclus` (a dossier id, once per dossier kept) and
/// `montant-{id}` (the amount typed for each dossier; empty: the amount requested).
#[derive(Debug, Clone, Default)]
pub struct ScenarioForm {
    pub name: String,
    pub included: Vec<Uuid>,
    pub amounts: BTreeMap<Uuid, String>,
}

impl ScenarioForm {
    pub fn parse(pairs: &[(String, String)]) -> ScenarioForm {
        let mut form = ScenarioForm::default();
        for (key, value) in pairs {
            if key == "nom" {
                value.clone_into(&mut form.name);
            } else if key == "inclus" {
                if let Ok(id) = Uuid::parse_str(value)
                    && !form.included.contains(&id)
                {
                    form.included.push(id);
                }
            } else if let Some(id) = key.strip_prefix("montant-")
                && let Ok(id) = Uuid::parse_str(id)
            {
                form.amounts.insert(id, value.clone());
            }
        }
        form
    }

    /// The form of a saved scenario, amounts as typed in `lang`; a new one keeps every
    /// selected dossier at the amount it requested.
    pub fn of(selected: &[Selected], scenario: Option<&Scenario>, lang: Lang) -> ScenarioForm {
        let mut form = ScenarioForm::default();
        for s in selected {
            let granted = match scenario {
                Some(scenario) => scenario.granted(s.id),
                None => Some(s.requested()),
            };
            if granted.is_some() {
                form.included.push(s.id);
            }
            let shown = granted.unwrap_or_else(|| s.requested());
            form.amounts.insert(s.id, shown.to_input(lang));
        }
        if let Some(scenario) = scenario {
            form.name.clone_from(&scenario.stored.name);
        }
        form
    }
}

/// What is wrong with a scenario's form, field by field, in the interface's language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScenarioErrors {
    pub name: Option<String>,
    pub amounts: BTreeMap<Uuid, String>,
}

impl ScenarioErrors {
    pub fn is_empty(&self) -> bool {
        self.name.is_none() && self.amounts.is_empty()
    }
}

/// What saving a scenario did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveOutcome {
    Saved(Uuid),
    Invalid(ScenarioErrors),
    /// The scenario to change is not (any more) one of the call's.
    Missing,
}

/// Checks a scenario's form against the selected dossiers: a name, and for each dossier kept
/// an amount that reads, is not negative and not above the amount requested. Ids that are not
/// (any more) selected are ignored. The lines to save, or what is wrong.
pub fn check(
    selected: &[Selected],
    form: &ScenarioForm,
    lang: Lang,
) -> Result<(String, Vec<(Uuid, Money)>), ScenarioErrors> {
    let mut errors = ScenarioErrors::default();
    let name = proposal::scenario_name(&form.name).map_err(|e| e.message(lang));
    let mut lines = Vec::new();
    for s in selected.iter().filter(|s| form.included.contains(&s.id)) {
        let typed = form.amounts.get(&s.id).map_or("", String::as_str);
        match proposal::granted_amount(typed, s.requested()) {
            Ok(amount) => lines.push((s.id, amount)),
            Err(e) => {
                errors.amounts.insert(s.id, e.message(lang));
            }
        }
    }
    match name {
        Ok(name) if errors.is_empty() => Ok((name, lines)),
        Ok(_) => Err(errors),
        Err(message) => {
            errors.name = Some(message);
            Err(errors)
        }
    }
}

/// Creates (`id` None) or changes a scenario from its form. Side effects: the scenario and its
/// lines, audited.
#[allow(clippy::too_many_arguments, reason = "one statement of the save")]
pub async fn save_scenario(
    app: &AppState,
    account: &Account,
    call: &Call,
    selected: &[Selected],
    id: Option<Uuid>,
    form: &ScenarioForm,
    lang: Lang,
    client: &str,
    now: OffsetDateTime,
) -> anyhow::Result<SaveOutcome> {
    let (name, lines) = match check(selected, form, lang) {
        Ok(checked) => checked,
        Err(errors) => return Ok(SaveOutcome::Invalid(errors)),
    };
    let save =
        ScenarioSave { id, call_id: call.id, name: &name, lines: &lines, by: account.id, client };
    Ok(match app.db.save_proposal_scenario(&save, now).await? {
        Saved::Saved(id) => SaveOutcome::Saved(id),
        Saved::Missing => SaveOutcome::Missing,
        Saved::NameTaken => SaveOutcome::Invalid(ScenarioErrors {
            name: Some(i18n::t(lang, "proposal-error-name-taken")),
            ..ScenarioErrors::default()
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selected(requested: i64) -> Selected {
        let id = Uuid::now_v7();
        Selected {
            id,
            reference: "A-0001".into(),
            title: "Pôle".into(),
            organisation: "Asso".into(),
            outcome: Outcome::Selected,
            released: false,
            region_2011_name: "Bretagne".into(),
            region_current_name: "Bretagne".into(),
            entry: Entry {
                dossier: id.to_string(),
                track: "established".into(),
                region_2011: "53".into(),
                region_current: "53".into(),
                figures: Figures {
                    requested: Money::from_euros(requested).expect("fits"),
                    ..Figures::default()
                },
            },
        }
    }

    fn pairs(list: &[(&str, String)]) -> Vec<(String, String)> {
        list.iter().map(|(k, v)| ((*k).to_owned(), v.clone())).collect()
    }

    #[test]
    fn a_form_keeps_the_checked_dossiers_with_their_amounts_and_says_what_is_wrong() {
        let (a, b, c) = (selected(10_000), selected(20_000), selected(5_000));
        let all = [a.clone(), b.clone(), c.clone()];
        let form = ScenarioForm::parse(&pairs(&[
            ("nom", " Sobre ".into()),
            ("inclus", a.id.to_string()),
            ("montant-", "ignored".into()),
            (&format!("montant-{}", a.id), "8 000".into()),
            ("inclus", b.id.to_string()),
            (&format!("montant-{}", b.id), String::new()),
            (&format!("montant-{}", c.id), "abc".into()),
            ("inclus", Uuid::now_v7().to_string()),
        ]));
        let (name, lines) = check(&all, &form, Lang::Fr).expect("valid");
        assert_eq!(name, "Sobre");
        assert_eq!(lines, [(a.id, Money::from_euros(8_000).expect("fits")), (b.id, b.requested())]);

        let form = ScenarioForm::parse(&pairs(&[
            ("nom", String::new()),
            ("inclus", a.id.to_string()),
            (&format!("montant-{}", a.id), "10 001".into()),
            ("inclus", c.id.to_string()),
            (&format!("montant-{}", c.id), "-3".into()),
        ]));
        let errors = check(&all, &form, Lang::En).expect_err("refused");
        assert_eq!(errors.name.as_deref(), Some("give the scenario a name"));
        assert_eq!(
            errors.amounts.get(&a.id).map(String::as_str),
            Some("amount refused: it is above the amount the dossier requested (€10,000)")
        );
        assert_eq!(
            errors.amounts.get(&c.id).map(String::as_str),
            Some("invalid amount: it cannot be negative")
        );
    }

    #[test]
    fn a_new_scenario_s_form_keeps_every_dossier_at_its_requested_amount() {
        let (a, b) = (selected(10_000), selected(2_500));
        let form = ScenarioForm::of(&[a.clone(), b.clone()], None, Lang::Fr);
        assert_eq!(form.included, [a.id, b.id]);
        assert_eq!(form.amounts.get(&b.id).map(String::as_str), Some("2500"));
        assert_eq!(form.name, "");
    }
}
