//! The checks of the parser properties: positions, nothing lost, the questions and answers written,
//! and reading back. Each returns every failure it finds, so a failing case shows them all.

use std::collections::BTreeSet;

use prep::model::{Card, ParsedDocument, Piece};
use prep::report::Emitter;
use prep::report::parse::{Markdown, ParseReport};
use prep::{ParseRun, SourceKind, parse_bytes};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

use crate::common::coverage::{ends_line, source_lines};
use crate::common::markup_blind;

use super::CTX;
use super::generate::*;

// ---------------------------------------------------------------------------------------------------
// Checks.
// ---------------------------------------------------------------------------------------------------

pub(super) fn parse(name: &str, kind: SourceKind, text: &str) -> ParsedDocument {
    parse_bytes(name, kind, text.as_bytes().to_vec(), &CTX)
        .unwrap_or_else(|problem| panic!("{name} did not decode: {problem}"))
}

/// The 1-based line holding byte `at`.
pub(super) fn line_of(text: &str, at: usize) -> usize {
    let bytes = text.as_bytes();
    (0..at).filter(|&i| ends_line(bytes, i)).count() + 1
}

pub(super) fn squashed(s: &str) -> String {
    s.split_whitespace().collect()
}

/// Each piece copies its field's bytes from exactly those bytes of the file, within the card's span.
pub(super) fn check_pieces(
    card: &Card,
    what: &str,
    field: &str,
    pieces: &[Piece],
    text: &str,
) -> Result<(), TestCaseError> {
    let span = card.source.offset..card.source.offset + card.source.length;
    for piece in pieces {
        let in_field = field.get(piece.field_offset..piece.field_offset + piece.len);
        let in_source = text.get(piece.source_offset..piece.source_offset + piece.len);
        prop_assert!(
            in_field.is_some() && in_field == in_source,
            "{} piece {:?} of {:?} maps {:?} to {:?}",
            what,
            piece,
            card.question,
            in_field,
            in_source
        );
        prop_assert!(
            span.start <= piece.source_offset && piece.source_offset + piece.len <= span.end,
            "{} piece {:?} of {:?} lies outside the card's span {:?}",
            what,
            piece,
            card.question,
            span
        );
    }
    Ok(())
}

/// The position contract of every card parsed from `text`: spans inside the file on character
/// boundaries, line numbers of their first and last bytes, exact pieces, unique ids.
pub(super) fn check_positions(text: &str, cards: &[Card]) -> Result<(), TestCaseError> {
    for card in cards {
        let source = &card.source;
        let end = source.offset + source.length;
        prop_assert!(end <= text.len(), "span {:?} runs past the file", source);
        prop_assert!(
            text.is_char_boundary(source.offset) && text.is_char_boundary(end),
            "span {:?} cuts a character",
            source
        );
        prop_assert!(source.length > 0, "empty span {:?}", source);
        prop_assert_eq!(
            (source.line, source.end_line),
            (line_of(text, source.offset), line_of(text, end - 1)),
            "line and end_line of {:?} are not those of its span {:?}",
            card.question,
            source
        );
        check_pieces(card, "question", &card.question, &card.map.question, text)?;
        check_pieces(card, "answer", &card.answer, &card.map.answer, text)?;
        let example = card.example.as_deref().unwrap_or_default();
        check_pieces(card, "example", example, &card.map.example, text)?;
    }
    let ids: BTreeSet<_> = cards.iter().map(|c| &c.id).collect();
    prop_assert_eq!(ids.len(), cards.len(), "card ids are not unique");
    Ok(())
}

/// Nothing is lost without a word: every non-blank line of `text` lies within some card's lines or
/// some skipped block's lines (a file skipped whole covers them all), `<details>` wrappers too.
pub(super) fn check_nothing_lost(
    text: &str,
    document: &ParsedDocument,
) -> Result<(), TestCaseError> {
    if document.skipped.iter().any(|s| s.line.is_none()) {
        return Ok(());
    }
    let cards = document.cards.iter().map(|c| {
        let what = format!("card {:?}", c.question);
        (c.source.line, c.source.end_line, what)
    });
    let skipped = document.skipped.iter().filter_map(|s| {
        let line = s.line?;
        Some((
            line,
            s.end_line.unwrap_or(line),
            format!("skipped: {}", s.reason),
        ))
    });
    let covered: Vec<_> = cards.chain(skipped).collect();
    let lost: Vec<String> = source_lines(text)
        .into_iter()
        .zip(1..)
        .filter(|&(line, n)| {
            !line.trim().is_empty() && !covered.iter().any(|(a, b, _)| (*a..=*b).contains(&n))
        })
        .map(|(line, n)| format!("  {n}: {line:?}"))
        .collect();
    if lost.is_empty() {
        return Ok(());
    }
    let mut covered = covered;
    covered.sort_by_key(|&(a, b, _)| (a, b));
    let covered: Vec<String> = covered
        .iter()
        .map(|(a, b, what)| format!("  {a}..={b} {what}"))
        .collect();
    Err(TestCaseError::fail(format!(
        "{} non-blank line(s) neither in a card nor skipped:\n{}\nlines accounted for:\n{}",
        lost.len(),
        lost.join("\n"),
        if covered.is_empty() {
            "  none".to_owned()
        } else {
            covered.join("\n")
        }
    )))
}

