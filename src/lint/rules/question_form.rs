//! `question-form`: a prompt that is neither a question nor an instruction, such as a bare topic.
//!
//! Reads the prompt's grammar, not a list of prompt verbs only: an instruction opens with a bare
//! verb that takes an object ("Use a loop", "Make this work", "Find the median"), possibly after a
//! discourse word ("Finally,", "Now") or an opening clause ("Given an array,", "Using recursion,").
//! A noun-phrase title ("Kubernetes operators", "The CAP theorem") opens with none of these.

use std::sync::LazyLock;

use crate::lint::{Case, Field, Finding, Prose, Rule, RuleDoc};
use crate::model::{Card, Severity};
use crate::source::cues::{QuestionCues, ends_with_question_mark, first_word};

pub struct QuestionForm;

static CUES: LazyLock<QuestionCues> = LazyLock::new(QuestionCues::default);

/// Discourse words that may open a prompt before its verb: "Finally, tell us …", "Now list …".
const CONNECTIVES: &[&str] = &[
    "additionally",
    "again",
    "also",
    "and",
    "but",
    "finally",
    "first",
    "firstly",
    "furthermore",
    "lastly",
    "moreover",
    "next",
    "now",
    "please",
    "second",
    "secondly",
    "so",
    "then",
    "third",
    "thirdly",
];

/// Closed-class words (articles, determiners, pronouns, prepositions, conjunctions, auxiliaries,
/// adverbs of degree and negation): never the bare verb that opens an instruction.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "above", "across", "after", "against", "all", "along", "also", "although",
    "among", "an", "another", "any", "around", "as", "at", "because", "before", "behind", "below",
    "beneath", "beside", "between", "beyond", "both", "but", "by", "despite", "during", "each",
    "either", "even", "every", "except", "few", "for", "from", "he", "her", "here", "him", "his",
    "i", "if", "in", "inside", "into", "it", "its", "just", "less", "like", "many", "me", "more",
    "most", "much", "my", "near", "neither", "never", "no", "nor", "not", "of", "off", "on",
    "once", "one", "only", "onto", "or", "our", "outside", "over", "past", "per", "several", "she",
    "since", "so", "some", "such", "than", "that", "the", "their", "them", "there", "these",
    "they", "this", "those", "though", "through", "to", "too", "toward", "towards", "under",
    "unless", "until", "upon", "us", "versus", "very", "via", "vs", "we", "whether", "while",
    "with", "within", "without", "yet", "you", "your",
];

/// Words that open the object of a verb: articles, determiners, object pronouns, quantifiers,
/// numbers, and the question words of an embedded question ("Show how …"). After a noun they are
/// rare ("Kubernetes operators", "Caching in the browser"), after a verb common ("Use a loop").
const OBJECT_OPENERS: &[&str] = &[
    "a", "all", "an", "another", "any", "both", "each", "eight", "every", "five", "four", "her",
    "him", "his", "how", "it", "its", "me", "my", "nine", "our", "seven", "six", "some", "ten",
    "the", "their", "them", "these", "this", "those", "three", "two", "us", "what", "whether",
    "why", "your",
];

/// Words that open a premise, after which only an instruction or a question can follow: "Given …,",
/// "Assuming …,", "Suppose …,".
const PREMISES: &[&str] = &["assuming", "given", "suppose", "supposing"];

/// Particles of phrasal verbs, between a verb and its object: "Set up a …", "Break down the …".
const PARTICLES: &[&str] = &["back", "down", "off", "out", "up"];

/// Past participles that open a clause without "-ed": "Given an array, …".
const IRREGULAR_PARTICIPLES: &[&str] = &["given", "known", "shown", "taken", "written"];

impl Rule for QuestionForm {
    fn id(&self) -> &'static str {
        "question-form"
    }

    fn default_level(&self) -> Severity {
        Severity::Info
    }

    fn doc(&self) -> RuleDoc {
        RuleDoc {
            summary: "Flags prompts that are neither a question nor an instruction: no question mark, no question word (\"What\", \"How\", \"Is\"), no verb opening an instruction (\"Explain …\", \"Use a loop …\", \"Given an array, find …\") and no blank to fill in (\"___\").",
            why: "A bare topic does not say what to recall: you review it by rereading the answer instead of retrieving it, and an interviewer never asks in that form. A question or an instruction states what a good answer covers.",
            bad: "## Kubernetes operators",
            good: "## What problem does a Kubernetes operator solve?",
            cases: CASES,
        }
    }

    fn check(&self, card: &Card, _prose: &Prose, out: &mut Vec<Finding>) {
        let question = card.question.as_str();
        if question.trim().is_empty() || is_prompt(question) {
            return;
        }
        out.push(Finding {
            field: Field::Question,
            span: 0..question.len(),
            message: "the prompt is neither a question nor an instruction".to_owned(),
            help: "rephrase it as a question (\"What is …?\") or an instruction (\"Explain …\")"
                .to_owned(),
        });
    }
}

