//! The Markdown study document (`export::markdown`) reads back to the same cards: exports planned over
//! generated documents, with deck names and titles that read like questions.

use std::io::Cursor;

use prep::SourceKind;
use prep::export::{Export, Exporter, Markdown};
use prep::model::Card;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::TestCaseError;

use crate::common;
use crate::common::proptest_config as config;

use super::checks::*;
use super::generate::*;

// ---------------------------------------------------------------------------------------------------
// 4. The Markdown study document reads back to the same cards.
// ---------------------------------------------------------------------------------------------------

/// Deck names; two read like questions, so their section headings must not become cards, and two
/// share a last component.
const DECKS: &[&str] = &[
    "Interview questions::Backend",
    "Interview questions::Why Rust?",
    "Interview questions::Explain yourself",
    "Other::Backend",
];

/// Titles, two of which the parser would read as a question if written as they are.
const TITLES: &[&str] = &[
    "Interview questions",
    "How to pass a backend interview?",
    "Q: study notes",
];

/// Questions with Markdown markup, raw HTML, markers the parser strips, and prompts that do not
/// read like questions.
const MARKED_UP_QUESTIONS: &[&str] = &[
    "What does `#[derive]` do?",
    "Is 2 * 3 * 4 = 24?",
    "Why is <script>alert(1)</script> dangerous?",
    "C# or F#? #",
    r"What is a\*b \ c?",
    "Explain [links](x) and ![images](y)",
    "&amp; or &?",
    "Kubernetes basics",
    "1. What comes first?",
    "Q: What is a marker?",
    "Answer: is this one?",
    "Example: what is this?",
    "What's ~~struck~~ | piped?",
    "# of users?",
    "- a bullet?",
    "<!-- comment --> What?",
    "_emphasis_ and __strong__?",
];

/// How one card is exported.
#[derive(Debug, Clone)]
struct Plan {
    deck: usize,
    /// A question to use instead of the card's own.
    question: Option<String>,
    /// Questions of merged duplicates.
    alternates: Vec<String>,
}

/// A marked-up question, or any printable ASCII (every character Markdown gives a meaning to), with
/// its white space collapsed as the parsers leave a question.
fn export_question() -> impl Strategy<Value = String> {
    prop_oneof![
        select(MARKED_UP_QUESTIONS).prop_map(str::to_owned),
        "[!-~][ -~]{0,40}".prop_map(|q| q.split_whitespace().collect::<Vec<_>>().join(" ")),
    ]
}

fn plan_strategy() -> impl Strategy<Value = Plan> {
    (
        0..DECKS.len(),
        prop::option::weighted(0.3, export_question()),
        prop::collection::vec(export_question(), 0..=2),
    )
        .prop_map(|(deck, question, alternates)| Plan {
            deck,
            question,
            alternates,
        })
}

/// The export of `cards`, the `k`th card planned by `plans[k % plans.len()]`.
fn export_of(cards: Vec<Card>, plans: &[Plan], title: &str) -> Export {
    let entries = cards
        .into_iter()
        .enumerate()
        .map(|(k, mut card)| {
            let plan = &plans[k % plans.len()];
            if let Some(question) = &plan.question {
                card.question = question.clone();
            }
            let mut entry = common::export::entry(&format!("g{k}"), DECKS[plan.deck], card);
            for (n, question) in plan.alternates.iter().enumerate() {
                let duplicate = common::export::card("0", "dup.md", n + 1, question, SENTENCES[n]);
                entry.alternates.push(common::export::alternate(&duplicate));
                if *question != entry.card.question {
                    entry.also_asked_as.push(question.clone());
                }
            }
            entry
        })
        .collect();
    Export {
        title: title.to_owned(),
        entries,
        modified: 0,
        media: Default::default(),
    }
}

/// The export's cards in the document's order: grouped by deck in order of first appearance,
/// source order within a deck.
fn in_document_order(export: &Export) -> Vec<Fields> {
    let mut decks: Vec<&str> = Vec::new();
    for entry in &export.entries {
        if !decks.contains(&entry.deck.as_str()) {
            decks.push(&entry.deck);
        }
    }
    decks
        .iter()
        .flat_map(|deck| export.entries.iter().filter(move |e| e.deck == *deck))
        .map(|e| Fields {
            question: e.card.question.clone(),
            answer: e.card.answer.clone(),
            example: e.card.example.clone(),
        })
        .collect()
}

fn check_study_document(
    generated: &Generated,
    plans: &[Plan],
    title: &str,
) -> Result<(), TestCaseError> {
    let layout = generated.layout;
    let parsed = parse(layout.file_name(), layout.kind(), &generated.text);
    check_nothing_lost(&generated.text, &parsed)?;
    let export = export_of(parsed.cards, plans, title);
    let mut out = Cursor::new(Vec::new());
    Markdown.write(&export, &mut out).unwrap();
    let markdown = String::from_utf8(out.into_inner()).unwrap();
    let read = parse("cards.md", SourceKind::Markdown, &markdown);
    check_nothing_lost(&markdown, &read)?;
    prop_assert_eq!(
        fields(&read.cards),
        in_document_order(&export),
        "Markdown written:\n{}",
        markdown
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(128))]

    /// Cards parsed from every layout, exported with marked-up questions, decks named like questions
    /// and merged duplicates, read back from the study document to exactly their questions, answers
    /// and examples: the parsed fields are already in the parser's form (trimmed, blocks joined by
    /// one blank line), so no normalisation is allowed.
    #[test]
    fn study_document_reads_back_to_the_same_cards(
        generated in documents(ALL_LAYOUTS, Variations::default()),
        plans in prop::collection::vec(plan_strategy(), 1..=8),
        title in select(TITLES),
    ) {
        check_study_document(&generated, &plans, title)?;
    }
}
