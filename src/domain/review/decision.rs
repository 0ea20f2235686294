//! What the steering group decides for a dossier at the end of the selection, with the
//! motivation every outcome needs and the track a redirected dossier goes to.

use std::fmt;

use super::FieldIssue;
use super::grid::Track;
use crate::domain::dossier::DossierState;
use crate::domain::lang::Lang;

/// The longest motivation kept: it is sent to the candidate in the decision email.
pub const MOTIVATION_MAX_CHARS: usize = 10_000;

/// A decision's outcome. The codes are stored in the database and never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Retenu.
    Selected,
    /// Retenu sous réserve: the conditions are said in the motivation.
    SelectedWithConditions,
    /// Liste d'attente.
    WaitingList,
    /// Non retenu.
    NotSelected,
    /// Réorienté: moved to the other track.
    Redirected,
    /// Sans suite.
    NoFollowUp,
}

impl Outcome {
    pub const ALL: [Outcome; 6] = [
        Outcome::Selected,
        Outcome::SelectedWithConditions,
        Outcome::WaitingList,
        Outcome::NotSelected,
        Outcome::Redirected,
        Outcome::NoFollowUp,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            Outcome::Selected => "selected",
            Outcome::SelectedWithConditions => "selected-with-conditions",
            Outcome::WaitingList => "waiting-list",
            Outcome::NotSelected => "not-selected",
            Outcome::Redirected => "redirected",
            Outcome::NoFollowUp => "no-follow-up",
        }
    }

    pub fn parse(code: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Outcome::Selected, Lang::Fr) => "Retenu",
            (Outcome::Selected, Lang::En) => "Selected",
            (Outcome::SelectedWithConditions, Lang::Fr) => "Retenu sous réserve",
            (Outcome::SelectedWithConditions, Lang::En) => "Selected with conditions",
            (Outcome::WaitingList, Lang::Fr) => "Liste d’attente",
            (Outcome::WaitingList, Lang::En) => "Waiting list",
            (Outcome::NotSelected, Lang::Fr) => "Non retenu",
            (Outcome::NotSelected, Lang::En) => "Not selected",
            (Outcome::Redirected, Lang::Fr) => "Réorienté vers l’autre parcours",
            (Outcome::Redirected, Lang::En) => "Redirected to the other track",
            (Outcome::NoFollowUp, Lang::Fr) => "Sans suite",
            (Outcome::NoFollowUp, Lang::En) => "No follow-up",
        }
    }

    /// Every outcome is motivated: the candidate is told why, whatever the decision.
    pub fn needs_motivation(self) -> bool {
        true
    }

    /// Only a redirection names a track: the one the dossier moves to.
    pub fn needs_target_track(self) -> bool {
        self == Outcome::Redirected
    }

    /// The dossier's state once the decision is released.
    pub fn state(self) -> DossierState {
        match self {
            Outcome::Selected => DossierState::Selected,
            Outcome::SelectedWithConditions => DossierState::SelectedWithReservations,
            Outcome::WaitingList => DossierState::WaitingList,
            Outcome::NotSelected => DossierState::NotSelected,
            Outcome::Redirected => DossierState::Redirected,
            Outcome::NoFollowUp => DossierState::Closed,
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A valid decision for a dossier of some track.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub outcome: Outcome,
    /// Trimmed, never empty.
    pub motivation: String,
    /// The other track for a redirection, `None` otherwise.
    pub target_track: Option<Track>,
}

/// Reads a posted decision for a dossier of `track`: `outcome` (a code), `motivation` and, for a
/// redirection, `target-track` (the slug of the other track; ignored for other outcomes). Every
/// issue is reported at once, each on its field.
pub fn parse_decision(
    track: Track,
    pairs: &[(String, String)],
) -> Result<Decision, Vec<FieldIssue>> {
    let posted = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim());
    let mut issues = Vec::new();
    let outcome = match posted("outcome") {
        None | Some("") => {
            issues.push(FieldIssue::new(
                "outcome",
                "Choisissez une décision.",
                "Choose a decision.",
            ));
            None
        }
        Some(code) => {
            let outcome = Outcome::parse(code);
            if outcome.is_none() {
                issues.push(FieldIssue::new(
                    "outcome",
                    "Cette décision n’existe pas : choisissez l’une de celles proposées.",
                    "This decision does not exist: choose one of those offered.",
                ));
            }
            outcome
        }
    };
    let motivation = posted("motivation").unwrap_or("").to_owned();
    if motivation.is_empty() && outcome.is_none_or(Outcome::needs_motivation) {
        issues.push(FieldIssue::new(
            "motivation",
            "La motivation est obligatoire : elle est communiquée au candidat.",
            "The motivation is required: it is sent to the applicant.",
        ));
    } else if motivation.chars().count() > MOTIVATION_MAX_CHARS {
        issues.push(FieldIssue::new(
            "motivation",
            "La motivation ne doit pas dépasser 10 000 caractères.",
            "The motivation must not exceed 10,000 characters.",
        ));
    }
    let mut target_track = None;
    if outcome.is_some_and(Outcome::needs_target_track) {
        match posted("target-track").map(Track::parse) {
            Some(Some(target)) if target != track => target_track = Some(target),
            Some(Some(_)) => issues.push(FieldIssue::new(
                "target-track",
                format!(
                    "Le dossier est déjà dans le {} : réorientez-le vers l’autre parcours.",
                    track.label(Lang::Fr)
                ),
                format!(
                    "The dossier is already in {}: redirect it to the other track.",
                    track.label(Lang::En)
                ),
            )),
            _ => issues.push(FieldIssue::new(
                "target-track",
                format!(
                    "Indiquez le parcours vers lequel réorienter le dossier : {}.",
                    track.other().label(Lang::Fr)
                ),
                format!(
                    "Say which track the dossier is redirected to: {}.",
                    track.other().label(Lang::En)
                ),
            )),
        }
    }
    match outcome {
        Some(outcome) if issues.is_empty() => Ok(Decision { outcome, motivation, target_track }),
        _ => Err(issues),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
    }

    #[test]
    fn every_outcome_code_reads_back_as_its_outcome() {
        let codes: Vec<&str> = Outcome::ALL.iter().map(|o| o.code()).collect();
        assert_eq!(
            codes,
            [
                "selected",
                "selected-with-conditions",
                "waiting-list",
                "not-selected",
                "redirected",
                "no-follow-up"
            ]
        );
        for outcome in Outcome::ALL {
            assert_eq!(Outcome::parse(outcome.code()), Some(outcome));
            assert!(outcome.needs_motivation());
        }
        assert_eq!(Outcome::parse("retenu"), None);
        assert_eq!(Outcome::SelectedWithConditions.label(Lang::Fr), "Retenu sous réserve");
        assert_eq!(Outcome::NoFollowUp.label(Lang::En), "No follow-up");
    }

    #[test]
    fn only_a_redirection_needs_a_target_track() {
        let needing: Vec<Outcome> =
            Outcome::ALL.into_iter().filter(|o| o.needs_target_track()).collect();
        assert_eq!(needing, [Outcome::Redirected]);
    }

    #[test]
    fn each_outcome_leads_to_the_dossier_state_of_the_same_name() {
        assert_eq!(Outcome::SelectedWithConditions.state(), DossierState::SelectedWithReservations);
        assert_eq!(Outcome::NoFollowUp.state(), DossierState::Closed);
        assert_eq!(Outcome::Redirected.state(), DossierState::Redirected);
    }

    #[test]
    fn a_motivated_decision_is_read_and_a_stray_target_track_is_ignored() {
        let pairs = posted(&[
            ("outcome", "waiting-list"),
            ("motivation", " Dossier solide, quota atteint. "),
            ("target-track", "emerging"),
        ]);
        assert_eq!(
            parse_decision(Track::Established, &pairs),
            Ok(Decision {
                outcome: Outcome::WaitingList,
                motivation: "Dossier solide, quota atteint.".into(),
                target_track: None,
            })
        );
    }

    #[test]
    fn a_redirection_goes_to_the_other_track_only() {
        let to = |target: &str| {
            parse_decision(
                Track::Established,
                &posted(&[
                    ("outcome", "redirected"),
                    ("motivation", "Initiative encore en construction."),
                    ("target-track", target),
                ]),
            )
        };
        assert_eq!(to("emerging").map(|d| d.target_track), Ok(Some(Track::Emerging)));
        let Err(issues) = to("established") else { panic!("refused") };
        assert_eq!(issues[0].field, "target-track");
        assert_eq!(
            issues[0].message.fr,
            "Le dossier est déjà dans le parcours A (PTCE opérationnel) : réorientez-le vers l’autre parcours."
        );
        let Err(issues) = to("") else { panic!("refused") };
        assert_eq!(
            issues[0].message.en,
            "Say which track the dossier is redirected to: track B (emerging initiative)."
        );
    }

    #[test]
    fn a_decision_without_outcome_or_motivation_is_refused_on_both_fields() {
        let Err(issues) = parse_decision(Track::Emerging, &posted(&[("motivation", "  ")])) else {
            panic!("refused")
        };
        let found: Vec<(&str, &str)> =
            issues.iter().map(|i| (i.field.as_str(), i.message.fr.as_str())).collect();
        assert_eq!(
            found,
            [
                ("outcome", "Choisissez une décision."),
                ("motivation", "La motivation est obligatoire : elle est communiquée au candidat."),
            ]
        );
        let Err(issues) = parse_decision(
            Track::Emerging,
            &posted(&[("outcome", "accepted"), ("motivation", "Oui.")]),
        ) else {
            panic!("refused")
        };
        assert_eq!(issues.len(), 1);
        assert_eq!(
            issues[0].message.en,
            "This decision does not exist: choose one of those offered."
        );
    }
}
