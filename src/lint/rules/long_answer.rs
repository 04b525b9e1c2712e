//! `long-answer`: an answer too long to recall in one go (the minimum information principle).

use crate::lint::{ConfigureError, Field, Finding, OptionDecl, Prose, Rule, RuleDoc, RuleOptions};
use crate::model::{Card, Severity};

pub struct LongAnswer {
    pub max_words: usize,
}

/// Answers over this many words are flagged.
pub const MAX_WORDS: usize = 150;

const OPTIONS: &[OptionDecl] = &[OptionDecl::count(
    "max-words",
    MAX_WORDS,
    "answers over this many words are flagged",
)];

impl Rule for LongAnswer {
    fn id(&self) -> &'static str {
        "long-answer"
    }

    fn default_level(&self) -> Severity {
        Severity::Warning
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags answers longer than 150 words (`[rules.long-answer] max-words`).",
            why: "Spaced repetition works on small, single facts: a long answer is recalled as a vague gist and reviewed as a failure. Split it into several cards, each asking one thing.",
            bad: "A 300-word story covering the design, the rollout, the incident and the lessons.",
            good: "Four cards: the design decision, the rollout plan, the incident, the lesson.",
            cases: &[],
        }
    }

    fn options(&self) -> &'static [OptionDecl] {
        OPTIONS
    }

    fn configure(&self, options: &RuleOptions) -> Result<Box<dyn Rule>, ConfigureError> {
        Ok(Box::new(LongAnswer {
            max_words: options.count("max-words").unwrap_or(self.max_words),
        }))
    }

    fn check(&self, card: &Card, _prose: &Prose, out: &mut Vec<Finding>) {
        if at_most_words(&card.answer) <= self.max_words {
            return;
        }
        let words = card.answer.split_whitespace().count();
        if words > self.max_words {
            out.push(Finding {
                field: Field::Question,
                span: 0..card.question.len(),
                message: format!(
                    "the answer has {words} words (more than {})",
                    self.max_words
                ),
                help: "split it into cards that each ask one thing".to_owned(),
            });
        }
    }
}

/// An upper bound on the number of words, cheap to compute (the loop vectorises): every word but
/// the first follows a white-space character, and every such character has at least one byte in
/// the set counted here. Most answers are far under the limit and never need an exact count.
fn at_most_words(text: &str) -> usize {
    let space = |b: u8| u8::from((b == b' ') | (b.wrapping_sub(b'\t') < 5) | (b >= 0x80));
    let blocks = text.as_bytes().chunks_exact(32);
    let rest: usize = blocks
        .remainder()
        .iter()
        .map(|&b| usize::from(space(b)))
        .sum();
    // Fixed-size blocks with a byte-wide count: the shape compilers turn into vector code.
    let counted: usize = blocks
        .map(|block| usize::from(block.iter().fold(0u8, |n, &b| n + space(b))))
        .sum();
    counted + rest + 1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::card;

    fn flags(answer: &str) -> usize {
        let card = card("Why?", answer);
        let mut out = Vec::new();
        LongAnswer {
            max_words: MAX_WORDS,
        }
        .check(&card, &Prose::of(&card), &mut out);
        out.len()
    }

    #[test]
    fn flags_only_past_the_limit() {
        assert_eq!(flags(&"word ".repeat(MAX_WORDS)), 0);
        assert_eq!(flags(&"word ".repeat(MAX_WORDS + 1)), 1);
    }

    proptest::proptest! {
        /// The quick bound never undercounts, so no long answer is missed.
        #[test]
        fn the_bound_is_never_below_the_count(text in "[a-z \t\n\u{b}\u{c}\r\u{a0}\u{2003}é]{0,40}") {
            proptest::prop_assert!(at_most_words(&text) >= text.split_whitespace().count());
        }
    }
}
