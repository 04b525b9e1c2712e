//! Grouping questions into clusters of duplicates.
//!
//! Owns the clustering rule: questions are taken in priority order (the merge policy's), and each
//! question not yet in a cluster becomes a canonical that claims every unclaimed question scoring at
//! least the threshold *against it*. Every member therefore meets the threshold against its canonical,
//! so chains of near-matches (A≈B, B≈C, A≉C) cannot drift. Every question ends up in exactly one
//! cluster (most in a cluster of one).

use crate::dedup::NEAR_MISSES_PER_QUESTION;
use crate::dedup::candidates::candidate_pairs;
use crate::dedup::similarity::{Corpus, Veto, reaches};

/// A canonical question and the questions merged into it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    pub canonical: usize,
    /// Other members with their score against the canonical, in index order.
    pub members: Vec<(usize, f64)>,
}

/// A pair of questions that scored at least the "related" floor but was not merged (one pair per
/// pair of groups of identical questions), and what kept them apart when they scored enough.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub a: usize,
    pub b: usize,
    pub score: f64,
    pub veto: Option<Veto>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Clustering {
    /// One cluster per canonical question, in priority order of their canonicals.
    pub clusters: Vec<Cluster>,
    /// Pairs in different clusters scoring at least the floor, under the threshold or vetoed, highest
    /// score first, each question in at most [`NEAR_MISSES_PER_QUESTION`] of them (its closest).
    pub related: Vec<Related>,
}

/// Clusters the corpus. `priority` lists every question index once, most preferred canonical first.
///
/// Works on groups of identical questions (see [`candidate_pairs`]): a group always stays together,
/// and its best-placed question in `priority` is the one that can become canonical.
pub fn cluster(
    corpus: &Corpus,
    priority: &[usize],
    threshold: f64,
    related_floor: f64,
) -> Clustering {
    const UNCLAIMED: usize = usize::MAX;
    let floor = related_floor.min(threshold);
    let candidates = candidate_pairs(corpus, floor);
    let groups = &candidates.groups;
    let mut group_of = vec![0; corpus.len()];
    for (g, members) in groups.iter().enumerate() {
        for &doc in members {
            group_of[doc] = g;
        }
    }
    // Each candidate pair judged once, on the groups' first questions (a group is judged alike).
    let judged: Vec<(f64, Option<Veto>)> = candidates
        .pairs
        .iter()
        .map(|&(g, h, _)| {
            let judgement = corpus.judge(groups[g][0], groups[h][0]);
            (judgement.score, judgement.veto)
        })
        .collect();
    let mut neighbours: Vec<Vec<(usize, f64)>> = vec![Vec::new(); groups.len()];
    for (&(g, h, _), (score, veto)) in candidates.pairs.iter().zip(&judged) {
        if veto.is_none() && reaches(*score, threshold) {
            neighbours[g].push((h, *score));
            neighbours[h].push((g, *score));
        }
    }
    let mut cluster_of = vec![UNCLAIMED; groups.len()];
    let mut clusters = Vec::new();
    for &canonical in priority {
        let g = group_of[canonical];
        if cluster_of[g] != UNCLAIMED {
            continue;
        }
        cluster_of[g] = clusters.len();
        let mut members: Vec<(usize, f64)> = groups[g]
            .iter()
            .filter(|&&doc| doc != canonical)
            .map(|&doc| (doc, 1.0))
            .collect();
        for &(h, score) in &neighbours[g] {
            if cluster_of[h] == UNCLAIMED {
                cluster_of[h] = clusters.len();
                members.extend(groups[h].iter().map(|&doc| (doc, score)));
            }
        }
        members.sort_by_key(|&(m, _)| m);
        clusters.push(Cluster { canonical, members });
    }
    // A group is named by its best-placed question in `priority`, not by input order.
    let mut rank = vec![usize::MAX; corpus.len()];
    for (k, &doc) in priority.iter().enumerate() {
        rank[doc] = k;
    }
    let named = |g: usize| {
        groups[g]
            .iter()
            .copied()
            .min_by_key(|&d| rank[d])
            .unwrap_or(groups[g][0])
    };
    let mut related: Vec<Related> = candidates
        .pairs
        .iter()
        .zip(judged)
        .filter(|&(&(g, h, _), _)| cluster_of[g] != cluster_of[h])
        // Under the threshold, or kept apart by a veto: a pair that could merge and did not was
        // claimed by two canonicals, and is a repeat of a repeat, not a near miss.
        .filter(|(_, (score, veto))| {
            reaches(*score, floor) && (veto.is_some() || !reaches(*score, threshold))
        })
        .map(|(&(g, h, _), (score, veto))| {
            let (a, b) = (named(g), named(h));
            Related {
                a: a.min(b),
                b: a.max(b),
                score,
                veto,
            }
        })
        .collect();
    // Highest score first; on a tie, the pair of the best-placed questions in `priority`, so that
    // which pairs are listed never depends on the order questions came in.
    let placed = |r: &Related| (rank[r.a].min(rank[r.b]), rank[r.a].max(rank[r.b]));
    related.sort_by(|x, y| y.score.total_cmp(&x.score).then(placed(x).cmp(&placed(y))));
    // Each question in at most a few related pairs, its closest: a question asked in a hundred
    // variants is not listed a hundred times.
    let mut listed = vec![0; corpus.len()];
    related.retain(|r| {
        let keep = listed[r.a] < NEAR_MISSES_PER_QUESTION && listed[r.b] < NEAR_MISSES_PER_QUESTION;
        if keep {
            listed[r.a] += 1;
            listed[r.b] += 1;
        }
        keep
    });
    Clustering { clusters, related }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(questions: &[&[&str]]) -> Corpus {
        Corpus::of_terms(questions)
    }

    #[test]
    fn members_meet_the_threshold_against_the_canonical_not_just_a_neighbour() {
        // 0≈1 and 1≈2, but 0 and 2 share little: with 0 first, 2 must not join 0's cluster.
        let c = corpus(&[
            &["a", "b", "c"],
            &["a", "b", "c", "d", "e"],
            &["c", "d", "e", "f"],
            &["x"],
            &["y"],
            &["z"],
        ]);
        let result = cluster(&c, &[0, 1, 2, 3, 4, 5], 0.55, 0.3);
        let of = |i: usize| {
            result
                .clusters
                .iter()
                .position(|cl| cl.canonical == i || cl.members.iter().any(|m| m.0 == i))
                .unwrap()
        };
        assert_eq!(of(0), of(1));
        assert_ne!(of(0), of(2));
        assert_eq!(result.clusters.len(), 5);
        assert!(
            result
                .related
                .iter()
                .any(|r| (r.a, r.b) == (1, 2) || (r.a, r.b) == (0, 2))
        );
    }

    #[test]
    fn priority_decides_the_canonical() {
        let c = corpus(&[&["a", "b"], &["a", "b"], &["q"]]);
        assert_eq!(cluster(&c, &[1, 0, 2], 0.8, 0.5).clusters[0].canonical, 1);
        assert_eq!(cluster(&c, &[0, 1, 2], 0.8, 0.5).clusters[0].canonical, 0);
    }
}
