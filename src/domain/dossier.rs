//! A dossier (candidature) and its lifecycle: the states of PRODUCT.md §3 and the verbs that move
//! between them, each with its guard.

use std::fmt;

use time::OffsetDateTime;

use super::call::{APPLICATIONS_PHASE, Phase};
use super::lang::Lang;

/// Where a dossier stands. The codes are stored in the database and never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DossierState {
    /// Brouillon: being filled, never sent.
    Draft,
    /// Déposé: submitted; the candidate may still edit and re-submit until the deadline.
    Submitted,
    /// En repérage: a referent took it; locked for the candidate.
    Screening,
    /// Complément demandé: the referent asked for a correction; the candidate may edit.
    CorrectionRequested,
    /// Retiré: withdrawn by the candidate.
    Withdrawn,
    Selected,
    SelectedWithReservations,
    WaitingList,
    NotSelected,
    Redirected,
    Closed,
}

impl DossierState {
    pub const ALL: [DossierState; 11] = [
        DossierState::Draft,
        DossierState::Submitted,
        DossierState::Screening,
        DossierState::CorrectionRequested,
        DossierState::Withdrawn,
        DossierState::Selected,
        DossierState::SelectedWithReservations,
        DossierState::WaitingList,
        DossierState::NotSelected,
        DossierState::Redirected,
        DossierState::Closed,
    ];

    pub const fn code(self) -> &'static str {
        match self {
            DossierState::Draft => "draft",
            DossierState::Submitted => "submitted",
            DossierState::Screening => "screening",
            DossierState::CorrectionRequested => "correction_requested",
            DossierState::Withdrawn => "withdrawn",
            DossierState::Selected => "selected",
            DossierState::SelectedWithReservations => "selected_with_reservations",
            DossierState::WaitingList => "waiting_list",
            DossierState::NotSelected => "not_selected",
            DossierState::Redirected => "redirected",
            DossierState::Closed => "closed",
        }
    }

    pub fn parse(code: &str) -> Option<DossierState> {
        DossierState::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The name people read, in the vocabulary of Démarches Simplifiées where it has one.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DossierState::Draft, Lang::Fr) => "Brouillon",
            (DossierState::Draft, Lang::En) => "Draft",
            (DossierState::Submitted, Lang::Fr) => "Déposé",
            (DossierState::Submitted, Lang::En) => "Submitted",
            (DossierState::Screening, Lang::Fr) => "En repérage",
            (DossierState::Screening, Lang::En) => "Under screening",
            (DossierState::CorrectionRequested, Lang::Fr) => "Complément demandé",
            (DossierState::CorrectionRequested, Lang::En) => "Correction requested",
            (DossierState::Withdrawn, Lang::Fr) => "Retiré",
            (DossierState::Withdrawn, Lang::En) => "Withdrawn",
            (DossierState::Selected, Lang::Fr) => "Retenu",
            (DossierState::Selected, Lang::En) => "Selected",
            (DossierState::SelectedWithReservations, Lang::Fr) => "Retenu sous réserve",
            (DossierState::SelectedWithReservations, Lang::En) => "Selected with reservations",
            (DossierState::WaitingList, Lang::Fr) => "Liste d’attente",
            (DossierState::WaitingList, Lang::En) => "Waiting list",
            (DossierState::NotSelected, Lang::Fr) => "Non retenu",
            (DossierState::NotSelected, Lang::En) => "Not selected",
            (DossierState::Redirected, Lang::Fr) => "Réorienté",
            (DossierState::Redirected, Lang::En) => "Redirected to the other track",
            (DossierState::Closed, Lang::Fr) => "Sans suite",
            (DossierState::Closed, Lang::En) => "Closed",
        }
    }

    /// Whether the candidate may change the answers in this state (the deadline is checked
    /// apart: see [`Window`]).
    pub fn candidate_may_edit(self) -> bool {
        matches!(
            self,
            DossierState::Draft | DossierState::Submitted | DossierState::CorrectionRequested
        )
    }

    /// Submitting: from a draft, or again from a submitted dossier (a new version of the
    /// submission), while the application window is open. An answer to a correction request
    /// goes back to screening whatever the date.
    pub fn submit(self, window: Window) -> Result<DossierState, TransitionError> {
        match self {
            DossierState::Draft | DossierState::Submitted => match window {
                Window::Open { .. } => Ok(DossierState::Submitted),
                Window::NotYetOpen { opens_at } => Err(TransitionError::NotYetOpen { opens_at }),
                Window::Closed { closed_at } => Err(TransitionError::Closed { closed_at }),
            },
            DossierState::CorrectionRequested => self.send_complement(),
            other => Err(TransitionError::NotAllowed { from: other }),
        }
    }

    /// Taking into screening ("prendre en repérage"): a referent of the dossier's network takes
    /// a submitted dossier; from then on the candidate can no longer change it.
    pub fn take_into_screening(self) -> Result<DossierState, TransitionError> {
        match self {
            DossierState::Submitted => Ok(DossierState::Screening),
            other => Err(TransitionError::NotAllowed { from: other }),
        }
    }

    /// Asking for a complement: a referent reopens some sections of a submitted dossier, or of
    /// one under screening, for the candidate to complete.
    pub fn request_complement(self) -> Result<DossierState, TransitionError> {
        match self {
            DossierState::Submitted | DossierState::Screening => {
                Ok(DossierState::CorrectionRequested)
            }
            other => Err(TransitionError::NotAllowed { from: other }),
        }
    }

    /// Sending the complement asked for: back to screening, whatever the date and whichever
    /// state the request came from. Asking for a complement is already an act of screening
    /// (the referent read the dossier); going back to "submitted" would also reopen every
    /// section to the candidate until the deadline, which the request deliberately did not.
    pub fn send_complement(self) -> Result<DossierState, TransitionError> {
        match self {
            DossierState::CorrectionRequested => Ok(DossierState::Screening),
            other => Err(TransitionError::NotAllowed { from: other }),
        }
    }

    /// Withdrawing: by the candidate, before any decision.
    pub fn withdraw(self) -> Result<DossierState, TransitionError> {
        match self {
            DossierState::Draft
            | DossierState::Submitted
            | DossierState::Screening
            | DossierState::CorrectionRequested => Ok(DossierState::Withdrawn),
            other => Err(TransitionError::NotAllowed { from: other }),
        }
    }
}

