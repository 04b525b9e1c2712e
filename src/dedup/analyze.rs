//! Questions → content terms: what duplicate detection compares.
//!
//! Owns the pipeline from text to terms: Unicode normalisation and case folding, interview framing
//! removed from the start, British spellings and synonyms mapped to one form, stop words dropped,
//! Snowball stemming. Knows nothing about weights or clusters.

use std::collections::{BTreeMap, BTreeSet};

// Fx hashing: these maps are looked up for every word of every question, with short keys from
// the user's own files, where SipHash's protection against crafted collisions buys nothing.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;

use unicode_normalization::UnicodeNormalization;

use crate::normalize::fold_char;

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
}

/// A question as terms, and which term (if any) is its verb of intent ("prevent" in "How do you
/// prevent overfitting?").
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    pub terms: Vec<String>,
    pub intent: Option<String>,
    /// Terms written as names: in capitals (`CORS`, `PR`) or capitalised inside the sentence
    /// (`Java`, `Streams`). A name only one question has makes it a different question.
    pub names: Vec<String>,
    /// For each term, the word it came from, to show people ("consistency" for `consist`).
    pub words: Vec<String>,
}

impl FromIterator<String> for Terms {
    /// Terms without a verb of intent.
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> Self {
        Terms {
            terms: iter.into_iter().collect(),
            intent: None,
            names: Vec::new(),
            words: Vec::new(),
        }
    }
}

/// A word after replacement, as the analysis of every question containing it uses it.
struct Analyzed {
    word: String,
    stop: bool,
    stem: String,
}

/// A word of the question: lower-cased, and whether it was written in capitals (`WHERE`, `CORS`),
/// which makes it a name even when it is spelled like a stop word.
#[derive(Debug, PartialEq, Eq)]
struct Word {
    text: String,
    capitals: bool,
    /// Capitalised and not the first word: a proper name.
    name: bool,
}

/// Turns questions into terms. Build once per run; `terms` is a pure function of the question.
pub struct Analyzer {
    /// Framing phrases as word sequences, longest first so the longest match wins.
    framing: Phrases,
    trailing: Phrases,
    intent_frames: BTreeSet<Vec<String>>,
    // Hash sets and maps: only ever looked up, once per word of every question.
    stopwords: HashSet<String>,
    /// Spellings and synonyms in one map: word → replacement words (possibly none).
    replace: HashMap<String, Vec<String>>,
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
struct Phrases {
    by_word: HashMap<String, Vec<Vec<String>>>,
    count: usize,
}

impl Phrases {
    fn by_word(list: Vec<Vec<String>>, key: impl Fn(&Vec<String>) -> Option<&String>) -> Self {
        let count = list.len();
        let mut by_word: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        for phrase in list {
            if let Some(word) = key(&phrase) {
                by_word.entry(word.clone()).or_default().push(phrase);
            }
        }
        Phrases { by_word, count }
    }

    /// The phrases whose key word (first, or last, as built) is `word`.
    fn keyed_by(&self, word: &str) -> Option<&Vec<Vec<String>>> {
        self.by_word.get(word)
    }
}

/// Phrases as lower-case word sequences, longest first.
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
    words(text).into_iter().map(|w| w.text).collect()
}

