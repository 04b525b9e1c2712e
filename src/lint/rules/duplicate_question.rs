//! `duplicate-question`: a question asked again elsewhere, and a close question kept apart, as the
//! run's duplicate detection found them: the clusters `prep dedup` shows and `prep build` merges
//! (one detection per run, handed to the rule), and the near misses `prep dedup` lists as related.

use crate::dedup::merge::{Dedup, NearMiss};
use crate::lint::{Across, Field, Finding, Prose, Rule, RuleDoc};
use crate::model::{Card, Severity};

/// Reads the duplicate detection the run made, with `[dedup]`'s threshold, synonyms and framing.
pub struct DuplicateQuestion;

impl Rule for DuplicateQuestion {
    fn id(&self) -> &'static str {
        "duplicate-question"
    }

    fn default_level(&self) -> Severity {
        Severity::Info
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Points at questions asked more than once, in the same or other words, across all the files linted, and at close questions kept apart (the clusters and near misses of `prep dedup`, with `[dedup]`'s threshold, synonyms and framing).",
            why: "Repeats waste review time and split what you know about one question over several cards. `prep build` merges them without losing an answer; this rule makes them visible where you edit, and names the close pairs it did not merge with the words that differ, so you can tell whether they are one question.",
            bad: "## How do you ensure data consistency?\n…\n## What strategies do you use to handle data consistency?",
            good: "One card, with the other phrasing noted under \"also asked as\".",
            cases: &[],
        }
    }

    fn check(&self, _card: &Card, _prose: &Prose, _out: &mut Vec<Finding>) {}

    fn check_all(&self, across: &Across<'_>, out: &mut Vec<(usize, Finding)>) {
        let Some(duplicates) = across.duplicates else {
            return;
        };
        let cards = across.cards;
        repeats(cards, duplicates, out);
        for near in &duplicates.near_misses {
            out.push((
                near.a,
                kept_apart(cards, near, [near.a, near.b], [&near.only_a, &near.only_b]),
            ));
            out.push((
                near.b,
                kept_apart(cards, near, [near.b, near.a], [&near.only_b, &near.only_a]),
            ));
        }
    }
}

/// How many other places a repeat names. The rest are counted: a page that asks one question
/// 10,000 times gets 10,000 short findings, not 10,000 lists of 9,999 places (gigabytes of JSON).
const PLACES_NAMED: usize = 3;

/// Every member of a merged cluster points at the first few others, in source order, and counts
/// the rest.
fn repeats(cards: &[&Card], duplicates: &Dedup, out: &mut Vec<(usize, Finding)>) {
    let position = |i: usize| (&cards[i].source.file, cards[i].source.offset);
    for merge in &duplicates.merges {
        let mut members: Vec<usize> = std::iter::once(merge.canonical)
            .chain(merge.members.iter().map(|m| m.card))
            .collect();
        members.sort_by(|&a, &b| position(a).cmp(&position(b)));
        for &i in &members {
            // `take` stops the walk early, so each finding costs the same however large the cluster.
            let named: Vec<String> = members
                .iter()
                .filter(|&&j| j != i)
                .take(PLACES_NAMED)
                .map(|&j| cards[j].source.to_string())
                .collect();
            out.push((
                i,
                Finding {
                    field: Field::Question,
                    span: 0..cards[i].question.len(),
                    message: format!(
                        "the question is asked again at {}",
                        places(&named, members.len() - 1)
                    ),
                    help:
                        "`prep build` keeps one card with the others' answers; `prep dedup` shows \
                           why they merge"
                            .to_owned(),
                },
            ));
        }
    }
}

/// The named places, and how many of `total` are left unnamed: "a.md:3, a.md:9, a.md:14 and 9,996
/// more places".
fn places(named: &[String], total: usize) -> String {
    let list = named.join(", ");
    match total.saturating_sub(named.len()) {
        0 => list,
        1 => format!("{list} and 1 more place"),
        rest => format!("{list} and {} more places", thousands(rest)),
    }
}

