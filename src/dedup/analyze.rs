//! Questions → content terms: what duplicate detection compares.
//!
//! Owns the pipeline from text to terms: Unicode normalisation and case folding, interview framing
//! removed from the start, British spellings and synonyms mapped to one form, stop words dropped,
//! Snowball stemming. Knows nothing about weights or clusters.
//!
//! [`Analyzer::terms`] analyses one question into strings, which explanations show; for many
//! questions at once, [`Analyzer::corpus_of`] (in `batch`) goes straight to term ids, analysing each
//! distinct word once. Both walk a question the one way `collect` does.

mod batch;
mod collect;
#[cfg(test)]
mod properties;
mod roles;
pub mod shape;
mod words;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

// Fx hashing: these maps are looked up for every word of every question, with short keys from
// the user's own files, where SipHash's protection against crafted collisions buys nothing.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;

use collect::Vocabulary;
use shape::Asks;
use words::Words;

const LEXICON: &str = include_str!("lexicon.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Lexicon {
    framing: Vec<String>,
    trailing: Vec<String>,
    intent_frames: Vec<String>,
    stopwords: Vec<String>,
    spelling: BTreeMap<String, String>,
    synonyms: BTreeMap<String, String>,
    aspects: BTreeMap<String, Vec<String>>,
    descriptive_aspects: Vec<String>,
    light: Vec<String>,
}

/// A question as terms, and which term (if any) is its verb of intent ("prevent" in "How do you
/// prevent overfitting?"). Terms are stems (`T = String`), or ids of stems where a corpus is
/// built straight from the questions; the words they came from are kept as `W`: strings, or
/// nothing (`()`) where no one will be shown them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms<T = String, W = String> {
    pub terms: Vec<T>,
    pub intent: Option<T>,
    /// Terms written as names: in capitals (`CORS`, `PR`) or capitalised inside the sentence
    /// (`Java`, `Streams`). A name only one question has makes it a different question.
    pub names: Vec<T>,
    /// For each term, the word it came from, to show people ("consistency" for `consist`).
    pub words: Vec<W>,
    /// What kind of answer the question asks for.
    pub asks: Asks,
    /// The kinds its follow-up clauses ask for besides ("What is X and how do you prevent it?"),
    /// as bits ([`Asks::compatible`]).
    pub follow_up_kinds: u16,
    /// The aspects it asks about, as bits of the lexicon's aspect indices ("features" in "What are
    /// the features of X?").
    pub aspects: u32,
    /// Code identifiers it names (`promise.all`), lower-cased.
    pub codes: Vec<T>,
    /// Terms that count for less in this question: words of its context ("in React") and generic
    /// heads ("the bind method"). A subset of `terms`.
    pub soft: Vec<T>,
    /// Terms of a trailing phrase that qualifies what it asks ("in the background"): an extra one
    /// counts in full.
    pub qualifiers: Vec<T>,
    /// Words only its follow-up clauses have (not in `terms`): they count for nothing, except that
    /// a verb of intent, name or qualifier of the other question found here is not held against
    /// the pair.
    pub follow: Vec<T>,
    /// The last word of its subject ("function" in "What is a higher-order function?"), and of
    /// what that is of ("query" in "the performance of a slow query"), if any.
    pub heads: Vec<T>,
}

impl<T, W> Terms<T, W> {
    /// The same terms in another form: `f` gives each term's.
    #[cfg(test)]
    pub(crate) fn map<U>(self, mut f: impl FnMut(T) -> U) -> Terms<U, W> {
        let intent = self.intent.map(&mut f);
        let mut all = |terms: Vec<T>| terms.into_iter().map(&mut f).collect();
        Terms {
            terms: all(self.terms),
            intent,
            names: all(self.names),
            words: self.words,
            asks: self.asks,
            follow_up_kinds: self.follow_up_kinds,
            aspects: self.aspects,
            codes: all(self.codes),
            soft: all(self.soft),
            qualifiers: all(self.qualifiers),
            follow: all(self.follow),
            heads: all(self.heads),
        }
    }
}

impl FromIterator<String> for Terms {
    /// Terms without a verb of intent.
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        Terms {
            terms: iter.into_iter().collect(),
            ..Terms::default()
        }
    }
}

/// A word after replacement, as the analysis of every question containing it uses it.
struct Analyzed {
    word: String,
    stop: bool,
    stem: String,
}

