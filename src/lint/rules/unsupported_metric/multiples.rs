//! Multiples written in words, and when each is a claim: "doubled the hit rate", "slashed costs by
//! half", "an order of magnitude faster" are; "test doubles", "const doubled = …", "doubles the
//! delay after each retry" and "doubled the replicas" are not.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::figures::{COMPARATIVE, MECHANISM, starts_with_one_of};
use super::regex;
use super::sentence::{OUTCOME, Sentence, has_word, is_one_of, words};

/// A multiple written in words: "doubles", "halved", "by half", "in half", "an order of magnitude
/// faster".
static MULTIPLE: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b(?:(?:doubl|tripl|quadrupl|halv)(?:ed|es|ing)\b|by\s+(?:(?:about|almost|nearly|roughly|more than|over)\s+)?(?:half|a third|a quarter|two[- ]thirds|three[- ]quarters|an? orders? of magnitude|(?:two|three) orders of magnitude)\b|in half\b|(?:an?|one|two|three) orders? of magnitude {COMPARATIVE}\b)"
    ))
});

/// What you provision rather than achieve: doubling one is an action, not an outcome.
#[rustfmt::skip]
const PROVISIONED: &[&str] = &[
    "memory", "ram", "heap", "cpu", "cpus", "core", "cores", "replica", "replicas", "node", "nodes",
    "instance", "instances", "server", "servers", "machine", "machines", "worker", "workers",
    "thread", "threads", "pod", "pods", "shard", "shards", "partition", "partitions", "pool",
    "size", "capacity", "timeout", "limit", "budget", "batch", "buffer", "interval", "delay", "ttl",
    "retries", "team", "headcount", "price",
];

/// Multiples written in words: "doubled the hit rate", "slashed costs by half". Never inside a
/// mechanism ("halves the range at each step"); "in half" only after a change ("cut costs in
/// half", not "split the list in half").
pub(super) fn multiples<'s>(sentence: &'s Sentence) -> impl Iterator<Item = Range<usize>> + 's {
    MULTIPLE.find_iter(sentence.text).filter_map(|whole| {
        let text = sentence.text;
        let written = whole.as_str();
        let shaped = if starts_with_one_of(written, &["doubl", "tripl", "quadrupl", "halv"]) {
            multiplying_verb_is_claim(text, whole.range())
        } else if written.eq_ignore_ascii_case("in half") {
            OUTCOME.is_match(sentence.clause_before(whole.start()))
        } else {
            true
        };
        let claim =
            shaped && !has_word(text, MECHANISM) && !sentence.is_context(whole.start(), true);
        claim.then(|| whole.range())
    })
}

/// A multiplying verb counts as a verb with an outcome for its object: not a noun ("test doubles
/// are"), an adjective ("a doubled value"), a name in code ("const doubled = …") or an action on
/// what was provisioned ("doubled the replicas").
fn multiplying_verb_is_claim(text: &str, verb: Range<usize>) -> bool {
    let word = text[verb.clone()].to_ascii_lowercase();
    let (before, after) = (&text[..verb.start], &text[verb.end..]);
    let next = words(after).next().unwrap_or("");
    let previous = words(before).next_back().unwrap_or("");
    let code_mark = |c: Option<char>| c.is_some_and(|c| "()[]{}_=".contains(c));
    let method =
        after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_alphabetic());
    let identifier = code_mark(after.trim_start().chars().next())
        || code_mark(before.chars().next_back())
        || before.ends_with('.')
        || method
        || is_one_of(previous, &["const", "let", "var", "fn", "def"]);
    // Prepositions and particles after the word: "doubles as", "doubled in size", "doubled down".
    let no_object = is_one_of(
        next,
        &[
            "in", "as", "up", "down", "over", "back", "and", "or", "with", "to", "for", "of", "on",
            "are", "is", "were", "was", "that", "which",
        ],
    );
    let verb_shape = if word.ends_with("es") {
        // The present needs an object: "doubles the hit rate"; "doubles." is a noun too often.
        // After an action as subject it states a rule: "Doubling the batch size halves the
        // number of steps".
        !next.is_empty() && !no_object && !opens_with_gerund(before)
    } else if word.ends_with("ing") {
        // A participle of result after a comma: "…, doubling the hit rate".
        before.trim_end().ends_with(',') && !no_object
    } else {
        !no_object && !is_one_of(previous, &["a", "an", "the"])
    };
    let provisioned = words(after).take(4).any(|w| is_one_of(w, PROVISIONED));
    verb_shape && !identifier && !provisioned
}

/// Whether `text` opens with a word in "-ing" ("Doubling the batch size …").
fn opens_with_gerund(text: &str) -> bool {
    words(text)
        .next()
        .is_some_and(|w| w.len() > 4 && w.to_ascii_lowercase().ends_with("ing"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_gerund_opening_makes_a_rule() {
        assert!(opens_with_gerund("Doubling the batch size "));
        assert!(!opens_with_gerund("The cache "));
        assert!(!opens_with_gerund("It "));
    }
}
