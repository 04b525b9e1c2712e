//! Cards → deduplicated cards: the merge policy, and nothing lost.
//!
//! Owns choosing the canonical card of each cluster (`[dedup] keep`), keeping every other member's
//! answer on it as an alternate, and the explanation of each merge. The order of the input cards does
//! not matter: priorities come from content and source positions, never from input order.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dedup::analyze::{Analyzer, Terms};
use crate::dedup::cluster::{Cluster, Related, cluster};
use crate::dedup::similarity::{Corpus, Veto};
use crate::model::{Alternate, Card, DedupedCard};
use crate::normalize::normalize_question;

/// Which card of a cluster is kept as the canonical one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Keep {
    /// The first in source order (by file path, then position).
    First,
    /// The one with the longest answer.
    LongestAnswer,
    /// The one with the most answer and example together (the default).
    #[default]
    MostComplete,
}

impl Keep {
    /// The policy in words, as `prep dedup` gives it as the reason a card was kept.
    pub fn describe(self) -> &'static str {
        match self {
            Keep::First => "first in source order",
            Keep::LongestAnswer => "longest answer",
            Keep::MostComplete => "most complete answer (answer and example)",
        }
    }
}

/// A member of a merged cluster, with what explains the merge.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The member's index in the cards given to [`dedup`].
    pub card: usize,
    /// Its similarity to the canonical question, from 0 to 1: at least the threshold.
    pub score: f64,
    /// The words both questions share, as written in them.
    pub shared: Vec<String>,
    /// The words only the canonical question has.
    pub only_canonical: Vec<String>,
    /// The words only this member has.
    pub only_member: Vec<String>,
}

/// A cluster of two or more cards.
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    /// The index of the card kept (see [`Keep`]).
    pub canonical: usize,
    /// The cards merged into it.
    pub members: Vec<Member>,
}

/// Two cards that were not merged although they scored close to the threshold or above it.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    /// The two cards' indices, in source order.
    pub a: usize,
    pub b: usize,
    /// Their similarity, from 0 to 1.
    pub score: f64,
    /// The words both questions share, as written in them.
    pub shared: Vec<String>,
    /// The words only `a` has.
    pub only_a: Vec<String>,
    /// The words only `b` has.
    pub only_b: Vec<String>,
    /// What makes them different questions, when they scored enough to merge.
    pub(crate) veto: Option<Veto>,
    /// Why they stay apart, in words: under the threshold, or the veto.
    pub why_not: String,
}

/// The outcome over a set of cards: indices refer to the input slice.
#[derive(Debug, Clone, PartialEq)]
pub struct Dedup {
    /// Every cluster of two or more cards.
    pub merges: Vec<Merge>,
    /// Pairs kept apart that came close, highest score first, each card in at most
    /// [`NEAR_MISSES_PER_QUESTION`], its closest.
    ///
    /// [`NEAR_MISSES_PER_QUESTION`]: crate::NEAR_MISSES_PER_QUESTION
    pub near_misses: Vec<NearMiss>,
    /// For every input card, the index of its canonical card (itself when it was not merged).
    pub canonical_of: Vec<usize>,
    /// The policy that chose the canonical cards.
    pub keep: Keep,
    /// The similarity at which questions merged.
    pub threshold: f64,
}

fn words(card: &Card) -> usize {
    card.answer.split_whitespace().count()
}

/// The cards in priority order for `keep`; ties and `first` go by file path, then offset.
fn priority(cards: &[Card], keep: Keep) -> Vec<usize> {
    let mut order: Vec<usize> = (0..cards.len()).collect();
    let position = |i: usize| (&cards[i].source.file, cards[i].source.offset, &cards[i].id);
    match keep {
        Keep::First => order.sort_by(|&a, &b| position(a).cmp(&position(b))),
        // Cached keys: counting an answer's words on every comparison made this sort the most
        // expensive part of deduplication.
        Keep::LongestAnswer => {
            order.sort_by_cached_key(|&i| (Reverse(words(&cards[i])), position(i)))
        }
        Keep::MostComplete => order.sort_by_cached_key(|&i| {
            let example = cards[i]
                .example
                .as_deref()
                .map_or(0, |e| e.split_whitespace().count());
            (Reverse(words(&cards[i]) + example), position(i))
        }),
    }
    order
}