/// A count with thousands separated by commas, as the rest of the messages are in English.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, digit) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The finding on card `here` of a near miss with card `there`: where the other is, why they stay
/// apart, and the words only each has.
fn kept_apart(
    cards: &[&Card],
    near: &NearMiss,
    [here, there]: [usize; 2],
    [only_here, only_there]: [&[String]; 2],
) -> Finding {
    let list = |words: &[String]| {
        if words.is_empty() {
            "-".to_owned()
        } else {
            words.join(", ")
        }
    };
    Finding {
        field: Field::Question,
        span: 0..cards[here].question.len(),
        message: format!(
            "a similar question at {} is not merged ({:.2}): {}",
            cards[there].source, near.score, near.why_not
        ),
        help: format!(
            "words only here: {}; only there: {}. If they are one question, ask it alike or add a \
             `[dedup] synonyms` entry",
            list(only_here),
            list(only_there)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dedup::analyze::Analyzer;
    use crate::dedup::merge::{Keep, dedup};
    use crate::lint::rules::test_support::card;

    fn findings(cards: &[Card]) -> Vec<(usize, String)> {
        let duplicates = dedup(cards, &Analyzer::default(), 0.65, Keep::First, 0.15);
        let refs: Vec<&Card> = cards.iter().collect();
        let mut out = Vec::new();
        DuplicateQuestion.check_all(
            &Across {
                cards: &refs,
                duplicates: Some(&duplicates),
            },
            &mut out,
        );
        out.into_iter().map(|(i, f)| (i, f.message)).collect()
    }

    #[test]
    fn every_member_of_a_cluster_points_at_the_others() {
        let mut a = card("How do you ensure data consistency?", "A.");
        let mut b = card(
            "What strategies do you use to handle data consistency?",
            "B.",
        );
        let c = card("What is a B-tree?", "C.");
        a.source.line = 3;
        b.source.line = 9;
        b.source.offset = 50;
        assert_eq!(
            findings(&[a, b, c]),
            [
                (0, "the question is asked again at t.md:9".to_owned()),
                (1, "the question is asked again at t.md:3".to_owned())
            ]
        );
    }

    #[test]
    fn a_large_cluster_names_three_places_and_counts_the_rest() {
        let cards: Vec<Card> = (0..6)
            .map(|k| {
                let mut c = card("How do you ensure data consistency?", "A.");
                c.source.line = 1 + 4 * k;
                c.source.offset = 100 * k;
                c
            })
            .collect();
        let found = findings(&cards);
        assert_eq!(found.len(), 6, "{found:?}");
        assert_eq!(
            found[0].1,
            "the question is asked again at t.md:5, t.md:9, t.md:13 and 2 more places"
        );
        assert_eq!(
            found[5].1,
            "the question is asked again at t.md:1, t.md:5, t.md:9 and 2 more places"
        );
    }

    #[test]
    fn the_count_of_unnamed_places_reads_as_english() {
        let named = ["a.md:3".to_owned()];
        assert_eq!(places(&named, 1), "a.md:3");
        assert_eq!(places(&named, 2), "a.md:3 and 1 more place");
        assert_eq!(places(&named, 9_997), "a.md:3 and 9,996 more places");
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn close_questions_kept_apart_point_at_each_other_with_the_reason() {
        let mut a = card("Why do you warm a cache after a deploy?", "A.");
        let mut b = card("How do you warm a cache after a deploy?", "B.");
        a.source.line = 3;
        b.source.line = 9;
        b.source.offset = 50;
        let found = findings(&[a, b]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0],
            (
                0,
                "a similar question at t.md:9 is not merged (1.00): they ask for different \
                 answers: why / how to do something"
                    .to_owned()
            )
        );
        assert_eq!(found[1].0, 1);
        assert!(
            found[1].1.starts_with("a similar question at t.md:3"),
            "{found:?}"
        );
    }

    #[test]
    fn without_the_run_s_detection_it_reports_nothing() {
        let a = card("How do you ensure data consistency?", "A.");
        let mut out = Vec::new();
        DuplicateQuestion.check_all(
            &Across {
                cards: &[&a, &a],
                duplicates: None,
            },
            &mut out,
        );
        assert!(out.is_empty());
    }
}
