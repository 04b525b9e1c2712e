//! Term weights and the similarity of two questions.
//!
//! Owns the vocabulary of a run (terms interned as ids), each term's weight (inverse document
//! frequency over the questions being compared, so rare content words count more than "distributed
//! systems" on a page where every question says it), and the similarity score. Knows nothing about
//! clusters.

// Fx hashing: interned terms and group keys are short and come from the user's own files.
use rustc_hash::FxHashMap as HashMap;

use crate::dedup::analyze::Terms;

/// How much the longer question's extra terms count against a match, relative to the shorter one's.
///
/// "How do you ensure security and privacy of data?" still asks "How do you ensure security?": extra
/// detail in the longer question is tolerated, extra topic in the shorter question is not.
pub const LONGER_EXTRA_WEIGHT: f64 = 0.25;

/// Scores are sums of floating-point weights: a pair scoring exactly a threshold in exact arithmetic
/// may come out a hair under it. Comparisons with a threshold allow this much.
pub const SCORE_TOLERANCE: f64 = 1e-9;

/// True when `score` reaches `threshold`, allowing for rounding.
pub fn reaches(score: f64, threshold: f64) -> bool {
    score + SCORE_TOLERANCE >= threshold
}

/// The questions of a run as sorted term ids, with document frequencies.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Term id → term, in alphabetical order (see [`alphabetical_ids`]).
    terms: Vec<String>,
    df: Vec<u32>,
    docs: Vec<Vec<u32>>,
    /// Each question's verb of intent, if it has one.
    intent: Vec<Option<u32>>,
    /// Each question's terms written as names, sorted.
    names: Vec<Vec<u32>>,
    /// Cached term weights and question totals, computed once all questions are in.
    weights: Vec<f64>,
    totals: Vec<f64>,
}

/// How two questions compare: the score and the terms behind it.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub score: f64,
    pub shared: Vec<u32>,
    pub only_a: Vec<u32>,
    pub only_b: Vec<u32>,
}

/// Questions as ids into a vocabulary in no particular order, which may hold terms no question uses:
/// what analysis produces, before [`Corpus::from_interned`] puts the vocabulary in order and weighs it.
#[derive(Debug, Default)]
pub(crate) struct Interned {
    /// The vocabulary: term id → term.
    pub terms: Vec<String>,
    /// Each question's terms, in any order, possibly repeated.
    pub docs: Vec<Vec<u32>>,
    pub intent: Vec<Option<u32>>,
    /// Each question's terms written as names, in any order.
    pub names: Vec<Vec<u32>>,
}

impl Interned {
    pub fn with_capacity(questions: usize) -> Self {
        Interned {
            terms: Vec::new(),
            docs: Vec::with_capacity(questions),
            intent: Vec::with_capacity(questions),
            names: Vec::with_capacity(questions),
        }
    }

    /// The same questions over only the terms they use, numbered in alphabetical order; each
    /// question's terms sorted without repeats, its names sorted.
    fn in_alphabetical_order(mut self) -> Interned {
        let (order, new_id) = alphabetical_ids(&self.terms, &self.docs, &self.intent, &self.names);
        let remap = |t: &mut u32| *t = new_id[*t as usize];
        for doc in &mut self.docs {
            doc.iter_mut().for_each(remap);
            doc.sort_unstable();
            doc.dedup();
        }
        for names in &mut self.names {
            names.iter_mut().for_each(remap);
            names.sort_unstable();
        }
        self.intent.iter_mut().flatten().for_each(remap);
        self.terms = order
            .iter()
            .map(|&old| std::mem::take(&mut self.terms[old as usize]))
            .collect();
        self
    }
}