/// Finds the questions asked more than once among `cards`, as `prep dedup` does.
///
/// Two questions merge when their similarity (from 0 to 1) reaches `threshold`
/// ([`DEFAULT_THRESHOLD`] on the command line) and they do not ask different things; `keep` picks
/// the card each cluster keeps. Near misses are pairs scoring from `threshold - related_margin` up
/// to the threshold, and pairs above it kept apart; a margin of 0 finds none, which is much cheaper
/// on very large inputs. The outcome does not depend on the order of `cards`.
///
/// [`DEFAULT_THRESHOLD`]: crate::DEFAULT_THRESHOLD
pub fn dedup(
    cards: &[Card],
    analyzer: &Analyzer,
    threshold: f64,
    keep: Keep,
    related_margin: f64,
) -> Dedup {
    let corpus = analyzer.corpus_of(cards.iter().map(|c| c.question.as_str()));
    let floor = (threshold - related_margin.max(0.0))
        .max(0.05)
        .min(threshold);
    let clustering = cluster(&corpus, &priority(cards, keep), threshold, floor);
    let clusters: Vec<Cluster> = clustering
        .clusters
        .into_iter()
        .filter(|c| !c.members.is_empty())
        .collect();
    let mut related: Vec<Related> = if related_margin > 0.0 {
        clustering.related
    } else {
        Vec::new()
    };
    let position = |i: usize| (&cards[i].source.file, cards[i].source.offset);
    // Each pair in source order, and pairs highest score first, then in source order: never the
    // order the cards came in.
    for r in &mut related {
        if position(r.b) < position(r.a) {
            (r.a, r.b) = (r.b, r.a);
            if let Some(veto) = &mut r.veto {
                veto.swap();
            }
        }
    }
    related.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then_with(|| (position(x.a), position(x.b)).cmp(&(position(y.a), position(y.b))))
    });
    let mut canonical_of: Vec<usize> = (0..cards.len()).collect();
    for c in &clusters {
        for &(m, _) in &c.members {
            canonical_of[m] = c.canonical;
        }
    }
    let explain = Explain::new(analyzer, cards, &corpus, &clusters, &related, threshold);
    Dedup {
        merges: clusters.iter().map(|c| explain.merge(c)).collect(),
        near_misses: related.iter().map(|r| explain.near_miss(r)).collect(),
        canonical_of,
        keep,
        threshold,
    }
}

/// Explains merges and near misses in the words the cards use: for each term, the word it came from
/// ("consistency" for `consist`).
struct Explain<'a> {
    corpus: &'a Corpus,
    analyzer: &'a Analyzer,
    threshold: f64,
    /// The terms of the cards explained, and only those: the corpus keeps no words, and analysing
    /// every card again to show a few would cost as much as the corpus.
    terms: BTreeMap<usize, Terms>,
}

impl<'a> Explain<'a> {
    fn new(
        analyzer: &'a Analyzer,
        cards: &[Card],
        corpus: &'a Corpus,
        clusters: &[Cluster],
        related: &[Related],
        threshold: f64,
    ) -> Self {
        // Marked first: a card can be in many near misses, and is analysed once.
        let mut explained = vec![false; cards.len()];
        let members = clusters
            .iter()
            .flat_map(|c| std::iter::once(c.canonical).chain(c.members.iter().map(|m| m.0)));
        for card in members.chain(related.iter().flat_map(|r| [r.a, r.b])) {
            explained[card] = true;
        }
        let explained: Vec<usize> = (0..cards.len()).filter(|&card| explained[card]).collect();
        let questions = explained.iter().map(|&card| cards[card].question.as_str());
        let terms = explained
            .iter()
            .copied()
            .zip(analyzer.terms_of_all(questions))
            .collect();
        Explain {
            corpus,
            analyzer,
            threshold,
            terms,
        }
    }

    fn merge(&self, cluster: &Cluster) -> Merge {
        let canonical = cluster.canonical;
        let members = cluster
            .members
            .iter()
            .map(|&(m, score)| {
                let cmp = self.corpus.compare(canonical, m);
                Member {
                    card: m,
                    score,
                    shared: self.words(canonical, &cmp.shared),
                    only_canonical: self.words(canonical, &cmp.only_a),
                    only_member: self.words(m, &cmp.only_b),
                }
            })
            .collect();
        Merge { canonical, members }
    }

