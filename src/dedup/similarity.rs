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
    terms: Vec<String>,
    ids: HashMap<String, u32>,
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

impl Corpus {
    pub fn new<I: IntoIterator<Item = Terms>>(questions: I) -> Self {
        let mut corpus = Corpus::default();
        for Terms {
            terms,
            intent,
            names,
            ..
        } in questions
        {
            let intent = intent.map(|t| corpus.intern(t));
            corpus.intent.push(intent);
            let mut names: Vec<u32> = names.into_iter().map(|t| corpus.intern(t)).collect();
            names.sort_unstable();
            corpus.names.push(names);
            let mut doc: Vec<u32> = terms.into_iter().map(|t| corpus.intern(t)).collect();
            doc.sort_unstable();
            doc.dedup();
            for &t in &doc {
                corpus.df[t as usize] += 1;
            }
            corpus.docs.push(doc);
        }
        corpus.renumber_alphabetically();
        let n = corpus.docs.len() as f64;
        corpus.weights = corpus
            .df
            .iter()
            .map(|&df| (1.0 + n / f64::from(df.max(1))).ln())
            .collect();
        corpus.totals = corpus
            .docs
            .iter()
            .map(|d| d.iter().map(|&t| corpus.weights[t as usize]).sum())
            .collect();
        corpus
    }

    /// Gives terms ids in alphabetical order, so ids, and every sum and tie-break that follows them,
    /// do not depend on the order questions came in: the same questions in another file order give the
    /// same scores to the last bit.
    fn renumber_alphabetically(&mut self) {
        let mut order: Vec<u32> =
            (0..u32::try_from(self.terms.len()).unwrap_or(u32::MAX)).collect();
        order.sort_by(|&a, &b| self.terms[a as usize].cmp(&self.terms[b as usize]));
        let mut new_id = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_id[old as usize] = u32::try_from(new).unwrap_or(u32::MAX);
        }
        let remap = |t: &mut u32| *t = new_id[*t as usize];
        self.terms = order
            .iter()
            .map(|&old| std::mem::take(&mut self.terms[old as usize]))
            .collect();
        self.df = order.iter().map(|&old| self.df[old as usize]).collect();
        self.ids.clear();
        for (id, term) in self.terms.iter().enumerate() {
            self.ids
                .insert(term.clone(), u32::try_from(id).unwrap_or(u32::MAX));
        }
        for doc in &mut self.docs {
            doc.iter_mut().for_each(remap);
            doc.sort_unstable();
        }
        for names in &mut self.names {
            names.iter_mut().for_each(remap);
            names.sort_unstable();
        }
        for intent in self.intent.iter_mut().flatten() {
            remap(intent);
        }
    }

    fn intern(&mut self, term: String) -> u32 {
        if let Some(&id) = self.ids.get(&term) {
            return id;
        }
        let id = u32::try_from(self.terms.len()).unwrap_or(u32::MAX);
        self.terms.push(term.clone());
        self.ids.insert(term, id);
        self.df.push(0);
        id
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
        self.ids.get(term).copied()
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
