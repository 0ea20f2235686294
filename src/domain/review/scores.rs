//! A reviewer's review as a value: the scores per criterion, the ticked bonus items, the
//! recommendation and the comment, read from a posted form; the total on 100 kept exact.

use std::collections::BTreeMap;

use super::FieldIssue;
use super::grid::{Grid, Track};

/// The longest comment kept: a few pages, enough for any argued opinion.
pub const COMMENT_MAX_CHARS: usize = 10_000;

/// A score per criterion key. Built from a posted form by [`parse_review`] (every criterion of
/// the grid, every score on the scale) or from stored rows with [`Scores::insert`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scores(BTreeMap<String, u8>);

impl Scores {
    pub fn new() -> Scores {
        Scores::default()
    }

    pub fn insert(&mut self, criterion: impl Into<String>, score: u8) {
        self.0.insert(criterion.into(), score);
    }

    pub fn get(&self, criterion: &str) -> Option<u8> {
        self.0.get(criterion).copied()
    }

    /// The scores in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u8)> {
        self.0.iter().map(|(k, v)| (k.as_str(), *v))
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The total on 100 in hundredths: Σ (score / max × weight) × 100, computed as
    /// Σ (score × weight) × 100 / max so that it stays exact (the grid's maximum divides 100).
    /// A criterion without a score counts 0; scores of criteria the grid does not know count
    /// nothing.
    pub fn total_centi(&self, grid: &Grid, track: Track) -> u32 {
        let max = u32::from(grid.max_score());
        if max == 0 {
            return 0;
        }
        let points: u32 = grid
            .criteria
            .iter()
            .map(|c| u32::from(self.get(&c.key).unwrap_or(0)) * c.weight(track))
            .sum();
        points * 100 / max
    }
}

impl<K: Into<String>> FromIterator<(K, u8)> for Scores {
    fn from_iter<I: IntoIterator<Item = (K, u8)>>(iter: I) -> Scores {
        Scores(iter.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }
}

/// A complete, valid review as posted by a reviewer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewInput {
    /// A score on the scale for every criterion of the grid.
    pub scores: Scores,
    /// The keys of the ticked bonus items, in the grid's order.
    pub bonus: Vec<String>,
    /// The key of one of the grid's recommendations (`retenir`, `ne-pas-retenir`…).
    pub recommendation: String,
    /// Trimmed; non-empty when the grid requires a comment.
    pub comment: String,
}

impl ReviewInput {
    /// See [`Scores::total_centi`]: 8750 for 87,5 out of 100.
    pub fn total_centi(&self, grid: &Grid, track: Track) -> u32 {
        self.scores.total_centi(grid, track)
    }

    /// The bonus points, capped, shown apart from the total.
    pub fn bonus_points(&self, grid: &Grid) -> u32 {
        grid.bonus_points(&self.bonus)
    }
}

