//! Term weights and the similarity of two questions.
//!
//! Owns the vocabulary of a run (terms interned as ids), each term's weight (inverse document
//! frequency over the questions being compared, so rare content words count more than "distributed
//! systems" on a page where every question says it), and the similarity score. Knows nothing about
//! clusters.

use crate::dedup::analyze::Terms;
use crate::dedup::analyze::shape::Asks;

/// How much the longer question's extra terms count against a match, relative to the shorter one's.
///
/// "How do you ensure security and privacy of data?" still asks "How do you ensure security?": extra
/// detail in the longer question is tolerated, extra topic in the shorter question is not.
pub const LONGER_EXTRA_WEIGHT: f64 = 0.25;

/// Scores are sums of floating-point weights: a pair scoring exactly a threshold in exact arithmetic
/// may come out a hair under it. Comparisons with a threshold allow this much.
pub const SCORE_TOLERANCE: f64 = 1e-9;

/// How much a soft term of a question weighs (a word of its context, "in React", or a generic
/// head, "the bind method"), relative to the same term as the question's subject.
pub const SOFT_WEIGHT: f64 = 0.5;

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
    /// What each question asks for, the aspects it asks about, and the code identifiers it names
    /// (sorted): compared on their own, not weighed.
    asks: Vec<Asks>,
    /// Every kind of answer each question asks for, follow-ups included (bits of [`Asks::bit`]).
    kinds: Vec<u16>,
    aspects: Vec<u32>,
    codes: Vec<Vec<u32>>,
    /// Each question's soft terms (see [`SOFT_WEIGHT`]), sorted: a subset of its terms.
    soft: Vec<Vec<u32>>,
    /// Each question's words of follow-up clauses ("prevent" in "What is a cache stampede and how
    /// do you prevent it?"), sorted: not terms, they weigh nothing; a verb of intent, name or
    /// qualifier of another question found among them is not counted in full against the pair.
    follow: Vec<Vec<u32>>,
    /// Each question's qualifying terms ("in the background"), sorted: an extra one counts in
    /// full, as an intent or a name does.
    qualifiers: Vec<Vec<u32>>,
    /// Each question's heads, sorted: the last word of its subject ("function" in "What is a
    /// higher-order function?") and of what that is of.
    heads: Vec<Vec<u32>>,
    /// The ids of the negations among the terms, sorted.
    negations: Vec<u32>,
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

/// A share of the mean weight of the terms two questions share: an extra term of the longer
/// question weighing at least this much names a narrower subject, not a detail ("What is *route
/// based* code splitting?" against "What is code splitting?"), in questions that ask what something
/// is.
pub const HEAVY_EXTRA: f64 = 0.8;

/// Why two questions that score high enough are still different questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Veto {
    /// They ask for different kinds of answer ("What is X?" / "How do you set X?").
    Asks(Asks, Asks),
    /// They ask about different aspects of their subject (bits of the lexicon's aspects).
    Aspects(u32, u32),
    /// Each names something the other does not: a name or a code identifier (`L1` / `L2`,
    /// `Promise.all` / `Promise.any`).
    Names(Vec<u32>, Vec<u32>),
    /// Each has a word the other lacks that weighs as much as the words they share: their
    /// subjects differ ("query parameters" / "history").
    Subjects(Vec<u32>, Vec<u32>),
    /// One asks the negative of the other ("When should you *not* add an index?").
    Negation,
    /// Their subjects end in different words, one of which the other question lacks: they ask
    /// about different things ("higher-order *components*" / "higher-order *functions*", "list
    /// the *containers*" / "list the container *images*").
    Heads(u32, u32),
}

impl Veto {
    /// The same veto with the two questions the other way round.
    pub fn swap(&mut self) {
        match self {
            Veto::Asks(a, b) => std::mem::swap(a, b),
            Veto::Aspects(a, b) => std::mem::swap(a, b),
            Veto::Names(a, b) | Veto::Subjects(a, b) => std::mem::swap(a, b),
            Veto::Heads(a, b) => std::mem::swap(a, b),
            Veto::Negation => {}
        }
    }
}

