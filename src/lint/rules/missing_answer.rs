//! `missing-answer`: a question with no answer and no example.

use crate::lint::{Field, Finding, Level, Prose, Rule, RuleDoc};
use crate::model::Card;

pub struct MissingAnswer;

impl Rule for MissingAnswer {
    fn id(&self) -> &'static str {
        "missing-answer"
    }

    fn default_level(&self) -> Level {
        Level::Error
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags cards whose answer and example are both empty.",
            why: "A card without an answer cannot be studied; it usually means the source lost the answer (a scraping error) or the question was a heading.",
            bad: "## What is MVCC?\n\n## How do indexes work?",
            good: "## What is MVCC?\n\nEach transaction reads a snapshot; writers create new row versions instead of overwriting.",
            cases: &[],
        }
    }

    fn check(&self, card: &Card, _prose: &Prose, out: &mut Vec<Finding>) {
        let empty = |s: &str| s.trim().is_empty();
        if empty(&card.answer) && card.example.as_deref().is_none_or(empty) {
            out.push(Finding {
                field: Field::Question,
                span: 0..card.question.len(),
                message: "the question has no answer".to_owned(),
                help: "write the answer under the question, or remove the question".to_owned(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::card;

    #[test]
    fn flags_empty_answers_only() {
        let count = |answer: &str| {
            let card = card("Why?", answer);
            let mut out = Vec::new();
            MissingAnswer.check(&card, &Prose::of(&card), &mut out);
            out.len()
        };
        assert_eq!(count(" \n"), 1);
        assert_eq!(count("Because."), 0);
    }
}
