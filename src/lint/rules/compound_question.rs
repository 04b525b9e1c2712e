//! `compound-question`: several questions asked in one card ("What is X, and how does Y differ?").

use std::borrow::Cow;
use std::sync::LazyLock;

use pulldown_cmark::{Event, Parser};
use regex::Regex;

use crate::lint::{Case, Field, Finding, Prose, Rule, RuleDoc};
use crate::model::{Card, Severity};
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

    fn default_level(&self) -> Severity {
        Severity::Warning
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags cards that ask more than one question: several question marks, or a second question joined by \", and how/why/what …\" or \"and how did you …\". A restatement (\"In other words, …?\"), a lone \"Why?\" or \"If so, how?\" and marks in brackets are part of the question before them.",
            why: "A card asking two things is reviewed as one: you remember one half, pass the card, and the other half is never practised. One question per card keeps each answer short and each review honest.",
            bad: "## What is a B-tree, and how does it differ from an LSM tree?",
            good: "## What is a B-tree?\n\n## How does a B-tree differ from an LSM tree?",
            cases: CASES,
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

const CASES: &[Case] = &[
    Case {
        text: "What is a mutex? How does it differ from a semaphore?",
        flagged: true,
        why: "two questions, each with its own answer",
    },
    Case {
        text: "What is event delegation? In other words, how does one listener serve many children?",
        flagged: false,
        why: "the second question restates the first",
    },
    Case {
        text: "Is a B-tree better than an LSM tree for writes? Why?",
        flagged: false,
        why: "a lone \"Why?\" asks for the reason of the same answer",
    },
    Case {
        text: "Can two pods share a volume? If so, how?",
        flagged: false,
        why: "\"If so, how?\" goes on with the same answer",
    },
    Case {
        text: "Have you used GraphQL? If so, what did you build with it?",
        flagged: true,
        why: "the follow-up asks for something new",
    },
    Case {
        text: "What does the nullish coalescing operator (??) return?",
        flagged: false,
        why: "question marks inside brackets are the operator, not the end of a question",
    },
];

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

/// Where the second question of `text` starts, if its question marks close more than one: a
/// question that restates the first ("In other words, …?"), a lone prompt to go on ("Why?",
/// "Discuss?", "If so, how?") and an aside in parentheses are part of the question before them.
fn after_first_of_several_marks(text: &str) -> Option<usize> {
    // Most questions have one mark: nothing to split.
    let marks = text.bytes().filter(|&b| b == b'?').count();
    if marks < 2 && !text.contains('？') {
        return None;
    }
    question_starts(text).into_iter().skip(1).find(|&start| {
        let question = &text[start..];
        !restates(question) && !is_lone_prompt(question)
    })
}

/// Where each question of `text` starts: at its start, and after each question mark that ends a
/// sentence, up to the last one (text after it asks nothing). A run such as `??` counts once; a
/// mark followed by a letter (a URL), one opening a bracket ("the `(??)` operator") or one inside
/// parentheses (an aside: "(or a queue?)") ends no sentence.
fn question_starts(text: &str) -> Vec<usize> {
    let closing = |c: char| c.is_whitespace() || "\"'”’)]*_".contains(c);
    let mut starts = vec![0];
    let mut depth = 0usize;
    let mut previous = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if !matches!(c, '?' | '？') {
            previous = c;
            continue;
        }
        while chars.next_if(|&(_, c)| matches!(c, '?' | '？')).is_some() {}
        let next = chars.peek().map(|&(_, c)| c);
        if next.is_some_and(|c| !closing(c)) || matches!(previous, '(' | '[') || depth > 0 {
            previous = '?';
            continue;
        }
        while chars.next_if(|&(_, c)| closing(c)).is_some() {}
        depth = 0;
        previous = ' ';
        starts.push(chars.peek().map_or(text.len(), |&(i, _)| i));
    }
    // The last start opens no question: the text after the last mark.
    starts.pop();
    starts
}

