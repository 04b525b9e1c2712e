//! The Markdown parser: notes and interview-question repositories in `.md` files.
//!
//! Owns the pulldown-cmark options (in [`cmark_options`], the one place they are set) and the
//! question layouts of Markdown: question headings, bold-question paragraphs, `Q:` paragraphs and
//! `<details><summary>` blocks, plus YAML front matter. Answers are copied from the source verbatim,
//! so code blocks, lists and inline markup survive exactly.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::Options;
use regex::Regex;
use serde::Deserialize;

use crate::model::{
    Card, CardId, CardMap, DocumentMeta, Layout, ParsedDocument, Skipped, SourceRef,
};
use crate::source::cues::{Marker, marker};
use crate::source::field::FieldText;
use crate::source::lines::LineIndex;
use crate::source::{ParseContext, SourceFile, faq_tags};

mod blocks;

use blocks::{Block, BlockKind, ParagraphFacts, blocks};

pub const LAYOUTS_TRIED: &[Layout] = &[Layout::Markdown];

/// The pulldown-cmark options every Markdown reader and writer in `prep` uses.
pub fn cmark_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
}

#[derive(Debug, Default, Deserialize)]
struct FrontMatter {
    title: Option<String>,
    deck: Option<String>,
    #[serde(default)]
    tags: Tags,
}

/// `tags: [a, b]`, a YAML list, or `tags: a, b`.
#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum Tags {
    #[default]
    None,
    List(Vec<String>),
    Text(String),
}

impl Tags {
    fn into_vec(self) -> Vec<String> {
        match self {
            Tags::None => Vec::new(),
            Tags::List(tags) => tags,
            Tags::Text(text) => text.split([',', ' ']).map(str::to_owned).collect(),
        }
        .into_iter()
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
    }
}

static SUMMARY: LazyLock<Regex> = LazyLock::new(|| {
    #[expect(
        clippy::expect_used,
        reason = "constant pattern, exercised by the tests"
    )]
    Regex::new(r"(?is)<summary[^>]*>(.*?)</summary\s*>").expect("valid pattern")
});
static DETAILS_END: LazyLock<Regex> = LazyLock::new(|| {
    #[expect(
        clippy::expect_used,
        reason = "constant pattern, exercised by the tests"
    )]
    Regex::new(r"(?i)</details\s*>").expect("valid pattern")
});
/// An `Example:` marker as written in Markdown source, emphasis included: `**Example:**`, `_Example_:`.
static EXAMPLE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    #[expect(clippy::expect_used, reason = "constant pattern, exercised by the tests")]
    Regex::new(
        r"^[ \t]*[*_]*[ \t]*(?i:example|example answer|sample answer|example response|sample response)[ \t]*[*_]*[ \t]*:[ \t]*[*_]*[ \t]*",
    )
    .expect("valid pattern")
});
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    #[expect(
        clippy::expect_used,
        reason = "constant pattern, exercised by the tests"
    )]
    Regex::new(r"<[^>]*>").expect("valid pattern")
});

/// How the open card was started, which decides what ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    Heading(u8),
    Paragraph,
    Details,
}

/// A card being collected: its question and the source ranges of its body.
struct OpenCard {
    opener: Opener,
    question: FieldText,
    start: usize,
    question_end: usize,
    section: Option<String>,
    segments: Vec<Range<usize>>,
    /// Index into `segments` and source offset where the example part starts.
    example_from: Option<(usize, usize)>,
}

struct Walk<'a> {
    file: &'a SourceFile,
    ctx: &'a ParseContext,
    index: LineIndex,
    meta: DocumentMeta,
    tags: Vec<String>,
    section: Option<String>,
    /// Whether the document's title heading has been seen.
    titled: bool,
    open: Option<OpenCard>,
    cards: Vec<Card>,
    skipped: Vec<Skipped>,
}