impl fmt::Display for DossierState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Why a verb cannot move a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("the application window opens at {opens_at}")]
    NotYetOpen { opens_at: OffsetDateTime },
    #[error("the application window closed at {closed_at}")]
    Closed { closed_at: OffsetDateTime },
    #[error("a dossier in state {from} cannot do that")]
    NotAllowed { from: DossierState },
}

/// The application window of a call at an instant (Europe/Paris instants, enforced by the
/// server).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    NotYetOpen { opens_at: OffsetDateTime },
    Open { closes_at: OffsetDateTime },
    Closed { closed_at: OffsetDateTime },
}

impl Window {
    /// The window of the applications phase of a call at `now`; a call without that phase is
    /// closed since forever.
    pub fn of(phases: &[Phase], now: OffsetDateTime) -> Window {
        let Some(phase) = phases.iter().find(|p| p.slug == APPLICATIONS_PHASE) else {
            return Window::Closed { closed_at: OffsetDateTime::UNIX_EPOCH };
        };
        if now < phase.starts_at {
            Window::NotYetOpen { opens_at: phase.starts_at }
        } else if now < phase.ends_at {
            Window::Open { closes_at: phase.ends_at }
        } else {
            Window::Closed { closed_at: phase.ends_at }
        }
    }

    pub fn is_open(self) -> bool {
        matches!(self, Window::Open { .. })
    }
}

/// The letter of a track in dossier references: A for the established poles, B for the
/// emerging initiatives (FORMS.md), C for expressions of interest, X for any other.
pub fn track_letter(track: &str) -> char {
    match track {
        "established" => 'A',
        "emerging" => 'B',
        "interest" => 'C',
        _ => 'X',
    }
}

