//! Candidate pairs without comparing every question with every other: an inverted index with prefix
//! filtering.
//!
//! Why it is exact. Let `t` be the lowest score wanted and β = [`LONGER_EXTRA_WEIGHT`]. For a pair
//! scoring at least `t`, the shared weight is at least `t` of the *shorter* question's total weight
//! (its extras count in full), and at least `α = tβ / (1 − t + tβ)` of the longer one's (its extras
//! count at least β). Order all terms globally, rarest first. A question's prefix for a fraction `f`
//! is its shortest run of terms, in that order, after which less than `f` of its weight remains. The
//! first term a pair shares, in that order, is then inside the shorter question's `t`-prefix (its
//! *strong* prefix, usually one or two rare terms) and inside the longer question's `α`-prefix (its
//! *weak* prefix). So: index every question under its strong prefix, and let every question probe
//! the index with its weak prefix for questions no longer than itself. No pair is lost, each is
//! scored once, and posting lists hold only rare terms.
//!
//! A question where a term weighs less than its plain weight (a soft term, see `similarity`)
//! breaks one step of this: the side with fewer extras need not be the lighter one,
//! since a shared term can weigh less on one side. Such a pair is always found another way: these
//! questions are indexed under their *weak* prefix, in lists every question probes in full; the
//! weak prefix of each side of a pair scoring at least `t` holds its first shared term.
//!
//! Questions with identical terms form one group and are scored once: a question asked 500 times
//! costs what it costs once, and pairs are between groups, never multiplied out.

// Fx hashing: interned terms and group keys are short and come from the user's own files.
use rustc_hash::FxHashMap as HashMap;

use crate::dedup::analyze::shape::Asks;
use crate::dedup::similarity::{Corpus, LONGER_EXTRA_WEIGHT, reaches};

/// How much the prefix fractions are loosened, so that rounding in the weights never drops a pair
/// that scores exactly the floor (a slightly longer prefix only adds candidates, never loses one).
const PREFIX_SLACK: f64 = 1e-6;

/// Questions grouped by identical terms, and the pairs of groups scoring at least the floor.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidates {
    /// Each group's questions, ascending; groups in order of their first question. Questions without
    /// terms are groups of one: they match nothing, not even each other.
    pub groups: Vec<Vec<usize>>,
    /// `(g, h, score)` with `g < h` group indices, sorted.
    pub pairs: Vec<(usize, usize, f64)>,
}

impl Candidates {
    /// The pairs as question pairs `(a, b, score)` with `a < b`, sorted: the pairs inside each group
    /// (score 1) and every member pair of each group pair.
    #[cfg(test)]
    pub fn question_pairs(&self) -> Vec<(usize, usize, f64)> {
        let mut pairs = Vec::new();
        for g in &self.groups {
            for (k, &a) in g.iter().enumerate() {
                pairs.extend(g[k + 1..].iter().map(|&b| (a, b, 1.0)));
            }
        }
        for &(g, h, score) in &self.pairs {
            for &a in &self.groups[g] {
                pairs.extend(self.groups[h].iter().map(|&b| (a.min(b), a.max(b), score)));
            }
        }
        pairs.sort_by_key(|&(a, b, _)| (a, b));
        pairs
    }
}

/// Every pair of groups scoring at least `floor` (questions in one group score 1 with each other).
pub fn candidate_pairs(corpus: &Corpus, floor: f64) -> Candidates {
    let groups = group_identical(corpus);
    let representatives: Vec<usize> = groups.iter().map(|g| g[0]).collect();
    let alpha = weak_fraction(floor) - PREFIX_SLACK;
    // Every plain question under its strong prefix, each posting list sorted by (weight, group);
    // every other question under its weak prefix, in group order.
    let mut postings: Vec<Vec<usize>> = vec![Vec::new(); corpus.term_count()];
    let mut loose: Vec<Vec<usize>> = vec![Vec::new(); corpus.term_count()];
    let plain: Vec<bool> = representatives
        .iter()
        .map(|&d| corpus.is_plain(d))
        .collect();
    for (r, &doc) in representatives.iter().enumerate() {
        if plain[r] {
            for term in prefix(corpus, doc, floor - PREFIX_SLACK) {
                postings[term as usize].push(r);
            }
        } else {
            for term in prefix(corpus, doc, alpha) {
                loose[term as usize].push(r);
            }
        }
    }
    let weights: Vec<f64> = representatives
        .iter()
        .map(|&d| corpus.total_weight(d))
        .collect();
    let order = |a: &usize, b: &usize| weights[*a].total_cmp(&weights[*b]).then(a.cmp(b));
    for list in &mut postings {
        list.sort_by(order);
    }
    // The index is read-only from here: probing splits across threads.
    let index = Index {
        corpus,
        representatives: &representatives,
        postings: &postings,
        loose: &loose,
        plain: &plain,
        weights: &weights,
        floor,
        alpha,
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let mut pairs: Vec<(usize, usize, f64)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let index = &index;
                scope.spawn(move || index.probe(t, threads))
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| {
                w.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    });
    pairs.sort_by_key(|&(a, b, _)| (a, b));
    Candidates { groups, pairs }
}

/// The strong-prefix index over groups, probed with weak prefixes.
struct Index<'a> {
    corpus: &'a Corpus,
    representatives: &'a [usize],
    postings: &'a [Vec<usize>],
    /// Questions that are not plain, under their weak prefixes, in group order.
    loose: &'a [Vec<usize>],
    plain: &'a [bool],
    weights: &'a [f64],
    floor: f64,
    alpha: f64,
}

