//! Property tests for the parsers: they never panic, nothing is lost without a word (every non-blank
//! line is in a card or in a skipped block, see [`check_nothing_lost`]), every card's positions point
//! at the bytes it came from, hostile Markdown (unclosed HTML blocks, `</details>` followed by a
//! question, "back to top" links, tables of contents) costs no question, and `prep parse --format
//! md` and the Markdown study document (`export::Markdown`) read back to the same cards. Lines end
//! at `\n`, `\r\n` or a lone `\r`. (That normalising a question is idempotent is a unit test of
//! `src/normalize.rs`.)
//!
//! The realistic documents are assembled from layout-aware pieces (see [`Doc`] and [`render`]), so each
//! case knows the questions, answers and examples it wrote and checks the parser found exactly those.
//! A failing case prints the whole document. Failures are not persisted to a regressions file; run
//! deeper with `PROPTEST_CASES=20000 cargo test --test it parse_properties::`.
//!
//! The generator is in [`generate`], the checks in [`checks`], and the study document's property,
//! with the exports it plans, in [`study_document`]; the other properties are here.

use std::sync::LazyLock;

use prep::{ParseContext, SourceKind, parse_bytes};
use proptest::prelude::*;

use crate::common::coverage::source_lines;
use crate::common::markup_blind;
use crate::common::proptest_config as config;

/// Compiling the boilerplate patterns is slow in a debug build: once per test binary, not per case.
static CTX: LazyLock<ParseContext> = LazyLock::new(ParseContext::default);

mod checks;
mod generate;
mod study_document;

use checks::*;
use generate::*;

// ---------------------------------------------------------------------------------------------------
// 1. The parsers never panic, and lose no line.
// ---------------------------------------------------------------------------------------------------

/// Hostile text: from the [`NASTY`] alphabet, or as [`nasty_lines`].
fn nasty_input() -> impl Strategy<Value = String> {
    prop_oneof![nasty_text(), nasty_lines()]
}

proptest! {
    #![proptest_config(config(256))]

    /// Arbitrary bytes never panic either parser, exactly NUL bytes or invalid UTF-8 are refused (unless
    /// a UTF-16 byte-order mark comes first), and what is read loses no line.
    #[test]
    fn parse_bytes_never_panics_on_arbitrary_bytes(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        kind in kind(),
    ) {
        let decodable = !bytes.contains(&0) && std::str::from_utf8(&bytes).is_ok();
        // A UTF-16 byte-order mark makes NUL bytes and bytes that are not UTF-8 legitimate.
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        let result = parse_bytes("fuzz", kind, bytes.clone(), &CTX);
        if !utf16 {
            prop_assert_eq!(result.is_ok(), decodable);
        }
        if let (Ok(document), Ok(text)) = (&result, std::str::from_utf8(&bytes)) {
            check_nothing_lost(text, document)?;
        }
    }

    /// Hostile text never panics the plain-text parser, is never refused, loses no line, and
    /// whatever cards it gives keep the position contract and contain their questions.
    #[test]
    fn parse_bytes_never_panics_on_nasty_plain_text(text in nasty_input()) {
        let result = parse_bytes("fuzz.txt", SourceKind::PlainText, text.clone().into_bytes(), &CTX);
        prop_assert!(result.is_ok(), "valid UTF-8 without NUL bytes was refused");
        let document = result.unwrap();
        check_positions(&text, &document.cards)?;
        check_questions_in_spans(&text, &document.cards)?;
        check_nothing_lost(&text, &document)?;
    }
}

proptest! {
    // The panic needs a rare arrangement of lines: enough cases to meet it nearly every run.
    #![proptest_config(config(2048))]

    /// The same for the Markdown parser (a `<summary>` with tags inside is rewritten, so its
    /// questions need not appear verbatim in the span).
    #[test]

    fn parse_bytes_never_panics_on_nasty_markdown(text in nasty_input()) {
        let result = parse_bytes("fuzz.md", SourceKind::Markdown, text.clone().into_bytes(), &CTX);
        prop_assert!(result.is_ok(), "valid UTF-8 without NUL bytes was refused");
        let document = result.unwrap();
        check_positions(&text, &document.cards)?;
        check_nothing_lost(&text, &document)?;
    }
}

