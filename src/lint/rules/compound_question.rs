//! `compound-question`: several questions asked in one card ("What is X, and how does Y differ?").

use std::borrow::Cow;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser};
use regex::Regex;

use crate::lint::{Field, Finding, Level, Prose, Rule, RuleDoc};
use crate::model::Card;
use crate::source::cues::QuestionCues;
use crate::source::cues::first_word;
use crate::source::markdown::cmark_options;

pub struct CompoundQuestion;

/// Words that open a question.
const INTERROGATIVES: &[&str] = &[
    "am", "are", "can", "could", "did", "do", "does", "has", "have", "how", "how's", "is", "may",
    "might", "must", "shall", "should", "was", "were", "what", "what's", "when", "where", "which",
    "who", "whose", "why", "will", "would",
];

/// Question words that can be joined into one question ("How and why …", "when and where …").
const WH: &[&str] = &["how", "what", "when", "where", "which", "who", "why"];

/// A second question joined to a first by ", and" or ";": ", and how does …", "; why …". A bare
/// ", and why?" asks for the reason of the same answer and is not matched.
static JOINED: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)(?:[,;][ \t]*and|;)\s+(how|why|what|when|which|where|who)\s+[\p{L}\p{N}`'“]")
});

/// A second question in question word order after "and": "and how did you …", "and what is the …",
/// "and does it …". Embedded questions keep statement order ("explain X and how it works") and are
/// not matched; a bare auxiliary needs a pronoun after it, as "has the lock" or "is a cache" may be a
/// second predicate of the same question.
static INVERTED: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\band\s+(?:(how|why|what|when|where)\s+(?:am|are|can|could|did|do|does|had|has|have|is|should|was|were|will|would)\s+(?:a|an|i|it|its|he|my|our|she|that|the|their|there|these|they|this|those|we|you|your)|((?:are|can|could|did|does|is|should|was|were|will|would)\s+(?:he|i|it|she|there|they|we|you)|do\s+(?:i|they|we|you)))\b",
    )
});

static CUES: LazyLock<QuestionCues> = LazyLock::new(QuestionCues::default);

#[expect(
    clippy::expect_used,
    reason = "the patterns are constants checked by the unit tests"
)]
fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("built-in pattern is valid")
}

impl Rule for CompoundQuestion {
    fn id(&self) -> &'static str {
        "compound-question"
    }

    fn default_level(&self) -> Level {
        Level::Warn
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags cards that ask more than one question: several question marks, or a second question joined by \", and how/why/what …\" or \"and how did you …\".",
            why: "A card asking two things is reviewed as one: you remember one half, pass the card, and the other half is never practised. One question per card keeps each answer short and each review honest.",
            bad: "## What is a B-tree, and how does it differ from an LSM tree?",
            good: "## What is a B-tree?\n\n## How does a B-tree differ from an LSM tree?",
            cases: &[],
        }
    }

    fn check(&self, card: &Card, _prose: &Prose, out: &mut Vec<Finding>) {
        let question = card.question.as_str();
        if let Some(start) = second_question(&without_code(question)) {
            out.push(Finding {
                field: Field::Question,
                span: start..question.len(),
                message: "the card asks more than one question".to_owned(),
                help: "split it into one card per question".to_owned(),
            });
        }
    }
}

/// Where the second question of `text` starts, if it asks more than one.
fn second_question(text: &str) -> Option<usize> {
    let after_mark = after_first_of_several_marks(text);
    // Most questions match neither pattern: `is_match` answers that without the capture slots that
    // `captures_iter` allocates on every call.
    let joined = searched(&JOINED, text).find_map(|c| {
        let first = &text[..c.get(0)?.start()];
        let second = c.get(1)?;
        (asks(first, false) && !ends_with_wh(first)).then_some(second.start())
    });
    let inverted = searched(&INVERTED, text).find_map(|c| {
        let first = &text[..c.get(0)?.start()];
        let second = c.get(1).or_else(|| c.get(2))?;
        (asks(first, true) && !ends_with_wh(first)).then_some(second.start())
    });
    [after_mark, joined, inverted].into_iter().flatten().min()
}

/// The captures of `regex` in `text`, skipped when it does not match at all.
fn searched<'r, 't>(
    regex: &'r Regex,
    text: &'t str,
) -> impl Iterator<Item = regex::Captures<'t>> + use<'r, 't> {
    regex
        .is_match(text)
        .then(|| regex.captures_iter(text))
        .into_iter()
        .flatten()
}

/// With two or more question marks (a run such as `??` counts once; one followed by a letter, as in a
/// URL, not at all), the start of the text after the first.
fn after_first_of_several_marks(text: &str) -> Option<usize> {
    let closing = |c: char| c.is_whitespace() || "\"'”’)]*_".contains(c);
    let mut marks = 0;
    let mut after_first = None;
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if !matches!(c, '?' | '？') {
            continue;
        }
        while chars.next_if(|&(_, c)| matches!(c, '?' | '？')).is_some() {}
        let next = chars.peek().map(|&(_, c)| c);
        if next.is_some_and(|c| !closing(c)) {
            continue;
        }
        marks += 1;
        if after_first.is_none() {
            while chars.next_if(|&(_, c)| closing(c)).is_some() {}
            after_first = Some(chars.peek().map_or(text.len(), |&(i, _)| i));
        }
    }
    after_first.filter(|_| marks > 1)
}

/// True when a clause of `first` (split at `,`, `;` and `:`) opens with a question word, or with
/// `imperative` also a prompt verb ("Tell me about …").
fn asks(first: &str, imperative: bool) -> bool {
    first.split([',', ';', ':']).any(|clause| {
        let word = first_word(clause);
        INTERROGATIVES.contains(&word.as_str()) || (imperative && CUES.is_question_like(clause))
    })
}

/// True when `first` ends in a question word: "How and why …" is one question.
fn ends_with_wh(first: &str) -> bool {
    let last = first
        .trim_end_matches(|c: char| !c.is_alphanumeric())
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    WH.contains(&last.as_str())
}

/// `text` with its inline code blanked out, byte for byte, so a `?` in code does not count.
fn without_code(text: &str) -> Cow<'_, str> {
    // Inline code needs a backtick: most questions have none and need no parsing.
    if !text.contains('`') {
        return Cow::Borrowed(text);
    }
    let mut masked = text.to_owned();
    for (event, range) in Parser::new_ext(text, cmark_options()).into_offset_iter() {
        if let Event::Code(_) = event {
            masked.replace_range(range.clone(), &" ".repeat(range.len()));
        }
    }
    Cow::Owned(masked)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::card;

    fn flagged(question: &str) -> Vec<String> {
        let card = card(question, "An answer.");
        let mut out = Vec::new();
        CompoundQuestion.check(&card, &Prose::of(&card), &mut out);
        out.into_iter()
            .map(|f| question[f.span].to_owned())
            .collect()
    }

    #[test]
    fn flags_several_questions() {
        assert_eq!(
            flagged("What is X, and how does Y differ?"),
            ["how does Y differ?"]
        );
        assert_eq!(
            flagged("What is a mutex? How is it different from a semaphore?"),
            ["How is it different from a semaphore?"]
        );
        assert_eq!(
            flagged("Tell me about a conflict and how did you resolve it?"),
            ["how did you resolve it?"]
        );
        assert_eq!(flagged("Why use Rust?? Why not Go?"), ["Why not Go?"]);
        assert_eq!(
            flagged("In SQL, what is an index; when would you add one?"),
            ["when would you add one?"]
        );
        assert_eq!(
            flagged("Is `a?b` valid? And what does `c?` do?"),
            ["And what does `c?` do?"]
        );
        assert_eq!(
            flagged("What is the virtual DOM, and does it make React fast?"),
            ["does it make React fast?"]
        );
        assert_eq!(
            flagged("What did you build and did it ship?"),
            ["did it ship?"]
        );
        assert_eq!(
            flagged("What is sharding, and what are the trade-offs? Why?"),
            ["what are the trade-offs? Why?"]
        );
    }

    #[test]
    fn spares_one_question_with_a_compound_subject() {
        assert!(flagged("What are the pros and cons of X?").is_empty());
        assert!(flagged("How and why do caches expire?").is_empty());
        assert!(flagged("When and how do you use an index?").is_empty());
        assert!(flagged("Which database would you pick, and why?").is_empty());
        assert!(flagged("Explain what a pod is and how it is scheduled.").is_empty());
        assert!(flagged("What do you do when a client dies and has the lock?").is_empty());
        assert!(flagged("Why is Redis fast and is a good cache?").is_empty());
        assert!(flagged("Tell me about a product you love and how you’d improve it").is_empty());
        assert!(flagged("What does `x?.y ?? z` do in TypeScript?").is_empty());
        assert!(flagged("What does https://example.com/?q=1 return?").is_empty());
        assert!(
            flagged("Explain what is stored on the stack and what is stored on the heap.")
                .is_empty()
        );
        assert!(
            flagged("Describe a service that reads from Kafka and which is idempotent.").is_empty()
        );
    }
}