/// Connectives that say the same again in other words: the question after one restates the one
/// before it ("In other words, how …?"), or offers its alternative ("Or is it …?").
const RESTATING: &[&str] = &[
    "i.e.",
    "i.e,",
    "ie,",
    "in other words",
    "namely",
    "or",
    "put another way",
    "put differently",
    "said differently",
    "stated differently",
    "that is to say",
    "that is,",
    "to put it another way",
    "to rephrase",
];

/// True when `question` opens with a restating connective.
fn restates(question: &str) -> bool {
    let lower = question
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    RESTATING.iter().any(|connective| {
        lower.starts_with(connective)
            && !lower[connective.len()..].starts_with(|c: char| c.is_alphanumeric())
    })
}

/// Words that join a follow-up to the question before it: "And why?", "If so, how?".
const FOLLOW_UP_OPENERS: &[&str] = &["and", "but", "if", "not", "or", "so", "then"];

/// True for a question that asks only to go on with the answer before it: "Why?", "How?",
/// "Why or why not?", "If so, how?", or a lone prompt verb ("Discuss?", "Explain?").
fn is_lone_prompt(question: &str) -> bool {
    let asked = question
        .split(['?', '？'])
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let words: Vec<&str> = asked
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let content: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| !FOLLOW_UP_OPENERS.contains(w) && *w != "please")
        .collect();
    match content.as_slice() {
        [] => false,
        [word] if !WH.contains(word) => {
            CUES.is_question_like(word) && !INTERROGATIVES.contains(word)
        }
        _ => {
            content
                .iter()
                .all(|w| matches!(*w, "why" | "how" | "exactly"))
                && content.iter().any(|w| matches!(*w, "why" | "how"))
        }
    }
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
    use crate::lint::rules::test_support::{assert_documented_cases, flagged_in_question};

    fn flagged(question: &str) -> Vec<String> {
        flagged_in_question(&CompoundQuestion, question)
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

    #[test]
    fn a_restatement_is_the_same_question() {
        assert!(
            flagged("What is event delegation? In other words, how do you handle events of many children with one listener?")
                .is_empty()
        );
        assert!(flagged("What does idempotent mean? That is, what happens on a retry?").is_empty());
        assert!(flagged("Why shard? I.e., what does one node fail to do?").is_empty());
        assert!(flagged("How is load spread? Put differently, who picks the node?").is_empty());
        assert!(flagged("Is React a library? Or is it a framework?").is_empty());
        assert_eq!(
            flagged("What is X? In other words, what is Y? How do you tune it?"),
            ["How do you tune it?"]
        );
    }

    #[test]
    fn a_lone_prompt_goes_on_with_the_same_question() {
        assert!(flagged("Is a trie faster than a hash map? Why?").is_empty());
        assert!(flagged("Can you cancel a promise? How?").is_empty());
        assert!(flagged("Should every service own its database? Discuss?").is_empty());
        assert!(flagged("Is eventual consistency enough here? Why or why not?").is_empty());
        assert!(flagged("Can two pods share a volume? If so, how?").is_empty());
        assert_eq!(
            flagged("Is Redis single-threaded? When?"),
            ["When?"],
            "a lone question word other than why or how asks for something new"
        );
        assert_eq!(
            flagged("Have you used GraphQL? If so, what did you build?"),
            ["If so, what did you build?"]
        );
    }

    #[test]
    fn marks_in_brackets_end_no_question() {
        assert!(flagged("What is the nullish coalescing operator (??) in JavaScript?").is_empty());
        assert!(flagged("How do you structure a module? (by layer, by feature?)").is_empty());
        assert!(flagged("What does the [?] placeholder mean in SQL?").is_empty());
        assert_eq!(
            flagged("What is the optional chaining operator (?.)? How does it differ from ??"),
            ["How does it differ from ??"]
        );
    }

    #[test]
    fn documented_cases_hold() {
        assert_documented_cases(CASES, flagged);
    }
}