pub fn parse(file: &SourceFile, ctx: &ParseContext) -> ParsedDocument {
    let source = file.text.as_str();
    let base = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut walk = Walk {
        file,
        ctx,
        index: LineIndex::new(source),
        meta: DocumentMeta::default(),
        tags: Vec::new(),
        section: None,
        titled: false,
        open: None,
        cards: Vec::new(),
        skipped: Vec::new(),
    };
    for block in blocks(source, base) {
        walk.block(block);
    }
    walk.close();
    crate::source::ids::assign_ids(&file.key, &mut walk.cards);
    ParsedDocument {
        file: file.display.clone(),
        layout: (!walk.cards.is_empty()).then_some(Layout::Markdown),
        meta: walk.meta,
        cards: walk.cards,
        skipped: walk.skipped,
    }
}

/// Strips a `12.` / `Q3:` / `Question 4 –` marker and surrounding white space from a question.
fn strip_question_marker(field: &mut FieldText) {
    field.trim();
    if let Some((Marker::Number(_) | Marker::Question, len)) = marker(&field.text) {
        field.drop_front(len);
        field.trim();
    }
    let collapsed = field.text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed != field.text {
        // Interior line breaks or runs of spaces: the text no longer maps one-to-one.
        *field = FieldText::default();
        field.push_synthetic(&collapsed);
    }
}