/// The human reference of the `number`-th dossier of a track: "A-0007".
pub fn reference(track: &str, number: i64) -> String {
    format!("{}-{number:04}", track_letter(track))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Localized;
    use time::macros::datetime;

    fn applications(starts_at: OffsetDateTime, ends_at: OffsetDateTime) -> Vec<Phase> {
        let text = Localized { fr: String::new(), en: String::new() };
        vec![Phase {
            slug: APPLICATIONS_PHASE.into(),
            name: text.clone(),
            description: text,
            starts_at,
            ends_at,
            tentative: false,
        }]
    }

    #[test]
    fn every_state_code_reads_back_as_its_state() {
        for state in DossierState::ALL {
            assert_eq!(DossierState::parse(state.code()), Some(state));
        }
        assert_eq!(DossierState::parse("deposé"), None);
    }

    #[test]
    fn the_window_is_open_from_its_first_instant_to_just_before_its_end() {
        let phases = applications(datetime!(2011-10-30 23:00 UTC), datetime!(2011-11-30 23:00 UTC));
        assert_eq!(
            Window::of(&phases, datetime!(2011-10-30 22:59:59 UTC)),
            Window::NotYetOpen { opens_at: datetime!(2011-10-30 23:00 UTC) }
        );
        assert!(Window::of(&phases, datetime!(2011-10-30 23:00 UTC)).is_open());
        assert!(Window::of(&phases, datetime!(2011-11-30 22:59:59 UTC)).is_open());
        assert_eq!(
            Window::of(&phases, datetime!(2011-11-30 23:00 UTC)),
            Window::Closed { closed_at: datetime!(2011-11-30 23:00 UTC) }
        );
    }

    #[test]
    fn a_draft_is_submitted_only_while_the_window_is_open() {
        let closes_at = datetime!(2011-11-30 23:00 UTC);
        assert_eq!(
            DossierState::Draft.submit(Window::Open { closes_at }),
            Ok(DossierState::Submitted)
        );
        assert_eq!(
            DossierState::Submitted.submit(Window::Open { closes_at }),
            Ok(DossierState::Submitted)
        );
        assert_eq!(
            DossierState::Draft.submit(Window::Closed { closed_at: closes_at }),
            Err(TransitionError::Closed { closed_at: closes_at })
        );
    }

    #[test]
    fn an_answer_to_a_correction_request_goes_back_to_screening_even_after_the_deadline() {
        let closed_at = datetime!(2011-11-30 23:00 UTC);
        assert_eq!(
            DossierState::CorrectionRequested.submit(Window::Closed { closed_at }),
            Ok(DossierState::Screening)
        );
    }

    #[test]
    fn a_decided_dossier_can_be_neither_submitted_nor_withdrawn() {
        let closes_at = datetime!(2011-11-30 23:00 UTC);
        assert_eq!(
            DossierState::Selected.submit(Window::Open { closes_at }),
            Err(TransitionError::NotAllowed { from: DossierState::Selected })
        );
        assert_eq!(
            DossierState::NotSelected.withdraw(),
            Err(TransitionError::NotAllowed { from: DossierState::NotSelected })
        );
        assert_eq!(DossierState::Submitted.withdraw(), Ok(DossierState::Withdrawn));
    }

    #[test]
    fn only_a_submitted_dossier_is_taken_into_screening() {
        assert_eq!(DossierState::Submitted.take_into_screening(), Ok(DossierState::Screening));
        for from in [DossierState::Draft, DossierState::Screening, DossierState::Selected] {
            assert_eq!(from.take_into_screening(), Err(TransitionError::NotAllowed { from }));
        }
    }

    #[test]
    fn a_complement_is_asked_of_a_submitted_or_screened_dossier_and_its_answer_goes_to_screening() {
        for from in [DossierState::Submitted, DossierState::Screening] {
            assert_eq!(from.request_complement(), Ok(DossierState::CorrectionRequested));
        }
        for from in [
            DossierState::Draft,
            DossierState::CorrectionRequested,
            DossierState::Withdrawn,
            DossierState::NotSelected,
        ] {
            assert_eq!(from.request_complement(), Err(TransitionError::NotAllowed { from }));
        }
        assert_eq!(
            DossierState::CorrectionRequested.send_complement(),
            Ok(DossierState::Screening)
        );
        assert_eq!(
            DossierState::Submitted.send_complement(),
            Err(TransitionError::NotAllowed { from: DossierState::Submitted })
        );
    }

    #[test]
    fn references_carry_the_track_letter_and_four_digits() {
        assert_eq!(reference("established", 7), "A-0007");
        assert_eq!(reference("emerging", 12345), "B-12345");
    }
}
