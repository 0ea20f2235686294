//! The selection board's arithmetic for one track: the suggested selection that maximises the
//! total score under the quota and an optional "at most N per region" rule, the reason each
//! dossier is in or out, and the territorial balance of a selection.
//!
//! Decision outcomes (retenu, liste d'attente, réorienté…) are `domain::review::Outcome`.

use std::collections::BTreeMap;

use crate::domain::form::Message;

/// A dossier of the track that could be selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    /// Opaque: the dossier's id or reference.
    pub dossier: String,
    /// The score in hundredths of a point (the ranking's mean score, 8750 for 87,5); `None` while
    /// the dossier has no review.
    pub score_centi: Option<u32>,
    /// The key the per-region rule counts by: a 2011 or a current region code, as the board
    /// chooses; the same kind for every candidate.
    pub region: String,
    /// The region's name as said in the reasons ("Bretagne").
    pub region_name: String,
    pub department: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectionInput {
    /// How many dossiers the track selects at most (10 for A, 20 for B in 2011).
    pub quota: u32,
    /// "At most N per region", when the board wants it.
    pub per_region: Option<u32>,
    /// Candidates with equal scores are taken in this order: give them in the ranking's order
    /// so that ties follow the ranking's own tie-breaks.
    pub candidates: Vec<Candidate>,
}

/// Why a candidate is in or out of the suggestion. `place` is its 1-based place among the
/// reviewed candidates by score (ties in the given order).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// `tied`: another candidate has exactly the same score.
    Selected {
        place: u32,
        tied: bool,
    },
    /// Its region already has `limit` selected dossiers, all with a better or equal score. Said
    /// rather than the quota when both hold: it would stay out even with a larger quota.
    RegionFull {
        place: u32,
        region_name: String,
        limit: u32,
    },
    /// The quota is filled with better or equal scores.
    QuotaReached {
        place: u32,
        quota: u32,
    },
    NotReviewed,
}

impl Reason {
    pub fn is_selected(&self) -> bool {
        matches!(self, Reason::Selected { .. })
    }

    /// The reason as the board reads it: "Retenu : 3e meilleur score", "Écarté : déjà 2 dossiers
    /// retenus en Bretagne (limite de 2 par région)", "Écarté : quota de 10 atteint", "Écarté :
    /// pas encore évalué".
    pub fn message(&self) -> Message {
        match self {
            Reason::Selected { place, tied } => {
                let (fr, en) = if *place == 1 {
                    ("meilleur score".to_owned(), "best score".to_owned())
                } else {
                    (
                        format!("{place}e meilleur score"),
                        format!("{} best score", ordinal_en(*place)),
                    )
                };
                let (tie_fr, tie_en) = if *tied { (" (ex æquo)", " (tied)") } else { ("", "") };
                Message::new(format!("Retenu : {fr}{tie_fr}"), format!("Selected: {en}{tie_en}"))
            }
            Reason::RegionFull { region_name, limit: 0, .. } => Message::new(
                format!(
                    "Écarté : aucun dossier ne peut être retenu {} (limite de 0 par région)",
                    in_region_fr(region_name)
                ),
                format!(
                    "Left out: no dossier can be selected in {region_name} (limit of 0 per region)"
                ),
            ),
            Reason::RegionFull { region_name, limit, .. } => {
                let (dossiers, retenus, selected) = if *limit == 1 {
                    ("dossier", "retenu", "dossier selected")
                } else {
                    ("dossiers", "retenus", "dossiers selected")
                };
                Message::new(
                    format!(
                        "Écarté : déjà {limit} {dossiers} {retenus} {} (limite de {limit} par région)",
                        in_region_fr(region_name)
                    ),
                    format!(
                        "Left out: already {limit} {selected} in {region_name} (limit of {limit} per region)"
                    ),
                )
            }
            Reason::QuotaReached { quota, .. } => Message::new(
                format!("Écarté : quota de {quota} atteint"),
                format!("Left out: quota of {quota} reached"),
            ),
            Reason::NotReviewed => {
                Message::new("Écarté : pas encore évalué", "Left out: not reviewed yet")
            }
        }
    }
}

