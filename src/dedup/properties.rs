//! Property tests for duplicate detection: the candidate index finds exactly the pairs brute force
//! finds, the similarity score keeps its contract, `dedup` loses no card and places each exactly
//! once, and the outcome does not depend on the order the cards came in.
//!
//! Corpora of terms are drawn over a small alphabet so that overlaps, equal document frequencies and
//! identical questions are frequent. Cards are built directly, with realistic interview questions: a
//! few topics, each in several phrasings, under the framings interviewers use. Failures are not
//! persisted to a regressions file; run deeper with `PROPTEST_CASES=5000 cargo test --lib
//! dedup::properties::`.
//!
//! Properties that fail on a known bug in `src/` are `#[ignore]`d with the bug as the reason (run them
//! with `-- --ignored`). Where the bug needs a verb of intent or a name, a variant over questions
//! without them keeps the rest of the property checked.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestCaseError;

use crate::dedup::analyze::{Analyzer, Terms};
use crate::dedup::candidates::{Candidates, candidate_pairs};
use crate::dedup::merge::{Dedup, Keep, dedup};
use crate::dedup::similarity::{Corpus, reaches};
use crate::dedup::{NEAR_MISSES_PER_QUESTION, RELATED_MARGIN};
use crate::model::{Card, CardId, CardMap, DedupedCard, SourceRef};
use crate::test_support::proptest_config as config;

/// Loading the lexicon and building the maps: once per test binary, not per case.
static ANALYZER: LazyLock<Analyzer> = LazyLock::new(Analyzer::default);

// ---------------------------------------------------------------------------------------------------
// Corpora of terms.
// ---------------------------------------------------------------------------------------------------

/// Few enough terms that most questions share one, and many terms have the same document frequency
/// (so the same weight, to the bit).
const ALPHABET: &[&str] = &["a", "b", "c", "d", "e", "f", "g", "h"];

/// One question of a corpus before it is resolved: `kind` 0 is an empty question, 1 and 2 repeat the
/// terms of an earlier question (`of`), anything else is new. `intent` picks one of its own terms,
/// `names` is a bit mask over its terms, and so are `soft` (terms that weigh half there: a shared term
/// then weighs differently on the two sides) and `follow` (words of a follow-up clause, taken out of
/// the terms).
type QuestionSpec = (u8, Vec<&'static str>, Option<Index>, u8, Index, (u8, u8));

fn question_spec() -> impl Strategy<Value = QuestionSpec> {
    let mask = || prop_oneof![2 => Just(0u8), 1 => any::<u8>()];
    (
        0u8..10,
        prop::sample::subsequence(ALPHABET, 1..=5).prop_shuffle(),
        prop::option::weighted(0.4, any::<Index>()),
        mask(),
        any::<Index>(),
        (mask(), mask()),
    )
}

/// Resolves specs to terms. Without `meta`, no question has an intent or names.
fn resolve(specs: &[QuestionSpec], meta: bool) -> Vec<Terms> {
    let mut out: Vec<Terms> = Vec::new();
    for (kind, fresh, intent, names, of, (soft, follow)) in specs {
        let terms: Vec<String> = match kind {
            0 => Vec::new(),
            // A repeat, in reverse order: the order of terms must not matter either.
            1 | 2 if !out.is_empty() => out[of.index(out.len())]
                .terms
                .iter()
                .rev()
                .cloned()
                .collect(),
            _ => fresh.iter().map(|t| (*t).to_owned()).collect(),
        };
        let intent = intent
            .filter(|_| meta && !terms.is_empty())
            .map(|i| i.get(&terms).clone());
        let masked = |mask: u8| -> Vec<String> {
            terms
                .iter()
                .enumerate()
                .filter(|&(k, _)| meta && mask & (1 << k) != 0)
                .map(|(_, t)| t.clone())
                .collect()
        };
        let (names, soft, follow) = (masked(*names), masked(*soft), masked(*follow));
        // Follow-up words are not terms.
        let terms = terms.into_iter().filter(|t| !follow.contains(t)).collect();
        let names = names.into_iter().filter(|t| !follow.contains(t)).collect();
        let soft = soft.into_iter().filter(|t| !follow.contains(t)).collect();
        let intent = intent.filter(|i| !follow.contains(i));
        out.push(Terms {
            terms,
            intent,
            names,
            soft,
            follow,
            ..Terms::default()
        });
    }
    out
}

/// Corpora of up to 30 questions, with intents and names when `meta`.
fn corpus_terms(meta: bool) -> impl Strategy<Value = Vec<Terms>> {
    prop::collection::vec(question_spec(), 0..30).prop_map(move |specs| resolve(&specs, meta))
}

/// Floors across the range, and round ones that scores can hit exactly.
fn floor() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.3f64..0.95,
        select(&[0.3, 0.4, 0.5, 0.6, 0.65, 0.75, 0.8, 0.9][..]),
    ]
}