/// Whether two questions are one, and how alike they are.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// The similarity the merge decision uses: the plain score, made stricter for questions that
    /// ask what something is.
    pub score: f64,
    pub veto: Option<Veto>,
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
    pub asks: Vec<Asks>,
    /// The kinds follow-up clauses ask for besides (see [`Asks::compatible`]).
    pub kinds: Vec<u16>,
    pub aspects: Vec<u32>,
    /// Each question's code identifiers, in any order.
    pub codes: Vec<Vec<u32>>,
    /// Each question's soft terms and follow-up terms, in any order.
    pub soft: Vec<Vec<u32>>,
    pub follow: Vec<Vec<u32>>,
    pub qualifiers: Vec<Vec<u32>>,
    pub heads: Vec<Vec<u32>>,
}

impl Interned {
    pub fn with_capacity(questions: usize) -> Self {
        Interned {
            terms: Vec::new(),
            docs: Vec::with_capacity(questions),
            intent: Vec::with_capacity(questions),
            names: Vec::with_capacity(questions),
            asks: Vec::with_capacity(questions),
            kinds: Vec::with_capacity(questions),
            aspects: Vec::with_capacity(questions),
            codes: Vec::with_capacity(questions),
            soft: Vec::with_capacity(questions),
            follow: Vec::with_capacity(questions),
            qualifiers: Vec::with_capacity(questions),
            heads: Vec::with_capacity(questions),
        }
    }

    /// Adds a question's terms (not the words they came from).
    pub fn push<W>(&mut self, question: Terms<u32, W>) {
        self.docs.push(question.terms);
        self.intent.push(question.intent);
        self.names.push(question.names);
        self.asks.push(question.asks);
        self.kinds.push(question.follow_up_kinds);
        self.aspects.push(question.aspects);
        self.codes.push(question.codes);
        self.soft.push(question.soft);
        self.follow.push(question.follow);
        self.qualifiers.push(question.qualifiers);
        self.heads.push(question.heads);
    }