    fn near_miss(&self, r: &Related) -> NearMiss {
        let cmp = self.corpus.compare(r.a, r.b);
        NearMiss {
            a: r.a,
            b: r.b,
            score: r.score,
            shared: self.words(r.a, &cmp.shared),
            only_a: self.words(r.a, &cmp.only_a),
            only_b: self.words(r.b, &cmp.only_b),
            veto: r.veto.clone(),
            why_not: self.why_not(r),
        }
    }

    /// Why a related pair stays apart, in words.
    fn why_not(&self, r: &Related) -> String {
        let aspects = |bits: u32| -> String {
            let names: Vec<&str> = (0..32u8)
                .filter(|&i| bits & (1 << i) != 0)
                .map(|i| self.analyzer.aspect_name(i))
                .collect();
            if names.is_empty() {
                "the subject itself".to_owned()
            } else {
                names.join(", ")
            }
        };
        match &r.veto {
            None => format!("scores under the threshold {:.2}", self.threshold),
            Some(Veto::Asks(a, b)) => {
                format!(
                    "they ask for different answers: {} / {}",
                    a.describe(),
                    b.describe()
                )
            }
            Some(Veto::Aspects(a, b)) => format!(
                "they ask about different aspects: {} / {}",
                aspects(*a),
                aspects(*b)
            ),
            Some(Veto::Names(a, b)) => format!(
                "they name different things: {} / {}",
                self.words(r.a, a).join(", "),
                self.words(r.b, b).join(", ")
            ),
            Some(Veto::Negation) => "one asks the negative of the other".to_owned(),
            Some(Veto::Heads(a, b)) => format!(
                "they ask about different things: {} / {}",
                self.words(r.a, &[*a]).join(", "),
                self.words(r.b, &[*b]).join(", ")
            ),
            Some(Veto::Subjects(a, b)) => format!(
                "their subjects differ: {} / {}",
                self.words(r.a, a).join(", "),
                self.words(r.b, b).join(", ")
            ),
        }
    }

    /// The words of `card` that the terms `ids` came from (the term itself when not found).
    fn words(&self, card: usize, ids: &[u32]) -> Vec<String> {
        ids.iter()
            .map(|&id| {
                let stem = self.corpus.term(id);
                self.terms
                    .get(&card)
                    .and_then(|t| {
                        let k = t.terms.iter().position(|s| s == stem)?;
                        t.words.get(k).cloned()
                    })
                    .unwrap_or_else(|| stem.to_owned())
            })
            .collect()
    }
}

/// Sorts card indices into source order (file path, then position).
fn in_source_order(cards: &[Card], indices: &mut [usize]) {
    indices.sort_by(|&a, &b| {
        (&cards[a].source.file, cards[a].source.offset)
            .cmp(&(&cards[b].source.file, cards[b].source.offset))
    });
}

impl Dedup {
    /// How many cards remain after merging: one per cluster, merged or not.
    pub fn cards_out(&self) -> usize {
        self.canonical_of
            .iter()
            .enumerate()
            .filter(|&(i, &c)| i == c)
            .count()
    }