const CASES: &[Case] = &[
    Case {
        text: "Kubernetes operators",
        flagged: true,
        why: "a noun phrase: it names a topic and asks nothing",
    },
    Case {
        text: "Sorting a linked list in place",
        flagged: true,
        why: "a gerund names the task as a topic; it does not ask for it",
    },
    Case {
        text: "Use a loop and show the output",
        flagged: false,
        why: "a bare verb with its object (\"a loop\") is an instruction",
    },
    Case {
        text: "Finally, tell us about the release you are proudest of.",
        flagged: false,
        why: "a discourse word before the verb does not change the instruction",
    },
    Case {
        text: "Given an array of prices, find the best day to sell.",
        flagged: false,
        why: "an opening \"Given …,\" clause, then an instruction",
    },
    Case {
        text: "Your service drops requests at peak. Walk us through the fix",
        flagged: false,
        why: "a scenario, then an instruction in its own sentence",
    },
    Case {
        text: "A B-tree node holds between ___ and ___ keys",
        flagged: false,
        why: "a blank to fill in is a prompt (a cloze)",
    },
];

/// True for a question, an instruction or a blank to fill in, also after a short label
/// ("Behavioral: Tell me about …") or a sentence setting a scenario.
fn is_prompt(text: &str) -> bool {
    ends_with_question_mark(text)
        || has_blank(text)
        || sentences(text).any(|sentence| {
            opens_prompt(sentence)
                || sentence.split_once(':').is_some_and(|(label, rest)| {
                    label.split_whitespace().count() <= 3 && opens_prompt(rest)
                })
        })
}

/// A blank the answer fills in: a run of three or more underscores, or a word of underscores
/// alone ("one or more _"); not the underscores of a name (`__init__`).
fn has_blank(text: &str) -> bool {
    text.contains("___")
        || text.split_whitespace().any(|word| {
            let word = word.trim_matches(|c: char| c.is_ascii_punctuation() && c != '_');
            !word.is_empty() && word.chars().all(|c| c == '_')
        })
}

/// The sentences of `text`: split after `.` or `!` followed by white space ("Node.js" stays whole).
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let ends = (0..bytes.len()).filter(move |&i| {
        matches!(bytes[i], b'.' | b'!') && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace)
    });
    let mut start = 0;
    ends.map(|i| i + 1)
        .chain(std::iter::once(text.len()))
        .map(move |end| {
            let sentence = &text[start..end];
            start = end;
            sentence
        })
}

/// True for text opening with a question word, a prompt verb or a bare verb with its object,
/// possibly after discourse words or an opening clause. A first word joined by a hyphen is part of
/// a compound noun ("Write-ahead logging", "How-to guides").
fn opens_prompt(text: &str) -> bool {
    let clause = after_connectives(text);
    if ends_with_question_mark(clause) {
        return true;
    }
    let rest = clause.trim_start_matches(|c: char| !c.is_alphanumeric());
    let word_end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .unwrap_or(rest.len());
    if rest[word_end..].starts_with('-') {
        return false;
    }
    CUES.is_question_like(clause)
        || opens_with_bare_verb(clause)
        || after_opening_clause(clause).is_some_and(|(opening, main)| {
            let main = after_connectives(main);
            CUES.is_question_like(main)
                || opens_with_bare_verb(main)
                || (PREMISES.contains(&opening.as_str()) && first_word_is_bare_verb(main))
        })
}

/// After a premise ("Given an array of ints, return …") the main clause has no subject: a bare verb
/// opens it, with or without an object opener.
fn first_word_is_bare_verb(text: &str) -> bool {
    text.split_whitespace().next().is_some_and(is_bare_verb)
}

/// `text` without the discourse words that open it ("Finally,", "Now", "And then").
fn after_connectives(text: &str) -> &str {
    let mut rest = text;
    for _ in 0..2 {
        let word = first_word(rest);
        if !CONNECTIVES.contains(&word.as_str()) {
            break;
        }
        rest = after_first_word(rest).trim_start_matches([',', ' ', '\t']);
    }
    rest
}

/// The first word of an opening clause and the main clause after it ("Given an array, find …",
/// "Using recursion, write …", "In the code below, spot …"): an opening clause starts with a
/// participle, a premise, a preposition or a subordinating conjunction and ends at the first comma.
fn after_opening_clause(text: &str) -> Option<(String, &str)> {
    let (opening, main) = text.split_once(',')?;
    let word = first_word(opening);
    let opens_clause = is_participle(&word)
        || PREMISES.contains(&word.as_str())
        || FUNCTION_WORDS.contains(&word.as_str());
    opens_clause.then_some((word, main))
}

