//! `duplicate-question`: a question asked again elsewhere, found by the same duplicate detection as
//! `prep dedup` (with `[dedup]`'s threshold, synonyms and framing), pointing at the other members of
//! its cluster.

use std::collections::BTreeMap;

use crate::dedup::analyze::Analyzer;
use crate::dedup::cluster::cluster;
use crate::lint::{Field, Finding, Level, Prose, Rule, RuleDoc};
use crate::model::Card;

/// Uses the duplicate detection of `prep dedup` with `[dedup]`'s threshold, synonyms and framing
/// phrases (the defaults when unset).
pub struct DuplicateQuestion {
    pub threshold: f64,
    pub synonyms: BTreeMap<String, String>,
    pub framing: Vec<String>,
}

impl Rule for DuplicateQuestion {
    fn id(&self) -> &'static str {
        "duplicate-question"
    }

    fn default_level(&self) -> Level {
        Level::Info
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Points at questions asked more than once, in the same or other words, across all the files linted (with `[dedup]`'s threshold, synonyms and framing).",
            why: "Repeats waste review time and split what you know about one question over several cards. `prep dedup` shows the clusters and merges them without losing an answer; this rule makes them visible where you edit.",
            bad: "## How do you ensure data consistency?\n…\n## What strategies do you use to handle data consistency?",
            good: "One card, with the other phrasing noted under \"also asked as\".",
        }
    }

    fn check(&self, _card: &Card, _prose: &Prose, _out: &mut Vec<Finding>) {}

    fn check_all(&self, cards: &[&Card], out: &mut Vec<(usize, Finding)>) {
        let analyzer = Analyzer::new(&self.synonyms, &self.framing);
        let corpus = analyzer.corpus_of(cards.iter().map(|c| c.question.as_str()));
        let mut order: Vec<usize> = (0..cards.len()).collect();
        order.sort_by(|&a, &b| {
            (&cards[a].source.file, cards[a].source.offset)
                .cmp(&(&cards[b].source.file, cards[b].source.offset))
        });
        // Each card's place in source order, to sort cluster members without searching `order`.
        let mut rank = vec![0; cards.len()];
        for (position, &i) in order.iter().enumerate() {
            rank[i] = position;
        }
        let threshold = self.threshold;
        let clustering = cluster(&corpus, &order, threshold, threshold);
        let place = |card: &Card| format!("{}:{}", card.source.file, card.source.line);
        for c in clustering.clusters.iter().filter(|c| !c.members.is_empty()) {
            let mut members: Vec<usize> = std::iter::once(c.canonical)
                .chain(c.members.iter().map(|m| m.0))
                .collect();
            members.sort_by_key(|&i| rank[i]);
            for &i in &members {
                let others: Vec<String> = members
                    .iter()
                    .filter(|&&j| j != i)
                    .map(|&j| place(cards[j]))
                    .collect();
                out.push((
                    i,
                    Finding {
                        field: Field::Question,
                        span: 0..cards[i].question.len(),
                        message: format!("the question is asked again at {}", others.join(", ")),
                        help: "merge the repeats: `prep dedup` shows them with the reason"
                            .to_owned(),
                    },
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::card;

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
        let mut out = Vec::new();
        DuplicateQuestion {
            threshold: crate::dedup::DEFAULT_THRESHOLD,
            synonyms: BTreeMap::new(),
            framing: Vec::new(),
        }
        .check_all(&[&a, &b, &c], &mut out);
        let messages: Vec<(usize, String)> = out.into_iter().map(|(i, f)| (i, f.message)).collect();
        assert_eq!(
            messages,
            [
                (0, "the question is asked again at t.md:9".to_owned()),
                (1, "the question is asked again at t.md:3".to_owned())
            ]
        );
    }
}