/// Every card's span contains its question, white space aside. (Not a contract for every input: a
/// `<summary>` with tags inside gives a rewritten question.)
pub(super) fn check_questions_in_spans(text: &str, cards: &[Card]) -> Result<(), TestCaseError> {
    for card in cards {
        let source = &card.source;
        let slice = text.get(source.offset..source.offset + source.length);
        prop_assert!(
            slice.is_some_and(|slice| squashed(slice).contains(&squashed(&card.question))),
            "span {:?} = {:?} does not contain the question {:?}",
            source,
            slice,
            card.question
        );
    }
    Ok(())
}

pub(super) fn check_generated(generated: &Generated) -> Result<(), TestCaseError> {
    let layout = generated.layout;
    let document = parse(layout.file_name(), layout.kind(), &generated.text);
    check_positions(&generated.text, &document.cards)?;
    check_questions_in_spans(&generated.text, &document.cards)?;
    check_nothing_lost(&generated.text, &document)?;
    prop_assert_eq!(
        document.cards.len(),
        generated.expected.len(),
        "number of cards"
    );
    prop_assert_eq!(fields(&document.cards), generated.expected.clone());
    Ok(())
}

/// The cards' questions are exactly those written, in order: none missing (swallowed by a block
/// before it, or merged into another card), none kept with its number, none made up.
pub(super) fn check_questions(expected: &[Fields], cards: &[Card]) -> Result<(), TestCaseError> {
    let written: Vec<&str> = expected.iter().map(|f| f.question.as_str()).collect();
    let found: Vec<&str> = cards.iter().map(|c| c.question.as_str()).collect();
    if found == written {
        return Ok(());
    }
    let mut unmatched = found.clone();
    let mut missing = Vec::new();
    for question in &written {
        match unmatched.iter().position(|q| q == question) {
            Some(k) => {
                unmatched.remove(k);
            }
            None => missing.push(*question),
        }
    }
    Err(TestCaseError::fail(format!(
        "questions written but not found as cards: {missing:#?}\n\
         cards whose question was not written: {unmatched:#?}\n\
         written: {written:#?}\nfound: {found:#?}"
    )))
}

/// Each card's answer and example match what was written as closely as its [`Fit`] asks.
pub(super) fn check_fits(
    expected: &[Fields],
    fits: &[Fit],
    cards: &[Card],
) -> Result<(), TestCaseError> {
    let written = expected.iter().zip(fits);
    for (card, (expected, &fit)) in fields(cards).iter().zip(written) {
        let matches = |found: &str, wanted: &str| match fit {
            Fit::Exact => found == wanted,
            Fit::Blind => markup_blind(found) == markup_blind(wanted),
            Fit::BlindPrefix => markup_blind(found).starts_with(&markup_blind(wanted)),
        };
        let example_matches = match (&card.example, &expected.example) {
            (None, None) => true,
            (Some(found), Some(wanted)) => matches(found, wanted),
            _ => false,
        };
        prop_assert!(
            matches(&card.answer, &expected.answer) && example_matches,
            "the card {:?} does not match what was written ({:?}):\nfound:   {:#?}\nwritten: {:#?}",
            card.question,
            fit,
            card,
            expected
        );
    }
    Ok(())
}

/// A Markdown document with hostile blocks: positions exact, nothing lost, every question written
/// found, and answers as written up to what the blocks next to them may change.
pub(super) fn check_hostile(generated: &Generated) -> Result<(), TestCaseError> {
    let document = parse("page.md", SourceKind::Markdown, &generated.text);
    check_positions(&generated.text, &document.cards)?;
    let questions = check_questions(&generated.expected, &document.cards);
    let lost = check_nothing_lost(&generated.text, &document);
    all_of([questions, lost])?;
    check_fits(&generated.expected, &generated.fits, &document.cards)?;
    check_reads_back(document)
}

/// `prep parse --format md` of a parsed document reads back to the same cards, losing no line.
pub(super) fn check_reads_back(document: ParsedDocument) -> Result<(), TestCaseError> {
    let before = fields(&document.cards);
    let markdown = to_markdown(document);
    let again = parse("again.md", SourceKind::Markdown, &markdown);
    check_nothing_lost(&markdown, &again)?;
    prop_assert_eq!(
        before,
        fields(&again.cards),
        "Markdown written:\n{}",
        markdown
    );
    Ok(())
}

/// The text of a failed check, without proptest's framing.
pub(super) fn message(failure: TestCaseError) -> String {
    match failure {
        TestCaseError::Fail(reason) | TestCaseError::Reject(reason) => reason.message().to_owned(),
    }
}

/// Every failure among `checks`, in one message.
pub(super) fn all_of<const N: usize>(
    checks: [Result<(), TestCaseError>; N],
) -> Result<(), TestCaseError> {
    let failures: Vec<String> = checks
        .into_iter()
        .filter_map(Result::err)
        .map(message)
        .collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(TestCaseError::fail(failures.join("\n\n")))
    }
}

pub(super) fn to_markdown(document: ParsedDocument) -> String {
    let mut run = ParseRun::default();
    run.documents.push(document);
    let mut out = Vec::new();
    Markdown.emit(&ParseReport { run: &run }, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

pub(super) fn check_round_trip(generated: &Generated) -> Result<(), TestCaseError> {
    let first = parse("page.txt", SourceKind::PlainText, &generated.text);
    check_nothing_lost(&generated.text, &first)?;
    let before = fields(&first.cards);
    prop_assert!(!before.is_empty(), "no cards to round-trip");
    let markdown = to_markdown(first);
    let second = parse("page.md", SourceKind::Markdown, &markdown);
    check_nothing_lost(&markdown, &second)?;
    prop_assert_eq!(
        before,
        fields(&second.cards),
        "Markdown written:\n{}",
        markdown
    );
    Ok(())
}
