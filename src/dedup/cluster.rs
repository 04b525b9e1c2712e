//! Grouping questions into clusters of duplicates.
//!
//! Owns the clustering rule: questions are taken in priority order (the merge policy's), and each
//! question not yet in a cluster becomes a canonical that claims every unclaimed question scoring at
//! least the threshold *against it*. Every member therefore meets the threshold against its canonical,
//! so chains of near-matches (A≈B, B≈C, A≉C) cannot drift. Every question ends up in exactly one
//! cluster (most in a cluster of one).

use crate::dedup::NEAR_MISSES_PER_QUESTION;
use crate::dedup::candidates::{Candidates, candidate_pairs};
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
    let Candidates { groups, pairs } = judged_alike(corpus, candidate_pairs(corpus, floor));
    let groups = &groups;
    let mut group_of = vec![0; corpus.len()];
    for (g, members) in groups.iter().enumerate() {
        for &doc in members {
            group_of[doc] = g;
        }
    }
    // Each candidate pair judged once, on the groups' first questions (a group is judged alike).
    // Only whether a veto holds is kept: what it is, is worked out again for the few pairs listed.
    let judged: Vec<(f64, bool)> = pairs
        .iter()
        .map(|&(g, h, _)| {
            let judgement = corpus.judge(groups[g][0], groups[h][0]);
            (judgement.score, judgement.veto.is_some())
        })
        .collect();
    let mut neighbours: Vec<Vec<(usize, f64)>> = vec![Vec::new(); groups.len()];
    for (&(g, h, _), &(score, vetoed)) in pairs.iter().zip(&judged) {
        if !vetoed && reaches(score, threshold) {
            neighbours[g].push((h, score));
            neighbours[h].push((g, score));
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
    // Under the threshold, or kept apart by a veto: a pair that could merge and did not was claimed
    // by two canonicals, and is a repeat of a repeat, not a near miss. Pairs by index: there may
    // be millions.
    let mut near: Vec<u32> = (0..pairs.len())
        .filter(|&k| {
            let ((g, h, _), (score, vetoed)) = (pairs[k], judged[k]);
            cluster_of[g] != cluster_of[h]
                && reaches(score, floor)
                && (vetoed || !reaches(score, threshold))
        })
        .map(|k| u32::try_from(k).unwrap_or(u32::MAX))
        .collect();
    // Highest score first; on a tie, the pair of the best-placed questions in `priority`, so that
    // which pairs are listed never depends on the order questions came in.
    let named_pair = |k: u32| {
        let (g, h, _) = pairs[k as usize];
        let (a, b) = (named(g), named(h));
        (a.min(b), a.max(b))
    };
    let placed = |k: u32| {
        let (a, b) = named_pair(k);
        (rank[a].min(rank[b]), rank[a].max(rank[b]))
    };
    near.sort_by(|&x, &y| {
        judged[y as usize]
            .0
            .total_cmp(&judged[x as usize].0)
            .then_with(|| placed(x).cmp(&placed(y)))
    });
    // Each question in at most a few related pairs, its closest: a question asked in a hundred
    // variants is not listed a hundred times.
    let mut listed = vec![0; corpus.len()];
    let mut related = Vec::new();
    for k in near {
        let (a, b) = named_pair(k);
        if listed[a] < NEAR_MISSES_PER_QUESTION && listed[b] < NEAR_MISSES_PER_QUESTION {
            listed[a] += 1;
            listed[b] += 1;
            related.push(Related {
                a,
                b,
                score: judged[k as usize].0,
                veto: corpus.judge(a, b).veto,
            });
        }
    }
    Clustering { clusters, related }
}

/// The candidates' groups (questions that score alike) split into groups judged alike (the same
/// shape too), in order of their first question, and the pairs of these to judge: those of two
/// candidate groups that score at least the floor, and those within one, which score 1.
fn judged_alike(corpus: &Corpus, candidates: Candidates) -> Candidates {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut split: Vec<Vec<usize>> = Vec::with_capacity(candidates.groups.len());
    for members in &candidates.groups {
        let first = groups.len();
        for &doc in members {
            let shape = corpus.shape(doc);
            match (first..groups.len()).find(|&g| corpus.shape(groups[g][0]) == shape) {
                Some(g) => groups[g].push(doc),
                None => groups.push(vec![doc]),
            }
        }
        split.push((first..groups.len()).collect());
    }
    if groups.len() == candidates.groups.len() {
        // No group split: the candidates are the pairs.
        return candidates;
    }
    // In order of first question, as the candidates' groups are: renumber.
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by_key(|&g| groups[g][0]);
    let mut new_index = vec![0; groups.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut pairs = Vec::new();
    let mut push = |g: usize, h: usize, score: f64| {
        let (g, h) = (new_index[g], new_index[h]);
        pairs.push((g.min(h), g.max(h), score));
    };
    for parts in &split {
        for (k, &g) in parts.iter().enumerate() {
            parts[k + 1..].iter().for_each(|&h| push(g, h, 1.0));
        }
    }
    for &(s, t, score) in &candidates.pairs {
        for &g in &split[s] {
            split[t].iter().for_each(|&h| push(g, h, score));
        }
    }
    pairs.sort_by_key(|&(g, h, _)| (g, h));
    let groups = order
        .into_iter()
        .map(|g| std::mem::take(&mut groups[g]))
        .collect();
    Candidates { groups, pairs }
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