/// Question pairs `(a, b, score)`, `a < b`, from the candidates: pairs inside a group score 1, a pair
/// of groups expands to every pair of their members.
fn expanded(c: &Candidates) -> Vec<(usize, usize, f64)> {
    let mut pairs = Vec::new();
    for g in &c.groups {
        for (k, &a) in g.iter().enumerate() {
            pairs.extend(g[k + 1..].iter().map(|&b| (a, b, 1.0)));
        }
    }
    for &(g, h, score) in &c.pairs {
        for &a in &c.groups[g] {
            pairs.extend(c.groups[h].iter().map(|&b| (a.min(b), a.max(b), score)));
        }
    }
    pairs.sort_by_key(|&(a, b, _)| (a, b));
    pairs
}

/// Every pair `a < b` scoring at least `floor`, compared directly.
fn brute_force(corpus: &Corpus, floor: f64) -> Vec<(usize, usize, f64)> {
    let mut pairs = Vec::new();
    for a in 0..corpus.len() {
        for b in a + 1..corpus.len() {
            let score = corpus.score_of(a, b);
            if reaches(score, floor) {
                pairs.push((a, b, score));
            }
        }
    }
    pairs
}

/// The groups partition the questions, ascending inside and in order of their first question; a
/// group of more than one holds questions with the same terms weighing something, and questions in
/// different groups differ unless they weigh nothing.
fn check_groups(corpus: &Corpus, c: &Candidates) -> Result<(), TestCaseError> {
    let mut seen: Vec<usize> = c.groups.iter().flatten().copied().collect();
    seen.sort_unstable();
    prop_assert_eq!(seen, (0..corpus.len()).collect::<Vec<_>>());
    for g in &c.groups {
        prop_assert!(
            !g.is_empty() && g.windows(2).all(|w| w[0] < w[1]),
            "{:?}",
            g
        );
        if g.len() > 1 {
            prop_assert!(
                corpus.total_weight(g[0]) > 0.0,
                "questions weighing nothing grouped: {:?}",
                g
            );
        }
        // A group holds questions that are judged alike with everyone: same terms, intent, names
        // and shape.
        for &q in g {
            prop_assert_eq!(corpus.doc(q), corpus.doc(g[0]), "group {:?}", g);
            prop_assert_eq!(corpus.marks(q), corpus.marks(g[0]), "group {:?}", g);
            prop_assert_eq!(corpus.shape(q), corpus.shape(g[0]), "group {:?}", g);
        }
    }
    prop_assert!(c.groups.windows(2).all(|w| w[0][0] < w[1][0]));
    for (k, g) in c.groups.iter().enumerate() {
        for h in &c.groups[k + 1..] {
            let (a, b) = (corpus.doc(g[0]), corpus.doc(h[0]));
            prop_assert!(
                a != b
                    || corpus.total_weight(g[0]) <= 0.0
                    || corpus.marks(g[0]) != corpus.marks(h[0])
                    || corpus.shape(g[0]) != corpus.shape(h[0]),
                "groups {:?} and {:?} have the same terms, intent, names and shape",
                g,
                h
            );
        }
    }
    Ok(())
}