/// "en Bretagne", "dans les Pays de la Loire", "à La Réunion": the preposition French puts
/// before the name of each region of 2011 and of now.
fn in_region_fr(name: &str) -> String {
    match name {
        "Centre" | "Nord-Pas-de-Calais" | "Grand Est" => format!("dans le {name}"),
        "Pays de la Loire" | "Hauts-de-France" => format!("dans les {name}"),
        "La Réunion" | "Mayotte" => format!("à {name}"),
        _ => format!("en {name}"),
    }
}

/// 1st, 2nd, 3rd, 4th… 11th, 12th, 13th… 21st.
fn ordinal_en(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    pub dossier: String,
    pub reason: Reason,
}

/// The suggested selection of a track.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// The selected dossiers, best score first.
    pub selected: Vec<String>,
    /// The sum of their scores, in hundredths: the largest any allowed selection reaches.
    pub total_centi: u64,
    /// One per candidate: the reviewed ones by place, then those without review in the given
    /// order.
    pub verdicts: Vec<Verdict>,
}

/// The selection of at most `quota` reviewed candidates, at most `per_region` in any region,
/// whose total score is the largest possible — with the reason each candidate is in or out.
///
/// Greedy by score (equal scores in the given order), taking a candidate when the quota is not
/// filled and its region still has room, is exact here, not merely good:
///
/// Let g₁, g₂, … be the greedy choices in the order taken (scores non-increasing) and O any
/// allowed selection, its scores sorted o₁ ≥ o₂ ≥ …. We show gᵢ ≥ oᵢ for every i ≤ |O| (with
/// |G| ≥ |O|), hence Σ G ≥ Σ O. Suppose not, and take the first i where either greedy chose
/// fewer than i dossiers or gᵢ < oᵢ. The dossiers o₁ … oᵢ all score more than gᵢ (or greedy
/// stopped short), so greedy examined each of them before choosing gᵢ (or at all), while it had
/// chosen fewer than i ≤ |O| ≤ quota dossiers: the quota was not what turned any of them
/// away. Count o₁ … oᵢ region by region. In a region where greedy turned one of them away, the
/// region was already full: greedy had chosen `per_region` dossiers there among g₁ … gᵢ₋₁,
/// and O has at most `per_region` there. In a region where greedy turned none away, it chose
/// all of O's dossiers of that region among o₁ … oᵢ, before gᵢ. Either way O's count among
/// o₁ … oᵢ in each region is at most greedy's count among g₁ … gᵢ₋₁, and summing over the
/// regions gives i ≤ i − 1: a contradiction. (In matroid terms: the allowed selections are
/// the independent sets of a partition matroid truncated at the quota, where greedy is
/// optimal.) The tests check it against a brute force over every subset.
pub fn suggest(input: &SelectionInput) -> Suggestion {
    let mut scored: Vec<(usize, u32)> = input
        .candidates
        .iter()
        .enumerate()
        .filter_map(|(i, c)| c.score_centi.map(|s| (i, s)))
        .collect();
    // A stable sort keeps the given order among equal scores.
    scored.sort_by_key(|&(_, score)| std::cmp::Reverse(score));
    let mut per_score: BTreeMap<u32, u32> = BTreeMap::new();
    for (_, score) in &scored {
        *per_score.entry(*score).or_default() += 1;
    }
    let mut in_region: BTreeMap<&str, u32> = BTreeMap::new();
    let mut selected = Vec::new();
    let mut total_centi = 0u64;
    let mut verdicts = Vec::with_capacity(input.candidates.len());
    for (place, (index, score)) in (1u32..).zip(scored) {
        let candidate = &input.candidates[index];
        let count = in_region.entry(candidate.region.as_str()).or_default();
        let reason = match input.per_region {
            Some(limit) if *count >= limit => {
                Reason::RegionFull { place, region_name: candidate.region_name.clone(), limit }
            }
            _ if selected.len() >= usize::try_from(input.quota).unwrap_or(usize::MAX) => {
                Reason::QuotaReached { place, quota: input.quota }
            }
            _ => {
                *count += 1;
                selected.push(candidate.dossier.clone());
                total_centi += u64::from(score);
                Reason::Selected { place, tied: per_score.get(&score).is_some_and(|n| *n > 1) }
            }
        };
        verdicts.push(Verdict { dossier: candidate.dossier.clone(), reason });
    }
    verdicts.extend(
        input
            .candidates
            .iter()
            .filter(|c| c.score_centi.is_none())
            .map(|c| Verdict { dossier: c.dossier.clone(), reason: Reason::NotReviewed }),
    );
    Suggestion { selected, total_centi, verdicts }
}

