//! `long-answer`: an answer too long to recall in one go (the minimum information principle).

use crate::lint::{Field, Finding, Level, Prose, Rule, RuleDoc};
use crate::model::Card;

pub struct LongAnswer;

/// Answers over this many words are flagged.
pub const MAX_WORDS: usize = 150;

impl Rule for LongAnswer {
    fn id(&self) -> &'static str {
        "long-answer"
    }

    fn default_level(&self) -> Level {
        Level::Warn
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags answers longer than 150 words.",
            why: "Spaced repetition works on small, single facts: a long answer is recalled as a vague gist and reviewed as a failure. Split it into several cards, each asking one thing.",
            bad: "A 300-word story covering the design, the rollout, the incident and the lessons.",
            good: "Four cards: the design decision, the rollout plan, the incident, the lesson.",
        }
    }

    fn check(&self, card: &Card, _prose: &Prose, out: &mut Vec<Finding>) {
        let words = card.answer.split_whitespace().count();
        if words > MAX_WORDS {
            out.push(Finding {
                field: Field::Question,
                span: 0..card.question.len(),
                message: format!("the answer has {words} words (more than {MAX_WORDS})"),
                help: "split it into cards that each ask one thing".to_owned(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::card;

    fn flags(answer: &str) -> usize {
        let card = card("Why?", answer);
        let mut out = Vec::new();
        LongAnswer.check(&card, &Prose::of(&card), &mut out);
        out.len()
    }

    #[test]
    fn flags_only_past_the_limit() {
        assert_eq!(flags(&"word ".repeat(MAX_WORDS)), 0);
        assert_eq!(flags(&"word ".repeat(MAX_WORDS + 1)), 1);
    }
}
