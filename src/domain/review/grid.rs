//! The evaluation grid held as data (GRID.md step 2): criteria and their weights per track, the
//! scale, the bonus, the recommendations; read from TOML with every mistake placed and explained.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::domain::form::Message;
use crate::domain::lang::{Lang, Localized};
use crate::domain::text_place::{self, line_col};

/// The default grid of the 2011 call, as shipped (`data/grids/2011.toml`).
pub const SOURCE_2011: &str = include_str!("../../../data/grids/2011.toml");

/// The two tracks whose dossiers are scored: A and B. Expressions of interest (form C) are not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Track {
    /// Parcours A, PTCE opérationnel.
    Established,
    /// Parcours B, initiative en projet ou en construction.
    Emerging,
}

impl Track {
    pub const ALL: [Track; 2] = [Track::Established, Track::Emerging];

    /// The track's slug, as in the call (`data/calls/ptce-2011.toml`) and the database.
    pub const fn slug(self) -> &'static str {
        match self {
            Track::Established => "established",
            Track::Emerging => "emerging",
        }
    }

    pub fn parse(slug: &str) -> Option<Track> {
        Track::ALL.into_iter().find(|t| t.slug() == slug)
    }

    /// Where a redirected dossier goes.
    pub fn other(self) -> Track {
        match self {
            Track::Established => Track::Emerging,
            Track::Emerging => Track::Established,
        }
    }

    /// A short name for messages ("réorienté vers le parcours B").
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Track::Established, Lang::Fr) => "parcours A (PTCE opérationnel)",
            (Track::Established, Lang::En) => "track A (operational PTCE)",
            (Track::Emerging, Lang::Fr) => "parcours B (initiative en construction)",
            (Track::Emerging, Lang::En) => "track B (emerging initiative)",
        }
    }
}

/// An evaluation grid. Built by [`Grid::from_toml`], which guarantees what the scoring relies
/// on: the scale runs 0, 1, … up to a maximum dividing 100, each track's weights add up to 100,
/// keys are unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub key: String,
    pub title: Localized,
    /// The levels in increasing order, starting at 0.
    pub scale: Vec<ScaleLevel>,
    pub criteria: Vec<Criterion>,
    pub bonus: Bonus,
    pub recommendations: Vec<Recommendation>,
    pub comment_required: bool,
    /// Reviewers whose scores on one criterion differ by more than this are asked to discuss.
    pub divergence_gap: u8,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleLevel {
    pub value: u8,
    pub label: Localized,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    /// Lower-case ASCII letters, digits and `-`: the posted field is `score-<key>`.
    pub key: String,
    pub label: Localized,
    pub description: Localized,
    pub weights: Weights,
}

impl Criterion {
    pub fn weight(&self, track: Track) -> u32 {
        self.weights.get(track)
    }

    /// The name of its posted score: `score-strategy`.
    pub fn field(&self) -> String {
        format!("score-{}", self.key)
    }
}

/// A criterion's weight in each track (points out of 100).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Weights {
    pub established: u32,
    pub emerging: u32,
}

impl Weights {
    pub fn get(self, track: Track) -> u32 {
        match track {
            Track::Established => self.established,
            Track::Emerging => self.emerging,
        }
    }
}

/// Extra points shown apart from the total on 100, together at most `cap`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bonus {
    pub cap: u32,
    pub items: Vec<BonusItem>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BonusItem {
    /// The posted checkbox is `bonus-<key>`.
    pub key: String,
    pub label: Localized,
    pub points: u32,
}

impl BonusItem {
    /// The name of its posted checkbox: `bonus-priority-territory`.
    pub fn field(&self) -> String {
        format!("bonus-{}", self.key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recommendation {
    pub key: String,
    pub label: Localized,
}

/// One mistake in a grid's text, at a place of it (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridError {
    pub line: usize,
    pub column: usize,
    pub message: Message,
}

impl std::fmt::Display for GridError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ligne {}, colonne {} : {}", self.line, self.column, self.message.fr)
    }
}

impl Grid {
    /// The shipped grid of the 2011 call. It is tested to read without mistake, so failing here
    /// is a build defect, found at start-up.
    pub fn default_2011() -> Grid {
        match Grid::from_toml(SOURCE_2011) {
            Ok(grid) => grid,
            Err(errors) => panic!("data/grids/2011.toml is invalid: {errors:?}"),
        }
    }