// ---------------------------------------------------------------------------------------------------
// 2. Realistic documents: exact positions, no line lost, and exactly the cards that were written.
// ---------------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(128))]

    /// For every card: its span lies in the file on character boundaries and contains its question,
    /// `line`/`end_line` are the lines of the span's first and last bytes, every piece maps exactly
    /// and lies in the span, ids are unique; every non-blank line is in a card or a skipped block;
    /// and the cards are exactly those written, field by field.
    #[test]
    fn generated_documents_parse_to_their_cards_with_exact_positions(
        generated in documents(ALL_LAYOUTS, Variations::default()),
    ) {
        check_generated(&generated)?;
    }

    /// The same for Markdown with white space after the last line of a block.
    #[test]

    fn generated_markdown_with_trailing_white_space_parses_to_its_cards(
        generated in documents(
            &[DocLayout::MdHeading, DocLayout::MdBold, DocLayout::MdDetails],
            Variations { markdown_trailing_space: true, ..Variations::default() },
        ),
    ) {
        check_generated(&generated)?;
    }

    /// The same documents with every line ended by a lone `\r` (old Mac files, some exports): the
    /// same cards, each `\r` counted as a line end.
    #[test]
    fn generated_documents_with_lone_cr_line_ends_parse_to_the_same_cards(
        generated in documents(ALL_LAYOUTS, Variations::default()).prop_map(with_lone_cr),
    ) {
        check_generated(&generated)?;
    }

    /// Plain-text questions numbered across 10000 (`9999.`, `10000.`, `10001. Describe …`) are each a
    /// card of their own, their numbers stripped like any other.
    #[test]
    fn numbered_questions_past_ten_thousand_lose_their_numbers(
        generated in numbered_from(9990..=10020),
    ) {
        let document = parse("page.txt", SourceKind::PlainText, &generated.text);
        check_questions(&generated.expected, &document.cards)?;
        check_generated(&generated)?;
    }
}

// ---------------------------------------------------------------------------------------------------
// 3. `prep parse --format md` reads back to the same cards.
// ---------------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(128))]

    /// Plain text → cards → Markdown → cards gives the same questions, answers and examples.
    #[test]
    fn markdown_output_reads_back_to_the_same_cards(
        generated in documents(PLAIN_LAYOUTS, Variations::default()),
    ) {
        check_round_trip(&generated)?;
    }

    #[test]

    fn markdown_output_keeps_q_prompts_that_are_not_questions(
        generated in documents(
            &[DocLayout::QaPairs, DocLayout::QuestionDash],
            Variations { statement_questions: true, ..Variations::default() },
        ),
    ) {
        check_round_trip(&generated)?;
    }

    #[test]

    fn markdown_output_keeps_lists_that_mix_markers(
        generated in documents(
            PLAIN_LAYOUTS,
            Variations { mixed_lists: true, ..Variations::default() },
        ),
    ) {
        check_round_trip(&generated)?;
    }

    /// `1. question` / `Answer: …` pages. (The `expected` a failure prints leaves the marker out, as
    /// the `Q:` layouts and the Markdown reader do; only the round trip is asserted here.)
    #[test]

    fn markdown_output_keeps_answer_markers_of_numbered_questions(
        generated in documents(
            &[DocLayout::Numbered, DocLayout::Bare],
            Variations { answer_markers_everywhere: true, ..Variations::default() },
        ),
    ) {
        check_round_trip(&generated)?;
    }
}

// ---------------------------------------------------------------------------------------------------
// 5. Hostile structures in Markdown: nothing lost, no question missed.
// ---------------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    /// Markdown documents with unclosed `<script>`/`<!--`/`<pre>`/`<style>`/`<textarea>` blocks, a bold
    /// question right under `</details>`, "back to top" links and tables of contents between their
    /// entries: every line is in a card or skipped, every question written is a card (and no other
    /// is), and answers are as written (markup-blind next to a hostile block).
    #[test]
    fn hostile_markdown_structures_lose_no_line_and_no_question(generated in hostile_documents()) {
        check_hostile(&generated)?;
    }
}

// ---------------------------------------------------------------------------------------------------
// 6. Regressions: pages that lost lines or questions.
// ---------------------------------------------------------------------------------------------------

fn qa(question: &str, answer: &str) -> Fields {
    Fields {
        question: question.to_owned(),
        answer: answer.to_owned(),
        example: None,
    }
}