/// True when `text` opens with a bare verb followed by the start of its object: "Use a loop",
/// "Make this work", "Set up a cluster". The first word is not a function word, not a participle
/// and not a third-person or plural form in -s ("Returns the …", "Containers all the way").
fn opens_with_bare_verb(text: &str) -> bool {
    let mut words = text
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(' ');
    if !words.next().is_some_and(is_bare_verb) {
        return false;
    }
    let mut next = words.next().map(bare_word).unwrap_or_default();
    if PARTICLES.contains(&next.as_str()) {
        next = words.next().map(bare_word).unwrap_or_default();
    }
    OBJECT_OPENERS.contains(&next.as_str())
}

/// A word that can be the bare form of a verb: letters only, not a function word, a participle or
/// a form in -s (but "Discuss", "Focus").
fn is_bare_verb(word: &str) -> bool {
    let lower = word.to_lowercase();
    word.len() > 1
        && word.chars().all(|c| c.is_ascii_alphabetic())
        && !FUNCTION_WORDS.contains(&lower.as_str())
        && !is_participle(&lower)
        && !(lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us"))
}

/// A present or past participle: "-ing", "-ed", or an irregular one ("given").
fn is_participle(word: &str) -> bool {
    word.ends_with("ing") || word.ends_with("ed") || IRREGULAR_PARTICIPLES.contains(&word)
}

/// A word lower-cased, without the punctuation after it ("it." → "it").
fn bare_word(word: &str) -> String {
    word.trim_end_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// `text` after its first word.
fn after_first_word(text: &str) -> &str {
    let rest = text.trim_start_matches(|c: char| !c.is_alphanumeric());
    let end = rest
        .find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .unwrap_or(rest.len());
    &rest[end..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::rules::test_support::{assert_documented_cases, flagged_in_question};

    fn flagged(question: &str) -> Vec<String> {
        flagged_in_question(&QuestionForm, question)
    }

    #[test]
    fn flags_bare_topics() {
        assert_eq!(flagged("Kubernetes operators"), ["Kubernetes operators"]);
        assert_eq!(flagged("CAP theorem basics"), ["CAP theorem basics"]);
        assert_eq!(flagged("Write-ahead logging"), ["Write-ahead logging"]);
        assert_eq!(flagged("\"Two-phase commit.\""), ["\"Two-phase commit.\""]);
        assert_eq!(flagged("Your biggest weakness"), ["Your biggest weakness"]);
        assert_eq!(
            flagged("Kafka: consumer groups"),
            ["Kafka: consumer groups"]
        );
    }

    #[test]
    fn spares_questions_and_instructions() {
        assert!(flagged("Kubernetes operators?").is_empty());
        assert!(flagged("What is a Kubernetes operator").is_empty());
        assert!(flagged("“Why did you leave your last job”").is_empty());
        assert!(flagged("Explain the CAP theorem.").is_empty());
        assert!(flagged("Walk me through a deploy").is_empty());
        assert!(flagged("Summarize your last project.").is_empty());
        assert!(flagged("Does `fork()` copy memory").is_empty());
        assert!(flagged("Behavioral: Tell me about a conflict.").is_empty());
        assert!(flagged("").is_empty());
    }

    #[test]
    fn flags_noun_phrases_gerunds_and_statements() {
        for title in [
            "The CAP theorem",
            "Caching in the browser",
            "Sorting a linked list in place",
            "Using Docker in production",
            "Returns the index of the first match",
            "Precision-recall trade-off",
            "Rust in production. The good parts",
            "Docker, the container runtime",
            "Kafka vs. the rest",
            "Sharding, replication and failover",
            "Scaling, load balancing and queues",
        ] {
            assert_eq!(flagged(title), [title], "{title}");
        }
    }

    #[test]
    fn spares_instructions_by_their_grammar() {
        for prompt in [
            "Use a loop and show the output",
            "Write a function that reverses a string",
            "Create a for loop that counts to ten",
            "Make this work: pair([1, 2])",
            "Provide an example of a time you disagreed.",
            "Consider the following code",
            "Set up a replica and promote it",
            "Finally, tell us about your side project.",
            "Now, list three ways to shard a table",
            "Next sort them by date",
            "Given an array of ints, find the two that sum to k",
            "Given an array of ints and a target, return indices of two that add up to it",
            "Suppose the cache is cold, estimate the first-request latency",
            "Using recursion, compute the depth of a tree",
            "In the snippet below, spot the race",
            "You have a slow endpoint. Profile it and report what you find",
            "Your API times out under load. Demonstrate how to find the cause",
        ] {
            assert!(flagged(prompt).is_empty(), "{prompt}");
        }
    }

    #[test]
    fn spares_blanks_to_fill_in() {
        assert!(flagged("A pod runs one or more ____ on a node").is_empty());
        assert!(flagged("In TCP the ___ flag opens a connection").is_empty());
        assert!(flagged("A pod runs one or more _").is_empty());
        assert!(flagged("The default port is __.").is_empty());
        assert_eq!(flagged("The __init__ method"), ["The __init__ method"]);
    }

    #[test]
    fn documented_cases_hold() {
        assert_documented_cases(CASES, flagged);
    }
}