    /// Reads a grid from TOML. A syntax mistake stops at the first one (the TOML reader cannot
    /// go on); the others (weights not adding up to 100, duplicate key, hole in the scale…) are
    /// all reported, in the order of the text. Never panics.
    pub fn from_toml(src: &str) -> Result<Grid, Vec<GridError>> {
        let raw: RawGrid = toml::from_str(src).map_err(|e| vec![syntax_error(src, &e)])?;
        let mut reader = Reader { src, errors: Vec::new() };
        let grid = reader.grid(raw);
        let mut errors = reader.errors;
        if errors.is_empty() {
            Ok(grid)
        } else {
            errors.sort_by_key(|e| (e.line, e.column));
            Err(errors)
        }
    }

    /// The highest score of the scale (4 in 2011).
    pub fn max_score(&self) -> u8 {
        self.scale.last().map_or(0, |level| level.value)
    }

    pub fn criterion(&self, key: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.key == key)
    }

    /// The words of a score ("Bon" / "Good").
    pub fn scale_label(&self, score: u8) -> Option<&Localized> {
        self.scale.iter().find(|l| l.value == score).map(|l| &l.label)
    }

    pub fn recommendation(&self, key: &str) -> Option<&Recommendation> {
        self.recommendations.iter().find(|r| r.key == key)
    }

    /// The bonus of the ticked items, capped; unknown keys count for nothing.
    pub fn bonus_points(&self, ticked: &[String]) -> u32 {
        let sum: u32 = self
            .bonus
            .items
            .iter()
            .filter(|item| ticked.contains(&item.key))
            .map(|item| item.points)
            .sum();
        sum.min(self.bonus.cap)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrid {
    key: Spanned<String>,
    title: Spanned<Localized>,
    comment_required: bool,
    divergence_gap: Spanned<i64>,
    scale: Spanned<Vec<Spanned<RawLevel>>>,
    criteria: Spanned<Vec<Spanned<RawCriterion>>>,
    bonus: RawBonus,
    recommendations: Spanned<Vec<Spanned<RawRecommendation>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLevel {
    value: Spanned<i64>,
    label: Spanned<Localized>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    key: Spanned<String>,
    label: Spanned<Localized>,
    description: Spanned<Localized>,
    weights: RawWeights,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWeights {
    established: Spanned<i64>,
    emerging: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBonus {
    cap: Spanned<i64>,
    #[serde(default)]
    items: Vec<Spanned<RawBonusItem>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBonusItem {
    key: Spanned<String>,
    label: Spanned<Localized>,
    points: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecommendation {
    key: Spanned<String>,
    label: Spanned<Localized>,
}

/// A TOML syntax or shape mistake; the reader speaks English, the usual cases are said in French.
fn syntax_error(src: &str, error: &toml::de::Error) -> GridError {
    let (line, column) = text_place::of_toml_error(src, error);
    let english = error.message().trim().to_owned();
    let french = if let Some(rest) = english.strip_prefix("unknown field ") {
        let (name, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let expected = expected.replace("one of ", "").replace(" or ", ", ");
        format!(
            "attribut inconnu {name} (une faute de frappe ?) ; attributs possibles : {expected}"
        )
    } else if let Some(name) = english.strip_prefix("missing field ") {
        format!("attribut obligatoire manquant : {name}")
    } else if let Some(rest) = english.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, "?"));
        format!("valeur de mauvais type : {found}, alors qu’il faut {expected}")
    } else {
        format!("le texte n’est pas du TOML valide : {english}")
    };
    GridError { line, column, message: Message::new(french, english) }
}

struct Reader<'s> {
    src: &'s str,
    errors: Vec<GridError>,
}

impl Reader<'_> {
    fn error(&mut self, span: Range<usize>, fr: impl Into<String>, en: impl Into<String>) {
        let (line, column) = line_col(self.src, span.start);
        self.errors.push(GridError { line, column, message: Message::new(fr, en) });
    }

    fn grid(&mut self, raw: RawGrid) -> Grid {
        self.key(&raw.key, "de la grille", "of the grid");
        let title = self.text(raw.title);
        let scale = self.scale(raw.scale);
        let max = scale.last().map_or(0, |l: &ScaleLevel| l.value);
        let criteria = self.criteria(raw.criteria);
        let bonus = self.bonus(raw.bonus);
        let recommendations = self.recommendations(raw.recommendations);
        let gap = raw.divergence_gap;
        let divergence_gap = match u8::try_from(*gap.get_ref()) {
            Ok(g) if g < max || max == 0 => g,
            _ => {
                self.error(
                    gap.span(),
                    format!(
                        "l’écart qui déclenche une alerte doit être un nombre entier de 0 à {}",
                        max.saturating_sub(1)
                    ),
                    format!(
                        "the gap raising an alert must be a whole number from 0 to {}",
                        max.saturating_sub(1)
                    ),
                );
                0
            }
        };
        Grid {
            key: raw.key.into_inner(),
            title,
            scale,
            criteria,
            bonus,
            recommendations,
            comment_required: raw.comment_required,
            divergence_gap,
        }
    }

    /// Keys end up in HTML names (`score-<key>`) and in the database: lower-case ASCII words.
    fn key(&mut self, key: &Spanned<String>, what_fr: &str, what_en: &str) {
        let k = key.get_ref();
        let well_formed = k.len() <= 64
            && k.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && k.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !well_formed {
            self.error(
                key.span(),
                format!(
                    "clé {what_fr} « {k} » invalide : minuscules sans accents, chiffres et - seulement, en commençant par une lettre"
                ),
                format!(
                    "invalid key {what_en} `{k}`: lower-case ASCII letters, digits and - only, starting with a letter"
                ),
            );
        }
    }

    fn unique(
        &mut self,
        seen: &mut BTreeMap<String, usize>,
        key: &Spanned<String>,
        what_fr: &str,
        what_en: &str,
    ) {
        let k = key.get_ref();
        if let Some(&first) = seen.get(k) {
            let (line, _) = line_col(self.src, first);
            self.error(
                key.span(),
                format!("la clé {what_fr} « {k} » est déjà utilisée (ligne {line})"),
                format!("{what_en} key `{k}` is already used (line {line})"),
            );
        } else {
            seen.insert(k.clone(), key.span().start);
        }
    }

    /// Both languages, always: an empty text would leave a blank on a screen.
    fn text(&mut self, text: Spanned<Localized>) -> Localized {
        let span = text.span();
        let text = text.into_inner();
        for (lang, value) in [("fr", &text.fr), ("en", &text.en)] {
            if value.trim().is_empty() {
                self.error(
                    span.clone(),
                    format!("le texte « {lang} » est vide"),
                    format!("the `{lang}` text is empty"),
                );
            }
        }
        text
    }

    fn points(&mut self, value: &Spanned<i64>, fr: &str, en: &str) -> u32 {
        match u32::try_from(*value.get_ref()) {
            Ok(v) if v <= 100 => v,
            _ => {
                self.error(
                    value.span(),
                    format!("{fr} doit être un nombre entier de 0 à 100"),
                    format!("{en} must be a whole number from 0 to 100"),
                );
                0
            }
        }
    }

    fn scale(&mut self, raw: Spanned<Vec<Spanned<RawLevel>>>) -> Vec<ScaleLevel> {
        let span = raw.span();
        let raw = raw.into_inner();
        if raw.len() < 2 {
            self.error(
                span.clone(),
                "l’échelle de notation doit avoir au moins deux niveaux",
                "the scoring scale must have at least two levels",
            );
        }
        let mut scale = Vec::new();
        for (expected, level) in raw.into_iter().enumerate() {
            let level = level.into_inner();
            let value = *level.value.get_ref();
            // A score is a count of steps from "absent": 0, 1, 2… with no hole, so that
            // score / max is the share of the weight earned.
            if usize::try_from(value) != Ok(expected) {
                self.error(
                    level.value.span(),
                    format!("niveau {value} inattendu : l’échelle va de 0 en 0, 1, 2… sans trou, ce niveau doit valoir {expected}"),
                    format!("unexpected level {value}: the scale runs 0, 1, 2… with no hole, this level must be {expected}"),
                );
            }
            let label = self.text(level.label);
            scale.push(ScaleLevel { value: u8::try_from(expected).unwrap_or(u8::MAX), label });
        }
        let max = scale.last().map_or(0, |l| l.value);
        if max > 0 && 100 % u32::from(max) != 0 {
            self.error(
                span,
                format!("la note la plus haute ({max}) doit diviser 100 (1, 2, 4, 5, 10, 20, 25, 50 ou 100) pour que les totaux restent exacts au centième"),
                format!("the highest score ({max}) must divide 100 (1, 2, 4, 5, 10, 20, 25, 50 or 100) so that totals stay exact to the hundredth"),
            );
        }
        scale
    }

    fn criteria(&mut self, raw: Spanned<Vec<Spanned<RawCriterion>>>) -> Vec<Criterion> {
        let span = raw.span();
        let raw = raw.into_inner();
        if raw.is_empty() {
            self.error(span.clone(), "la grille n’a aucun critère", "the grid has no criterion");
        }
        let mut seen = BTreeMap::new();
        let mut criteria = Vec::new();
        for criterion in raw {
            let criterion = criterion.into_inner();
            self.key(&criterion.key, "de critère", "of a criterion");
            self.unique(&mut seen, &criterion.key, "de critère", "criterion");
            let weights = Weights {
                established: self.points(&criterion.weights.established, "un poids", "a weight"),
                emerging: self.points(&criterion.weights.emerging, "un poids", "a weight"),
            };
            criteria.push(Criterion {
                key: criterion.key.into_inner(),
                label: self.text(criterion.label),
                description: self.text(criterion.description),
                weights,
            });
        }
        if !criteria.is_empty() {
            for track in Track::ALL {
                let sum: u32 = criteria.iter().map(|c| c.weight(track)).sum();
                if sum != 100 {
                    self.error(
                        span.clone(),
                        format!(
                            "les poids du parcours « {} » totalisent {sum} au lieu de 100",
                            track.slug()
                        ),
                        format!(
                            "the weights of track `{}` add up to {sum} instead of 100",
                            track.slug()
                        ),
                    );
                }
            }
        }
        criteria
    }

    fn bonus(&mut self, raw: RawBonus) -> Bonus {
        let cap = self.points(&raw.cap, "le plafond du bonus", "the bonus cap");
        let mut seen = BTreeMap::new();
        let mut items = Vec::new();
        for item in raw.items {
            let item = item.into_inner();
            self.key(&item.key, "de bonus", "of a bonus item");
            self.unique(&mut seen, &item.key, "de bonus", "bonus item");
            let points = self.points(&item.points, "les points d’un bonus", "bonus points");
            if points == 0 && *item.points.get_ref() == 0 {
                self.error(
                    item.points.span(),
                    "un bonus doit valoir au moins 1 point",
                    "a bonus item must be worth at least 1 point",
                );
            }
            items.push(BonusItem {
                key: item.key.into_inner(),
                label: self.text(item.label),
                points,
            });
        }
        Bonus { cap, items }
    }

    fn recommendations(
        &mut self,
        raw: Spanned<Vec<Spanned<RawRecommendation>>>,
    ) -> Vec<Recommendation> {
        let span = raw.span();
        let raw = raw.into_inner();
        if raw.is_empty() {
            self.error(
                span,
                "la grille n’a aucune recommandation",
                "the grid has no recommendation",
            );
        }
        let mut seen = BTreeMap::new();
        let mut out = Vec::new();
        for rec in raw {
            let rec = rec.into_inner();
            self.key(&rec.key, "de recommandation", "of a recommendation");
            self.unique(&mut seen, &rec.key, "de recommandation", "recommendation");
            out.push(Recommendation { key: rec.key.into_inner(), label: self.text(rec.label) });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The default grid with `from` replaced by `to` (exactly once).
    fn edited(from: &str, to: &str) -> String {
        assert_eq!(SOURCE_2011.matches(from).count(), 1, "{from}");
        SOURCE_2011.replace(from, to)
    }

    fn line_of(src: &str, needle: &str) -> usize {
        let at = src.find(needle).expect("needle");
        src[..at].lines().count() + usize::from(src[..at].ends_with('\n'))
    }

    fn errors(src: &str) -> Vec<(usize, usize, String)> {
        match Grid::from_toml(src) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.into_iter().map(|e| (e.line, e.column, e.message.en)).collect(),
        }
    }

    #[test]
    fn the_2011_grid_has_the_weights_of_grid_md_in_both_tracks() {
        let grid = Grid::default_2011();
        let a: Vec<u32> = grid.criteria.iter().map(|c| c.weight(Track::Established)).collect();
        let b: Vec<u32> = grid.criteria.iter().map(|c| c.weight(Track::Emerging)).collect();
        assert_eq!(a, [20, 15, 10, 15, 10, 15, 10, 5]);
        assert_eq!(b, [15, 10, 15, 15, 15, 10, 10, 10]);
        let keys: Vec<&str> = grid.criteria.iter().map(|c| c.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "strategy",
                "development",
                "members",
                "territory",
                "innovation",
                "business-model",
                "governance",
                "feasibility"
            ]
        );
        assert_eq!(
            grid.criteria[0].label.fr,
            "Stratégie commune de coopération et de mutualisation"
        );
    }

    #[test]
    fn the_2011_grid_scores_from_absent_to_excellent_with_a_bonus_of_five_at_most() {
        let grid = Grid::default_2011();
        let scale: Vec<(u8, &str, &str)> = grid
            .scale
            .iter()
            .map(|l| (l.value, l.label.fr.as_str(), l.label.en.as_str()))
            .collect();
        assert_eq!(
            scale,
            [
                (0, "Absent", "Absent"),
                (1, "Faible", "Weak"),
                (2, "Correct", "Adequate"),
                (3, "Bon", "Good"),
                (4, "Excellent", "Excellent"),
            ]
        );
        assert_eq!(grid.max_score(), 4);
        assert_eq!(grid.scale_label(3).map(|l| l.get(Lang::Fr)), Some("Bon"));
        assert_eq!(grid.bonus.cap, 5);
        assert_eq!(grid.bonus_points(&["priority-territory".into()]), 3);
        assert_eq!(
            grid.bonus_points(&["priority-territory".into(), "ecological-transition".into()]),
            5
        );
        let recs: Vec<&str> = grid.recommendations.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(recs, ["retenir", "retenir-sous-reserve", "liste-d-attente", "ne-pas-retenir"]);
        assert_eq!(
            grid.recommendation("liste-d-attente").map(|r| r.label.fr.as_str()),
            Some("Liste d’attente")
        );
        assert!(grid.comment_required);
        assert_eq!(grid.divergence_gap, 2);
    }

    #[test]
    fn bonus_items_together_never_give_more_than_the_cap() {
        let src = edited("points = 2", "points = 4");
        let grid = Grid::from_toml(&src).expect("valid");
        let both = ["priority-territory".to_owned(), "ecological-transition".to_owned()];
        assert_eq!(grid.bonus_points(&both), 5);
        assert_eq!(grid.bonus_points(&["unknown".to_owned()]), 0);
    }

    #[test]
    fn weights_not_adding_up_to_100_are_refused_on_the_criteria() {
        let src = edited(
            "weights = { established = 5, emerging = 10 }",
            "weights = { established = 10, emerging = 10 }",
        );
        let line = line_of(&src, "[[criteria]]");
        assert_eq!(
            errors(&src),
            vec![(
                line,
                1,
                "the weights of track `established` add up to 105 instead of 100".into()
            )]
        );
        let Err(found) = Grid::from_toml(&src) else { panic!("refused") };
        assert_eq!(
            found[0].message.fr,
            "les poids du parcours « established » totalisent 105 au lieu de 100"
        );
    }

    #[test]
    fn a_duplicate_criterion_key_is_refused_where_it_is_repeated() {
        let src = edited("key = \"governance\"", "key = \"innovation\"");
        let first = line_of(&src, "key = \"innovation\"");
        let second = line_of(&src, "key = \"innovation\"\nlabel = { fr = \"Gouvernance");
        assert_eq!(
            errors(&src),
            vec![(second, 7, format!("criterion key `innovation` is already used (line {first})"))]
        );
    }

    #[test]
    fn a_scale_with_a_hole_or_a_maximum_not_dividing_100_is_refused() {
        let src = edited("value = 3\n", "value = 5\n");
        let line = line_of(&src, "value = 5");
        assert_eq!(
            errors(&src),
            vec![(
                line,
                9,
                "unexpected level 5: the scale runs 0, 1, 2… with no hole, this level must be 3"
                    .into()
            )]
        );
        let three_levels = "key = \"g\"\ntitle = { fr = \"G\", en = \"G\" }\ncomment_required = true\n\
            divergence_gap = 1\n\
            scale = [ { value = 0, label = { fr = \"a\", en = \"a\" } }, { value = 1, label = { fr = \"b\", en = \"b\" } }, { value = 2, label = { fr = \"c\", en = \"c\" } }, { value = 3, label = { fr = \"d\", en = \"d\" } } ]\n\
            criteria = [ { key = \"c\", label = { fr = \"C\", en = \"C\" }, description = { fr = \"C\", en = \"C\" }, weights = { established = 100, emerging = 100 } } ]\n\
            bonus = { cap = 0 }\n\
            recommendations = [ { key = \"r\", label = { fr = \"R\", en = \"R\" } } ]\n";
        assert_eq!(
            errors(three_levels),
            vec![(
                5,
                9,
                "the highest score (3) must divide 100 (1, 2, 4, 5, 10, 20, 25, 50 or 100) so that totals stay exact to the hundredth".into()
            )]
        );
    }

    #[test]
    fn an_empty_scale_and_an_empty_text_are_refused() {
        let src = "key = \"g\"\ntitle = { fr = \"G\", en = \"\" }\ncomment_required = true\n\
            divergence_gap = 0\nscale = []\n\
            criteria = [ { key = \"c\", label = { fr = \"C\", en = \"C\" }, description = { fr = \"C\", en = \"C\" }, weights = { established = 100, emerging = 100 } } ]\n\
            bonus = { cap = 5 }\n\
            recommendations = []\n";
        assert_eq!(
            errors(src),
            vec![
                (2, 9, "the `en` text is empty".into()),
                (5, 9, "the scoring scale must have at least two levels".into()),
                (8, 19, "the grid has no recommendation".into()),
            ]
        );
    }

    #[test]
    fn a_typo_in_an_attribute_is_placed_and_said_in_french_too() {
        let src = edited(
            "emerging = 10 }\n\n[[criteria]]\nkey = \"governance\"",
            "emergin = 10 }\n\n[[criteria]]\nkey = \"governance\"",
        );
        let Err(found) = Grid::from_toml(&src) else { panic!("refused") };
        let line = line_of(&src, "emergin = 10");
        assert_eq!((found[0].line, found[0].column), (line, 31));
        assert!(found[0].message.en.starts_with("unknown field `emergin`"), "{:?}", found[0]);
        assert!(
            found[0].message.fr.starts_with("attribut inconnu `emergin` (une faute de frappe ?)"),
            "{:?}",
            found[0]
        );
    }

    #[test]
    fn a_badly_written_key_and_a_negative_weight_are_refused() {
        let src = edited(
            "key = \"feasibility\"\nlabel = { fr = \"Maturité et faisabilité du plan d’actions\", en = \"Maturity and feasibility of the action plan\" }\ndescription = { fr = \"Actions datées et chiffrées, moyens humains identifiés, étapes réalistes.\", en = \"Dated and costed actions, identified human resources, realistic milestones.\" }\nweights = { established = 5,",
            "key = \"Faisabilité\"\nlabel = { fr = \"Maturité et faisabilité du plan d’actions\", en = \"Maturity and feasibility of the action plan\" }\ndescription = { fr = \"Actions datées et chiffrées, moyens humains identifiés, étapes réalistes.\", en = \"Dated and costed actions, identified human resources, realistic milestones.\" }\nweights = { established = -5,",
        );
        let found = errors(&src);
        let key_line = line_of(&src, "key = \"Faisabilité\"");
        assert_eq!(found[0].0, line_of(&src, "[[criteria]]"));
        assert_eq!(found[0].2, "the weights of track `established` add up to 95 instead of 100");
        assert_eq!(
            found[1],
            (
                key_line,
                7,
                "invalid key of a criterion `Faisabilité`: lower-case ASCII letters, digits and - only, starting with a letter".into()
            )
        );
        assert_eq!(
            found[2],
            (key_line + 3, 27, "a weight must be a whole number from 0 to 100".into())
        );
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn tracks_read_back_from_their_slugs_and_redirect_to_each_other() {
        for track in Track::ALL {
            assert_eq!(Track::parse(track.slug()), Some(track));
        }
        assert_eq!(Track::parse("interest"), None);
        assert_eq!(Track::Established.other(), Track::Emerging);
        assert_eq!(Track::Emerging.other(), Track::Established);
    }
}