impl Corpus {
    /// The corpus of questions given as terms. [`Analyzer::corpus_of`] gives the same corpus straight
    /// from the questions' text, more cheaply.
    ///
    /// [`Analyzer::corpus_of`]: crate::dedup::analyze::Analyzer::corpus_of
    pub fn new<I: IntoIterator<Item = Terms>>(questions: I) -> Self {
        let mut interned = Interned::default();
        let mut ids: HashMap<String, u32> = HashMap::default();
        let mut vocabulary = Vec::new();
        let mut intern = |term: String| {
            *ids.entry(term).or_insert_with_key(|term| {
                vocabulary.push(term.clone());
                u32::try_from(vocabulary.len() - 1).unwrap_or(u32::MAX)
            })
        };
        for Terms {
            terms,
            intent,
            names,
            ..
        } in questions
        {
            interned.intent.push(intent.map(&mut intern));
            interned
                .names
                .push(names.into_iter().map(&mut intern).collect());
            interned
                .docs
                .push(terms.into_iter().map(&mut intern).collect());
        }
        interned.terms = vocabulary;
        Corpus::from_interned(interned)
    }

    /// The corpus of interned questions: terms no question uses are dropped, the others numbered in
    /// alphabetical order, then document frequencies, weights and question totals computed.
    pub(crate) fn from_interned(interned: Interned) -> Self {
        let Interned {
            terms,
            docs,
            intent,
            names,
        } = interned.in_alphabetical_order();
        let mut df = vec![0u32; terms.len()];
        for &t in docs.iter().flatten() {
            df[t as usize] += 1;
        }
        let n = docs.len() as f64;
        let weights: Vec<f64> = df
            .iter()
            .map(|&df| (1.0 + n / f64::from(df.max(1))).ln())
            .collect();
        let totals = docs
            .iter()
            .map(|d| d.iter().map(|&t| weights[t as usize]).sum())
            .collect();
        Corpus {
            terms,
            df,
            docs,
            intent,
            names,
            weights,
            totals,
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// A corpus of questions given directly as terms, without intent or names: for tests.
    #[cfg(test)]
    pub fn of_terms(questions: &[&[&str]]) -> Corpus {
        Corpus::new(
            questions
                .iter()
                .map(|q| q.iter().map(|t| (*t).to_owned()).collect()),
        )
    }

    /// How many distinct terms the corpus has; term ids are `0..term_count()`.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    pub fn doc(&self, i: usize) -> &[u32] {
        &self.docs[i]
    }

    pub fn id(&self, term: &str) -> Option<u32> {
        // Terms are sorted: no map from term to id is needed.
        let id = self.terms.binary_search_by(|t| t.as_str().cmp(term)).ok()?;
        u32::try_from(id).ok()
    }

    /// The question's verb of intent and its names: with its terms, all that decides its scores.
    pub fn marks(&self, i: usize) -> (Option<u32>, &[u32]) {
        (self.intent[i], &self.names[i])
    }

    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }

    pub fn df(&self, id: u32) -> u32 {
        self.df[id as usize]
    }

    /// Inverse document frequency, smoothed so a term in every question still weighs a little.
    pub fn weight(&self, id: u32) -> f64 {
        self.weights[id as usize]
    }

    pub fn total_weight(&self, i: usize) -> f64 {
        self.totals[i]
    }

