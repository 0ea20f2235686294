//! The ranking of the dossiers of one track from all their reviews: per criterion and in total
//! the mean, the median and the spread, divergence alerts, and a deterministic order.

use std::cmp::Ordering;

use super::Mean;
use super::grid::{Grid, Track};
use super::scores::Scores;
use crate::domain::form::Message;

/// One submitted review, as the ranking needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewScores {
    /// Opaque: a user id, a pseudonym for blind phases…
    pub reviewer: String,
    pub scores: Scores,
    /// The review's bonus points (capped again by the grid's cap).
    pub bonus_points: u32,
}

/// A dossier of the track and its submitted reviews (possibly none yet).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DossierReviews {
    /// Opaque: the dossier's id or reference.
    pub dossier: String,
    pub reviews: Vec<ReviewScores>,
}

/// The scores given to one criterion of one dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionStats {
    pub criterion: String,
    /// How many reviews scored it.
    pub count: u32,
    pub mean: Mean,
    pub median: Mean,
    pub min: u8,
    pub max: u8,
    /// max − min, in points of the scale.
    pub spread: u8,
}

/// Two reviewers more than the grid's `divergence_gap` apart on a criterion: the lowest and the
/// highest score (the first reviewer in the given order when several gave it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Divergence {
    pub criterion: String,
    pub low_reviewer: String,
    pub low: u8,
    pub high_reviewer: String,
    pub high: u8,
}

impl Divergence {
    pub fn gap(&self) -> u8 {
        self.high - self.low
    }

    /// "Écart de 3 points sur « Caractère innovant » (notes de 1 à 4) : à discuter."
    pub fn message(&self, grid: &Grid) -> Message {
        let (fr, en) = match grid.criterion(&self.criterion) {
            Some(c) => (c.label.fr.as_str(), c.label.en.as_str()),
            None => (self.criterion.as_str(), self.criterion.as_str()),
        };
        Message::new(
            format!(
                "Écart de {} points sur « {fr} » (notes de {} à {}) : à discuter.",
                self.gap(),
                self.low,
                self.high
            ),
            format!(
                "Gap of {} points on “{en}” (scores from {} to {}): to be discussed.",
                self.gap(),
                self.low,
                self.high
            ),
        )
    }
}

/// What the reviews of one dossier say, in hundredths of a point where it is a total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub reviews: u32,
    /// In the grid's order; a criterion no review scored is left out.
    pub criteria: Vec<CriterionStats>,
    /// The totals on 100, bonus apart.
    pub mean_total: Mean,
    pub median_total: Mean,
    /// Highest total − lowest total, in hundredths.
    pub total_spread_centi: u32,
    pub mean_bonus: Mean,
    /// Mean total + mean bonus: what orders the ranking (see [`rank`]).
    pub mean_score: Mean,
    pub alerts: Vec<Divergence>,
}

/// Where a dossier stands in the ranking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// 1-based place among the reviewed dossiers, and what the reviews say.
    Ranked { place: u32, summary: Box<Summary> },
    /// No review yet ("pas encore évalué"): after all the others.
    NotReviewed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankedDossier {
    pub dossier: String,
    pub standing: Standing,
}

impl RankedDossier {
    pub fn summary(&self) -> Option<&Summary> {
        match &self.standing {
            Standing::Ranked { summary, .. } => Some(summary),
            Standing::NotReviewed => None,
        }
    }

    pub fn place(&self) -> Option<u32> {
        match self.standing {
            Standing::Ranked { place, .. } => Some(place),
            Standing::NotReviewed => None,
        }
    }
}

/// What the reviews of one dossier say; `None` without any review.
pub fn summarise(grid: &Grid, track: Track, reviews: &[ReviewScores]) -> Option<Summary> {
    let totals: Vec<u64> =
        reviews.iter().map(|r| u64::from(r.scores.total_centi(grid, track))).collect();
    let mean_total = Mean::of(totals.iter().copied())?;
    let median_total = Mean::median_of(totals.iter().copied())?;
    let total_spread_centi = totals.iter().max().zip(totals.iter().min()).map_or(0, |(a, b)| a - b);
    let bonuses: Vec<u64> =
        reviews.iter().map(|r| u64::from(r.bonus_points.min(grid.bonus.cap)) * 100).collect();
    let mean_bonus = Mean::of(bonuses.iter().copied())?;
    let mean_score = Mean::of(totals.iter().zip(&bonuses).map(|(t, b)| t + b))?;
    let mut criteria = Vec::new();
    let mut alerts = Vec::new();
    for criterion in &grid.criteria {
        let given: Vec<(&str, u8)> = reviews
            .iter()
            .filter_map(|r| r.scores.get(&criterion.key).map(|s| (r.reviewer.as_str(), s)))
            .collect();
        let (Some(low), Some(high)) = (
            given.iter().min_by_key(|(_, s)| *s).copied(),
            given.iter().rev().max_by_key(|(_, s)| *s).copied(),
        ) else {
            continue;
        };
        let values = || given.iter().map(|(_, s)| u64::from(*s) * 100);
        let (Some(mean), Some(median)) = (Mean::of(values()), Mean::median_of(values())) else {
            continue;
        };
        let spread = high.1 - low.1;
        criteria.push(CriterionStats {
            criterion: criterion.key.clone(),
            count: u32::try_from(given.len()).unwrap_or(u32::MAX),
            mean,
            median,
            min: low.1,
            max: high.1,
            spread,
        });
        if spread > grid.divergence_gap {
            alerts.push(Divergence {
                criterion: criterion.key.clone(),
                low_reviewer: low.0.to_owned(),
                low: low.1,
                high_reviewer: high.0.to_owned(),
                high: high.1,
            });
        }
    }
    Some(Summary {
        reviews: u32::try_from(reviews.len()).unwrap_or(u32::MAX),
        criteria,
        mean_total,
        median_total,
        total_spread_centi: u32::try_from(total_spread_centi).unwrap_or(u32::MAX),
        mean_bonus,
        mean_score,
        alerts,
    })
}

