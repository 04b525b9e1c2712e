//! The reader's walk through a Markdown outline: where each question starts and where its answer ends.
//!
//! A question opens a card; its answer is everything after it until the next question of its kind or
//! a heading at its level or above, as a reader takes it. What a card contains depends on what opened
//! it: under a question heading, deeper headings, bold labels, `<details>` toggles and lists are part
//! of the answer; a `<details>` question ends at its `</details>`; a question in a list item ends at
//! the next item of its list. Navigation and page furniture inside an answer are left out (and listed
//! as skipped), and every line that ends up in no card is listed as skipped with the reason.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Card, DocumentMeta, Skipped};
use crate::source::cues::{Marker, marker};
use crate::source::field::FieldText;
use crate::source::lines::LineIndex;
use crate::source::{ParseContext, SourceFile};

use super::front_matter::FrontMatter;
use super::layout::Evidence;
use super::outline::{Item, Kind, Outline};

use card::{is_toggle_label, item_question, question_field, section_name};

mod card;
mod furniture;
mod questions;
mod sweep;

/// What opened a card, which decides what its answer holds and what ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    /// A heading of this level, not in a list.
    Heading(u8),
    /// A heading that opens a list item (`1.  ### What is …?`) at this list depth.
    ItemHeading { level: u8, depth: usize },
    /// A `<summary>`; the `<details>` it belongs to, as an index into the open-details stack.
    Summary { frame: Option<usize> },
    /// A bold paragraph.
    Bold,
    /// A `Q:` paragraph.
    Marked,
    /// A list item of a list of questions, at this depth.
    ListItem { depth: usize },
}

impl Opener {
    /// What the opener is and where its answers end, for `--explain`.
    fn describe(self) -> String {
        let hashes = |level: u8| "#".repeat(usize::from(level));
        match self {
            Opener::Heading(level) => format!(
                "`{}` headings; an answer runs to the next heading of that level or above",
                hashes(level)
            ),
            Opener::ItemHeading { level, .. } => format!(
                "`{}` headings opening list items (`1. {} …`); an answer runs to the next item",
                hashes(level),
                hashes(level)
            ),
            Opener::Summary { .. } => {
                "`<details>` blocks, the question in `<summary>`; an answer ends at `</details>`"
                    .to_owned()
            }
            Opener::Bold => {
                "bold paragraphs; an answer runs to the next question or heading".to_owned()
            }
            Opener::Marked => "`Q:` paragraphs; an answer runs to the next question".to_owned(),
            Opener::ListItem { .. } => {
                "items of lists of questions; an answer is the rest of the item and what follows it"
                    .to_owned()
            }
        }
    }
}

struct OpenCard {
    opener: Opener,
    question: FieldText,
    start: usize,
    question_end: usize,
    section: Option<String>,
    /// Indentation to remove from the answer's lines, and where it stops applying.
    indent: (usize, usize),
    example: Option<(usize, usize)>,
    /// The list the question's item belongs to (list-item questions).
    list: Option<usize>,
}

/// An open `<details>` element: where it starts (a question asked in it ends with it).
struct Frame {
    start: usize,
}

/// An `Example:` marker as written in Markdown source, emphasis included: `**Example:**`, `_Example_:`.
static EXAMPLE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    #[expect(clippy::expect_used, reason = "constant pattern, exercised by the tests")]
    Regex::new(
        r"^[ \t]*[*_]*[ \t]*(?i:example|example answer|sample answer|example response|sample response)[ \t]*[*_]*[ \t]*:[ \t]*[*_]*[ \t]*",
    )
    .expect("valid pattern")
});

/// The result of the walk.
pub struct Walked {
    pub cards: Vec<Card>,
    pub skipped: Vec<Skipped>,
    pub meta: DocumentMeta,
    /// How the document was read, for `--explain`.
    pub explain: Vec<String>,
}

pub struct Walk<'a> {
    file: &'a SourceFile,
    ctx: &'a ParseContext,
    outline: &'a Outline,
    evidence: Evidence,
    index: LineIndex,
    meta: DocumentMeta,
    tags: Vec<String>,
    section: Option<String>,
    /// Level of the heading that named the current section.
    section_level: u8,
    titled: bool,
    open: Option<OpenCard>,
    details: Vec<Frame>,
    /// Items starting before this offset belong to a block already dealt with.
    skip_until: usize,
    /// Navigation and furniture left out of answers, sorted.
    holes: Vec<Range<usize>>,
    cards: Vec<Card>,
    skipped: Vec<Skipped>,
    counts: BTreeMap<String, usize>,
}