    /// The score of `a` against `b`: shared weight over shared weight plus the shorter question's
    /// extra weight plus a fraction ([`LONGER_EXTRA_WEIGHT`]) of the longer one's. Some of the longer
    /// question's extras count in full: its verb of intent ("How do you *prevent* X?" is not "What is
    /// X?"), names ("ROC AUC" is not "PR AUC vs ROC AUC"), and everything when the shorter question
    /// has a single term ("What is a view?" is not "What is a materialized view?"). 1 for the same
    /// terms, 0 for nothing shared; symmetric. One merge walk, no allocation.
    pub fn score_of(&self, a: usize, b: usize) -> f64 {
        let (da, db) = (&self.docs[a], &self.docs[b]);
        let (mut i, mut j, mut shared) = (0, 0, 0.0);
        while i < da.len() && j < db.len() {
            match da[i].cmp(&db[j]) {
                std::cmp::Ordering::Equal => {
                    shared += self.weights[da[i] as usize];
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
        if shared <= 0.0 {
            return 0.0;
        }
        let (only_a, only_b) = (self.totals[a] - shared, self.totals[b] - shared);
        // The side with fewer extras is the shorter question. On a tie either could be, and the two
        // readings can differ (only one side's extras may hold its intent or a name): take the lower
        // score, so that the result does not depend on argument order.
        match only_a.total_cmp(&only_b) {
            std::cmp::Ordering::Less => self.oriented(shared, a, b, only_a, only_b),
            std::cmp::Ordering::Greater => self.oriented(shared, b, a, only_b, only_a),
            std::cmp::Ordering::Equal => self
                .oriented(shared, a, b, only_a, only_b)
                .min(self.oriented(shared, b, a, only_b, only_a)),
        }
    }

    /// The score with `short` read as the shorter question of the pair.
    fn oriented(
        &self,
        shared: f64,
        short: usize,
        long: usize,
        short_extra: f64,
        long_extra: f64,
    ) -> f64 {
        let full = if self.docs[short].len() <= 1 {
            long_extra
        } else {
            self.full_weight_extras(long, short)
        };
        let discounted = LONGER_EXTRA_WEIGHT * (long_extra - full).max(0.0);
        shared / (shared + short_extra.max(0.0) + full + discounted)
    }

    /// The weight of `long`'s intent and names that `short` does not have.
    fn full_weight_extras(&self, long: usize, short: usize) -> f64 {
        let missing = |t: &u32| self.docs[short].binary_search(t).is_err();
        let intent = self.intent[long].filter(missing);
        let names = self.names[long]
            .iter()
            .filter(|t| missing(t) && Some(**t) != intent);
        intent
            .iter()
            .chain(names)
            .map(|&t| self.weights[t as usize])
            .sum()
    }

    /// The score of `a` against `b` and the terms behind it.
    pub fn compare(&self, a: usize, b: usize) -> Comparison {
        let (da, db) = (&self.docs[a], &self.docs[b]);
        let (mut i, mut j) = (0, 0);
        let mut cmp = Comparison {
            score: 0.0,
            shared: Vec::new(),
            only_a: Vec::new(),
            only_b: Vec::new(),
        };
        while i < da.len() || j < db.len() {
            match (da.get(i), db.get(j)) {
                (Some(x), Some(y)) if x == y => {
                    cmp.shared.push(*x);
                    i += 1;
                    j += 1;
                }
                (Some(x), Some(y)) if x < y => {
                    cmp.only_a.push(*x);
                    i += 1;
                }
                (Some(x), None) => {
                    cmp.only_a.push(*x);
                    i += 1;
                }
                (_, Some(y)) => {
                    cmp.only_b.push(*y);
                    j += 1;
                }
                (None, None) => break,
            }
        }
        cmp.score = self.score_of(a, b);
        cmp
    }
}

/// The terms questions use in alphabetical order (as old ids), and for each old id its new id, its
/// place in that order (`u32::MAX` for terms no question uses). Ids, and every sum and tie-break
/// that follows them, then do not depend on the order questions came in: the same questions in
/// another file order give the same scores to the last bit.
fn alphabetical_ids(
    terms: &[String],
    docs: &[Vec<u32>],
    intent: &[Option<u32>],
    names: &[Vec<u32>],
) -> (Vec<u32>, Vec<u32>) {
    let mut used = vec![false; terms.len()];
    let all = docs.iter().flatten().chain(intent.iter().flatten());
    for &t in all.chain(names.iter().flatten()) {
        used[t as usize] = true;
    }
    // Sorted by prefix, then term: most comparisons are of two numbers, not of two strings.
    let mut sorted: Vec<(u64, &str, u32)> = (0..u32::try_from(terms.len()).unwrap_or(u32::MAX))
        .filter(|&t| used[t as usize])
        .map(|t| (prefix(&terms[t as usize]), terms[t as usize].as_str(), t))
        .collect();
    sorted.sort_unstable();
    let order: Vec<u32> = sorted.into_iter().map(|(_, _, t)| t).collect();
    let mut new_id = vec![u32::MAX; terms.len()];
    for (new, &old) in order.iter().enumerate() {
        new_id[old as usize] = u32::try_from(new).unwrap_or(u32::MAX);
    }
    (order, new_id)
}

/// The first eight bytes of `term`, zero-padded, as a big-endian number. Where two terms' prefixes
/// differ, they are in the order of the terms; where they are equal, the terms decide.
fn prefix(term: &str) -> u64 {
    let mut bytes = [0; 8];
    let n = term.len().min(8);
    bytes[..n].copy_from_slice(&term.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(questions: &[&[&str]]) -> Corpus {
        Corpus::of_terms(questions)
    }

    #[test]
    fn identical_disjoint_and_symmetric() {
        let c = corpus(&[&["cap", "theorem"], &["theorem", "cap"], &["index"]]);
        assert_eq!(c.compare(0, 1).score, 1.0);
        assert_eq!(c.compare(0, 2).score, 0.0);
        assert_eq!(c.compare(0, 2).only_a.len(), 2);
        let d = corpus(&[
            &["secur", "system"],
            &["secur", "privaci", "data", "system"],
            &["x"],
        ]);
        assert_eq!(d.compare(0, 1).score, d.compare(1, 0).score);
    }

    #[test]
    fn extra_detail_in_the_longer_question_costs_less_than_a_different_topic() {
        let c = corpus(&[
            &["secur", "system"],
            &["secur", "privaci", "system"],
            &["consist", "system"],
            &["error", "java"],
            &["error", "go"],
        ]);
        let detail = c.compare(0, 1).score;
        let other_topic = c.compare(0, 2).score;
        assert!(detail > 0.7, "{detail}");
        assert!(other_topic < 0.5, "{other_topic}");
        assert!(c.compare(3, 4).score < 0.5);
    }

    #[test]
    fn a_verb_of_intent_or_a_single_term_question_makes_extras_count_in_full() {
        let with_intent = Corpus::new([
            ["overfit", "model"].map(String::from).into_iter().collect(),
            Terms {
                terms: vec!["prevent".into(), "overfit".into(), "model".into()],
                intent: Some("prevent".into()),
                names: Vec::new(),
                words: Vec::new(),
            },
            ["x"].map(String::from).into_iter().collect(),
        ]);
        assert!(
            with_intent.compare(0, 1).score < 0.6,
            "{}",
            with_intent.compare(0, 1).score
        );
        let c = corpus(&[&["view"], &["materi", "view"], &["index"], &["tabl"]]);
        assert!(c.compare(0, 1).score < 0.6, "{}", c.compare(0, 1).score);
    }

    #[test]
    fn ids_do_not_depend_on_input_order() {
        let a = corpus(&[&["b", "a"], &["c", "a"]]);
        let b = corpus(&[&["c", "a"], &["b", "a"]]);
        assert_eq!(a.doc(0), b.doc(1));
        assert_eq!(
            a.compare(0, 1).score.to_bits(),
            b.compare(1, 0).score.to_bits()
        );
    }

    proptest::proptest! {
        /// Ordering by prefix, then by term, is ordering by term.
        #[test]
        fn prefixes_keep_the_order_of_terms(a in "[a-c\\x00é]{0,10}", b in "[a-c\\x00é]{0,10}") {
            proptest::prop_assert_eq!((prefix(&a), &a).cmp(&(prefix(&b), &b)), a.cmp(&b));
        }
    }

    #[test]
    fn rare_terms_weigh_more() {
        let c = corpus(&[
            &["system", "secur"],
            &["system", "consist"],
            &["system", "index"],
        ]);
        let [system, secur] = ["system", "secur"].map(|t| c.id(t).unwrap());
        assert!(c.weight(system) < c.weight(secur));
    }
}