/// Reads a posted review: `score-<criterion>` (a whole number on the scale) for every criterion,
/// `bonus-<item>` (a ticked checkbox, any value), `recommendation` (a key of the grid) and
/// `comment`. Every issue is reported at once, each on its field; other names (the CSRF token…)
/// are ignored. When a name is posted twice, the first value counts. `track` is not needed to
/// read the form but keeps the call sites honest about which weights will apply.
pub fn parse_review(
    grid: &Grid,
    _track: Track,
    pairs: &[(String, String)],
) -> Result<ReviewInput, Vec<FieldIssue>> {
    let posted = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim());
    let mut issues = Vec::new();
    let mut scores = Scores::new();
    let max = grid.max_score();
    for criterion in &grid.criteria {
        let field = criterion.field();
        match posted(&field) {
            None | Some("") => issues.push(FieldIssue::new(
                field,
                "Donnez une note à ce critère.",
                "Give this criterion a score.",
            )),
            Some(text) => match text.parse::<u8>() {
                Ok(score) if score <= max && text.bytes().all(|b| b.is_ascii_digit()) => {
                    scores.insert(criterion.key.clone(), score);
                }
                _ => issues.push(FieldIssue::new(
                    field,
                    format!("La note doit être un nombre entier de 0 à {max}."),
                    format!("The score must be a whole number from 0 to {max}."),
                )),
            },
        }
    }
    let bonus = grid
        .bonus
        .items
        .iter()
        .filter(|item| posted(&item.field()).is_some())
        .map(|item| item.key.clone())
        .collect();
    let recommendation = match posted("recommendation") {
        None | Some("") => {
            issues.push(FieldIssue::new(
                "recommendation",
                "Choisissez une recommandation.",
                "Choose a recommendation.",
            ));
            String::new()
        }
        Some(key) if grid.recommendation(key).is_none() => {
            issues.push(FieldIssue::new(
                "recommendation",
                "Cette recommandation n’existe pas : choisissez l’une de celles proposées.",
                "This recommendation does not exist: choose one of those offered.",
            ));
            String::new()
        }
        Some(key) => key.to_owned(),
    };
    let comment = posted("comment").unwrap_or("").to_owned();
    if comment.is_empty() && grid.comment_required {
        issues.push(FieldIssue::new(
            "comment",
            "Le commentaire est obligatoire : dites ce qui justifie vos notes.",
            "The comment is required: say what justifies your scores.",
        ));
    } else if comment.chars().count() > COMMENT_MAX_CHARS {
        issues.push(FieldIssue::new(
            "comment",
            "Le commentaire ne doit pas dépasser 10 000 caractères.",
            "The comment must not exceed 10,000 characters.",
        ));
    }
    if issues.is_empty() {
        Ok(ReviewInput { scores, bonus, recommendation, comment })
    } else {
        Err(issues)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lang::Lang;
    use crate::domain::review::format_centi;

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

    fn pairs(scores: [&str; 8], extra: &[(&str, &str)]) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> =
            KEYS.iter().zip(scores).map(|(k, s)| (format!("score-{k}"), s.to_owned())).collect();
        out.extend(extra.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        out
    }

    const COMPLETE: [(&str, &str); 3] = [
        ("recommendation", "retenir"),
        ("comment", "Coopération réelle et ancienne."),
        ("csrf", "x"),
    ];

    #[test]
    fn a_review_of_track_a_with_these_scores_totals_87_5() {
        let grid = Grid::default_2011();
        // 4×20 + 3×15 + 4×10 + 3×15 + 3×10 + 4×15 + 3×10 + 4×5 = 350 points out of 400.
        let posted = pairs(["4", "3", "4", "3", "3", "4", "3", "4"], &COMPLETE);
        let review = parse_review(&grid, Track::Established, &posted).expect("valid");
        assert_eq!(review.total_centi(&grid, Track::Established), 8750);
        assert_eq!(format_centi(8750, Lang::Fr), "87,5");
        assert_eq!(format_centi(8750, Lang::En), "87.5");
        // The same scores weigh 4×15 + 3×10 + 4×15 + 3×15 + 3×15 + 4×10 + 3×10 + 4×10 = 350 in
        // track B too; a different set shows the weights differ.
        assert_eq!(review.total_centi(&grid, Track::Emerging), 8750);
        assert_eq!(review.recommendation, "retenir");
        assert_eq!(review.comment, "Coopération réelle et ancienne.");
        assert_eq!(review.bonus, Vec::<String>::new());
    }

    #[test]
    fn the_weights_of_the_track_decide_the_total() {
        let grid = Grid::default_2011();
        let posted = pairs(["4", "0", "0", "0", "0", "0", "0", "1"], &COMPLETE);
        let review = parse_review(&grid, Track::Emerging, &posted).expect("valid");
        // A: 4×20 + 1×5 = 85 points of 400 → 21,25; B: 4×15 + 1×10 = 70 → 17,5.
        assert_eq!(review.total_centi(&grid, Track::Established), 2125);
        assert_eq!(review.total_centi(&grid, Track::Emerging), 1750);
        assert_eq!(format_centi(2125, Lang::Fr), "21,25");
    }

    #[test]
    fn full_marks_give_100_and_nothing_gives_0() {
        let grid = Grid::default_2011();
        let top = parse_review(&grid, Track::Established, &pairs(["4"; 8], &COMPLETE));
        assert_eq!(top.expect("valid").total_centi(&grid, Track::Established), 10000);
        let none = parse_review(&grid, Track::Emerging, &pairs(["0"; 8], &COMPLETE));
        assert_eq!(none.expect("valid").total_centi(&grid, Track::Emerging), 0);
    }

    #[test]
    fn ticked_bonus_items_are_kept_and_counted_apart_from_the_total() {
        let grid = Grid::default_2011();
        let mut extra = COMPLETE.to_vec();
        extra.push(("bonus-ecological-transition", "on"));
        extra.push(("bonus-unknown", "on"));
        let review =
            parse_review(&grid, Track::Established, &pairs(["2"; 8], &extra)).expect("valid");
        assert_eq!(review.bonus, ["ecological-transition"]);
        assert_eq!(review.bonus_points(&grid), 2);
        assert_eq!(review.total_centi(&grid, Track::Established), 5000);
    }

    #[test]
    fn a_score_outside_the_scale_is_refused_next_to_its_field() {
        let grid = Grid::default_2011();
        let posted = pairs(["5", "3", "-1", "2.5", "trois", "", " 4 ", "+3"], &COMPLETE);
        let Err(issues) = parse_review(&grid, Track::Established, &posted) else {
            panic!("refused")
        };
        let found: Vec<(&str, &str)> =
            issues.iter().map(|i| (i.field.as_str(), i.message.fr.as_str())).collect();
        let wrong = "La note doit être un nombre entier de 0 à 4.";
        assert_eq!(
            found,
            [
                ("score-strategy", wrong),
                ("score-members", wrong),
                ("score-territory", wrong),
                ("score-innovation", wrong),
                ("score-business-model", "Donnez une note à ce critère."),
                ("score-feasibility", wrong),
            ]
        );
        assert_eq!(issues[0].message.en, "The score must be a whole number from 0 to 4.");
    }

    #[test]
    fn the_comment_and_the_recommendation_are_required() {
        let grid = Grid::default_2011();
        let posted = pairs(["2"; 8], &[("comment", "   ")]);
        let Err(issues) = parse_review(&grid, Track::Emerging, &posted) else { panic!("refused") };
        let found: Vec<(&str, &str)> =
            issues.iter().map(|i| (i.field.as_str(), i.message.en.as_str())).collect();
        assert_eq!(
            found,
            [
                ("recommendation", "Choose a recommendation."),
                ("comment", "The comment is required: say what justifies your scores."),
            ]
        );
        assert_eq!(
            issues[1].message.fr,
            "Le commentaire est obligatoire : dites ce qui justifie vos notes."
        );
    }

    #[test]
    fn an_unknown_recommendation_and_a_missing_score_are_refused() {
        let grid = Grid::default_2011();
        let mut posted = pairs(["2"; 8], &[("recommendation", "garder"), ("comment", "Bien.")]);
        posted.retain(|(k, _)| k != "score-governance");
        let Err(issues) = parse_review(&grid, Track::Emerging, &posted) else { panic!("refused") };
        let fields: Vec<&str> = issues.iter().map(|i| i.field.as_str()).collect();
        assert_eq!(fields, ["score-governance", "recommendation"]);
        assert_eq!(
            issues[1].message.fr,
            "Cette recommandation n’existe pas : choisissez l’une de celles proposées."
        );
    }

    #[test]
    fn a_comment_of_more_than_10_000_characters_is_refused() {
        let grid = Grid::default_2011();
        let long = "é".repeat(10_001);
        let posted = pairs(["2"; 8], &[("recommendation", "retenir"), ("comment", &long)]);
        let Err(issues) = parse_review(&grid, Track::Emerging, &posted) else { panic!("refused") };
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].field, "comment");
        let just = "é".repeat(10_000);
        let posted = pairs(["2"; 8], &[("recommendation", "retenir"), ("comment", &just)]);
        assert!(parse_review(&grid, Track::Emerging, &posted).is_ok());
    }

    #[test]
    fn stored_scores_of_a_missing_criterion_count_zero() {
        let grid = Grid::default_2011();
        let scores: Scores = [("strategy", 4), ("unknown", 4)].into_iter().collect();
        assert_eq!(scores.total_centi(&grid, Track::Established), 2000);
        assert_eq!(scores.len(), 2);
    }
}