/// The candidates, expanded, are exactly the brute-force pairs, with the same scores.
fn check_candidates_exact(terms: &[Terms], floor: f64) -> Result<(), TestCaseError> {
    let corpus = Corpus::new(terms.iter().cloned());
    let candidates = candidate_pairs(&corpus, floor);
    check_groups(&corpus, &candidates)?;
    prop_assert!(
        candidates
            .pairs
            .windows(2)
            .all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1))
    );
    prop_assert!(candidates.pairs.iter().all(|&(g, h, _)| g < h));
    let found = expanded(&candidates);
    let wanted = brute_force(&corpus, floor);
    let key = |p: &[(usize, usize, f64)]| p.iter().map(|&(a, b, _)| (a, b)).collect::<Vec<_>>();
    let (found_pairs, wanted_pairs) = (key(&found), key(&wanted));
    let missed: Vec<_> = wanted
        .iter()
        .filter(|p| !found_pairs.contains(&(p.0, p.1)))
        .collect();
    let extra: Vec<_> = found
        .iter()
        .filter(|p| !wanted_pairs.contains(&(p.0, p.1)))
        .collect();
    prop_assert!(
        missed.is_empty() && extra.is_empty(),
        "floor {}: missed {:?}, extra {:?}",
        floor,
        missed,
        extra
    );
    for (f, w) in found.iter().zip(&wanted) {
        prop_assert!(
            (f.2 - w.2).abs() <= 1e-12,
            "floor {}: pair ({}, {}) scored {} by the index, {} by score_of",
            floor,
            f.0,
            f.1,
            f.2,
            w.2
        );
    }
    Ok(())
}

fn term_set(t: &Terms) -> BTreeSet<&str> {
    t.terms.iter().map(String::as_str).collect()
}

// ---------------------------------------------------------------------------------------------------
// 1. Candidate generation is exact.
// ---------------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(512))]

    /// Questions with intents and names, identical questions and empty ones: `candidate_pairs`
    /// expanded to question pairs is the brute-force list of pairs scoring at least the floor, with
    /// the same scores.
    #[test]

    fn candidate_pairs_are_exactly_the_brute_force_pairs(
        terms in corpus_terms(true),
        floor in floor(),
    ) {
        check_candidates_exact(&terms, floor)?;
    }

    /// The same without intents or names, at floors that scores meet exactly (equal weights make
    /// scores such as 0.8 exact).
    #[test]

    fn candidate_pairs_keep_pairs_scoring_exactly_the_floor(
        terms in corpus_terms(false),
        floor in select(&[0.3, 0.4, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9][..]),
    ) {
        check_candidates_exact(&terms, floor)?;
    }

    /// Without intents or names, at floors drawn from the range.
    #[test]
    fn candidate_pairs_are_exactly_the_brute_force_pairs_without_intents_or_names(
        terms in corpus_terms(false),
        floor in 0.3f64..0.95,
    ) {
        check_candidates_exact(&terms, floor)?;
    }
}