/// How many dossiers of a region or a department are selected, among how many candidates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceRow {
    /// The region key or the department code.
    pub key: String,
    pub selected: u32,
    pub candidates: u32,
}

/// The territorial balance of a selection, for the board's table; rows in key order, every
/// region and department with a candidate listed, even with none selected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balance {
    pub regions: Vec<BalanceRow>,
    pub departments: Vec<BalanceRow>,
}

/// Counts a selection (the suggested one or the board's own) by region and department.
/// Dossiers of the selection that are not candidates are not counted.
pub fn balance(selection: &[String], candidates: &[Candidate]) -> Balance {
    let mut regions: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    let mut departments: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for c in candidates {
        let chosen = u32::from(selection.contains(&c.dossier));
        for (map, key) in [(&mut regions, &c.region), (&mut departments, &c.department)] {
            let row = map.entry(key.as_str()).or_default();
            row.0 += chosen;
            row.1 += 1;
        }
    }
    let rows = |map: BTreeMap<&str, (u32, u32)>| {
        map.into_iter()
            .map(|(key, (selected, candidates))| BalanceRow {
                key: key.to_owned(),
                selected,
                candidates,
            })
            .collect()
    };
    Balance { regions: rows(regions), departments: rows(departments) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(dossier: &str, score: Option<u32>, region: &str, department: &str) -> Candidate {
        let region_name = match region {
            "53" => "Bretagne",
            "52" => "Pays de la Loire",
            "11" => "Île-de-France",
            "04" => "La Réunion",
            "76" => "Occitanie",
            "84" => "Auvergne-Rhône-Alpes",
            "93" => "Provence-Alpes-Côte d’Azur",
            other => other,
        };
        Candidate {
            dossier: dossier.to_owned(),
            score_centi: score,
            region: region.to_owned(),
            region_name: region_name.to_owned(),
            department: department.to_owned(),
        }
    }

    /// The best total any allowed selection reaches, trying every subset.
    fn brute_force(input: &SelectionInput) -> u64 {
        let scored: Vec<&Candidate> =
            input.candidates.iter().filter(|c| c.score_centi.is_some()).collect();
        assert!(scored.len() <= 20, "too many for a brute force");
        let mut best = 0;
        for mask in 0u32..(1 << scored.len()) {
            if mask.count_ones() > input.quota {
                continue;
            }
            let chosen: Vec<&Candidate> =
                (0..scored.len()).filter(|i| mask & (1 << i) != 0).map(|i| scored[i]).collect();
            if let Some(limit) = input.per_region {
                let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
                for c in &chosen {
                    *counts.entry(c.region.as_str()).or_default() += 1;
                }
                if counts.values().any(|n| *n > limit) {
                    continue;
                }
            }
            let total: u64 = chosen.iter().map(|c| u64::from(c.score_centi.unwrap_or(0))).sum();
            best = best.max(total);
        }
        best
    }

    /// The rules hold: the quota, the per-region limit, only reviewed dossiers, and the total.
    fn assert_allowed(input: &SelectionInput, suggestion: &Suggestion) {
        assert!(suggestion.selected.len() <= input.quota as usize);
        let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
        let mut total = 0;
        for dossier in &suggestion.selected {
            let c = input.candidates.iter().find(|c| &c.dossier == dossier).expect("candidate");
            *counts.entry(c.region.as_str()).or_default() += 1;
            total += u64::from(c.score_centi.expect("reviewed"));
        }
        if let Some(limit) = input.per_region {
            assert!(counts.values().all(|n| *n <= limit), "{counts:?}");
        }
        assert_eq!(total, suggestion.total_centi);
        assert_eq!(suggestion.verdicts.len(), input.candidates.len());
        let in_verdicts: Vec<&String> = suggestion
            .verdicts
            .iter()
            .filter(|v| v.reason.is_selected())
            .map(|v| &v.dossier)
            .collect();
        assert_eq!(in_verdicts, suggestion.selected.iter().collect::<Vec<_>>());
    }

    /// Fifteen reviewed dossiers over six regions; Bretagne alone has four strong ones.
    fn fifteen() -> SelectionInput {
        let rows: [(&str, u32, &str, &str); 15] = [
            ("A-01", 9400, "53", "29"),
            ("A-02", 9100, "53", "35"),
            ("A-03", 8900, "53", "56"),
            ("A-04", 8800, "53", "22"),
            ("A-05", 8750, "11", "75"),
            ("A-06", 8600, "11", "93"),
            ("A-07", 8500, "11", "94"),
            ("A-08", 8125, "52", "44"),
            ("A-09", 8000, "84", "69"),
            ("A-10", 7900, "76", "31"),
            ("A-11", 7800, "76", "34"),
            ("A-12", 7600, "76", "11"),
            ("A-13", 7000, "52", "49"),
            ("A-14", 6500, "84", "38"),
            ("A-15", 6000, "93", "13"),
        ];
        SelectionInput {
            quota: 10,
            per_region: Some(2),
            candidates: rows.iter().map(|(d, s, r, dep)| candidate(d, Some(*s), r, dep)).collect(),
        }
    }

    #[test]
    fn ten_of_fifteen_are_suggested_never_three_from_one_region_with_the_best_total() {
        let input = fifteen();
        let suggestion = suggest(&input);
        assert_allowed(&input, &suggestion);
        assert_eq!(
            suggestion.selected,
            ["A-01", "A-02", "A-05", "A-06", "A-08", "A-09", "A-10", "A-11", "A-13", "A-14"]
        );
        assert_eq!(suggestion.total_centi, 81_175);
        assert_eq!(suggestion.total_centi, brute_force(&input));
    }

    #[test]
    fn each_candidate_gets_the_reason_it_is_in_or_out() {
        let mut input = fifteen();
        input.candidates.push(candidate("A-16", None, "04", "974"));
        let suggestion = suggest(&input);
        let said: Vec<(&str, String)> = suggestion
            .verdicts
            .iter()
            .map(|v| (v.dossier.as_str(), v.reason.message().fr))
            .collect();
        let bretagne = "Écarté : déjà 2 dossiers retenus en Bretagne (limite de 2 par région)";
        let idf = "Écarté : déjà 2 dossiers retenus en Île-de-France (limite de 2 par région)";
        assert_eq!(said[0], ("A-01", "Retenu : meilleur score".to_owned()));
        assert_eq!(said[1], ("A-02", "Retenu : 2e meilleur score".to_owned()));
        assert_eq!(said[2], ("A-03", bretagne.to_owned()));
        assert_eq!(said[3], ("A-04", bretagne.to_owned()));
        assert_eq!(said[4], ("A-05", "Retenu : 5e meilleur score".to_owned()));
        assert_eq!(said[6], ("A-07", idf.to_owned()));
        assert_eq!(
            said[11],
            (
                "A-12",
                "Écarté : déjà 2 dossiers retenus en Occitanie (limite de 2 par région)".to_owned()
            )
        );
        assert_eq!(said[13], ("A-14", "Retenu : 14e meilleur score".to_owned()));
        assert_eq!(said[14], ("A-15", "Écarté : quota de 10 atteint".to_owned()));
        assert_eq!(said[15], ("A-16", "Écarté : pas encore évalué".to_owned()));
        let english: Vec<String> =
            suggestion.verdicts.iter().map(|v| v.reason.message().en).collect();
        assert_eq!(english[1], "Selected: 2nd best score");
        assert_eq!(
            english[2],
            "Left out: already 2 dossiers selected in Bretagne (limit of 2 per region)"
        );
        assert_eq!(english[14], "Left out: quota of 10 reached");
        assert_eq!(english[15], "Left out: not reviewed yet");
    }

    #[test]
    fn the_cap_can_leave_the_quota_unfilled() {
        let mut candidates = Vec::new();
        for (i, region) in ["53", "53", "53", "52", "52", "52", "11", "11", "11"].iter().enumerate()
        {
            let score = 9000 - 100 * u32::try_from(i).expect("small");
            candidates.push(candidate(&format!("B-{i:02}"), Some(score), region, "00"));
        }
        let input = SelectionInput { quota: 10, per_region: Some(2), candidates };
        let suggestion = suggest(&input);
        assert_allowed(&input, &suggestion);
        assert_eq!(suggestion.selected, ["B-00", "B-01", "B-03", "B-04", "B-06", "B-07"]);
        assert_eq!(suggestion.total_centi, brute_force(&input));
        assert_eq!(
            suggestion.verdicts[5].reason.message().fr,
            "Écarté : déjà 2 dossiers retenus dans les Pays de la Loire (limite de 2 par région)"
        );
    }

    #[test]
    fn equal_scores_are_taken_in_the_given_order_and_said_ex_aequo() {
        let input = SelectionInput {
            quota: 1,
            per_region: None,
            candidates: vec![
                candidate("B-02", Some(7500), "53", "29"),
                candidate("B-01", Some(7500), "53", "29"),
            ],
        };
        let suggestion = suggest(&input);
        assert_eq!(suggestion.selected, ["B-02"]);
        assert_eq!(suggestion.verdicts[0].reason.message().fr, "Retenu : meilleur score (ex æquo)");
        assert_eq!(suggestion.verdicts[1].reason, Reason::QuotaReached { place: 2, quota: 1 });
        assert_eq!(suggest(&input), suggestion);
    }

    #[test]
    fn a_limit_of_one_and_a_limit_of_zero_are_said_plainly() {
        let limit =
            |n| Reason::RegionFull { place: 3, region_name: "La Réunion".into(), limit: n };
        assert_eq!(
            limit(1).message().fr,
            "Écarté : déjà 1 dossier retenu à La Réunion (limite de 1 par région)"
        );
        assert_eq!(
            limit(0).message().en,
            "Left out: no dossier can be selected in La Réunion (limit of 0 per region)"
        );
        assert_eq!(ordinal_en(11), "11th");
        assert_eq!(ordinal_en(21), "21st");
        assert_eq!(ordinal_en(3), "3rd");
        assert_eq!(in_region_fr("Centre"), "dans le Centre");
    }

    /// A tiny linear congruential generator (Knuth's MMIX constants): a fixed sequence, no crate.
    struct Lcg(u64);

    impl Lcg {
        fn below(&mut self, n: u32) -> u32 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            u32::try_from((self.0 >> 33) % u64::from(n)).expect("fits")
        }
    }

    #[test]
    fn the_suggestion_reaches_the_brute_force_optimum_on_five_hundred_random_cases() {
        let mut rng = Lcg(2011);
        for case in 0..500 {
            let n = rng.below(11);
            let regions = 1 + rng.below(4);
            let candidates = (0..n)
                .map(|i| {
                    // Few distinct scores, to have ties; one in eight not reviewed.
                    let score = (rng.below(8) != 0).then(|| 2500 * rng.below(5));
                    let region = rng.below(regions).to_string();
                    candidate(&format!("D-{i}"), score, &region, "00")
                })
                .collect();
            let per_region = (rng.below(3) != 0).then(|| rng.below(4));
            let input = SelectionInput { quota: rng.below(7), per_region, candidates };
            let suggestion = suggest(&input);
            assert_allowed(&input, &suggestion);
            assert_eq!(suggestion.total_centi, brute_force(&input), "case {case}: {input:?}");
        }
    }

    #[test]
    fn the_balance_counts_the_selection_by_region_and_department() {
        let input = fifteen();
        let suggestion = suggest(&input);
        let balance = balance(&suggestion.selected, &input.candidates);
        let regions: Vec<(&str, u32, u32)> =
            balance.regions.iter().map(|r| (r.key.as_str(), r.selected, r.candidates)).collect();
        assert_eq!(
            regions,
            [("11", 2, 3), ("52", 2, 2), ("53", 2, 4), ("76", 2, 3), ("84", 2, 2), ("93", 0, 1)]
        );
        let departments: Vec<(&str, u32)> =
            balance.departments.iter().map(|d| (d.key.as_str(), d.selected)).collect();
        assert_eq!(departments[0], ("11", 0));
        assert_eq!(departments.len(), 15);
        assert_eq!(departments.iter().map(|d| d.1).sum::<u32>(), 10);
        let none = super::balance(&[], &input.candidates);
        assert!(none.regions.iter().all(|r| r.selected == 0));
    }
}
