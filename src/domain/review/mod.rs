//! Screening step 2 (GRID.md): the evaluation grid, a reviewer's scores, the ranking of the
//! dossiers of a track and the decisions — pure functions, no web framework, no database.
//!
//! The grid is data ([`Grid::from_toml`], shipped as [`Grid::default_2011`]). A reviewer posts a
//! form that [`parse_review`] turns into a [`ReviewInput`] or into issues placed on its fields.
//! Totals are kept exact in hundredths of a point (`total_centi`, 8750 for 87,5) and written with
//! [`format_centi`]. [`rank`] orders the dossiers of a track from all their reviews, with means,
//! medians, spreads and divergence alerts. [`Outcome`] (in `decision.rs`) is what the steering
//! group finally decides for a dossier. The suggested selection under quotas is in
//! `domain::selection`.

mod assignment;
mod decision;
mod grid;
mod letter;
mod ranking;
mod scores;

pub use assignment::{AssignmentInput, Eligible, assign};
pub use decision::{Decision, Outcome, parse_decision};
pub use grid::{
    Bonus, BonusItem, Criterion, Grid, GridError, Recommendation, SOURCE_2011, ScaleLevel, Track,
    Weights,
};
pub use letter::{
    BODY_MAX_CHARS, DEFAULTS_2011, Letter, LetterText, LetterValues, SUBJECT_MAX_CHARS, TextError,
    Variable, default_letter, parse_letter,
};
pub use ranking::{
    CriterionStats, Divergence, DossierReviews, RankedDossier, ReviewScores, Standing, Summary,
    rank, summarise,
};
pub use scores::{ReviewInput, Scores, parse_review};

use std::cmp::Ordering;

use crate::domain::form::Message;
use crate::domain::lang::Lang;

/// Something wrong with one posted field of a back-office form, said next to that field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    /// The posted name: `score-strategy`, `comment`, `recommendation`, `outcome`…
    pub field: String,
    pub message: Message,
}

impl FieldIssue {
    pub fn new(field: impl Into<String>, fr: impl Into<String>, en: impl Into<String>) -> Self {
        FieldIssue { field: field.into(), message: Message::new(fr, en) }
    }
}

/// Hundredths of a point as the language writes them, without useless zeros: 8750 is "87,5" in
/// French and "87.5" in English, 8125 "81,25", 10000 "100".
pub fn format_centi(centi: u64, lang: Lang) -> String {
    let whole = centi / 100;
    let fraction = centi % 100;
    let mark = match lang {
        Lang::Fr => ',',
        Lang::En => '.',
    };
    if fraction == 0 {
        whole.to_string()
    } else if fraction.is_multiple_of(10) {
        format!("{whole}{mark}{}", fraction / 10)
    } else {
        format!("{whole}{mark}{fraction:02}")
    }
}

/// An exact mean of values in hundredths (a sum and a count), compared exactly by
/// cross-multiplication so that 87,5 and 87,4999… never pass for equal. A median of an even
/// number of values is the mean of the two middle ones.
#[derive(Debug, Clone, Copy)]
pub struct Mean {
    sum_centi: u64,
    count: u64,
}

impl Mean {
    /// The mean of values in hundredths; `None` when there is none.
    pub fn of(values_centi: impl IntoIterator<Item = u64>) -> Option<Mean> {
        let (mut sum_centi, mut count) = (0, 0);
        for v in values_centi {
            sum_centi += v;
            count += 1;
        }
        (count > 0).then_some(Mean { sum_centi, count })
    }

    /// The median of values in hundredths; `None` when there is none.
    pub fn median_of(values_centi: impl IntoIterator<Item = u64>) -> Option<Mean> {
        let mut values: Vec<u64> = values_centi.into_iter().collect();
        values.sort_unstable();
        let n = values.len();
        if n == 0 {
            None
        } else if n % 2 == 1 {
            Some(Mean { sum_centi: values[n / 2], count: 1 })
        } else {
            Some(Mean { sum_centi: values[n / 2 - 1] + values[n / 2], count: 2 })
        }
    }

    /// Rounded to the nearest hundredth, halves up: 87,5 + 81,25 + 90 over 3 is 8625 (86,25).
    pub fn centi(self) -> u64 {
        if self.count == 0 {
            return 0;
        }
        (2 * self.sum_centi + self.count) / (2 * self.count)
    }

    /// Written like [`format_centi`], rounded to the hundredth.
    pub fn format(self, lang: Lang) -> String {
        format_centi(self.centi(), lang)
    }

    pub fn sum_centi(self) -> u64 {
        self.sum_centi
    }

    pub fn count(self) -> u64 {
        self.count
    }
}

impl PartialEq for Mean {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Mean {}

impl PartialOrd for Mean {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Mean {
    fn cmp(&self, other: &Self) -> Ordering {
        let left = u128::from(self.sum_centi) * u128::from(other.count.max(1));
        let right = u128::from(other.sum_centi) * u128::from(self.count.max(1));
        left.cmp(&right)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hundredths_are_written_with_a_comma_in_french_and_a_point_in_english() {
        assert_eq!(format_centi(8750, Lang::Fr), "87,5");
        assert_eq!(format_centi(8750, Lang::En), "87.5");
        assert_eq!(format_centi(8125, Lang::Fr), "81,25");
        assert_eq!(format_centi(10000, Lang::Fr), "100");
        assert_eq!(format_centi(5, Lang::En), "0.05");
        assert_eq!(format_centi(0, Lang::Fr), "0");
    }

    #[test]
    fn a_mean_is_exact_and_rounds_halves_up_only_for_display() {
        let mean = Mean::of([8750, 8125, 9000]).expect("values");
        assert_eq!(mean.centi(), 8625);
        assert_eq!(mean.format(Lang::Fr), "86,25");
        let thirds = Mean::of([300, 400, 400]).expect("values");
        assert_eq!(thirds.format(Lang::Fr), "3,67");
        assert_eq!(Mean::of([1, 2]).expect("values").centi(), 2);
        // 11/3 ≈ 3,6667 against 367/100: equal once rounded, not equal exactly.
        assert!(thirds < Mean::of([367]).expect("value"));
        assert_eq!(Mean::of([100, 300]), Mean::of([200]));
        assert_eq!(Mean::of([]), None);
    }

    #[test]
    fn a_median_of_an_even_count_is_the_mean_of_the_two_middle_values() {
        assert_eq!(Mean::median_of([400, 100, 300]).map(|m| m.centi()), Some(300));
        let median = Mean::median_of([8750, 8125, 9000, 5000]).expect("values");
        assert_eq!(median.format(Lang::En), "84.38");
        assert_eq!((median.sum_centi(), median.count()), (16875, 2));
    }
}