/// Terms as stems, each with the word it came from: what [`Analyzer::terms`] keeps, with what each
/// word becomes analysed the first time it is seen.
struct SeenWords<'s>(&'s mut HashMap<Box<str>, Vec<Analyzed>>);

impl Vocabulary for SeenWords<'_> {
    type Term = String;
    type Word = String;

    fn term(&mut self, text: &str) -> String {
        text.to_owned()
    }

    fn word(text: &str) -> String {
        text.to_owned()
    }

    fn each_part(
        &mut self,
        analyzer: &Analyzer,
        word: &str,
        mut part: impl FnMut(&String, bool, &String),
    ) {
        for analyzed in analyzer.analyzed_once(word, self.0) {
            part(&analyzed.stem, analyzed.stop, &analyzed.word);
        }
    }
}

/// How questions are read for comparing them: interview framing, stop words, spellings and
/// synonyms, from the built-in lexicon and the user's additions. Build once per run and hand it to
/// [`dedup`](crate::dedup()); a question's terms depend on the question alone.
pub struct Analyzer {
    /// Framing phrases as word sequences, longest first so the longest match wins.
    framing: PhraseIndex,
    trailing: PhraseIndex,
    intent_frames: BTreeSet<Vec<String>>,
    // Hash sets and maps: only ever looked up, once per word of every question.
    stopwords: HashSet<String>,
    /// Spellings and synonyms in one map: word → replacement words (possibly none).
    replace: HashMap<String, Vec<String>>,
    /// Aspect nouns → the index of their aspect; the aspects' names, by index.
    aspects: HashMap<String, u8>,
    aspect_names: Vec<String>,
    /// Bits of the aspects a comparison may be narrowed to and stay the plain comparison.
    descriptive_aspects: u32,
    /// Generic heads ("method", "tool") that count for less.
    light: HashSet<String>,
    stemmer: Stemmer,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("framing", &self.framing.count)
            .field("stopwords", &self.stopwords.len())
            .field("replace", &self.replace.len())
            .finish_non_exhaustive()
    }
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new(&BTreeMap::new(), &[])
    }
}

/// Phrases grouped by the word a match must start (or end) with, longest first within a group:
/// a question is compared with the few phrases that can match it, not with all of them.
struct PhraseIndex {
    by_word: HashMap<String, Vec<Vec<String>>>,
    count: usize,
}

impl PhraseIndex {
    fn by_word(list: Vec<Vec<String>>, key: impl Fn(&Vec<String>) -> Option<&String>) -> Self {
        let count = list.len();
        let mut by_word: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        for phrase in list {
            if let Some(word) = key(&phrase) {
                by_word.entry(word.clone()).or_default().push(phrase);
            }
        }
        PhraseIndex { by_word, count }
    }

    /// The phrases whose key word (first, or last, as built) is `word`.
    fn keyed_by(&self, word: &str) -> Option<&Vec<Vec<String>>> {
        self.by_word.get(word)
    }
}

/// PhraseIndex as lower-case word sequences, longest first.
fn phrases<'a>(list: impl IntoIterator<Item = &'a String>) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = list
        .into_iter()
        .map(|p| lower_words(p))
        .filter(|p| !p.is_empty())
        .collect();
    out.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    out.dedup();
    out
}

fn lower_words(text: &str) -> Vec<String> {
    Words::of(text).iter().map(|w| w.text.to_owned()).collect()
}