    /// The same questions over only the terms they use, numbered in alphabetical order; each
    /// question's terms sorted without repeats, its names sorted.
    fn in_alphabetical_order(mut self) -> Interned {
        let (order, new_id) = alphabetical_ids(
            &self.terms,
            &self.docs,
            &[&self.intent],
            &[
                &self.names,
                &self.codes,
                &self.soft,
                &self.follow,
                &self.qualifiers,
                &self.heads,
            ],
        );
        let remap = |t: &mut u32| *t = new_id[*t as usize];
        for doc in &mut self.docs {
            doc.iter_mut().for_each(remap);
            doc.sort_unstable();
            doc.dedup();
        }
        for names in self
            .names
            .iter_mut()
            .chain(&mut self.codes)
            .chain(&mut self.soft)
            .chain(&mut self.follow)
            .chain(&mut self.qualifiers)
            .chain(&mut self.heads)
        {
            names.iter_mut().for_each(remap);
            names.sort_unstable();
            names.dedup();
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
    #[cfg(test)]
    pub fn new<I: IntoIterator<Item = Terms>>(questions: I) -> Self {
        // Fx hashing: interned terms are short and come from the user's own files.
        use rustc_hash::FxHashMap as HashMap;
        let mut interned = Interned::default();
        let mut ids: HashMap<String, u32> = HashMap::default();
        let mut vocabulary = Vec::new();
        let mut intern = |term: String| {
            *ids.entry(term).or_insert_with_key(|term| {
                vocabulary.push(term.clone());
                u32::try_from(vocabulary.len() - 1).unwrap_or(u32::MAX)
            })
        };
        for question in questions {
            interned.push(question.map(&mut intern));
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
            asks,
            kinds,
            aspects,
            codes,
            soft,
            follow,
            qualifiers,
            heads,
        } = interned.in_alphabetical_order();
        let kinds: Vec<u16> = kinds
            .iter()
            .zip(&asks)
            .map(|(&more, asks)| asks.compatible() | more)
            .collect();
        let mut df = vec![0u32; terms.len()];
        for &t in docs.iter().flatten() {
            df[t as usize] += 1;
        }
        let n = docs.len() as f64;
        let weights: Vec<f64> = df
            .iter()
            .map(|&df| (1.0 + n / f64::from(df.max(1))).ln())
            .collect();
        let totals = (0..docs.len())
            .map(|i| {
                docs[i]
                    .iter()
                    .map(|&t| weights[t as usize] * factor(&soft[i], t))
                    .sum()
            })
            .collect();
        Corpus {
            df,
            docs,
            intent,
            names,
            asks,
            kinds,
            aspects,
            codes,
            soft,
            follow,
            qualifiers,
            heads,
            negations: NEGATIONS.iter().filter_map(|n| id_in(&terms, n)).collect(),
            terms,
            weights,
            totals,
        }
    }

    pub fn len(&self) -> usize {
        self.docs.len()
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

    #[cfg(test)]
    pub fn id(&self, term: &str) -> Option<u32> {
        id_in(&self.terms, term)
    }

    /// The question's verb of intent and its names: with its terms, all that decides its scores.
    pub fn marks(&self, i: usize) -> (Option<u32>, &[u32]) {
        (self.intent[i], &self.names[i])
    }

    /// What the question asks for, the aspects it asks about (bits), the code identifiers it
    /// names, its soft terms and its heads: with its scores, all that decides whether it merges.
    pub fn shape(&self, i: usize) -> Shape<'_> {
        Shape {
            asks: self.asks[i],
            kinds: self.kinds[i],
            aspects: self.aspects[i],
            codes: &self.codes[i],
            soft: &self.soft[i],
            follow: &self.follow[i],
            qualifiers: &self.qualifiers[i],
            heads: &self.heads[i],
        }
    }

    pub fn term(&self, id: u32) -> &str {
        &self.terms[id as usize]
    }

    pub fn df(&self, id: u32) -> u32 {
        self.df[id as usize]
    }

    /// Inverse document frequency, smoothed so a term in every question still weighs a little.
    #[cfg(test)]
    pub fn weight(&self, id: u32) -> f64 {
        self.weights[id as usize]
    }

    /// Whether every term of question `doc` weighs its plain weight there (none is soft).
    pub fn is_plain(&self, doc: usize) -> bool {
        self.soft[doc].is_empty()
    }

    /// The weight of term `id` in question `doc`: less where it is soft there.
    pub fn weight_in(&self, doc: usize, id: u32) -> f64 {
        self.weights[id as usize] * self.factor(doc, id)
    }

    fn factor(&self, doc: usize, id: u32) -> f64 {
        factor(&self.soft[doc], id)
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
        let Shared {
            both: shared,
            in_a,
            in_b,
        } = self.shared(a, b);
        if shared <= 0.0 {
            return 0.0;
        }
        let (only_a, only_b) = (self.totals[a] - in_a, self.totals[b] - in_b);
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

    /// The weight two questions share: each side's own weight of the shared terms, and the weight
    /// both give them (the lesser of the two, term by term). Where a shared term is soft on one
    /// side only, the difference counts neither as shared nor as extra. Shared weight never exceeds
    /// either side's, which keeps the candidate search exact (see `candidates`).
    fn shared(&self, a: usize, b: usize) -> Shared {
        let (da, db) = (&self.docs[a], &self.docs[b]);
        let plain = self.is_plain(a) && self.is_plain(b);
        let (mut i, mut j) = (0, 0);
        let mut out = Shared::default();
        while i < da.len() && j < db.len() {
            match da[i].cmp(&db[j]) {
                std::cmp::Ordering::Equal => {
                    let t = da[i];
                    let w = self.weights[t as usize];
                    if plain {
                        out.both += w;
                    } else {
                        let (fa, fb) = (self.factor(a, t), self.factor(b, t));
                        out.in_a += w * fa;
                        out.in_b += w * fb;
                        out.both += w * fa.min(fb);
                    }
                    i += 1;
                    j += 1;
                }
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
        if plain {
            (out.in_a, out.in_b) = (out.both, out.both);
        }
        out
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

    /// The weight of `long`'s intent, names and qualifiers that `short` does not have.
    fn full_weight_extras(&self, long: usize, short: usize) -> f64 {
        // What a follow-up of the shorter question asks ("… and how do you *prevent* it?") is not
        // missing from it.
        let missing =
            |t: &u32| !self.has(short, *t) && self.follow[short].binary_search(t).is_err();
        let intent = self.intent[long].filter(missing);
        // A name in the context ("in JavaScript") is context, not what is asked about; a story's
        // setting ("in a distributed system project") is detail, not a qualifier.
        let qualifiers: &[u32] = if self.asks[long] == Asks::Story {
            &[]
        } else {
            &self.qualifiers[long]
        };
        let names = self.names[long]
            .iter()
            .filter(|&&t| self.factor(long, t) >= 1.0)
            .chain(qualifiers)
            .filter(|t| missing(t) && Some(**t) != intent);
        intent
            .iter()
            .chain(names)
            .map(|&t| self.weight_in(long, t))
            .sum()
    }

    /// Whether `a` and `b` are one question: the score, stricter where they ask what something is,
    /// and a veto when they ask for different kinds of answer, about different aspects, name
    /// different things or have different subjects. Never higher than [`Corpus::score_of`], so the
    /// candidate pairs found for that score hold every pair this one merges.
    pub fn judge(&self, a: usize, b: usize) -> Judgement {
        let score = self.score_of(a, b);
        let veto = self.veto(a, b);
        let score = if self.asks[a].is_exact() && self.asks[b].is_exact() {
            score.min(self.exact_score(a, b))
        } else {
            score
        };
        Judgement { score, veto }
    }

    fn veto(&self, a: usize, b: usize) -> Option<Veto> {
        if self.kinds[a] & self.kinds[b] == 0 {
            return Some(Veto::Asks(self.asks[a], self.asks[b]));
        }
        // A comparison is about the things compared: what it ends with need not be a subject.
        // Nor is a story's: "a time you went above and beyond" is "went above and beyond".
        let both = |kind: Asks| self.asks[a] == kind && self.asks[b] == kind;
        let headless_story = both(Asks::Story);
        let headless = both(Asks::Comparison) || headless_story;
        if self.aspects[a] != self.aspects[b] {
            return Some(Veto::Aspects(self.aspects[a], self.aspects[b]));
        }
        // Names each question has and the other does not mention at all; code either has and the
        // other does not name (`Promise.all` is not "a promise").
        let (only_a, only_b) = (
            difference(&self.names[a], &self.docs[b]),
            difference(&self.names[b], &self.docs[a]),
        );
        if !only_a.is_empty() && !only_b.is_empty() {
            return Some(Veto::Names(only_a, only_b));
        }
        let code_only = |x: usize, y: usize| -> Vec<u32> {
            self.codes[x]
                .iter()
                .copied()
                .filter(|&c| !self.has(y, c) && self.codes[y].binary_search(&c).is_err())
                .collect()
        };
        let (only_a, only_b) = (code_only(a, b), code_only(b, a));
        if !only_a.is_empty() || !only_b.is_empty() {
            return Some(Veto::Names(only_a, only_b));
        }
        let negative = |doc: usize| {
            self.negations
                .iter()
                .any(|&n| self.has(doc, n) || self.follow[doc].binary_search(&n).is_ok())
        };
        if negative(a) != negative(b) {
            return Some(Veto::Negation);
        }
        let (heads_a, heads_b) = (&self.heads[a], &self.heads[b]);
        if !headless
            && !heads_a.is_empty()
            && !heads_b.is_empty()
            && !heads_a.iter().any(|h| heads_b.contains(h))
            && (heads_a.iter().any(|&h| !self.has(b, h))
                || heads_b.iter().any(|&h| !self.has(a, h)))
        {
            return Some(Veto::Heads(heads_a[0], heads_b[0]));
        }
        // Each qualified in a way the other is not: "… if z is x + y" / "… if z is x + y plus noise".
        let qualified_only = |x: usize, y: usize| -> Vec<u32> {
            self.qualifiers[x]
                .iter()
                .copied()
                .filter(|&t| !self.has(y, t))
                .collect()
        };
        let (only_a, only_b) = (qualified_only(a, b), qualified_only(b, a));
        if !headless_story && !only_a.is_empty() && !only_b.is_empty() {
            return Some(Veto::Subjects(only_a, only_b));
        }
        let cmp = self.compare(a, b);
        let mut shared: Vec<f64> = cmp
            .shared
            .iter()
            .filter(|&&t| !self.is_soft(a, t) && !self.is_soft(b, t))
            .map(|&t| self.weights[t as usize])
            .collect();
        shared.sort_by(f64::total_cmp);
        let median = shared.get(shared.len() / 2).copied().unwrap_or(0.0);
        let heavy = |doc: usize, only: &[u32]| -> Vec<u32> {
            only.iter()
                .copied()
                .filter(|&t| {
                    !self.is_soft(doc, t) && self.weights[t as usize] + SCORE_TOLERANCE >= median
                })
                .collect()
        };
        let (heavy_a, heavy_b) = (heavy(a, &cmp.only_a), heavy(b, &cmp.only_b));
        // Stories are told in many words: theirs differ without their subject differing.
        if !headless_story && !shared.is_empty() && !heavy_a.is_empty() && !heavy_b.is_empty() {
            return Some(Veto::Subjects(heavy_a, heavy_b));
        }
        None
    }

    /// Whether question `doc` has term `t`.
    fn has(&self, doc: usize, t: u32) -> bool {
        self.docs[doc].binary_search(&t).is_ok()
    }

    /// Whether term `t` weighs less in question `doc` than it would as its subject.
    fn is_soft(&self, doc: usize, t: u32) -> bool {
        self.factor(doc, t) < 1.0
    }

    /// The score of two questions that ask what something is: as [`Corpus::score_of`], but extra
    /// terms of the longer question that weigh at least [`HEAVY_EXTRA`] of the shared terms' mean
    /// count in full (they name a narrower subject).
    fn exact_score(&self, a: usize, b: usize) -> f64 {
        let cmp = self.compare(a, b);
        if cmp.shared.is_empty() {
            return 0.0;
        }
        let weight =
            |doc: usize, ids: &[u32]| -> f64 { ids.iter().map(|&t| self.weight_in(doc, t)).sum() };
        let shared = self.shared(a, b).both;
        let mean = shared / cmp.shared.len() as f64;
        let (extra_a, extra_b) = (weight(a, &cmp.only_a), weight(b, &cmp.only_b));
        let reading = |short: usize, long_only: &[u32], short_extra: f64, long_extra: f64| {
            let long = if short == a { b } else { a };
            let heavy: f64 = long_only
                .iter()
                .filter(|&&t| {
                    !self.is_soft(long, t) && self.weights[t as usize] >= HEAVY_EXTRA * mean
                })
                .map(|&t| self.weights[t as usize])
                .sum();
            let full = if self.docs[short].len() <= 1 {
                long_extra
            } else {
                heavy.max(self.full_weight_extras(long, short))
            };
            let discounted = LONGER_EXTRA_WEIGHT * (long_extra - full).max(0.0);
            shared / (shared + short_extra + full + discounted)
        };
        match extra_a.total_cmp(&extra_b) {
            std::cmp::Ordering::Less => reading(a, &cmp.only_b, extra_a, extra_b),
            std::cmp::Ordering::Greater => reading(b, &cmp.only_a, extra_b, extra_a),
            std::cmp::Ordering::Equal => reading(a, &cmp.only_b, extra_a, extra_b).min(reading(
                b,
                &cmp.only_a,
                extra_b,
                extra_a,
            )),
        }
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

/// Terms that turn a question into its negative.
const NEGATIONS: &[&str] = &["not", "never", "without"];

/// The id of `term` in the sorted vocabulary `terms`.
fn id_in(terms: &[String], term: &str) -> Option<u32> {
    // Terms are sorted: no map from term to id is needed.
    let id = terms.binary_search_by(|t| t.as_str().cmp(term)).ok()?;
    u32::try_from(id).ok()
}

/// The weight both questions give their shared terms, and each one's own.
#[derive(Debug, Default, Clone, Copy)]
struct Shared {
    both: f64,
    in_a: f64,
    in_b: f64,
}

/// What a question is, besides its terms: see [`Corpus::shape`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Shape<'a> {
    pub asks: Asks,
    pub kinds: u16,
    pub aspects: u32,
    pub codes: &'a [u32],
    pub soft: &'a [u32],
    pub follow: &'a [u32],
    pub qualifiers: &'a [u32],
    pub heads: &'a [u32],
}

/// What term `t`'s weight is multiplied by in a question with these sorted soft terms.
fn factor(soft: &[u32], t: u32) -> f64 {
    if !soft.is_empty() && soft.binary_search(&t).is_ok() {
        SOFT_WEIGHT
    } else {
        1.0
    }
}

/// The ids of sorted `a` that sorted `b` lacks.
fn difference(a: &[u32], b: &[u32]) -> Vec<u32> {
    a.iter()
        .copied()
        .filter(|t| b.binary_search(t).is_err())
        .collect()
}

/// The terms questions use in alphabetical order (as old ids), and for each old id its new id, its
/// place in that order (`u32::MAX` for terms no question uses). Ids, and every sum and tie-break
/// that follows them, then do not depend on the order questions came in: the same questions in
/// another file order give the same scores to the last bit.
fn alphabetical_ids(
    terms: &[String],
    docs: &[Vec<u32>],
    optional: &[&Vec<Option<u32>>],
    lists: &[&Vec<Vec<u32>>],
) -> (Vec<u32>, Vec<u32>) {
    let mut used = vec![false; terms.len()];
    let all = docs
        .iter()
        .flatten()
        .chain(optional.iter().flat_map(|o| o.iter().flatten()));
    for &t in all.chain(lists.iter().flat_map(|l| l.iter().flatten())) {
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
                ..Terms::default()
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