/// Parses each `(file name, text, cards)` and panics with every failure of every case: positions,
/// questions, lines lost, then answers.
fn assert_parse_to(cases: &[(&str, String, Vec<Fields>)]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(name, text, expected)| {
            let kind = if name.ends_with(".md") {
                SourceKind::Markdown
            } else {
                SourceKind::PlainText
            };
            let document = parse(name, kind, text);
            let questions = check_questions(expected, &document.cards);
            // Answers are compared only once the cards line up with what was written.
            let answers = match questions {
                Ok(()) => check_fits(expected, &vec![Fit::Exact; expected.len()], &document.cards),
                Err(_) => Ok(()),
            };
            let lost = check_nothing_lost(text, &document);
            let positions = check_positions(text, &document.cards);
            all_of([
                positions,
                questions,
                lost,
                answers,
                check_reads_back(document),
            ])
            .err()
            .map(|failure| format!("{name} {text:?}:\n{}", message(failure)))
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// An unclosed raw HTML block ran to the end of the file and took every question after it.
#[test]
fn unclosed_html_blocks_do_not_swallow_the_questions_after_them() {
    let cases: Vec<_> = UNCLOSED
        .iter()
        .map(|tag| {
            let text = format!(
                "# Notes\n\n{tag}\n\n## What is A?\n\nA is a.\n\n<details>\n<summary>What is B?</summary>\n\n\
                 B is b.\n\n</details>\n\n## What is C?\n\nC is c.\n"
            );
            let cards = vec![
                qa("What is A?", "A is a."),
                qa("What is B?", "B is b."),
                qa("What is C?", "C is c."),
            ];
            ("notes.md", text, cards)
        })
        .collect();
    assert_parse_to(&cases);
}

/// A bold question on the line right after `</details>` shared its HTML block and vanished.
#[test]
fn bold_question_right_after_details_is_a_card() {
    let text = "<details>\n<summary>What is B?</summary>\n\nB is b.\n\n</details>\n**What is D?**\n\nD is d.\n";
    assert_parse_to(&[(
        "notes.md",
        text.to_owned(),
        vec![qa("What is B?", "B is b."), qa("What is D?", "D is d.")],
    )]);
}

/// Lone `\r` line ends were not line ends: a `.txt` became one card, and lines were miscounted.
#[test]
fn lone_cr_line_ends_are_line_ends() {
    let cards = || vec![qa("What is A?", "A is a."), qa("What is B?", "B is b.")];
    assert_parse_to(&[
        (
            "page.txt",
            "Interview questions\r\r1. What is A?\rA is a.\r\r2. What is B?\rB is b.\r".to_owned(),
            cards(),
        ),
        (
            "notes.md",
            "# Notes\r\r## What is A?\r\rA is a.\r\r## What is B?\r\rB is b.\r".to_owned(),
            cards(),
        ),
    ]);
}

/// From `10000.` on, numbers stayed in the question, and an imperative question merged into the card
/// before it. (Numbered from 1, the same page is the control.)
#[test]
fn numbered_questions_past_ten_thousand_are_cards_without_their_numbers() {
    let cases: Vec<_> = [1, 9999]
        .into_iter()
        .map(|first| {
            let text = format!(
                "{}. What is A?\nA is a.\n\n{}. What is B?\nB is b.\n\n\
                 {}. Describe a time you disagreed with a teammate\nWe talked it through.\n",
                first,
                first + 1,
                first + 2
            );
            let cards = vec![
                qa("What is A?", "A is a."),
                qa("What is B?", "B is b."),
                qa(
                    "Describe a time you disagreed with a teammate",
                    "We talked it through.",
                ),
            ];
            ("page.txt", text, cards)
        })
        .collect();
    assert_parse_to(&cases);
}

/// The checks' own reading of the contract: `\n`, `\r\n` and a lone `\r` each end a line, and a
/// leading BOM is not text.
#[test]
fn line_ends_and_markup_are_read_as_the_contract_says() {
    let text = "\u{feff}a\rb\r\nc\n\rd";
    assert_eq!(source_lines(text), ["a", "b", "c", "", "d"]);
    let lines: Vec<usize> = ['a', 'b', 'c', 'd']
        .iter()
        .map(|&c| line_of(text, text.find(c).unwrap()))
        .collect();
    assert_eq!(lines, [1, 2, 3, 5]);
    assert_eq!(
        line_of(text, text.find('\n').unwrap()),
        2,
        "the \\n of \\r\\n"
    );
    assert_eq!(markup_blind("**Q:** a  `b`\n\n- c\n 12) d"), "Q: a b c d");
}