impl Analyzer {
    /// The built-in lexicon plus the user's synonyms (word or phrase → what it means) and framing
    /// phrases, as `lints.toml`'s `[dedup] synonyms` and `framing` give them. [`Analyzer::default`]
    /// is the built-in lexicon alone.
    pub fn new(extra_synonyms: &BTreeMap<String, String>, extra_framing: &[String]) -> Self {
        #[expect(
            clippy::expect_used,
            reason = "the embedded lexicon is checked by the unit tests"
        )]
        let lexicon: Lexicon = toml::from_str(LEXICON).expect("built-in lexicon.toml is valid");
        let direct: BTreeMap<String, Vec<String>> = lexicon
            .spelling
            .into_iter()
            .chain(lexicon.synonyms)
            .chain(extra_synonyms.clone())
            .map(|(from, to)| (from.to_lowercase(), lower_words(&to)))
            .collect();
        // Resolve chains once ("optimise" → "optimize" → "improve"); a cycle stops after a few steps.
        let replace = direct
            .iter()
            .map(|(from, to)| {
                let mut words = to.clone();
                for _ in 0..4 {
                    let next: Vec<String> = words
                        .iter()
                        .flat_map(|w| direct.get(w).cloned().unwrap_or_else(|| vec![w.clone()]))
                        .collect();
                    if next == words {
                        break;
                    }
                    words = next;
                }
                (from.clone(), words)
            })
            .collect();
        let aspect_names: Vec<String> = lexicon.aspects.keys().cloned().collect();
        let descriptive_aspects = aspect_names
            .iter()
            .enumerate()
            .filter(|(_, name)| lexicon.descriptive_aspects.contains(name))
            .fold(0, |bits, (k, _)| bits | 1 << k);
        let aspects = lexicon
            .aspects
            .values()
            .enumerate()
            .flat_map(|(k, words)| {
                let k = u8::try_from(k).unwrap_or(u8::MAX);
                words.iter().map(move |w| (w.to_lowercase(), k))
            })
            .collect();
        Analyzer {
            aspects,
            aspect_names,
            descriptive_aspects,
            light: lexicon.light.into_iter().collect(),
            framing: PhraseIndex::by_word(
                phrases(lexicon.framing.iter().chain(extra_framing)),
                |p| p.first(),
            ),
            trailing: PhraseIndex::by_word(phrases(&lexicon.trailing), |p| p.last()),
            intent_frames: phrases(&lexicon.intent_frames).into_iter().collect(),
            stopwords: lexicon.stopwords.into_iter().collect(),
            replace,
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// The content terms of a question, in order of first appearance, without repeats.
    ///
    /// [`Analyzer::corpus_of`] walks many questions the same way (`collect`), in term ids. Only the
    /// tests call it, to check that the corpus built from these terms ([`Corpus::new`]) is the one
    /// `corpus_of` builds.
    ///
    /// [`Corpus::new`]: crate::dedup::similarity::Corpus::new
    #[cfg(test)]
    pub(crate) fn terms(&self, question: &str) -> Terms {
        self.terms_with(question, &mut Words::default(), &mut HashMap::default())
    }

    /// The terms of many questions: the same as [`Analyzer::terms`] for each, with what a word
    /// becomes (replacements, stop word or not, stems) looked up when the word was seen before
    /// (questions share most of their words, and stemming is the costly step). For a corpus,
    /// [`Analyzer::corpus_of`] is cheaper still; this keeps the words, to show people.
    pub(crate) fn terms_of_all<'q>(
        &self,
        questions: impl IntoIterator<Item = &'q str>,
    ) -> Vec<Terms> {
        let mut words = Words::default();
        let mut seen_words = HashMap::default();
        questions
            .into_iter()
            .map(|q| self.terms_with(q, &mut words, &mut seen_words))
            .collect()
    }

    /// [`Analyzer::terms`], splitting into `words` (a buffer reused from question to question) and
    /// looking words up in `seen_words` before analysing them.
    fn terms_with(
        &self,
        question: &str,
        words: &mut Words,
        seen_words: &mut HashMap<Box<str>, Vec<Analyzed>>,
    ) -> Terms {
        self.collect(question, words, &mut SeenWords(seen_words))
    }

    /// The names of the code identifiers and quoted words of a question, stemmed as terms are
    /// (`Promise.all()` → `all`, `"keys"` → `key`).
    fn code_names(&self, asking: &str) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let identifiers = shape::identifiers(asking);
        let quoted = shape::quoted(asking);
        let all = identifiers.iter().map(String::as_str).chain(quoted);
        for code in all {
            let name = self.stem(&shape::code_name(code)).into_owned();
            if !name.is_empty() && !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    /// Whether a question asking `asks` is about `aspect`: always, but for a comparison only when
    /// the aspect judges (see `descriptive-aspects` in the lexicon). Otherwise the aspect is a word
    /// of the frame: "the differences in usage of x and y" are the differences of x and y.
    pub(super) fn compares_aspect(&self, asks: Asks, aspect: u8) -> bool {
        asks != Asks::Comparison || self.descriptive_aspects & (1 << aspect) == 0
    }

    /// The name of aspect `index` ("features"), for explanations.
    pub(crate) fn aspect_name(&self, index: u8) -> &str {
        self.aspect_names
            .get(usize::from(index))
            .map_or("", String::as_str)
    }

    /// What `word` becomes ([`Analyzer::analyzed`]), looked up in `seen_words` and analysed only
    /// the first time.
    fn analyzed_once<'s>(
        &self,
        word: &str,
        seen_words: &'s mut HashMap<Box<str>, Vec<Analyzed>>,
    ) -> &'s [Analyzed] {
        if !seen_words.contains_key(word) {
            seen_words.insert(word.into(), self.analyzed(word));
        }
        seen_words.get(word).map_or(&[], Vec::as_slice)
    }

    /// What one lower-case word becomes: its replacements, each with whether it is a stop word
    /// and its stem.
    fn analyzed(&self, word: &str) -> Vec<Analyzed> {
        self.replaced(word)
            .into_iter()
            .map(|replaced| Analyzed {
                stop: self.is_stop(&replaced),
                stem: self.stem(&replaced).into_owned(),
                word: replaced,
            })
            .collect()
    }

    fn is_stop(&self, word: &str) -> bool {
        self.stopwords.contains(word)
    }

    /// The Snowball stem of a lower-case word. The English stemmer only ever rewrites suffixes of
    /// letters a–z and apostrophes, so a word with neither (a number: "2024", "404") is its own stem:
    /// skipping the stemmer there matters because numbers are the words most often seen only once.
    fn stem<'w>(&self, word: &'w str) -> Cow<'w, str> {
        if word.bytes().any(|b| b.is_ascii_alphabetic() || b == b'\'') {
            self.stemmer.stem(word)
        } else {
            Cow::Borrowed(word)
        }
    }

    /// The words that remain once framing phrases are removed from the start (longest first, until
    /// none matches) and trailing clauses from the end, and whether the last framing phrase removed
    /// introduces a verb ("how do you …"). A phrase is removed only when words remain after it.
    fn content(&self, words: &Words) -> (Range<usize>, bool) {
        let (mut start, mut end) = (0, words.len());
        let mut intent_follows = false;
        while start < end {
            let remaining = end - start;
            let Some(phrase) = self
                .framing
                .keyed_by(words.text(start))
                .and_then(|candidates| {
                    // The first word is the key, known to match.
                    candidates
                        .iter()
                        .find(|p| remaining > p.len() && phrase_at(words, start + 1, &p[1..]))
                })
            else {
                break;
            };
            start += phrase.len();
            intent_follows = self.intent_frames.contains(phrase);
        }
        while start < end {
            let remaining = end - start;
            let Some(phrase) = self
                .trailing
                .keyed_by(words.text(end - 1))
                .and_then(|candidates| {
                    // The last word is the key, known to match.
                    candidates.iter().find(|p| {
                        remaining > p.len() && phrase_at(words, end - p.len(), &p[..p.len() - 1])
                    })
                })
            else {
                break;
            };
            end -= phrase.len();
        }
        (start..end, intent_follows)
    }

    /// A word after spelling and synonym replacement: the words [`Analyzer::each_replacement`] gives.
    fn replaced(&self, word: &str) -> Vec<String> {
        let mut out = Vec::new();
        self.each_replacement(word, &mut |w| out.push(w.to_owned()));
        out
    }

    /// Calls `emit` with each word `word` becomes after spelling and synonym replacement, in order,
    /// without allocating for the usual word that stays itself. A hyphenated word that is not in the
    /// maps is replaced part by part ("cache-aside" → "cache", "aside"), except fixed expressions of
    /// three or more parts ("one-to-many", "end-to-end"), which stay one word.
    fn each_replacement(&self, word: &str, emit: &mut dyn FnMut(&str)) {
        if let Some((base, not)) = contraction(word) {
            self.each_replacement(base, emit);
            if not {
                self.each_replacement("not", emit);
            }
            return;
        }
        let word = word.trim_matches('\'');
        if let Some(words) = self.replace.get(word) {
            words.iter().for_each(|w| emit(w));
            return;
        }
        // `Split` is fused: asking again after the end keeps answering `None`.
        let mut parts = word.split('-').filter(|p| !p.is_empty());
        match (parts.next(), parts.next(), parts.next()) {
            (None, ..) => {}
            (Some(only), None, _) => emit(only),
            (Some(first), Some(second), None) => {
                self.each_replacement(first, emit);
                self.each_replacement(second, emit);
            }
            _ => emit(&word.split('-').collect::<String>()),
        }
    }
}

