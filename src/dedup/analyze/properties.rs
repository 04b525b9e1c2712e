//! Property test for question analysis: the corpus `Analyzer::corpus_of` builds straight from the
//! questions (term ids, each distinct word analysed once) is the corpus built from the terms
//! `Analyzer::terms` gives each question, term for term and weight for weight.
//!
//! Questions are drawn from pieces that exercise every step: interview framing and trailing clauses,
//! verbs of intent, stop words, capitals and names, contractions, hyphenated words and fixed
//! expressions, spellings and synonyms, digits and punctuation, and non-ASCII text (NFKC, typographic
//! quotes and dashes, accents). Run deeper with `PROPTEST_CASES=5000 cargo test --lib
//! dedup::analyze::properties::`.

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

use crate::dedup::analyze::Analyzer;
use crate::dedup::similarity::Corpus;
use crate::test_support::proptest_config as config;

const PIECES: &[&str] = &[
    // Framing, intent frames and trailing clauses, in several cases.
    "how do you",
    "How do you",
    "HOW DO YOU",
    "what is",
    "What is",
    "What's",
    "What’s",
    "can you explain",
    "Can you",
    "walk me through",
    "tell me about a time",
    "what strategies do you use to",
    "what are some ways to",
    "in your experience",
    "and how did you overcome them",
    "in production",
    "that you build",
    // Topic words, stop words, verbs of intent, synonyms and spellings.
    "prevent",
    "ensure",
    "stop",
    "tell",
    "the",
    "a",
    "of",
    "and",
    "not",
    "data",
    "consistency",
    "distributed",
    "systems",
    "system",
    "overfitting",
    "index",
    "indexes",
    "optimise",
    "optimize",
    "Optimisation",
    "behaviour",
    "k8s",
    "Kubernetes",
    "db",
    "pg",
    "ML",
    "cicd",
    // Capitals and names.
    "CORS",
    "API",
    "I",
    "WHERE",
    "HAVING",
    "Java",
    "java",
    "JAVA",
    "Go",
    "PostgreSQL",
    // Contractions, hyphens, fixed expressions, inner punctuation.
    "don't",
    "can't",
    "won't",
    "cannot",
    "system's",
    "you've",
    "we'll",
    "'quoted'",
    "cache-aside",
    "Cache-Aside",
    "inter-service",
    "trade-off",
    "one-to-many",
    "many-to-many",
    "end-to-end",
    "-leading",
    "trailing-",
    "a--b",
    "c++",
    "C#",
    "node.js",
    // Digits.
    "2024",
    "p99",
    "x2",
    "HTTP/2",
    // Non-ASCII: accents, NFKC forms, typographic quotes and dashes, a final sigma, a backtick.
    "café",
    "Café",
    "CAFÉ",
    "naïve",
    "Straße",
    "STRASSE",
    "ﬁle",
    "Ｑｕｅｒｙ",
    "don’t",
    "‘single’",
    "“double”",
    "cache‐aside",
    "ΟΔΟΣ",
    "`code`",
    "Ⅸ",
];

const SEPARATORS: &[&str] = &[
    " ", " ", " ", " ", ", ", "? ", ". ", "/", " (", ") ", " — ", "-", "'", "\t", " … ",
];

fn question() -> impl Strategy<Value = String> {
    (
        prop::collection::vec((select(PIECES), select(SEPARATORS)), 0..10),
        select(&["", "?", ".", "!", " "][..]),
    )
        .prop_map(|(pieces, end)| {
            let mut q: String = pieces.into_iter().map(|(p, s)| format!("{p}{s}")).collect();
            q.truncate(q.trim_end().len());
            q.push_str(end);
            q
        })
}

/// Everything a corpus holds, by term rather than by id, so two corpora compare whatever their ids.
#[derive(Debug, PartialEq)]
struct Contents {
    terms: Vec<String>,
    df: BTreeMap<String, u32>,
    docs: Vec<Vec<String>>,
    intent: Vec<Option<String>>,
    names: Vec<Vec<String>>,
    weights: Vec<u64>,
    totals: Vec<u64>,
}

fn contents(corpus: &Corpus) -> Contents {
    let ids = || 0..u32::try_from(corpus.term_count()).expect("few terms");
    let words =
        |ids: &[u32]| -> Vec<String> { ids.iter().map(|&t| corpus.term(t).to_owned()).collect() };
    Contents {
        terms: ids().map(|t| corpus.term(t).to_owned()).collect(),
        df: ids()
            .map(|t| (corpus.term(t).to_owned(), corpus.df(t)))
            .collect(),
        docs: (0..corpus.len()).map(|i| words(corpus.doc(i))).collect(),
        intent: (0..corpus.len())
            .map(|i| corpus.marks(i).0.map(|t| corpus.term(t).to_owned()))
            .collect(),
        names: (0..corpus.len())
            .map(|i| words(corpus.marks(i).1))
            .collect(),
        weights: ids().map(|t| corpus.weight(t).to_bits()).collect(),
        totals: (0..corpus.len())
            .map(|i| corpus.total_weight(i).to_bits())
            .collect(),
    }
}

fn check_same_corpus(analyzer: &Analyzer, questions: &[String]) -> Result<(), TestCaseError> {
    let fast = analyzer.corpus_of(questions.iter().map(String::as_str));
    let reference = Corpus::new(questions.iter().map(|q| analyzer.terms(q)));
    prop_assert_eq!(contents(&fast), contents(&reference));
    // The same ids too: ids decide tie-breaks downstream.
    for i in 0..fast.len() {
        prop_assert_eq!(fast.doc(i), reference.doc(i));
        prop_assert_eq!(fast.marks(i), reference.marks(i));
        prop_assert_eq!(fast.shape(i), reference.shape(i));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn the_corpus_of_questions_is_the_corpus_of_their_terms(
        questions in prop::collection::vec(question(), 0..40),
    ) {
        check_same_corpus(&Analyzer::default(), &questions)?;
    }

    /// The user's synonyms and framing take part in the analysis the same way.
    #[test]
    fn with_the_users_lexicon_too(questions in prop::collection::vec(question(), 0..20)) {
        let synonyms = BTreeMap::from([
            ("cors".to_owned(), "cross-origin resource sharing".to_owned()),
            ("café".to_owned(), "coffee shop".to_owned()),
            ("java".to_owned(), "jvm".to_owned()),
        ]);
        let framing = ["how do you explain".to_owned(), "what is the".to_owned()];
        check_same_corpus(&Analyzer::new(&synonyms, &framing), &questions)?;
    }
}

#[test]
fn hand_picked_questions_give_the_same_corpus() {
    let questions = [
        "How do you prevent overfitting?",
        "What is overfitting?",
        "Can you explain the CAP theorem?",
        "What is the difference between WHERE and HAVING?",
        "How do you handle errors in Java?",
        "Don't use cache-aside — or one-to-many?",
        "What’s the café’s “Straße”?",
        "",
        "?",
        "How do you",
        "What are the biggest challenges you've faced, and how did you overcome them?",
    ]
    .map(String::from);
    check_same_corpus(&Analyzer::default(), &questions).expect("the same corpus");
}
