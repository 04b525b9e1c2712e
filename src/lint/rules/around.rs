//! Reading the words around a phrase match: its field, its sentence so far, the word after it and
//! the words before it in its clause. What the phrase rules judge a match by.

use std::ops::Range;

use crate::lint::{Field, Prose};

/// The text of the field a finding is in (the whole field: context may lie outside the prose
/// range the match is in, past emphasis or code).
pub(crate) fn field_text<'a>(prose: &Prose<'a>, field: Field) -> &'a str {
    prose
        .fields
        .iter()
        .find(|(f, ..)| *f == field)
        .map_or("", |(_, text, _)| text)
}

/// How far the sentence around a match is read, in bytes: a sentence is rarely longer, and a
/// bound keeps the cost of a match from growing with the field.
pub(crate) const SENTENCE_REACH: usize = 400;

/// The text from the start of its sentence to `start` (at most [`SENTENCE_REACH`] bytes back).
pub(crate) fn sentence_before(text: &str, start: usize) -> &str {
    let mut from = start.saturating_sub(SENTENCE_REACH);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let before = &text[from..start];
    let begin = [". ", "? ", "! ", "\n"]
        .iter()
        .filter_map(|stop| before.rfind(stop).map(|at| at + stop.len()))
        .max()
        .unwrap_or(0);
    &before[begin..]
}

/// Bytes that format prose without being part of it: spaces and Markdown emphasis.
pub(crate) fn is_filler(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'*' | b'_')
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'\''
}

/// The word after byte `end`, past spaces and emphasis (not past punctuation or a line break).
pub(crate) fn next_word(text: &str, end: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let start = end + bytes[end..].iter().take_while(|&&b| is_filler(b)).count();
    let len = bytes[start..]
        .iter()
        .take_while(|&&b| is_word_byte(b))
        .count();
    (len > 0 && bytes[start].is_ascii_alphabetic()).then_some(start..start + len)
}

/// Up to `n` words before byte `start` within its clause, nearest first: the walk stops at
/// punctuation or a line break, and steps over spaces and emphasis.
pub(crate) fn words_before(text: &str, start: usize, n: usize) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut words = Vec::new();
    let mut at = start;
    while words.len() < n {
        at -= bytes[..at]
            .iter()
            .rev()
            .take_while(|&&b| is_filler(b))
            .count();
        let len = bytes[..at]
            .iter()
            .rev()
            .take_while(|&&b| is_word_byte(b))
            .count();
        if len == 0 {
            break;
        }
        words.push(&text[at - len..at]);
        at -= len;
    }
    words
}