/// The dossiers of one track, best first. The order, every step exact:
/// 1. the mean score (mean total on 100 + mean bonus), highest first: the bonus is shown apart
///    but it is a bonus, it counts;
/// 2. then the mean total without the bonus, highest first (merit before bonus);
/// 3. then the median total, highest first (less swayed by one reviewer);
/// 4. then the number of reviews, most first (a surer mean);
/// 5. then the dossier key, in byte order (`A-0003` before `A-0010`), which makes it total.
///
/// Dossiers without a review come last, in key order, marked [`Standing::NotReviewed`].
pub fn rank(grid: &Grid, track: Track, dossiers: &[DossierReviews]) -> Vec<RankedDossier> {
    let mut reviewed: Vec<(&str, Summary)> = Vec::new();
    let mut waiting: Vec<&str> = Vec::new();
    for d in dossiers {
        match summarise(grid, track, &d.reviews) {
            Some(summary) => reviewed.push((&d.dossier, summary)),
            None => waiting.push(&d.dossier),
        }
    }
    reviewed.sort_by(|(ka, a), (kb, b)| order(a, b).then_with(|| ka.cmp(kb)));
    waiting.sort_unstable();
    let mut out = Vec::with_capacity(dossiers.len());
    for (place, (dossier, summary)) in (1u32..).zip(reviewed) {
        out.push(RankedDossier {
            dossier: dossier.to_owned(),
            standing: Standing::Ranked { place, summary: Box::new(summary) },
        });
    }
    out.extend(
        waiting
            .into_iter()
            .map(|d| RankedDossier { dossier: d.to_owned(), standing: Standing::NotReviewed }),
    );
    out
}