// ---------------------------------------------------------------------------------------------------
// 2. The score's contract.
// ---------------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(512))]

    /// Every score is in [0, 1]; 1 for the same terms (whatever the intents and names), 0
    /// when nothing is shared; `compare` gives the same score as `score_of`, and splits the terms into
    /// shared and each side's own.
    #[test]
    fn score_is_in_unit_interval_one_for_same_terms_zero_for_disjoint(terms in corpus_terms(true)) {
        let corpus = Corpus::new(terms.iter().cloned());
        for a in 0..corpus.len() {
            for b in 0..corpus.len() {
                let score = corpus.score_of(a, b);
                let (ta, tb) = (term_set(&terms[a]), term_set(&terms[b]));
                prop_assert!((0.0..=1.0).contains(&score), "score_of({}, {}) = {}", a, b, score);
                if ta == tb && !ta.is_empty() {
                    prop_assert_eq!(score, 1.0, "same terms {:?}", ta);
                }
                if ta.is_disjoint(&tb) {
                    prop_assert_eq!(score, 0.0, "{:?} and {:?} share nothing", ta, tb);
                }
                let cmp = corpus.compare(a, b);
                prop_assert_eq!(cmp.score.to_bits(), score.to_bits());
                let ids = |t: &BTreeSet<&str>| -> BTreeSet<u32> {
                    t.iter().filter_map(|s| corpus.id(s)).collect()
                };
                let (ia, ib) = (ids(&ta), ids(&tb));
                prop_assert_eq!(cmp.shared, ia.intersection(&ib).copied().collect::<Vec<_>>());
                prop_assert_eq!(cmp.only_a, ia.difference(&ib).copied().collect::<Vec<_>>());
                prop_assert_eq!(cmp.only_b, ib.difference(&ia).copied().collect::<Vec<_>>());
            }
        }
    }

    /// `score_of(a, b) == score_of(b, a)`, to the bit, with intents and names.
    #[test]

    fn score_is_symmetric(terms in corpus_terms(true)) {
        check_symmetric(&terms)?;
    }

    /// The same without intents or names.
    #[test]
    fn score_is_symmetric_without_intents_or_names(terms in corpus_terms(false)) {
        check_symmetric(&terms)?;
    }
}