impl<'a> Walk<'a> {
    pub fn new(file: &'a SourceFile, ctx: &'a ParseContext, outline: &'a Outline) -> Self {
        Walk {
            file,
            ctx,
            outline,
            evidence: Evidence::gather(outline, ctx),
            index: LineIndex::new(&file.text),
            meta: DocumentMeta::default(),
            tags: Vec::new(),
            section: None,
            section_level: 0,
            titled: false,
            open: None,
            details: Vec::new(),
            skip_until: 0,
            holes: Vec::new(),
            cards: Vec::new(),
            skipped: Vec::new(),
            counts: BTreeMap::new(),
        }
    }

    pub fn run(mut self) -> Walked {
        for (index, item) in self.outline.items.iter().enumerate() {
            self.item(index, item);
        }
        let end = self.file.text.len();
        self.close(end);
        self.sweep();
        let mut explain: Vec<String> = self
            .counts
            .iter()
            .map(|(what, n)| {
                format!(
                    "{n} {}: {what}",
                    if *n == 1 { "question" } else { "questions" }
                )
            })
            .collect();
        explain.extend(self.evidence.notes.iter().cloned());
        Walked {
            cards: self.cards,
            skipped: self.skipped,
            meta: self.meta,
            explain,
        }
    }

    fn source(&self) -> &'a str {
        &self.file.text
    }

    fn item(&mut self, index: usize, item: &'a Item) {
        match &item.kind {
            Kind::DetailsOpen => {
                self.details.push(Frame {
                    start: item.range.start,
                });
                return;
            }
            Kind::DetailsClose => {
                self.details_close(item);
                return;
            }
            _ => {}
        }
        if item.range.start < self.skip_until {
            return;
        }
        if let Some(open) = &self.open
            && item.range.start < open.question_end
        {
            return;
        }
        let candidate = self.candidate(item);
        if self.open.is_some() && self.ends_card(item, candidate) {
            let at = match candidate {
                Some(Opener::Summary { .. }) => self.details.last().map_or(item.range.start, |f| {
                    f.start
                        .max(self.open.as_ref().map_or(0, |o| o.question_end))
                }),
                _ => item.range.start,
            };
            self.close(at);
        }
        match (&self.open, candidate) {
            (None, Some(opener)) => self.open_card(opener, index, item),
            (None, None) => self.outside(item),
            (Some(_), _) => self.inside(item),
        }
    }

    /// `</details>`: the end of a `<details>` question's answer when it closes that question's
    /// block, and of any other question asked inside the block.
    fn details_close(&mut self, item: &Item) {
        let Some(top) = self.details.len().checked_sub(1) else {
            return;
        };
        let ends_open_card = match &self.open {
            Some(OpenCard {
                opener: Opener::Summary { frame },
                ..
            }) => *frame == Some(top),
            Some(open) => open.start > self.details[top].start,
            None => false,
        };
        if ends_open_card {
            self.close(item.range.start);
        }
        self.details.pop();
    }

    fn open_card(&mut self, opener: Opener, index: usize, item: &Item) {
        let (question, question_end) = match &item.kind {
            Kind::Heading(h) => (question_field(&h.text), item.range.end),
            Kind::Paragraph(p) => {
                let end = p.first_line_end.unwrap_or(item.range.end);
                (question_field(&p.first_line), end)
            }
            Kind::ListItem(li) => {
                let first = li.first_block.map(|b| &self.outline.items[b]);
                match first.map(|f| (&f.kind, &f.range)) {
                    Some((Kind::Paragraph(p), range)) => item_question(p, range),
                    _ => (FieldText::default(), item.range.end),
                }
            }
            Kind::Summary(s) => (question_field(&s.text), item.range.end),
            _ => return,
        };
        if question.is_empty() {
            return;
        }
        let indent = match (opener, &item.kind) {
            (Opener::ItemHeading { .. }, Kind::Heading(h)) => h
                .opens_item
                .map(|li| self.item_indent(li))
                .unwrap_or((0, 0)),
            (Opener::ListItem { .. }, Kind::ListItem(_)) => self.item_indent(index),
            _ => (0, 0),
        };
        *self.counts.entry(opener.describe()).or_default() += 1;
        let start = match &item.kind {
            Kind::ListItem(li) => li
                .first_block
                .map_or(item.range.start, |b| self.outline.items[b].range.start),
            _ => item.range.start,
        };
        self.open = Some(OpenCard {
            opener,
            question,
            start,
            question_end,
            section: self.section.clone(),
            indent,
            example: None,
            list: self.list_of(index, item),
        });
        if let Opener::Marked = opener {
            self.skip_answer_marker();
        }
    }

    /// The list of the item a list-item question sits in.
    fn list_of(&self, index: usize, item: &Item) -> Option<usize> {
        let item_index = match &item.kind {
            Kind::Heading(h) => h.opens_item?,
            Kind::ListItem(_) => index,
            _ => return None,
        };
        match &self.outline.items[item_index].kind {
            Kind::ListItem(li) => li.list,
            _ => None,
        }
    }

    /// The content column of list item `index` and where the item ends.
    fn item_indent(&self, index: usize) -> (usize, usize) {
        match &self.outline.items[index].kind {
            Kind::ListItem(li) => (li.content_col, self.outline.items[index].range.end),
            _ => (0, 0),
        }
    }

    /// A `Q:` paragraph's answer may open with `A:` / `**Answer:**`: the marker is not the answer.
    fn skip_answer_marker(&mut self) {
        let source = self.source();
        let Some(open) = &mut self.open else {
            return;
        };
        let rest = &source[open.question_end..];
        let trimmed = rest.trim_start();
        let lead = rest.len() - trimmed.len();
        let unbolded = trimmed.trim_start_matches("**");
        let bold = trimmed.len() - unbolded.len();
        if let Some((Marker::Answer, len)) = marker(unbolded) {
            let after = &unbolded[len..];
            let after_bold = after.trim_start_matches("**").trim_start();
            open.question_end += lead + bold + len + (after.len() - after_bold.len());
        }
    }

    /// An item inside the open card's answer: navigation and furniture become holes, an
    /// `Example:` paragraph starts the example.
    fn inside(&mut self, item: &Item) {
        if let Some(reason) = self.navigation(item) {
            self.hole(item, reason);
            return;
        }
        if let Kind::Summary(summary) = &item.kind
            && is_toggle_label(&summary.text.text)
        {
            // "Show answer", "See the solution": the button of a toggle, not part of the answer.
            self.holes.push(item.range.clone());
            return;
        }
        if let Kind::Paragraph(p) = &item.kind
            && let Some(open) = &self.open
            && open.example.is_none()
            && matches!(
                marker(p.first_line.text.trim_start()),
                Some((Marker::Example, _))
            )
        {
            let text = &self.source()[item.range.clone()];
            if let Some(m) = EXAMPLE_MARKER.find(text) {
                let at = item.range.start;
                if let Some(open) = &mut self.open {
                    open.example = Some((at, at + m.end()));
                }
            }
        }
    }

    /// An item outside any card that opens none: the title, a section heading, navigation, or text
    /// the final sweep lists.
    fn outside(&mut self, item: &Item) {
        match &item.kind {
            Kind::FrontMatter(yaml) => self.front_matter(yaml, &item.range),
            Kind::Heading(h) => {
                if item.quoted || item.depth > 0 {
                    return;
                }
                if let Some(reason) = self.navigation(item) {
                    self.hole(item, reason);
                    return;
                }
                let text = section_name(&h.text.text);
                let first_heading = self.cards.is_empty() && self.section.is_none() && !self.titled;
                if first_heading && h.level == 1 {
                    self.titled = true;
                    self.meta.title.get_or_insert(text);
                    self.skip(&item.range, "document title");
                } else {
                    self.section = Some(text);
                    self.section_level = h.level;
                    self.skip(&item.range, "heading (section of the cards below it)");
                }
            }
            _ => {
                if let Some(reason) = self.navigation(item) {
                    self.hole(item, reason);
                }
            }
        }
    }

    fn front_matter(&mut self, yaml: &str, range: &Range<usize>) {
        match FrontMatter::read(yaml) {
            Ok(front) => {
                self.meta.title = front.title;
                self.meta.deck = front.deck;
                self.tags = front.tags.into_vec();
                self.skip(range, "front matter");
            }
            Err(err) => self.skip(range, format!("front matter that is not valid YAML: {err}")),
        }
    }

    /// Leaves `item` out: a hole in the open answer, and a skipped entry either way.
    fn hole(&mut self, item: &Item, reason: String) {
        let range = item.range.clone();
        self.skip_until = self.skip_until.max(range.end);
        if !matches!(item.kind, Kind::Rule) || self.open.is_none() {
            self.skip(&range, reason);
        }
        self.holes.push(range);
    }

    fn skip(&mut self, range: &Range<usize>, reason: impl Into<String>) {
        let source = self.source();
        let trimmed = source[range.clone()].trim_end();
        if trimmed.trim().is_empty() {
            return;
        }
        let end = range.start + trimmed.len();
        let (line, _) = self.index.line_col(source, range.start);
        let (end_line, _) = self
            .index
            .line_col(source, end.saturating_sub(1).max(range.start));
        self.skipped.push(Skipped {
            file: self.file.display.clone(),
            line: Some(line),
            end_line: Some(end_line),
            reason: reason.into(),
            excerpt: Skipped::excerpt_of(trimmed),
        });
    }
}