/// Steps 1 to 4 of [`rank`]'s order (best first).
fn order(a: &Summary, b: &Summary) -> Ordering {
    b.mean_score
        .cmp(&a.mean_score)
        .then_with(|| b.mean_total.cmp(&a.mean_total))
        .then_with(|| b.median_total.cmp(&a.median_total))
        .then_with(|| b.reviews.cmp(&a.reviews))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;

    const KEYS: [&str; 8] = [
        "strategy",
        "development",
        "members",
        "territory",
        "innovation",
        "business-model",
        "governance",
        "feasibility",
    ];

    fn review(reviewer: &str, scores: [u8; 8], bonus_points: u32) -> ReviewScores {
        ReviewScores {
            reviewer: reviewer.to_owned(),
            scores: KEYS.iter().copied().zip(scores).collect(),
            bonus_points,
        }
    }

    fn dossier(key: &str, reviews: Vec<ReviewScores>) -> DossierReviews {
        DossierReviews { dossier: key.to_owned(), reviews }
    }

    #[test]
    fn a_dossier_gets_the_mean_median_and_spread_of_its_reviews() {
        let grid = Grid::default_2011();
        let reviews = [
            review("r1", [4, 3, 4, 3, 3, 4, 3, 4], 0), // 87,5
            review("r2", [3, 3, 3, 3, 3, 3, 3, 3], 3), // 75
            review("r3", [4, 4, 4, 4, 4, 4, 4, 4], 0), // 100
        ];
        let summary = summarise(&grid, Track::Established, &reviews).expect("reviewed");
        assert_eq!(summary.reviews, 3);
        assert_eq!(summary.mean_total.format(Lang::Fr), "87,5");
        assert_eq!(summary.median_total.format(Lang::Fr), "87,5");
        assert_eq!(summary.total_spread_centi, 2500);
        assert_eq!(summary.mean_bonus.format(Lang::Fr), "1");
        assert_eq!(summary.mean_score.format(Lang::En), "88.5");
        let strategy = &summary.criteria[0];
        assert_eq!(strategy.criterion, "strategy");
        assert_eq!(strategy.count, 3);
        assert_eq!(strategy.mean.format(Lang::Fr), "3,67");
        assert_eq!(strategy.median.format(Lang::Fr), "4");
        assert_eq!((strategy.min, strategy.max, strategy.spread), (3, 4, 1));
        assert_eq!(summary.criteria.len(), 8);
        assert_eq!(summary.alerts, []);
    }

    #[test]
    fn a_gap_of_3_points_raises_a_divergence_alert_and_a_gap_of_2_does_not() {
        let grid = Grid::default_2011();
        let reviews = [
            review("alice", [1, 2, 2, 2, 2, 2, 2, 2], 0),
            review("bob", [4, 4, 2, 2, 2, 2, 2, 2], 0),
            review("chloé", [4, 2, 2, 2, 2, 2, 2, 2], 0),
        ];
        let summary = summarise(&grid, Track::Emerging, &reviews).expect("reviewed");
        assert_eq!(
            summary.alerts,
            [Divergence {
                criterion: "strategy".into(),
                low_reviewer: "alice".into(),
                low: 1,
                high_reviewer: "bob".into(),
                high: 4,
            }]
        );
        assert_eq!(summary.criteria[1].spread, 2);
        assert_eq!(
            summary.alerts[0].message(&grid).fr,
            "Écart de 3 points sur « Stratégie commune de coopération et de mutualisation » (notes de 1 à 4) : à discuter."
        );
        assert_eq!(
            summary.alerts[0].message(&grid).en,
            "Gap of 3 points on “Shared strategy of cooperation and pooling” (scores from 1 to 4): to be discussed."
        );
    }

    #[test]
    fn dossiers_are_ranked_by_mean_score_and_those_without_review_come_last() {
        let grid = Grid::default_2011();
        let dossiers = [
            dossier("A-0004", vec![]),
            dossier("A-0001", vec![review("r1", [2; 8], 0), review("r2", [2; 8], 0)]), // 50
            dossier("A-0002", vec![review("r1", [3; 8], 0), review("r2", [3; 8], 0)]), // 75
            dossier("A-0003", vec![review("r1", [4; 8], 0), review("r2", [2; 8], 0)]), // 75
            dossier("A-0000", vec![]),
        ];
        let ranking = rank(&grid, Track::Established, &dossiers);
        let order: Vec<(&str, Option<u32>)> =
            ranking.iter().map(|r| (r.dossier.as_str(), r.place())).collect();
        // A-0002 and A-0003 tie on every step but the key.
        assert_eq!(
            order,
            [
                ("A-0002", Some(1)),
                ("A-0003", Some(2)),
                ("A-0001", Some(3)),
                ("A-0000", None),
                ("A-0004", None),
            ]
        );
        assert_eq!(ranking[3].standing, Standing::NotReviewed);
        assert_eq!(ranking[3].summary(), None);
        assert_eq!(
            ranking[0].summary().map(|s| s.mean_total.format(Lang::Fr)),
            Some("75".to_owned())
        );
    }

    #[test]
    fn the_bonus_counts_then_merit_then_the_median_then_the_number_of_reviews_break_ties() {
        let grid = Grid::default_2011();
        // In track B, [2, 2, 3, 3, 3, 3, 3, 3] is 275 points of 400: 68,75.
        let mixed = [2, 2, 3, 3, 3, 3, 3, 3];
        let dossiers = [
            // 75 + a bonus of 5 = 80: first, though its total is not the best.
            dossier("B-0005", vec![review("r1", [3; 8], 5)]),
            // 75 + a mean bonus of 2,5 = 77,5, against 77,5 without bonus: merit first.
            dossier("B-0009", vec![review("r1", [3; 8], 2), review("r2", [3; 8], 3)]),
            dossier("B-0008", vec![review("r1", [3, 4, 3, 3, 3, 3, 3, 3], 0)]),
            // Means of 62,5 each: medians 62,5 (B-0001, B-0007) and 68,75 (B-0002).
            dossier("B-0001", vec![review("r1", [2; 8], 0), review("r2", [3; 8], 0)]),
            dossier(
                "B-0002",
                vec![review("r1", [2; 8], 0), review("r2", mixed, 0), review("r3", mixed, 0)],
            ),
            // Same mean and median as B-0001 from four reviews: more reviews first.
            dossier(
                "B-0007",
                vec![
                    review("r1", [2; 8], 0),
                    review("r2", [3; 8], 0),
                    review("r3", [2; 8], 0),
                    review("r4", [3; 8], 0),
                ],
            ),
        ];
        let ranking = rank(&grid, Track::Emerging, &dossiers);
        let order: Vec<&str> = ranking.iter().map(|r| r.dossier.as_str()).collect();
        assert_eq!(order, ["B-0005", "B-0008", "B-0009", "B-0002", "B-0007", "B-0001"]);
        let b0009 = ranking[2].summary().expect("reviewed");
        assert_eq!(b0009.mean_bonus.format(Lang::Fr), "2,5");
        assert_eq!(b0009.mean_score.format(Lang::Fr), "77,5");
        let b0002 = ranking[3].summary().expect("reviewed");
        assert_eq!(b0002.mean_total.format(Lang::Fr), "62,5");
        assert_eq!(b0002.median_total.format(Lang::Fr), "68,75");
    }
}