impl Analyzer {
    /// The built-in lexicon plus the user's synonyms and framing phrases from `lints.toml`.
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
        Analyzer {
            framing: Phrases::by_word(phrases(lexicon.framing.iter().chain(extra_framing)), |p| {
                p.first()
            }),
            trailing: Phrases::by_word(phrases(&lexicon.trailing), |p| p.last()),
            intent_frames: phrases(&lexicon.intent_frames).into_iter().collect(),
            stopwords: lexicon.stopwords.into_iter().collect(),
            replace,
            stemmer: Stemmer::create(Algorithm::English),
        }
    }

    /// The content terms of a question, in order of first appearance, without repeats.
    pub fn terms(&self, question: &str) -> Terms {
        self.terms_with(question, &mut HashMap::default())
    }

    /// The terms of many questions: the same as [`Analyzer::terms`] for each, with what a word
    /// becomes (replacements, stop word or not, stems) looked up when the word was seen before
    /// (questions share most of their words, and stemming is the costly step).
    pub fn terms_of_all<'q>(&self, questions: impl IntoIterator<Item = &'q str>) -> Vec<Terms> {
        let mut seen_words = HashMap::default();
        questions
            .into_iter()
            .map(|q| self.terms_with(q, &mut seen_words))
            .collect()
    }

    fn terms_with(&self, question: &str, seen_words: &mut HashMap<String, Vec<Analyzed>>) -> Terms {
        let mut words = words(question);
        let intent_follows = self.strip_framing(&mut words);
        self.strip_trailing(&mut words);
        let mut out = Terms::default();
        for (position, word) in words.iter().enumerate() {
            if !seen_words.contains_key(&word.text) {
                let analyzed = self.analyzed(&word.text);
                seen_words.insert(word.text.clone(), analyzed);
            }
            let Some(analyzed) = seen_words.get(&word.text) else {
                continue;
            };
            for Analyzed {
                word: replaced,
                stop,
                stem,
            } in analyzed
            {
                if *stop && !word.capitals {
                    continue;
                }
                if (word.capitals || word.name) && !out.names.contains(stem) {
                    out.names.push(stem.clone());
                }
                if position == 0 && intent_follows && out.intent.is_none() {
                    out.intent = Some(stem.clone());
                }
                // A question has a handful of terms: a linear search beats a set.
                if !out.terms.contains(stem) {
                    out.terms.push(stem.clone());
                    out.words.push(replaced.clone());
                }
            }
        }
        out
    }

    /// What one lower-case word becomes: its replacements, each with whether it is a stop word
    /// and its stem.
    fn analyzed(&self, word: &str) -> Vec<Analyzed> {
        self.replaced(word)
            .into_iter()
            .map(|replaced| Analyzed {
                stop: self.stopwords.contains(replaced.as_str()),
                stem: self.stemmer.stem(&replaced).into_owned(),
                word: replaced,
            })
            .collect()
    }

    /// Removes framing phrases from the start, longest first, until none matches. Returns whether
    /// the last one removed introduces a verb ("how do you …").
    fn strip_framing(&self, words: &mut Vec<Word>) -> bool {
        let mut intent_follows = false;
        while let Some(phrase) = words
            .first()
            .and_then(|w| self.framing.keyed_by(&w.text))
            .and_then(|candidates| candidates.iter().find(|p| starts_with(words, p)))
        {
            words.drain(..phrase.len());
            intent_follows = self.intent_frames.contains(phrase);
        }
        intent_follows
    }

    fn strip_trailing(&self, words: &mut Vec<Word>) {
        while let Some(phrase) = words
            .last()
            .and_then(|w| self.trailing.keyed_by(&w.text))
            .and_then(|candidates| candidates.iter().find(|p| ends_with(words, p)))
        {
            words.truncate(words.len() - phrase.len());
        }
    }

    /// A word after spelling and synonym replacement. A hyphenated word that is not in the maps is
    /// replaced part by part ("cache-aside" → "cache", "aside"), except fixed expressions of three or
    /// more parts ("one-to-many", "end-to-end"), which stay one word.
    fn replaced(&self, word: &str) -> Vec<String> {
        if let Some(expanded) = contraction(word) {
            return expanded.iter().flat_map(|w| self.replaced(w)).collect();
        }
        let word = word.trim_matches('\'');
        if let Some(words) = self.replace.get(word) {
            return words.clone();
        }
        let parts: Vec<&str> = word.split('-').filter(|p| !p.is_empty()).collect();
        match parts.len() {
            0 => Vec::new(),
            1 => vec![parts[0].to_owned()],
            2 => parts.iter().flat_map(|p| self.replaced(p)).collect(),
            _ => vec![parts.concat()],
        }
    }
}