impl Walk<'_> {
    fn source(&self) -> &str {
        &self.file.text
    }

    fn skip(&mut self, range: &Range<usize>, reason: impl Into<String>) {
        let source = self.source();
        let end = range.start.max(range.end.saturating_sub(1));
        let (line, _) = self.index.line_col(source, range.start);
        let (end_line, _) = self.index.line_col(source, end);
        self.skipped.push(Skipped {
            file: self.file.display.clone(),
            line: Some(line),
            end_line: Some(end_line),
            reason: reason.into(),
            excerpt: Skipped::excerpt_of(&source[range.clone()]),
        });
    }

    fn boilerplate_reason(&self, range: &Range<usize>) -> Option<String> {
        self.source()[range.clone()].lines().find_map(|line| {
            self.ctx
                .boilerplate
                .classify(line.trim())
                .map(|r| format!("boilerplate: {r}"))
        })
    }

    fn block(&mut self, block: Block) {
        let Block { range, kind } = block;
        match kind {
            BlockKind::FrontMatter(yaml) => self.front_matter(&yaml, &range),
            BlockKind::Heading { level, mut text } => {
                // `## Q: Kubernetes basics` is a question by its marker, phrased as one or not.
                let marked = matches!(marker(text.text.trim()), Some((Marker::Question, _)));
                strip_question_marker(&mut text);
                if marked && !text.is_empty() || self.ctx.cues.is_question_like(&text.text) {
                    self.open_card(Opener::Heading(level), text, range.clone(), range.end);
                } else {
                    self.plain_heading(level, text.text, range);
                }
            }
            BlockKind::Paragraph(facts) => self.paragraph(facts, range),
            BlockKind::Html => self.html(range),
            BlockKind::Other => self.body(range, None),
        }
    }

    fn front_matter(&mut self, yaml: &str, range: &Range<usize>) {
        match serde_norway::from_str::<FrontMatter>(yaml) {
            Ok(front) => {
                self.meta.title = front.title;
                self.meta.deck = front.deck;
                self.tags = front.tags.into_vec();
            }
            Err(err) => self.skip(range, format!("front matter that is not valid YAML: {err}")),
        }
    }

    /// A heading that is not a question: a sub-heading of an answer, the title, or a section.
    fn plain_heading(&mut self, level: u8, text: String, range: Range<usize>) {
        let inside_answer = match self.open.as_ref().map(|c| c.opener) {
            Some(Opener::Heading(open_level)) => level > open_level,
            Some(Opener::Details) => true,
            _ => false,
        };
        if inside_answer {
            self.body(range, None);
            return;
        }
        self.close();
        let first_heading = self.cards.is_empty() && self.section.is_none() && !self.titled;
        if first_heading && level == 1 {
            // Front matter's title wins for the deck; the heading is the page's title either way.
            self.titled = true;
            self.meta.title.get_or_insert(text);
            self.skip(&range, "document title");
        } else {
            self.section = Some(text);
            self.skip(&range, "heading (section of the cards below it)");
        }
    }

    fn paragraph(&mut self, facts: ParagraphFacts, range: Range<usize>) {
        let mut first = facts.first_line;
        let starts_with_q = matches!(marker(first.text.trim()), Some((Marker::Question, _)));
        strip_question_marker(&mut first);
        let is_question = (facts.bold_first_line || starts_with_q)
            && !first.text.is_empty()
            && (starts_with_q || self.ctx.cues.is_question_like(&first.text))
            && self
                .open
                .as_ref()
                .is_none_or(|c| c.opener != Opener::Details);
        if is_question {
            let question_end = facts.first_line_end.unwrap_or(range.end);
            let rest = facts.first_line_end.map(|at| at..range.end);
            self.open_card(Opener::Paragraph, first, range, question_end);
            if let Some(rest) = rest {
                let rest_start = self.skip_answer_marker(rest.start, rest.end);
                self.body(rest_start..rest.end, None);
            }
            return;
        }
        let example_at = match marker(first.text.trim_start()) {
            Some((Marker::Example, _)) => EXAMPLE_MARKER
                .find(&self.source()[range.clone()])
                .map(|m| range.start + m.end()),
            _ => None,
        };
        let range = match (example_at, self.open.is_some()) {
            (None, true) => self.skip_answer_marker(range.start, range.end)..range.end,
            _ => range,
        };
        self.body(range, example_at);
    }

    /// Skips an `A:` / `Answer:` marker (bold or not) at the start of an answer.
    fn skip_answer_marker(&self, start: usize, end: usize) -> usize {
        let text = &self.source()[start..end];
        let trimmed = text.trim_start();
        let lead = text.len() - trimmed.len();
        let unbolded = trimmed.trim_start_matches("**");
        let bold = trimmed.len() - unbolded.len();
        match marker(unbolded) {
            Some((Marker::Answer, len)) if self.open.is_some() => {
                let after = &unbolded[len..];
                let after_bold = after.trim_start_matches("**").trim_start();
                start + lead + bold + len + (after.len() - after_bold.len())
            }
            _ => start,
        }
    }

    /// An HTML block: a `<details>` question, the `</details>` that ends one, or other HTML.
    fn html(&mut self, range: Range<usize>) {
        let source = &self.file.text;
        let html = &source[range.clone()];
        let summary = SUMMARY.captures(html).and_then(|c| {
            let whole = c.get(0)?;
            let inner = c.get(1)?;
            Some((
                range.start + whole.start(),
                range.start + whole.end(),
                inner,
            ))
        });
        if let Some((summary_start, summary_end, inner)) = summary {
            let question = summary_question(source, range.start + inner.start(), inner.as_str());
            if self.ctx.cues.is_question_like(&question.text) {
                self.open_card(
                    Opener::Details,
                    question,
                    summary_start..range.end,
                    summary_end,
                );
                let rest = &source[summary_end..range.end];
                match DETAILS_END.find(rest) {
                    Some(end) => {
                        self.body(summary_end..summary_end + end.start(), None);
                        self.close();
                    }
                    None => self.body(summary_end..range.end, None),
                }
                return;
            }
        }
        let in_details = self
            .open
            .as_ref()
            .is_some_and(|c| c.opener == Opener::Details);
        if in_details && let Some(end) = DETAILS_END.find(html) {
            self.body(range.start..range.start + end.start(), None);
            self.close();
            return;
        }
        self.body(range, None);
    }

    /// A block of body text: part of the open card's answer (or example, from `example_at`), or skipped.
    fn body(&mut self, range: Range<usize>, example_at: Option<usize>) {
        let trimmed_len = self.source()[range.clone()].trim_end().len();
        let range = range.start..range.start + trimmed_len;
        if range.is_empty() || self.source()[range.clone()].trim().is_empty() {
            return;
        }
        if let Some(reason) = self.boilerplate_reason(&range) {
            self.skip(&range, reason);
            return;
        }
        let Some(open) = &mut self.open else {
            let reason = if self.cards.is_empty() && self.section.is_none() {
                "text before the first question"
            } else {
                "text under a heading, before its first question"
            };
            self.skip(&range, reason);
            return;
        };
        if let (Some(at), None) = (example_at, open.example_from) {
            open.example_from = Some((open.segments.len(), at));
        }
        open.segments.push(range);
    }

    fn open_card(
        &mut self,
        opener: Opener,
        question: FieldText,
        range: Range<usize>,
        question_end: usize,
    ) {
        self.close();
        self.open = Some(OpenCard {
            opener,
            question,
            start: range.start,
            question_end,
            section: self.section.clone(),
            segments: Vec::new(),
            example_from: None,
        });
    }

    fn close(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let source = self.file.text.as_str();
        let mut answer = FieldText::default();
        let mut example = FieldText::default();
        for (i, segment) in open.segments.iter().enumerate() {
            let (field, range) = match open.example_from {
                // The marker may be followed only by white space that the segment no longer has.
                Some((from, at)) if i == from => (
                    &mut example,
                    at.clamp(segment.start, segment.end)..segment.end,
                ),
                Some((from, _)) if i > from => (&mut example, segment.clone()),
                _ => (&mut answer, segment.clone()),
            };
            if !field.is_empty() {
                field.push_synthetic("\n\n");
            }
            // An example is often set as a quote; its text is what is quoted, not the `>` marks.
            let in_example = open.example_from.is_some_and(|(from, _)| i >= from);
            if !(in_example && field.push_unquoted_lines(source, range.clone())) {
                field.push_source_lines(source, range);
            }
            field.trim_end();
        }
        answer.trim();
        example.trim();
        let end = open.segments.last().map_or(open.question_end, |s| s.end);
        let end = open.start + source[open.start..end].trim_end().len();
        let (line, _) = self.index.line_col(source, open.start);
        let (end_line, _) = self
            .index
            .line_col(source, end.saturating_sub(1).max(open.start));
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
                length: end - open.start,
            },
            map: CardMap {
                question: open.question.pieces,
                answer: answer.pieces,
                example: example.pieces,
            },
        });
    }
}