fn check_symmetric(terms: &[Terms]) -> Result<(), TestCaseError> {
    let corpus = Corpus::new(terms.iter().cloned());
    for a in 0..corpus.len() {
        for b in a + 1..corpus.len() {
            let (ab, ba) = (corpus.score_of(a, b), corpus.score_of(b, a));
            prop_assert_eq!(
                ab.to_bits(),
                ba.to_bits(),
                "score_of({}, {}) = {} but score_of({}, {}) = {}\n{:?}\n{:?}",
                a,
                b,
                ab,
                b,
                a,
                ba,
                terms[a],
                terms[b]
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------------
// Cards.
// ---------------------------------------------------------------------------------------------------

/// Topics, each in a few phrasings that a reader would call the same question. Each has at least one
/// phrasing in lower case; some differ only in case, which changes names but not terms.
const TOPICS: &[&[&str]] = &[
    &[
        "data consistency in distributed systems",
        "consistency of data across distributed systems",
        "data consistency",
    ],
    &[
        "overfitting",
        "overfitting in machine learning models",
        "model overfitting",
    ],
    &["technical debt", "tech debt in a large codebase"],
    &[
        "database schema migrations",
        "schema migrations",
        "migrations in production databases",
    ],
    &["flaky tests", "flaky integration tests"],
    &[
        "memory leaks in Java services",
        "memory leaks in java services",
        "memory leaks",
        "Java memory leaks",
    ],
    &[
        "REST API versioning",
        "versioning of public APIs",
        "versioning of public endpoints",
        "API versioning",
    ],
    &[
        "conflicts with teammates",
        "disagreements within your team",
        "team conflicts",
    ],
    &["CI/CD pipelines", "continuous integration pipelines"],
    &[
        "caching in web applications",
        "cache invalidation",
        "caching",
    ],
];

/// Interview framings; `{}` is the topic. The first two give the question a verb of intent.
const FRAMES: &[&str] = &[
    "How do you prevent {}?",
    "How would you reduce {}?",
    "Can you explain {}?",
    "How do you handle {}?",
    "What strategies do you use for {}?",
    "Describe your experience with {}.",
    "What is {}?",
    "Tell me about {}.",
    "{}?",
    "What are the best practices for {}?",
];

/// How many of [`FRAMES`] give a verb of intent.
const INTENT_FRAMES: usize = 2;

const ANSWER_WORDS: &[&str] = &[
    "we",
    "measured",
    "the",
    "latency",
    "first",
    "and",
    "then",
    "changed",
    "one",
    "setting",
    "at",
    "a",
    "time",
    "trade-off",
    "is",
    "storage",
    "versus",
    "speed",
    "rollback",
    "plan",
    "review",
];

const EXAMPLES: &[&str] = &[
    "We moved the nightly report to a queue.",
    "Our checkout page went from 4 s to 2 s.",
    "I paired with the designer for an afternoon.",
];

const FILES: &[&str] = &["a.md", "b.txt", "notes/c.md"];

/// Realistic questions. `plain` ones have no capitals inside and no verb of intent, so their terms
/// carry no intents or names.
fn question(plain: bool) -> impl Strategy<Value = String> {
    let frames = if plain {
        &FRAMES[INTENT_FRAMES..]
    } else {
        FRAMES
    };
    (select(TOPICS), any::<Index>(), select(frames)).prop_map(move |(topic, variant, frame)| {
        let variants: Vec<&str> = topic
            .iter()
            .copied()
            .filter(|v| !plain || !v.chars().any(char::is_uppercase))
            .collect();
        let text = frame.replace("{}", variant.get::<&str>(&variants));
        // A topic that opens the question is capitalised, as people write it.
        let mut chars = text.chars();
        chars.next().map_or_else(String::new, |c| {
            c.to_uppercase().chain(chars).collect::<String>()
        })
    })
}

/// One card before ids and positions: question, answer, example, file, gap before it.
type CardSpec = (String, String, Option<String>, usize, usize);

fn card_spec(plain: bool) -> impl Strategy<Value = CardSpec> {
    (
        question(plain),
        prop::collection::vec(select(ANSWER_WORDS), 0..30).prop_map(|w| w.join(" ")),
        prop::option::weighted(0.3, select(EXAMPLES).prop_map(str::to_owned)),
        0..FILES.len(),
        0usize..40,
    )
}

/// Cards with distinct ids and increasing positions in each file.
fn build_cards(specs: Vec<CardSpec>) -> Vec<Card> {
    let mut next: BTreeMap<usize, (usize, usize)> = BTreeMap::new();
    specs
        .into_iter()
        .enumerate()
        .map(|(i, (question, answer, example, file, gap))| {
            let (offset, line) = next.entry(file).or_insert((0, 1));
            let length = question.len() + answer.len() + 2;
            let source = SourceRef {
                file: FILES[file].to_owned(),
                line: *line + gap % 3,
                end_line: *line + gap % 3 + 1,
                offset: *offset + gap,
                length,
            };
            *offset += gap + length + 1;
            *line += gap % 3 + 3;
            Card {
                id: CardId(format!("{i:016x}")),
                question,
                answer,
                example,
                section: None,
                tags: Vec::new(),
                source,
                map: CardMap::default(),
            }
        })
        .collect()
}

fn cards(plain: bool) -> impl Strategy<Value = Vec<Card>> {
    prop::collection::vec(card_spec(plain), 0..40).prop_map(build_cards)
}

fn keep() -> impl Strategy<Value = Keep> {
    select(&[Keep::First, Keep::LongestAnswer, Keep::MostComplete][..])
}

/// Mostly the default margin; sometimes none (no near misses), sometimes another.
fn margin() -> impl Strategy<Value = f64> {
    prop_oneof![3 => Just(RELATED_MARGIN), 1 => Just(0.0), 1 => 0.0f64..0.3]
}

fn answer_words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// What the policy prefers, smallest first: for `First` the earliest position, for the others the
/// most words. Ties go by position either way.
fn preference(card: &Card, keep: Keep) -> (std::cmp::Reverse<usize>, &str, usize) {
    let example = card.example.as_deref().map_or(0, answer_words);
    let words = match keep {
        Keep::First => 0,
        Keep::LongestAnswer => answer_words(&card.answer),
        Keep::MostComplete => answer_words(&card.answer) + example,
    };
    (
        std::cmp::Reverse(words),
        card.source.file.as_str(),
        card.source.offset,
    )
}

/// Every card is kept exactly once, with its own fields, on the card its canonical index names;
/// merges and `canonical_of` agree; members' scores meet the threshold; the canonical is the card the
/// policy prefers; near misses are under the threshold, within the margin, across clusters.
fn check_dedup(
    cards: &[Card],
    threshold: f64,
    keep: Keep,
    margin: f64,
) -> Result<(), TestCaseError> {
    let result: Dedup = dedup(cards, &ANALYZER, threshold, keep, margin);
    let n = cards.len();
    prop_assert_eq!(result.canonical_of.len(), n);
    let by_id: BTreeMap<&CardId, usize> =
        cards.iter().enumerate().map(|(i, c)| (&c.id, i)).collect();

    // Exactly once, nothing lost.
    let deduped: Vec<DedupedCard> = result.cards(cards);
    let mut placed: BTreeMap<usize, usize> = BTreeMap::new();
    for d in &deduped {
        let Some(&i) = by_id.get(&d.card.id) else {
            return Err(TestCaseError::fail(format!("unknown id {}", d.card.id)));
        };
        prop_assert_eq!(&d.card, &cards[i]);
        prop_assert_eq!(
            result.canonical_of[i],
            i,
            "card {} is deduped but not canonical",
            i
        );
        *placed.entry(i).or_default() += 1;
        for alt in &d.alternates {
            let Some(&m) = by_id.get(&alt.id) else {
                return Err(TestCaseError::fail(format!("unknown id {}", alt.id)));
            };
            let card = &cards[m];
            prop_assert_eq!(
                (&alt.question, &alt.answer, &alt.example, &alt.source),
                (&card.question, &card.answer, &card.example, &card.source)
            );
            prop_assert_eq!(result.canonical_of[m], i, "card {} listed under {}", m, i);
            *placed.entry(m).or_default() += 1;
        }
    }
    for i in 0..n {
        prop_assert_eq!(
            placed.get(&i).copied(),
            Some(1),
            "card {} placed {:?} times",
            i,
            placed.get(&i)
        );
    }

    // canonical_of names a canonical, and merges say the same.
    for (i, &c) in result.canonical_of.iter().enumerate() {
        prop_assert!(
            c < n && result.canonical_of[c] == c,
            "canonical_of[{}] = {} is not canonical",
            i,
            c
        );
    }
    let mut merged: BTreeSet<usize> = BTreeSet::new();
    for merge in &result.merges {
        let c = merge.canonical;
        prop_assert!(!merge.members.is_empty());
        prop_assert_eq!(result.canonical_of[c], c);
        for member in &merge.members {
            let m = member.card;
            prop_assert!(m != c && merged.insert(m), "card {} merged twice", m);
            prop_assert_eq!(result.canonical_of[m], c);
            prop_assert!(
                reaches(member.score, threshold),
                "{:?} merged into {:?} at {} < {}",
                cards[m].question,
                cards[c].question,
                member.score,
                threshold
            );
            prop_assert!(
                preference(&cards[c], keep) <= preference(&cards[m], keep),
                "{:?} kept over {:?}",
                cards[c],
                cards[m]
            );
            if keep == Keep::LongestAnswer {
                prop_assert!(answer_words(&cards[c].answer) >= answer_words(&cards[m].answer));
            }
        }
    }
    let not_canonical: BTreeSet<usize> = (0..n).filter(|&i| result.canonical_of[i] != i).collect();
    prop_assert_eq!(merged, not_canonical);

    // Near misses.
    let floor = (threshold - margin).max(0.05);
    for miss in &result.near_misses {
        // Under the threshold, or above it and kept apart by a veto.
        prop_assert!(
            (miss.veto.is_some() || !reaches(miss.score, threshold)) && reaches(miss.score, floor),
            "{:?}",
            miss
        );
        prop_assert_ne!(result.canonical_of[miss.a], result.canonical_of[miss.b]);
    }
    if margin == 0.0 {
        prop_assert!(result.near_misses.is_empty());
    }
    // Each card in at most a few, its closest.
    let mut listed = vec![0; n];
    for miss in &result.near_misses {
        listed[miss.a] += 1;
        listed[miss.b] += 1;
    }
    prop_assert!(
        listed.iter().all(|&k| k <= NEAR_MISSES_PER_QUESTION),
        "{:?}",
        listed
    );
    Ok(())
}

/// Every member scores at least the threshold against its canonical, recomputed with a fresh corpus
/// over the same questions, from either side.
fn check_members_against_canonical(
    cards: &[Card],
    threshold: f64,
    keep: Keep,
) -> Result<(), TestCaseError> {
    let result = dedup(cards, &ANALYZER, threshold, keep, RELATED_MARGIN);
    let corpus = Corpus::new(cards.iter().map(|c| ANALYZER.terms(&c.question)));
    for merge in &result.merges {
        let c = merge.canonical;
        for member in &merge.members {
            let m = member.card;
            let score = corpus.score_of(c, m).min(corpus.score_of(m, c));
            prop_assert!(
                reaches(score, threshold),
                "{:?} merged into {:?} but scores {} < {} against it (recorded {})",
                cards[m].question,
                cards[c].question,
                score,
                threshold,
                member.score
            );
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------------
// 3. Lossless and exactly once.
// ---------------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn dedup_keeps_every_card_exactly_once(
        cards in cards(false),
        threshold in 0.4f64..0.95,
        keep in keep(),
        margin in margin(),
    ) {
        check_dedup(&cards, threshold, keep, margin)?;
    }

    #[test]

    fn dedup_members_score_at_least_the_threshold_against_their_canonical(
        cards in cards(false),
        threshold in 0.4f64..0.95,
        keep in keep(),
    ) {
        check_members_against_canonical(&cards, threshold, keep)?;
    }

    /// Without intents or names.
    #[test]
    fn dedup_members_score_at_least_the_threshold_against_their_canonical_without_intents_or_names(
        cards in cards(true),
        threshold in 0.4f64..0.95,
        keep in keep(),
    ) {
        check_members_against_canonical(&cards, threshold, keep)?;
    }

    /// The margin only decides which near misses are listed: merges are the same with none.
    #[test]
    fn dedup_merges_do_not_depend_on_the_related_margin(
        cards in cards(false),
        threshold in prop_oneof![0.4f64..0.95, select(&[0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9][..])],
        keep in keep(),
        margin in 0.0f64..0.3,
    ) {
        let with = dedup(&cards, &ANALYZER, threshold, keep, margin);
        let without = dedup(&cards, &ANALYZER, threshold, keep, 0.0);
        prop_assert_eq!(with.canonical_of, without.canonical_of);
        prop_assert_eq!(with.merges, without.merges);
    }
}

// ---------------------------------------------------------------------------------------------------
// 4. Order independence.
// ---------------------------------------------------------------------------------------------------

/// Clusters as canonical id → every member id (the canonical included), each member's recorded
/// score, near misses as `(lower id, higher id, score bits)`, and near misses as pairs of their
/// clusters' canonical ids with the score.
struct Outcome {
    clusters: BTreeMap<CardId, BTreeSet<CardId>>,
    scores: BTreeMap<CardId, u64>,
    near_misses: BTreeSet<(CardId, CardId, u64)>,
    near_clusters: Vec<(CardId, CardId, u64)>,
}

fn outcome(cards: &[Card], threshold: f64, keep: Keep) -> Outcome {
    let result = dedup(cards, &ANALYZER, threshold, keep, RELATED_MARGIN);
    let id = |i: usize| cards[i].id.clone();
    let ordered = |a: CardId, b: CardId, score: f64| {
        let bits = score.to_bits();
        if a <= b { (a, b, bits) } else { (b, a, bits) }
    };
    let mut clusters: BTreeMap<CardId, BTreeSet<CardId>> = BTreeMap::new();
    for (i, &c) in result.canonical_of.iter().enumerate() {
        clusters.entry(id(c)).or_default().insert(id(i));
    }
    let mut near_clusters: Vec<_> = result
        .near_misses
        .iter()
        .map(|n| {
            let canonical = |i: usize| id(result.canonical_of[i]);
            ordered(canonical(n.a), canonical(n.b), n.score)
        })
        .collect();
    near_clusters.sort();
    Outcome {
        clusters,
        scores: result
            .merges
            .iter()
            .flat_map(|m| &m.members)
            .map(|m| (id(m.card), m.score.to_bits()))
            .collect(),
        near_misses: result
            .near_misses
            .iter()
            .map(|n| ordered(id(n.a), id(n.b), n.score))
            .collect(),
        near_clusters,
    }
}

/// Cards, and the same cards shuffled.
fn shuffled_cards(plain: bool) -> impl Strategy<Value = (Vec<Card>, Vec<Card>)> {
    cards(plain).prop_flat_map(|cards| (Just(cards.clone()), Just(cards).prop_shuffle()))
}

/// `plain` cards really have no intents or names: what the `plain` properties rely on.
fn check_plain(cards: &[Card]) -> Result<(), TestCaseError> {
    for card in cards {
        let terms = ANALYZER.terms(&card.question);
        prop_assert!(
            terms.intent.is_none() && terms.names.is_empty(),
            "{:?}: {:?}",
            card.question,
            terms
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(128))]

    /// The same clusters (as sets of ids) with the same canonical and the same member scores.
    #[test]

    fn dedup_clusters_do_not_depend_on_input_order(
        (cards, shuffled) in shuffled_cards(false),
        threshold in 0.4f64..0.95,
        keep in keep(),
    ) {
        let (before, after) = (outcome(&cards, threshold, keep), outcome(&shuffled, threshold, keep));
        prop_assert_eq!(before.clusters, after.clusters);
        prop_assert_eq!(before.scores, after.scores);
    }

    /// The same without intents or names.
    #[test]
    fn dedup_clusters_do_not_depend_on_input_order_without_intents_or_names(
        (cards, shuffled) in shuffled_cards(true),
        threshold in 0.4f64..0.95,
        keep in keep(),
    ) {
        check_plain(&cards)?;
        let (before, after) = (outcome(&cards, threshold, keep), outcome(&shuffled, threshold, keep));
        prop_assert_eq!(before.clusters, after.clusters);
        prop_assert_eq!(before.scores, after.scores);
    }

    /// The same near misses, as pairs of ids with their scores (without intents or names, so only
    /// the near misses themselves are in question).
    #[test]

    fn dedup_near_misses_do_not_depend_on_input_order(
        (cards, shuffled) in shuffled_cards(true),
        threshold in 0.4f64..0.95,
        keep in keep(),
    ) {
        check_plain(&cards)?;
        let (before, after) = (outcome(&cards, threshold, keep), outcome(&shuffled, threshold, keep));
        prop_assert_eq!(before.near_misses, after.near_misses);
    }

    /// The same near misses between the same clusters, with the same scores.
    #[test]
    fn dedup_near_misses_relate_the_same_clusters_whatever_the_input_order(
        (cards, shuffled) in shuffled_cards(true),
        threshold in 0.4f64..0.95,
        keep in keep(),
    ) {
        check_plain(&cards)?;
        let (before, after) = (outcome(&cards, threshold, keep), outcome(&shuffled, threshold, keep));
        prop_assert_eq!(before.near_clusters, after.near_clusters);
    }
}