/// "don't" → "do", "not" (negation is content); "you've", "system's" → "you", "system".
fn contraction(word: &str) -> Option<Vec<String>> {
    match word {
        "can't" | "cannot" => return Some(vec!["can".into(), "not".into()]),
        "won't" => return Some(vec!["will".into(), "not".into()]),
        _ => {}
    }
    if let Some(base) = word.strip_suffix("n't") {
        return Some(vec![base.to_owned(), "not".to_owned()]);
    }
    ["'s", "'ve", "'re", "'ll", "'d", "'m"]
        .iter()
        .find_map(|suffix| word.strip_suffix(suffix))
        .map(|base| vec![base.to_owned()])
}

/// True when `words` starts with `phrase` and has words after it.
fn starts_with(words: &[Word], phrase: &[String]) -> bool {
    words.len() > phrase.len() && words.iter().zip(phrase).all(|(w, p)| w.text == *p)
}

fn ends_with(words: &[Word], phrase: &[String]) -> bool {
    words.len() > phrase.len()
        && words[words.len() - phrase.len()..]
            .iter()
            .zip(phrase)
            .all(|(w, p)| w.text == *p)
}

/// Splits a question into words: NFKC, typographic quotes and dashes folded, split on anything but
/// letters, digits and `'`, `-`, `+`, `#` inside words (so "don't", "cache-aside", "c++" and "c#" stay
/// whole), then lower-cased, remembering words written in capitals.
fn words(text: &str) -> Vec<Word> {
    // ASCII is its own NFKC form; of its characters only the backtick folds (to `'`).
    if text.is_ascii() && !text.contains('`') {
        return ascii_words(text);
    }
    let folded: String = text.nfkc().map(fold_char).collect();
    words_by_chars(&folded)
}

/// [`words`] over text already folded, character by character.
fn words_by_chars(folded: &str) -> Vec<Word> {
    folded
        .split(|c: char| !(c.is_alphanumeric() || matches!(c, '\'' | '-' | '+' | '#')))
        .map(|w| w.trim_matches(|c| c == '-' || c == '\''))
        .filter(|w| !w.is_empty())
        .enumerate()
        .map(|(i, w)| {
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            Word {
                text: w.to_lowercase(),
                capitals: letters >= 2 && w.chars().all(|c| !c.is_lowercase()),
                name: i > 0 && w.chars().next().is_some_and(char::is_uppercase),
            }
        })
        .collect()
}

/// [`words`] for ASCII text, bytewise: the same split, trims and tests without decoding characters.
fn ascii_words(text: &str) -> Vec<Word> {
    let inside = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'\'' | b'-' | b'+' | b'#');
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 5 + 1);
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        while at < bytes.len() && inside(bytes[at]) {
            at += 1;
        }
        let word = text[start..at].trim_matches(|c| c == '-' || c == '\'');
        at += 1;
        if word.is_empty() {
            continue;
        }
        let letters = word.bytes().filter(u8::is_ascii_alphabetic).count();
        out.push(Word {
            text: word.to_ascii_lowercase(),
            capitals: letters >= 2 && !word.bytes().any(|b| b.is_ascii_lowercase()),
            name: !out.is_empty() && word.as_bytes()[0].is_ascii_uppercase(),
        });
    }
    out
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
        assert_eq!(
            terms("What tools do you use for monitoring?"),
            ["tool", "monitor"]
        );
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
        assert_eq!(terms("What is C++ used for?"), ["c++"]);
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
        assert_eq!(
            terms("What are the biggest challenges you've faced, and how did you overcome them?"),
            terms("What challenges have you faced?")
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
        /// The bytewise split of ASCII text is the character split.
        #[test]
        fn ascii_words_split_as_characters_do(text in "[a-zA-Z0-9 '+#?,.()/_-]{0,60}") {
            proptest::prop_assert_eq!(ascii_words(&text), words_by_chars(&text));
        }
    }
}