/// The question inside `<summary>…</summary>`: tags removed, common entities decoded, markers stripped.
fn summary_question(source: &str, inner_start: usize, inner: &str) -> FieldText {
    let mut field = FieldText::default();
    if TAG.is_match(inner) || inner.contains('&') {
        let text = TAG.replace_all(inner, "");
        let decoded = text
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&");
        field.push_synthetic(&decoded);
    } else {
        debug_assert_eq!(&source[inner_start..inner_start + inner.len()], inner);
        field.push_source(inner_start, inner);
    }
    strip_question_marker(&mut field);
    field
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceKind;

    fn cards(text: &str) -> Vec<Card> {
        let file = SourceFile {
            display: "t.md".into(),
            key: "t.md".into(),
            text: text.into(),
            kind: SourceKind::Markdown,
        };
        parse(&file, &ParseContext::default()).cards
    }

    fn qa(text: &str) -> Vec<(String, String, Option<String>)> {
        cards(text)
            .into_iter()
            .map(|c| (c.question, c.answer, c.example))
            .collect()
    }

    fn one(q: &str, a: &str, e: Option<&str>) -> (String, String, Option<String>) {
        (q.into(), a.into(), e.map(Into::into))
    }

    #[test]
    fn question_headings_strip_numbering_and_keep_code_blocks() {
        let text = "# Title\n\n## 3. How does `Vec<T>` grow?\n\nIt doubles.\n\n```rust\n# hidden\nv.push(1);\n```\n\n## Networking\n\n### Explain TCP slow start\n\nCwnd grows.\n";
        assert_eq!(
            qa(text),
            [
                one(
                    "How does Vec<T> grow?",
                    "It doubles.\n\n```rust\n# hidden\nv.push(1);\n```",
                    None
                ),
                one("Explain TCP slow start", "Cwnd grows.", None),
            ]
        );
        assert_eq!(cards(text)[1].section.as_deref(), Some("Networking"));
    }

    #[test]
    fn bold_and_q_paragraphs() {
        let text =
            "**Is Rust hard?**\n\nAt first.\n\n**Q:** Why borrow?\n**A:** To share safely.\n";
        assert_eq!(
            qa(text),
            [
                one("Is Rust hard?", "At first.", None),
                one("Why borrow?", "To share safely.", None)
            ]
        );
    }

    #[test]
    fn details_blocks_inline_and_spread_over_blocks() {
        let text = "<details><summary>What is 1 &amp; 2?</summary>Three.</details>\n\n<details>\n<summary>Why?</summary>\n\n- because\n\n</details>\n\nAfter.\n";
        assert_eq!(
            qa(text),
            [
                one("What is 1 & 2?", "Three.", None),
                one("Why?", "- because", None)
            ]
        );
    }

    #[test]
    fn example_markers_are_removed_in_every_form() {
        for (marker, example) in [
            ("**Example:**\n\nWe did X.", "We did X."),
            ("**Example:** We did X.", "We did X."),
            ("Example: We did X.", "We did X."),
            ("_Example answer_: We did X.", "We did X."),
            // A quoted example is its text, not its quote marks.
            (
                "**Example:**\n\n> We did X.\n>\n>  Twice.",
                "We did X.\n\n Twice.",
            ),
        ] {
            let text = format!("## What is X?\n\nX is X.\n\n{marker}\n");
            assert_eq!(
                qa(&text),
                [one("What is X?", "X is X.", Some(example))],
                "{marker}"
            );
        }
    }

    #[test]
    fn quoted_examples_map_to_their_source_bytes() {
        let text = "## What is X?\n\nX is X.\n\nExample:\n\n> We did X.\n> Twice.\n";
        let card = &cards(text)[0];
        assert_eq!(card.example.as_deref(), Some("We did X.\nTwice."));
        let at = |field_offset| CardMap::to_source(&card.map.example, field_offset);
        assert_eq!(at(0).map(|o| &text[o..o + 9]), Some("We did X."));
        assert_eq!(at(10).map(|o| &text[o..o + 6]), Some("Twice."));
    }

    #[test]
    fn sub_headings_stay_in_the_answer_and_crlf_is_dropped() {
        let text = "## What is X?\r\n\r\nX.\r\n\r\n### Details\r\n\r\nMore.\r\n\r\n## Next steps\r\n\r\nNot a card.\r\n";
        assert_eq!(
            qa(text),
            [one("What is X?", "X.\n\n### Details\n\nMore.", None)]
        );
    }

    #[test]
    fn front_matter_sets_title_deck_and_tags_first() {
        let text = "---\ntitle: Notes\ndeck: Interviews::SQL\ntags: [sql, db]\n---\n\n# Notes\n\n## FAQ\n\n**Can I?**\n\nYes.\n";
        let file = SourceFile {
            display: "t.md".into(),
            key: "t.md".into(),
            text: text.into(),
            kind: SourceKind::Markdown,
        };
        let doc = parse(&file, &ParseContext::default());
        assert_eq!(doc.meta.title.as_deref(), Some("Notes"));
        assert_eq!(doc.meta.deck.as_deref(), Some("Interviews::SQL"));
        assert_eq!(doc.cards[0].tags, ["sql", "db", "faq"]);
        assert_eq!(doc.cards[0].section.as_deref(), Some("FAQ"));
    }
}