/// "don't" → "do", "not" (negation is content); "you've", "system's" → "you", "system": the base
/// word, and whether "not" follows it.
fn contraction(word: &str) -> Option<(&str, bool)> {
    match word {
        "can't" | "cannot" => return Some(("can", true)),
        "won't" => return Some(("will", true)),
        _ => {}
    }
    if let Some(base) = word.strip_suffix("n't") {
        return Some((base, true));
    }
    ["'s", "'ve", "'re", "'ll", "'d", "'m"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .map(|base| (base, false))
}

/// True when the words from `at` on begin with `phrase`.
fn phrase_at(words: &Words, at: usize, phrase: &[String]) -> bool {
    phrase
        .iter()
        .enumerate()
        .all(|(k, p)| words.text(at + k) == p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(q: &str) -> Vec<String> {
        Analyzer::default().terms(q).terms
    }

    #[test]
    fn framing_and_generic_verbs_go_and_topics_stay() {
        assert_eq!(
            terms("Can you explain the CAP theorem?"),
            ["cap", "theorem"]
        );
        assert_eq!(
            terms("How do you ensure data consistency in distributed systems?"),
            terms("What strategies do you use to handle data consistency in distributed systems?")
        );
        assert_eq!(
            terms(
                "Can you walk me through the process you use to troubleshoot performance issues?"
            ),
            ["troubleshoot", "perform", "problem"]
        );
        let tools = Analyzer::default().terms("What tools do you use for monitoring?");
        assert_eq!(tools.terms, ["tool", "monitor"]);
        assert_eq!(tools.soft, ["tool"], "a generic head counts for less");
        assert_eq!(tools.heads, ["monitor"]);
    }

    #[test]
    fn spellings_synonyms_and_acronyms_meet() {
        assert_eq!(
            terms("How do you optimise a k8s cluster?"),
            terms("How do you optimize a Kubernetes cluster?")
        );
        assert_eq!(
            terms("Explain inter-service communication"),
            ["microservic", "communic"]
        );
        assert_eq!(
            terms("What’s the system's behaviour?"),
            ["system", "behavior"]
        );
    }

    #[test]
    fn negation_and_entities_are_kept() {
        assert_eq!(
            terms("When should you not add an index?"),
            ["not", "add", "index"]
        );
        assert_ne!(
            terms("How do you handle errors in Java?"),
            terms("How do you handle errors in Go?")
        );
        // "Used for" asks for its use: an aspect, compared as one and weighed as the word "use".
        let used_for = Analyzer::default().terms("What is C++ used for?");
        assert_eq!(used_for.terms, ["c++", "use"]);
        assert_ne!(used_for.aspects, 0);
    }

    #[test]
    fn intent_capitals_compounds_and_trailing_clauses() {
        let analyzer = Analyzer::default();
        assert_eq!(
            analyzer
                .terms("How do you prevent overfitting?")
                .intent
                .as_deref(),
            Some("prevent")
        );
        assert_eq!(analyzer.terms("How do you ensure security?").intent, None);
        assert_eq!(analyzer.terms("What is overfitting?").intent, None);
        assert_eq!(
            terms("What is the difference between WHERE and HAVING?"),
            ["where", "have"]
        );
        assert_ne!(
            terms("How do you model a many-to-many relationship?"),
            terms("How do you model a one-to-many relationship?")
        );
        // The follow-up's words are kept apart, weighing nothing.
        let story = analyzer
            .terms("What are the biggest challenges you've faced, and how did you overcome them?");
        assert_eq!(story.follow, ["overcom"]);
        let asked: Vec<&String> = story
            .terms
            .iter()
            .filter(|t| !story.follow.contains(t))
            .collect();
        assert_eq!(
            asked,
            terms("What challenges have you faced?")
                .iter()
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn user_synonyms_and_framing_extend_the_lexicon() {
        let synonyms = BTreeMap::from([
            ("pg".to_owned(), "postgresql".to_owned()),
            ("rds".to_owned(), "database".to_owned()),
        ]);
        let analyzer = Analyzer::new(&synonyms, &["in an interview, how would you".to_owned()]);
        let terms = analyzer.terms("In an interview, how would you tune RDS?");
        assert_eq!(terms.terms, ["tune", "databas"]);
    }

    proptest::proptest! {
        /// Skipping the stemmer for words without letters a–z or apostrophes changes no stem.
        #[test]
        fn stems_are_snowballs(word in "[0-9+#'éßσςοδ中²½-]{1,10}|[a-z0-9'+#-]{1,10}|\\PC{1,10}") {
            let snowball = Stemmer::create(Algorithm::English);
            proptest::prop_assert_eq!(Analyzer::default().stem(&word), snowball.stem(&word));
        }
    }
}