impl Index<'_> {
    /// Pairs found by the groups `start, start + step, …`. A plain question probes the plain ones
    /// no heavier than itself (ties: earlier groups) and, since the shared weight is at least
    /// `alpha` of the heavier question's and at most the lighter one's total, no lighter than
    /// `alpha` of its own weight; and every other question. A question that is not plain probes the
    /// others that are not, earlier than itself: its pairs with plain ones are found by them.
    fn probe(&self, start: usize, step: usize) -> Vec<(usize, usize, f64)> {
        let mut pairs = Vec::new();
        let mut last_probe = vec![usize::MAX; self.representatives.len()];
        for r in (start..self.representatives.len()).step_by(step) {
            let doc = self.representatives[r];
            let (weight, lightest) = (self.weights[r], self.alpha * self.weights[r]);
            let mut score = |other: usize, pairs: &mut Vec<(usize, usize, f64)>| {
                if std::mem::replace(&mut last_probe[other], r) == r {
                    return;
                }
                let score = self.corpus.score_of(self.representatives[other], doc);
                if reaches(score, self.floor) {
                    pairs.push((other.min(r), other.max(r), score));
                }
            };
            for term in prefix(self.corpus, doc, self.alpha) {
                let loose = &self.loose[term as usize];
                if !self.plain[r] {
                    let before = loose.partition_point(|&o| o < r);
                    loose[..before].iter().for_each(|&o| score(o, &mut pairs));
                    continue;
                }
                loose.iter().for_each(|&o| score(o, &mut pairs));
                let list = &self.postings[term as usize];
                let from = list.partition_point(|&o| self.weights[o] < lightest);
                for &other in &list[from..] {
                    if (self.weights[other], other) >= (weight, r) {
                        break;
                    }
                    score(other, &mut pairs);
                }
            }
        }
        pairs
    }
}

/// The fraction of the longer question's weight a pair scoring `floor` must share.
fn weak_fraction(floor: f64) -> f64 {
    let tb = floor * LONGER_EXTRA_WEIGHT;
    (tb / (1.0 - floor + tb)).clamp(0.0, 1.0)
}

/// The question's terms, rarest first, up to where less than `fraction` of its weight remains.
fn prefix(corpus: &Corpus, doc: usize, fraction: f64) -> Vec<u32> {
    let mut terms = corpus.doc(doc).to_vec();
    terms.sort_by_key(|&t| (corpus.df(t), t));
    let total = corpus.total_weight(doc);
    let mut rest = total;
    let mut prefix = Vec::new();
    for t in terms {
        if rest < fraction * total || (rest <= 0.0 && !prefix.is_empty()) {
            break;
        }
        rest -= corpus.weight_in(doc, t);
        prefix.push(t);
    }
    prefix
}

/// Groups questions that score alike with everyone: the same (non-empty) terms, the same verb of
/// intent and names, and the same soft, follow-up and qualifying words; stories apart. Groups are in
/// order of their first question. (What a question asks for, about which aspects, does not change
/// its scores: `cluster` splits groups further by that.)
fn group_identical(corpus: &Corpus) -> Vec<Vec<usize>> {
    type Key<'a> = (&'a [u32], Option<u32>, &'a [u32], [&'a [u32]; 3], bool);
    let mut index: HashMap<Key<'_>, usize> = HashMap::default();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for doc in 0..corpus.len() {
        let terms = corpus.doc(doc);
        let (intent, names) = corpus.marks(doc);
        let shape = corpus.shape(doc);
        let scored_as = [shape.soft, shape.follow, shape.qualifiers];
        let key = (terms, intent, names, scored_as, shape.asks == Asks::Story);
        // A question whose terms all weigh nothing matches nothing, as an empty one.
        let weighs = corpus.total_weight(doc) > 0.0;
        match index.get(&key).filter(|_| weighs) {
            Some(&g) => groups[g].push(doc),
            None => {
                if !terms.is_empty() {
                    index.insert(key, groups.len());
                }
                groups.push(vec![doc]);
            }
        }
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every pair, compared directly: what the index must reproduce.
    fn brute_force(corpus: &Corpus, floor: f64) -> Vec<(usize, usize, f64)> {
        let mut pairs = Vec::new();
        for a in 0..corpus.len() {
            for b in a + 1..corpus.len() {
                let score = corpus.compare(a, b).score;
                if crate::dedup::similarity::reaches(score, floor) {
                    pairs.push((a, b, score));
                }
            }
        }
        pairs
    }

    #[test]
    fn index_finds_exactly_the_pairs_brute_force_finds() {
        let words = ["a", "b", "c", "d", "e", "f", "g", "h"];
        // Every subset of up to three of eight words, some twice: a dense, adversarial corpus.
        let mut questions = Vec::new();
        for mask in 1u32..256 {
            if mask.count_ones() <= 3 {
                let q: Vec<String> = (0..8)
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| words[i].to_owned())
                    .collect();
                if mask % 7 == 0 {
                    questions.push(q.clone());
                }
                questions.push(q);
            }
        }
        let corpus = Corpus::new(
            questions
                .into_iter()
                .map(|terms| terms.into_iter().collect::<crate::dedup::analyze::Terms>()),
        );
        for floor in [0.3, 0.5, 0.7, 0.9] {
            assert_eq!(
                candidate_pairs(&corpus, floor).question_pairs(),
                brute_force(&corpus, floor),
                "floor {floor}"
            );
        }
    }
}
