//! Closing a card: its answer rendered from the source, placeholders and unfilled templates made
//! empty, a heading over nothing but links turned back into a section; and the small judgements
//! on question and section text.

use std::ops::Range;

use super::super::outline::Paragraph;
use super::super::render::{Region, render};
use super::{Opener, Walk};
use crate::model::{Card, CardId, CardMap, SourceRef};
use crate::source::cues::{Marker, is_placeholder, marker};
use crate::source::faq_tags;
use crate::source::field::FieldText;

impl Walk<'_> {
    /// Ends the open card at `end`: renders its answer and makes the card.
    pub(super) fn close(&mut self, end: usize) {
        let Some(open) = self.open.take() else {
            return;
        };
        let source = self.source();
        let region_end = end.max(open.question_end);
        // Holes come in source order; only those after the question can touch this answer.
        let first_hole = self.holes.partition_point(|h| h.end <= open.question_end);
        let region = Region {
            range: open.question_end..region_end,
            indent: open.indent,
            holes: &self.holes[first_hole..],
            example: open.example.filter(|(at, _)| *at < region_end),
        };
        let rendered = render(source, self.outline, &region);
        let (mut answer, mut example) = (rendered.answer, rendered.example);
        for field in [&mut answer, &mut example] {
            if is_placeholder(&field.text) {
                *field = FieldText::default();
            }
        }
        if is_empty_template(&answer.text) && example.is_empty() {
            answer = FieldText::default();
        }
        if matches!(open.opener, Opener::Heading(_))
            && is_link_list(&answer.text)
            && example.is_empty()
        {
            // A heading over nothing but links names a list of links; it asks nothing.
            self.section = Some(open.question.text.clone());
            self.skip(&(open.start..region_end), "heading over a list of links");
            return;
        }
        let card_end = rendered
            .last
            .unwrap_or(open.question_end)
            .max(open.question_end);
        let card_end = open.start + source[open.start..card_end].trim_end().len();
        let (line, _) = self.index.line_col(source, open.start);
        let (end_line, _) = self
            .index
            .line_col(source, card_end.saturating_sub(1).max(open.start));
        let mut tags = self.tags.clone();
        tags.extend(faq_tags(open.section.as_deref()));
        self.cards.push(Card {
            id: CardId(String::new()),
            question: open.question.text,
            answer: answer.text,
            example: (!example.is_empty()).then_some(example.text),
            section: open.section,
            tags,
            source: SourceRef {
                file: self.file.display.clone(),
                line,
                end_line,
                offset: open.start,
                length: card_end - open.start,
            },
            map: CardMap {
                question: open.question.pieces,
                answer: answer.pieces,
                example: example.pieces,
            },
        });
    }
}

/// The question as a card shows it: marker, decoration and surplus white space removed, mapped to
/// its source bytes where it was copied unchanged.
pub(super) fn question_field(field: &FieldText) -> FieldText {
    let mut field = field.clone();
    field.trim();
    // Decoration before the question (`🔹 What is …?`) says nothing either.
    let decoration = field.text.len()
        - field
            .text
            .trim_start_matches(crate::source::cues::is_decoration)
            .len();
    field.drop_front(decoration);
    if let Some((Marker::Number(_) | Marker::Question, len)) = marker(&field.text) {
        field.drop_front(len);
        field.trim();
    }
    let keep = crate::source::cues::without_decoration(&field.text).len();
    field.truncate(keep);
    let collapsed = field.text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed != field.text {
        // Interior line breaks or runs of spaces: the text no longer maps one-to-one.
        let mut plain = FieldText::default();
        plain.push_synthetic(&collapsed);
        return plain;
    }
    field
}

/// A list item's question and where it ends: its first line when that is bold or ends in `?`
/// (the answer may follow on the next line), otherwise the whole paragraph (a question that wraps).
pub(super) fn item_question(p: &Paragraph, range: &Range<usize>) -> (FieldText, usize) {
    let first_line = crate::source::cues::ends_with_question_mark(&p.first_line.text);
    match p.first_line_end {
        Some(end) if p.bold_first_line || first_line => (question_field(&p.first_line), end),
        _ => (
            question_field(&p.text),
            p.inline_end.min(range.end).max(range.start),
        ),
    }
}

/// A section's name: the heading's text, without a `#` typed into it (`## # 2. Variables`).
pub(super) fn section_name(text: &str) -> String {
    let text = text.trim();
    let text = text.trim_start_matches('#').trim_start();
    crate::source::cues::without_decoration(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The label of a `<details>` toggle that only opens an answer: a few words naming the answer,
/// solution or explanation ("Answer", "Show answer", "See deep-dive answer", "Solution").
pub(super) fn is_toggle_label(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    words.len() <= 5
        && words.iter().any(|w| {
            matches!(
                w.as_str(),
                "answer" | "answers" | "solution" | "solutions" | "explanation"
            )
        })
}

/// An answer template whose labels were never filled in: "- Situation:", "- **Task:**", ….
fn is_empty_template(text: &str) -> bool {
    every_line(text, |line| {
        let line = line
            .trim_start_matches(['-', '*', '+'])
            .trim()
            .trim_matches(['*', '_'])
            .trim();
        line.ends_with(':') && line.split_whitespace().count() <= 4
    })
}

/// An answer that is nothing but a list of links.
fn is_link_list(text: &str) -> bool {
    every_line(text, |line| {
        let item = line.trim_start_matches(['-', '*', '+']).trim();
        (line.starts_with(['-', '*', '+']))
            && item.starts_with('[')
            && (item.ends_with(')') || item.ends_with(')'))
            && item.contains("](")
    })
}

/// Whether `text` has a line that is not blank and `holds` for each such line, trimmed.
fn every_line(text: &str, holds: impl Fn(&str) -> bool) -> bool {
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    lines.peek().is_some() && lines.all(holds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_templates() {
        assert!(is_empty_template(
            "- Situation:\n- Task:\n- **Action:**\n- Result:"
        ));
        assert!(!is_empty_template("- Situation: we shipped."));
        assert!(!is_empty_template(" \n\n"));
    }

    #[test]
    fn link_lists() {
        assert!(is_link_list(
            "- [Docs](https://a.io)\n\n  * [Blog](https://b.io)\n"
        ));
        assert!(!is_link_list("- [Docs](https://a.io)\n- See the docs."));
        assert!(!is_link_list("[Docs](https://a.io)"));
        assert!(!is_link_list(""));
    }

    #[test]
    fn toggle_labels() {
        assert!(is_toggle_label("Show answer"));
        assert!(is_toggle_label("See deep-dive answer"));
        assert!(is_toggle_label("Solution"));
        assert!(!is_toggle_label("See Class"));
        assert!(!is_toggle_label("Why is the answer 42 here and not 41?"));
    }
}