    /// The other phrasings of a cluster's question: its members' questions in source order, without
    /// repeats (ignoring case, spacing and quotes) and without the canonical card's own wording.
    pub fn also_asked_as<'c>(
        &self,
        cards: &'c [Card],
        canonical: usize,
        members: &[usize],
    ) -> Vec<&'c str> {
        let mut members = members.to_vec();
        in_source_order(cards, &mut members);
        let mut seen = vec![normalize_question(&cards[canonical].question)];
        let mut phrasings = Vec::new();
        for m in members {
            let normal = normalize_question(&cards[m].question);
            if !seen.contains(&normal) {
                seen.push(normal);
                phrasings.push(cards[m].question.as_str());
            }
        }
        phrasings
    }

    /// The deduplicated cards, in the input's order of their canonical cards. Every input card is
    /// either one of them or an alternate on exactly one of them.
    pub fn cards(&self, cards: &[Card]) -> Vec<DedupedCard> {
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); cards.len()];
        for (card, &canonical) in self.canonical_of.iter().enumerate() {
            if card != canonical {
                members[canonical].push(card);
            }
        }
        (0..cards.len())
            .filter(|&i| self.canonical_of[i] == i)
            .map(|i| {
                let mut merged = std::mem::take(&mut members[i]);
                in_source_order(cards, &mut merged);
                DedupedCard {
                    card: cards[i].clone(),
                    alternates: merged
                        .iter()
                        .map(|&m| Alternate {
                            id: cards[m].id.clone(),
                            question: cards[m].question.clone(),
                            answer: cards[m].answer.clone(),
                            example: cards[m].example.clone(),
                            source: cards[m].source.clone(),
                        })
                        .collect(),
                    also_asked_as: self
                        .also_asked_as(cards, i, &merged)
                        .into_iter()
                        .map(str::to_owned)
                        .collect(),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{CardId, CardMap, SourceRef};

    fn cards(questions: &[&str]) -> Vec<Card> {
        questions
            .iter()
            .enumerate()
            .map(|(i, q)| Card {
                id: CardId(format!("{i:016x}")),
                question: (*q).to_owned(),
                answer: "word ".repeat(i + 1).trim().to_owned(),
                example: None,
                section: None,
                tags: Vec::new(),
                source: SourceRef {
                    file: "t.txt".into(),
                    line: i + 1,
                    end_line: i + 1,
                    offset: i * 10,
                    length: 5,
                },
                map: CardMap::default(),
            })
            .collect()
    }

    fn merged(questions: &[&str]) -> bool {
        let result = dedup(
            &cards(questions),
            &Analyzer::default(),
            0.65,
            Keep::First,
            0.15,
        );
        !result.merges.is_empty()
    }

    #[test]
    fn questions_that_share_words_but_ask_different_things_stay_apart() {
        assert!(!merged(&[
            "Can you explain the CAP theorem?",
            "How do you ensure data consistency?"
        ]));
        assert!(!merged(&[
            "What tools do you use for monitoring?",
            "What role does monitoring play?"
        ]));
        assert!(!merged(&[
            "How do you handle errors in Java?",
            "How do you handle errors in Go?"
        ]));
        assert!(!merged(&[
            "When would you choose PostgreSQL?",
            "When would you choose MongoDB?"
        ]));
        assert!(merged(&[
            "How do you ensure data consistency?",
            "What strategies do you use to handle data consistency?"
        ]));
    }

    #[test]
    fn a_comparison_asked_of_one_aspect_is_the_plain_comparison_but_not_of_another_aspect() {
        // "The difference between x and y" answers how they differ in use; in speed and in use
        // are two answers.
        assert!(merged(&[
            "What is the difference between a mutex and a semaphore?",
            "Explain the differences in the usage of a mutex and a semaphore.",
        ]));
        assert!(!merged(&[
            "What is the difference in performance between a mutex and a semaphore?",
            "Explain the differences in the usage of a mutex and a semaphore.",
        ]));
        // Not a comparison: "what is x" and "what are the benefits of x" stay two cards.
        assert!(!merged(&[
            "What is a semaphore?",
            "What are the benefits of a semaphore?",
        ]));
    }

    #[test]
    fn questions_differing_only_in_an_entity_are_listed_as_related() {
        let questions = [
            "How do you tune garbage collection pauses in Java?",
            "How do you tune garbage collection pauses in Go?",
            "What is a B-tree?",
        ];
        let result = dedup(
            &cards(&questions),
            &Analyzer::default(),
            0.65,
            Keep::First,
            0.15,
        );
        assert!(result.merges.is_empty());
        assert_eq!(result.near_misses.len(), 1, "{:?}", result.near_misses);
        let near = &result.near_misses[0];
        assert_eq!((near.a.min(near.b), near.a.max(near.b)), (0, 1));
        assert_eq!([near.only_a.clone(), near.only_b.clone()].concat().len(), 2);
    }

    #[test]
    fn policies_choose_the_canonical_and_keep_every_answer() {
        let questions = [
            "How do you size a connection pool?",
            "How do you size a connection pool?",
        ];
        let cards = cards(&questions);
        let first = dedup(&cards, &Analyzer::default(), 0.65, Keep::First, 0.0);
        assert_eq!(first.merges[0].canonical, 0);
        let longest = dedup(&cards, &Analyzer::default(), 0.65, Keep::LongestAnswer, 0.0);
        assert_eq!(
            longest.merges[0].canonical, 1,
            "card 1 has the longer answer"
        );
        let deduped = longest.cards(&cards);
        assert_eq!(deduped.len(), 1);
        assert_eq!(deduped[0].alternates.len(), 1);
        assert_eq!(deduped[0].alternates[0].answer, cards[0].answer);
        assert!(
            deduped[0].also_asked_as.is_empty(),
            "the same wording is not another phrasing"
        );
    }
}
