//! The automatic assignment of reviewers: each dossier gets up to N reviewers, the load kept
//! balanced (the least-loaded eligible reviewer first), never a reviewer who declared a
//! conflict of interest, and — when the call says so — never one from the dossier's own network.

use std::collections::{BTreeMap, BTreeSet};

/// Someone who may review, with the network of a referent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Eligible<K> {
    pub key: K,
    pub network: Option<String>,
}

/// What the assignment works from. Keys are the caller's ids (dossiers and reviewers).
#[derive(Debug, Clone)]
pub struct AssignmentInput<K> {
    /// Dossiers in the order they are served (e.g. by reference), with their network.
    pub dossiers: Vec<Eligible<K>>,
    pub reviewers: Vec<Eligible<K>>,
    /// (dossier, reviewer) pairs already assigned: kept, and counted in the load.
    pub existing: Vec<(K, K)>,
    /// (dossier, reviewer) pairs never to assign.
    pub conflicts: Vec<(K, K)>,
    pub per_dossier: usize,
    pub exclude_own_network: bool,
}

/// The new (dossier, reviewer) pairs. Dossiers are served in rounds — every dossier gets its
/// first reviewer before any gets a second — so that a short supply of reviewers is shared.
/// Among eligible reviewers, the one with the fewest dossiers wins; ties go to the earlier one
/// in `reviewers`.
pub fn assign<K: Ord + Clone>(input: &AssignmentInput<K>) -> Vec<(K, K)> {
    let mut load: BTreeMap<&K, usize> = input.reviewers.iter().map(|r| (&r.key, 0)).collect();
    let mut taken: BTreeSet<(&K, &K)> = BTreeSet::new();
    for (dossier, reviewer) in &input.existing {
        taken.insert((dossier, reviewer));
        if let Some(n) = load.get_mut(reviewer) {
            *n += 1;
        }
    }
    let conflicts: BTreeSet<(&K, &K)> = input.conflicts.iter().map(|(d, r)| (d, r)).collect();
    let mut added = Vec::new();
    for round in 1..=input.per_dossier {
        for dossier in &input.dossiers {
            let have =
                input.reviewers.iter().filter(|r| taken.contains(&(&dossier.key, &r.key))).count();
            if have >= round {
                continue;
            }
            let best = input
                .reviewers
                .iter()
                .filter(|r| !taken.contains(&(&dossier.key, &r.key)))
                .filter(|r| !conflicts.contains(&(&dossier.key, &r.key)))
                .filter(|r| {
                    !input.exclude_own_network
                        || dossier.network.is_none()
                        || r.network != dossier.network
                })
                .enumerate()
                .min_by_key(|(position, r)| (load.get(&r.key).copied().unwrap_or(0), *position))
                .map(|(_, r)| r);
            if let Some(reviewer) = best {
                taken.insert((&dossier.key, &reviewer.key));
                *load.entry(&reviewer.key).or_default() += 1;
                added.push((dossier.key.clone(), reviewer.key.clone()));
            }
        }
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    fn who(key: &str, network: Option<&str>) -> Eligible<String> {
        Eligible { key: key.to_owned(), network: network.map(str::to_owned) }
    }

    fn input(per_dossier: usize, exclude: bool) -> AssignmentInput<String> {
        AssignmentInput {
            dossiers: vec![who("A-1", Some("coorace")), who("A-2", Some("rtes")), who("A-3", None)],
            reviewers: vec![
                who("ana", Some("coorace")),
                who("bob", None),
                who("cem", Some("rtes")),
            ],
            existing: Vec::new(),
            conflicts: Vec::new(),
            per_dossier,
            exclude_own_network: exclude,
        }
    }

    fn pairs(list: &[(String, String)]) -> Vec<(&str, &str)> {
        list.iter().map(|(d, r)| (d.as_str(), r.as_str())).collect()
    }

    #[test]
    fn two_reviewers_per_dossier_are_spread_evenly_over_three_reviewers() {
        let added = assign(&input(2, false));
        assert_eq!(
            pairs(&added),
            [
                ("A-1", "ana"),
                ("A-2", "bob"),
                ("A-3", "cem"),
                ("A-1", "bob"),
                ("A-2", "ana"),
                ("A-3", "ana")
            ]
        );
    }

    #[test]
    fn no_reviewer_gets_a_dossier_of_their_own_network_when_the_call_says_so() {
        let added = assign(&input(1, true));
        assert_eq!(pairs(&added), [("A-1", "bob"), ("A-2", "ana"), ("A-3", "cem")]);
    }

    #[test]
    fn a_declared_conflict_and_an_existing_assignment_are_respected() {
        let mut input = input(1, false);
        input.existing = vec![("A-1".to_owned(), "cem".to_owned())];
        input.conflicts = vec![("A-2".to_owned(), "ana".to_owned())];
        let added = assign(&input);
        assert_eq!(pairs(&added), [("A-2", "bob"), ("A-3", "ana")]);
    }

    #[test]
    fn with_too_few_eligible_reviewers_a_dossier_gets_fewer_than_asked() {
        let mut input = input(3, true);
        input.reviewers.truncate(2);
        let added = assign(&input);
        // A-1 (COORACE) may only have bob; get both.
        assert_eq!(added.iter().filter(|(d, _)| d == "A-1").count(), 1);
        assert_eq!(added.iter().filter(|(d, _)| d == "A-2").count(), 2);
        assert_eq!(added.iter().filter(|(d, _)| d == "A-3").count(), 2);
    }
}
